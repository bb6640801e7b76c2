/**
 * The one source of "now" on the server. Services take a Clock instead of calling Date.now(),
 * so tests (and the service clocks of R4) can move time without sleeping.
 */
export interface Clock {
  /** Current time as UTC epoch milliseconds. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that stands still until a test moves it. */
export class ManualClock implements Clock {
  constructor(private current = Date.UTC(2026, 10, 24, 2, 0, 0)) {}

  now(): number {
    return this.current;
  }

  set(epochMs: number): void {
    this.current = epochMs;
  }

  advance(ms: number): void {
    this.current += ms;
  }
}

/**
 * The system clock plus an offset that only grows: what `WEIBAO_TEST_CLOCK=1` runs on, so the
 * end-to-end journeys can make a service clock breach without waiting (see POST /api/test/clock).
 */
export class OffsetClock implements Clock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
