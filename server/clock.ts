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
