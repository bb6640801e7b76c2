import type { DispatchState, DispatchStep } from './field.schemas.js';

/**
 * A visit's steps as data (R7): the engineer accepts, departs, arrives (checks in) and leaves
 * (checks out). Departing may skip accepting and arriving may skip departing — an engineer who
 * forgot to tap is not stuck — and the skipped times are taken as the step's own. A visit can be
 * cancelled until the engineer is on site. Pure: the service asks, the tests read the table.
 */
const FROM: Record<DispatchStep, readonly DispatchState[]> = {
  accept: ['planned'],
  depart: ['planned', 'accepted'],
  arrive: ['planned', 'accepted', 'en_route'],
  leave: ['on_site'],
  cancel: ['planned', 'accepted', 'en_route'],
};

const TO: Record<DispatchStep, DispatchState> = { accept: 'accepted', depart: 'en_route', arrive: 'on_site', leave: 'done', cancel: 'cancelled' };

/** The state a step leads to, or null when the visit's state does not allow it. */
export function nextDispatchState(from: DispatchState, step: DispatchStep): DispatchState | null {
  return FROM[step].includes(from) ? TO[step] : null;
}

/** The steps possible from a state; cancelling only for those who dispatch. */
export function dispatchSteps(from: DispatchState, options: { mayCancel: boolean }): DispatchStep[] {
  return (Object.keys(FROM) as DispatchStep[]).filter((step) => FROM[step].includes(from) && (step !== 'cancel' || options.mayCancel));
}

/**
 * The times a step sets, filling in skipped ones with the same instant: arriving without having
 * departed departs now too, so the dispatch clock stops no later than the arrival.
 */
export function stepTimes(
  step: DispatchStep,
  current: { accepted_at: number | null; departed_at: number | null; arrived_at: number | null },
  now: number,
): Partial<Record<'accepted_at' | 'departed_at' | 'arrived_at' | 'left_at' | 'cancelled_at', number>> {
  switch (step) {
    case 'accept':
      return { accepted_at: now };
    case 'depart':
      return { accepted_at: current.accepted_at ?? now, departed_at: now };
    case 'arrive':
      return { accepted_at: current.accepted_at ?? now, departed_at: current.departed_at ?? now, arrived_at: now };
    case 'leave':
      return { left_at: now };
    case 'cancel':
      return { cancelled_at: now };
  }
}
