import { hasRole, type Actor } from '../../http/actor.js';

/** Contracts (R14) are what was sold: managers and administrators record them; everyone reads (scoped). */
export const contractPolicy = {
  read: (_a: Actor) => true,
  manage: (a: Actor) => hasRole(a, 'admin', 'manager'),
};
