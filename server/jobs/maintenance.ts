import type { FastifyBaseLogger } from 'fastify';
import type { Deps } from '../deps.js';
import { pruneAuthState } from '../domains/auth/auth.service.js';
import { pruneOutbox } from './outbox.js';

/** Runs housekeeping every `intervalMs`; idempotent, so every instance may run it. */
export function startMaintenance(deps: Deps, log: FastifyBaseLogger, intervalMs = 3_600_000): () => void {
  const run = () => Promise.all([pruneAuthState(deps), pruneOutbox(deps)]).catch((err: unknown) => log.warn({ err }, 'maintenance failed'));
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
