/**
 * The service-clock engine (R4, issue 5): from a policy, a calendar and a ticket's events, every
 * clock's start, deadline, state and time left. Pure and deterministic — `now` is an argument — so
 * the service runs it after each ticket event, the sweeper before raising a warning, and the tests
 * on tables of real cases. Cost is linear in the events, plus one calendar walk per clock over the
 * days it spans.
 *
 * The rules, each one a reading of the service commitment:
 * - response, solution, dispatch, restore and hardware_restore start when the fault is reported
 *   (`created`); arrival starts at the first dispatch (1小时的现场响应时间 counts from dispatch);
 *   report starts at the first restoration (故障解决后3天内), or at `resolved` if nothing was
 *   recorded as restored.
 * - A clock stops at its own milestone, and at any later milestone that cannot happen without it:
 *   proposing a solution, dispatching or restoring means the customer was answered; dispatching
 *   ends the remote-solution stage; restoring service ends every clock about getting it back, so a
 *   fault fixed remotely meets its dispatch and arrival promises if it was fixed before they fell
 *   due. `resolved` counts as a restoration for the clocks still running. The report clock stops
 *   only at `report_delivered`. The first occurrence of a milestone is the one that counts.
 * - Waiting for the customer (`paused` … `resumed`) suspends every running clock: paused working
 *   time does not count and pushes the deadline out. A paused clock has no deadline until it
 *   resumes; its time left is frozen.
 * - The grade that counts for a clock is the grade in force when it stopped, or now while it runs:
 *   a grade change recomputes every clock still running (or pending) from its original start with
 *   the new grade's target and calendar, and leaves stopped clocks as they were. A new grade with a
 *   longer target (major restores in 14 h, general in 6 h) can therefore move a running clock's
 *   deadline later, past a breach already raised; the sweeper's record of that breach stays.
 * - A clock is met when it stops at or before its deadline, and breached when it stops after it or
 *   is still running past it; `breachedAt` is the deadline.
 * - hardware_restore is listed only while the ticket is flagged as having spares on site
 *   (`spare_on_site`); it then counts from the report like restore.
 * - Events after `now` are ignored (so replaying a prefix gives the clocks as they stood), events
 *   are taken in order of `at` (equal times keep their given order), and unknown types are ignored.
 */

import { ROUND_THE_CLOCK, addWorkingTime, workingTimeBetween, type Calendar } from './calendar.js';
import { CLOCK_KINDS, FAULT_GRADES, countsRoundTheClock, type ClockKind, type ClockPolicy, type FaultGrade } from './policy.js';
import { MINUTE_MS } from './zone.js';

export const MILESTONES = ['created', 'responded', 'solution_proposed', 'dispatched', 'arrived', 'restored', 'resolved', 'report_delivered'] as const;
export type Milestone = (typeof MILESTONES)[number];

export type ClockEvent =
  | { type: Milestone | 'paused' | 'resumed'; at: number }
  | { type: 'grade_changed'; at: number; grade: FaultGrade }
  | { type: 'spare_on_site'; at: number; value: boolean };

export interface ClockInput {
  policy: ClockPolicy;
  /** The contract's calendar; ROUND_THE_CLOCK when it has none. */
  calendar: Calendar;
  /** The grade the fault was reported with. */
  grade: FaultGrade;
  events: readonly ClockEvent[];
  now: number;
}

export type ClockState = 'pending' | 'running' | 'paused' | 'met' | 'breached';

export interface ClockResult {
  kind: ClockKind;
  /** The grade whose target applies (see the rules above). */
  grade: FaultGrade;
  targetMs: number;
  /** Whether it counts on 7×24 rather than the contract's calendar (policy.roundTheClock). */
  roundTheClock: boolean;
  state: ClockState;
  startedAt: number | null;
  /** When the target is used up; null while pending or paused. */
  deadline: number | null;
  /** When the warning share of the target is used up; null if it stopped or paused before. */
  warnAt: number | null;
  stoppedAt: number | null;
  breachedAt: number | null;
  /** Working time left (at the stop, for a stopped clock); negative when overdue; null while pending. */
  remainingMs: number | null;
}

const STARTED_BY: Record<ClockKind, readonly Milestone[]> = {
  response: ['created'],
  solution: ['created'],
  dispatch: ['created'],
  // An engineer already on site (驻场) arrives without a dispatch: the clock starts and is met at once.
  arrival: ['dispatched', 'arrived'],
  restore: ['created'],
  hardware_restore: ['created'],
  report: ['restored', 'resolved'],
};

const STOPPED_BY: Record<ClockKind, readonly Milestone[]> = {
  response: ['responded', 'solution_proposed', 'dispatched', 'arrived', 'restored', 'resolved'],
  solution: ['solution_proposed', 'dispatched', 'arrived', 'restored', 'resolved'],
  dispatch: ['dispatched', 'arrived', 'restored', 'resolved'],
  arrival: ['arrived', 'restored', 'resolved'],
  restore: ['restored', 'resolved'],
  hardware_restore: ['restored', 'resolved'],
  report: ['report_delivered'],
};

/** A paused interval; `to` is null while still paused. */
type Pause = readonly [from: number, to: number | null];

interface Track {
  startedAt: number | null;
  stoppedAt: number | null;
  gradeAtStop: FaultGrade | null;
}

function inOrder(events: readonly ClockEvent[]): readonly ClockEvent[] {
  for (let i = 1; i < events.length; i++) {
    // Array.prototype.sort is stable: events at the same instant keep the order they were given.
    if (events[i]!.at < events[i - 1]!.at) return [...events].sort((a, b) => a.at - b.at);
  }
  return events;
}

/**
 * Every clock of a ticket at `now`, in CLOCK_KINDS order (hardware_restore only with spares on
 * site). Throws RangeError for an unknown grade or a non-finite time, and CalendarError for an
 * invalid calendar.
 */
export function computeClocks(input: ClockInput): ClockResult[] {
  const { policy, calendar, now } = input;
  if (!Number.isFinite(now)) throw new RangeError(`now must be a finite epoch ms, got ${now}`);
  assertGrade(input.grade);

  let grade = input.grade;
  let spareOnSite = false;
  const pauses: [number, number | null][] = [];
  const seen = new Set<Milestone>();
  const tracks = Object.fromEntries(CLOCK_KINDS.map((k) => [k, { startedAt: null, stoppedAt: null, gradeAtStop: null }])) as Record<ClockKind, Track>;

  for (const event of inOrder(input.events)) {
    if (!Number.isFinite(event.at)) throw new RangeError(`event ${event.type} has no finite time`);
    if (event.at > now) break;
    switch (event.type) {
      case 'grade_changed':
        assertGrade(event.grade);
        grade = event.grade;
        break;
      case 'spare_on_site':
        spareOnSite = event.value;
        break;
      case 'paused': {
        const last = pauses[pauses.length - 1];
        if (!last || last[1] !== null) pauses.push([event.at, null]);
        break;
      }
      case 'resumed': {
        const last = pauses[pauses.length - 1];
        if (last && last[1] === null) last[1] = event.at;
        break;
      }
      default: {
        const milestone = event.type;
        if (!(MILESTONES as readonly string[]).includes(milestone)) break;
        for (const kind of CLOCK_KINDS) {
          const t = tracks[kind];
          if (t.startedAt === null && STARTED_BY[kind].includes(milestone)) {
            t.startedAt = event.at;
            // Its stop came first (a report delivered before the restoration was recorded, say).
            if (STOPPED_BY[kind].some((m) => seen.has(m))) stop(t, event.at, grade);
          }
          if (t.startedAt !== null && t.stoppedAt === null && STOPPED_BY[kind].includes(milestone)) stop(t, event.at, grade);
        }
        seen.add(milestone);
      }
    }
  }

  const results: ClockResult[] = [];
  for (const kind of CLOCK_KINDS) {
    if (kind === 'hardware_restore' && !spareOnSite) continue;
    results.push(clockOf(kind, tracks[kind], grade, pauses, policy, calendar, now));
  }
  return results;
}

function stop(t: Track, at: number, grade: FaultGrade): void {
  t.stoppedAt = at;
  t.gradeAtStop = grade;
}

function assertGrade(grade: unknown): asserts grade is FaultGrade {
  if (!(FAULT_GRADES as readonly unknown[]).includes(grade)) throw new RangeError(`unknown grade ${String(grade)}`);
}

function clockOf(kind: ClockKind, t: Track, currentGrade: FaultGrade, pauses: readonly Pause[], policy: ClockPolicy, contract: Calendar, now: number): ClockResult {
  const grade = t.gradeAtStop ?? currentGrade;
  const minutes = policy.targets[grade]?.[kind];
  if (minutes === undefined) throw new RangeError(`the policy has no ${grade} target for ${kind}`);
  const targetMs = minutes * MINUTE_MS;
  const roundTheClock = countsRoundTheClock(policy, kind, grade);
  // Object literals written out in full: spreading a shared base costs V8 ten times more here, and
  // this runs for every clock of every ticket the sweeper touches.
  if (t.startedAt === null) {
    return { kind, grade, targetMs, roundTheClock, state: 'pending', startedAt: null, deadline: null, warnAt: null, stoppedAt: null, breachedAt: null, remainingMs: null };
  }

  const calendar = roundTheClock ? ROUND_THE_CLOCK : contract;
  const start = t.startedAt;
  const stoppedAt = t.stoppedAt;
  const own = pausesWithin(pauses, start, stoppedAt);
  const deadline = instantOfCounted(calendar, start, own, targetMs);
  const warning = instantOfCounted(calendar, start, own, Math.round(targetMs * policy.warnFraction));
  const remainingMs = targetMs - countedBetween(calendar, start, stoppedAt ?? now, own);

  let state: ClockState;
  if (stoppedAt !== null) state = deadline !== null && stoppedAt <= deadline ? 'met' : 'breached';
  else if (deadline !== null && now > deadline) state = 'breached';
  else if (own.length > 0 && own[own.length - 1]![1] === null) state = 'paused';
  else state = 'running';

  return {
    kind,
    grade,
    targetMs,
    roundTheClock,
    state,
    startedAt: start,
    deadline,
    warnAt: warning !== null && (stoppedAt === null || warning <= stoppedAt) ? warning : null,
    stoppedAt,
    breachedAt: state === 'breached' ? deadline : null,
    remainingMs,
  };
}

/** The pauses that fall inside [start, stop), clipped to it; one still open at the stop ends there. */
function pausesWithin(pauses: readonly Pause[], start: number, stop: number | null): Pause[] {
  const own: Pause[] = [];
  for (const [from, to] of pauses) {
    const a = Math.max(from, start);
    let b = to;
    if (stop !== null) {
      if (a >= stop) break;
      b = b === null ? stop : Math.min(b, stop);
    }
    if (b !== null && b <= a) continue;
    own.push([a, b]);
  }
  return own;
}

/**
 * The instant at which `amountMs` of counted time (working time outside pauses) has passed since
 * `start`; null when an open pause comes first.
 */
function instantOfCounted(calendar: Calendar, start: number, pauses: readonly Pause[], amountMs: number): number | null {
  let cursor = start;
  let remaining = amountMs;
  for (const [from, to] of pauses) {
    if (from > cursor) {
      const available = workingTimeBetween(calendar, cursor, from);
      if (available >= remaining) return addWorkingTime(calendar, cursor, remaining);
      remaining -= available;
    }
    if (to === null) return null;
    cursor = Math.max(cursor, to);
  }
  return addWorkingTime(calendar, cursor, remaining);
}

/** Counted time (working time outside pauses) from `start` to `end`. */
function countedBetween(calendar: Calendar, start: number, end: number, pauses: readonly Pause[]): number {
  if (end <= start) return 0;
  let counted = workingTimeBetween(calendar, start, end);
  for (const [from, to] of pauses) {
    if (from >= end) break;
    const until = Math.min(to ?? end, end);
    if (until > from) counted -= workingTimeBetween(calendar, from, until);
  }
  return counted;
}
