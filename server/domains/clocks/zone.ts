/**
 * Wall-clock time in an IANA time zone, with Intl only (no time-zone library). Calendars speak in
 * local days and "09:00"; clocks speak in UTC epoch ms (DESIGN.md, data rules). This module is the
 * one place that converts between the two, and it is exact across daylight-saving transitions.
 *
 * Local days are counted as day numbers: whole days since 1970-01-01 in the zone's own calendar,
 * so that day arithmetic is integer arithmetic and never meets a 23- or 25-hour day.
 */

export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;

// Building an Intl.DateTimeFormat costs far more than using one; keep one per zone.
const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(timeZone, format);
  }
  return format;
}

/** Whether Intl knows the zone (`Asia/Shanghai` yes, `Mars/Olympus` no). */
export function isTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== 'string' || timeZone === '') return false;
  try {
    formatFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at an instant, in ms (Shanghai: +8 h; New York in winter: −5 h). */
export function offsetAt(timeZone: string, epochMs: number): number {
  const whole = Math.floor(epochMs / 1000) * 1000;
  let y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  for (const part of formatFor(timeZone).formatToParts(whole)) {
    switch (part.type) {
      case 'year': y = Number(part.value); break;
      case 'month': mo = Number(part.value); break;
      case 'day': d = Number(part.value); break;
      case 'hour': h = Number(part.value); break;
      case 'minute': mi = Number(part.value); break;
      case 'second': s = Number(part.value); break;
    }
  }
  return Date.UTC(y, mo - 1, d, h, mi, s) - whole;
}

/** The local day number an instant falls on in a zone. */
export function localDayOf(timeZone: string, epochMs: number): number {
  // The window around the instant's UTC day usually has one offset, cached: no Intl call then.
  const [before, after] = offsetsAround(timeZone, Math.floor(epochMs / DAY_MS));
  const offset = before === after ? before : offsetAt(timeZone, epochMs);
  return Math.floor((epochMs + offset) / DAY_MS);
}

// Per zone and local day: the offsets a little before and a little after the day. When they are
// equal (every day but the two transition days of a year) the whole day has one offset and a wall
// time converts with one subtraction. Bounded, so a long-running process does not grow without end.
const dayOffsets = new Map<string, Map<number, readonly [number, number]>>();
const DAY_OFFSETS_PER_ZONE = 4096;

function offsetsAround(timeZone: string, day: number): readonly [number, number] {
  let perZone = dayOffsets.get(timeZone);
  if (!perZone) {
    perZone = new Map();
    dayOffsets.set(timeZone, perZone);
  }
  let found = perZone.get(day);
  if (!found) {
    // Offsets stay within ±14 h, so these two instants lie before and after every instant whose
    // local day is `day`.
    found = [offsetAt(timeZone, (day - 1) * DAY_MS), offsetAt(timeZone, (day + 2) * DAY_MS)];
    if (perZone.size >= DAY_OFFSETS_PER_ZONE) perZone.clear();
    perZone.set(day, found);
  }
  return found;
}

/**
 * The instant of a wall-clock time: `minute` minutes (0..1440) after the start of local day `day`.
 * A wall time that occurs twice (clocks go back) gives the earlier instant; one that does not exist
 * (clocks go forward) gives the instant as far after the gap's start as the wall time is — 02:30 on
 * a spring-forward night in New York is 03:30 EDT. These are Temporal's `compatible` rules.
 */
export function instantOf(timeZone: string, day: number, minute: number): number {
  const local = day * DAY_MS + minute * MINUTE_MS;
  const [before, after] = offsetsAround(timeZone, day);
  if (before === after) return local - before;
  const early = local - before;
  const late = local - after;
  const earlyFits = offsetAt(timeZone, early) === before;
  const lateFits = offsetAt(timeZone, late) === after;
  if (earlyFits && lateFits) return Math.min(early, late);
  if (earlyFits) return early;
  if (lateFits) return late;
  // In the gap: read the wall time with the offset in force before it.
  return early;
}

/** Day number of an ISO day (`2026-10-01`); the caller has checked the form. */
export function dayNumberOf(isoDay: string): number {
  return Date.UTC(Number(isoDay.slice(0, 4)), Number(isoDay.slice(5, 7)) - 1, Number(isoDay.slice(8, 10))) / DAY_MS;
}

/** ISO day (`2026-10-01`) of a day number. */
export function isoDayOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Weekday of a day number, 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}
