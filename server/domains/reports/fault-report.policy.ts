import { hasRole, isStaff, type Actor } from '../../http/actor.js';

/**
 * Fault analysis reports (R10). The staff who handle faults draft, edit and deliver them; a
 * service manager (or an administrator) approves what goes to the customer. A customer contact
 * reads their own organisation's reports once delivered — before that a report does not exist for
 * them (the service answers "not found").
 */
export const reportPolicy = {
  read: (_a: Actor) => true,
  write: (a: Actor) => hasRole(a, 'admin', 'manager', 'dispatcher', 'agent', 'engineer'),
  approve: (a: Actor) => hasRole(a, 'admin', 'manager'),
  /** Whether drafts and approved reports not yet delivered are visible. */
  seesUndelivered: (a: Actor) => isStaff(a),
};
