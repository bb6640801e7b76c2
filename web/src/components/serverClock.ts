import { useSyncExternalStore } from 'react';

/**
 * Countdowns run on the server's time, not the browser's: a PC clock that is minutes off would
 * otherwise show a deadline as met or breached when it is not. Responses that carry the server's
 * `now` (a ticket's clocks) set the offset; until one arrives the browser's time stands in.
 */
let offsetMs = 0;

/** Records the server's time as read in a response that just arrived. */
export function noteServerNow(serverNow: number): void {
  offsetMs = serverNow - Date.now();
}

/** The server's time now, as best the browser knows it. */
export function serverNow(): number {
  return Date.now() + offsetMs;
}

// One timer for every countdown on the page, ticking once a second while anyone listens.
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(onTick: () => void): () => void {
  listeners.add(onTick);
  timer ??= setInterval(() => listeners.forEach((l) => l()), 1000);
  return () => {
    listeners.delete(onTick);
    if (listeners.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

// The snapshot changes once a second, so React re-renders the listeners once a second.
const currentSecond = () => Math.floor(Date.now() / 1000);

/** The server's time, re-rendering the caller every second (live countdowns). */
export function useServerNow(): number {
  useSyncExternalStore(subscribe, currentSecond, currentSecond);
  return serverNow();
}
