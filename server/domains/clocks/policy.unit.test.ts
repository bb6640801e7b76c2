import { describe, expect, it } from 'vitest';
import { CLOCK_KINDS, countsRoundTheClock, DEFAULT_POLICY, validatePolicy, type ClockPolicy } from './policy.js';

describe('the default policy', () => {
  // R4's table, in minutes.
  it.each([
    ['response', 30, 30],
    ['solution', 60, 60],
    ['dispatch', 120, 120],
    ['arrival', 60, 60],
    ['restore', 6 * 60, 14 * 60],
    ['hardware_restore', 4 * 60, 4 * 60],
    ['report', 3 * 24 * 60, 3 * 24 * 60],
  ] as const)('%s: general %i min, major %i min', (kind, general, major) => {
    expect(DEFAULT_POLICY.targets.general[kind]).toBe(general);
    expect(DEFAULT_POLICY.targets.major[kind]).toBe(major);
  });

  it('never gives an emergency longer than a major fault', () => {
    for (const kind of CLOCK_KINDS) expect(DEFAULT_POLICY.targets.emergency[kind]).toBeLessThanOrEqual(DEFAULT_POLICY.targets.major[kind]);
  });

  it('is valid, warns at 75 %, and runs emergencies and the report clock 7×24', () => {
    expect(validatePolicy(DEFAULT_POLICY)).toEqual([]);
    expect(DEFAULT_POLICY.warnFraction).toBe(0.75);
    expect(countsRoundTheClock(DEFAULT_POLICY, 'restore', 'emergency')).toBe(true);
    expect(countsRoundTheClock(DEFAULT_POLICY, 'report', 'general')).toBe(true);
    expect(countsRoundTheClock(DEFAULT_POLICY, 'restore', 'major')).toBe(false);
  });

  it('cannot be changed in place', () => {
    expect(() => {
      (DEFAULT_POLICY.targets.general as Record<string, number>).response = 1;
    }).toThrow(TypeError);
  });
});

describe('validatePolicy', () => {
  const copy = (): ClockPolicy => JSON.parse(JSON.stringify(DEFAULT_POLICY)) as ClockPolicy;
  const withTarget = (value: unknown): ClockPolicy => {
    const p = copy();
    (p.targets.major as Record<string, unknown>).restore = value;
    return p;
  };

  it.each([
    ['zero', withTarget(0), 'bad_target'],
    ['negative', withTarget(-30), 'bad_target'],
    ['fractional', withTarget(1.5), 'bad_target'],
    ['text', withTarget('840'), 'bad_target'],
    ['beyond 90 days', withTarget(91 * 24 * 60), 'bad_target'],
    ['missing', withTarget(undefined), 'missing_target'],
  ])('refuses a %s target', (_name, policy, code) => {
    expect(validatePolicy(policy)).toEqual([expect.objectContaining({ code, path: 'targets.major.restore' })]);
  });

  it('refuses unknown clocks and grades and a warning point outside (0, 1)', () => {
    const p = copy() as unknown as { targets: Record<string, Record<string, number>>; warnFraction: number; roundTheClock: { kinds: string[]; grades: string[] } };
    p.targets.general!.lunch = 60;
    p.targets.critical = { ...p.targets.general! };
    p.warnFraction = 1;
    p.roundTheClock.kinds.push('coffee');
    p.roundTheClock.grades.push('disaster');
    expect(validatePolicy(p as unknown as ClockPolicy).map((x) => `${x.code} ${x.path}`)).toEqual([
      'unknown_grade targets.critical',
      'unknown_kind targets.general.lunch',
      'bad_warn_fraction warnFraction',
      'unknown_grade roundTheClock.grades[1]',
      'unknown_kind roundTheClock.kinds[1]',
    ]);
  });
});
