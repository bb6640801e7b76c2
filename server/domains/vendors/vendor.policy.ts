import { hasRole, isStaff, type Actor } from '../../http/actor.js';

/**
 * Vendors and escalations to their support (R6: 上报到相关厂商技术支援部). Vendor records are the
 * desk's own: all staff read them, the people who run the desk keep them. Escalations are the
 * working record between engineers and a vendor; customer contacts never see them.
 */
export const vendorPolicy = {
  read: (a: Actor) => isStaff(a),
  manage: (a: Actor) => isStaff(a) && hasRole(a, 'admin', 'manager', 'dispatcher'),
  /** Reading and working escalations: the staff who handle faults. */
  escalate: (a: Actor) => isStaff(a) && hasRole(a, 'admin', 'manager', 'dispatcher', 'agent', 'engineer'),
};
