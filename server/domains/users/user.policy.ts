import { hasRole, isStaff, type Actor } from '../../http/actor.js';

/** Who may do what with accounts. */
export const userPolicy = {
  /** Accounts are managed by administrators only. */
  manage: (a: Actor) => hasRole(a, 'admin'),
  /** Staff see the directory (to route, assign and dispatch); customer contacts do not. */
  readDirectory: (a: Actor) => isStaff(a),
  /** Everyone signed in reads and edits their own profile and password. */
  self: (_a: Actor) => true,
};
