import { hasRole, type Actor } from '../../http/actor.js';

/**
 * Customer files, contacts and sites (R18). Everyone signed in reads — a customer contact only
 * their own organisation, which the services enforce in every query. The service centre keeps the
 * files: administrators, managers, dispatchers and hotline agents write them.
 */
export const customerPolicy = {
  read: (_a: Actor) => true,
  manage: (a: Actor) => hasRole(a, 'admin', 'manager', 'dispatcher', 'agent'),
  import: (a: Actor) => hasRole(a, 'admin', 'manager'),
};
