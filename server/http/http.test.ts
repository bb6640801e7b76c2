import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.js';
import { loadConfig } from '../config.js';
import { describeEachEngine } from '../test/engines.js';
import { useHarness } from '../test/harness.js';
import { registerAccess } from './access.js';
import { ERRORS } from './messages.js';

describeEachEngine('HTTP conventions', (db) => {
  const h = useHarness(db);

  it('publishes an OpenAPI document generated from the route schemas, and a reference page', async () => {
    const res = await h().request({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of ['/api/auth/sign-in', '/api/me', '/api/users', '/api/users/{id}', '/api/teams', '/api/tokens', '/api/audit', '/api/customers']) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
    expect(doc.paths['/api/users'].post.requestBody.content['application/json'].schema.required).toEqual(expect.arrayContaining(['username', 'roles']));
    expect(doc.components.schemas).toHaveProperty('User');
    const page = await h().request({ method: 'GET', url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
  });

  it('answers liveness, readiness with the engine, and Prometheus metrics', async () => {
    expect((await h().request({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await h().request({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready', engine: h().database.engine });
    await h().request({ method: 'GET', url: '/api/me' });
    const metrics = await h().request({ method: 'GET', url: '/metrics' });
    expect(metrics.headers['content-type']).toMatch(/text\/plain/);
    expect(metrics.body).toMatch(/weibao_http_requests_total\{method="GET",route="\/api\/me",status="401"\} \d+/);
  });

  it('answers an unknown API route with the error shape, and a non-API path with the console page', async () => {
    const res = await h().request({ method: 'GET', url: '/api/nothing-here', lang: 'zh-CN' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'route_not_found', message: '没有这个接口。', details: null } });
    // This harness has no built console; the answer says so instead of a blank page.
    const page = await h().request({ method: 'GET', url: '/admin/users' });
    expect(page.statusCode).toBe(503);
    expect(page.body).toMatch(/npm run build/);
  });

  it('picks the message language from ?lang, then Accept-Language, defaulting to Chinese', async () => {
    const none = await h().app.inject({ method: 'GET', url: '/api/me' });
    expect(none.json().error.message).toBe('请先登录。');
    const en = await h().app.inject({ method: 'GET', url: '/api/me', headers: { 'accept-language': 'de-DE,en-US;q=0.8,zh;q=0.5' } });
    expect(en.json().error.message).toBe('Please sign in.');
    const forced = await h().app.inject({ method: 'GET', url: '/api/me?lang=zh-CN', headers: { 'accept-language': 'en' } });
    expect(forced.json().error.message).toBe('请先登录。');
  });
});

describe('access rules', () => {
  it('refuses to start when an API route declares no access rule', async () => {
    const app = Fastify();
    const config = loadConfig({ LOG_LEVEL: 'silent' });
    registerAccess(app, { db: null as never, engine: 'sqlite', clock: new ManualClock(), config });
    expect(() => app.get('/api/forgotten', async () => 'open')).toThrow(/declares no access rule/);
    await app.close();
  });

  it('has a message in both languages for every error code', () => {
    for (const [code, entry] of Object.entries(ERRORS)) {
      expect(entry.en, code).toBeTruthy();
      expect(entry['zh-CN'], code).toMatch(/[\u4e00-\u9fff]/);
      expect(entry.status, code).toBeGreaterThanOrEqual(400);
    }
  });
});
