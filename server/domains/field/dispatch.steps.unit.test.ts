import { describe, expect, it } from 'vitest';
import { dispatchSteps, nextDispatchState, stepTimes } from './dispatch.steps.js';

describe('visit steps', () => {
  it.each([
    ['planned', 'accept', 'accepted'],
    ['planned', 'depart', 'en_route'],
    ['accepted', 'depart', 'en_route'],
    ['en_route', 'arrive', 'on_site'],
    ['accepted', 'arrive', 'on_site'],
    ['on_site', 'leave', 'done'],
    ['en_route', 'cancel', 'cancelled'],
  ] as const)('from %s, %s leads to %s', (from, step, to) => {
    expect(nextDispatchState(from, step)).toBe(to);
  });

  it.each([
    ['on_site', 'cancel'],
    ['done', 'arrive'],
    ['cancelled', 'depart'],
    ['planned', 'leave'],
    ['en_route', 'accept'],
  ] as const)('from %s, %s is refused', (from, step) => {
    expect(nextDispatchState(from, step)).toBeNull();
  });

  it('offers cancelling only to those who dispatch', () => {
    expect(dispatchSteps('accepted', { mayCancel: false })).toEqual(['depart', 'arrive']);
    expect(dispatchSteps('accepted', { mayCancel: true })).toEqual(['depart', 'arrive', 'cancel']);
    expect(dispatchSteps('done', { mayCancel: true })).toEqual([]);
  });

  it('fills skipped check-points with the step’s own time and keeps those already recorded', () => {
    expect(stepTimes('arrive', { accepted_at: null, departed_at: null, arrived_at: null }, 500)).toEqual({ accepted_at: 500, departed_at: 500, arrived_at: 500 });
    expect(stepTimes('arrive', { accepted_at: 100, departed_at: 200, arrived_at: null }, 500)).toEqual({ accepted_at: 100, departed_at: 200, arrived_at: 500 });
    expect(stepTimes('depart', { accepted_at: null, departed_at: null, arrived_at: null }, 300)).toEqual({ accepted_at: 300, departed_at: 300 });
  });
});
