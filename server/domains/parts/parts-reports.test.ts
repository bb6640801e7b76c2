import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.js';
import { faultOnSite } from '../../test/field.js';
import { useHarness, type Harness, type SignedInUser } from '../../test/harness.js';
import { createPart, createStore, receive, stocked } from '../../test/parts.js';

const DAY = 86_400_000;

async function sheetOf(h: Harness, who: SignedInUser, url: string, lang: 'en' | 'zh-CN' = 'en') {
  const res = await h.request({ method: 'GET', url, cookie: who.cookie, lang });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return { name: sheet.name, headers: rows[0] as string[], rows: rows.slice(1), disposition: String(res.headers['content-disposition']) };
}

/** Uses `qty` of a part on a fault of its own (reserve, issue, arrive, use), as a visit does. */
async function useOnNewFault(h: Harness, keeper: SignedInUser, partId: number, storeId: number, qty: number, f?: Awaited<ReturnType<typeof faultOnSite>>) {
  const fault = f ?? (await faultOnSite(h));
  const at = { partId, storeId, qty };
  for (const [url, payload] of [
    [`/api/dispatches/${fault.visit.id}/parts`, at],
    [`/api/dispatches/${fault.visit.id}/parts/movements`, { kind: 'issue', ...at }],
    [`/api/dispatches/${fault.visit.id}/parts/movements`, { kind: 'use', ...at }],
  ] as const) {
    const res = await h.request({ method: 'POST', url, cookie: keeper.cookie, payload });
    expect(res.statusCode, res.body).toBeLessThan(300);
  }
  return fault;
}

/** Spare-parts reports and .xlsx exports (issue 7 item 7), staff only, on both engines. */
describeEachEngine('spare-parts reports', (db) => {
  const h = useHarness(db);

  it('exports a store’s stock levels as .xlsx with headers in the request’s language', async () => {
    const s = await stocked(h(), 5);
    const other = await createPart(h(), s.keeper, { description: '32GB 内存' });
    await receive(h(), s.keeper, s.store.id, other.id, 2);
    await h().request({ method: 'PUT', url: `/api/stores/${s.store.id}/minimums/${other.id}`, cookie: s.keeper.cookie, payload: { minQty: 3 } });

    const zh = await sheetOf(h(), s.keeper, `/api/stock/export.xlsx?storeId=${s.store.id}`, 'zh-CN');
    expect(zh.name).toBe('库存');
    expect(zh.headers.slice(0, 4)).toEqual(['备件库', '类型', '备件号', '描述']);
    expect(zh.disposition).toContain('stock-levels-');
    const en = await sheetOf(h(), s.keeper, `/api/stock/export.xlsx?storeId=${s.store.id}`);
    expect(en.headers).toEqual(['Store', 'Kind', 'Part number', 'Description', 'Unit', 'On hand', 'Reserved', 'Available', 'Faulty', 'Minimum', 'Below minimum']);
    expect(en.rows).toEqual([
      [s.store.name, 'Central', s.part.partNumber, '1.2TB SAS 硬盘', '块', 5, 0, 5, 0, 0, ''],
      [s.store.name, 'Central', other.partNumber, '32GB 内存', '块', 2, 0, 2, 0, 3, 'Yes'],
    ]);
    const below = await sheetOf(h(), s.keeper, `/api/stock/export.xlsx?storeId=${s.store.id}&belowMinimum=true`);
    expect(below.rows.map((r) => r[2])).toEqual([other.partNumber]);
  });

  it('exports the ledger of a period, at most a year, oldest first', async () => {
    const s = await stocked(h(), 3);
    const site = await createStore(h(), s.keeper);
    const firstDay = new Date(h().clock.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    h().clock.advance(2 * DAY);
    const keeper = { ...s.keeper, cookie: await h().signIn(s.keeper.user.username, s.keeper.password) };
    await h().request({ method: 'POST', url: '/api/stock/transfers', cookie: keeper.cookie, payload: { fromStoreId: s.store.id, toStoreId: site.id, partId: s.part.id, qty: 2, reason: '补充现场' } });
    const laterDay = new Date(h().clock.now() + 8 * 3_600_000).toISOString().slice(0, 10);

    const all = await sheetOf(h(), keeper, `/api/stock/movements/export.xlsx?from=${firstDay}&to=${laterDay}&partId=${s.part.id}`);
    expect(all.rows.map((r) => [r[1], r[4], r[6], r[7]])).toEqual([
      ['Received', s.store.name, 3, 3],
      ['Transferred out', s.store.name, 2, -2],
      ['Transferred in', site.name, 2, 2],
    ]);
    expect(all.rows[1]![11]).toBe('补充现场');
    expect(all.disposition).toContain(`stock-movements-${firstDay}_${laterDay}`);
    const later = await sheetOf(h(), keeper, `/api/stock/movements/export.xlsx?from=${laterDay}&to=${laterDay}&partId=${s.part.id}`, 'zh-CN');
    expect(later.headers[1]).toBe('操作');
    expect(later.rows.map((r) => r[1])).toEqual(['调出', '调入']);
    const oneStore = await sheetOf(h(), keeper, `/api/stock/movements/export.xlsx?from=${firstDay}&to=${laterDay}&storeId=${site.id}`);
    expect(oneStore.rows).toHaveLength(1);

    const code = async (query: string, who = keeper) => {
      const res = await h().request({ method: 'GET', url: `/api/stock/movements/export.xlsx?${query}`, cookie: who.cookie });
      return [res.statusCode, res.json().error.code];
    };
    expect(await code('from=2025-01-01&to=2026-01-02')).toEqual([400, 'period_too_long']);
    expect(await code('from=2026-02-01&to=2026-01-01')).toEqual([400, 'invalid_period']);
    expect(await code('from=2026-02-30')).toEqual([400, 'invalid_date']);
    expect(await code('kind=teleport')).toEqual([400, 'validation_failed']);
    const contact = (await h().customerWithContact()).contact;
    expect(await code('', contact)).toEqual([403, 'forbidden']);
    expect((await h().request({ method: 'GET', url: '/api/stock/export.xlsx', cookie: contact.cookie })).statusCode).toBe(403);
  });

  it('reports the parts used per customer: quantity and on how many tickets, as JSON and .xlsx', async () => {
    const s = await stocked(h(), 10);
    const memory = await createPart(h(), s.keeper, { description: '32GB 内存' });
    await receive(h(), s.keeper, s.store.id, memory.id, 4);
    const a1 = await useOnNewFault(h(), s.keeper, s.part.id, s.store.id, 2);
    await useOnNewFault(h(), s.keeper, s.part.id, s.store.id, 1, a1);
    // Another fault of the same customer: a second ticket.
    const a2 = await faultOnSite(h());
    const sameCustomer = await h().request({ method: 'POST', url: '/api/tickets', cookie: a1.agent.cookie, payload: { kind: 'fault', grade: 'general', title: '又一块盘故障', customerId: a1.customer.id, assetId: a1.asset.id } });
    expect(sameCustomer.statusCode).toBe(201);
    const visit2 = (await h().request({ method: 'POST', url: `/api/tickets/${sameCustomer.json().id}/dispatches`, cookie: a2.dispatcher.cookie, payload: { engineerIds: [a2.engineer.user.id], plannedAt: h().clock.now() + 3_600_000 } })).json();
    await h().request({ method: 'POST', url: `/api/dispatches/${visit2.id}/steps`, cookie: a2.engineer.cookie, payload: { step: 'arrive' } });
    await useOnNewFault(h(), s.keeper, s.part.id, s.store.id, 1, { ...a2, visit: visit2 });
    const b = await useOnNewFault(h(), s.keeper, memory.id, s.store.id, 2);

    const today = new Date(h().clock.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const res = await h().request({ method: 'GET', url: `/api/reports/parts-used?from=${today}&to=${today}`, cookie: s.keeper.cookie });
    expect(res.statusCode, res.body).toBe(200);
    const mine = (res.json().items as { customerId: number }[]).filter((i) => [a1.customer.id, b.customer.id].includes(i.customerId));
    expect(mine).toEqual(
      expect.arrayContaining([
        { customerId: a1.customer.id, customerCode: expect.any(String), customerName: a1.customer.name, partId: s.part.id, partNumber: s.part.partNumber, description: '1.2TB SAS 硬盘', unit: '块', qty: 4, tickets: 2 },
        { customerId: b.customer.id, customerCode: expect.any(String), customerName: b.customer.name, partId: memory.id, partNumber: memory.partNumber, description: '32GB 内存', unit: '块', qty: 2, tickets: 1 },
      ]),
    );
    expect(mine).toHaveLength(2);
    const one = (await h().request({ method: 'GET', url: `/api/reports/parts-used?from=${today}&to=${today}&customerId=${b.customer.id}`, cookie: s.keeper.cookie })).json();
    expect(one).toEqual({ from: today, to: today, items: [expect.objectContaining({ customerId: b.customer.id, qty: 2 })] });
    const yesterday = new Date(h().clock.now() - 16 * 3_600_000).toISOString().slice(0, 10);
    expect((await h().request({ method: 'GET', url: `/api/reports/parts-used?from=${yesterday}&to=${yesterday}&customerId=${b.customer.id}`, cookie: s.keeper.cookie })).json().items).toEqual([]);

    const sheet = await sheetOf(h(), s.keeper, `/api/reports/parts-used.xlsx?from=${today}&to=${today}&customerId=${a1.customer.id}`, 'zh-CN');
    expect(sheet.headers).toEqual(['客户编号', '客户', '备件号', '描述', '用量', '单位', '工单数']);
    expect(sheet.rows).toEqual([[expect.any(String), a1.customer.name, s.part.partNumber, '1.2TB SAS 硬盘', 4, '块', 2]]);
    expect((await h().request({ method: 'GET', url: '/api/reports/parts-used', cookie: a1.contact.cookie })).statusCode).toBe(403);
  });
});
