import type { Insertable, Updateable } from 'kysely';
import type { Engine, Executor } from '../../db/database.js';
import type { DispatchesTable, DispatchRow, RemoteSessionRow, RemoteSessionsTable, TicketResolutionRow, TicketResolutionsTable, VisitLogRow, VisitLogsTable } from '../../db/schema.js';

// Remote sessions (R6)

export async function insertRemoteSession(db: Executor, row: Insertable<RemoteSessionsTable>): Promise<number> {
  return (await db.insertInto('remote_sessions').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateRemoteSession(db: Executor, id: number, patch: Updateable<RemoteSessionsTable>): Promise<void> {
  await db.updateTable('remote_sessions').set(patch).where('id', '=', id).execute();
}

export async function findRemoteSession(db: Executor, id: number): Promise<RemoteSessionRow | undefined> {
  return db.selectFrom('remote_sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findRemoteSessions(db: Executor, ticketId: number): Promise<RemoteSessionRow[]> {
  return db.selectFrom('remote_sessions').selectAll().where('ticket_id', '=', ticketId).orderBy('id').execute();
}

// Dispatches and visits (R7)

export async function insertDispatch(db: Executor, row: Insertable<DispatchesTable>): Promise<number> {
  return (await db.insertInto('dispatches').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateDispatch(db: Executor, id: number, patch: Updateable<DispatchesTable>): Promise<void> {
  await db.updateTable('dispatches').set(patch).where('id', '=', id).execute();
}

/** A dispatch; on PostgreSQL locked for the rest of the transaction, so two steps cannot cross. */
export async function findDispatch(db: Executor, id: number, options: { engine?: Engine; lock?: boolean } = {}): Promise<DispatchRow | undefined> {
  let q = db.selectFrom('dispatches').selectAll().where('id', '=', id);
  if (options.lock && options.engine === 'postgres') q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function findDispatchesOfTicket(db: Executor, ticketId: number): Promise<DispatchRow[]> {
  return db.selectFrom('dispatches').selectAll().where('ticket_id', '=', ticketId).orderBy('id').execute();
}

export async function findDispatchesOfTickets(db: Executor, ticketIds: number[]): Promise<DispatchRow[]> {
  if (ticketIds.length === 0) return [];
  return db.selectFrom('dispatches').selectAll().where('ticket_id', 'in', ticketIds).orderBy('id').execute();
}

export async function countDispatchesOfTicket(db: Executor, ticketId: number): Promise<number> {
  const row = await db.selectFrom('dispatches').select((eb) => eb.fn.countAll<number>().as('n')).where('ticket_id', '=', ticketId).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * An engineer's visits by planned time: the open ones (not done or cancelled), those planned in
 * a time range, or the finished ones.
 */
export async function findDispatchesOfEngineer(
  db: Executor,
  userId: number,
  filter: { states: readonly string[]; plannedFrom?: number; plannedTo?: number; newestFirst?: boolean; limit: number },
): Promise<DispatchRow[]> {
  let q = db
    .selectFrom('dispatch_engineers as de')
    .innerJoin('dispatches as d', 'd.id', 'de.dispatch_id')
    .selectAll('d')
    .where('de.user_id', '=', userId)
    .where('d.state', 'in', [...filter.states]);
  if (filter.plannedFrom !== undefined) q = q.where('d.planned_at', '>=', filter.plannedFrom);
  if (filter.plannedTo !== undefined) q = q.where('d.planned_at', '<', filter.plannedTo);
  const direction = filter.newestFirst ? 'desc' : 'asc';
  return q.orderBy('d.planned_at', direction).orderBy('d.id', direction).limit(filter.limit).execute();
}

export async function replaceDispatchEngineers(db: Executor, dispatchId: number, userIds: number[]): Promise<void> {
  await db.deleteFrom('dispatch_engineers').where('dispatch_id', '=', dispatchId).execute();
  if (userIds.length > 0) await db.insertInto('dispatch_engineers').values(userIds.map((user_id) => ({ dispatch_id: dispatchId, user_id }))).execute();
}

export async function findDispatchEngineers(db: Executor, dispatchIds: number[]): Promise<Map<number, number[]>> {
  const map = new Map<number, number[]>();
  if (dispatchIds.length === 0) return map;
  const rows = await db.selectFrom('dispatch_engineers').select(['dispatch_id', 'user_id']).where('dispatch_id', 'in', dispatchIds).orderBy('user_id').execute();
  for (const r of rows) map.set(r.dispatch_id, [...(map.get(r.dispatch_id) ?? []), r.user_id]);
  return map;
}

export async function insertVisitLog(db: Executor, row: Insertable<VisitLogsTable>): Promise<number> {
  return (await db.insertInto('visit_logs').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function findVisitLogs(db: Executor, dispatchId: number): Promise<VisitLogRow[]> {
  return db.selectFrom('visit_logs').selectAll().where('dispatch_id', '=', dispatchId).orderBy('id').execute();
}

/** Attachment facts for work-log photos; only those of the given ticket. */
export async function findTicketAttachments(db: Executor, ticketId: number, ids: number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('attachments').select(['id', 'file_name', 'content_type']).where('ticket_id', '=', ticketId).where('id', 'in', ids).execute();
}

// Resolutions (R6)

export async function findResolution(db: Executor, ticketId: number): Promise<TicketResolutionRow | undefined> {
  return db.selectFrom('ticket_resolutions').selectAll().where('ticket_id', '=', ticketId).executeTakeFirst();
}

export async function findResolutions(db: Executor, ticketIds: number[]): Promise<TicketResolutionRow[]> {
  if (ticketIds.length === 0) return [];
  return db.selectFrom('ticket_resolutions').selectAll().where('ticket_id', 'in', ticketIds).execute();
}

export async function upsertResolution(db: Executor, row: Insertable<TicketResolutionsTable>): Promise<void> {
  const { ticket_id: _id, ...update } = row;
  await db
    .insertInto('ticket_resolutions')
    .values(row)
    .onConflict((oc) => oc.column('ticket_id').doUpdateSet(update))
    .execute();
}

// The maintenance archive of an asset (R13)

/** An asset's tickets, newest first, as a keyset page. */
export async function findTicketsOfAsset(db: Executor, assetId: number, page: { beforeId?: number; limit: number }) {
  let q = db
    .selectFrom('tickets')
    .select(['id', 'number', 'title', 'kind', 'status', 'created_at', 'closed_at'])
    .where('asset_id', '=', assetId);
  if (page.beforeId !== undefined) q = q.where('id', '<', page.beforeId);
  return q.orderBy('id', 'desc').limit(page.limit).execute();
}

/** Counts over all of an asset's tickets: tickets, visits (not cancelled), signed forms by satisfaction. */
export async function countRepairsOfAsset(db: Executor, assetId: number) {
  const tickets = await db.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).where('asset_id', '=', assetId).executeTakeFirstOrThrow();
  const visits = await db
    .selectFrom('dispatches as d')
    .innerJoin('tickets as t', 't.id', 'd.ticket_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('t.asset_id', '=', assetId)
    .where('d.state', '!=', 'cancelled')
    .executeTakeFirstOrThrow();
  const forms = await db
    .selectFrom('service_forms as f')
    .innerJoin('tickets as t', 't.id', 'f.ticket_id')
    .select(['f.satisfaction', (eb) => eb.fn.countAll<number>().as('n')])
    .where('t.asset_id', '=', assetId)
    .where('f.state', '=', 'signed')
    .groupBy('f.satisfaction')
    .execute();
  return { tickets: Number(tickets.n), visits: Number(visits.n), forms: forms.map((f) => ({ satisfaction: f.satisfaction, n: Number(f.n) })) };
}

// Closing a fault (issue 6 item 8)

/** Visits of a ticket that were not cancelled and have neither a signed form nor a reason. */
export async function findVisitsWithoutSignedForm(db: Executor, ticketId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('dispatches as d')
    .select('d.number')
    .where('d.ticket_id', '=', ticketId)
    .where('d.state', '!=', 'cancelled')
    .where('d.no_form_reason', '=', '')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('service_forms as f').select('f.id').whereRef('f.dispatch_id', '=', 'd.id').where('f.state', '=', 'signed'))))
    .orderBy('d.id')
    .execute();
  return rows.map((r) => r.number);
}

export async function findReportState(db: Executor, ticketId: number): Promise<string | null> {
  const row = await db.selectFrom('fault_reports').select('state').where('ticket_id', '=', ticketId).executeTakeFirst();
  return row?.state ?? null;
}

// For other domains' texts (field-records.ts)

export async function findRemoteSessionsByStart(db: Executor, ticketId: number): Promise<RemoteSessionRow[]> {
  return db.selectFrom('remote_sessions').selectAll().where('ticket_id', '=', ticketId).orderBy('started_at').orderBy('id').execute();
}

export async function findVisitLogsOf(db: Executor, dispatchIds: number[]): Promise<VisitLogRow[]> {
  if (dispatchIds.length === 0) return [];
  return db.selectFrom('visit_logs').selectAll().where('dispatch_id', 'in', dispatchIds).orderBy('at').orderBy('id').execute();
}
