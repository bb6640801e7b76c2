import { describe, expect, it } from 'vitest';
import { dayIn } from './dates.js';

describe('dayIn', () => {
  const direct = (epochMs: number, timeZone: string) =>
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(epochMs);

  it('gives the day in the zone across midnight, minute by minute, as formatting each instant does', () => {
    // Midnight in Shanghai (+8), Kathmandu (+5:45) and Chatham (+12:45 / +13:45), asked in
    // ascending and then descending order so an answer kept from the instant before is tested.
    for (const timeZone of ['Asia/Shanghai', 'Asia/Kathmandu', 'Pacific/Chatham', 'America/St_Johns']) {
      const start = Date.UTC(2026, 10, 23, 0, 0) - 24 * 3_600_000;
      const instants = Array.from({ length: 48 * 60 }, (_, i) => start + i * 60_000 + 59_999 * (i % 2));
      for (const at of [...instants, ...instants.reverse()]) expect(dayIn(at, timeZone)).toBe(direct(at, timeZone));
    }
  });

  it('is exact for local mean time, whose days did not start on a quarter hour', () => {
    // Shanghai kept +8:05:43 until 1901: 1900-06-01 00:00 local was 1900-05-31T15:54:17Z.
    const midnight = Date.UTC(1900, 4, 31, 15, 54, 17);
    expect(dayIn(midnight - 1_000, 'Asia/Shanghai')).toBe('1900-05-31');
    expect(dayIn(midnight + 1_000, 'Asia/Shanghai')).toBe('1900-06-01');
    expect(dayIn(midnight - 1_000, 'Asia/Shanghai')).toBe('1900-05-31');
  });
});
