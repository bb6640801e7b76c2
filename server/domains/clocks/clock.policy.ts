import { hasRole, isStaff, type Actor } from '../../http/actor.js';

/**
 * Service clocks (R4): staff read policies, calendars and compliance; administrators and managers
 * set policies and calendars (the contract's promises are theirs to record). Everyone signed in may
 * read a ticket's clocks — a customer contact only their own organisation's tickets (scoped by the
 * tickets service) — since the promise is made to them.
 */
export const clockPolicy = {
  read: (a: Actor) => isStaff(a),
  manage: (a: Actor) => hasRole(a, 'admin', 'manager'),
  readTicketClocks: (_a: Actor) => true,
};
