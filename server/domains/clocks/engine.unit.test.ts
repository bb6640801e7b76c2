import { describe, expect, it } from 'vitest';
import { ROUND_THE_CLOCK, weekSchedule, type BusinessHoursCalendar, type Calendar } from './calendar.js';
import { computeClocks, type ClockEvent, type ClockState, type Milestone } from './engine.js';
import { CHINA_2026, replaceHolidayYear } from './holidays.js';
import { CLOCK_KINDS, DEFAULT_POLICY, type ClockKind, type ClockPolicy, type FaultGrade } from './policy.js';

const MIN = 60_000;

// Monday to Friday 09:00–18:00 in Shanghai with China's 2026 holidays and make-up workdays.
const OFFICE: BusinessHoursCalendar = replaceHolidayYear(
  { kind: 'business_hours', timeZone: 'Asia/Shanghai', week: weekSchedule([{ from: '09:00', to: '18:00' }]) },
  2026,
  CHINA_2026,
);
const NEW_YORK: BusinessHoursCalendar = { kind: 'business_hours', timeZone: 'America/New_York', week: weekSchedule([{ from: '09:00', to: '17:00' }]) };

/** A wall time with an explicit offset when it is not Shanghai's: `'2026-03-09 14:30 -04:00'`. */
function at(wall: string): number {
  const [day, time, offset = '+08:00'] = wall.split(' ');
  return Date.parse(`${day}T${time}:00${offset}`);
}

type Step = [type: Milestone | 'paused' | 'resumed', wall: string] | ['grade_changed', string, FaultGrade] | ['spare_on_site', string, boolean];

function events(steps: Step[]): ClockEvent[] {
  return steps.map((s): ClockEvent => {
    if (s[0] === 'grade_changed') return { type: 'grade_changed', at: at(s[1]), grade: s[2] as FaultGrade };
    if (s[0] === 'spare_on_site') return { type: 'spare_on_site', at: at(s[1]), value: s[2] as boolean };
    return { type: s[0], at: at(s[1]) };
  });
}

interface Expected {
  state?: ClockState;
  grade?: FaultGrade;
  startedAt?: string | null;
  deadline?: string | null;
  stoppedAt?: string | null;
  breachedAt?: string | null;
  warnAt?: string | null;
  /** Minutes. */
  remaining?: number | null;
}

interface Scenario {
  name: string;
  calendar: Calendar;
  grade: FaultGrade;
  steps: Step[];
  now: string;
  policy?: ClockPolicy;
  expect: Partial<Record<ClockKind, Expected | 'absent'>>;
}

const SCENARIOS: Scenario[] = [
  {
    name: 'a call at 17:55 on the eve of National Day, business hours: due after the holiday, on Thursday Oct 8',
    calendar: OFFICE,
    grade: 'general',
    steps: [['created', '2026-09-30 17:55']],
    now: '2026-10-03 12:00',
    expect: {
      response: { state: 'running', deadline: '2026-10-08 09:25', remaining: 25, warnAt: '2026-10-08 09:17:30' },
      solution: { state: 'running', deadline: '2026-10-08 09:55' },
      dispatch: { state: 'running', deadline: '2026-10-08 10:55' },
      arrival: { state: 'pending', startedAt: null, deadline: null, remaining: null },
      restore: { state: 'running', deadline: '2026-10-08 14:55', remaining: 355 },
      hardware_restore: 'absent',
      report: { state: 'pending' },
    },
  },
  {
    name: 'the National Day call answered on Oct 8 at 09:20 is met with 5 minutes to spare',
    calendar: OFFICE,
    grade: 'general',
    steps: [['created', '2026-09-30 17:55'], ['responded', '2026-10-08 09:20']],
    now: '2026-10-08 12:00',
    expect: {
      response: { state: 'met', stoppedAt: '2026-10-08 09:20', deadline: '2026-10-08 09:25', remaining: 5, breachedAt: null },
      solution: { state: 'breached', breachedAt: '2026-10-08 09:55' },
    },
  },
  {
    name: 'an emergency on the same eve runs 7×24 whatever the contract says (R3)',
    calendar: OFFICE,
    grade: 'emergency',
    steps: [['created', '2026-09-30 17:55'], ['responded', '2026-09-30 18:05']],
    now: '2026-09-30 19:00',
    expect: {
      response: { state: 'met', deadline: '2026-09-30 18:10' },
      solution: { state: 'breached', deadline: '2026-09-30 18:25', breachedAt: '2026-09-30 18:25', remaining: -35 },
      dispatch: { state: 'breached', breachedAt: '2026-09-30 18:55' },
      restore: { state: 'running', deadline: '2026-10-01 07:55' },
    },
  },
  {
    name: 'a pause across a night on 7×24 pushes the open clocks out by the paused time',
    calendar: ROUND_THE_CLOCK,
    grade: 'general',
    steps: [
      ['created', '2026-11-02 16:00'],
      ['responded', '2026-11-02 16:10'],
      ['solution_proposed', '2026-11-02 16:50'],
      ['paused', '2026-11-02 17:00'],
      ['resumed', '2026-11-03 09:00'],
      ['dispatched', '2026-11-03 09:40'],
      ['arrived', '2026-11-03 10:30'],
    ],
    now: '2026-11-03 12:00',
    expect: {
      response: { state: 'met', deadline: '2026-11-02 16:30' },
      solution: { state: 'met', deadline: '2026-11-02 17:00' },
      dispatch: { state: 'met', deadline: '2026-11-03 10:00', stoppedAt: '2026-11-03 09:40', remaining: 20 },
      arrival: { state: 'met', startedAt: '2026-11-03 09:40', deadline: '2026-11-03 10:40' },
      restore: { state: 'running', deadline: '2026-11-03 14:00', warnAt: '2026-11-03 12:30', remaining: 120 },
      report: { state: 'pending' },
    },
  },
  {
    name: 'while paused overnight a clock has no deadline and its time left stands still',
    calendar: ROUND_THE_CLOCK,
    grade: 'general',
    steps: [['created', '2026-11-02 16:00'], ['responded', '2026-11-02 16:10'], ['solution_proposed', '2026-11-02 16:50'], ['paused', '2026-11-02 17:00']],
    now: '2026-11-02 23:00',
    expect: {
      response: { state: 'met' },
      solution: { state: 'met' },
      dispatch: { state: 'paused', deadline: null, remaining: 60, warnAt: null },
      restore: { state: 'paused', deadline: null, remaining: 300, warnAt: null },
    },
  },
  {
    name: 'a pause across a night on business hours costs only the working time it covers',
    calendar: OFFICE,
    grade: 'general',
    steps: [['created', '2026-11-02 17:00'], ['paused', '2026-11-02 17:30'], ['resumed', '2026-11-03 10:00']],
    now: '2026-11-03 11:00',
    expect: {
      // Without the pause: 1 h on Monday, 5 h on Tuesday, due 14:00. The pause took 09:00–10:00.
      restore: { state: 'running', deadline: '2026-11-03 15:30', remaining: 270 },
      // Its 30 minutes were used up when the pause began.
      response: { state: 'breached', deadline: '2026-11-02 17:30', breachedAt: '2026-11-02 17:30' },
    },
  },
  {
    name: 'a grade raised to major after two hours recomputes restore from the original start',
    calendar: ROUND_THE_CLOCK,
    grade: 'general',
    steps: [
      ['created', '2026-11-02 09:00'],
      ['responded', '2026-11-02 09:10'],
      ['solution_proposed', '2026-11-02 09:50'],
      ['grade_changed', '2026-11-02 11:00', 'major'],
    ],
    now: '2026-11-02 12:00',
    expect: {
      response: { state: 'met', grade: 'general' },
      solution: { state: 'met', grade: 'general' },
      dispatch: { state: 'breached', grade: 'major', breachedAt: '2026-11-02 11:00' },
      restore: { state: 'running', grade: 'major', deadline: '2026-11-02 23:00', remaining: 660 },
    },
  },
  {
    name: 'a grade raised to emergency after two hours moves to 7×24 and tighter targets',
    calendar: OFFICE,
    grade: 'general',
    steps: [['created', '2026-11-02 09:00'], ['responded', '2026-11-02 09:10'], ['grade_changed', '2026-11-02 11:00', 'emergency']],
    now: '2026-11-02 11:30',
    expect: {
      // Answered while general: that result stands.
      response: { state: 'met', grade: 'general', deadline: '2026-11-02 09:30' },
      solution: { state: 'breached', grade: 'emergency', breachedAt: '2026-11-02 09:30' },
      // 14 h on 7×24 from 09:00, where business hours would have run into Tuesday.
      restore: { state: 'running', grade: 'emergency', deadline: '2026-11-02 23:00' },
    },
  },
  {
    name: 'a grade lowered from major to general after seven hours is already past 6 h',
    calendar: ROUND_THE_CLOCK,
    grade: 'major',
    steps: [
      ['created', '2026-11-02 08:00'],
      ['responded', '2026-11-02 08:05'],
      ['solution_proposed', '2026-11-02 08:30'],
      ['dispatched', '2026-11-02 09:00'],
      ['arrived', '2026-11-02 09:45'],
      ['grade_changed', '2026-11-02 15:00', 'general'],
    ],
    now: '2026-11-02 15:30',
    expect: {
      arrival: { state: 'met', grade: 'major' },
      restore: { state: 'breached', grade: 'general', deadline: '2026-11-02 14:00', breachedAt: '2026-11-02 14:00', remaining: -90 },
    },
  },
  {
    name: 'New York business hours across the spring-forward weekend',
    calendar: NEW_YORK,
    grade: 'general',
    steps: [['created', '2026-03-06 16:30 -05:00'], ['responded', '2026-03-06 16:45 -05:00']],
    now: '2026-03-09 10:00 -04:00',
    expect: {
      response: { state: 'met', deadline: '2026-03-06 17:00 -05:00' },
      solution: { state: 'breached', breachedAt: '2026-03-09 09:30 -04:00' },
      restore: { state: 'running', deadline: '2026-03-09 14:30 -04:00', remaining: 270 },
    },
  },
  {
    name: 'New York business hours across the fall-back weekend',
    calendar: NEW_YORK,
    grade: 'major',
    steps: [['created', '2026-10-30 16:30 -04:00']],
    now: '2026-11-02 09:00 -05:00',
    expect: {
      // 14 h: 0.5 h on Friday, 8 h on Monday, 5.5 h on Tuesday.
      restore: { state: 'running', deadline: '2026-11-03 14:30 -05:00', remaining: 810 },
    },
  },
  {
    name: 'a call on the make-up Saturday Oct 10 is due the same day',
    calendar: OFFICE,
    grade: 'general',
    steps: [['created', '2026-10-10 17:00']],
    now: '2026-10-10 17:10',
    expect: { response: { state: 'running', deadline: '2026-10-10 17:30' }, restore: { deadline: '2026-10-12 14:00' } },
  },
  {
    name: 'a call on an ordinary Saturday waits for Monday',
    calendar: OFFICE,
    grade: 'general',
    steps: [['created', '2026-10-17 17:00']],
    now: '2026-10-17 17:10',
    expect: { response: { state: 'running', deadline: '2026-10-19 09:30', remaining: 30 } },
  },
  {
    name: 'the fault analysis report is due 3 calendar days after restoration, a remote fix meets dispatch',
    calendar: OFFICE,
    grade: 'general',
    steps: [
      ['created', '2026-11-06 09:00'],
      ['responded', '2026-11-06 09:05'],
      ['solution_proposed', '2026-11-06 09:30'],
      ['restored', '2026-11-06 11:00'],
      ['report_delivered', '2026-11-09 10:00'],
    ],
    now: '2026-11-10 09:00',
    expect: {
      dispatch: { state: 'met', stoppedAt: '2026-11-06 11:00' },
      arrival: { state: 'pending' },
      restore: { state: 'met', remaining: 240 },
      report: { state: 'met', startedAt: '2026-11-06 11:00', deadline: '2026-11-09 11:00', remaining: 60 },
    },
  },
  {
    name: 'a policy may count the report in working time instead (4320 working minutes)',
    calendar: OFFICE,
    grade: 'general',
    policy: { ...DEFAULT_POLICY, roundTheClock: { grades: ['emergency'], kinds: [] } },
    steps: [['created', '2026-11-06 09:00'], ['restored', '2026-11-06 11:00']],
    now: '2026-11-10 09:00',
    expect: { report: { state: 'running', deadline: '2026-11-18 11:00' } },
  },
  {
    name: 'with spares on site the hardware is restored within 4 h',
    calendar: ROUND_THE_CLOCK,
    grade: 'general',
    steps: [
      ['created', '2026-11-02 09:00'],
      ['responded', '2026-11-02 09:05'],
      ['spare_on_site', '2026-11-02 09:30', true],
      ['dispatched', '2026-11-02 10:00'],
      ['arrived', '2026-11-02 10:50'],
      ['restored', '2026-11-02 12:40'],
    ],
    now: '2026-11-02 13:00',
    expect: {
      hardware_restore: { state: 'met', startedAt: '2026-11-02 09:00', deadline: '2026-11-02 13:00', remaining: 20 },
      restore: { state: 'met', deadline: '2026-11-02 15:00' },
      arrival: { state: 'met', deadline: '2026-11-02 11:00' },
      report: { state: 'running', deadline: '2026-11-05 12:40' },
    },
  },
  {
    name: 'a late answer is breached, its overdue time shown as negative time left',
    calendar: OFFICE,
    grade: 'general',
    steps: [['created', '2026-11-02 10:00'], ['responded', '2026-11-02 11:00']],
    now: '2026-11-02 12:00',
    expect: { response: { state: 'breached', deadline: '2026-11-02 10:30', breachedAt: '2026-11-02 10:30', stoppedAt: '2026-11-02 11:00', remaining: -30 } },
  },
  {
    name: 'resolved without a recorded restoration stops the open clocks and starts the report',
    calendar: ROUND_THE_CLOCK,
    grade: 'general',
    steps: [['created', '2026-11-02 09:00'], ['responded', '2026-11-02 09:10'], ['resolved', '2026-11-02 12:00']],
    now: '2026-11-02 12:30',
    expect: {
      solution: { state: 'breached', stoppedAt: '2026-11-02 12:00', breachedAt: '2026-11-02 10:00' },
      dispatch: { state: 'breached', stoppedAt: '2026-11-02 12:00' },
      restore: { state: 'met', stoppedAt: '2026-11-02 12:00' },
      report: { state: 'running', startedAt: '2026-11-02 12:00', deadline: '2026-11-05 12:00' },
    },
  },
  {
    name: 'a resident engineer on site without a dispatch meets dispatch and arrival at once',
    calendar: ROUND_THE_CLOCK,
    grade: 'general',
    steps: [['created', '2026-11-02 09:00'], ['arrived', '2026-11-02 09:20']],
    now: '2026-11-02 09:30',
    expect: {
      response: { state: 'met', stoppedAt: '2026-11-02 09:20' },
      dispatch: { state: 'met', stoppedAt: '2026-11-02 09:20' },
      arrival: { state: 'met', startedAt: '2026-11-02 09:20', stoppedAt: '2026-11-02 09:20', remaining: 60 },
    },
  },
  {
    name: 'events after now are not yet known, and events are taken in time order',
    calendar: ROUND_THE_CLOCK,
    grade: 'general',
    steps: [['responded', '2026-11-02 09:10'], ['created', '2026-11-02 09:00'], ['solution_proposed', '2026-11-02 11:00']],
    now: '2026-11-02 09:40',
    expect: { response: { state: 'met', stoppedAt: '2026-11-02 09:10' }, solution: { state: 'running', deadline: '2026-11-02 10:00' } },
  },
];

/** `at` for expected values, which may carry seconds: '2026-10-08 09:17:30'. */
function expectedInstant(wall: string): number {
  const [day, time, offset = '+08:00'] = wall.split(' ');
  return Date.parse(`${day}T${time!.length === 5 ? `${time}:00` : time}${offset}`);
}

describe('service clocks: scenarios', () => {
  it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', (_name, s) => {
    const clocks = computeClocks({ policy: s.policy ?? DEFAULT_POLICY, calendar: s.calendar, grade: s.grade, events: events(s.steps), now: at(s.now) });
    for (const [kind, want] of Object.entries(s.expect) as [ClockKind, Expected | 'absent'][]) {
      const clock = clocks.find((c) => c.kind === kind);
      if (want === 'absent') {
        expect(clock, kind).toBeUndefined();
        continue;
      }
      expect(clock, kind).toBeDefined();
      const got: Record<string, unknown> = {};
      const wanted: Record<string, unknown> = {};
      for (const [field, value] of Object.entries(want)) {
        if (field === 'remaining') {
          got.remaining = clock!.remainingMs === null ? null : clock!.remainingMs / MIN;
          wanted.remaining = value;
        } else if (field === 'state' || field === 'grade') {
          got[field] = clock![field];
          wanted[field] = value;
        } else {
          got[field] = clock![field as 'deadline'];
          wanted[field] = value === null ? null : expectedInstant(value as string);
        }
      }
      expect({ kind, ...got }).toEqual({ kind, ...wanted });
    }
  });

  it('lists the clocks in a fixed order, hardware_restore only while spares are on site', () => {
    const base = { policy: DEFAULT_POLICY, calendar: ROUND_THE_CLOCK, grade: 'general' as const, now: at('2026-11-02 10:00') };
    const created: ClockEvent = { type: 'created', at: at('2026-11-02 09:00') };
    expect(computeClocks({ ...base, events: [created] }).map((c) => c.kind)).toEqual(['response', 'solution', 'dispatch', 'arrival', 'restore', 'report']);
    const flagged: ClockEvent[] = [created, { type: 'spare_on_site', at: at('2026-11-02 09:10'), value: true }];
    expect(computeClocks({ ...base, events: flagged }).map((c) => c.kind)).toEqual([...CLOCK_KINDS]);
    const unflagged: ClockEvent[] = [...flagged, { type: 'spare_on_site', at: at('2026-11-02 09:20'), value: false }];
    expect(computeClocks({ ...base, events: unflagged }).map((c) => c.kind)).not.toContain('hardware_restore');
  });

  it('has every clock pending before the report is created', () => {
    const clocks = computeClocks({ policy: DEFAULT_POLICY, calendar: OFFICE, grade: 'major', events: [], now: at('2026-11-02 10:00') });
    expect(clocks.every((c) => c.state === 'pending' && c.deadline === null)).toBe(true);
  });

  it('refuses an unknown grade and a time that is not a number', () => {
    const base = { policy: DEFAULT_POLICY, calendar: ROUND_THE_CLOCK, events: [], now: 0 };
    expect(() => computeClocks({ ...base, grade: 'critical' as FaultGrade })).toThrow(RangeError);
    expect(() => computeClocks({ ...base, grade: 'general', now: Number.NaN })).toThrow(RangeError);
    const badEvent: ClockEvent[] = [{ type: 'grade_changed', at: 0, grade: 'severe' as FaultGrade }];
    expect(() => computeClocks({ ...base, grade: 'general', events: badEvent })).toThrow(RangeError);
  });
});
