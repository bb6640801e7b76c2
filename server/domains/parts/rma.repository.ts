import type { Insertable, Updateable } from 'kysely';
import type { Engine, Executor } from '../../db/database.js';
import type { RmaCaseRow, RmaCasesTable } from '../../db/schema.js';

/** RMA cases and the day sequences that number them and loans: all their SQL. */

/**
 * The next number of a day's sequence for a prefix (`RMA-20261124` → 3). An atomic upsert on one
 * counter row: two cases opened at once on PostgreSQL queue on that row and never share a number.
 */
export async function nextCounter(db: Executor, key: string): Promise<number> {
  const row = await db
    .insertInto('parts_counters')
    .values({ key, value: 1 })
    .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ value: eb(eb.ref('parts_counters.value'), '+', 1) })))
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}

export async function insertRma(db: Executor, row: Insertable<RmaCasesTable>): Promise<number> {
  return (await db.insertInto('rma_cases').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** A case; on PostgreSQL locked for the transaction, so a receive and a cancel cannot both apply. */
export async function findRma(db: Executor, id: number, lock?: { engine: Engine }): Promise<RmaCaseRow | undefined> {
  let q = db.selectFrom('rma_cases').selectAll().where('id', '=', id);
  if (lock?.engine === 'postgres') q = q.forUpdate();
  return q.executeTakeFirst();
}

/**
 * Changes a case only while it is still in `fromState`: the number changed tells the caller
 * whether another request got there first.
 */
export async function updateRma(db: Executor, id: number, fromState: string, patch: Updateable<RmaCasesTable>, fromReceivedQty?: number): Promise<boolean> {
  let q = db.updateTable('rma_cases').set(patch).where('id', '=', id).where('state', '=', fromState);
  if (fromReceivedQty !== undefined) q = q.where('received_qty', '=', fromReceivedQty);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface RmaFilter {
  states?: string[];
  /** Only cases still with the vendor whose expected day is before this one. */
  overdueBefore?: string;
  vendorId?: number;
  storeId?: number;
  ticketId?: number;
  assetId?: number;
  beforeId?: number;
  limit: number;
}

/** Cases newest first (keyset on id), along the state or vendor index. */
export async function findRmas(db: Executor, f: RmaFilter): Promise<RmaCaseRow[]> {
  let q = db.selectFrom('rma_cases').selectAll();
  if (f.states) q = q.where('state', 'in', f.states);
  if (f.overdueBefore !== undefined) q = q.where('state', '=', 'sent').where('expected_return', 'is not', null).where('expected_return', '<', f.overdueBefore);
  if (f.vendorId !== undefined) q = q.where('vendor_id', '=', f.vendorId);
  if (f.storeId !== undefined) q = q.where('store_id', '=', f.storeId);
  if (f.ticketId !== undefined) q = q.where('ticket_id', '=', f.ticketId);
  if (f.assetId !== undefined) q = q.where('asset_id', '=', f.assetId);
  if (f.beforeId !== undefined) q = q.where('id', '<', f.beforeId);
  return q.orderBy('id', 'desc').limit(f.limit).execute();
}
