import type { Executor } from '../../db/database.js';
import type { CustomerRow } from '../../db/schema.js';

export async function findCustomerById(db: Executor, id: number): Promise<CustomerRow | undefined> {
  return db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findCustomerByCode(db: Executor, code: string): Promise<CustomerRow | undefined> {
  return db.selectFrom('customers').selectAll().where('code', '=', code).executeTakeFirst();
}

/** By code, which is unique, so it is also the keyset; `onlyId` scopes a customer contact. */
export async function findCustomers(db: Executor, f: { q?: string; onlyId?: number; afterCode?: string; limit: number }) {
  let q = db.selectFrom('customers').selectAll();
  if (f.q) {
    const like = `%${f.q.toLowerCase().replace(/[\\%_]/g, '')}%`;
    q = q.where((eb) => eb.or([eb(eb.fn('lower', ['code']), 'like', like), eb(eb.fn('lower', ['name']), 'like', like)]));
  }
  if (f.onlyId !== undefined) q = q.where('id', '=', f.onlyId);
  if (f.afterCode !== undefined) q = q.where('code', '>', f.afterCode);
  return q.orderBy('code').limit(f.limit).execute();
}

export async function insertCustomer(db: Executor, row: { code: string; name: string; created_at: number; updated_at: number }) {
  const inserted = await db.insertInto('customers').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}
