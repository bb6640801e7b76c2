import type { Executor } from '../../db/database.js';
import type { VendorEscalationEntryRow, VendorEscalationRow } from '../../db/schema.js';

export type EscalationInsert = Omit<VendorEscalationRow, 'id'>;
export type EntryInsert = Omit<VendorEscalationEntryRow, 'id'>;

export async function findEscalationById(db: Executor, id: number): Promise<VendorEscalationRow | undefined> {
  return db.selectFrom('vendor_escalations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A ticket's escalations, oldest first (a ticket has a handful at most). */
export async function findEscalationsOfTicket(db: Executor, ticketId: number): Promise<VendorEscalationRow[]> {
  return db.selectFrom('vendor_escalations').selectAll().where('ticket_id', '=', ticketId).orderBy('id').execute();
}

export async function insertEscalation(db: Executor, row: EscalationInsert): Promise<number> {
  return (await db.insertInto('vendor_escalations').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateEscalation(db: Executor, id: number, patch: Partial<Pick<VendorEscalationRow, 'case_number' | 'state' | 'closed_at'>> & { updated_at: number }): Promise<void> {
  await db.updateTable('vendor_escalations').set(patch).where('id', '=', id).execute();
}

export async function insertEntry(db: Executor, row: EntryInsert): Promise<number> {
  return (await db.insertInto('vendor_escalation_entries').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** The entries of these escalations, oldest first. */
export async function findEntries(db: Executor, escalationIds: number[]): Promise<VendorEscalationEntryRow[]> {
  if (escalationIds.length === 0) return [];
  return db.selectFrom('vendor_escalation_entries').selectAll().where('escalation_id', 'in', escalationIds).orderBy('escalation_id').orderBy('id').execute();
}

