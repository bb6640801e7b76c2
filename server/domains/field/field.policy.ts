import { hasRole, isStaff, type Actor } from '../../http/actor.js';

/**
 * Field service (R6, R7, R9). Staff handling faults diagnose remotely and record resolutions;
 * dispatchers and managers send engineers; the engineers on a visit record its steps (checked per
 * visit by the service); customer contacts see their own organisation's visits and forms, and sign.
 */
export const fieldPolicy = {
  /** Visits, forms and repair records: everyone signed in, contacts scoped to their customer. */
  read: (_a: Actor) => true,
  /** Remote sessions and how a fault was fixed are the desk's working records. */
  readInternal: (a: Actor) => isStaff(a),
  work: (a: Actor) => hasRole(a, 'admin', 'manager', 'dispatcher', 'agent', 'engineer'),
  /** Creating, re-planning and cancelling visits (派工). */
  dispatch: (a: Actor) => hasRole(a, 'admin', 'manager', 'dispatcher'),
  /** The engineer's steps; the service also checks the person is on the visit. */
  visit: (a: Actor) => hasRole(a, 'admin', 'manager', 'dispatcher', 'engineer'),
  /** Signing a service form: the engineer's screen (staff) or the customer's own contact. */
  sign: (a: Actor) => !isStaff(a) || hasRole(a, 'admin', 'manager', 'dispatcher', 'agent', 'engineer'),
};

/** Whether this person may record steps on any visit, not only their own. */
export function mayRecordAnyVisit(a: Actor): boolean {
  return hasRole(a, 'admin', 'manager', 'dispatcher');
}
