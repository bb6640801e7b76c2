import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROUND_THE_CLOCK, weekSchedule, type BusinessHoursCalendar, type Calendar } from './calendar.js';
import { computeClocks, type ClockEvent, type ClockResult } from './engine.js';
import { CHINA_2026, replaceHolidayYear } from './holidays.js';
import { CLOCK_KINDS, DEFAULT_POLICY, FAULT_GRADES, type ClockKind, type ClockPolicy, type FaultGrade } from './policy.js';

// Properties of the engine over random tickets: random calendars, grades, milestones at random
// times, grade changes and disjoint pauses, seen at a random `now`.

const MIN = 60_000;
const DAY = 24 * 60 * MIN;

const OFFICE: BusinessHoursCalendar = replaceHolidayYear(
  { kind: 'business_hours', timeZone: 'Asia/Shanghai', week: weekSchedule([{ from: '09:00', to: '18:00' }]) },
  2026,
  CHINA_2026,
);
const NEW_YORK: BusinessHoursCalendar = { kind: 'business_hours', timeZone: 'America/New_York', week: weekSchedule([{ from: '09:00', to: '17:00' }]) };
const START = Date.parse('2026-01-01T00:00:00+08:00');
const END = Date.parse('2026-12-20T00:00:00+08:00');

interface RandomTicket {
  calendar: Calendar;
  grade: FaultGrade;
  created: number;
  milestones: ClockEvent[];
  gradeChanges: ClockEvent[];
  pauses: [number, number][];
  now: number;
}

const MILESTONES_AFTER_CREATION = ['responded', 'solution_proposed', 'dispatched', 'arrived', 'restored', 'resolved', 'report_delivered'] as const;
const grade = fc.constantFrom(...FAULT_GRADES);
const offset = (maxDays: number) => fc.integer({ min: 0, max: (maxDays * DAY) / MIN }).map((m) => m * MIN);

const ticket: fc.Arbitrary<RandomTicket> = fc
  .record({
    calendar: fc.constantFrom<Calendar>(OFFICE, NEW_YORK, ROUND_THE_CLOCK),
    grade,
    created: fc.integer({ min: START / MIN, max: END / MIN }).map((m) => m * MIN),
    milestones: fc.array(fc.tuple(fc.constantFrom(...MILESTONES_AFTER_CREATION), offset(10)), { maxLength: 7 }),
    gradeChanges: fc.array(fc.tuple(grade, offset(5)), { maxLength: 2 }),
    // Disjoint pauses: cut points sorted, taken in pairs.
    pauseCuts: fc.uniqueArray(offset(10), { maxLength: 6 }),
    now: offset(15),
  })
  .map((r) => {
    const cuts = [...r.pauseCuts].sort((a, b) => a - b);
    const pauses: [number, number][] = [];
    for (let i = 0; i + 1 < cuts.length; i += 2) pauses.push([r.created + cuts[i]!, r.created + cuts[i + 1]!]);
    return {
      calendar: r.calendar,
      grade: r.grade,
      created: r.created,
      milestones: r.milestones.map(([type, o]): ClockEvent => ({ type, at: r.created + o })),
      gradeChanges: r.gradeChanges.map(([g, o]) => ({ type: 'grade_changed' as const, at: r.created + o, grade: g })),
      pauses,
      now: r.created + r.now,
    };
  });

function eventsOf(t: RandomTicket, pauses = t.pauses): ClockEvent[] {
  const pauseEvents = pauses.flatMap(([from, to]): ClockEvent[] => [{ type: 'paused', at: from }, { type: 'resumed', at: to }]);
  const created: ClockEvent = { type: 'created', at: t.created };
  return [created, ...t.milestones, ...t.gradeChanges, ...pauseEvents].sort((a, b) => a.at - b.at);
}

function clocksOf(t: RandomTicket, options: { policy?: ClockPolicy; pauses?: [number, number][]; now?: number } = {}): ClockResult[] {
  return computeClocks({ policy: options.policy ?? DEFAULT_POLICY, calendar: t.calendar, grade: t.grade, events: eventsOf(t, options.pauses), now: options.now ?? t.now });
}

function byKind(clocks: ClockResult[]): Map<ClockKind, ClockResult> {
  return new Map(clocks.map((c) => [c.kind, c]));
}

describe('service clocks: properties', () => {
  it('a deadline never moves earlier when a pause is added', () => {
    fc.assert(
      fc.property(ticket, fc.nat(), (t, pick) => {
        fc.pre(t.pauses.length > 0);
        const fewer = t.pauses.filter((_, i) => i !== pick % t.pauses.length);
        const without = byKind(clocksOf(t, { pauses: fewer }));
        for (const withPause of clocksOf(t)) {
          const before = without.get(withPause.kind)!.deadline;
          if (before !== null && withPause.deadline !== null) expect(withPause.deadline).toBeGreaterThanOrEqual(before);
        }
      }),
    );
  });

  it('on 7×24 a deadline is the start plus the target plus the pauses before it', () => {
    fc.assert(
      fc.property(ticket, (t0) => {
        const t = { ...t0, calendar: ROUND_THE_CLOCK };
        for (const c of clocksOf(t)) {
          if (c.startedAt === null) continue;
          let deadline: number | null = c.startedAt + c.targetMs;
          for (const [from, to] of t.pauses) {
            if (from > t.now) break;
            const a = Math.max(from, c.startedAt);
            const b = Math.min(to > t.now ? Infinity : to, c.stoppedAt ?? Infinity);
            if (b > a && a < deadline) {
              // Still paused at now, before the target was used up: no deadline yet.
              if (b === Infinity) deadline = null;
              else deadline += b - a;
            }
            if (deadline === null) break;
          }
          expect(c.deadline).toBe(deadline);
        }
      }),
    );
  });

  it('a longer target never gives an earlier deadline', () => {
    fc.assert(
      fc.property(ticket, fc.integer({ min: 1, max: 3 * 24 * 60 }), (t, extra) => {
        const longer: ClockPolicy = {
          ...DEFAULT_POLICY,
          targets: Object.fromEntries(
            FAULT_GRADES.map((g) => [g, Object.fromEntries(CLOCK_KINDS.map((k) => [k, DEFAULT_POLICY.targets[g][k] + extra]))]),
          ) as ClockPolicy['targets'],
        };
        const shorter = byKind(clocksOf(t));
        for (const c of clocksOf(t, { policy: longer })) {
          const base = shorter.get(c.kind)!.deadline;
          if (base !== null && c.deadline !== null) expect(c.deadline).toBeGreaterThanOrEqual(base);
        }
      }),
    );
  });

  it('states agree with the times', () => {
    fc.assert(
      fc.property(ticket, (t) => {
        for (const c of clocksOf(t)) {
          switch (c.state) {
            case 'pending':
              expect(c.startedAt).toBeNull();
              expect(c.deadline).toBeNull();
              expect(c.remainingMs).toBeNull();
              break;
            case 'running':
              expect(c.stoppedAt).toBeNull();
              expect(c.deadline).not.toBeNull();
              expect(t.now).toBeLessThanOrEqual(c.deadline!);
              expect(c.remainingMs).toBeGreaterThanOrEqual(0);
              break;
            case 'paused':
              expect(c.stoppedAt).toBeNull();
              expect(c.deadline).toBeNull();
              expect(c.remainingMs).toBeGreaterThanOrEqual(0);
              break;
            case 'met':
              expect(c.stoppedAt).not.toBeNull();
              expect(c.stoppedAt!).toBeLessThanOrEqual(c.deadline!);
              expect(c.breachedAt).toBeNull();
              expect(c.remainingMs).toBeGreaterThanOrEqual(0);
              break;
            case 'breached':
              expect(c.breachedAt).toBe(c.deadline);
              expect(c.stoppedAt ?? t.now).toBeGreaterThan(c.deadline!);
              expect(c.remainingMs).toBeLessThanOrEqual(0);
              break;
          }
          if (c.startedAt !== null) expect(c.startedAt).toBeGreaterThanOrEqual(t.created);
          if (c.stoppedAt !== null) expect(c.stoppedAt).toBeGreaterThanOrEqual(c.startedAt!);
          if (c.warnAt !== null && c.deadline !== null) {
            expect(c.warnAt).toBeGreaterThanOrEqual(c.startedAt!);
            expect(c.warnAt).toBeLessThanOrEqual(c.deadline);
          }
        }
      }),
    );
  });

  it('a clock once stopped keeps its result as time passes and events arrive', () => {
    fc.assert(
      fc.property(ticket, offset(10), (t, later) => {
        const after = byKind(clocksOf(t, { now: t.now + later }));
        for (const c of clocksOf(t)) {
          if (c.stoppedAt === null) continue;
          expect(after.get(c.kind)).toEqual(c);
        }
      }),
    );
  });
});
