import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.js';
import { unique, useHarness, type Harness, type SignedInUser } from '../../test/harness.js';
import { createVendor, faultyStock, level, levelsMatchLedger, stocked } from '../../test/parts.js';

const DAY = 86_400_000;

function send(h: Harness, who: SignedInUser, payload: Record<string, unknown>) {
  return h.request({ method: 'POST', url: '/api/rma', cookie: who.cookie, payload });
}

function receive(h: Harness, who: SignedInUser, id: number, payload: Record<string, unknown>) {
  return h.request({ method: 'POST', url: `/api/rma/${id}/receive`, cookie: who.cookie, payload });
}

async function units(h: Harness, who: SignedInUser, partId: number) {
  const items = (await h.request({ method: 'GET', url: `/api/stock/units?partId=${partId}`, cookie: who.cookie })).json().items as { serial: string; state: string; storeId: number | null }[];
  return Object.fromEntries(items.map((u) => [u.serial, u.state]));
}

/** RMA (issue 7 item 5; R6, R8): faulty stock and devices sent to the vendor and taken back, on both engines. */
describeEachEngine('rma', (db) => {
  const h = useHarness(db);

  it('sends a store’s faulty unit to the vendor and takes the repaired unit back into stock, the levels equal to the ledger', async () => {
    const s = await stocked(h(), 2, { serialTracked: true });
    const vendor = await createVendor(h());
    const failed = unique('BAD').toUpperCase();
    const f = await faultyStock(h(), s.keeper, s.store.id, s.part.id, 1, [failed]);
    expect(await level(h(), s.keeper, s.store.id, s.part.id)).toMatchObject({ onHand: 2, faulty: 1 });

    const expected = new Date(h().clock.now() + DAY).toISOString().slice(0, 10);
    const res = await send(h(), s.keeper, { vendorId: vendor.id, partId: s.part.id, storeId: s.store.id, vendorCaseNumber: 'HW-CASE-778', expectedReturn: expected, notes: '7号盘介质错误' });
    expect(res.statusCode, res.body).toBe(201);
    const rma = res.json();
    expect(rma).toMatchObject({
      number: expect.stringMatching(/^RMA-\d{8}-\d{4}$/),
      state: 'sent',
      subject: 'part',
      serial: failed,
      qty: 1,
      vendorName: vendor.name,
      vendorCaseNumber: 'HW-CASE-778',
      // The failed unit's case follows the fault it was taken out on.
      ticketId: f.ticket.id,
      ticketNumber: f.ticket.number,
      overdue: false,
      storeName: s.store.name,
    });
    expect(await level(h(), s.keeper, s.store.id, s.part.id)).toMatchObject({ onHand: 2, faulty: 0 });
    expect((await units(h(), s.keeper, s.part.id))[failed]).toBe('at_vendor');
    const open = (await h().request({ method: 'GET', url: `/api/rma?state=open&vendorId=${vendor.id}`, cookie: s.keeper.cookie })).json();
    expect(open.items.map((r: { id: number }) => r.id)).toEqual([rma.id]);
    const ledger = (await h().request({ method: 'GET', url: `/api/stock/movements?partId=${s.part.id}&limit=1`, cookie: s.keeper.cookie })).json().items[0];
    expect(ledger).toMatchObject({ kind: 'rma_send', serial: failed, faultyDelta: -1, rmaId: rma.id, reason: rma.number });

    // Past the promised day the case is overdue (a new sign-in: the session would have lapsed).
    h().clock.advance(3 * DAY);
    const keeper = { ...s.keeper, cookie: await h().signIn(s.keeper.user.username, s.keeper.password) };
    expect((await h().request({ method: 'GET', url: `/api/rma/${rma.id}`, cookie: keeper.cookie })).json().overdue).toBe(true);
    expect((await h().request({ method: 'GET', url: `/api/rma?overdue=true&vendorId=${vendor.id}`, cookie: keeper.cookie })).json().items).toHaveLength(1);
    s.keeper = keeper;

    const back = await receive(h(), s.keeper, rma.id, { outcome: 'repaired', storeId: s.store.id });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ state: 'received_repaired', receivedSerial: failed, receivedStoreId: s.store.id, overdue: false });
    expect(await level(h(), s.keeper, s.store.id, s.part.id)).toMatchObject({ onHand: 3, faulty: 0, available: 3 });
    expect((await units(h(), s.keeper, s.part.id))[failed]).toBe('in_stock');
    const again = await receive(h(), s.keeper, rma.id, { outcome: 'repaired' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('rma_not_open');
    expect((await h().request({ method: 'GET', url: `/api/rma?state=open&vendorId=${vendor.id}`, cookie: s.keeper.cookie })).json().items).toEqual([]);
    await levelsMatchLedger(h());
  });

  it('takes a replacement back under its new serial into another store; the unit sent stays with the vendor', async () => {
    const s = await stocked(h(), 0, { serialTracked: true });
    const vendor = await createVendor(h());
    const failed = unique('BAD').toUpperCase();
    await faultyStock(h(), s.keeper, s.store.id, s.part.id, 1, [failed]);
    // No serial named: the store's oldest faulty unit goes.
    const rma = (await send(h(), s.keeper, { vendorId: vendor.id, partId: s.part.id, storeId: s.store.id })).json();
    expect(rma.serial).toBe(failed);

    const site = (await h().request({ method: 'POST', url: '/api/stores', cookie: s.keeper.cookie, payload: { name: unique('库 '), kind: 'central' } })).json();
    const noSerial = await receive(h(), s.keeper, rma.id, { outcome: 'replaced', storeId: site.id });
    expect(noSerial.statusCode).toBe(400);
    expect(noSerial.json().error.code).toBe('rma_invalid');
    expect((await receive(h(), s.keeper, rma.id, { outcome: 'replaced', serial: failed })).json().error.code).toBe('rma_invalid');
    expect((await receive(h(), s.keeper, rma.id, { outcome: 'repaired', serial: 'OTHER-1' })).json().error.code).toBe('rma_invalid');

    const fresh = unique('NEW').toUpperCase();
    const res = await receive(h(), s.keeper, rma.id, { outcome: 'replaced', serial: fresh, storeId: site.id });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ state: 'received_replaced', serial: failed, receivedSerial: fresh, receivedStoreName: site.name });
    expect(await units(h(), s.keeper, s.part.id)).toEqual({ [failed]: 'scrapped', [fresh]: 'in_stock' });
    expect(await level(h(), s.keeper, site.id, s.part.id)).toMatchObject({ onHand: 1, faulty: 0 });
    expect(await level(h(), s.keeper, s.store.id, s.part.id)).toMatchObject({ onHand: 0, faulty: 0 });
    await levelsMatchLedger(h());
  });

  it('sends bulk faulty stock by quantity; a cancelled case gives it back as faulty, a closed one does not', async () => {
    const s = await stocked(h(), 0);
    const vendor = await createVendor(h());
    await faultyStock(h(), s.keeper, s.store.id, s.part.id, 3);
    const at = { vendorId: vendor.id, partId: s.part.id, storeId: s.store.id };

    const tooMany = await send(h(), s.keeper, { ...at, qty: 4 });
    expect(tooMany.statusCode).toBe(409);
    expect(tooMany.json().error).toMatchObject({ code: 'stock_insufficient', details: { available: 3, requested: 4 } });
    const first = (await send(h(), s.keeper, { ...at, qty: 2 })).json();
    expect(first).toMatchObject({ qty: 2, serial: null, state: 'sent' });
    expect(await level(h(), s.keeper, s.store.id, s.part.id)).toMatchObject({ faulty: 1 });

    const cancelled = await h().request({ method: 'POST', url: `/api/rma/${first.id}/cancel`, cookie: s.keeper.cookie, payload: { reason: '厂商拒收,未寄出' } });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ state: 'cancelled', closingReason: '厂商拒收,未寄出' });
    expect(await level(h(), s.keeper, s.store.id, s.part.id)).toMatchObject({ faulty: 3 });
    expect((await h().request({ method: 'POST', url: `/api/rma/${first.id}/cancel`, cookie: s.keeper.cookie, payload: {} })).json().error.code).toBe('rma_not_open');

    const second = (await send(h(), s.keeper, { ...at, qty: 1 })).json();
    const closed = await h().request({ method: 'POST', url: `/api/rma/${second.id}/close`, cookie: s.keeper.cookie, payload: { reason: '厂商以备件抵扣' } });
    expect(closed.json()).toMatchObject({ state: 'closed' });
    const third = (await send(h(), s.keeper, { ...at, qty: 2 })).json();
    expect((await receive(h(), s.keeper, third.id, { outcome: 'repaired', serial: 'X1' })).json().error.code).toBe('rma_invalid');
    expect((await receive(h(), s.keeper, third.id, { outcome: 'repaired' })).statusCode).toBe(200);
    expect(await level(h(), s.keeper, s.store.id, s.part.id)).toMatchObject({ onHand: 2, faulty: 0 });
    await levelsMatchLedger(h());
  });

  it('takes a bulk case back in instalments, open until the last is back; closing after one writes off only the rest', async () => {
    const s = await stocked(h(), 0);
    const vendor = await createVendor(h());
    await faultyStock(h(), s.keeper, s.store.id, s.part.id, 10);
    const at = { vendorId: vendor.id, partId: s.part.id, storeId: s.store.id };
    const rma = (await send(h(), s.keeper, { ...at, qty: 7 })).json();

    const some = await receive(h(), s.keeper, rma.id, { outcome: 'repaired', qty: 4 });
    expect(some.statusCode, some.body).toBe(200);
    expect(some.json()).toMatchObject({ state: 'sent', qty: 7, receivedQty: 4, receivedAt: null });
    expect(await level(h(), s.keeper, s.store.id, s.part.id)).toMatchObject({ onHand: 4, faulty: 3 });
    // More than is still with the vendor: refused, nothing changes.
    const tooMany = await receive(h(), s.keeper, rma.id, { outcome: 'repaired', qty: 4 });
    expect([tooMany.statusCode, tooMany.json().error.code]).toEqual([400, 'rma_invalid']);
    // Zero, oversized or not a number: refused by the schema; a customer contact may not receive at all.
    for (const qty of [0, 10_001, 'three']) {
      const bad = await receive(h(), s.keeper, rma.id, { outcome: 'repaired', qty });
      expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'validation_failed']);
    }
    const file = await h().customerFile();
    expect((await receive(h(), file.contact, rma.id, { outcome: 'repaired', qty: 1 })).statusCode).toBe(403);
    expect((await h().request({ method: 'GET', url: `/api/rma/${rma.id}`, cookie: s.keeper.cookie })).json()).toMatchObject({ state: 'sent', receivedQty: 4 });
    expect(await level(h(), s.keeper, s.store.id, s.part.id)).toMatchObject({ onHand: 4, faulty: 3 });
    // Part of it is back: it reached the vendor, so it can no longer be cancelled.
    const cancel = await h().request({ method: 'POST', url: `/api/rma/${rma.id}/cancel`, cookie: s.keeper.cookie, payload: {} });
    expect([cancel.statusCode, cancel.json().error.code]).toEqual([400, 'rma_invalid']);
    expect((await h().request({ method: 'GET', url: '/api/rma?state=open', cookie: s.keeper.cookie })).json().items.map((r: { id: number }) => r.id)).toContain(rma.id);

    const rest = await receive(h(), s.keeper, rma.id, { outcome: 'repaired' });
    expect(rest.json()).toMatchObject({ state: 'received_repaired', receivedQty: 7, receivedAt: expect.any(Number) });
    expect(await level(h(), s.keeper, s.store.id, s.part.id)).toMatchObject({ onHand: 7, faulty: 3 });

    const other = (await send(h(), s.keeper, { ...at, qty: 3 })).json();
    expect((await receive(h(), s.keeper, other.id, { outcome: 'repaired', qty: 1 })).json()).toMatchObject({ state: 'sent', receivedQty: 1 });
    const closed = await h().request({ method: 'POST', url: `/api/rma/${other.id}/close`, cookie: s.keeper.cookie, payload: { reason: '其余两件厂商报废' } });
    expect(closed.json()).toMatchObject({ state: 'closed', receivedQty: 1 });
    const ledger = (await h().request({ method: 'GET', url: `/api/stock/movements?partId=${s.part.id}&limit=3`, cookie: s.keeper.cookie })).json().items;
    expect(ledger.map((e: { kind: string; qty: number }) => [e.kind, e.qty])).toEqual([
      ['rma_close', 2],
      ['rma_receive', 1],
      ['rma_send', 3],
    ]);
    expect(await level(h(), s.keeper, s.store.id, s.part.id)).toMatchObject({ onHand: 8, faulty: 0 });
    await levelsMatchLedger(h());
  });

  it('sends a customer’s whole device: under repair while away, back in service under the replacement’s serial', async () => {
    const keeper = await h().user(['storekeeper']);
    const vendor = await createVendor(h());
    const file = await h().customerFile();
    const res = await send(h(), keeper, { vendorId: vendor.id, assetId: file.asset.id, expectedReturn: '2027-01-15' });
    expect(res.statusCode, res.body).toBe(201);
    const rma = res.json();
    expect(rma).toMatchObject({ subject: 'asset', assetId: file.asset.id, customerId: file.customer.id, serial: file.asset.serialNumber, storeId: null, description: 'Huawei FusionServer 2288H V6' });
    const asset = async () => (await h().request({ method: 'GET', url: `/api/assets/${file.asset.id}`, cookie: keeper.cookie })).json();
    expect((await asset()).status).toBe('under_repair');
    expect((await send(h(), keeper, { vendorId: vendor.id, assetId: file.asset.id })).json().error.code).toBe('rma_invalid');
    expect((await receive(h(), keeper, rma.id, { outcome: 'repaired', storeId: 1 })).json().error.code).toBe('rma_invalid');

    const fresh = unique('SN').toUpperCase();
    expect((await receive(h(), keeper, rma.id, { outcome: 'replaced', serial: fresh })).statusCode).toBe(200);
    expect(await asset()).toMatchObject({ status: 'in_service', serialNumber: fresh });
    const history = (await h().request({ method: 'GET', url: `/api/assets/${file.asset.id}/history`, cookie: keeper.cookie })).json().items as { field: string; source: string; note: string }[];
    expect(history.find((c) => c.field === 'serial_number')).toMatchObject({ source: 'repair', note: `${rma.number} replaced` });
  });

  it('refuses bad input with 4xx codes and changes nothing', async () => {
    const s = await stocked(h(), 1, { serialTracked: true });
    const bulk = await stocked(h(), 0);
    const vendor = await createVendor(h());
    const file = await h().customerFile();
    const at = { vendorId: vendor.id, partId: s.part.id, storeId: s.store.id };
    const code = async (payload: Record<string, unknown>, who = s.keeper) => {
      const res = await send(h(), who, payload);
      return [res.statusCode, res.json().error?.code];
    };
    expect(await code({ ...at, assetId: file.asset.id })).toEqual([400, 'rma_invalid']);
    expect(await code({ vendorId: vendor.id })).toEqual([400, 'rma_invalid']);
    expect(await code({ vendorId: vendor.id, partId: s.part.id })).toEqual([400, 'rma_invalid']);
    expect(await code({ ...at, qty: 2 })).toEqual([400, 'rma_invalid']);
    expect(await code({ vendorId: vendor.id, partId: bulk.part.id, storeId: bulk.store.id, serial: 'A1' })).toEqual([400, 'rma_invalid']);
    expect(await code({ vendorId: vendor.id, assetId: file.asset.id, storeId: s.store.id })).toEqual([400, 'rma_invalid']);
    // No faulty stock to send; then, with some, a good unit is not faulty and a serial never seen is nowhere.
    expect(await code({ vendorId: vendor.id, partId: bulk.part.id, storeId: bulk.store.id })).toEqual([409, 'stock_insufficient']);
    expect(await code(at)).toEqual([409, 'stock_insufficient']);
    await faultyStock(h(), s.keeper, s.store.id, s.part.id, 1, [unique('BAD').toUpperCase()]);
    expect(await code({ ...at, serial: s.serials[0] })).toEqual([409, 'stock_units_unavailable']);
    expect(await code({ ...at, serial: 'NOPE-1' })).toEqual([409, 'stock_units_unavailable']);
    expect(await code({ ...at, vendorId: 999_999 })).toEqual([404, 'vendor_not_found']);
    expect(await code({ ...at, storeId: 999_999 })).toEqual([404, 'store_not_found']);
    expect(await code({ vendorId: vendor.id, assetId: 999_999 })).toEqual([404, 'asset_not_found']);
    expect(await code({ ...at, ticketId: 999_999 })).toEqual([404, 'ticket_not_found']);
    expect(await code({ ...at, expectedReturn: '2026-02-30' })).toEqual([400, 'invalid_date']);
    expect(await code({ ...at, expectedReturn: 'soon' })).toEqual([400, 'validation_failed']);
    expect(await code({ ...at, qty: 0 })).toEqual([400, 'validation_failed']);
    const manager = await h().user(['manager']);
    await h().request({ method: 'PATCH', url: `/api/vendors/${vendor.id}`, cookie: manager.cookie, payload: { active: false } });
    expect(await code(at)).toEqual([409, 'vendor_inactive']);

    const engineer = await h().user(['engineer']);
    expect(await code(at, engineer)).toEqual([403, 'forbidden']);
    expect((await h().request({ method: 'GET', url: '/api/rma', cookie: file.contact.cookie })).statusCode).toBe(403);
    expect((await h().request({ method: 'GET', url: '/api/rma/999999', cookie: s.keeper.cookie })).json().error.code).toBe('rma_not_found');
    expect((await receive(h(), s.keeper, 999_999, { outcome: 'repaired' })).statusCode).toBe(404);
    expect((await receive(h(), s.keeper, 1, { outcome: 'fixed' })).json().error.code).toBe('validation_failed');
    expect((await h().request({ method: 'GET', url: '/api/rma?state=lost', cookie: s.keeper.cookie })).statusCode).toBe(400);

    expect(await level(h(), s.keeper, s.store.id, s.part.id)).toMatchObject({ onHand: 1, faulty: 1 });
    expect((await h().request({ method: 'GET', url: `/api/rma?vendorId=${vendor.id}`, cookie: s.keeper.cookie })).json().items).toEqual([]);
  });

  it('exports the open cases as .xlsx with headers in the request’s language', async () => {
    const s = await stocked(h(), 0);
    const vendor = await createVendor(h());
    await faultyStock(h(), s.keeper, s.store.id, s.part.id, 3);
    const open = (await send(h(), s.keeper, { vendorId: vendor.id, partId: s.part.id, storeId: s.store.id, qty: 2, vendorCaseNumber: 'C-1' })).json();
    const done = (await send(h(), s.keeper, { vendorId: vendor.id, partId: s.part.id, storeId: s.store.id, qty: 1 })).json();
    await receive(h(), s.keeper, done.id, { outcome: 'repaired' });

    for (const [lang, header, state] of [['zh-CN', '返修单号', '送修中'], ['en', 'RMA', 'With the vendor']] as const) {
      const res = await h().request({ method: 'GET', url: `/api/rma/export.xlsx?vendorId=${vendor.id}`, cookie: s.keeper.cookie, lang });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = book.worksheets[0]!;
      expect(sheet.getRow(1).getCell(1).value).toBe(header);
      expect(sheet.rowCount).toBe(2);
      const row = sheet.getRow(2).values as unknown[];
      expect(row).toContain(open.number);
      expect(row).toContain('C-1');
      expect(row).toContain(state);
      expect(row).toContain(2);
    }
    const engineer = await h().user(['engineer']);
    expect((await h().request({ method: 'GET', url: '/api/rma/export.xlsx', cookie: engineer.cookie })).statusCode).toBe(200);
    const contact = (await h().customerWithContact()).contact;
    expect((await h().request({ method: 'GET', url: '/api/rma/export.xlsx', cookie: contact.cookie })).statusCode).toBe(403);
  });
});
