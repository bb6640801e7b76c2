import { hasRole, type Actor } from '../../http/actor.js';

/** API tokens let integrations (monitoring, ERP) act as an account: administrators issue them. */
export const tokenPolicy = {
  manage: (a: Actor) => hasRole(a, 'admin'),
};
