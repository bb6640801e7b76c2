import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../test/engines.js';
import { registerErrorHandler } from './error-handler.js';

/**
 * Database constraint errors that get past a service's own checks answer 409 `conflict` in the
 * error shape, on both engines: a unique, a foreign-key or a CHECK violation (PostgreSQL 23505,
 * 23503, 23514; SQLite's SQLITE_CONSTRAINT_*).
 */
describeEachEngine('error handler: constraint violations', (db) => {
  let app: FastifyInstance;

  beforeAll(async () => {
    const kysely = db().db;
    await sql`create table handler_probe (n integer not null unique check (n > 0))`.execute(kysely);
    app = Fastify({ logger: false });
    app.decorateRequest('locale', 'en');
    registerErrorHandler(app, 1024);
    app.post('/insert/:n', async (request) => {
      const n = Number((request.params as { n: string }).n);
      await sql`insert into handler_probe (n) values (${n})`.execute(kysely);
      return { ok: true };
    });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('answers a CHECK violation and a unique violation with 409 conflict', async () => {
    expect((await app.inject({ method: 'POST', url: '/insert/1' })).statusCode).toBe(200);
    for (const url of ['/insert/0', '/insert/1']) {
      const res = await app.inject({ method: 'POST', url });
      expect(res.statusCode, url).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'conflict', message: 'The change conflicts with existing data.' });
    }
  });
});
