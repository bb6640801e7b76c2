import type { Deps } from '../../deps.js';
import type { Executor } from '../../db/database.js';
import { writeTransaction } from '../../db/group-commit.js';
import type { PartRow, StoreRow } from '../../db/schema.js';
import type { RequestContext } from '../../http/actor.js';
import { AppError } from '../../http/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { notifyBelowMinimum } from '../notifications/notification.service.js';
import { loadPart, loadStore } from './catalogue.service.js';
import { applyMovement, newBatchId, type MovementLine, type MovementOutcome } from './ledger.service.js';
import { presentEntry, presentLevel } from './parts.presenter.js';
import * as partsRepo from './parts.repository.js';
import * as repo from './stock.repository.js';
import { countDifference } from './stock-movements.js';
import type { AdjustBody, CountBody, CountResultDto, MovementResultDto, ReceiveBody, ScrapBody, StockLevelDto, TransferBody } from './stock.schemas.js';

/** The storekeeper's movements (issue 7 item 3): receive, transfer, adjust, scrap, stock counts, minimums. */

const trimSerials = (serials: string[] | undefined) => serials?.map((s) => s.trim());

function requireReason(reason: string | undefined): string {
  const text = reason?.trim() ?? '';
  if (!text) throw new AppError('stock_reason_required');
  return text;
}

/** A part that may take new stock: active. */
function activePart(part: PartRow): PartRow {
  if (part.active !== 1) throw new AppError('part_inactive', { partNumber: part.part_number });
  return part;
}

/** A store that may take new stock: open. */
function openStore(store: StoreRow): StoreRow {
  if (store.active !== 1) throw new AppError('store_inactive', { name: store.name });
  return store;
}

/** The answer to a movement: its ledger rows and the levels it changed, as they are now. */
export async function movementResult(db: Executor, batchId: string, outcomes: MovementOutcome[]): Promise<MovementResultDto> {
  const ids = outcomes.flatMap((o) => o.rows.map((r) => r.id));
  const entries = (await repo.findLedger(db, { ids, limit: ids.length })).reverse();
  const pairs = new Map(outcomes.map((o) => [`${o.line.part.id}:${o.line.store.id}`, { partId: o.line.part.id, storeId: o.line.store.id }]));
  const levels = await repo.findLevelsOf(db, [...pairs.values()]);
  return { batchId, entries: entries.map(presentEntry), levels: levels.map(presentLevel) };
}

async function run(deps: Deps, ctx: RequestContext, build: (trx: Executor) => Promise<MovementLine[]>): Promise<MovementResultDto> {
  const batchId = newBatchId();
  const outcomes = await writeTransaction(deps, async (trx) => applyMovement(trx, deps, ctx, await build(trx), batchId));
  return movementResult(deps.db, batchId, outcomes);
}

/** Goods in (入库): new parts into a store; serial-tracked parts name each unit's serial. */
export async function receiveStock(deps: Deps, ctx: RequestContext, input: ReceiveBody): Promise<MovementResultDto> {
  return run(deps, ctx, async (trx) => [
    { kind: 'receive', part: activePart(await loadPart(trx, input.partId)), store: openStore(await loadStore(trx, ctx, input.storeId)), qty: input.qty, serials: trimSerials(input.serials), reason: input.reason },
  ]);
}

/** Moves available stock from one store to another: two ledger rows in one batch (调拨). */
export async function transferStock(deps: Deps, ctx: RequestContext, input: TransferBody): Promise<MovementResultDto> {
  if (input.fromStoreId === input.toStoreId) throw new AppError('stock_movement_invalid', { summary: 'a transfer goes to another store' });
  return run(deps, ctx, async (trx) => {
    const part = await loadPart(trx, input.partId);
    const from = await loadStore(trx, ctx, input.fromStoreId);
    const to = openStore(await loadStore(trx, ctx, input.toStoreId));
    const common = { part, qty: input.qty, reason: input.reason };
    return [
      { kind: 'transfer_out', store: from, toStore: to, serials: trimSerials(input.serials), ...common },
      { kind: 'transfer_in', store: to, ...common },
    ];
  });
}

/** Corrects a level by hand, with the reason written down (盘盈 / 盘亏). */
export async function adjustStock(deps: Deps, ctx: RequestContext, input: AdjustBody): Promise<MovementResultDto> {
  const reason = requireReason(input.reason);
  if (input.delta === 0) throw new AppError('stock_movement_invalid', { summary: 'an adjustment changes the level: delta is not 0' });
  return run(deps, ctx, async (trx) => [
    {
      kind: 'adjust',
      part: await loadPart(trx, input.partId),
      store: await loadStore(trx, ctx, input.storeId),
      qty: Math.abs(input.delta),
      options: { sign: input.delta > 0 ? 1 : -1 },
      serials: trimSerials(input.serials),
      reason,
    },
  ]);
}

/** Scraps good or faulty units (报废), with the reason written down. */
export async function scrapStock(deps: Deps, ctx: RequestContext, input: ScrapBody): Promise<MovementResultDto> {
  const reason = requireReason(input.reason);
  return run(deps, ctx, async (trx) => [
    {
      kind: 'scrap',
      part: await loadPart(trx, input.partId),
      store: await loadStore(trx, ctx, input.storeId),
      qty: input.qty,
      options: { faulty: input.faulty ?? false },
      serials: trimSerials(input.serials),
      reason,
    },
  ]);
}

/**
 * A stock count (盘点) of a store against the ledger: per part, what the ledger says is on hand,
 * what was counted, and for serial-tracked parts which serials are missing or unexpected. With
 * `apply`, the differences are written as adjustments (reason "stock count") in one batch; a
 * shortfall that would eat into reserved stock is refused like any other draw (release it first).
 */
export async function countStock(deps: Deps, ctx: RequestContext, storeId: number, input: CountBody): Promise<CountResultDto> {
  const partIds = input.lines.map((l) => l.partId);
  if (new Set(partIds).size !== partIds.length) throw new AppError('stock_movement_invalid', { summary: 'a part is counted on two lines' });
  const batchId = newBatchId();
  const lines = await writeTransaction(deps, async (trx) => {
    const store = await loadStore(trx, ctx, storeId);
    const result: CountResultDto['lines'] = [];
    const movements: MovementLine[] = [];
    for (const [i, line] of input.lines.entries()) {
      const part = await loadPart(trx, line.partId);
      const level = await repo.findLevel(trx, part.id, store.id);
      let missing: string[] = [];
      let unexpected: string[] = [];
      if (part.serial_tracked === 1) {
        const serials = trimSerials(line.serials) ?? [];
        if (serials.length !== line.counted) throw new AppError('stock_movement_invalid', { summary: `line ${i + 1}: name the ${line.counted} serial(s) counted of ${part.part_number}` });
        const held = (await repo.pickUnits(trx, { partId: part.id, storeId: store.id, states: ['in_stock', 'reserved'], limit: 100_000 })).map((u) => u.serial);
        missing = held.filter((s) => !serials.includes(s));
        unexpected = serials.filter((s) => !held.includes(s));
      } else if (line.serials?.length) {
        throw new AppError('stock_movement_invalid', { summary: `line ${i + 1}: part ${part.part_number} is not serial-tracked: leave out the serials` });
      }
      const { difference } = countDifference(level.onHand, line.counted);
      result.push({ partId: part.id, partNumber: part.part_number, expected: level.onHand, counted: line.counted, difference, missingSerials: missing, unexpectedSerials: unexpected });
      // Serial-tracked: the missing units go off the count, the unexpected ones come on; bulk: the difference.
      const common = { part, store, reason: 'stock count' };
      if (part.serial_tracked === 1) {
        if (missing.length > 0) movements.push({ kind: 'adjust', qty: missing.length, options: { sign: -1 }, serials: missing, ...common });
        if (unexpected.length > 0) movements.push({ kind: 'adjust', qty: unexpected.length, options: { sign: 1 }, serials: unexpected, ...common });
      } else if (difference !== 0) {
        movements.push({ kind: 'adjust', qty: Math.abs(difference), options: { sign: difference > 0 ? 1 : -1 }, ...common });
      }
    }
    if (input.apply && movements.length > 0) {
      await applyMovement(trx, deps, ctx, movements, batchId);
      await recordAudit(trx, deps.clock, ctx, { action: 'stock.count', entityType: 'store', entityId: store.id, after: { batchId, lines: result.filter((l) => l.difference !== 0 || l.missingSerials.length > 0) } });
    }
    return { result, applied: input.apply === true && movements.length > 0 };
  });
  return { storeId, applied: lines.applied, batchId: lines.applied ? batchId : null, lines: lines.result };
}

/**
 * Sets a store's minimum for a part (0 removes it). The level row is made if the part never moved
 * there, so the store's list shows the part; a minimum raised above what is available alerts.
 */
export async function setMinimum(deps: Deps, ctx: RequestContext, storeId: number, partId: number, minQty: number): Promise<StockLevelDto> {
  await writeTransaction(deps, async (trx) => {
    const store = await loadStore(trx, ctx, storeId);
    const part = await loadPart(trx, partId);
    const before = await partsRepo.findMinimum(trx, store.id, part.id);
    if (minQty === 0) await partsRepo.deleteMinimum(trx, store.id, part.id);
    else await partsRepo.upsertMinimum(trx, { store_id: store.id, part_id: part.id, min_qty: minQty, updated_at: deps.clock.now() });
    await repo.ensureLevel(trx, part.id, store.id);
    const level = await repo.findLevel(trx, part.id, store.id);
    const available = level.onHand - level.reserved;
    if (available < minQty && !(available < before)) await notifyBelowMinimum(trx, deps, { partId: part.id, storeId: store.id });
    await recordAudit(trx, deps.clock, ctx, { action: 'store.minimum', entityType: 'store', entityId: store.id, before: { partId, minQty: before }, after: { partId, minQty } });
  });
  return presentLevel((await repo.findLevelsOf(deps.db, [{ partId, storeId }]))[0]!);
}
