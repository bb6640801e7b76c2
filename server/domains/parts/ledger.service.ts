import { randomUUID } from 'node:crypto';
import type { Deps } from '../../deps.js';
import type { Executor } from '../../db/database.js';
import type { PartRow, StockLedgerRow, StoreRow } from '../../db/schema.js';
import type { RequestContext } from '../../http/actor.js';
import { AppError } from '../../http/errors.js';
import { notifyBelowMinimum } from '../notifications/notification.service.js';
import { findMinimum } from './parts.repository.js';
import * as repo from './stock.repository.js';
import {
  availableBefore,
  crossesBelowMinimum,
  dispatchBucket,
  drawsOnStock,
  issuedDelta,
  levelDeltas,
  unitTransition,
  type DispatchMovement,
  type LevelDeltas,
  type MovementKind,
  type MovementOptions,
  type UnitState,
} from './stock-movements.js';

/**
 * The one way stock moves (issue 7 item 3): ledger rows appended, the level they sum updated and
 * serial-tracked units moved, all in the caller's transaction. Every level change is the
 * conditional UPDATE of stock.repository.ts, so a movement that would take a level below zero is
 * refused with `stock_insufficient` and, the transaction rolling back, leaves nothing behind.
 */

export interface MovementLine {
  kind: MovementKind;
  part: PartRow;
  store: StoreRow;
  qty: number;
  /** Serials named by the requester (trimmed), for serial-tracked parts. */
  serials?: string[];
  options?: MovementOptions;
  /** transfer_out: the store the units go to. */
  toStore?: StoreRow;
  dispatchId?: number | null;
  ticketId?: number | null;
  /** The RMA case or the loan the movement belongs to. */
  rmaId?: number | null;
  loanId?: number | null;
  reason?: string;
}

export interface MovementOutcome {
  line: MovementLine;
  rows: StockLedgerRow[];
  /** The serials the movement took or brought, in order (empty for bulk parts). */
  serials: string[];
}

/** A batch id for the rows of one movement. */
export function newBatchId(): string {
  return randomUUID();
}

function invalid(summary: string, details?: unknown): AppError {
  return new AppError('stock_movement_invalid', { summary }, details ?? null);
}

function insufficient(line: MovementLine, available: number, bucket?: string): AppError {
  const details = { partId: line.part.id, partNumber: line.part.part_number, storeId: line.store.id, storeName: line.store.name, available, requested: line.qty, ...(bucket && { bucket }) };
  return new AppError('stock_insufficient', details, details);
}

/** What a refused draw had: available stock, or the reserved or faulty units it would take. */
function drawnFrom(d: LevelDeltas, level: repo.Level): number {
  if (d.faulty < 0) return level.faulty;
  if (d.reserved < 0) return level.reserved;
  return level.onHand - level.reserved;
}

/** Checks the movement's shape against its part: serials only and exactly for serial-tracked parts. */
function checkShape(line: MovementLine): void {
  const { part, serials, qty } = line;
  if (!Number.isSafeInteger(qty) || qty < 1) throw invalid('the quantity must be a whole number above zero');
  if (part.serial_tracked !== 1) {
    if (serials?.length) throw invalid(`part ${part.part_number} is not serial-tracked: leave out the serials`);
    return;
  }
  if (serials && serials.length !== qty) throw invalid(`${serials.length} serial(s) for a quantity of ${qty}`);
  if (new Set(serials).size !== (serials?.length ?? 0)) throw invalid('a serial is named twice');
  if (!serials && unitTransition(line.kind, line.options)?.serialsRequired) throw invalid(`part ${part.part_number} is serial-tracked: name the serial of each unit`);
}

/** A dispatch's reserved or issued bucket for a part in a store, from its ledger rows. */
async function bucketAmount(db: Executor, dispatchId: number, partId: number, storeId: number, bucket: 'reserved' | 'issued'): Promise<number> {
  const sums = await repo.sumDispatchRows(db, dispatchId, { partId, storeId });
  return bucket === 'reserved' ? sums.reduce((n, s) => n + s.reserved, 0) : sums.reduce((n, s) => n + issuedDelta(s.kind as MovementKind, s.qty), 0);
}

const KEEPS_DISPATCH: readonly UnitState[] = ['reserved', 'issued', 'installed', 'faulty'];
const IN_STORE_STATES: readonly UnitState[] = ['in_stock', 'reserved'];

/** Moves (or brings in) the units of a serial-tracked part; returns their serials. */
async function moveUnitsOf(trx: Executor, deps: Deps, line: MovementLine): Promise<string[]> {
  const t = unitTransition(line.kind, line.options);
  if (!t) return line.serials ?? [];
  const { part, store } = line;
  const oldStates = t.from.states.filter((s): s is UnitState => s !== 'new');
  const acceptsNew = t.from.states.includes('new');
  const fits = (u: { state: string; store_id: number | null; dispatch_id: number | null }) =>
    oldStates.includes(u.state as UnitState) && (!t.from.inStore || u.store_id === store.id) && (!t.from.ofDispatch || u.dispatch_id === (line.dispatchId ?? null));

  let existing;
  let fresh: string[] = [];
  if (line.serials) {
    existing = await repo.findUnitsBySerial(trx, part.id, line.serials);
    const bad = existing.filter((u) => !fits(u));
    if (bad.length > 0) {
      const serials = bad.map((u) => u.serial).join(', ');
      const details = bad.map((u) => ({ serial: u.serial, state: u.state, storeId: u.store_id }));
      throw new AppError(acceptsNew && oldStates.length === 0 ? 'stock_serial_exists' : 'stock_units_unavailable', { partNumber: part.part_number, serials }, details);
    }
    const known = new Set(existing.map((u) => u.serial));
    fresh = line.serials.filter((s) => !known.has(s));
    if (fresh.length > 0 && !acceptsNew) throw new AppError('stock_units_unavailable', { partNumber: part.part_number, serials: fresh.join(', ') }, fresh.map((serial) => ({ serial, state: null, storeId: null })));
  } else {
    existing = await repo.pickUnits(trx, {
      partId: part.id,
      storeId: t.from.inStore ? store.id : undefined,
      states: oldStates,
      dispatchId: t.from.ofDispatch ? (line.dispatchId ?? undefined) : undefined,
      limit: line.qty,
    });
    if (existing.length < line.qty) throw insufficient(line, existing.length);
  }

  const now = deps.clock.now();
  const storeId = t.place === 'store' ? store.id : t.place === 'other_store' ? line.toStore!.id : null;
  const dispatchId = KEEPS_DISPATCH.includes(t.to) ? (line.dispatchId ?? null) : null;
  const ticketId = line.ticketId ?? null;
  // Each unit is followed by where it came from: a failed unit keeps the fault it was taken out on.
  const target = { state: t.to, store_id: storeId, dispatch_id: dispatchId, ticket_id: IN_STORE_STATES.includes(t.to) ? null : ticketId, updated_at: now };
  if (existing.length > 0) {
    const moved = await repo.moveUnits(trx, existing.map((u) => u.id), oldStates, target);
    if (moved !== existing.length) throw new AppError('stock_units_unavailable', { partNumber: part.part_number, serials: existing.map((u) => u.serial).join(', ') });
  }
  if (fresh.length > 0) await repo.insertUnits(trx, fresh.map((serial) => ({ part_id: part.id, serial, ...target })));
  return line.serials ?? existing.map((u) => u.serial);
}

/** Applies one line: checks, level, units, ledger rows, and the below-minimum alert. */
async function applyLine(trx: Executor, deps: Deps, ctx: RequestContext, line: MovementLine, batchId: string): Promise<MovementOutcome> {
  checkShape(line);
  const bucket = line.dispatchId != null ? dispatchBucket(line.kind as DispatchMovement) : null;
  if (bucket) {
    const amount = await bucketAmount(trx, line.dispatchId!, line.part.id, line.store.id, bucket);
    if (amount < line.qty) throw insufficient(line, amount, bucket);
  }

  const deltas = levelDeltas(line.kind, line.qty, line.options);
  let level: repo.Level | null = null;
  if (drawsOnStock(deltas)) {
    level = (await repo.drawOnLevel(trx, line.part.id, line.store.id, deltas)) ?? null;
    if (!level) throw insufficient(line, drawnFrom(deltas, await repo.findLevel(trx, line.part.id, line.store.id)));
  } else if (deltas.onHand !== 0 || deltas.faulty !== 0) {
    level = await repo.addToLevel(trx, line.part.id, line.store.id, deltas);
  }

  const serials = line.part.serial_tracked === 1 ? await moveUnitsOf(trx, deps, line) : [];

  const at = deps.clock.now();
  const base = {
    at,
    kind: line.kind,
    part_id: line.part.id,
    store_id: line.store.id,
    dispatch_id: line.dispatchId ?? null,
    ticket_id: line.ticketId ?? null,
    rma_id: line.rmaId ?? null,
    loan_id: line.loanId ?? null,
    reason: line.reason?.trim() ?? '',
    actor_user_id: ctx.actor?.userId ?? null,
    actor_name: ctx.actor?.displayName ?? ctx.actor?.username ?? 'system',
    batch_id: batchId,
  };
  const row = (serial: string | null, qty: number) => {
    const d = levelDeltas(line.kind, qty, line.options);
    return { ...base, serial, qty, qty_delta_on_hand: d.onHand, qty_delta_reserved: d.reserved, qty_delta_faulty: d.faulty };
  };
  const rows = await repo.insertLedgerRows(trx, serials.length > 0 ? serials.map((s) => row(s, 1)) : [row(null, line.qty)]);

  if (level && deltas.onHand - deltas.reserved < 0) {
    const minimum = await findMinimum(trx, line.store.id, line.part.id);
    if (crossesBelowMinimum(minimum, availableBefore(level, deltas), level.onHand - level.reserved)) {
      await notifyBelowMinimum(trx, deps, { partId: line.part.id, storeId: line.store.id });
    }
  }
  return { line, rows, serials };
}

/**
 * Applies the lines of one movement in order, all in the caller's transaction and one batch. A
 * transfer's `transfer_in` line takes the serials its `transfer_out` line moved.
 */
export async function applyMovement(trx: Executor, deps: Deps, ctx: RequestContext, lines: MovementLine[], batchId = newBatchId()): Promise<MovementOutcome[]> {
  const pairs = new Map(lines.map((l) => [`${l.part.id}:${l.store.id}`, { partId: l.part.id, storeId: l.store.id }]));
  await repo.lockLevels(trx, deps.engine, [...pairs.values()]);
  const outcomes: MovementOutcome[] = [];
  for (const line of lines) {
    const previous = outcomes[outcomes.length - 1];
    const input = line.kind === 'transfer_in' && previous?.line.kind === 'transfer_out' && previous.serials.length > 0 ? { ...line, serials: previous.serials } : line;
    outcomes.push(await applyLine(trx, deps, ctx, input, batchId));
  }
  return outcomes;
}
