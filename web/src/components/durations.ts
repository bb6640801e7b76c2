import type { TFunction } from 'i18next';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A live countdown: `1:05:09`, or `3 d 04:05:09` / `3天 04:05:09` beyond a day (sign dropped). */
export function formatCountdown(ms: number, t: TFunction): string {
  const total = Math.floor(Math.abs(ms) / SECOND);
  const d = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  const clock = `${d > 0 ? pad(h) : h}:${pad(m)}:${pad(s)}`;
  return d > 0 ? `${t('duration.daysPrefix', { d })}${clock}` : clock;
}

function parts(abs: number): { d: number; h: number; m: number } {
  return { d: Math.floor(abs / DAY), h: Math.floor((abs % DAY) / HOUR), m: Math.floor((abs % HOUR) / MINUTE) };
}

function words(units: { d?: number; h?: number; m?: number }, t: TFunction): string {
  const out: string[] = [];
  if (units.d) out.push(t('duration.d', { count: units.d }));
  if (units.h) out.push(t('duration.h', { count: units.h }));
  if (units.m) out.push(t('duration.m', { count: units.m }));
  return out.join(' ');
}

/** A span in words, its two largest units: `3 d 4 h`, `1 h 5 min`, `12 min` (sign dropped). */
export function formatSpan(ms: number, t: TFunction): string {
  const abs = Math.abs(ms);
  if (abs < MINUTE) return t('duration.lessThanMinute');
  const { d, h, m } = parts(abs);
  return d > 0 ? words({ d, h }, t) : words({ h, m }, t);
}

/** Minutes in words, exactly, for policy targets: `30 min`, `6 h`, `3 d`, `1 d 1 h 30 min`. */
export function formatMinutes(minutes: number, t: TFunction): string {
  if (minutes <= 0) return t('duration.m', { count: 0 });
  return words(parts(minutes * MINUTE), t);
}
