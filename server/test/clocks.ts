import type { Database } from '../db/database.js';
import type { Deps } from '../deps.js';
import { refreshTicketClocks, type ClockTicket, type TimelineEvent } from '../domains/clocks/ticket-clock.service.js';

/**
 * Until the tickets service calls refreshTicketClocks itself, tests hand it a ticket's timeline as
 * stored: the ticket's facts and its events (with whether each actor is staff), read from the tables.
 */
export async function ticketTimeline(database: Database, ticketId: number, options: { afterEventId?: number } = {}): Promise<{ ticket: ClockTicket; events: TimelineEvent[]; lastEventId: number }> {
  const db = database.db;
  const t = await db.selectFrom('tickets').selectAll().where('id', '=', ticketId).executeTakeFirstOrThrow();
  let q = db.selectFrom('ticket_events').selectAll().where('ticket_id', '=', ticketId);
  if (options.afterEventId !== undefined) q = q.where('id', '>', options.afterEventId);
  const rows = await q.orderBy('id').execute();
  const actorIds = [...new Set(rows.flatMap((r) => (r.actor_user_id !== null ? [r.actor_user_id] : [])))];
  const staff = new Set(
    actorIds.length === 0 ? [] : (await db.selectFrom('users').select('id').where('id', 'in', actorIds).where('customer_id', 'is', null).execute()).map((u) => u.id),
  );
  return {
    ticket: {
      id: t.id,
      customerId: t.customer_id,
      contractId: t.contract_id,
      kind: t.kind,
      grade: t.grade,
      ownerId: t.owner_id,
      teamId: t.team_id,
      createdAt: t.created_at,
    },
    events: rows.map((r) => ({
      type: r.type,
      at: r.at,
      internal: r.internal === 1,
      actorIsStaff: r.actor_user_id !== null && staff.has(r.actor_user_id),
      data: JSON.parse(r.data_json) as Record<string, unknown>,
    })),
    lastEventId: rows[rows.length - 1]?.id ?? options.afterEventId ?? 0,
  };
}

/** Refreshes a ticket's clocks from its whole stored timeline, as the tickets service will after each event. */
export async function refreshFromTimeline(database: Database, deps: Deps, ticketId: number): Promise<void> {
  const { ticket, events } = await ticketTimeline(database, ticketId);
  await database.db.transaction().execute((trx) => refreshTicketClocks(trx, deps, ticket, events));
}
