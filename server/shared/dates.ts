/**
 * Calendar days (ISO `YYYY-MM-DD`) at the edges. Instants are UTC epoch ms everywhere else; a
 * warranty or contract period is a run of days in the customer's zone, so it is kept as days.
 */

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is a real calendar day written as YYYY-MM-DD (2026-02-30 is not). */
export function isIsoDay(value: string): boolean {
  const m = ISO_DAY.exec(value);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === value;
}

// Building an Intl.DateTimeFormat costs more than a whole indexed query; keep one per zone, with
// the last day it gave: formatting costs about 10 µs, and every new ticket asks for today.
const dayFormats = new Map<string, { format: Intl.DateTimeFormat; slot: number; day: string }>();

/**
 * Since 1980 every zone's offset has been a whole number of quarter hours (Kathmandu +5:45,
 * Chatham +12:45), so a day starts on a quarter hour; before, local mean times like Shanghai's
 * +8:05:43 did not, and those instants are formatted each time.
 */
const QUARTER_HOUR_MS = 15 * 60_000;
const QUARTER_HOURS_FROM = Date.UTC(1980, 0, 1);

/** The calendar day an instant falls on in a time zone. */
export function dayIn(epochMs: number, timeZone: string): string {
  let zone = dayFormats.get(timeZone);
  if (!zone) {
    // en-CA formats as YYYY-MM-DD.
    zone = { format: new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }), slot: Number.NaN, day: '' };
    dayFormats.set(timeZone, zone);
  }
  if (epochMs < QUARTER_HOURS_FROM) return zone.format.format(epochMs);
  const slot = Math.floor(epochMs / QUARTER_HOUR_MS);
  if (slot !== zone.slot) {
    zone.day = zone.format.format(epochMs);
    zone.slot = slot;
  }
  return zone.day;
}

function dayNumber(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** The day `days` after `day`. */
export function addDays(day: string, days: number): string {
  return new Date((dayNumber(day) + days) * 86_400_000).toISOString().slice(0, 10);
}

/** The latest of some optional days, or null. ISO days compare correctly as text. */
export function latestDay(...days: (string | null | undefined)[]): string | null {
  let latest: string | null = null;
  for (const d of days) if (d && (latest === null || d > latest)) latest = d;
  return latest;
}
