import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.js';
import { unique, useHarness, type Harness, type SignedInUser } from '../../test/harness.js';
import { createPart, createStore, level, levelsMatchLedger, receive } from '../../test/parts.js';

const LOANER_MODEL = 'FusionServer 2288H V6';

/** A storekeeper, a central store and a loaner part (a whole server, tracked by serial) with units in it. */
async function loanerPool(h: Harness, count = 2) {
  const keeper = await h.user(['storekeeper']);
  const store = await createStore(h, keeper);
  const part = await createPart(h, keeper, { serialTracked: true, models: [LOANER_MODEL], description: '备用机 2288H V6' });
  const serials = Array.from({ length: count }, () => unique('LN').toUpperCase());
  await receive(h, keeper, store.id, part.id, count, serials);
  return { keeper, store, part, serials };
}

function lend(h: Harness, who: SignedInUser, payload: Record<string, unknown>) {
  return h.request({ method: 'POST', url: '/api/loans', cookie: who.cookie, payload });
}

async function assetList(h: Harness, who: SignedInUser, customerId: number, extra = '') {
  const res = await h.request({ method: 'GET', url: `/api/assets?customerId=${customerId}${extra}`, cookie: who.cookie });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as { id: number; serialNumber: string; status: string; siteId: number | null; contractId: number | null; model: string; customFields: Record<string, string> }[];
}

async function unitState(h: Harness, who: SignedInUser, partId: number, serial: string) {
  const items = (await h.request({ method: 'GET', url: `/api/stock/units?partId=${partId}`, cookie: who.cookie })).json().items as { id: number; serial: string; state: string; storeId: number }[];
  return items.find((u) => u.serial === serial);
}

/** Loaners (备用机; issue 7 item 6; R6, R8), through HTTP on both engines. */
describeEachEngine('loans', (db) => {
  const h = useHarness(db);

  it('a returned loaner is back in stock and the customer’s asset list no longer shows it', async () => {
    const pool = await loanerPool(h());
    const file = await h().customerFile();
    const serial = pool.serials[0]!;
    const res = await lend(h(), pool.keeper, { partId: pool.part.id, serial, customerId: file.customer.id, replacesAssetId: file.asset.id, expectedReturn: '2027-01-31' });
    expect(res.statusCode, res.body).toBe(201);
    const loan = res.json();
    expect(loan).toMatchObject({
      number: expect.stringMatching(/^JY-\d{8}-\d{4}$/),
      state: 'open',
      serial,
      storeId: pool.store.id,
      customerId: file.customer.id,
      siteId: file.site.id,
      replacesAssetId: file.asset.id,
      replacesSerial: file.asset.serialNumber,
      assetId: expect.any(Number),
      overdue: false,
    });
    expect(await level(h(), pool.keeper, pool.store.id, pool.part.id)).toMatchObject({ onHand: 1, available: 1 });
    expect(await unitState(h(), pool.keeper, pool.part.id, serial)).toMatchObject({ state: 'on_loan' });

    // At the customer's site it is one of their assets, under the faulty device's contract; their contact sees it too.
    const lent = (await assetList(h(), pool.keeper, file.customer.id)).find((a) => a.id === loan.assetId);
    expect(lent).toMatchObject({ serialNumber: serial, status: 'on_loan', siteId: file.site.id, contractId: file.contract.id, model: LOANER_MODEL, customFields: { loan: loan.number, replaces: file.asset.serialNumber } });
    expect((await assetList(h(), file.contact, file.customer.id)).map((a) => a.id)).toContain(loan.assetId);
    expect((await h().request({ method: 'GET', url: '/api/loans?state=open', cookie: pool.keeper.cookie })).json().items.map((l: { id: number }) => l.id)).toContain(loan.id);

    const back = await h().request({ method: 'POST', url: `/api/loans/${loan.id}/return`, cookie: pool.keeper.cookie, payload: { storeId: pool.store.id } });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ state: 'returned', returnedStoreId: pool.store.id, returnedAt: expect.any(Number) });
    expect(await level(h(), pool.keeper, pool.store.id, pool.part.id)).toMatchObject({ onHand: 2, available: 2 });
    expect(await unitState(h(), pool.keeper, pool.part.id, serial)).toMatchObject({ state: 'in_stock', storeId: pool.store.id });
    expect((await assetList(h(), pool.keeper, file.customer.id)).map((a) => a.id)).not.toContain(loan.assetId);
    expect((await assetList(h(), file.contact, file.customer.id)).map((a) => a.id)).toEqual([file.asset.id]);
    // Kept for its history, found when asked for by its status.
    expect((await assetList(h(), pool.keeper, file.customer.id, '&status=returned')).map((a) => a.id)).toEqual([loan.assetId]);
    // Still in the register, so an import's dry run flags its serial under the same vendor.
    const manager = await h().user(['manager']);
    const sheet = Buffer.from(`customerCode,serialNumber,vendor,model,category\n${file.customer.code},${serial},Huawei,${LOANER_MODEL},server\n`);
    const dry = await h().request({ method: 'POST', url: '/api/imports/assets?dryRun=true', cookie: manager.cookie, headers: { 'content-type': 'text/csv' }, payload: sheet });
    expect(dry.json().errors.map((e: { code: string }) => e.code)).toEqual(['serial_taken']);
    expect((await h().request({ method: 'GET', url: '/api/loans?state=open', cookie: pool.keeper.cookie })).json().items.map((l: { id: number }) => l.id)).not.toContain(loan.id);

    const twice = await h().request({ method: 'POST', url: `/api/loans/${loan.id}/return`, cookie: pool.keeper.cookie, payload: { storeId: pool.store.id } });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('loan_returned');
    const ledger = (await h().request({ method: 'GET', url: `/api/stock/movements?partId=${pool.part.id}&limit=2`, cookie: pool.keeper.cookie })).json().items;
    expect(ledger.map((e: { kind: string; loanId: number; onHandDelta: number }) => [e.kind, e.loanId, e.onHandDelta])).toEqual([
      ['loan_return', loan.id, 1],
      ['loan_out', loan.id, -1],
    ]);
    await levelsMatchLedger(h());
  });

  it('lends the same unit again to another customer, moving its one asset record; each contact sees only their own time with it', async () => {
    const pool = await loanerPool(h(), 1);
    const a = await h().customerFile();
    const b = await h().customerFile();
    const unitId = (await unitState(h(), pool.keeper, pool.part.id, pool.serials[0]!))!.id;
    const first = (await lend(h(), pool.keeper, { unitId, customerId: a.customer.id, siteId: a.site.id })).json();
    await h().request({ method: 'POST', url: `/api/loans/${first.id}/return`, cookie: pool.keeper.cookie, payload: { storeId: pool.store.id } });

    const dispatcher = await h().user(['dispatcher']);
    const second = await lend(h(), dispatcher, { unitId, customerId: b.customer.id, replacesAssetId: b.asset.id });
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json()).toMatchObject({ assetId: first.assetId, customerId: b.customer.id, siteId: b.site.id });
    expect((await assetList(h(), b.contact, b.customer.id)).map((x) => x.id)).toContain(first.assetId);
    expect((await assetList(h(), pool.keeper, a.customer.id, '&status=returned')).map((x) => x.id)).toEqual([]);
    const history = (await h().request({ method: 'GET', url: `/api/assets/${first.assetId}/history`, cookie: b.contact.cookie })).json().items as { field: string }[];
    expect(history.map((c) => c.field)).toEqual(['created']);
    expect(((await h().request({ method: 'GET', url: `/api/assets/${first.assetId}/history`, cookie: pool.keeper.cookie })).json().items as unknown[]).length).toBeGreaterThan(1);
    expect((await h().request({ method: 'GET', url: `/api/assets/${first.assetId}`, cookie: a.contact.cookie })).statusCode).toBe(404);
  });

  it('lends a unit to one place at a time, and refuses bad input with 4xx codes, changing nothing', async () => {
    const pool = await loanerPool(h(), 2);
    const file = await h().customerFile();
    const other = await h().customerFile();
    const [s1, s2] = pool.serials as [string, string];
    const at = { partId: pool.part.id, customerId: file.customer.id };
    const code = async (payload: Record<string, unknown>, who = pool.keeper) => {
      const res = await lend(h(), who, payload);
      return [res.statusCode, res.json().error?.code];
    };

    // Two people lending the same unit at once: one of them has it.
    const [x, y] = await Promise.all([lend(h(), pool.keeper, { ...at, serial: s1 }), lend(h(), pool.keeper, { ...at, serial: s1 })]);
    expect([x.statusCode, y.statusCode].sort()).toEqual([201, 409]);
    expect((x.statusCode === 409 ? x : y).json().error.code).toBe('stock_units_unavailable');

    expect(await code({ customerId: file.customer.id })).toEqual([400, 'loan_invalid']);
    expect(await code({ ...at })).toEqual([400, 'loan_invalid']);
    expect(await code({ ...at, serial: 'NOPE-1' })).toEqual([400, 'loan_invalid']);
    expect(await code({ unitId: 999_999, customerId: file.customer.id })).toEqual([400, 'loan_invalid']);
    expect(await code({ ...at, serial: s2, replacesAssetId: other.asset.id })).toEqual([400, 'loan_invalid']);
    expect(await code({ ...at, serial: s2, siteId: other.site.id })).toEqual([400, 'asset_link_invalid']);
    expect(await code({ ...at, serial: s2, ticketId: 999_999 })).toEqual([404, 'ticket_not_found']);
    expect(await code({ ...at, serial: s2, customerId: 999_999 })).toEqual([404, 'customer_not_found']);
    expect(await code({ ...at, serial: s2, expectedReturn: '2026-13-01' })).toEqual([400, 'invalid_date']);
    expect(await code({ ...at, serial: s2, color: 'red' })).toEqual([400, 'validation_failed']);
    // A serial that is already a customer's own device cannot come on loan under the same vendor.
    const taken = unique('SN').toUpperCase();
    await receive(h(), pool.keeper, pool.store.id, pool.part.id, 1, [taken]);
    const manager = await h().user(['manager']);
    await h().request({ method: 'POST', url: '/api/assets', cookie: manager.cookie, payload: { customerId: other.customer.id, serialNumber: taken, vendor: 'Huawei', model: 'X', category: 'server' } });
    expect(await code({ ...at, serial: taken })).toEqual([409, 'serial_taken']);

    const engineer = await h().user(['engineer']);
    expect(await code({ ...at, serial: s2 }, engineer)).toEqual([403, 'forbidden']);
    expect((await h().request({ method: 'GET', url: '/api/loans', cookie: file.contact.cookie })).statusCode).toBe(403);
    expect((await h().request({ method: 'GET', url: '/api/loans/999999', cookie: pool.keeper.cookie })).json().error.code).toBe('loan_not_found');
    const lent = (x.statusCode === 201 ? x : y).json();
    expect((await h().request({ method: 'POST', url: `/api/loans/${lent.id}/return`, cookie: pool.keeper.cookie, payload: { storeId: 999_999 } })).json().error.code).toBe('store_not_found');
    expect((await h().request({ method: 'POST', url: `/api/loans/${lent.id}/return`, cookie: pool.keeper.cookie, payload: {} })).json().error.code).toBe('validation_failed');

    expect(await level(h(), pool.keeper, pool.store.id, pool.part.id)).toMatchObject({ onHand: 2 });
    expect((await assetList(h(), pool.keeper, file.customer.id)).map((a) => a.serialNumber).sort()).toEqual([file.asset.serialNumber, s1].sort());
    await levelsMatchLedger(h());
  });
});
