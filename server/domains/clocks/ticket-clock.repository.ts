import { sql, type Insertable } from 'kysely';
import type { Engine, Executor } from '../../db/database.js';
import type { TicketClockRow, TicketClocksTable } from '../../db/schema.js';
import { preparedInsert, runPrepared } from '../../db/statements.js';
import type { StoredClockEvent } from './timeline.js';

export type ClockInsert = Omit<Insertable<TicketClocksTable>, 'warned_at' | 'breach_step' | 'breach_raised_at'>;
export type ClockPatch = Partial<Omit<TicketClockRow, 'ticket_id' | 'kind'>>;

// Written once (db/statements.ts): every new ticket inserts its clock events and clocks.
const clockEventInsert = preparedInsert<{ ticket_id: number; at: number; type: string; arg: string }>(
  'ticket_clock_events',
  { ticket_id: true, at: true, type: true, arg: true },
  'on conflict ("ticket_id", "type", "at", "arg") do nothing',
);
// A new clock has no alert state yet (warned_at, breach_step, breach_raised_at keep their defaults).
const clockInsert = preparedInsert<ClockInsert>('ticket_clocks', {
  ticket_id: true, kind: true, ticket_kind: true, customer_id: true, contract_id: true, team_id: true, owner_id: true, policy_id: true,
  calendar_id: true, round_the_clock: true, grade: true, target_ms: true, state: true, started_at: true, deadline: true, warn_at: true,
  stopped_at: true, breached_at: true, remaining_ms: true, counting: true, computed_at: true, alert_due_at: true,
});

/** Stores clock events; one already stored (same type, instant and argument) is skipped. */
export async function insertClockEvents(db: Executor, engine: Engine, ticketId: number, events: StoredClockEvent[]): Promise<void> {
  if (events.length) await runPrepared(db, engine, insertClockEventsQuery(ticketId, events));
}

/** The insert of clock events, not yet executed (db/statements.ts); `events` must not be empty. */
export function insertClockEventsQuery(ticketId: number, events: StoredClockEvent[]) {
  return clockEventInsert(events.map((e) => ({ ticket_id: ticketId, at: e.at, type: e.type, arg: e.arg })));
}

/** A ticket's clock events in the order they happened (equal instants in the order stored). */
export async function findClockEvents(db: Executor, ticketId: number): Promise<StoredClockEvent[]> {
  const rows = await db.selectFrom('ticket_clock_events').select(['type', 'at', 'arg']).where('ticket_id', '=', ticketId).orderBy('at').orderBy('id').execute();
  return rows as StoredClockEvent[];
}

/**
 * A ticket's stored clocks. On PostgreSQL they are locked for the caller's transaction: a sweeper
 * raising one of its alerts finishes first, so the refresh builds on the alert state it left.
 */
export async function findClocksForUpdate(db: Executor, engine: Engine, ticketId: number): Promise<TicketClockRow[]> {
  let q = db.selectFrom('ticket_clocks').selectAll().where('ticket_id', '=', ticketId);
  if (engine === 'postgres') q = q.forUpdate();
  return q.execute();
}

export async function findClocksOfTickets(db: Executor, ticketIds: number[]): Promise<TicketClockRow[]> {
  if (ticketIds.length === 0) return [];
  return db.selectFrom('ticket_clocks').selectAll().where('ticket_id', 'in', [...new Set(ticketIds)]).execute();
}

export async function insertClocks(db: Executor, engine: Engine, rows: ClockInsert[]): Promise<void> {
  if (rows.length) await runPrepared(db, engine, insertClocksQuery(rows));
}

/** The insert of clock rows, not yet executed (db/statements.ts); `rows` must not be empty. */
export function insertClocksQuery(rows: ClockInsert[]) {
  return clockInsert(rows);
}

export async function updateClock(db: Executor, ticketId: number, kind: string, patch: ClockPatch): Promise<void> {
  await db.updateTable('ticket_clocks').set(patch).where('ticket_id', '=', ticketId).where('kind', '=', kind).execute();
}

export async function deleteClocks(db: Executor, ticketId: number, kinds: string[]): Promise<void> {
  if (kinds.length) await db.deleteFrom('ticket_clocks').where('ticket_id', '=', ticketId).where('kind', 'in', kinds).execute();
}

export type DueClock = Pick<TicketClockRow, 'ticket_id' | 'kind' | 'customer_id' | 'team_id' | 'owner_id' | 'policy_id' | 'deadline' | 'warn_at' | 'stopped_at' | 'warned_at' | 'breach_step' | 'alert_due_at'>;

/**
 * Clocks with an alert due at `now`, soonest first: a range on the alert_due_at index. On
 * PostgreSQL the rows are locked and rows another sweeper (or a ticket event) holds are skipped, so
 * two instances never raise the same alert; they see the row again, with its new alert state, once
 * the holder commits.
 */
export async function claimDueClocks(db: Executor, engine: Engine, now: number, limit: number): Promise<DueClock[]> {
  let q = db
    .selectFrom('ticket_clocks')
    .select(['ticket_id', 'kind', 'customer_id', 'team_id', 'owner_id', 'policy_id', 'deadline', 'warn_at', 'stopped_at', 'warned_at', 'breach_step', 'alert_due_at'])
    .where('alert_due_at', '<=', now)
    .orderBy('alert_due_at')
    .limit(limit);
  if (engine === 'postgres') q = q.forUpdate().skipLocked();
  return q.execute();
}

export interface AlertStateUpdate {
  ticketId: number;
  kind: string;
  warnedAt: number | null;
  breachStep: number;
  /** Set when the breach itself was raised in this round. */
  breachRaisedAt: number | null;
  alertDueAt: number | null;
}

/**
 * Writes the alert state of many clocks in one statement (UPDATE … FROM a JSON list), so a sweep
 * of thousands of due clocks is a few round trips, not thousands. A clock whose breach is raised
 * becomes `breached` with the deadline as its breach time, as the engine would compute it now.
 */
export async function updateAlertStates(db: Executor, engine: Engine, updates: AlertStateUpdate[]): Promise<void> {
  if (updates.length === 0) return;
  const json = JSON.stringify(updates.map((u) => ({ t: u.ticketId, k: u.kind, w: u.warnedAt, s: u.breachStep, r: u.breachRaisedAt, d: u.alertDueAt })));
  if (engine === 'postgres') {
    await sql`update ticket_clocks c set
        warned_at = v.w, breach_step = v.s, alert_due_at = v.d,
        breach_raised_at = coalesce(c.breach_raised_at, v.r),
        state = case when v.r is not null then 'breached' else c.state end,
        breached_at = case when v.r is not null then c.deadline else c.breached_at end
      from json_to_recordset(${json}::json) as v(t bigint, k text, w bigint, s integer, r bigint, d bigint)
      where c.ticket_id = v.t and c.kind = v.k`.execute(db);
    return;
  }
  await sql`update ticket_clocks set
      warned_at = v.w, breach_step = v.s, alert_due_at = v.d,
      breach_raised_at = coalesce(ticket_clocks.breach_raised_at, v.r),
      state = case when v.r is not null then 'breached' else ticket_clocks.state end,
      breached_at = case when v.r is not null then ticket_clocks.deadline else ticket_clocks.breached_at end
    from (select value ->> 't' as t, value ->> 'k' as k, value ->> 'w' as w, value ->> 's' as s, value ->> 'r' as r, value ->> 'd' as d from json_each(${json})) as v
    where ticket_clocks.ticket_id = v.t and ticket_clocks.kind = v.k`.execute(db);
}

/** Per ticket, its running clock due soonest (queues: nearest deadline first). */
export async function findNearestDeadlines(db: Executor, ticketIds: number[]): Promise<Pick<TicketClockRow, 'ticket_id' | 'kind' | 'deadline'>[]> {
  if (ticketIds.length === 0) return [];
  return db
    .selectFrom('ticket_clocks')
    .select(['ticket_id', 'kind', 'deadline'])
    .where('ticket_id', 'in', [...new Set(ticketIds)])
    .where('stopped_at', 'is', null)
    .where('deadline', 'is not', null)
    .orderBy('deadline')
    .execute();
}

/**
 * Tickets by the deadline of their running clocks in [from, to), soonest first, after a keyset
 * position: a range on the open-deadline index. A ticket with two clocks in range comes twice.
 */
export async function findDeadlinesBetween(
  db: Executor,
  f: { from?: number; to: number; after?: { deadline: number; ticketId: number }; limit: number },
): Promise<{ ticket_id: number; kind: string; deadline: number }[]> {
  let q = db
    .selectFrom('ticket_clocks')
    .select(['ticket_id', 'kind', 'deadline'])
    .where('stopped_at', 'is', null)
    .where('deadline', 'is not', null)
    .where('deadline', '<', f.to);
  if (f.from !== undefined) q = q.where('deadline', '>=', f.from);
  if (f.after) {
    const { deadline, ticketId } = f.after;
    q = q.where((eb) => eb.or([eb('deadline', '>', deadline), eb.and([eb('deadline', '=', deadline), eb('ticket_id', '>', ticketId)])]));
  }
  const rows = await q.orderBy('deadline').orderBy('ticket_id').limit(f.limit).execute();
  return rows as { ticket_id: number; kind: string; deadline: number }[];
}
