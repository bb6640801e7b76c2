import type { Deps } from '../../deps.js';
import type { Executor } from '../../db/database.js';
import type { Statement } from '../../db/statements.js';
import type { TicketClockRow } from '../../db/schema.js';
import { contractClockTerms } from '../contracts/contract.service.js';
import { CalendarError, ROUND_THE_CLOCK, workingTimeBetween, type Calendar } from './calendar.js';
import { cachedClockSettings, calendarsOf, type ClockSettings, type ContractClockTerms } from './clock-settings.service.js';
import { computeClocks, type ClockEvent, type ClockResult, type ClockState } from './engine.js';
import { nextAlertAt } from './escalation.js';
import { CLOCK_KINDS, type ClockKind, type FaultGrade } from './policy.js';
import * as repo from './ticket-clock.repository.js';
import { clockEventsOf, clockKindsOf, engineEventsOf, type StoredClockEvent, type TimelineEvent } from './timeline.js';

/** What the clocks need to know about a ticket; the tickets domain hands it over. */
export interface ClockTicket {
  id: number;
  customerId: number;
  contractId: number | null;
  kind: string;
  grade: string | null;
  ownerId: number | null;
  teamId: number | null;
  createdAt: number;
}

export type { TimelineEvent };

// Columns the engine decides; compared to skip writes that would change nothing.
const COMPUTED = [
  'ticket_kind', 'customer_id', 'contract_id', 'team_id', 'owner_id', 'policy_id', 'calendar_id', 'round_the_clock', 'grade', 'target_ms',
  'state', 'started_at', 'deadline', 'warn_at', 'stopped_at', 'breached_at', 'counting', 'alert_due_at',
] as const satisfies readonly (keyof TicketClockRow)[];

/** Whether the ticket is waiting for the customer at `now` (an open pause), as the engine reads pauses. */
function pausedAt(events: readonly ClockEvent[], now: number): boolean {
  let paused = false;
  for (const e of [...events].sort((a, b) => a.at - b.at)) {
    if (e.at > now) break;
    if (e.type === 'paused') paused = true;
    else if (e.type === 'resumed') paused = false;
  }
  return paused;
}

/** Working time left at `now` of a stored clock: it shrinks only while the clock counts. */
function remainingAt(row: Pick<TicketClockRow, 'remaining_ms' | 'counting' | 'computed_at'>, calendar: Calendar, now: number): number | null {
  if (row.remaining_ms === null || row.counting === 0) return row.remaining_ms;
  return row.remaining_ms - workingTimeOr(calendar, row.computed_at, now);
}

/**
 * Recomputes a ticket's clocks after timeline events (R4), in the caller's transaction, so the
 * clocks change with the event that changes them. `events` are timeline entries — the ones just
 * written, or the whole timeline: what they mean for the clocks (domains/clocks/timeline.ts) is
 * stored once, so handing an entry over twice changes nothing. The first call should include the
 * `created` entry (without it, the ticket's creation stands in). Call it after every timeline event,
 * assignments included: the owner and team are copied for alerts and reports.
 *
 * Faults get every clock of R4; consultations the response clock; other kinds none. The contract's
 * policy and calendar apply, else the defaults; a calendar that cannot answer (no working time
 * left in its search window) falls back to 7×24 rather than refuse the ticket's event.
 */
export async function refreshTicketClocks(trx: Executor, deps: Deps, ticket: ClockTicket, events: TimelineEvent[]): Promise<void> {
  const kinds = clockKindsOf(ticket.kind);
  if (kinds === null) return;
  const mapped = clockEventsOf(ticket, events);
  const existing = new Map((await repo.findClocksForUpdate(trx, deps.engine, ticket.id)).map((r) => [r.kind, r]));
  await repo.insertClockEvents(trx, deps.engine, ticket.id, mapped);
  // A ticket without clocks yet has no stored events but these (a round trip saved when it opens).
  const stored = existing.size === 0 ? mapped : await repo.findClockEvents(trx, ticket.id);
  const terms = ticket.contractId === null ? null : await contractClockTerms(trx, ticket.contractId);
  const now = deps.clock.now();
  const computed = computeRows(ticket, stored, terms, await cachedClockSettings(deps.db, terms, trx), now, kinds, existing);

  const inserts: repo.ClockInsert[] = [];
  for (const { kind, row } of computed) {
    const before = existing.get(kind);
    existing.delete(kind);
    if (!before) {
      inserts.push(newClockRow(ticket.id, kind, row, now));
    } else if (COMPUTED.some((c) => before[c] !== row[c]) || remainingAt(before, row.round_the_clock ? ROUND_THE_CLOCK : computed.calendar, now) !== row.remaining_ms) {
      await repo.updateClock(trx, ticket.id, kind, { ...row, computed_at: now });
    }
  }
  await repo.insertClocks(trx, deps.engine, inserts);
  // A clock no longer listed (hardware_restore once spares are no longer on site).
  await repo.deleteClocks(trx, ticket.id, [...existing.keys()]);
}

/**
 * Removes a ticket's clocks: a duplicate merged into another ticket has no promises of its own any
 * more — the ticket it was merged into carries them — so it is neither alerted nor counted.
 */
export async function dropTicketClocks(trx: Executor, ticketId: number): Promise<void> {
  await repo.deleteClocks(trx, ticketId, [...CLOCK_KINDS]);
}

/**
 * The clocks of a ticket being opened, as statements to send with the ticket's own rows
 * (db/statements.ts): the rows refreshTicketClocks would write for its `created` entry — and the
 * entries written with it, such as a spare found on site (R8) —, found without a read but the
 * (cached) settings. `terms` are its contract's, which the caller has.
 */
export async function newTicketClockStatements(
  deps: Deps,
  ticket: ClockTicket,
  created: TimelineEvent | TimelineEvent[],
  terms: ContractClockTerms | null,
): Promise<{ statements: Statement[]; nearest: Map<number, { kind: ClockKind; deadline: number }> }> {
  const nearest = new Map<number, { kind: ClockKind; deadline: number }>();
  const kinds = clockKindsOf(ticket.kind);
  if (kinds === null) return { statements: [], nearest };
  const mapped = clockEventsOf(ticket, Array.isArray(created) ? created : [created]);
  const now = deps.clock.now();
  const computed = computeRows(ticket, mapped, terms, await cachedClockSettings(deps.db, terms), now, kinds, new Map());
  const rows = computed.map(({ kind, row }) => newClockRow(ticket.id, kind, row, now));
  for (const r of rows) {
    const soonest = nearest.get(ticket.id);
    if (r.stopped_at === null && r.deadline !== null && (!soonest || r.deadline < soonest.deadline)) nearest.set(ticket.id, { kind: r.kind, deadline: r.deadline });
  }
  return { statements: [repo.insertClockEventsQuery(ticket.id, mapped), ...(rows.length ? [repo.insertClocksQuery(rows)] : [])], nearest };
}

/**
 * A clock's row to insert. Spelled out rather than spread from the computed row: opening a ticket
 * builds several at a time, and the profile of the ticket benchmark had the spread of the
 * computed row among its dearest lines.
 */
function newClockRow(ticketId: number, kind: ClockKind, r: ReturnType<typeof computeRows>[number]['row'], now: number) {
  return {
    ticket_id: ticketId, kind, ticket_kind: r.ticket_kind, customer_id: r.customer_id, contract_id: r.contract_id, team_id: r.team_id, owner_id: r.owner_id,
    policy_id: r.policy_id, calendar_id: r.calendar_id, round_the_clock: r.round_the_clock, grade: r.grade, target_ms: r.target_ms, state: r.state,
    started_at: r.started_at, deadline: r.deadline, warn_at: r.warn_at, stopped_at: r.stopped_at, breached_at: r.breached_at, remaining_ms: r.remaining_ms,
    counting: r.counting, computed_at: now, alert_due_at: r.alert_due_at,
  };
}

/** Every clock's row as the engine has it at `now`, with its alert state carried on from `existing`. */
function computeRows(
  ticket: ClockTicket,
  stored: StoredClockEvent[],
  terms: ContractClockTerms | null,
  settings: ClockSettings,
  now: number,
  kinds: Exclude<ReturnType<typeof clockKindsOf>, null>,
  existing: Map<string, TicketClockRow>,
) {
  const { grade, events: clockEvents } = engineEventsOf(ticket, stored, { sparesOnSite: ticket.kind === 'fault' && (terms?.sparesOnSite ?? false) });
  let calendar: Calendar = settings.calendar;
  let calendarId = settings.calendarId;
  let results: ClockResult[];
  try {
    results = computeClocks({ policy: settings.policy, calendar, grade, events: clockEvents, now });
  } catch (error) {
    if (!(error instanceof CalendarError)) throw error;
    calendar = ROUND_THE_CLOCK;
    calendarId = null;
    results = computeClocks({ policy: settings.policy, calendar, grade, events: clockEvents, now });
  }
  if (kinds !== 'all') results = results.filter((r) => kinds.includes(r.kind));
  const paused = pausedAt(clockEvents, now);
  const rows = results.map((r) => {
    const before = existing.get(r.kind);
    const warnedAt = before?.warned_at ?? null;
    const breachStep = before?.breach_step ?? 0;
    const roundTheClock = r.roundTheClock || calendar.kind === '7x24';
    return {
      kind: r.kind,
      row: {
        ticket_kind: ticket.kind,
        customer_id: ticket.customerId,
        contract_id: ticket.contractId,
        team_id: ticket.teamId,
        owner_id: ticket.ownerId,
        policy_id: settings.policyId,
        calendar_id: roundTheClock ? null : calendarId,
        round_the_clock: roundTheClock ? 1 : 0,
        grade: r.grade,
        target_ms: r.targetMs,
        state: r.state,
        started_at: r.startedAt,
        deadline: r.deadline,
        warn_at: r.warnAt,
        stopped_at: r.stoppedAt,
        breached_at: r.breachedAt,
        remaining_ms: r.remainingMs,
        counting: r.startedAt !== null && r.stoppedAt === null && !paused ? 1 : 0,
        alert_due_at: nextAlertAt({ deadline: r.deadline, warnAt: r.warnAt, stoppedAt: r.stoppedAt, warnedAt, breachStep }, settings.escalation),
      },
    };
  });
  return Object.assign(rows, { calendar });
}

/** A clock as the ticket page shows it, with time left at the moment of reading. */
export interface TicketClockDto {
  kind: ClockKind;
  grade: FaultGrade;
  state: ClockState;
  targetMs: number;
  roundTheClock: boolean;
  startedAt: number | null;
  deadline: number | null;
  warnAt: number | null;
  stoppedAt: number | null;
  breachedAt: number | null;
  /** Working time left; negative when overdue; frozen while paused or stopped; null while pending. */
  remainingMs: number | null;
  /** When the warning was raised, if it was. */
  warnedAt: number | null;
  /** Breach alerts raised: 0 none, 1 the breach, 2… escalation steps. */
  escalationStep: number;
}

function workingTimeOr(calendar: Calendar, from: number, to: number): number {
  try {
    return workingTimeBetween(calendar, from, to);
  } catch {
    return to - from;
  }
}

function presentClock(row: TicketClockRow, calendar: Calendar, now: number): TicketClockDto {
  let state = row.state as ClockState;
  let breachedAt = row.breached_at;
  if (row.counting === 1 && row.deadline !== null) {
    // Running: in time or overdue as of now.
    state = now > row.deadline ? 'breached' : 'running';
    breachedAt = state === 'breached' ? row.deadline : null;
  }
  const remainingMs = remainingAt(row, calendar, now);
  return {
    kind: row.kind as ClockKind,
    grade: row.grade as FaultGrade,
    state,
    targetMs: row.target_ms,
    roundTheClock: row.round_the_clock === 1,
    startedAt: row.started_at,
    deadline: row.deadline,
    warnAt: row.warn_at,
    stoppedAt: row.stopped_at,
    breachedAt,
    remainingMs,
    warnedAt: row.warned_at,
    escalationStep: row.breach_step,
  };
}

/** Tickets' clocks at `now`, in the order of R4's table, for presenting (ticket page, queues). */
export async function ticketClocks(db: Executor, ticketIds: number[], now: number): Promise<Map<number, TicketClockDto[]>> {
  const rows = await repo.findClocksOfTickets(db, ticketIds);
  const calendars = await calendarsOf(db, rows.flatMap((r) => (r.round_the_clock === 0 && r.calendar_id !== null ? [r.calendar_id] : [])));
  const order = (k: string) => CLOCK_KINDS.indexOf(k as ClockKind);
  rows.sort((a, b) => a.ticket_id - b.ticket_id || order(a.kind) - order(b.kind));
  const map = new Map<number, TicketClockDto[]>();
  for (const row of rows) {
    const calendar = row.round_the_clock === 0 && row.calendar_id !== null ? (calendars.get(row.calendar_id) ?? ROUND_THE_CLOCK) : ROUND_THE_CLOCK;
    const list = map.get(row.ticket_id) ?? [];
    list.push(presentClock(row, calendar, now));
    map.set(row.ticket_id, list);
  }
  return map;
}

/** Per ticket, the running clock due soonest, for queue rows ("restore due 14:30"). */
export async function nearestDeadlines(db: Executor, ticketIds: number[]): Promise<Map<number, { kind: ClockKind; deadline: number }>> {
  const map = new Map<number, { kind: ClockKind; deadline: number }>();
  for (const r of await repo.findNearestDeadlines(db, ticketIds)) {
    if (!map.has(r.ticket_id)) map.set(r.ticket_id, { kind: r.kind as ClockKind, deadline: r.deadline! });
  }
  return map;
}

/**
 * Running clocks whose deadline falls in [from, to), soonest first, with a keyset position: "breached"
 * is `to = now`, "breaching within 1 h" is `from = now, to = now + 1 h`. For the queues; a ticket
 * with two clocks in range comes twice, once per clock.
 */
export async function clocksDueBetween(db: Executor, range: { from?: number; to: number; after?: { deadline: number; ticketId: number }; limit: number }) {
  return (await repo.findDeadlinesBetween(db, range)).map((r) => ({ ticketId: r.ticket_id, kind: r.kind as ClockKind, deadline: r.deadline }));
}

/** Whether a ticket's clock of this kind has started and not stopped (running, paused or overdue). */
export async function isClockRunning(db: Executor, ticketId: number, kind: ClockKind): Promise<boolean> {
  const row = (await repo.findClocksOfTickets(db, [ticketId])).find((r) => r.kind === kind);
  return row !== undefined && row.started_at !== null && row.stopped_at === null;
}
