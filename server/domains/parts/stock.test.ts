import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.js';
import { unique, useHarness, type Harness, type SignedInUser } from '../../test/harness.js';
import { createPart, createStore, level, receive, stocked } from '../../test/parts.js';

async function ledgerOf(h: Harness, who: SignedInUser, partId: number) {
  return (await h.request({ method: 'GET', url: `/api/stock/movements?partId=${partId}`, cookie: who.cookie })).json().items as { kind: string; storeId: number; qty: number; reason: string; batchId: string; serial: string | null }[];
}

/** The storekeeper's movements, counts, minimums and spares for a model (issue 7 items 3, 4, 6). */
describeEachEngine('stock', (db) => {
  const h = useHarness(db);

  it('transfers available stock as two ledger rows of one batch', async () => {
    const s = await stocked(h(), 5);
    const site = await createStore(h(), s.keeper);
    const res = await h().request({ method: 'POST', url: '/api/stock/transfers', cookie: s.keeper.cookie, payload: { fromStoreId: s.store.id, toStoreId: site.id, partId: s.part.id, qty: 3, reason: '补充现场备件' } });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.entries.map((e: { kind: string; storeId: number; onHandDelta: number }) => [e.kind, e.storeId, e.onHandDelta])).toEqual([
      ['transfer_out', s.store.id, -3],
      ['transfer_in', site.id, 3],
    ]);
    expect(new Set(body.entries.map((e: { batchId: string }) => e.batchId))).toEqual(new Set([body.batchId]));
    expect(body.levels.map((l: { storeId: number; onHand: number }) => [l.storeId, l.onHand])).toEqual([
      [s.store.id, 2],
      [site.id, 3],
    ]);

    const tooMuch = await h().request({ method: 'POST', url: '/api/stock/transfers', cookie: s.keeper.cookie, payload: { fromStoreId: s.store.id, toStoreId: site.id, partId: s.part.id, qty: 3 } });
    expect(tooMuch.statusCode).toBe(409);
    expect(tooMuch.json().error).toMatchObject({ code: 'stock_insufficient', details: { available: 2, requested: 3, storeId: s.store.id } });
    const same = await h().request({ method: 'POST', url: '/api/stock/transfers', cookie: s.keeper.cookie, payload: { fromStoreId: site.id, toStoreId: site.id, partId: s.part.id, qty: 1 } });
    expect(same.json().error.code).toBe('stock_movement_invalid');
    expect(await ledgerOf(h(), s.keeper, s.part.id)).toHaveLength(3);
    expect(await level(h(), s.keeper, site.id, s.part.id)).toMatchObject({ onHand: 3 });
  });

  it('runs transfers crossing between two stores at the same time one after the other, never deadlocking', async () => {
    const s = await stocked(h(), 10);
    const other = await createStore(h(), s.keeper);
    await receive(h(), s.keeper, other.id, s.part.id, 10);
    const transfer = (from: number, to: number) => h().request({ method: 'POST', url: '/api/stock/transfers', cookie: s.keeper.cookie, payload: { fromStoreId: from, toStoreId: to, partId: s.part.id, qty: 1 } });
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? transfer(s.store.id, other.id) : transfer(other.id, s.store.id))));
    expect(results.map((r) => r.statusCode)).toEqual(Array(12).fill(201));
    expect(await level(h(), s.keeper, s.store.id, s.part.id)).toMatchObject({ onHand: 10 });
    expect(await level(h(), s.keeper, other.id, s.part.id)).toMatchObject({ onHand: 10 });
  });

  it('adjusts and scraps only with a reason, and bad input changes nothing', async () => {
    const s = await stocked(h(), 4);
    const at = { storeId: s.store.id, partId: s.part.id };
    for (const payload of [{ ...at, delta: -1 }, { ...at, delta: -1, reason: '   ' }]) {
      const res = await h().request({ method: 'POST', url: '/api/stock/adjustments', cookie: s.keeper.cookie, payload });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('stock_reason_required');
    }
    expect((await h().request({ method: 'POST', url: '/api/stock/scrappings', cookie: s.keeper.cookie, payload: { ...at, qty: 1 } })).json().error.code).toBe('stock_reason_required');
    expect((await h().request({ method: 'POST', url: '/api/stock/adjustments', cookie: s.keeper.cookie, payload: { ...at, delta: 0, reason: 'x' } })).json().error.code).toBe('stock_movement_invalid');
    expect((await h().request({ method: 'POST', url: '/api/stock/receipts', cookie: s.keeper.cookie, payload: { ...at, qty: -2 } })).json().error.code).toBe('validation_failed');
    expect((await h().request({ method: 'POST', url: '/api/stock/receipts', cookie: s.keeper.cookie, payload: { ...at, qty: 1, serials: ['A1'] } })).json().error.code).toBe('stock_movement_invalid');
    expect((await h().request({ method: 'POST', url: '/api/stock/adjustments', cookie: s.keeper.cookie, payload: { ...at, delta: -5, reason: '丢失' } })).json().error.code).toBe('stock_insufficient');
    const engineer = await h().user(['engineer']);
    expect((await h().request({ method: 'POST', url: '/api/stock/receipts', cookie: engineer.cookie, payload: { ...at, qty: 1 } })).statusCode).toBe(403);
    expect(await ledgerOf(h(), s.keeper, s.part.id)).toHaveLength(1);
    expect(await level(h(), s.keeper, s.store.id, s.part.id)).toMatchObject({ onHand: 4 });

    expect((await h().request({ method: 'POST', url: '/api/stock/adjustments', cookie: s.keeper.cookie, payload: { ...at, delta: -1, reason: '运输损坏' } })).statusCode).toBe(201);
    expect((await h().request({ method: 'POST', url: '/api/stock/scrappings', cookie: s.keeper.cookie, payload: { ...at, qty: 1, reason: '过保淘汰' } })).statusCode).toBe(201);
    const ledger = await ledgerOf(h(), s.keeper, s.part.id);
    expect(ledger.map((e) => [e.kind, e.reason])).toEqual([
      ['scrap', '过保淘汰'],
      ['adjust', '运输损坏'],
      ['receive', ''],
    ]);
    expect(await level(h(), s.keeper, s.store.id, s.part.id)).toMatchObject({ onHand: 2 });
  });

  it('reconciles a stock count with the ledger: reports the differences, and applies them as adjustments', async () => {
    const s = await stocked(h(), 5);
    const other = await createPart(h(), s.keeper);
    await receive(h(), s.keeper, s.store.id, other.id, 2);
    const lines = [
      { partId: s.part.id, counted: 3 },
      { partId: other.id, counted: 2 },
    ];
    const report = await h().request({ method: 'POST', url: `/api/stores/${s.store.id}/counts`, cookie: s.keeper.cookie, payload: { lines } });
    expect(report.statusCode, report.body).toBe(200);
    expect(report.json()).toMatchObject({ applied: false, batchId: null, lines: [{ partId: s.part.id, expected: 5, counted: 3, difference: -2 }, { partId: other.id, expected: 2, counted: 2, difference: 0 }] });
    expect(await level(h(), s.keeper, s.store.id, s.part.id)).toMatchObject({ onHand: 5 });

    const dup = await h().request({ method: 'POST', url: `/api/stores/${s.store.id}/counts`, cookie: s.keeper.cookie, payload: { lines: [lines[0], lines[0]], apply: true } });
    expect(dup.json().error.code).toBe('stock_movement_invalid');
    const applied = await h().request({ method: 'POST', url: `/api/stores/${s.store.id}/counts`, cookie: s.keeper.cookie, payload: { lines, apply: true } });
    expect(applied.json()).toMatchObject({ applied: true, batchId: expect.any(String) });
    expect(await level(h(), s.keeper, s.store.id, s.part.id)).toMatchObject({ onHand: 3 });
    expect((await ledgerOf(h(), s.keeper, s.part.id))[0]).toMatchObject({ kind: 'adjust', qty: 2, reason: 'stock count', batchId: applied.json().batchId });
    // Counting again finds nothing to change.
    const again = (await h().request({ method: 'POST', url: `/api/stores/${s.store.id}/counts`, cookie: s.keeper.cookie, payload: { lines, apply: true } })).json();
    expect(again).toMatchObject({ applied: false, lines: [{ difference: 0 }, { difference: 0 }] });
  });

  it('counts serial-tracked parts by serial: missing units go off, found ones come on', async () => {
    const s = await stocked(h(), 3, { serialTracked: true });
    const found = unique('SN').toUpperCase();
    const counted = [s.serials[0]!, s.serials[2]!, found];
    const res = await h().request({ method: 'POST', url: `/api/stores/${s.store.id}/counts`, cookie: s.keeper.cookie, payload: { lines: [{ partId: s.part.id, counted: 3, serials: counted }], apply: true } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().lines[0]).toMatchObject({ expected: 3, counted: 3, difference: 0, missingSerials: [s.serials[1]], unexpectedSerials: [found] });
    const units = (await h().request({ method: 'GET', url: `/api/stock/units?partId=${s.part.id}`, cookie: s.keeper.cookie })).json().items as { serial: string; state: string }[];
    expect(Object.fromEntries(units.map((u) => [u.serial, u.state]))).toEqual({ [s.serials[0]!]: 'in_stock', [s.serials[1]!]: 'lost', [s.serials[2]!]: 'in_stock', [found]: 'in_stock' });
    expect(await level(h(), s.keeper, s.store.id, s.part.id)).toMatchObject({ onHand: 3 });

    const again = await h().request({ method: 'POST', url: '/api/stock/receipts', cookie: s.keeper.cookie, payload: { storeId: s.store.id, partId: s.part.id, qty: 1, serials: [found] } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('stock_serial_exists');
    const unnamed = await h().request({ method: 'POST', url: '/api/stock/receipts', cookie: s.keeper.cookie, payload: { storeId: s.store.id, partId: s.part.id, qty: 1 } });
    expect(unnamed.json().error.code).toBe('stock_movement_invalid');
  });

  it('moves serial-tracked units with a transfer, named or the oldest first', async () => {
    const s = await stocked(h(), 3, { serialTracked: true });
    const site = await createStore(h(), s.keeper);
    const res = await h().request({ method: 'POST', url: '/api/stock/transfers', cookie: s.keeper.cookie, payload: { fromStoreId: s.store.id, toStoreId: site.id, partId: s.part.id, qty: 2 } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().entries.map((e: { kind: string; serial: string }) => `${e.kind} ${e.serial}`).sort()).toEqual(
      [`transfer_in ${s.serials[0]}`, `transfer_in ${s.serials[1]}`, `transfer_out ${s.serials[0]}`, `transfer_out ${s.serials[1]}`].sort(),
    );
    const units = (await h().request({ method: 'GET', url: `/api/stock/units?partId=${s.part.id}&storeId=${site.id}`, cookie: s.keeper.cookie })).json().items as { serial: string }[];
    expect(units.map((u) => u.serial)).toEqual([s.serials[0], s.serials[1]]);
    expect(await level(h(), s.keeper, site.id, s.part.id)).toMatchObject({ onHand: 2 });
    expect(await level(h(), s.keeper, s.store.id, s.part.id)).toMatchObject({ onHand: 1 });
  });

  it('alerts the storekeepers once when a level falls below its store’s minimum, and lists such levels', async () => {
    const s = await stocked(h(), 4);
    const site = await createStore(h(), s.keeper);
    const set = await h().request({ method: 'PUT', url: `/api/stores/${s.store.id}/minimums/${s.part.id}`, cookie: s.keeper.cookie, payload: { minQty: 3 } });
    expect(set.json()).toMatchObject({ minimum: 3, available: 4, belowMinimum: false });
    const below = async () =>
      ((await h().request({ method: 'GET', url: '/api/notifications', cookie: s.keeper.cookie })).json().items as { kind: string; stock: { partId: number; storeId: number } | null }[]).filter(
        (n) => n.kind === 'below_minimum' && n.stock?.partId === s.part.id,
      );
    const transfer = (qty: number) => h().request({ method: 'POST', url: '/api/stock/transfers', cookie: s.keeper.cookie, payload: { fromStoreId: s.store.id, toStoreId: site.id, partId: s.part.id, qty } });

    expect((await transfer(1)).statusCode).toBe(201);
    expect(await below()).toEqual([]);
    expect((await transfer(1)).statusCode).toBe(201);
    expect(await below()).toEqual([expect.objectContaining({ stock: { partId: s.part.id, partNumber: s.part.partNumber, storeId: s.store.id, storeName: s.store.name } })]);
    expect((await transfer(1)).statusCode).toBe(201);
    expect(await below()).toHaveLength(1);

    const listed = (await h().request({ method: 'GET', url: `/api/stock?storeId=${s.store.id}&belowMinimum=true`, cookie: s.keeper.cookie })).json().items;
    expect(listed).toEqual([expect.objectContaining({ partId: s.part.id, available: 1, minimum: 3, belowMinimum: true })]);
    expect((await h().request({ method: 'GET', url: `/api/stock?storeId=${site.id}&belowMinimum=true`, cookie: s.keeper.cookie })).json().items).toEqual([]);

    // A minimum on a part the store never held makes it show, already short.
    const spare = await createPart(h(), s.keeper);
    const fresh = await h().request({ method: 'PUT', url: `/api/stores/${site.id}/minimums/${spare.id}`, cookie: s.keeper.cookie, payload: { minQty: 2 } });
    expect(fresh.json()).toMatchObject({ partId: spare.id, onHand: 0, minimum: 2, belowMinimum: true });
    expect((await h().request({ method: 'PUT', url: `/api/stores/${site.id}/minimums/${spare.id}`, cookie: s.keeper.cookie, payload: { minQty: 0 } })).json()).toMatchObject({ minimum: 0, belowMinimum: false });
  });

  it('pages a store’s levels by part and a part’s levels by store', async () => {
    const keeper = await h().user(['storekeeper']);
    const store = await createStore(h(), keeper);
    const parts = [];
    for (let i = 0; i < 5; i++) {
      const p = await createPart(h(), keeper);
      await receive(h(), keeper, store.id, p.id, i + 1);
      parts.push(p);
    }
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { partId: number }[]; nextCursor: string | null } = (await h().request({ method: 'GET', url: `/api/stock?storeId=${store.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`, cookie: keeper.cookie })).json();
      seen.push(...page.items.map((l) => l.partId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(parts.map((p) => p.id));
    expect((await h().request({ method: 'GET', url: '/api/stock?cursor=garbage', cookie: keeper.cookie })).json().error.code).toBe('invalid_cursor');
  });

  it('tells the hotline whether the customer’s on-site store holds an available spare for the failed model', async () => {
    const keeper = await h().user(['storekeeper']);
    const agent = await h().user(['agent']);
    const file = await h().customerFile();
    const model = unique('OceanStor ');
    const disk = await createPart(h(), keeper, { models: [model] });
    const central = await createStore(h(), keeper);
    const onSite = await createStore(h(), keeper, { kind: 'site', siteId: file.site.id });
    const ask = async (customerId: number, m = model) => (await h().request({ method: 'GET', url: `/api/stock/spare-for-model?model=${encodeURIComponent(m)}&customerId=${customerId}`, cookie: agent.cookie })).json();

    await receive(h(), keeper, central.id, disk.id, 5);
    expect(await ask(file.customer.id)).toMatchObject({ hasSpare: false, spares: [] });
    await receive(h(), keeper, onSite.id, disk.id, 1);
    expect(await ask(file.customer.id, model.toUpperCase())).toMatchObject({ hasSpare: true, spares: [{ partId: disk.id, storeId: onSite.id, storeKind: 'site', available: 1 }] });
    const elsewhere = await h().customerFile();
    expect((await ask(elsewhere.customer.id)).hasSpare).toBe(false);
    expect((await ask(file.customer.id, 'Some Other Model')).hasSpare).toBe(false);
    await h().request({ method: 'POST', url: '/api/stock/adjustments', cookie: keeper.cookie, payload: { storeId: onSite.id, partId: disk.id, delta: -1, reason: '借用' } });
    expect((await ask(file.customer.id)).hasSpare).toBe(false);
    expect((await h().request({ method: 'GET', url: `/api/stock/spare-for-model?model=x&customerId=${file.customer.id}`, cookie: file.contact.cookie })).statusCode).toBe(403);
  });
});
