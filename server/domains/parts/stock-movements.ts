/**
 * Stock movements as data (R8, issue 7 item 3): what each kind of ledger row does to a store's
 * level and, for serial-tracked parts, which units it takes and where they go. Pure: the stock
 * service asks, the unit tests read the tables.
 *
 * A store's level has three numbers: `onHand` (good units in the store, reserved ones included),
 * `reserved` (of those, held for dispatches) and `faulty` (failed units waiting for the vendor or
 * the scrap bin, never offered as spares). Available = onHand − reserved. Parts issued to an
 * engineer are out of the store: a dispatch's bucket in the ledger until used or brought back.
 */

export const MOVEMENT_KINDS = [
  'receive',
  'transfer_out',
  'transfer_in',
  'reserve',
  'unreserve',
  'issue',
  'use',
  'return_unused',
  'return_faulty',
  'rma_send',
  'rma_receive',
  'rma_cancel',
  'rma_close',
  'loan_out',
  'loan_return',
  'scrap',
  'adjust',
] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

export const UNIT_STATES = ['in_stock', 'reserved', 'issued', 'installed', 'faulty', 'at_vendor', 'on_loan', 'scrapped', 'lost'] as const;
export type UnitState = (typeof UNIT_STATES)[number];

export interface LevelDeltas {
  onHand: number;
  reserved: number;
  faulty: number;
}

export interface MovementOptions {
  /** adjust: −1 takes units off the count, +1 adds found ones. */
  sign?: 1 | -1;
  /** scrap: the units scrapped are faulty ones (else good stock). */
  faulty?: boolean;
}

/** What one movement of `qty` units (qty > 0) does to its store's level. */
export function levelDeltas(kind: MovementKind, qty: number, options: MovementOptions = {}): LevelDeltas {
  const d = (onHand: number, reserved: number, faulty: number): LevelDeltas => ({ onHand: onHand * qty, reserved: reserved * qty, faulty: faulty * qty });
  switch (kind) {
    case 'receive':
    case 'transfer_in':
    case 'return_unused':
    case 'rma_receive':
    case 'loan_return':
      return d(1, 0, 0);
    // A loaner leaves the store's good stock for a customer's site (R6 备用机), as a transfer's units leave.
    case 'transfer_out':
    case 'loan_out':
      return d(-1, 0, 0);
    case 'reserve':
      return d(0, 1, 0);
    case 'unreserve':
      return d(0, -1, 0);
    // Reserved units leave the store with the engineer.
    case 'issue':
      return d(-1, -1, 0);
    // The part was already out of the store: the row records where it went (the ticket).
    case 'use':
      return d(0, 0, 0);
    case 'return_faulty':
      return d(0, 0, 1);
    case 'rma_send':
      return d(0, 0, -1);
    // An RMA cancelled before the vendor had it: the units are the store's faulty stock again.
    case 'rma_cancel':
      return d(0, 0, 1);
    // The vendor kept the units (a replacement came instead, or none): they were already out.
    case 'rma_close':
      return d(0, 0, 0);
    case 'scrap':
      return options.faulty ? d(0, 0, -1) : d(-1, 0, 0);
    case 'adjust':
      return d(options.sign ?? 1, 0, 0);
  }
}

/**
 * Whether a movement must find the stock it draws on: it lowers a number, or reserves (which
 * lowers what is available). These go through the conditional UPDATE that refuses to go below
 * zero; the others may create the level row.
 */
export function drawsOnStock(deltas: LevelDeltas): boolean {
  return deltas.onHand < 0 || deltas.reserved !== 0 || deltas.faulty < 0;
}

/** The available count a level had before a movement, from the level after it and the deltas. */
export function availableBefore(after: { onHand: number; reserved: number }, deltas: LevelDeltas): number {
  return after.onHand - deltas.onHand - (after.reserved - deltas.reserved);
}

/**
 * Whether a movement took a level below its store's minimum: available was at or above it and
 * is now below. Only the crossing alerts, so a store already short is not re-announced at every
 * movement.
 */
export function crossesBelowMinimum(minimum: number, before: number, after: number): boolean {
  return minimum > 0 && before >= minimum && after < minimum;
}

/** Where a serial-tracked unit must be for a movement to take it: its states, and whose it must be. */
export interface UnitSource {
  /** States the unit may be in; 'new' means a serial not yet recorded may come in. */
  states: readonly (UnitState | 'new')[];
  /** The unit must be in the movement's store (else: anywhere, or in no store). */
  inStore: boolean;
  /** The unit must be held for the movement's dispatch. */
  ofDispatch: boolean;
}

export interface UnitTransition {
  from: UnitSource;
  to: UnitState;
  /** Where the unit is afterwards: the movement's store, the other store of a transfer, or none. */
  place: 'store' | 'other_store' | 'none';
  /** Whether the serials must be named (units coming in); else the service picks the oldest units. */
  serialsRequired: boolean;
}

const T = (states: UnitSource['states'], inStore: boolean, ofDispatch: boolean, to: UnitState, place: UnitTransition['place'], serialsRequired = false): UnitTransition => ({
  from: { states, inStore, ofDispatch },
  to,
  place,
  serialsRequired,
});

/**
 * How each movement moves a serial-tracked unit; null: the row moves no unit by itself (a
 * transfer's units move with its `transfer_out` row).
 */
export function unitTransition(kind: MovementKind, options: MovementOptions = {}): UnitTransition | null {
  switch (kind) {
    case 'receive':
      return T(['new'], false, false, 'in_stock', 'store', true);
    case 'transfer_out':
      return T(['in_stock'], true, false, 'in_stock', 'other_store');
    case 'transfer_in':
      return null;
    case 'reserve':
      return T(['in_stock'], true, false, 'reserved', 'store');
    case 'unreserve':
      return T(['reserved'], true, true, 'in_stock', 'store');
    // An issued unit keeps its store as where it came from and goes back to on return.
    case 'issue':
      return T(['reserved'], true, true, 'issued', 'store');
    case 'use':
      return T(['issued'], true, true, 'installed', 'none');
    case 'return_unused':
      return T(['issued'], true, true, 'in_stock', 'store');
    // The failed unit from a customer's device: one of ours installed earlier, or one never recorded.
    case 'return_faulty':
      return T(['new', 'installed'], false, false, 'faulty', 'store', true);
    case 'rma_send':
      return T(['faulty'], true, false, 'at_vendor', 'store');
    // The repaired unit, or the vendor's replacement under a new serial.
    case 'rma_receive':
      return T(['new', 'at_vendor'], false, false, 'in_stock', 'store', true);
    case 'rma_cancel':
      return T(['at_vendor'], true, false, 'faulty', 'store');
    case 'rma_close':
      return T(['at_vendor'], true, false, 'scrapped', 'none');
    // A lent unit keeps the store it came from; it may come back to any store.
    case 'loan_out':
      return T(['in_stock'], true, false, 'on_loan', 'store', true);
    case 'loan_return':
      return T(['on_loan'], false, false, 'in_stock', 'store', true);
    case 'scrap':
      return T([options.faulty ? 'faulty' : 'in_stock'], true, false, 'scrapped', 'none');
    case 'adjust':
      return options.sign === -1 ? T(['in_stock'], true, false, 'lost', 'none') : T(['new', 'lost'], false, false, 'in_stock', 'store', true);
  }
}

/** Movements that need a dispatch, and the visit states that allow them. */
export const DISPATCH_MOVEMENTS = ['reserve', 'unreserve', 'issue', 'use', 'return_unused', 'return_faulty'] as const;
export type DispatchMovement = (typeof DISPATCH_MOVEMENTS)[number];

const OPEN = ['planned', 'accepted', 'en_route', 'on_site'];
const ARRIVED = ['on_site', 'done'];
const ANY = [...OPEN, 'done', 'cancelled'];
const DISPATCH_STATES: Record<DispatchMovement, readonly string[]> = {
  // Parts are reserved and handed out before the visit ends.
  reserve: OPEN,
  issue: OPEN,
  // Releasing and bringing back are always possible: a cancelled visit must give its parts back.
  unreserve: ANY,
  return_unused: ANY,
  // Only a visit that reached the site used a part or took a failed one out.
  use: ARRIVED,
  return_faulty: ARRIVED,
};

/** Whether a visit in this state may take this movement. */
export function dispatchAllows(kind: DispatchMovement, dispatchState: string): boolean {
  return DISPATCH_STATES[kind].includes(dispatchState);
}

/**
 * The dispatch's bucket a movement draws from, computed from its ledger rows: reserved for it in
 * the store, or issued to its engineers from the store and not yet used or brought back.
 */
export function dispatchBucket(kind: DispatchMovement): 'reserved' | 'issued' | null {
  if (kind === 'unreserve' || kind === 'issue') return 'reserved';
  if (kind === 'use' || kind === 'return_unused') return 'issued';
  return null;
}

/** How a dispatch's ledger rows of one kind count towards its issued bucket. */
export function issuedDelta(kind: MovementKind, qty: number): number {
  if (kind === 'issue') return qty;
  if (kind === 'use' || kind === 'return_unused') return -qty;
  return 0;
}

/** Stock count differences: what the count found against what the ledger says is on hand. */
export function countDifference(expected: number, counted: number): { difference: number; sign: 1 | -1 | 0 } {
  const difference = counted - expected;
  return { difference, sign: difference > 0 ? 1 : difference < 0 ? -1 : 0 };
}
