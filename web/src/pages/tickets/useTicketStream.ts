import { useEffect, useRef, useState } from 'react';
import { TICKET_STREAM_URL } from '../../api/client';
import type { TicketStreamEvent } from '../../api/types';

/** How often lists are refreshed while the live stream is unavailable. */
export const FALLBACK_POLL_MS = 15_000;
/** How long to wait before trying the stream again after it failed. */
const RETRY_STREAM_MS = 60_000;

/**
 * Listens to `GET /api/tickets/stream` (server-sent `ticket` events). Returns whether the stream is
 * down, in which case the caller polls instead; the stream is tried again after a minute.
 */
export function useTicketStream(onEvent: (e: TicketStreamEvent) => void, enabled = true): { live: boolean } {
  const [live, setLive] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const onEventRef = useRef(onEvent);
  useEffect(() => {
    onEventRef.current = onEvent;
  }, [onEvent]);

  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const source = new EventSource(TICKET_STREAM_URL, { withCredentials: true });
    let retry: ReturnType<typeof setTimeout> | undefined;
    source.onopen = () => setLive(true);
    source.addEventListener('ticket', (ev) => {
      try {
        const data = JSON.parse((ev as MessageEvent<string>).data) as TicketStreamEvent;
        onEventRef.current(data);
      } catch {
        // a malformed event: ignore it
      }
    });
    source.onerror = () => {
      // The browser would reconnect by itself, but a refused stream (404, 401, a proxy that
      // buffers) may never deliver: poll instead and try the stream again later.
      source.close();
      setLive(false);
      retry = setTimeout(() => setAttempt((n) => n + 1), RETRY_STREAM_MS);
    };
    return () => {
      source.close();
      if (retry) clearTimeout(retry);
    };
  }, [enabled, attempt]);

  return { live: enabled && live };
}
