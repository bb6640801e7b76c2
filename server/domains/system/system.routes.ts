import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import type { Deps } from '../../deps.js';
import { pingDatabase } from '../../db/database.js';
import { AppError } from '../../http/errors.js';

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
