import type { Executor } from '../../db/database.js';
import type { ContactRow } from '../../db/schema.js';

export type ContactInsert = {
  customer_id: number;
  name: string;
  phone: string;
  mobile: string;
  email: string;
  wechat: string;
  position: string;
  is_designated_technician: number;
  notes: string;
  created_at: number;
  updated_at: number;
};

export async function findContactById(db: Executor, id: number): Promise<ContactRow | undefined> {
  return db.selectFrom('customer_contacts').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Contacts by customer then name; the keyset is (customer_id, name, id). `q` matches a name
 * containing it or a phone/mobile starting with it (the hotline looks callers up by number).
 */
export async function findContacts(
  db: Executor,
  f: { customerId: number | null; q?: string; after?: [number, string, number]; limit: number },
): Promise<ContactRow[]> {
  let q = db.selectFrom('customer_contacts').selectAll();
  if (f.customerId !== null) q = q.where('customer_id', '=', f.customerId);
  if (f.q) {
    const text = f.q.replace(/[\\%_]/g, '');
    const digits = text.replace(/[^0-9+]/g, '');
    q = q.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['name']), 'like', `%${text.toLowerCase()}%`),
        ...(digits.length >= 3 ? [eb('phone', 'like', `${digits}%`), eb('mobile', 'like', `${digits}%`)] : []),
      ]),
    );
  }
  if (f.after) {
    const [cid, name, id] = f.after;
    q = q.where((eb) =>
      eb.or([
        eb('customer_id', '>', cid),
        eb.and([eb('customer_id', '=', cid), eb('name', '>', name)]),
        eb.and([eb('customer_id', '=', cid), eb('name', '=', name), eb('id', '>', id)]),
      ]),
    );
  }
  return q.orderBy('customer_id').orderBy('name').orderBy('id').limit(f.limit).execute();
}

export async function insertContact(db: Executor, row: ContactInsert): Promise<number> {
  return (await db.insertInto('customer_contacts').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateContactRow(db: Executor, id: number, patch: Partial<ContactInsert> & { user_id?: number | null; updated_at: number }) {
  await db.updateTable('customer_contacts').set(patch).where('id', '=', id).execute();
}

export async function deleteContactRow(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('customer_contacts').where('id', '=', id).execute();
}
