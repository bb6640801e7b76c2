import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { FaultReportRow, FaultReportsTable } from '../../db/schema.js';

export async function findReport(db: Executor, id: number): Promise<FaultReportRow | undefined> {
  return db.selectFrom('fault_reports').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findReportByTicket(db: Executor, ticketId: number): Promise<FaultReportRow | undefined> {
  return db.selectFrom('fault_reports').selectAll().where('ticket_id', '=', ticketId).executeTakeFirst();
}

export async function insertReport(db: Executor, row: Insertable<FaultReportsTable>): Promise<number> {
  return (await db.insertInto('fault_reports').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateReport(db: Executor, id: number, patch: Updateable<FaultReportsTable> & { updated_at: number }): Promise<void> {
  await db.updateTable('fault_reports').set(patch).where('id', '=', id).execute();
}

// ---------------------------------------------------------------------------------------------
// What a draft is made from. These read the field-service tables (remote sessions, visits, the
// resolution) and the ticket's public timeline as they stand: a draft is a snapshot the engineer
// edits, so nothing here needs those domains' rules, only their facts.

/** The ticket's public steps worth a line in a report: opened, status changes, calls. */
export async function findKeyEvents(db: Executor, ticketId: number) {
  return db
    .selectFrom('ticket_events')
    .select(['id', 'at', 'type', 'body', 'data_json'])
    .where('ticket_id', '=', ticketId)
    .where('internal', '=', 0)
    .where('type', 'in', ['created', 'status', 'call'])
    .orderBy('id')
    .execute();
}

/** When service first came back by the ticket's own steps (status → restored), if it did. */
export async function findFirstRestoredStep(db: Executor, ticketId: number): Promise<number | null> {
  const rows = await db
    .selectFrom('ticket_events')
    .select(['at', 'data_json'])
    .where('ticket_id', '=', ticketId)
    .where('type', '=', 'status')
    .orderBy('id')
    .execute();
  const restored = rows.find((r) => (JSON.parse(r.data_json || '{}') as { to?: string }).to === 'restored');
  return restored?.at ?? null;
}

