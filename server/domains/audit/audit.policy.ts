import { hasRole, type Actor } from '../../http/actor.js';

/** The audit trail (R18) is read by administrators and quality managers. */
export const auditPolicy = {
  read: (a: Actor) => hasRole(a, 'admin', 'manager'),
};
