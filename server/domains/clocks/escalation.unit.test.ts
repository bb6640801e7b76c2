import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ESCALATION, dueAlerts, nextAlertAt, validateEscalation, type AlertableClock, type EscalationPolicy } from './escalation.js';

const MIN = 60_000;
const T = Date.UTC(2026, 10, 24, 2, 0);

/** A 30-minute response clock started at T: warns at 22.5 min, breaches at 30. */
function clock(extra: Partial<AlertableClock> = {}): AlertableClock {
  return { deadline: T + 30 * MIN, warnAt: T + 22.5 * MIN, stoppedAt: null, warnedAt: null, breachStep: 0, ...extra };
}

describe('clock alerts', () => {
  it('is due first at the warning point, then at the deadline, then at each escalation step', () => {
    let c = clock();
    const raised: string[] = [];
    for (const now of [T + 20 * MIN, T + 23 * MIN, T + 29 * MIN, T + 31 * MIN, T + 59 * MIN, T + 61 * MIN, T + 151 * MIN, T + 999 * MIN]) {
      const r = dueAlerts(c, DEFAULT_ESCALATION, now);
      raised.push(...r.alerts.map((a) => `${a.kind}${a.step}:${a.to.join('+')}@${(now - T) / MIN}`));
      c = { ...c, warnedAt: r.warnedAt, breachStep: r.breachStep };
      if (r.nextAlertAt !== null) expect(r.nextAlertAt).toBeGreaterThan(now);
    }
    expect(raised).toEqual(['warning0:owner@23', 'breach0:owner@31', 'escalation1:team_lead@61', 'escalation2:manager@151']);
    expect(nextAlertAt(c, DEFAULT_ESCALATION)).toBeNull();
  });

  it('raises the breach but not the warning when both fell due while nobody swept', () => {
    const r = dueAlerts(clock(), DEFAULT_ESCALATION, T + 35 * MIN);
    expect(r.alerts.map((a) => a.kind)).toEqual(['breach']);
    expect(r.warnedAt).toBe(T + 35 * MIN);
    expect(r.nextAlertAt).toBe(T + 60 * MIN);
  });

  it('raises the breach of a clock that stopped late, but no escalation after it', () => {
    const late = clock({ stoppedAt: T + 40 * MIN });
    expect(nextAlertAt(late, DEFAULT_ESCALATION)).toBe(T + 30 * MIN);
    const r = dueAlerts(late, DEFAULT_ESCALATION, T + 200 * MIN);
    expect(r.alerts.map((a) => a.kind)).toEqual(['breach']);
    expect(r.nextAlertAt).toBeNull();
  });

  it('has nothing due for a clock met, paused or pending', () => {
    expect(nextAlertAt(clock({ stoppedAt: T + 10 * MIN }), DEFAULT_ESCALATION)).toBeNull();
    expect(nextAlertAt(clock({ deadline: null, warnAt: null }), DEFAULT_ESCALATION)).toBeNull();
  });

  it('skips the warning when the policy warns nobody', () => {
    const quiet: EscalationPolicy = { warn: [], breach: [{ afterMinutes: 0, to: ['owner', 'team_lead'] }] };
    expect(nextAlertAt(clock(), quiet)).toBe(T + 30 * MIN);
    expect(dueAlerts(clock(), quiet, T + 31 * MIN).alerts).toEqual([{ kind: 'breach', step: 0, to: ['owner', 'team_lead'] }]);
  });

  it('raises each alert once however often and whenever it sweeps (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 30 }), (minutes) => {
        let c = clock();
        const seen: string[] = [];
        for (const m of [...minutes].sort((a, b) => a - b)) {
          const r = dueAlerts(c, DEFAULT_ESCALATION, T + m * MIN);
          seen.push(...r.alerts.map((a) => `${a.kind}${a.step}`));
          c = { ...c, warnedAt: r.warnedAt, breachStep: r.breachStep };
        }
        expect(new Set(seen).size).toBe(seen.length);
      }),
    );
  });
});

describe('validateEscalation', () => {
  it('accepts the default', () => {
    expect(validateEscalation(DEFAULT_ESCALATION)).toEqual([]);
  });

  it('names each problem with its path', () => {
    const bad = { warn: ['owner', 'boss'], breach: [{ afterMinutes: 30, to: ['owner'] }, { afterMinutes: 10, to: [] }, { afterMinutes: -1, to: ['manager'] }] } as unknown as EscalationPolicy;
    expect(validateEscalation(bad).map((p) => `${p.code} ${p.path}`)).toEqual([
      'unknown_target escalation.warn[1]',
      'steps_out_of_order escalation.breach[1].afterMinutes',
      'bad_step escalation.breach[1].to',
      'bad_step escalation.breach[2].afterMinutes',
    ]);
  });
});
