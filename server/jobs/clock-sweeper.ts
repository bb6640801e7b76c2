import type { FastifyBaseLogger } from 'fastify';
import type { Deps } from '../deps.js';
import { CLOCK_ALERT_TOPIC, sweepClocks } from '../domains/clocks/clock-sweep.service.js';
import { deliverClockAlerts } from '../domains/notifications/notification.service.js';
import { deliverOutbox, type OutboxHandler } from './outbox.js';

/** Who handles each outbox topic. */
export const OUTBOX_HANDLERS: Record<string, OutboxHandler> = {
  [CLOCK_ALERT_TOPIC]: deliverClockAlerts,
};

/**
 * One round: raise the clock warnings and breaches due now (R4) into the outbox, then deliver the
 * outbox. Every instance runs it; claims keep each alert to one of them (clock-sweep.service.ts).
 */
export async function runClockSweep(deps: Deps): Promise<{ clocks: number; alerts: number; delivered: number; failed: number }> {
  const swept = await sweepClocks(deps);
  const outbox = await deliverOutbox(deps, OUTBOX_HANDLERS);
  return { ...swept, ...outbox };
}

/** Sweeps every `intervalMs` (CLOCK_SWEEP_INTERVAL_MS; 0: never); a round still running is not overlapped. */
export function startClockSweeper(deps: Deps, log: FastifyBaseLogger, intervalMs = deps.config.clockSweepIntervalMs): () => void {
  if (intervalMs <= 0) return () => undefined;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const result = await runClockSweep(deps);
      if (result.alerts > 0 || result.failed > 0) log.info(result, 'clock sweep');
    } catch (err) {
      log.warn({ err }, 'clock sweep failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
