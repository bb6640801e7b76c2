import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../server/test/engines.js';
import { Harness } from '../server/test/harness.js';
import { levelsMatchLedger } from '../server/test/parts.js';

const run = promisify(execFile);
const bin = path.resolve(import.meta.dirname, '../bin/weibao.js');

// Loading the demo (two thousand tickets with their field service) takes a while, the more so on
// PostgreSQL on a busy machine.
function weibao(args: string[], env: Record<string, string>, timeout = 120_000) {
  return run(process.execPath, [bin, ...args], { env: { ...process.env, ...env, LOG_LEVEL: 'silent', WEIBAO_FROM_SOURCE: '1' }, timeout });
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
      const loaded = (await weibao(['demo'], env, 240_000)).stdout;
      expect(loaded).toMatch(/Demo data loaded: 4 customers/);
      const field = /Field service: (\d+) remote sessions, (\d+) visits \((\d+) signed service forms\), (\d+) resolutions, (\d+) escalations to (\d+) vendors, (\d+) fault analysis reports \((\d+) delivered\)/.exec(loaded);
      expect(field?.slice(1).map(Number)).toEqual(Array.from({ length: 8 }, () => expect.any(Number)));
      expect(field!.slice(1).every((n) => Number(n) > 0)).toBe(true);
      expect((await weibao(['demo'], env)).stdout).toMatch(/already loaded/);

      // The demo's field service went through the real services: vendors on file, an engineer's
      // finished visits with signed service forms, the fault's resolution and its delivered report.
      const engineer = await h.signIn('zhangwei', 'Weibao2026demo');
      const manager = await h.signIn('liuyang', 'Weibao2026demo');
      const vendors = (await h.request({ method: 'GET', url: '/api/vendors', cookie: manager })).json().items as { name: string; supportPhone: string; contacts: unknown[] }[];
      expect(vendors.map((v) => v.name)).toEqual(expect.arrayContaining(['华为 Huawei', '新华三 H3C', '戴尔 Dell', '联想 Lenovo', '浪潮 Inspur', '思科 Cisco']));
      expect(vendors.every((v) => v.supportPhone && v.contacts.length > 0)).toBe(true);
      const visits = (await h.request({ method: 'GET', url: '/api/dispatches/mine?scope=done', cookie: engineer })).json().items as { ticketId: number; form: { state: string } | null }[];
      const signed = visits.filter((v) => v.form?.state === 'signed');
      expect(signed.length).toBeGreaterThan(10);
      const { ticketId } = signed.at(-1)!;
      expect((await h.request({ method: 'GET', url: `/api/tickets/${ticketId}/resolution`, cookie: engineer })).json()).toMatchObject({ restoredAt: expect.any(Number), rootCause: expect.stringMatching(/\S/) });
      expect((await h.request({ method: 'GET', url: `/api/tickets/${ticketId}/report`, cookie: engineer })).json()).toMatchObject({ state: 'delivered', prevention: expect.stringMatching(/\S/) });

      // The spare parts went through the stock services too: the storekeeper finds the central,
      // on-site and project stores, levels below their minimum, RMA cases with the vendors (one
      // overdue, others back), loaners standing in for customers' servers — and every level is
      // the sum of its ledger rows.
      expect(loaded).toMatch(/Spare parts: \d+ parts in the catalogue, 4 stores, .*RMA cases \(\d+ open, [1-9]\d* overdue\), \d+ loaners lent \([1-9]\d* open\)/);
      const keeper = await h.signIn('huangli', 'Weibao2026demo');
      const read = async (url: string) => {
        const res = await h.request({ method: 'GET', url, cookie: keeper });
        expect(res.statusCode, res.body).toBe(200);
        return res.json().items as Record<string, unknown>[];
      };
      expect((await read('/api/stores')).map((s) => s.kind).sort()).toEqual(['central', 'project', 'site', 'site']);
      expect((await read('/api/parts?limit=100')).length).toBeGreaterThanOrEqual(30);
      const below = await read('/api/stock?belowMinimum=true&limit=50');
      expect(below.length).toBeGreaterThan(0);
      expect(below.every((l) => l.belowMinimum === true && (l.available as number) < (l.minimum as number))).toBe(true);
      const open = await read('/api/rma?state=open&limit=50');
      expect(open.length).toBeGreaterThan(0);
      expect(open.some((r) => r.overdue === true)).toBe(true);
      expect(await read('/api/rma?overdue=true')).not.toHaveLength(0);
      expect(await read('/api/rma?state=received_replaced')).not.toHaveLength(0);
      const loans = await read('/api/loans?state=open');
      expect(loans.length).toBeGreaterThan(0);
      expect(loans.every((l) => l.replacesAssetId !== null && l.assetId !== null)).toBe(true);
      await levelsMatchLedger(h);
    } finally {
      await h.close();
    }
  }, 300_000);

  it('refuses a bad user name with a one-line error and exit status 1', async () => {
    await expect(weibao(['create-admin', '--username', 'no spaces'], testDb().env)).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/^weibao: the user name/) });
  });
});
