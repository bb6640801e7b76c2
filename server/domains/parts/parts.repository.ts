import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { PartRow, PartsTable, StoreRow, StoresTable } from '../../db/schema.js';

/** The catalogue, the models each part fits, stores and their minimums: all their SQL. */

/** "FusionServer  2288H V6" → "fusionserver 2288h v6": how models are compared. */
export function modelKey(model: string): string {
  return model.trim().replace(/\s+/g, ' ').toLowerCase();
}

function likeTerm(q: string | undefined): string | null {
  const term = q?.trim().toLowerCase().replace(/[\\%_]/g, '');
  return term ? `%${term}%` : null;
}

// Parts

export async function findPartById(db: Executor, id: number): Promise<PartRow | undefined> {
  return db.selectFrom('parts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findPartsByIds(db: Executor, ids: number[]): Promise<PartRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('parts').selectAll().where('id', 'in', [...new Set(ids)]).execute();
}

/** A part whose number equals this one ignoring case: "02311SLE" is taken when "02311sle" exists. */
export async function findPartByNumber(db: Executor, partNumber: string): Promise<PartRow | undefined> {
  return db
    .selectFrom('parts')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['part_number']), '=', partNumber.toLowerCase()))
    .executeTakeFirst();
}

/** By part number, which is unique, so it is also the keyset. */
export async function findParts(db: Executor, f: { q?: string; model?: string; active?: boolean; afterNumber?: string; limit: number }): Promise<PartRow[]> {
  let q = db.selectFrom('parts').selectAll('parts');
  const term = likeTerm(f.q);
  if (term) q = q.where((eb) => eb.or([eb(eb.fn('lower', ['part_number']), 'like', term), eb(eb.fn('lower', ['description']), 'like', term)]));
  if (f.model !== undefined) {
    const key = modelKey(f.model);
    q = q.where((eb) => eb.exists(eb.selectFrom('part_models as m').select('m.part_id').whereRef('m.part_id', '=', 'parts.id').where('m.model_key', '=', key)));
  }
  if (f.active !== undefined) q = q.where('active', '=', f.active ? 1 : 0);
  if (f.afterNumber !== undefined) q = q.where('part_number', '>', f.afterNumber);
  return q.orderBy('part_number').limit(f.limit).execute();
}

export async function insertPart(db: Executor, row: Insertable<PartsTable>): Promise<number> {
  return (await db.insertInto('parts').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updatePart(db: Executor, id: number, patch: Updateable<PartsTable>): Promise<void> {
  await db.updateTable('parts').set(patch).where('id', '=', id).execute();
}

/** The models of these parts, in the order they were given (by key within a part). */
export async function findPartModels(db: Executor, partIds: number[]): Promise<Map<number, string[]>> {
  const map = new Map<number, string[]>();
  if (partIds.length === 0) return map;
  const rows = await db.selectFrom('part_models').select(['part_id', 'model']).where('part_id', 'in', [...new Set(partIds)]).orderBy('part_id').orderBy('model_key').execute();
  for (const r of rows) map.set(r.part_id, [...(map.get(r.part_id) ?? []), r.model]);
  return map;
}

export async function replacePartModels(db: Executor, partId: number, models: string[]): Promise<void> {
  await db.deleteFrom('part_models').where('part_id', '=', partId).execute();
  const byKey = new Map(models.map((m) => [modelKey(m), m.trim().replace(/\s+/g, ' ')]));
  if (byKey.size > 0) await db.insertInto('part_models').values([...byKey].map(([model_key, model]) => ({ part_id: partId, model, model_key }))).execute();
}

export async function partHasMovements(db: Executor, partId: number): Promise<boolean> {
  return (await db.selectFrom('stock_ledger').select('id').where('part_id', '=', partId).limit(1).executeTakeFirst()) !== undefined;
}

// Stores

export async function findStoreById(db: Executor, id: number): Promise<StoreRow | undefined> {
  return db.selectFrom('stores').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findStoresByIds(db: Executor, ids: number[]): Promise<StoreRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('stores').selectAll().where('id', 'in', [...new Set(ids)]).execute();
}

export async function findStoreByName(db: Executor, name: string): Promise<StoreRow | undefined> {
  return db
    .selectFrom('stores')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .executeTakeFirst();
}

/** By name (unique, so also the keyset); `scope` confines a customer contact to their own stores. */
export async function findStores(
  db: Executor,
  f: { scope: number | null; q?: string; kind?: string; customerId?: number; active?: boolean; afterName?: string; limit: number },
): Promise<StoreRow[]> {
  let q = db.selectFrom('stores').selectAll();
  if (f.scope !== null) q = q.where('customer_id', '=', f.scope);
  const term = likeTerm(f.q);
  if (term) q = q.where((eb) => eb(eb.fn('lower', ['name']), 'like', term));
  if (f.kind !== undefined) q = q.where('kind', '=', f.kind);
  if (f.customerId !== undefined) q = q.where('customer_id', '=', f.customerId);
  if (f.active !== undefined) q = q.where('active', '=', f.active ? 1 : 0);
  if (f.afterName !== undefined) q = q.where('name', '>', f.afterName);
  return q.orderBy('name').limit(f.limit).execute();
}

export async function insertStore(db: Executor, row: Insertable<StoresTable>): Promise<number> {
  return (await db.insertInto('stores').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateStore(db: Executor, id: number, patch: Updateable<StoresTable>): Promise<void> {
  await db.updateTable('stores').set(patch).where('id', '=', id).execute();
}

// Minimums

export async function findMinimum(db: Executor, storeId: number, partId: number): Promise<number> {
  const row = await db.selectFrom('store_minimums').select('min_qty').where('store_id', '=', storeId).where('part_id', '=', partId).executeTakeFirst();
  return row?.min_qty ?? 0;
}

export async function upsertMinimum(db: Executor, row: { store_id: number; part_id: number; min_qty: number; updated_at: number }): Promise<void> {
  await db
    .insertInto('store_minimums')
    .values(row)
    .onConflict((oc) => oc.columns(['store_id', 'part_id']).doUpdateSet({ min_qty: row.min_qty, updated_at: row.updated_at }))
    .execute();
}

export async function deleteMinimum(db: Executor, storeId: number, partId: number): Promise<void> {
  await db.deleteFrom('store_minimums').where('store_id', '=', storeId).where('part_id', '=', partId).execute();
}
