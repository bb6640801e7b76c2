import { hasRole, isStaff, type Actor } from '../../http/actor.js';

/**
 * The service desk. Everyone signed in reads tickets — a customer contact only their own
 * organisation's, enforced in every query — and may open and reply; the staff who handle requests
 * work them; internal notes are for staff.
 */
export const ticketPolicy = {
  read: (_a: Actor) => true,
  open: (a: Actor) => !isStaff(a) || hasRole(a, 'admin', 'manager', 'dispatcher', 'agent', 'engineer'),
  reply: (a: Actor) => !isStaff(a) || hasRole(a, 'admin', 'manager', 'dispatcher', 'agent', 'engineer'),
  /** Edit, note, transfer: staff handling requests. Contacts' own steps are checked by the workflow. */
  work: (a: Actor) => hasRole(a, 'admin', 'manager', 'dispatcher', 'agent', 'engineer'),
  transition: (a: Actor) => !isStaff(a) || hasRole(a, 'admin', 'manager', 'dispatcher', 'agent', 'engineer'),
};
