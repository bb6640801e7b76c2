import { hasRole, type Actor } from '../../http/actor.js';

/**
 * The asset registry. Everyone reads (a customer contact only their own organisation's devices,
 * enforced in every query); staff who touch devices keep the records — engineers update versions
 * and locations after a visit.
 */
export const assetPolicy = {
  read: (_a: Actor) => true,
  manage: (a: Actor) => hasRole(a, 'admin', 'manager', 'dispatcher', 'agent', 'engineer'),
};
