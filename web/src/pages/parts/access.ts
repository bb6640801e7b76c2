import type { DispatchPartStep } from '../../api/parts';
import type { Role, User } from '../../api/types';
import { hasAnyRole, isCustomerContact } from '../../components/access';

/**
 * Who does what with spare parts; mirrors server/domains/parts/parts.policy.ts (the server still
 * decides). All staff read the catalogue, the stores and the ledger; the storekeeper, with the
 * administrators and service managers, keeps them and moves stock; customer contacts read the
 * stock of their own site stores only.
 */
export const PARTS_ACCESS = {
  /** Whom the menu offers the module to; other staff may still open it, read only. */
  menu: ['admin', 'manager', 'storekeeper', 'dispatcher', 'engineer'],
  manage: ['admin', 'manager', 'storekeeper'],
  /** The parts of a visit: read, and the movements the server allows per kind (below). */
  visit: ['admin', 'manager', 'storekeeper', 'dispatcher', 'engineer'],
} as const satisfies Record<string, readonly Role[]>;

/** Keeps the catalogue and the stores, and moves stock (入库, 调拨, 调整, 报废, 盘点). */
export function canManageParts(user: User): boolean {
  return !isCustomerContact(user) && hasAnyRole(user, PARTS_ACCESS.manage);
}

/** Reads a visit's parts. */
export function canSeeVisitParts(user: User): boolean {
  return !isCustomerContact(user) && hasAnyRole(user, PARTS_ACCESS.visit);
}

/**
 * Whether this person may record a movement of a visit's parts; mirrors mayMoveOnDispatch:
 * reserving and releasing is the dispatchers' and the storekeeper's; handing parts out is the
 * storekeeper's; use and returns are recorded by the visit's own engineers (or a dispatcher on
 * it), or by the storekeeper for them.
 */
export function mayMoveVisitParts(user: User, kind: DispatchPartStep | 'reserve', engineers: readonly { id: number }[]): boolean {
  if (isCustomerContact(user)) return false;
  if (hasAnyRole(user, PARTS_ACCESS.manage)) return true;
  if (kind === 'reserve' || kind === 'unreserve') return hasAnyRole(user, ['dispatcher']);
  // The engineers on the visit take out what was reserved for it (the server's mayMoveOnDispatch).
  if (kind === 'issue') return hasAnyRole(user, ['engineer']) && engineers.some((e) => e.id === user.id);
  if (kind === 'use' || kind === 'return_unused' || kind === 'return_faulty') {
    return hasAnyRole(user, ['engineer', 'dispatcher']) && engineers.some((e) => e.id === user.id);
  }
  return false;
}

const OPEN = ['planned', 'accepted', 'en_route', 'on_site'];
const ARRIVED = ['on_site', 'done'];

/** The visit states each movement is allowed in; mirrors dispatchAllows in stock-movements.ts. */
export function visitAllows(kind: DispatchPartStep | 'reserve', state: string): boolean {
  if (kind === 'reserve' || kind === 'issue') return OPEN.includes(state);
  if (kind === 'use' || kind === 'return_faulty') return ARRIVED.includes(state);
  return true;
}
