import { sql } from 'kysely';
import { coalesced } from '../../db/coalesce.js';
import type { Engine, Executor } from '../../db/database.js';
import { hasAtMostRows } from '../../db/range-size.js';
import { preparedSql, runPrepared } from '../../db/statements.js';
import type { AssetChangeRow, AssetRow } from '../../db/schema.js';
import type { AssetFilters } from './asset.schemas.js';

export type AssetInsert = Omit<AssetRow, 'id'>;
export type AssetPatch = Partial<Omit<AssetRow, 'id' | 'created_at' | 'customer_id'>> & { updated_at: number };
export type ChangeInsert = Omit<AssetChangeRow, 'id'>;

/** Serial numbers compare as text: stored upper-cased and trimmed. */
export function normaliseSerial(serial: string): string {
  return serial.trim().toUpperCase();
}

// The end of a prefix range: every string that starts with `prefix` sorts before it.
const PREFIX_END = '\uffff';

/**
 * A serial-number prefix as an index range. On PostgreSQL the column is compared under the "C"
 * collation the index was built with, so the range is bytewise whatever the database locale.
 * `offIndex` (SQLite): the same test with the unary +, which keeps the planner off the serial index.
 */
function serialRange(engine: Engine, prefix: string, offIndex = false) {
  const col = engine === 'postgres' ? sql<string>`serial_number collate "C"` : offIndex ? sql<string>`+serial_number` : sql<string>`serial_number`;
  return sql<boolean>`${col} >= ${prefix} and ${col} < ${prefix + PREFIX_END}`;
}

/**
 * A serial prefix can match one asset or half of them: a vendor's common prefix (Huawei's 2102)
 * matched 45,000 of 100,000 seeded assets. SQLite, for a list ordered by id, read that whole range
 * along the serial index and sorted it: 25 ms for "2102". A prefix with more than this many
 * matches (db/range-size.ts) is "broad": the list then walks the ids newest first and tests each
 * serial, which fills a page after a few rows when matches are dense.
 */
export const BROAD_SERIAL_PREFIX = 500;

export async function findAssetById(db: Executor, id: number): Promise<AssetRow | undefined> {
  return db.selectFrom('assets').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findAssetByVendorSerial(db: Executor, vendorKey: string, serial: string): Promise<AssetRow | undefined> {
  return db.selectFrom('assets').selectAll().where('vendor_key', '=', vendorKey).where('serial_number', '=', serial).executeTakeFirst();
}

/** Assets whose serial is exactly `serial` (several vendors may share one), within a scope. */
export async function findAssetsBySerial(db: Executor, engine: Engine, serial: string, customerId: number | null, options: { includeReturned?: boolean } = {}): Promise<AssetRow[]> {
  let q = db.selectFrom('assets').selectAll();
  q = engine === 'postgres' ? q.where(sql<boolean>`serial_number collate "C" = ${serial}`) : q.where('serial_number', '=', serial);
  // A loaner taken back is no longer at that customer's site: its serial entitles them to nothing
  // (the register still holds it, so a new record under the same vendor and serial is refused).
  if (!options.includeReturned) q = q.where('status', '<>', 'returned');
  if (customerId !== null) q = q.where('customer_id', '=', customerId);
  return q.orderBy('id').limit(10).execute();
}

/** The first assets, by serial, whose serial starts with `prefix`: an index range scan. */
export async function findAssetsBySerialPrefix(db: Executor, engine: Engine, prefix: string, customerId: number | null, limit: number): Promise<AssetRow[]> {
  let q = db.selectFrom('assets').selectAll().where(serialRange(engine, prefix)).where('status', '<>', 'returned');
  if (customerId !== null) q = q.where('customer_id', '=', customerId);
  const order = engine === 'postgres' ? sql`serial_number collate "C"` : sql`serial_number`;
  return q.orderBy(order).orderBy('id').limit(limit).execute();
}

export interface AssetQuery extends AssetFilters {
  scopeCustomerId: number | null;
  today: string;
  /** Keyset: [id] newest first, or [coverage_end, id] when sorting by the day cover ends. */
  after?: (string | number)[];
  limit: number;
}

/**
 * The filtered asset list. Newest first by id (each filter has an index ending in id); with
 * "expiring within N days" it runs along the coverage-end index, soonest first.
 */
export async function findAssets(db: Executor, engine: Engine, f: AssetQuery): Promise<AssetRow[]> {
  let q = db.selectFrom('assets').selectAll();
  const customerId = f.scopeCustomerId ?? f.customerId;
  if (customerId !== undefined && customerId !== null) q = q.where('customer_id', '=', customerId);
  if (f.serial) {
    const prefix = f.serial.trim().toUpperCase();
    const broad = engine === 'sqlite' && !(await hasAtMostRows(db, 'assets', serialRange(engine, prefix), BROAD_SERIAL_PREFIX));
    q = q.where(serialRange(engine, prefix, broad));
  }
  if (f.model) q = q.where((eb) => eb(eb.fn('lower', ['model']), 'like', `%${f.model!.toLowerCase().replace(/[\\%_]/g, '')}%`));
  if (f.contractId !== undefined) q = q.where('contract_id', '=', f.contractId);
  if (f.siteId !== undefined) q = q.where('site_id', '=', f.siteId);
  if (f.category !== undefined) q = q.where('category', '=', f.category);
  // A returned loaner is no longer at the customer's: listed only when asked for by its status.
  q = f.status !== undefined ? q.where('status', '=', f.status) : q.where('status', '<>', 'returned');
  if (f.vendor !== undefined) q = q.where('vendor_key', '=', f.vendor.trim().toLowerCase());
  if (f.warranty === 'in_warranty') q = q.where('coverage_end', '>=', f.today);
  if (f.warranty === 'expired') q = q.where('coverage_end', '<', f.today);
  if (f.warranty === 'not_covered') q = q.where('coverage_end', 'is', null);
  if (f.expiringWithinDays !== undefined) {
    const until = new Date(Date.parse(`${f.today}T00:00:00Z`) + f.expiringWithinDays * 86_400_000).toISOString().slice(0, 10);
    q = q.where('coverage_end', '>=', f.today).where('coverage_end', '<=', until);
    if (f.after) {
      const [end, id] = f.after as [string, number];
      q = q.where((eb) => eb.or([eb('coverage_end', '>', end), eb.and([eb('coverage_end', '=', end), eb('id', '>', id)])]));
    }
    return q.orderBy('coverage_end').orderBy('id').limit(f.limit).execute();
  }
  if (f.after) q = q.where('id', '<', f.after[0] as number);
  return q.orderBy('id', 'desc').limit(f.limit).execute();
}

export async function findComponents(db: Executor, parentId: number): Promise<AssetRow[]> {
  return db.selectFrom('assets').selectAll().where('parent_id', '=', parentId).orderBy('serial_number').limit(500).execute();
}

/** The chain of parents above an asset (to refuse a cycle), nearest first, at most 20 deep. */
export async function findAncestorIds(db: Executor, id: number): Promise<number[]> {
  const ids: number[] = [];
  let current: number | null = id;
  while (current !== null && ids.length < 20) {
    const row: { parent_id: number | null } | undefined = await db.selectFrom('assets').select('parent_id').where('id', '=', current).executeTakeFirst();
    current = row?.parent_id ?? null;
    if (current !== null) ids.push(current);
  }
  return ids;
}

export async function insertAsset(db: Executor, row: AssetInsert): Promise<number> {
  return (await db.insertInto('assets').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateAssetRow(db: Executor, id: number, patch: AssetPatch): Promise<void> {
  await db.updateTable('assets').set(patch).where('id', '=', id).execute();
}

/** Moves an asset to another customer (a loaner lent again); the only write that changes its customer. */
export async function moveAsset(db: Executor, id: number, patch: AssetPatch & { customer_id: number }): Promise<void> {
  await db.updateTable('assets').set(patch).where('id', '=', id).execute();
}

export async function insertChanges(db: Executor, rows: ChangeInsert[]): Promise<void> {
  if (rows.length) await db.insertInto('asset_changes').values(rows).execute();
}

/** An asset's change history, newest first; `customerId` keeps only what happened while it was that customer's. */
export async function findChanges(db: Executor, assetId: number, beforeId: number | undefined, limit: number, customerId?: number): Promise<AssetChangeRow[]> {
  let q = db.selectFrom('asset_changes').selectAll().where('asset_id', '=', assetId);
  if (customerId !== undefined) q = q.where('customer_id', '=', customerId);
  if (beforeId !== undefined) q = q.where('id', '<', beforeId);
  return q.orderBy('id', 'desc').limit(limit).execute();
}

// A fault on a device reads the device: merged with concurrent reads (db/coalesce.ts).
const assetRows = coalesced<number, AssetRow>({
  name: 'assets.byId',
  one: (db, ids) => db.selectFrom('assets').selectAll().where('id', 'in', ids).execute(),
  many: async (db, ids) => (await runPrepared<AssetRow>(db, 'postgres', assetsByIds(ids))).rows,
  keyOf: (row) => row.id,
});
const assetsByIds = preparedSql`select * from assets where id = any(${'ids'}::bigint[])`;

export async function findAssetsByIds(db: Executor, ids: number[]): Promise<AssetRow[]> {
  return assetRows(db, [...new Set(ids)]);
}
