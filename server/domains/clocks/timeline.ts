/**
 * From a ticket's timeline to the clock engine's events (R4). Pure: the ticket-clock service stores
 * what this returns and runs the engine over it. The mapping, each a reading of the service
 * commitment and the ticket workflows (tickets/workflow.ts):
 *
 * | timeline | clock events |
 * |---|---|
 * | `created` | `created`, with the grade the fault was reported with |
 * | a public `reply` by staff | `responded` (a customer's own reply is not a response) |
 * | a `call` that started after the ticket was created (`data.startedAt`) | `responded`: a call-back, or the customer's follow-up call answered. The reporting call itself is logged on the ticket right after it is opened and started before it, so it is not one; a call without `data.startedAt` is not counted |
 * | status → `accepted`, `remote_diagnosis`, `escalated`, `answered` | `responded` (an engineer took it on: 受理 / 电话响应) |
 * | status → `waiting_customer` | `responded` (someone asked the customer), then `paused` |
 * | status leaving `waiting_customer` | `resumed`, before anything else the step means |
 * | status → `solution_proposed` | `solution_proposed` |
 * | status → `on_site` | `dispatched` and `arrived` at once (a step taken by hand; a visit's own times come first, as below) |
 * | `dispatch` with `data.action` `departed` / `arrived` | `dispatched` / `arrived`: the engineer set off for the site, checked in there (R7) |
 * | `resolution` | `restored` at `data.restoredAt`, the time service came back as recorded (R6), else at the entry |
 * | `report` with `data.action` `delivered` | `report_delivered` (R10) |
 * | status → `restored` | `restored` |
 * | status → `resolved` or `closed` | `resolved` (the engine counts it as a restoration for clocks still running) |
 * | `field` change of `grade` | `grade_changed` |
 * | events named like the engine's (`dispatched`, `arrived`, `restored`, `report_delivered`, …, `spare_on_site` with `data.value`) | passed through |
 *
 * Reopening a closed ticket restarts nothing: a promise is met or breached once (the engine takes
 * the first occurrence of each milestone). Notes, assignments and attachments change no clock.
 */

import { MILESTONES, type ClockEvent, type Milestone } from './engine.js';
import { FAULT_GRADES, type ClockKind, type FaultGrade } from './policy.js';

/** A ticket timeline entry as the tickets domain writes it. */
export interface TimelineEvent {
  type: string;
  at: number;
  internal: boolean;
  /** Whether the person behind it is staff (not a customer contact); matters for replies. */
  actorIsStaff?: boolean;
  data: Record<string, unknown>;
}

/** A clock event in storable form: the grade or the flag in `arg`. */
export interface StoredClockEvent {
  type: ClockEvent['type'];
  at: number;
  /** The grade of `created` and `grade_changed`, `'1'`/`'0'` for `spare_on_site`, else `''`. */
  arg: string;
}

/** Which kinds of ticket have clocks, and which. */
export function clockKindsOf(ticketKind: string): readonly ClockKind[] | 'all' | null {
  // R4's table is about faults. A consultation (R2, 7×24 专家热线) is promised the phone response
  // only; complaints, upgrades and service requests have no clock in the commitment.
  if (ticketKind === 'fault') return 'all';
  if (ticketKind === 'consultation') return ['response'];
  return null;
}

export function asGrade(value: unknown): FaultGrade | null {
  return (FAULT_GRADES as readonly unknown[]).includes(value) ? (value as FaultGrade) : null;
}

const RESPONDING_STATUSES = new Set(['accepted', 'remote_diagnosis', 'escalated', 'answered', 'waiting_customer']);
const PASS_THROUGH = new Set<string>([...MILESTONES.filter((m) => m !== 'created')]);

function milestone(type: Milestone, at: number): StoredClockEvent {
  return { type, at, arg: '' };
}

/** The clock events one timeline entry stands for, in the order they happen. */
export function clockEventsOfEntry(ticket: { createdAt: number; grade: string | null }, e: TimelineEvent): StoredClockEvent[] {
  const data = e.data ?? {};
  switch (e.type) {
    case 'created':
      return [{ type: 'created', at: e.at, arg: asGrade(data.grade) ?? asGrade(ticket.grade) ?? 'general' }];
    case 'reply':
      return !e.internal && e.actorIsStaff === true ? [milestone('responded', e.at)] : [];
    case 'call':
      return typeof data.startedAt === 'number' && data.startedAt >= ticket.createdAt ? [milestone('responded', e.at)] : [];
    case 'field': {
      const grade = data.field === 'grade' ? asGrade(data.to) : null;
      return grade ? [{ type: 'grade_changed', at: e.at, arg: grade }] : [];
    }
    case 'status': {
      const out: StoredClockEvent[] = [];
      const to = String(data.to ?? '');
      if (data.from === 'waiting_customer' && to !== 'waiting_customer') out.push({ type: 'resumed', at: e.at, arg: '' });
      if (RESPONDING_STATUSES.has(to)) out.push(milestone('responded', e.at));
      if (to === 'solution_proposed') out.push(milestone('solution_proposed', e.at));
      if (to === 'on_site') out.push(milestone('dispatched', e.at), milestone('arrived', e.at));
      if (to === 'restored') out.push(milestone('restored', e.at));
      if (to === 'resolved' || to === 'closed') out.push(milestone('resolved', e.at));
      if (to === 'waiting_customer') out.push({ type: 'paused', at: e.at, arg: '' });
      return out;
    }
    case 'dispatch':
      if (data.action === 'departed') return [milestone('dispatched', e.at)];
      return data.action === 'arrived' ? [milestone('arrived', e.at)] : [];
    case 'resolution':
      return [milestone('restored', typeof data.restoredAt === 'number' ? data.restoredAt : e.at)];
    case 'report':
      return data.action === 'delivered' ? [milestone('report_delivered', e.at)] : [];
    case 'spare_on_site':
      return [{ type: 'spare_on_site', at: e.at, arg: data.value === false ? '0' : '1' }];
    default:
      return PASS_THROUGH.has(e.type) ? [milestone(e.type as Milestone, e.at)] : [];
  }
}

/** The clock events of a list of timeline entries, in their order. */
export function clockEventsOf(ticket: { createdAt: number; grade: string | null }, events: readonly TimelineEvent[]): StoredClockEvent[] {
  return events.flatMap((e) => clockEventsOfEntry(ticket, e));
}

/**
 * The engine's input from stored clock events (in order): the grade reported, and the events
 * after `created`. Without a stored `created`, the ticket's creation stands in for it.
 */
export function engineEventsOf(
  ticket: { createdAt: number; grade: string | null },
  stored: readonly StoredClockEvent[],
  options: { sparesOnSite: boolean },
): { grade: FaultGrade; events: ClockEvent[] } {
  const created = stored.find((e) => e.type === 'created');
  const grade = asGrade(created?.arg) ?? asGrade(ticket.grade) ?? 'general';
  const events: ClockEvent[] = [];
  if (!created) events.push({ type: 'created', at: ticket.createdAt });
  // A contract that keeps spares on site (R8 现场备件) promises the 4-hour hardware restoration
  // from the report on; a later spare_on_site event can still change it.
  if (options.sparesOnSite) events.push({ type: 'spare_on_site', at: created?.at ?? ticket.createdAt, value: true });
  for (const e of stored) {
    if (e.type === 'grade_changed') {
      const g = asGrade(e.arg);
      if (g) events.push({ type: 'grade_changed', at: e.at, grade: g });
    } else if (e.type === 'spare_on_site') {
      events.push({ type: 'spare_on_site', at: e.at, value: e.arg !== '0' });
    } else {
      events.push({ type: e.type, at: e.at });
    }
  }
  return { grade, events };
}
