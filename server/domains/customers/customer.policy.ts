import { hasRole, type Actor } from '../../http/actor.js';

/** Customer files (R18). Reading is scoped per customer in the service, not here. */
export const customerPolicy = {
  read: (_a: Actor) => true,
  manage: (a: Actor) => hasRole(a, 'admin', 'manager'),
};
