import { hasRole, isStaff, type Actor } from '../../http/actor.js';

/**
 * Spare parts (R8, issue 7 item 7). The storekeeper moves stock and keeps the catalogue and the
 * stores (with the administrators and managers); all staff read them; dispatchers reserve the
 * parts a visit brings; engineers record use and returns on their own visits (checked per visit
 * by the service). A customer contact sees the stores kept at their own sites and the stock in
 * them — scoped in every query — and nothing else of it: RMA cases, loans, the ledger, reports
 * and exports are the provider's records (a lent loaner shows as an asset of their own).
 */
export const partsPolicy = {
  /** The catalogue, the ledger, units, spares for a model: the provider's working records. */
  read: (a: Actor) => isStaff(a),
  /** Stores and their levels: staff, and contacts for their own customer's stores. */
  readStores: (_a: Actor) => true,
  manage: (a: Actor) => isStaff(a) && hasRole(a, 'admin', 'manager', 'storekeeper'),
  moveStock: (a: Actor) => isStaff(a) && hasRole(a, 'admin', 'manager', 'storekeeper'),
  /** Parts on a visit; the service decides per movement (see mayMoveOnDispatch). */
  dispatchParts: (a: Actor) => isStaff(a) && hasRole(a, 'admin', 'manager', 'storekeeper', 'dispatcher', 'engineer'),
  /** Sending faulty stock or devices to the vendor and taking them back (RMA): the storekeeper's. */
  rma: (a: Actor) => isStaff(a) && hasRole(a, 'admin', 'manager', 'storekeeper'),
  /** Lending a loaner and taking it back: the storekeeper, and the dispatchers who arrange it (R6). */
  loans: (a: Actor) => isStaff(a) && hasRole(a, 'admin', 'manager', 'storekeeper', 'dispatcher'),
};

/**
 * Who may record a movement on a visit: reserving and releasing is the dispatchers' and the
 * storekeeper's; handing parts out is the storekeeper's, and the engineers on the visit may take
 * out what was reserved for it themselves (an on-site store at the customer's has no storekeeper
 * standing by); use and returns are recorded by the engineers on the visit, or by the storekeeper
 * for them.
 */
export function mayMoveOnDispatch(a: Actor, kind: string, isOnVisit: boolean): boolean {
  if (hasRole(a, 'admin', 'manager', 'storekeeper')) return true;
  if (kind === 'reserve' || kind === 'unreserve') return hasRole(a, 'dispatcher');
  if (kind === 'issue') return isOnVisit && hasRole(a, 'engineer');
  if (kind === 'use' || kind === 'return_unused' || kind === 'return_faulty') return isOnVisit && hasRole(a, 'engineer', 'dispatcher');
  return false;
}
