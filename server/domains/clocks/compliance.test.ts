import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { refreshFromTimeline } from '../../test/clocks.js';
import { describeEachEngine } from '../../test/engines.js';
import { useHarness, type SignedInUser } from '../../test/harness.js';

const MIN = 60_000;
const START = Date.parse('2026-08-03T10:00:00+08:00');

describeEachEngine('clock compliance', (db) => {
  const h = useHarness(db);

  async function open(user: SignedInUser, payload: Record<string, unknown>) {
    const res = await h().request({ method: 'POST', url: '/api/tickets', cookie: user.cookie, payload: { title: '服务器宕机', ...payload } });
    await refreshFromTimeline(h().database, h().deps, res.json().id);
    return res.json() as { id: number; number: string };
  }

  async function reply(user: SignedInUser, id: number, at: number) {
    h().clock.set(at);
    await h().request({ method: 'POST', url: `/api/tickets/${id}/replies`, cookie: user.cookie, payload: { body: '已收到' } });
    await refreshFromTimeline(h().database, h().deps, id);
  }

  it('reports the share of clocks met per clock, grade, customer and month, with the breaches listed and exported', async () => {
    h().clock.set(START);
    const eng = await h().user(['engineer']);
    const a = await h().customerFile();
    const b = await h().customerFile();
    const met = await open(eng, { kind: 'fault', grade: 'general', customerId: a.customer.id });
    const unanswered = await open(eng, { kind: 'fault', grade: 'major', customerId: a.customer.id });
    const late = await open(eng, { kind: 'fault', grade: 'general', assetId: b.asset.id });
    const question = await open(eng, { kind: 'consultation', customerId: b.customer.id });
    await reply(eng, met.id, START + 10 * MIN);
    await reply(eng, question.id, START + 5 * MIN);
    await reply(eng, late.id, START + 40 * MIN);
    h().clock.set(START + 2 * 60 * MIN);
    const cookie = eng.cookie;
    const get = async (query: string) => (await h().request({ method: 'GET', url: `/api/clock-compliance?${query}`, cookie })).json();

    const byClock = await get('from=2026-08-01&to=2026-08-31&clockKind=response');
    expect(byClock.overall).toEqual({ met: 2, breached: 2, open: 0, total: 4, compliance: 0.5 });
    expect(byClock.groups).toEqual([{ key: 'response', label: 'First response', met: 2, breached: 2, open: 0, total: 4, compliance: 0.5 }]);

    const byGrade = await get('from=2026-08-01&to=2026-08-31&clockKind=response&groupBy=grade');
    expect(byGrade.groups.map((g: { key: string; met: number; breached: number }) => [g.key, g.met, g.breached])).toEqual([
      ['general', 2, 1],
      ['major', 0, 1],
    ]);
    const byCustomer = await get('from=2026-08-01&to=2026-08-31&clockKind=response&groupBy=customer');
    expect(byCustomer.groups.map((g: { key: number; label: string; compliance: number }) => [g.key, g.label, g.compliance]).sort()).toEqual(
      [
        [a.customer.id, a.customer.name, 0.5],
        [b.customer.id, b.customer.name, 0.5],
      ].sort(),
    );
    const byContract = await get('from=2026-08-01&to=2026-08-31&clockKind=response&groupBy=contract');
    expect(byContract.groups.find((g: { key: number | null }) => g.key === b.contract.id)).toMatchObject({ met: 0, breached: 1 });
    expect(byContract.groups.find((g: { key: number | null }) => g.key === null)).toMatchObject({ met: 2, breached: 1 });
    // Every clock, not only the response: restores are still running in time after two hours.
    const restore = (await get('from=2026-08-01&to=2026-08-31&groupBy=clock')).groups.find((g: { key: string }) => g.key === 'restore');
    expect(restore).toMatchObject({ met: 0, breached: 0, open: 3, compliance: null });
    const months = await get('from=2026-07-01&to=2026-08-31&clockKind=response&groupBy=month');
    expect(months.groups.map((g: { label: string; total: number }) => [g.label, g.total])).toEqual([
      ['2026-07', 0],
      ['2026-08', 4],
    ]);
    expect((await get('from=2026-09-01&to=2026-09-30')).overall.total).toBe(0);

    const breaches = (await h().request({ method: 'GET', url: '/api/clock-compliance/breaches?from=2026-08-01&to=2026-08-31&clockKind=response', cookie })).json();
    expect(breaches.items.map((x: { ticketId: number }) => x.ticketId).sort()).toEqual([unanswered.id, late.id].sort());
    expect(breaches.items.find((x: { ticketId: number }) => x.ticketId === late.id)).toMatchObject({
      ticketNumber: late.number,
      customerName: b.customer.name,
      contractNumber: b.contract.number,
      stoppedAt: START + 40 * MIN,
      overdueMs: 10 * MIN,
    });
    const first = (await h().request({ method: 'GET', url: '/api/clock-compliance/breaches?from=2026-08-01&to=2026-08-31&limit=1', cookie })).json();
    const second = (await h().request({ method: 'GET', url: `/api/clock-compliance/breaches?from=2026-08-01&to=2026-08-31&limit=1&cursor=${first.nextCursor}`, cookie })).json();
    expect(second.items[0]).not.toEqual(first.items[0]);

    const file = await h().request({ method: 'GET', url: '/api/clock-compliance/export?from=2026-08-01&to=2026-08-31', cookie });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['By clock', 'By grade', 'By customer', 'By contract', 'By team', 'By month', 'Breaches']);
    const sheet = book.getWorksheet('Breaches')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('工单号 Ticket');
    const allBreaches = (await h().request({ method: 'GET', url: '/api/clock-compliance/breaches?from=2026-08-01&to=2026-08-31&limit=200', cookie })).json().items;
    expect(sheet.rowCount).toBe(1 + allBreaches.length);
  });

  it('is for staff only and refuses a period that ends before it starts or is too long', async () => {
    const eng = await h().user(['engineer']);
    const { contact } = await h().customerWithContact();
    expect((await h().request({ method: 'GET', url: '/api/clock-compliance', cookie: contact.cookie })).statusCode).toBe(403);
    const backwards = await h().request({ method: 'GET', url: '/api/clock-compliance?from=2026-08-31&to=2026-08-01', cookie: eng.cookie });
    expect(backwards.json().error.code).toBe('invalid_period');
    const long = await h().request({ method: 'GET', url: '/api/clock-compliance?from=2020-01-01&to=2026-08-01', cookie: eng.cookie });
    expect(long.json().error.code).toBe('period_too_long');
    const bad = await h().request({ method: 'GET', url: '/api/clock-compliance?from=2026-02-30', cookie: eng.cookie });
    expect(bad.json().error.code).toBe('invalid_date');
  });
});
