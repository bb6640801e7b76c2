import type { Executor } from '../../db/database.js';
import type { VendorContactRow, VendorRow } from '../../db/schema.js';

export type VendorValues = Pick<VendorRow, 'name' | 'support_phone' | 'support_email' | 'portal_url' | 'notes'>;
export type ContactValues = Pick<VendorContactRow, 'name' | 'role' | 'phone' | 'email'>;

export async function findVendorById(db: Executor, id: number): Promise<VendorRow | undefined> {
  return db.selectFrom('vendors').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findVendorsByIds(db: Executor, ids: number[]): Promise<VendorRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('vendors').selectAll().where('id', 'in', [...new Set(ids)]).execute();
}

/** A vendor whose name equals this one ignoring case: "HUAWEI" is taken when "Huawei" exists. */
export async function findVendorByName(db: Executor, name: string): Promise<VendorRow | undefined> {
  return db
    .selectFrom('vendors')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .executeTakeFirst();
}

/** By name, which is unique, so it is also the keyset. */
export async function findVendors(db: Executor, f: { q?: string; active?: boolean; afterName?: string; limit: number }): Promise<VendorRow[]> {
  let q = db.selectFrom('vendors').selectAll();
  const term = f.q?.trim().toLowerCase().replace(/[\\%_]/g, '');
  if (term) q = q.where((eb) => eb(eb.fn('lower', ['name']), 'like', `%${term}%`));
  if (f.active !== undefined) q = q.where('active', '=', f.active ? 1 : 0);
  if (f.afterName !== undefined) q = q.where('name', '>', f.afterName);
  return q.orderBy('name').limit(f.limit).execute();
}

export async function insertVendor(db: Executor, row: VendorValues & { active: number; created_at: number; updated_at: number }): Promise<number> {
  return (await db.insertInto('vendors').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateVendor(db: Executor, id: number, patch: Partial<VendorValues> & { active?: number; updated_at: number }): Promise<void> {
  await db.updateTable('vendors').set(patch).where('id', '=', id).execute();
}

/** Contacts of these vendors in the order they were added. */
export async function findContacts(db: Executor, vendorIds: number[]): Promise<VendorContactRow[]> {
  if (vendorIds.length === 0) return [];
  return db.selectFrom('vendor_contacts').selectAll().where('vendor_id', 'in', [...new Set(vendorIds)]).orderBy('vendor_id').orderBy('id').execute();
}

export async function insertContacts(db: Executor, vendorId: number, rows: ContactValues[], now: number): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('vendor_contacts')
    .values(rows.map((r) => ({ ...r, vendor_id: vendorId, created_at: now })))
    .execute();
}

export async function updateContact(db: Executor, vendorId: number, id: number, row: ContactValues): Promise<void> {
  await db.updateTable('vendor_contacts').set(row).where('id', '=', id).where('vendor_id', '=', vendorId).execute();
}

export async function deleteContacts(db: Executor, vendorId: number, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.deleteFrom('vendor_contacts').where('vendor_id', '=', vendorId).where('id', 'in', ids).execute();
}
