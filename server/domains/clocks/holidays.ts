/**
 * Public holidays and make-up workdays (调休, R4), one year at a time, as admins load them from a
 * file or type them in. The file is plain text, one day or run of days a line:
 *
 *     # 2026 国务院办公厅节假日安排          ← comment; blank lines are ignored too
 *     2026-10-01..2026-10-07 holiday 国庆节    ← a run of days off, both ends included
 *     2026-09-20 workday 国庆节调休上班         ← a weekend day that is worked, on Monday's hours
 *     2026-10-10 workday 09:00-12:00,13:00-17:00 国庆节调休上班   ← worked, on the hours given
 *
 * The kind is `holiday` (also 休, 放假) or `workday` (also 班, 上班); the name is the rest of the
 * line. A malformed line is reported with its number, and a file with any error loads nothing.
 */

import { isIsoDay } from '../../shared/dates.js';
import type { BusinessHoursCalendar, MakeUpWorkday, WorkingHours } from './calendar.js';
import { dayNumberOf, isoDayOf } from './zone.js';

export type HolidayKind = 'holiday' | 'workday';

export interface HolidayDay {
  day: string;
  kind: HolidayKind;
  name: string;
  /** Only for a workday with its own hours; otherwise it works Monday's hours. */
  hours?: WorkingHours[];
}

export interface HolidayFileError {
  /** 1-based line number. */
  line: number;
  message: string;
}

export type HolidayFileResult = { ok: true; days: HolidayDay[] } | { ok: false; errors: HolidayFileError[] };

const KINDS: Record<string, HolidayKind> = { holiday: 'holiday', 休: 'holiday', 放假: 'holiday', workday: 'workday', 班: 'workday', 上班: 'workday' };
const HOURS = /^(\d{2}:\d{2})-(\d{2}:\d{2})$/;
const TIME = /^(?:([01]\d|2[0-3]):[0-5]\d|24:00)$/;
// A run longer than any holiday is a typo (2026-10-01..2027-10-07), not a holiday.
const MAX_RUN_DAYS = 31;

function parseHours(token: string): WorkingHours[] | string {
  const hours: WorkingHours[] = [];
  let lastEnd = '';
  for (const part of token.split(',')) {
    const m = HOURS.exec(part);
    if (!m || !TIME.test(m[1]!) || !TIME.test(m[2]!) || m[1] === '24:00') return `bad working hours "${part}" (write 09:00-18:00)`;
    if (m[2]! <= m[1]!) return `working hours ${part} end before they start`;
    if (m[1]! < lastEnd) return `working hours ${part} overlap or are out of order`;
    hours.push({ from: m[1]!, to: m[2]! });
    lastEnd = m[2]!;
  }
  return hours;
}

/**
 * Reads a holiday file. With `year`, every day must fall in that year, since loading a year's file
 * replaces that year (see `replaceHolidayYear`).
 */
export function parseHolidayFile(text: string, options: { year?: number } = {}): HolidayFileResult {
  const days: HolidayDay[] = [];
  const errors: HolidayFileError[] = [];
  const seen = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const content = raw.replace(/^\uFEFF/, '').trim();
    if (content === '' || content.startsWith('#')) return;
    const fail = (message: string) => errors.push({ line, message });

    const tokens = content.split(/\s+/);
    const [dates = '', kindWord = ''] = tokens;
    const [first = '', last = first, extra] = dates.split('..');
    if (extra !== undefined || !isIsoDay(first) || !isIsoDay(last)) return fail(`"${dates}" is not a day (YYYY-MM-DD) or a run of days (YYYY-MM-DD..YYYY-MM-DD)`);
    const kind = KINDS[kindWord];
    if (!kind) return fail(`"${kindWord}" is not a kind: write holiday or workday`);
    let rest = tokens.slice(2);
    let hours: WorkingHours[] | undefined;
    if (rest[0] !== undefined && /^\d{2}:\d{2}-/.test(rest[0])) {
      if (kind === 'holiday') return fail('a holiday has no working hours');
      const parsed = parseHours(rest[0]);
      if (typeof parsed === 'string') return fail(parsed);
      hours = parsed;
      rest = rest.slice(1);
    }
    const from = dayNumberOf(first);
    const to = dayNumberOf(last);
    if (to < from) return fail(`the run ${dates} ends before it starts`);
    if (to - from >= MAX_RUN_DAYS) return fail(`the run ${dates} is longer than ${MAX_RUN_DAYS} days`);

    for (let n = from; n <= to; n++) {
      const day = isoDayOf(n);
      if (options.year !== undefined && Number(day.slice(0, 4)) !== options.year) return fail(`${day} is not in ${options.year}`);
      const earlier = seen.get(day);
      if (earlier !== undefined) return fail(`${day} is already listed on line ${earlier}`);
    }
    const name = rest.join(' ');
    for (let n = from; n <= to; n++) {
      const day = isoDayOf(n);
      seen.set(day, line);
      days.push(hours ? { day, kind, name, hours } : { day, kind, name });
    }
  });
  if (errors.length > 0) return { ok: false, errors };
  days.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  return { ok: true, days };
}

/** The file text for a list of days, one day a line; `parseHolidayFile` reads it back. */
export function formatHolidayFile(days: readonly HolidayDay[]): string {
  return days
    .map((d) => [d.day, d.kind, d.hours?.map((h) => `${h.from}-${h.to}`).join(','), d.name].filter((t) => t !== undefined && t !== '').join(' '))
    .join('\n')
    .concat('\n');
}

/**
 * A copy of the calendar whose holidays and make-up workdays in `year` are exactly `days`, and the
 * other years' are as they were: loading a year's file twice is harmless, and a correction to a
 * year replaces it whole.
 */
export function replaceHolidayYear(calendar: BusinessHoursCalendar, year: number, days: readonly HolidayDay[]): BusinessHoursCalendar {
  const prefix = `${String(year).padStart(4, '0')}-`;
  for (const d of days) if (!d.day.startsWith(prefix)) throw new RangeError(`${d.day} is not in ${year}`);
  const holidays = (calendar.holidays ?? []).filter((d) => !d.startsWith(prefix));
  const makeUpWorkdays: MakeUpWorkday[] = (calendar.makeUpWorkdays ?? []).filter((w) => !w.day.startsWith(prefix));
  for (const d of days) {
    if (d.kind === 'holiday') holidays.push(d.day);
    else makeUpWorkdays.push(d.hours ? { day: d.day, hours: d.hours } : { day: d.day });
  }
  holidays.sort();
  makeUpWorkdays.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  return { ...calendar, holidays, makeUpWorkdays };
}

/**
 * China's 2026 public holidays and make-up workdays, from the State Council General Office's
 * notice on the 2026 holiday arrangements (国务院办公厅关于2026年部分节假日安排的通知, November
 * 2025). Make-up workdays work Monday's hours. Later years come from a file or from the
 * `chinese-days` data (DESIGN.md, holidays).
 */
export const CHINA_2026_HOLIDAY_FILE = `# 国务院办公厅关于2026年部分节假日安排的通知
2026-01-01..2026-01-03 holiday 元旦
2026-01-04 workday 元旦调休上班
2026-02-15..2026-02-23 holiday 春节
2026-02-14 workday 春节调休上班
2026-02-28 workday 春节调休上班
2026-04-04..2026-04-06 holiday 清明节
2026-05-01..2026-05-05 holiday 劳动节
2026-05-09 workday 劳动节调休上班
2026-06-19..2026-06-21 holiday 端午节
2026-09-25..2026-09-27 holiday 中秋节
2026-10-01..2026-10-07 holiday 国庆节
2026-09-20 workday 国庆节调休上班
2026-10-10 workday 国庆节调休上班
`;

function parseBuiltIn(text: string, year: number): HolidayDay[] {
  const result = parseHolidayFile(text, { year });
  if (!result.ok) throw new Error(`built-in holidays ${year}: ${result.errors.map((e) => `line ${e.line}: ${e.message}`).join('; ')}`);
  return result.days;
}

export const CHINA_2026: readonly HolidayDay[] = Object.freeze(parseBuiltIn(CHINA_2026_HOLIDAY_FILE, 2026));
