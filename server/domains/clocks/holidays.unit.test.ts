import { describe, expect, it } from 'vitest';
import { weekSchedule, type BusinessHoursCalendar } from './calendar.js';
import { CHINA_2026, formatHolidayFile, parseHolidayFile, replaceHolidayYear, type HolidayDay } from './holidays.js';

const weekdayOf = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday

function parsed(text: string, year?: number): HolidayDay[] {
  const result = parseHolidayFile(text, { year });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.days;
}

describe('parseHolidayFile', () => {
  it('reads days, runs, make-up workdays with and without hours, comments and blank lines', () => {
    const text = [
      '\uFEFF# 2026 国庆',
      '',
      '2026-10-01..2026-10-03 holiday 国庆节',
      '2026-09-20 workday 国庆节调休上班',
      '  2026-10-10   上班   09:00-12:00,13:00-17:00   国庆节 调休  ',
      '2026-10-04 休',
    ].join('\r\n');
    expect(parsed(text, 2026)).toEqual([
      { day: '2026-09-20', kind: 'workday', name: '国庆节调休上班' },
      { day: '2026-10-01', kind: 'holiday', name: '国庆节' },
      { day: '2026-10-02', kind: 'holiday', name: '国庆节' },
      { day: '2026-10-03', kind: 'holiday', name: '国庆节' },
      { day: '2026-10-04', kind: 'holiday', name: '' },
      { day: '2026-10-10', kind: 'workday', name: '国庆节 调休', hours: [{ from: '09:00', to: '12:00' }, { from: '13:00', to: '17:00' }] },
    ]);
  });

  it('reports every malformed line with its number and loads nothing', () => {
    const text = [
      '# header', //                                        1
      '2026-10-01 holiday 国庆节', //                       2 fine
      '2026-13-01 holiday 坏日期', //                       3
      '2026-10-02 vacation 国庆节', //                      4
      '2026-10-03 holiday 09:00-18:00 国庆节', //           5
      '2026-10-10 workday 18:00-09:00 调休', //             6
      '2026-10-07..2026-10-04 holiday 国庆节', //           7
      '2026-10-01 holiday 又一次', //                       8
      '2027-01-01 holiday 元旦', //                         9
      '2026-01-01..2026-03-01 holiday 太长', //             10
      '2026-10-11 workday 09:00-12:00,11:00-18:00 调休', // 11
    ].join('\n');
    const result = parseHolidayFile(text, { year: 2026 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(result.errors.find((e) => e.line === 8)?.message).toContain('already listed on line 2');
    expect(result.errors.find((e) => e.line === 9)?.message).toContain('not in 2026');
  });

  it('writes a file it reads back', () => {
    expect(parsed(formatHolidayFile(CHINA_2026), 2026)).toEqual(CHINA_2026);
    const withHours: HolidayDay[] = [{ day: '2026-10-10', kind: 'workday', name: '调休', hours: [{ from: '09:00', to: '12:00' }] }];
    expect(parsed(formatHolidayFile(withHours))).toEqual(withHours);
  });
});

describe("China's 2026 holidays", () => {
  const holidays = CHINA_2026.filter((d) => d.kind === 'holiday').map((d) => d.day);
  const workdays = CHINA_2026.filter((d) => d.kind === 'workday').map((d) => d.day);

  it('has the State Council notice’s 33 days off and six make-up workdays', () => {
    expect(holidays).toHaveLength(3 + 9 + 3 + 5 + 3 + 3 + 7);
    expect(workdays).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
  });

  it.each([
    ['元旦', '2026-01-01', '2026-01-03'],
    ['春节', '2026-02-15', '2026-02-23'],
    ['清明节', '2026-04-04', '2026-04-06'],
    ['劳动节', '2026-05-01', '2026-05-05'],
    ['端午节', '2026-06-19', '2026-06-21'],
    ['中秋节', '2026-09-25', '2026-09-27'],
    ['国庆节', '2026-10-01', '2026-10-07'],
  ])('%s runs from %s to %s', (name, first, last) => {
    const days = CHINA_2026.filter((d) => d.kind === 'holiday' && d.name === name).map((d) => d.day);
    expect(days[0]).toBe(first);
    expect(days[days.length - 1]).toBe(last);
  });

  it('puts every make-up workday on a weekend', () => {
    for (const day of workdays) expect([0, 6]).toContain(weekdayOf(day));
  });
});

describe('replaceHolidayYear', () => {
  const base: BusinessHoursCalendar = {
    kind: 'business_hours',
    week: weekSchedule([{ from: '09:00', to: '18:00' }]),
    holidays: ['2025-10-01', '2026-12-25'],
    makeUpWorkdays: [{ day: '2025-09-28' }, { day: '2026-12-26' }],
  };

  it("replaces that year's days and keeps the other years'", () => {
    const cal = replaceHolidayYear(base, 2026, CHINA_2026);
    expect(cal.holidays).toContain('2025-10-01');
    expect(cal.holidays).not.toContain('2026-12-25');
    expect(cal.holidays).toContain('2026-10-01');
    expect(cal.makeUpWorkdays?.map((w) => w.day)).toEqual(['2025-09-28', '2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    expect(replaceHolidayYear(cal, 2026, CHINA_2026)).toEqual(cal);
    expect(base.holidays).toEqual(['2025-10-01', '2026-12-25']);
  });

  it('refuses days of another year', () => {
    expect(() => replaceHolidayYear(base, 2027, CHINA_2026)).toThrow(RangeError);
  });
});
