import type { Deps } from '../../deps.js';
import type { Executor } from '../../db/database.js';
import type { RequestContext } from '../../http/actor.js';
import { decodeCursor, encodeCursor, pageOf } from '../../http/pagination.js';
import { customerScope } from '../../http/scope.js';
import { loadPart, loadStore } from './catalogue.service.js';
import { presentEntry, presentLevel } from './parts.presenter.js';
import * as repo from './stock.repository.js';
import type { MovementQuery, SpareQuery, SpareResultDto, StockQuery, StockUnitDto, UnitQuery } from './stock.schemas.js';
import type { UnitState } from './stock-movements.js';
import type { StoreKind } from './parts.schemas.js';

/** Reading stock (issue 7 items 3, 4): levels, the ledger, units, and spares for a failed model. */

/**
 * Stock levels with their part, store and minimum, by store then part (keyset); a store's page,
 * one part across the stores, or only the levels below their minimum. A customer contact sees the
 * levels of their own customer's stores only; naming another store is "not found".
 */
export async function listLevels(deps: Deps, ctx: RequestContext, query: StockQuery) {
  const limit = query.limit ?? 50;
  if (query.storeId !== undefined) await loadStore(deps.db, ctx, query.storeId);
  const after = query.cursor ? (decodeCursor(query.cursor, ['n', 'n']) as [number, number]) : undefined;
  const rows = await repo.findLevels(deps.db, {
    scope: customerScope(ctx),
    storeId: query.storeId,
    partId: query.partId,
    belowMinimum: query.belowMinimum,
    after,
    limit: limit + 1,
  });
  const page = pageOf(rows, limit, (r) => [r.store_id, r.part_id]);
  return { items: page.rows.map(presentLevel), nextCursor: page.nextCursor };
}

/** The ledger, newest first: a store's, a part's or a dispatch's movements. */
export async function listMovements(deps: Deps, query: MovementQuery) {
  const limit = query.limit ?? 50;
  const beforeId = query.cursor ? (decodeCursor(query.cursor, ['n'])[0] as number) : undefined;
  const rows = await repo.findLedger(deps.db, { storeId: query.storeId, partId: query.partId, dispatchId: query.dispatchId, beforeId, limit: limit + 1 });
  const page = pageOf(rows, limit, (r) => [r.id]);
  return { items: page.rows.map(presentEntry), nextCursor: page.nextCursor };
}

/** A serial-tracked part's units, oldest first: where each is and in what state. */
export async function listUnits(deps: Deps, query: UnitQuery): Promise<{ items: StockUnitDto[]; nextCursor: string | null }> {
  await loadPart(deps.db, query.partId);
  const limit = query.limit ?? 50;
  const afterId = query.cursor ? (decodeCursor(query.cursor, ['n'])[0] as number) : undefined;
  const rows = await repo.findUnits(deps.db, { partId: query.partId, storeId: query.storeId, state: query.state, afterId, limit: limit + 1 });
  const page = rows.slice(0, limit);
  return {
    items: page.map((u) => ({ id: u.id, partId: u.part_id, serial: u.serial, storeId: u.store_id, state: u.state as UnitState, dispatchId: u.dispatch_id, ticketId: u.ticket_id, updatedAt: u.updated_at })),
    nextCursor: rows.length > limit ? encodeCursor([page[page.length - 1]!.id]) : null,
  };
}

/**
 * Whether a site or project store of the customer holds an available spare fitting the model
 * (issue 7 item 4): what the hotline shows for a hardware fault, and what decides whether the
 * 4-hour hardware clock applies.
 */
export async function sparesForModel(deps: Deps, query: SpareQuery): Promise<SpareResultDto> {
  const rows = await repo.findSparesForModel(deps.db, query.model, query.customerId);
  return {
    model: query.model,
    customerId: query.customerId,
    hasSpare: rows.length > 0,
    spares: rows.map((r) => ({
      partId: r.part_id,
      partNumber: r.part_number,
      description: r.description,
      storeId: r.store_id,
      storeName: r.store_name,
      storeKind: r.store_kind as StoreKind,
      available: Number(r.available),
    })),
  };
}

/**
 * The spare the customer's site or project stores hold for a model, if any (R4: a hardware fault
 * is restored within 4 hours when a spare is on site): what the ticket service asks when a fault
 * is opened on a device. One query along the part-models index, stopping at the first match.
 */
export async function spareOnSiteFor(db: Executor, model: string, customerId: number): Promise<{ partId: number; partNumber: string; storeId: number; storeName: string } | null> {
  if (!model.trim()) return null;
  const row = await repo.findSpareOnSite(db, model, customerId);
  return row ? { partId: row.part_id, partNumber: row.part_number, storeId: row.store_id, storeName: row.store_name } : null;
}
