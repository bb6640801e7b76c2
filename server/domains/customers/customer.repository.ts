import { coalesced } from '../../db/coalesce.js';
import type { Executor } from '../../db/database.js';
import { preparedSql, runPrepared } from '../../db/statements.js';
import type { CustomerRow } from '../../db/schema.js';

export type CustomerInsert = { code: string; name: string; industry: string; address: string; phone: string; notes: string; created_at: number; updated_at: number };
export type CustomerPatch = Partial<Omit<CustomerInsert, 'created_at'>> & { updated_at: number };

export async function findCustomerById(db: Executor, id: number): Promise<CustomerRow | undefined> {
  return db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findCustomerByCode(db: Executor, code: string): Promise<CustomerRow | undefined> {
  return db.selectFrom('customers').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function findCustomersByCodes(db: Executor, codes: string[]): Promise<CustomerRow[]> {
  if (codes.length === 0) return [];
  return db.selectFrom('customers').selectAll().where('code', 'in', codes).execute();
}

// Every new ticket reads its customer's name: merged with concurrent reads (db/coalesce.ts).
const customerNameRows = coalesced<number, { id: number; code: string; name: string }>({
  name: 'customers.names',
  one: (db, ids) => db.selectFrom('customers').select(['id', 'code', 'name']).where('id', 'in', ids).execute(),
  many: async (db, ids) => (await runPrepared<{ id: number; code: string; name: string }>(db, 'postgres', customerNamesByIds(ids))).rows,
  keyOf: (row) => row.id,
});
const customerNamesByIds = preparedSql`select id, code, name from customers where id = any(${'ids'}::bigint[])`;

export async function findCustomerNames(db: Executor, ids: number[]): Promise<Map<number, { code: string; name: string }>> {
  const rows = await customerNameRows(db, [...new Set(ids)]);
  return new Map(rows.map((r) => [r.id, { code: r.code, name: r.name }]));
}

/** By code, which is unique, so it is also the keyset; `onlyId` scopes a customer contact. */
export async function findCustomers(db: Executor, f: { q?: string; onlyId: number | null; afterCode?: string; limit: number }) {
  let q = db.selectFrom('customers').selectAll();
  if (f.q) {
    const like = `%${f.q.toLowerCase().replace(/[\\%_]/g, '')}%`;
    q = q.where((eb) => eb.or([eb(eb.fn('lower', ['code']), 'like', like), eb(eb.fn('lower', ['name']), 'like', like)]));
  }
  if (f.onlyId !== null) q = q.where('id', '=', f.onlyId);
  if (f.afterCode !== undefined) q = q.where('code', '>', f.afterCode);
  return q.orderBy('code').limit(f.limit).execute();
}

export async function insertCustomer(db: Executor, row: CustomerInsert): Promise<number> {
  const inserted = await db.insertInto('customers').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function updateCustomerRow(db: Executor, id: number, patch: CustomerPatch): Promise<void> {
  await db.updateTable('customers').set(patch).where('id', '=', id).execute();
}

/** How many contacts, sites, contracts and assets a customer file holds. */
export async function countCustomerRecords(db: Executor, id: number) {
  const count = async (table: 'customer_contacts' | 'sites' | 'contracts' | 'assets') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('customer_id', '=', id).executeTakeFirstOrThrow()).n);
  const [contacts, sites, contracts, assets] = await Promise.all([count('customer_contacts'), count('sites'), count('contracts'), count('assets')]);
  return { contacts, sites, contracts, assets };
}
