import { describe, expect, it } from 'vitest';
import { addDays, dayIn, daysBetween, isIsoDay, latestDay } from '../../shared/dates.js';
import { coverageEnd, warrantyOn } from './warranty.js';

describe('calendar days', () => {
  it('validates real days only', () => {
    expect(isIsoDay('2026-02-28')).toBe(true);
    expect(isIsoDay('2028-02-29')).toBe(true);
    expect(isIsoDay('2026-02-29')).toBe(false);
    expect(isIsoDay('2026-13-01')).toBe(false);
    expect(isIsoDay('26-1-1')).toBe(false);
  });

  it('takes the day in the customer zone, not in UTC', () => {
    // 2026-11-24 17:30 UTC is already the 25th in Shanghai.
    const instant = Date.UTC(2026, 10, 24, 17, 30);
    expect(dayIn(instant, 'Asia/Shanghai')).toBe('2026-11-25');
    expect(dayIn(instant, 'UTC')).toBe('2026-11-24');
  });

  it('counts and adds days across months and leap years', () => {
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2026-12-31', '2026-12-01')).toBe(-30);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(latestDay(null, '2027-01-01', undefined, '2026-12-31')).toBe('2027-01-01');
    expect(latestDay()).toBeNull();
  });
});

describe('warranty', () => {
  it('covers through the last day inclusive, then expires', () => {
    expect(warrantyOn('2026-11-24', '2026-11-24')).toEqual({ state: 'in_warranty', endsOn: '2026-11-24', daysLeft: 0 });
    expect(warrantyOn('2026-12-24', '2026-11-24')).toMatchObject({ state: 'in_warranty', daysLeft: 30 });
    expect(warrantyOn('2026-11-23', '2026-11-24')).toMatchObject({ state: 'expired', daysLeft: -1 });
    expect(warrantyOn(null, '2026-11-24')).toEqual({ state: 'not_covered', endsOn: null, daysLeft: null });
  });

  it('takes the later of the device warranty and the contract warranty and service ends', () => {
    expect(coverageEnd({ assetWarrantyEnd: '2027-06-30', contract: null })).toBe('2027-06-30');
    expect(coverageEnd({ assetWarrantyEnd: '2025-01-01', contract: { warrantyEnd: '2026-01-01', serviceEnd: '2028-12-31' } })).toBe('2028-12-31');
    expect(coverageEnd({ assetWarrantyEnd: null, contract: null })).toBeNull();
  });
});
