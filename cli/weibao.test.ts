import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../server/test/engines.js';
import { Harness } from '../server/test/harness.js';

const run = promisify(execFile);
const bin = path.resolve(import.meta.dirname, '../bin/weibao.js');

function weibao(args: string[], env: Record<string, string>) {
  return run(process.execPath, [bin, ...args], { env: { ...process.env, ...env, LOG_LEVEL: 'silent', WEIBAO_FROM_SOURCE: '1' }, timeout: 120_000 });
}

describeEachEngine('weibao command', (_db, _engine, testDb) => {
  it('prints its commands with --help', async () => {
    const { stdout } = await weibao(['--help'], testDb().env);
    for (const command of ['migrate', 'create-admin', 'demo']) expect(stdout).toContain(command);
  });

  it('migrates idempotently, creates an administrator whose printed password signs in, and loads the demo', async () => {
    const env = testDb().env;
    expect((await weibao(['migrate'], env)).stdout).toMatch(/Already up to date/);
    const { stdout } = await weibao(['create-admin', '--username', 'chief'], env);
    const password = /one-time password: (\S+)/.exec(stdout)?.[1];
    expect(password).toBeTruthy();

    const h = new Harness(testDb().database);
    await h.start();
    try {
      const cookie = await h.signIn('chief', password!);
      expect((await h.request({ method: 'GET', url: '/api/me', cookie })).json()).toMatchObject({ roles: ['admin'], mustChangePassword: true });
      expect((await weibao(['demo'], env)).stdout).toMatch(/Demo data loaded: 4 customers/);
      expect((await weibao(['demo'], env)).stdout).toMatch(/already loaded/);
      await h.signIn('zhangwei', 'Weibao2026demo');
    } finally {
      await h.close();
    }
  }, 180_000);

  it('refuses a bad user name with a one-line error and exit status 1', async () => {
    await expect(weibao(['create-admin', '--username', 'no spaces'], testDb().env)).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/^weibao: the user name/) });
  });
});
