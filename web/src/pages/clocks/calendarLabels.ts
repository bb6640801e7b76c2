import type { TFunction } from 'i18next';
import { WEEKDAYS, type Week, type Weekday, type WorkingHours } from '../../api/types';

export const CALENDARS_KEY = ['calendars'] as const;
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** HH:MM from 00:00 to 24:00 (an interval may end at midnight). */
export const TIME_PATTERN = /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/;

const FALLBACK_ZONES = ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Taipei', 'Asia/Singapore', 'Asia/Tokyo', 'Asia/Seoul', 'Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Los_Angeles', 'UTC'];

/** The IANA zones this browser knows, China's first. */
export function timeZones(): string[] {
  let zones: string[];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = FALLBACK_ZONES;
  }
  const set = new Set(zones);
  set.add('UTC');
  return [DEFAULT_TIME_ZONE, ...[...set].filter((z) => z !== DEFAULT_TIME_ZONE).sort()];
}

export function hoursText(hours: readonly WorkingHours[]): string {
  return hours.map((h) => `${h.from}–${h.to}`).join(', ');
}

/** "Mon–Fri 09:00–18:00; Sat 09:00–12:00": runs of weekdays with the same hours. */
export function weekSummary(week: Week | null, t: TFunction): string {
  if (!week) return t('calendars.roundTheClock');
  const runs: { from: Weekday; to: Weekday; text: string }[] = [];
  for (const day of WEEKDAYS) {
    const hours = week[day] ?? [];
    if (hours.length === 0) continue;
    const text = hoursText(hours);
    const last = runs[runs.length - 1];
    if (last && last.text === text && WEEKDAYS.indexOf(last.to) === WEEKDAYS.indexOf(day) - 1) last.to = day;
    else runs.push({ from: day, to: day, text });
  }
  if (runs.length === 0) return t('calendars.noHours');
  return runs.map((r) => `${t(`weekday.${r.from}`)}${r.from === r.to ? '' : `–${t(`weekday.${r.to}`)}`} ${r.text}`).join('; ');
}

/** Minutes since midnight of HH:MM. */
export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}
