import type { Executor } from '../../db/database.js';
import type { SiteRow } from '../../db/schema.js';

type SiteInsert = { customer_id: number; name: string; address: string; rooms_json: string; notes: string; created_at: number; updated_at: number };

export async function findSiteById(db: Executor, id: number): Promise<SiteRow | undefined> {
  return db.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findSiteByName(db: Executor, customerId: number, name: string): Promise<SiteRow | undefined> {
  return db.selectFrom('sites').selectAll().where('customer_id', '=', customerId).where('name', '=', name).executeTakeFirst();
}

export async function findSiteNames(db: Executor, ids: number[]): Promise<Map<number, { name: string; address: string; customerId: number }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('sites').select(['id', 'name', 'address', 'customer_id']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, { name: r.name, address: r.address, customerId: r.customer_id }]));
}

/** By (customer, name), unique, so it is also the keyset. */
export async function findSites(db: Executor, f: { customerId: number | null; after?: [number, string]; limit: number }): Promise<SiteRow[]> {
  let q = db.selectFrom('sites').selectAll();
  if (f.customerId !== null) q = q.where('customer_id', '=', f.customerId);
  if (f.after) {
    const [cid, name] = f.after;
    q = q.where((eb) => eb.or([eb('customer_id', '>', cid), eb.and([eb('customer_id', '=', cid), eb('name', '>', name)])]));
  }
  return q.orderBy('customer_id').orderBy('name').limit(f.limit).execute();
}

export async function insertSite(db: Executor, row: SiteInsert): Promise<number> {
  return (await db.insertInto('sites').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateSiteRow(db: Executor, id: number, patch: Partial<SiteInsert> & { updated_at: number }): Promise<void> {
  await db.updateTable('sites').set(patch).where('id', '=', id).execute();
}

export async function deleteSiteRow(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('sites').where('id', '=', id).execute();
}
