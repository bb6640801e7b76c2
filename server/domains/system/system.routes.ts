import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import type { Deps } from '../../deps.js';
import { pingDatabase } from '../../db/database.js';
import { Type, type Static } from '@sinclair/typebox';
import { ManualClock, OffsetClock } from '../../clock.js';
import { allow } from '../../http/access.js';
import { hasRole } from '../../http/actor.js';
import { AppError } from '../../http/errors.js';
import { runClockSweep } from '../../jobs/clock-sweeper.js';

/** Liveness, readiness (the database answers) and Prometheus metrics, for load balancers and monitoring. */
export function systemRoutes(app: FastifyInstance, deps: Deps, registry: Registry, version: string): void {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { hide: true } }, async () => {
    try {
      await pingDatabase(deps.db);
    } catch {
      throw new AppError('not_ready');
    }
    return { status: 'ready', engine: deps.engine, version };
  });

  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    reply.type(registry.contentType);
    return registry.metrics();
  });
}

const AdvanceBody = Type.Object({ advanceMs: Type.Integer({ minimum: 0, maximum: 31 * 86_400_000 }) }, { additionalProperties: false });

/**
 * Tests only (WEIBAO_TEST_CLOCK=1): moves the server's time forward and sweeps the service clocks
 * at once, so a journey can watch a deadline pass without sleeping. Administrators and managers.
 */
export function testClockRoutes(app: FastifyInstance, deps: Deps): void {
  const clock = deps.clock;
  if (!deps.config.testClock || !(clock instanceof OffsetClock || clock instanceof ManualClock)) return;
  app.post(
    '/api/test/clock',
    {
      config: { access: allow((actor) => hasRole(actor, 'admin', 'manager')) },
      schema: { hide: true, body: AdvanceBody, response: { 200: Type.Object({ now: Type.Integer() }) } },
    },
    async (request) => {
      clock.advance((request.body as Static<typeof AdvanceBody>).advanceMs);
      await runClockSweep(deps);
      return { now: clock.now() };
    },
  );
}
