import type { Deps } from '../../deps.js';
import type { Executor } from '../../db/database.js';
import { writeTransaction } from '../../db/group-commit.js';
import type { RequestContext } from '../../http/actor.js';
import { AppError } from '../../http/errors.js';
import { customerScope } from '../../http/scope.js';
import { ticketChanged } from '../tickets/ticket.service.js';
import { loadPart, loadStore } from './catalogue.service.js';
import { applyMovement } from './ledger.service.js';
import { partLineText, partsOnTimeline } from './parts-timeline.js';
import { mayMoveOnDispatch } from './parts.policy.js';
import * as partsRepo from './parts.repository.js';
import * as repo from './stock.repository.js';
import { dispatchAllows, issuedDelta, type DispatchMovement, type MovementKind, type UnitState } from './stock-movements.js';
import type { DispatchPartLineDto, DispatchPartMovementBody, ReservePartsBody } from './stock.schemas.js';

/**
 * The parts a visit brings (R7 携带所需的部件; issue 7 item 4): reserved in a store for the
 * dispatch, handed to the engineer, used on the ticket's device or brought back, and the failed
 * part taken out coming back as faulty. The dispatch's buckets are its own ledger rows.
 */

async function dispatchInScope(db: Executor, deps: Deps, ctx: RequestContext, id: number, lock: boolean) {
  const row = await repo.findDispatchForParts(db, deps.engine, id, lock);
  const scope = customerScope(ctx);
  if (!row || (scope !== null && row.customer_id !== scope)) throw new AppError('dispatch_not_found');
  return row;
}

/** The dispatch's parts: per part and store, what is reserved, with the engineer, used and returned. */
async function partLines(db: Executor, dispatchId: number): Promise<DispatchPartLineDto[]> {
  const sums = await repo.sumDispatchRows(db, dispatchId);
  const units = await repo.findUnitsOfDispatch(db, dispatchId);
  const parts = new Map((await partsRepo.findPartsByIds(db, sums.map((s) => s.partId))).map((p) => [p.id, p]));
  const stores = new Map((await partsRepo.findStoresByIds(db, sums.map((s) => s.storeId))).map((s) => [s.id, s]));
  const lines = new Map<string, DispatchPartLineDto>();
  for (const s of sums) {
    const key = `${s.partId}:${s.storeId}`;
    const part = parts.get(s.partId)!;
    const line = lines.get(key) ?? {
      partId: s.partId,
      partNumber: part.part_number,
      description: part.description,
      unit: part.unit,
      serialTracked: part.serial_tracked === 1,
      storeId: s.storeId,
      storeName: stores.get(s.storeId)?.name ?? '',
      reserved: 0,
      issued: 0,
      used: 0,
      returnedUnused: 0,
      returnedFaulty: 0,
      units: units.filter((u) => u.part_id === s.partId && u.store_id === s.storeId).map((u) => ({ serial: u.serial, state: u.state as UnitState })),
    };
    line.reserved += s.reserved;
    line.issued += issuedDelta(s.kind as MovementKind, s.qty);
    if (s.kind === 'use') line.used += s.qty;
    if (s.kind === 'return_unused') line.returnedUnused += s.qty;
    if (s.kind === 'return_faulty') line.returnedFaulty += s.qty;
    lines.set(key, line);
  }
  return [...lines.values()].sort((a, b) => a.partNumber.localeCompare(b.partNumber) || a.storeId - b.storeId);
}

/** A visit's parts. */
export async function listDispatchParts(deps: Deps, ctx: RequestContext, dispatchId: number): Promise<{ items: DispatchPartLineDto[] }> {
  await dispatchInScope(deps.db, deps, ctx, dispatchId, false);
  return { items: await partLines(deps.db, dispatchId) };
}

/**
 * Gives back everything still reserved for a visit (its cancellation), in the caller's
 * transaction: one `unreserve` per part and store, picking the units the visit holds. Parts
 * already handed to the engineer stay with them until brought back (`return_unused`).
 */
export async function releaseDispatchReservations(trx: Executor, deps: Deps, ctx: RequestContext, dispatchId: number, reason: string): Promise<void> {
  const held = new Map<string, { partId: number; storeId: number; qty: number }>();
  for (const s of await repo.sumDispatchRows(trx, dispatchId)) {
    const key = `${s.partId}:${s.storeId}`;
    const line = held.get(key) ?? { partId: s.partId, storeId: s.storeId, qty: 0 };
    line.qty += s.reserved;
    held.set(key, line);
  }
  const lines = [...held.values()].filter((l) => l.qty > 0);
  if (lines.length === 0) return;
  const parts = new Map((await partsRepo.findPartsByIds(trx, lines.map((l) => l.partId))).map((p) => [p.id, p]));
  const stores = new Map((await partsRepo.findStoresByIds(trx, lines.map((l) => l.storeId))).map((s) => [s.id, s]));
  await applyMovement(
    trx,
    deps,
    ctx,
    lines.map((l) => ({ kind: 'unreserve', part: parts.get(l.partId)!, store: stores.get(l.storeId)!, qty: l.qty, dispatchId, reason })),
  );
}

/**
 * Records a movement of a visit's parts. Reserving draws on the store's available stock — of two
 * dispatchers reserving the last unit at once, one gets `stock_insufficient` —; the other kinds
 * draw on what this visit has reserved or been issued.
 */
export async function moveDispatchParts(
  deps: Deps,
  ctx: RequestContext,
  dispatchId: number,
  kind: DispatchMovement,
  input: ReservePartsBody | DispatchPartMovementBody,
): Promise<{ items: DispatchPartLineDto[] }> {
  const ticket = await writeTransaction(deps, async (trx) => {
    const visit = await dispatchInScope(trx, deps, ctx, dispatchId, true);
    if (!mayMoveOnDispatch(ctx.actor!, kind, visit.engineerIds.includes(ctx.actor!.userId))) throw new AppError(kind === 'use' || kind === 'issue' || kind.startsWith('return') ? 'not_your_dispatch' : 'forbidden');
    if (!dispatchAllows(kind, visit.state)) throw new AppError('dispatch_invalid_step', { state: visit.state, step: kind }, { state: visit.state, step: kind });
    const part = await loadPart(trx, input.partId);
    const store = await loadStore(trx, ctx, input.storeId);
    if (kind === 'reserve' && part.active !== 1) throw new AppError('part_inactive', { partNumber: part.part_number });
    if (kind === 'reserve' && store.active !== 1) throw new AppError('store_inactive', { name: store.name });
    const [outcome] = await applyMovement(trx, deps, ctx, [
      {
        kind,
        part,
        store,
        qty: input.qty,
        serials: input.serials?.map((s) => s.trim()),
        dispatchId,
        // Use and a failed part taken out belong to the visit's ticket (parts used per customer, RMA).
        ticketId: kind === 'use' || kind === 'return_faulty' ? visit.ticket_id : null,
        reason: 'reason' in input ? input.reason : undefined,
      },
    ]);
    // The fault's history keeps what was planned (and released), fitted and taken out; handing
    // over and bringing back unused stock are the store's business (the ledger has them).
    if (kind === 'issue' || kind === 'return_unused') return null;
    return partsOnTimeline(trx, deps, ctx, visit.ticket_id, {
      type: 'parts',
      internal: true,
      body: partLineText(part.part_number, part.description, input.qty, outcome!.serials),
      data: { action: kind, dispatchId, number: visit.number, partId: part.id, partNumber: part.part_number, description: part.description, qty: input.qty, serials: outcome!.serials, storeName: store.name },
    });
  });
  if (ticket) ticketChanged(deps, ticket);
  return { items: await partLines(deps.db, dispatchId) };
}
