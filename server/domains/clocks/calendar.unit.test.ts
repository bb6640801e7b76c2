import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addWorkingTime,
  CalendarError,
  isWorkingTime,
  MAX_SEARCH_DAYS,
  ROUND_THE_CLOCK,
  validateCalendar,
  weekSchedule,
  workingHoursOn,
  workingTimeBetween,
  type BusinessHoursCalendar,
  type Calendar,
} from './calendar.js';
import { CHINA_2026, replaceHolidayYear } from './holidays.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** An instant written as a wall time with its offset: `at('2026-09-30 17:55', '+08:00')`. */
const at = (wall: string, offset = '+08:00') => Date.parse(`${wall.replace(' ', 'T')}:00${offset}`);

// Monday to Friday 09:00–18:00 in Shanghai with China's 2026 holidays and make-up workdays.
const OFFICE: BusinessHoursCalendar = replaceHolidayYear(
  { kind: 'business_hours', timeZone: 'Asia/Shanghai', week: weekSchedule([{ from: '09:00', to: '18:00' }]) },
  2026,
  CHINA_2026,
);
const LUNCH_BREAK: BusinessHoursCalendar = {
  kind: 'business_hours',
  week: weekSchedule([{ from: '09:00', to: '12:00' }, { from: '13:30', to: '18:00' }]),
};
const NEW_YORK: BusinessHoursCalendar = { kind: 'business_hours', timeZone: 'America/New_York', week: weekSchedule([{ from: '09:00', to: '17:00' }]) };
// Whole Sundays in New York, to see the 23- and 25-hour days.
const NEW_YORK_SUNDAYS: BusinessHoursCalendar = { kind: 'business_hours', timeZone: 'America/New_York', week: weekSchedule([{ from: '00:00', to: '24:00' }], ['sun']) };
// A night shift in Berlin, Sunday 00:00–06:00, across both transitions of 2026.
const BERLIN_NIGHTS: BusinessHoursCalendar = { kind: 'business_hours', timeZone: 'Europe/Berlin', week: weekSchedule([{ from: '00:00', to: '06:00' }], ['sun']) };

describe('addWorkingTime on business hours (Shanghai, 2026 holidays)', () => {
  it.each([
    // The eve of National Day: 5 minutes on Wednesday, then Oct 1–7 are off, and Thursday Oct 8
    // is an ordinary workday (the make-up days are Sep 20, before, and Oct 10, after).
    ['30 min from 17:55 on the eve of National Day', '2026-09-30 17:55', 30 * MIN, '2026-10-08 09:25'],
    ['6 h from 17:55 on the eve of National Day', '2026-09-30 17:55', 6 * HOUR, '2026-10-08 14:55'],
    ['time that runs out at closing ends at closing', '2026-09-30 17:55', 5 * MIN, '2026-09-30 18:00'],
    ['a call after hours waits for the next workday', '2026-09-30 18:30', 30 * MIN, '2026-10-08 09:30'],
    ['a call before opening starts at opening', '2026-11-02 08:00', 30 * MIN, '2026-11-02 09:30'],
    ['Friday evening runs into the make-up Saturday Oct 10', '2026-10-09 17:00', 2 * HOUR, '2026-10-10 10:00'],
    ['an ordinary Saturday is skipped', '2026-10-16 17:00', 2 * HOUR, '2026-10-19 10:00'],
    ['a Saturday call runs on the make-up Sunday Sep 20', '2026-09-19 10:00', 1 * HOUR, '2026-09-20 10:00'],
    ['Mid-Autumn Sep 25–27 is skipped', '2026-09-24 17:00', 6 * HOUR, '2026-09-28 14:00'],
    ['Spring Festival eve runs on the make-up Saturday Feb 14', '2026-02-13 17:30', 1 * HOUR, '2026-02-14 09:30'],
    ['three working days from Monday morning end Wednesday at closing', '2026-11-02 09:00', 27 * HOUR, '2026-11-04 18:00'],
  ])('%s', (_name, start, duration, expected) => {
    expect(addWorkingTime(OFFICE, at(start), duration)).toBe(at(expected));
    expect(workingTimeBetween(OFFICE, at(start), at(expected))).toBe(duration);
  });

  it('skips the lunch break', () => {
    expect(addWorkingTime(LUNCH_BREAK, at('2026-11-02 11:30'), 1 * HOUR)).toBe(at('2026-11-02 14:00'));
    expect(workingTimeBetween(LUNCH_BREAK, at('2026-11-02 11:00'), at('2026-11-02 14:00'))).toBe(1.5 * HOUR);
  });

  it('returns the start for zero and refuses a negative duration', () => {
    expect(addWorkingTime(OFFICE, at('2026-10-01 03:00'), 0)).toBe(at('2026-10-01 03:00'));
    expect(() => addWorkingTime(OFFICE, at('2026-10-01 03:00'), -1)).toThrow(RangeError);
    expect(() => addWorkingTime(OFFICE, Number.NaN, 1)).toThrow(RangeError);
  });

  it('adds exactly on 7×24', () => {
    expect(addWorkingTime(ROUND_THE_CLOCK, at('2026-09-30 17:55'), 30 * MIN)).toBe(at('2026-09-30 18:25'));
    expect(workingTimeBetween(ROUND_THE_CLOCK, at('2026-09-30 17:55'), at('2026-10-08 09:25'))).toBe(at('2026-10-08 09:25') - at('2026-09-30 17:55'));
  });

  it('walks day by day, so three days of business time is cheap', () => {
    const started = performance.now();
    for (let i = 0; i < 10_000; i++) addWorkingTime(OFFICE, at('2026-09-01 10:00') + i * 7 * MIN, 3 * DAY);
    // About 25 ms here; minute by minute it would take minutes.
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('daylight saving', () => {
  it.each([
    // US clocks go forward on Sunday 2026-03-08 and back on Sunday 2026-11-01.
    ['spring forward: Friday 16:00 EST + 2 h is Monday 10:00 EDT', NEW_YORK, '2026-03-06 16:00', '-05:00', 2 * HOUR, '2026-03-09 10:00', '-04:00'],
    ['fall back: Friday 16:00 EDT + 2 h is Monday 10:00 EST', NEW_YORK, '2026-10-30 16:00', '-04:00', 2 * HOUR, '2026-11-02 10:00', '-05:00'],
    ['the spring-forward Sunday holds 23 hours', NEW_YORK_SUNDAYS, '2026-03-08 00:00', '-05:00', 23 * HOUR, '2026-03-09 00:00', '-04:00'],
    ['the fall-back Sunday holds 25 hours', NEW_YORK_SUNDAYS, '2026-11-01 00:00', '-04:00', 25 * HOUR, '2026-11-02 00:00', '-05:00'],
    // EU clocks go forward on Sunday 2026-03-29 at 02:00 and back on 2026-10-25 at 03:00.
    ['Berlin night shift 00:00–06:00 holds 5 hours on Mar 29', BERLIN_NIGHTS, '2026-03-29 00:00', '+01:00', 5 * HOUR, '2026-03-29 06:00', '+02:00'],
    ['Berlin night shift 00:00–06:00 holds 7 hours on Oct 25', BERLIN_NIGHTS, '2026-10-25 00:00', '+02:00', 7 * HOUR, '2026-10-25 06:00', '+01:00'],
  ] as const)('%s', (_name, calendar, start, startOffset, duration, end, endOffset) => {
    expect(addWorkingTime(calendar, at(start, startOffset), duration)).toBe(at(end, endOffset));
    expect(workingTimeBetween(calendar, at(start, startOffset), at(end, endOffset))).toBe(duration);
  });

  it('counts hours inside the skipped hour as the wall clock does', () => {
    // 01:00–03:00 on the spring-forward night is one real hour (02:00–03:00 does not exist).
    const cal: BusinessHoursCalendar = { kind: 'business_hours', timeZone: 'America/New_York', week: weekSchedule([{ from: '01:00', to: '03:00' }], ['sun']) };
    expect(workingTimeBetween(cal, at('2026-03-07 00:00', '-05:00'), at('2026-03-09 00:00', '-04:00'))).toBe(1 * HOUR);
    expect(workingTimeBetween(cal, at('2026-10-31 00:00', '-04:00'), at('2026-11-02 00:00', '-05:00'))).toBe(3 * HOUR);
  });
});

describe('workingTimeBetween', () => {
  it('is negative when the end comes first', () => {
    expect(workingTimeBetween(OFFICE, at('2026-11-02 11:00'), at('2026-11-02 10:00'))).toBe(-1 * HOUR);
  });

  it('counts nothing on holidays and weekends', () => {
    expect(workingTimeBetween(OFFICE, at('2026-10-01 00:00'), at('2026-10-08 00:00'))).toBe(0);
    expect(workingTimeBetween(OFFICE, at('2026-10-17 00:00'), at('2026-10-19 00:00'))).toBe(0);
  });

  it('answers which days and hours are worked', () => {
    expect(workingHoursOn(OFFICE, '2026-10-01')).toEqual([]);
    expect(workingHoursOn(OFFICE, '2026-10-10')).toEqual([{ from: '09:00', to: '18:00' }]);
    expect(workingHoursOn(OFFICE, '2026-10-17')).toEqual([]);
    expect(isWorkingTime(OFFICE, at('2026-10-10 12:00'))).toBe(true);
    expect(isWorkingTime(OFFICE, at('2026-10-10 18:00'))).toBe(false);
  });

  it('works a make-up day on its own hours when it has them', () => {
    const cal: BusinessHoursCalendar = { ...OFFICE, makeUpWorkdays: [{ day: '2026-10-10', hours: [{ from: '10:00', to: '12:00' }] }] };
    expect(workingHoursOn(cal, '2026-10-10')).toEqual([{ from: '10:00', to: '12:00' }]);
    expect(addWorkingTime(cal, at('2026-10-09 17:00'), 2 * HOUR)).toBe(at('2026-10-10 11:00'));
  });
});

describe('validateCalendar', () => {
  const week = weekSchedule([{ from: '09:00', to: '18:00' }]);
  it.each([
    ['unknown_kind', { kind: '5x8', week } as unknown as Calendar],
    ['bad_time_zone', { kind: 'business_hours', timeZone: 'Asia/Wuhan', week }],
    ['bad_hours', { kind: 'business_hours', week: { ...week, mon: [{ from: '9:00', to: '18:00' }] } }],
    ['bad_hours', { kind: 'business_hours', week: { ...week, mon: [{ from: '18:00', to: '09:00' }] } }],
    ['bad_hours', { kind: 'business_hours', week: { ...week, mon: [{ from: '24:00', to: '24:00' }] } }],
    ['overlapping_hours', { kind: 'business_hours', week: { ...week, mon: [{ from: '09:00', to: '12:00' }, { from: '11:00', to: '18:00' }] } }],
    ['no_working_time', { kind: 'business_hours', week: weekSchedule([], []) }],
    ['bad_day', { kind: 'business_hours', week, holidays: ['2026-02-30'] }],
    ['duplicate_day', { kind: 'business_hours', week, holidays: ['2026-10-01', '2026-10-01'] }],
    ['holiday_and_workday', { kind: 'business_hours', week, holidays: ['2026-10-10'], makeUpWorkdays: [{ day: '2026-10-10' }] }],
    ['make_up_without_hours', { kind: 'business_hours', week: weekSchedule([{ from: '09:00', to: '18:00' }], ['sat']), makeUpWorkdays: [{ day: '2026-10-10' }] }],
  ] as const)('finds %s', (code, calendar) => {
    expect(validateCalendar(calendar as Calendar).map((p) => p.code)).toContain(code);
  });

  it('accepts the usual calendars', () => {
    for (const cal of [OFFICE, LUNCH_BREAK, NEW_YORK, BERLIN_NIGHTS, ROUND_THE_CLOCK]) expect(validateCalendar(cal)).toEqual([]);
  });

  it('refuses to compute with an invalid calendar', () => {
    const bad: BusinessHoursCalendar = { kind: 'business_hours', week: weekSchedule([], []) };
    expect(() => addWorkingTime(bad, 0, HOUR)).toThrow(expect.objectContaining({ code: 'invalid_calendar' }));
  });

  it('gives up with a clear error when no working time comes within the search limit', () => {
    // Works Mondays only, and every Monday for four years is a holiday.
    const mondays: string[] = [];
    for (let d = Date.UTC(2026, 0, 5); d < Date.UTC(2030, 0, 1); d += 7 * DAY) mondays.push(new Date(d).toISOString().slice(0, 10));
    const cal: BusinessHoursCalendar = { kind: 'business_hours', week: weekSchedule([{ from: '09:00', to: '18:00' }], ['mon']), holidays: mondays };
    expect(() => addWorkingTime(cal, at('2026-01-01 00:00'), HOUR)).toThrow(CalendarError);
    expect(() => addWorkingTime(cal, at('2026-01-01 00:00'), HOUR)).toThrow(`no working time in the ${MAX_SEARCH_DAYS} days`);
  });
});

describe('calendar properties', () => {
  const calendars: Calendar[] = [OFFICE, LUNCH_BREAK, NEW_YORK, NEW_YORK_SUNDAYS, BERLIN_NIGHTS, ROUND_THE_CLOCK];
  const calendar = fc.constantFrom(...calendars);
  // Instants over 2026, whole seconds, with DST transitions and every holiday inside.
  const instant = fc.integer({ min: Date.UTC(2026, 0, 1) / 1000, max: Date.UTC(2027, 0, 1) / 1000 }).map((s) => s * 1000);
  const duration = fc.integer({ min: 0, max: 20 * DAY / 1000 }).map((s) => s * 1000);

  it('addWorkingTime then workingTimeBetween gives the duration back', () => {
    fc.assert(
      fc.property(calendar, instant, duration, (cal, start, d) => {
        const end = addWorkingTime(cal, start, d);
        expect(end).toBeGreaterThanOrEqual(start);
        expect(workingTimeBetween(cal, start, end)).toBe(d);
      }),
    );
  });

  it('is monotonic in the duration', () => {
    fc.assert(
      fc.property(calendar, instant, duration, duration, (cal, start, a, b) => {
        const [short, long] = a <= b ? [a, b] : [b, a];
        expect(addWorkingTime(cal, start, short)).toBeLessThanOrEqual(addWorkingTime(cal, start, long));
      }),
    );
  });

  it('adds up over consecutive spans and never exceeds real time', () => {
    fc.assert(
      fc.property(calendar, instant, instant, instant, (cal, x, y, z) => {
        const [a, b, c] = [x, y, z].sort((p, q) => p - q) as [number, number, number];
        expect(workingTimeBetween(cal, a, b) + workingTimeBetween(cal, b, c)).toBe(workingTimeBetween(cal, a, c));
        expect(workingTimeBetween(cal, a, c)).toBeLessThanOrEqual(c - a);
      }),
    );
  });
});
