import { sql, type Insertable } from 'kysely';
import { coalesced } from '../../db/coalesce.js';
import type { Engine, Executor } from '../../db/database.js';
import { preparedSql, runPrepared } from '../../db/statements.js';
import type { StockLedgerRow, StockLedgerTable, StockUnitRow, StockUnitsTable } from '../../db/schema.js';
import { modelKey } from './parts.repository.js';
import type { LevelDeltas } from './stock-movements.js';

/** The ledger, the levels derived from it and serial-tracked units: all their SQL. */

export interface Level {
  onHand: number;
  reserved: number;
  faulty: number;
}

const LEVEL_COLUMNS = ['on_hand', 'reserved', 'faulty'] as const;
const toLevel = (r: { on_hand: number; reserved: number; faulty: number }): Level => ({ onHand: r.on_hand, reserved: r.reserved, faulty: r.faulty });

/**
 * Applies a movement that draws on stock to its level, only if the level stays valid afterwards
 * (nothing negative, no more reserved than on hand); undefined when it would not, or there is no
 * level yet. One conditional UPDATE: SQLite runs writes one at a time; on PostgreSQL a second
 * transaction waits for the first one's row lock and then re-checks the condition against the
 * committed row — so two reservations of the last unit cannot both succeed.
 */
export async function drawOnLevel(db: Executor, partId: number, storeId: number, d: LevelDeltas): Promise<Level | undefined> {
  const row = await db
    .updateTable('stock_levels')
    .set({ on_hand: sql`on_hand + ${d.onHand}`, reserved: sql`reserved + ${d.reserved}`, faulty: sql`faulty + ${d.faulty}` })
    .where('part_id', '=', partId)
    .where('store_id', '=', storeId)
    .where(sql<boolean>`on_hand + ${d.onHand} >= 0 and reserved + ${d.reserved} >= 0 and faulty + ${d.faulty} >= 0 and on_hand + ${d.onHand} >= reserved + ${d.reserved}`)
    .returning([...LEVEL_COLUMNS])
    .executeTakeFirst();
  return row && toLevel(row);
}

/** Adds stock to a level (creating it at the first movement); for movements that only add. */
export async function addToLevel(db: Executor, partId: number, storeId: number, d: LevelDeltas): Promise<Level> {
  const row = await db
    .insertInto('stock_levels')
    .values({ part_id: partId, store_id: storeId, on_hand: d.onHand, reserved: 0, faulty: d.faulty })
    .onConflict((oc) =>
      oc.columns(['part_id', 'store_id']).doUpdateSet({ on_hand: sql`stock_levels.on_hand + excluded.on_hand`, faulty: sql`stock_levels.faulty + excluded.faulty` }),
    )
    .returning([...LEVEL_COLUMNS])
    .executeTakeFirstOrThrow();
  return toLevel(row);
}

/**
 * Locks the existing levels a movement of several lines will change, in one order (part, store),
 * on PostgreSQL: two transfers crossing between the same stores then queue instead of deadlocking.
 */
export async function lockLevels(db: Executor, engine: Engine, pairs: { partId: number; storeId: number }[]): Promise<void> {
  if (engine !== 'postgres' || pairs.length < 2) return;
  await db
    .selectFrom('stock_levels')
    .select('part_id')
    .where((eb) => eb.or(pairs.map((p) => eb.and([eb('part_id', '=', p.partId), eb('store_id', '=', p.storeId)]))))
    .orderBy('part_id')
    .orderBy('store_id')
    .forUpdate()
    .execute();
}

/** A zero level (the sum of no ledger rows), so a part with a minimum shows in its store's list. */
export async function ensureLevel(db: Executor, partId: number, storeId: number): Promise<void> {
  await db
    .insertInto('stock_levels')
    .values({ part_id: partId, store_id: storeId, on_hand: 0, reserved: 0, faulty: 0 })
    .onConflict((oc) => oc.columns(['part_id', 'store_id']).doNothing())
    .execute();
}

export async function findLevel(db: Executor, partId: number, storeId: number): Promise<Level> {
  const row = await db.selectFrom('stock_levels').select([...LEVEL_COLUMNS]).where('part_id', '=', partId).where('store_id', '=', storeId).executeTakeFirst();
  return row ? toLevel(row) : { onHand: 0, reserved: 0, faulty: 0 };
}

export async function insertLedgerRows(db: Executor, rows: Insertable<StockLedgerTable>[]): Promise<StockLedgerRow[]> {
  const out: StockLedgerRow[] = [];
  for (let i = 0; i < rows.length; i += 500) out.push(...(await db.insertInto('stock_ledger').values(rows.slice(i, i + 500)).returningAll().execute()));
  return out;
}

// Levels with their part, store and minimum, for lists.

export interface LevelListFilter {
  /** A customer contact's customer: only the stores kept for it. */
  scope: number | null;
  storeId?: number;
  partId?: number;
  belowMinimum?: boolean;
  /** Keyset: the last (store, part) of the previous page. */
  after?: [number, number];
  limit: number;
}

export async function findLevels(db: Executor, f: LevelListFilter) {
  let q = db
    .selectFrom('stock_levels as l')
    .innerJoin('parts as p', 'p.id', 'l.part_id')
    .innerJoin('stores as s', 's.id', 'l.store_id')
    .leftJoin('store_minimums as m', (join) => join.onRef('m.store_id', '=', 'l.store_id').onRef('m.part_id', '=', 'l.part_id'))
    .select([
      'l.part_id',
      'l.store_id',
      'l.on_hand',
      'l.reserved',
      'l.faulty',
      'm.min_qty',
      'p.part_number',
      'p.description',
      'p.unit',
      'p.serial_tracked',
      's.name as store_name',
      's.kind as store_kind',
      's.customer_id',
    ]);
  if (f.scope !== null) q = q.where('s.customer_id', '=', f.scope);
  if (f.storeId !== undefined) q = q.where('l.store_id', '=', f.storeId);
  if (f.partId !== undefined) q = q.where('l.part_id', '=', f.partId);
  if (f.belowMinimum) q = q.where('m.min_qty', 'is not', null).where(sql<boolean>`l.on_hand - l.reserved < m.min_qty`);
  if (f.after) {
    const [store, part] = f.after;
    // The simplest keyset for the index the filter uses: (store_id, part_id) or the primary key.
    if (f.storeId !== undefined) q = q.where('l.part_id', '>', part);
    else if (f.partId !== undefined) q = q.where('l.store_id', '>', store);
    else q = q.where((eb) => eb(eb.refTuple('l.store_id', 'l.part_id'), '>', eb.tuple(store, part)));
  }
  return q.orderBy('l.store_id').orderBy('l.part_id').limit(f.limit).execute();
}
export type LevelListRow = Awaited<ReturnType<typeof findLevels>>[number];

/** The levels of these (part, store) pairs, for a movement's answer. */
export async function findLevelsOf(db: Executor, pairs: { partId: number; storeId: number }[]): Promise<LevelListRow[]> {
  const rows: LevelListRow[] = [];
  for (const p of pairs) rows.push(...(await findLevels(db, { scope: null, storeId: p.storeId, partId: p.partId, limit: 1 })));
  return rows;
}

// The ledger

export async function findLedger(db: Executor, f: { storeId?: number; partId?: number; dispatchId?: number; ids?: number[]; beforeId?: number; limit: number }) {
  let q = db
    .selectFrom('stock_ledger as e')
    .innerJoin('parts as p', 'p.id', 'e.part_id')
    .innerJoin('stores as s', 's.id', 'e.store_id')
    .selectAll('e')
    .select(['p.part_number', 's.name as store_name']);
  if (f.storeId !== undefined) q = q.where('e.store_id', '=', f.storeId);
  if (f.partId !== undefined) q = q.where('e.part_id', '=', f.partId);
  if (f.dispatchId !== undefined) q = q.where('e.dispatch_id', '=', f.dispatchId);
  if (f.ids !== undefined) q = q.where('e.id', 'in', f.ids.length > 0 ? f.ids : [0]);
  if (f.beforeId !== undefined) q = q.where('e.id', '<', f.beforeId);
  return q.orderBy('e.id', 'desc').limit(f.limit).execute();
}
export type LedgerListRow = Awaited<ReturnType<typeof findLedger>>[number];

/** A dispatch's ledger rows summed by part, store and kind: its reserved and issued buckets. */
export async function sumDispatchRows(db: Executor, dispatchId: number, only?: { partId: number; storeId: number }) {
  let q = db
    .selectFrom('stock_ledger')
    .select(['part_id', 'store_id', 'kind', (eb) => eb.fn.sum<number | string>('qty').as('qty'), (eb) => eb.fn.sum<number | string>('qty_delta_reserved').as('reserved')])
    .where('dispatch_id', '=', dispatchId);
  if (only) q = q.where('part_id', '=', only.partId).where('store_id', '=', only.storeId);
  const rows = await q.groupBy(['part_id', 'store_id', 'kind']).execute();
  return rows.map((r) => ({ partId: r.part_id, storeId: r.store_id, kind: r.kind, qty: Number(r.qty), reserved: Number(r.reserved) }));
}

// Serial-tracked units

/** A unit; with `lock` on PostgreSQL, locked for the transaction (and read as the lock finds it). */
export async function findUnitById(db: Executor, id: number, lock?: { engine: Engine }): Promise<StockUnitRow | undefined> {
  let q = db.selectFrom('stock_units').selectAll().where('id', '=', id);
  if (lock?.engine === 'postgres') q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function findUnitsBySerial(db: Executor, partId: number, serials: string[]): Promise<StockUnitRow[]> {
  if (serials.length === 0) return [];
  return db.selectFrom('stock_units').selectAll().where('part_id', '=', partId).where('serial', 'in', serials).execute();
}

/** Units of a part in given states, oldest first: what a movement picks when no serial is named. */
export async function pickUnits(db: Executor, f: { partId: number; storeId?: number; states: readonly string[]; dispatchId?: number; limit: number }): Promise<StockUnitRow[]> {
  let q = db.selectFrom('stock_units').selectAll().where('part_id', '=', f.partId).where('state', 'in', [...f.states]);
  if (f.storeId !== undefined) q = q.where('store_id', '=', f.storeId);
  if (f.dispatchId !== undefined) q = q.where('dispatch_id', '=', f.dispatchId);
  return q.orderBy('id').limit(f.limit).execute();
}

export async function insertUnits(db: Executor, rows: Insertable<StockUnitsTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('stock_units').values(rows.slice(i, i + 500)).execute();
}

/**
 * Moves units, only those still in the state they were read in: the number moved tells the caller
 * whether another transaction got there first.
 */
export async function moveUnits(
  db: Executor,
  ids: number[],
  from: readonly string[],
  to: { state: string; store_id: number | null; dispatch_id: number | null; ticket_id: number | null; updated_at: number },
): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db.updateTable('stock_units').set(to).where('id', 'in', ids).where('state', 'in', [...from]).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function findUnits(db: Executor, f: { partId: number; storeId?: number; state?: string; dispatchId?: number; afterId?: number; limit: number }): Promise<StockUnitRow[]> {
  let q = db.selectFrom('stock_units').selectAll().where('part_id', '=', f.partId);
  if (f.storeId !== undefined) q = q.where('store_id', '=', f.storeId);
  if (f.state !== undefined) q = q.where('state', '=', f.state);
  if (f.dispatchId !== undefined) q = q.where('dispatch_id', '=', f.dispatchId);
  if (f.afterId !== undefined) q = q.where('id', '>', f.afterId);
  return q.orderBy('id').limit(f.limit).execute();
}

export async function findUnitsOfDispatch(db: Executor, dispatchId: number): Promise<StockUnitRow[]> {
  return db.selectFrom('stock_units').selectAll().where('dispatch_id', '=', dispatchId).orderBy('part_id').orderBy('serial').execute();
}

// The dispatch a movement is recorded on (field service's table; only what stock needs).

/** A visit's customer, ticket, state and engineers; on PostgreSQL the row is locked for the transaction. */
export async function findDispatchForParts(db: Executor, engine: Engine, id: number, lock: boolean) {
  let q = db.selectFrom('dispatches').select(['id', 'number', 'ticket_id', 'customer_id', 'state']).where('id', '=', id);
  // Movements of one visit queue behind each other: its buckets are checked, then drawn on.
  if (lock && engine === 'postgres') q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) return undefined;
  const engineers = await db.selectFrom('dispatch_engineers').select('user_id').where('dispatch_id', '=', id).execute();
  return { ...row, engineerIds: engineers.map((e) => e.user_id) };
}

// Spares for a failed model (the hotline's question, issue 7 item 4)

/** The spare on site for a model at a customer (spareOnSite), as the lookup answers it. */
export interface SpareOnSiteRow {
  model_key: string;
  customer_id: number;
  part_id: number;
  part_number: string;
  store_id: number;
  store_name: string;
}

// Every fault opened on a device asks this, so its SQL is written once (a named prepared statement
// on PostgreSQL, where concurrent requests' questions go as one, db/coalesce.ts). The most available
// part in one of the customer's site or project stores.
const SPARE_ON_SITE = `select p.id as part_id, p.part_number, s.id as store_id, s.name as store_name
    from part_models as pm
    inner join parts as p on p.id = pm.part_id
    inner join stock_levels as l on l.part_id = pm.part_id
    inner join stores as s on s.id = l.store_id
    where p.active = 1 and s.kind in ('site', 'project') and s.active = 1 and l.on_hand - l.reserved > 0`;
const SPARE_ORDER = 'order by l.on_hand - l.reserved desc, p.part_number, s.name limit 1';

const sqliteSpareOnSite = preparedSql(
  ['select ', ' as model_key, ', ` as customer_id, f.* from (${SPARE_ON_SITE} and pm.model_key = `, ' and s.customer_id = ', ` ${SPARE_ORDER}) as f`],
  'model', 'customer', 'model', 'customer',
);
const postgresSparesOnSite = preparedSql([
  `select q.model_key, q.customer_id, f.* from json_to_recordset(`,
  `::json) as q(model_key text, customer_id bigint)
    cross join lateral (${SPARE_ON_SITE} and pm.model_key = q.model_key and s.customer_id = q.customer_id ${SPARE_ORDER}) as f`,
], 'questions');

const spareKey = (modelKey: string, customerId: number) => `${customerId}:${modelKey}`;
const fromSpareKey = (key: string) => {
  const at = key.indexOf(':');
  return { customerId: Number(key.slice(0, at)), modelKey: key.slice(at + 1) };
};

const sparesOnSite = coalesced<string, SpareOnSiteRow>({
  name: 'parts.spareOnSite',
  async one(db, keys) {
    const rows: SpareOnSiteRow[] = [];
    for (const key of keys) {
      const { modelKey: model, customerId } = fromSpareKey(key);
      rows.push(...(await runPrepared<SpareOnSiteRow>(db, 'sqlite', sqliteSpareOnSite(model, customerId, model, customerId))).rows);
    }
    return rows;
  },
  many: async (db, keys) =>
    (await runPrepared<SpareOnSiteRow>(db, 'postgres', postgresSparesOnSite(JSON.stringify(keys.map((k) => ({ model_key: fromSpareKey(k).modelKey, customer_id: fromSpareKey(k).customerId })))))).rows,
  keyOf: (row) => spareKey(row.model_key, Number(row.customer_id)),
});

/** The spare on site for a model at a customer, if any (R4's 4-hour hardware clock). */
export async function findSpareOnSite(db: Executor, model: string, customerId: number): Promise<SpareOnSiteRow | undefined> {
  return (await sparesOnSite(db, [spareKey(modelKey(model), customerId)]))[0];
}


/** Available parts fitting a model in the customer's site and project stores, most available first. */
export async function findSparesForModel(db: Executor, model: string, customerId: number, limit = 50) {
  return db
    .selectFrom('part_models as pm')
    .innerJoin('parts as p', 'p.id', 'pm.part_id')
    .innerJoin('stock_levels as l', 'l.part_id', 'pm.part_id')
    .innerJoin('stores as s', 's.id', 'l.store_id')
    .select(['p.id as part_id', 'p.part_number', 'p.description', 's.id as store_id', 's.name as store_name', 's.kind as store_kind', sql<number>`l.on_hand - l.reserved`.as('available')])
    .where('pm.model_key', '=', modelKey(model))
    .where('p.active', '=', 1)
    .where('s.customer_id', '=', customerId)
    .where('s.kind', 'in', ['site', 'project'])
    .where('s.active', '=', 1)
    .where(sql<boolean>`l.on_hand - l.reserved > 0`)
    .orderBy(sql`l.on_hand - l.reserved`, 'desc')
    .orderBy('p.part_number')
    .orderBy('s.name')
    .limit(limit)
    .execute();
}
