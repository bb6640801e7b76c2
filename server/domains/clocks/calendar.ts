/**
 * Service calendars (R4): the time during which a contract's clocks run. Either 7×24 — the
 * default, and what an emergency gets (R3) — or business hours per weekday in a time zone, with
 * public holidays off and make-up workdays (China's 调休) on. Pure: instants in and out are UTC
 * epoch ms; local time appears only inside, through `zone.ts`.
 *
 * Working time is real elapsed time inside working hours, so a 00:00–24:00 day on a
 * daylight-saving night holds 23 or 25 hours, as the customer's wall clock does.
 *
 * Calendars are plain data (stored as JSON). Treat one as immutable once used: its compiled form
 * is cached per object.
 */

import { isIsoDay } from '../../shared/dates.js';
import { dayNumberOf, instantOf, isTimeZone, isoDayOf, localDayOf, weekdayOf } from './zone.js';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Working hours within one local day, `"09:00"`–`"18:00"`; `to` may be `"24:00"`. */
export interface WorkingHours {
  from: string;
  to: string;
}

export type WeekSchedule = Readonly<Record<Weekday, readonly WorkingHours[]>>;

/** A weekend or other day that is worked (调休). Without `hours`, it works Monday's hours. */
export interface MakeUpWorkday {
  day: string;
  hours?: readonly WorkingHours[];
}

export interface RoundTheClockCalendar {
  kind: '7x24';
  /** Only for display: a 7×24 calendar counts the same in every zone. */
  timeZone?: string;
}

export interface BusinessHoursCalendar {
  kind: 'business_hours';
  /** IANA zone; Asia/Shanghai when absent. */
  timeZone?: string;
  week: WeekSchedule;
  /** ISO days not worked, whatever their weekday. */
  holidays?: readonly string[];
  makeUpWorkdays?: readonly MakeUpWorkday[];
}

export type Calendar = RoundTheClockCalendar | BusinessHoursCalendar;

export const ROUND_THE_CLOCK: RoundTheClockCalendar = Object.freeze({ kind: '7x24' });

/** A week with the same hours on the given days (Monday to Friday unless told), none on the rest. */
export function weekSchedule(hours: readonly WorkingHours[], days: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri']): WeekSchedule {
  return Object.fromEntries(WEEKDAYS.map((d) => [d, days.includes(d) ? hours : []])) as Record<Weekday, readonly WorkingHours[]>;
}

// A deadline three years out is no deadline; searching further only hides a calendar without
// working time (every day a holiday, say) behind a hang.
export const MAX_SEARCH_DAYS = 3 * 366;

export type CalendarErrorCode = 'invalid_calendar' | 'no_working_time';

/** A calendar that cannot answer: invalid, or no working time within the search limit. */
export class CalendarError extends Error {
  constructor(
    readonly code: CalendarErrorCode,
    message: string,
    readonly problems: readonly CalendarProblem[] = [],
  ) {
    super(message);
    this.name = 'CalendarError';
  }
}

// ---------------------------------------------------------------------------------------------
// Validation

export type CalendarProblemCode =
  | 'unknown_kind'
  | 'bad_time_zone'
  | 'bad_hours'
  | 'overlapping_hours'
  | 'bad_day'
  | 'duplicate_day'
  | 'holiday_and_workday'
  | 'make_up_without_hours'
  | 'no_working_time';

export interface CalendarProblem {
  code: CalendarProblemCode;
  /** Where, as a path into the calendar: `week.mon[1]`, `holidays[3]`. */
  path: string;
  message: string;
}

const TIME = /^(\d{2}):(\d{2})$/;

/** Minutes after midnight of `"HH:MM"`, or null when malformed. `"24:00"` only as an end. */
function minutesOf(time: unknown, isEnd: boolean): number | null {
  if (typeof time !== 'string') return null;
  const m = TIME.exec(time);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h === 24 && min === 0 && isEnd) return 1440;
  return h < 24 && min < 60 ? h * 60 + min : null;
}

function checkHours(list: unknown, path: string, problems: CalendarProblem[]): void {
  if (!Array.isArray(list)) {
    problems.push({ code: 'bad_hours', path, message: `${path} must be a list of working hours` });
    return;
  }
  const ranges: [number, number, number][] = [];
  list.forEach((h: unknown, i) => {
    const at = `${path}[${i}]`;
    const hours = (h ?? {}) as Partial<WorkingHours>;
    const from = minutesOf(hours.from, false);
    const to = minutesOf(hours.to, true);
    if (from === null || to === null) {
      problems.push({ code: 'bad_hours', path: at, message: `${at}: times are written HH:MM, 00:00 to 24:00` });
    } else if (to <= from) {
      problems.push({ code: 'bad_hours', path: at, message: `${at}: ${hours.from}–${hours.to} ends before it starts (split hours that cross midnight at 24:00)` });
    } else {
      ranges.push([from, to, i]);
    }
  });
  ranges.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < ranges.length; i++) {
    const [prev, cur] = [ranges[i - 1]!, ranges[i]!];
    if (cur[0] < prev[1]) {
      problems.push({ code: 'overlapping_hours', path: `${path}[${cur[2]}]`, message: `${path}[${cur[2]}] overlaps ${path}[${prev[2]}]` });
    }
  }
}

/** Every problem with a calendar, empty when it is usable (issue 5: a calendar must have working time). */
export function validateCalendar(calendar: Calendar): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  // Calendars arrive from admins' JSON: check the shape, not only what the type promises.
  const c = calendar as Omit<Partial<BusinessHoursCalendar>, 'kind'> & { kind?: unknown };
  if (c.timeZone !== undefined && !isTimeZone(c.timeZone)) {
    problems.push({ code: 'bad_time_zone', path: 'timeZone', message: `unknown time zone ${String(c.timeZone)}` });
  }
  if (c.kind === '7x24') return problems;
  if (c.kind !== 'business_hours') {
    problems.push({ code: 'unknown_kind', path: 'kind', message: `a calendar is 7x24 or business_hours, not ${String(c.kind)}` });
    return problems;
  }

  let hasWeeklyHours = false;
  for (const day of WEEKDAYS) {
    const list = c.week?.[day];
    checkHours(list, `week.${day}`, problems);
    if (Array.isArray(list) && list.length > 0) hasWeeklyHours = true;
  }
  if (!hasWeeklyHours) {
    problems.push({ code: 'no_working_time', path: 'week', message: 'the week has no working hours' });
  }

  const holidays = new Set<string>();
  (c.holidays ?? []).forEach((day, i) => {
    if (!isIsoDay(day)) problems.push({ code: 'bad_day', path: `holidays[${i}]`, message: `holidays[${i}]: ${String(day)} is not a YYYY-MM-DD day` });
    else if (holidays.has(day)) problems.push({ code: 'duplicate_day', path: `holidays[${i}]`, message: `${day} is listed twice as a holiday` });
    holidays.add(day);
  });

  const mondayWorks = Array.isArray(c.week?.mon) && c.week.mon.length > 0;
  const workdays = new Set<string>();
  (c.makeUpWorkdays ?? []).forEach((w, i) => {
    const path = `makeUpWorkdays[${i}]`;
    const day = w?.day;
    if (typeof day !== 'string' || !isIsoDay(day)) {
      problems.push({ code: 'bad_day', path, message: `${path}: ${String(day)} is not a YYYY-MM-DD day` });
    } else if (workdays.has(day)) {
      problems.push({ code: 'duplicate_day', path, message: `${day} is listed twice as a make-up workday` });
    } else if (holidays.has(day)) {
      problems.push({ code: 'holiday_and_workday', path, message: `${day} is both a holiday and a make-up workday` });
    }
    if (typeof day === 'string') workdays.add(day);
    if (w?.hours !== undefined) checkHours(w.hours, `${path}.hours`, problems);
    else if (!mondayWorks) problems.push({ code: 'make_up_without_hours', path, message: `${path} has no hours and Monday, whose hours it would take, has none` });
  });
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Compiled form: minutes per weekday, day sets, and per-day working spans as instants.

interface Compiled {
  zone: string;
  week: number[][];
  holidays: Set<number>;
  makeUp: Map<number, number[]>;
  /** Local day → working spans as instants, flat [start, end, start, end…], sorted, disjoint. */
  spans: Map<number, number[]>;
}

const SPAN_CACHE_DAYS = 2048;
const compiled = new WeakMap<BusinessHoursCalendar, Compiled>();

function flatMinutes(hours: readonly WorkingHours[]): number[] {
  return hours
    .map((h) => [minutesOf(h.from, false)!, minutesOf(h.to, true)!] as const)
    .sort((a, b) => a[0] - b[0])
    .flat();
}

function compile(calendar: BusinessHoursCalendar): Compiled {
  let c = compiled.get(calendar);
  if (c) return c;
  const problems = validateCalendar(calendar);
  if (problems.length > 0) {
    throw new CalendarError('invalid_calendar', `invalid calendar: ${problems.map((p) => p.message).join('; ')}`, problems);
  }
  const week = WEEKDAYS.map((d) => flatMinutes(calendar.week[d]));
  c = {
    zone: calendar.timeZone ?? DEFAULT_TIME_ZONE,
    week,
    holidays: new Set((calendar.holidays ?? []).map(dayNumberOf)),
    makeUp: new Map((calendar.makeUpWorkdays ?? []).map((w) => [dayNumberOf(w.day), w.hours ? flatMinutes(w.hours) : week[0]!])),
    spans: new Map(),
  };
  compiled.set(calendar, c);
  return c;
}

function minutesOn(c: Compiled, day: number): number[] {
  if (c.holidays.has(day)) return [];
  return c.makeUp.get(day) ?? c.week[weekdayOf(day)]!;
}

function spansOn(c: Compiled, day: number): number[] {
  let spans = c.spans.get(day);
  if (spans) return spans;
  spans = [];
  const minutes = minutesOn(c, day);
  let floor = -Infinity;
  for (let i = 0; i < minutes.length; i += 2) {
    // Around a spring-forward gap two wall times can map out of order; clamp so that spans stay
    // disjoint and no instant is counted twice.
    const start = Math.max(instantOf(c.zone, day, minutes[i]!), floor);
    const end = instantOf(c.zone, day, minutes[i + 1]!);
    if (end > start) {
      spans.push(start, end);
      floor = end;
    }
  }
  if (c.spans.size >= SPAN_CACHE_DAYS) c.spans.clear();
  c.spans.set(day, spans);
  return spans;
}

// ---------------------------------------------------------------------------------------------
// Working time

function assertInstant(name: string, value: number): void {
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be a finite epoch ms, got ${value}`);
}

/**
 * The instant at which `durationMs` of working time has passed after `startMs`. On 7×24 it is
 * `startMs + durationMs`. When the time runs out exactly at the end of working hours, that end is
 * the answer (a response due "by 18:00", not "by 09:00 next morning"). Zero returns `startMs`.
 * Throws CalendarError when the calendar is invalid or the deadline lies beyond MAX_SEARCH_DAYS.
 */
export function addWorkingTime(calendar: Calendar, startMs: number, durationMs: number): number {
  assertInstant('startMs', startMs);
  if (!Number.isFinite(durationMs) || durationMs < 0) throw new RangeError(`durationMs must be a finite non-negative number, got ${durationMs}`);
  if (calendar.kind === '7x24' || durationMs === 0) return startMs + durationMs;
  const c = compile(calendar);
  let remaining = durationMs;
  const first = localDayOf(c.zone, startMs);
  for (let day = first; day <= first + MAX_SEARCH_DAYS; day++) {
    const spans = spansOn(c, day);
    for (let i = 0; i < spans.length; i += 2) {
      const end = spans[i + 1]!;
      if (end <= startMs) continue;
      const from = Math.max(spans[i]!, startMs);
      if (end - from >= remaining) return from + remaining;
      remaining -= end - from;
    }
  }
  const worked = remaining < durationMs;
  throw new CalendarError(
    'no_working_time',
    worked
      ? `the calendar holds less than ${durationMs} ms of working time in the ${MAX_SEARCH_DAYS} days after ${isoDayOf(first)}`
      : `the calendar has no working time in the ${MAX_SEARCH_DAYS} days after ${isoDayOf(first)}`,
  );
}

/** Working time from `fromMs` to `toMs`, negative when `toMs` is earlier. On 7×24, `toMs − fromMs`. */
export function workingTimeBetween(calendar: Calendar, fromMs: number, toMs: number): number {
  assertInstant('fromMs', fromMs);
  assertInstant('toMs', toMs);
  if (toMs < fromMs) return -workingTimeBetween(calendar, toMs, fromMs);
  if (calendar.kind === '7x24' || toMs === fromMs) return toMs - fromMs;
  const c = compile(calendar);
  let total = 0;
  const last = localDayOf(c.zone, toMs);
  for (let day = localDayOf(c.zone, fromMs); day <= last; day++) {
    const spans = spansOn(c, day);
    for (let i = 0; i < spans.length; i += 2) {
      const from = Math.max(spans[i]!, fromMs);
      const to = Math.min(spans[i + 1]!, toMs);
      if (to > from) total += to - from;
    }
  }
  return total;
}

/** Whether an instant lies inside working hours. */
export function isWorkingTime(calendar: Calendar, atMs: number): boolean {
  assertInstant('atMs', atMs);
  if (calendar.kind === '7x24') return true;
  const c = compile(calendar);
  const spans = spansOn(c, localDayOf(c.zone, atMs));
  for (let i = 0; i < spans.length; i += 2) if (atMs >= spans[i]! && atMs < spans[i + 1]!) return true;
  return false;
}

/** The working hours of one local day, after holidays and make-up workdays (for pages and tests). */
export function workingHoursOn(calendar: Calendar, isoDay: string): WorkingHours[] {
  if (!isIsoDay(isoDay)) throw new RangeError(`${isoDay} is not a YYYY-MM-DD day`);
  if (calendar.kind === '7x24') return [{ from: '00:00', to: '24:00' }];
  const minutes = minutesOn(compile(calendar), dayNumberOf(isoDay));
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const hours: WorkingHours[] = [];
  for (let i = 0; i < minutes.length; i += 2) hours.push({ from: hhmm(minutes[i]!), to: hhmm(minutes[i + 1]!) });
  return hours;
}

/** The time zone a calendar's days are read in. */
export function timeZoneOf(calendar: Calendar): string {
  return calendar.timeZone ?? DEFAULT_TIME_ZONE;
}

