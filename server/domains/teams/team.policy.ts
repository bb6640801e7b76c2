import { hasRole, isStaff, type Actor } from '../../http/actor.js';

/** Teams are the groups requests are routed to (R1). */
export const teamPolicy = {
  /** All staff see teams: agents route to them, dispatchers assign from them. */
  read: (a: Actor) => isStaff(a),
  /** Administrators and service managers shape the organisation. */
  manage: (a: Actor) => hasRole(a, 'admin', 'manager'),
};
