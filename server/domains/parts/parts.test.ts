import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.js';
import { unique, useHarness } from '../../test/harness.js';
import { createPart, createStore, level, receive } from '../../test/parts.js';

/** The catalogue and the stores (issue 7 items 1, 2, 7) through HTTP on both engines. */
describeEachEngine('spare parts catalogue and stores', (db) => {
  const h = useHarness(db);

  it('keeps parts with the models they fit, found by number, description or model, a page at a time', async () => {
    const keeper = await h().user(['storekeeper']);
    const tag = unique('X').toUpperCase();
    const created = await h().request({
      method: 'POST',
      url: '/api/parts',
      cookie: keeper.cookie,
      payload: { partNumber: `${tag}-02311SLE`, vendor: 'Huawei', description: `${tag} 1.2TB SAS 硬盘`, models: ['FusionServer 2288H V6', 'fusionserver  2288H V5'], unit: '块', serialTracked: true },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ partNumber: `${tag}-02311SLE`, serialTracked: true, active: true, models: ['fusionserver 2288H V5', 'FusionServer 2288H V6'] });
    for (let i = 0; i < 3; i++) await h().request({ method: 'POST', url: '/api/parts', cookie: keeper.cookie, payload: { partNumber: `${tag}-FAN-${i}`, description: `${tag} 风扇模块` } });

    const byModel = (await h().request({ method: 'GET', url: `/api/parts?model=${encodeURIComponent('FUSIONSERVER 2288H  v6')}`, cookie: keeper.cookie })).json().items as { id: number }[];
    expect(byModel.map((p) => p.id)).toContain(created.json().id);
    const first = (await h().request({ method: 'GET', url: `/api/parts?q=${tag.toLowerCase()}&limit=2`, cookie: keeper.cookie })).json();
    expect(first.items.map((p: { partNumber: string }) => p.partNumber)).toEqual([`${tag}-02311SLE`, `${tag}-FAN-0`]);
    const second = (await h().request({ method: 'GET', url: `/api/parts?q=${tag.toLowerCase()}&limit=2&cursor=${first.nextCursor}`, cookie: keeper.cookie })).json();
    expect(second.items.map((p: { partNumber: string }) => p.partNumber)).toEqual([`${tag}-FAN-1`, `${tag}-FAN-2`]);
    expect(second.nextCursor).toBeNull();
    const fans = (await h().request({ method: 'GET', url: `/api/parts?q=${encodeURIComponent(`${tag} 风扇`)}`, cookie: keeper.cookie })).json().items;
    expect(fans).toHaveLength(3);
  });

  it('refuses a duplicate part number, bad input and writes by people who may not, changing nothing', async () => {
    const keeper = await h().user(['storekeeper']);
    const engineer = await h().user(['engineer']);
    const part = await createPart(h(), keeper);
    const dup = await h().request({ method: 'POST', url: '/api/parts', cookie: keeper.cookie, payload: { partNumber: part.partNumber.toLowerCase() } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'part_number_taken' });
    const bad = await h().request({ method: 'POST', url: '/api/parts', cookie: keeper.cookie, payload: { partNumber: '  ', colour: 'red' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_failed');
    expect((await h().request({ method: 'POST', url: '/api/parts', cookie: engineer.cookie, payload: { partNumber: unique('P') } })).statusCode).toBe(403);
    expect((await h().request({ method: 'GET', url: `/api/parts/${part.id}`, cookie: engineer.cookie })).statusCode).toBe(200);
    expect((await h().request({ method: 'GET', url: '/api/parts/999999', cookie: engineer.cookie })).json().error.code).toBe('part_not_found');

    // Serial tracking is fixed once the part has moved.
    const store = await createStore(h(), keeper);
    await receive(h(), keeper, store.id, part.id, 2);
    const change = await h().request({ method: 'PATCH', url: `/api/parts/${part.id}`, cookie: keeper.cookie, payload: { serialTracked: true } });
    expect(change.statusCode).toBe(409);
    expect(change.json().error.code).toBe('part_has_stock');
    expect((await h().request({ method: 'GET', url: `/api/parts/${part.id}`, cookie: keeper.cookie })).json()).toMatchObject({ serialTracked: false });
  });

  it('places stores: central for no one, site and project stores on the customer’s own site and contract', async () => {
    const keeper = await h().user(['storekeeper']);
    const file = await h().customerFile();
    const other = await h().customerFile();
    const problem = async (payload: Record<string, unknown>) => {
      const res = await h().request({ method: 'POST', url: '/api/stores', cookie: keeper.cookie, payload: { name: unique('库 '), ...payload } });
      return res.statusCode === 400 ? res.json().error.code : res.statusCode;
    };
    expect(await problem({ kind: 'central', customerId: file.customer.id })).toBe('store_invalid');
    expect(await problem({ kind: 'site', customerId: file.customer.id })).toBe('store_invalid');
    expect(await problem({ kind: 'site', customerId: file.customer.id, siteId: other.site.id })).toBe('store_invalid');
    expect(await problem({ kind: 'project', siteId: file.site.id })).toBe('store_invalid');
    expect(await problem({ kind: 'project', contractId: 999_999 })).toBe('store_invalid');
    expect(await problem({ kind: 'warehouse' })).toBe('validation_failed');

    const site = await h().request({ method: 'POST', url: '/api/stores', cookie: keeper.cookie, payload: { name: unique('现场备件库 '), kind: 'site', siteId: file.site.id } });
    expect(site.statusCode, site.body).toBe(201);
    expect(site.json()).toMatchObject({ kind: 'site', customer: { id: file.customer.id }, site: { id: file.site.id }, contract: null });
    const project = await createStore(h(), keeper, { kind: 'project', contractId: file.contract.id });
    expect((await h().request({ method: 'GET', url: `/api/stores/${project.id}`, cookie: keeper.cookie })).json()).toMatchObject({ customer: { id: file.customer.id }, contract: { id: file.contract.id } });
    const taken = await h().request({ method: 'POST', url: '/api/stores', cookie: keeper.cookie, payload: { name: site.json().name, kind: 'central' } });
    expect(taken.json().error.code).toBe('store_name_taken');
    const moved = await h().request({ method: 'PATCH', url: `/api/stores/${site.json().id}`, cookie: keeper.cookie, payload: { siteId: other.site.id } });
    expect(moved.json().error.code).toBe('store_invalid');
  });

  it('shows a customer contact only the stores and stock of their own sites', async () => {
    const keeper = await h().user(['storekeeper']);
    const mine = await h().customerFile();
    const theirs = await h().customerFile();
    const part = await createPart(h(), keeper);
    const central = await createStore(h(), keeper);
    const own = await createStore(h(), keeper, { kind: 'site', siteId: mine.site.id });
    const foreign = await createStore(h(), keeper, { kind: 'site', siteId: theirs.site.id });
    for (const s of [central, own, foreign]) await receive(h(), keeper, s.id, part.id, 2);

    const stores = (await h().request({ method: 'GET', url: '/api/stores', cookie: mine.contact.cookie })).json().items as { id: number }[];
    expect(stores.map((s) => s.id)).toEqual([own.id]);
    expect((await h().request({ method: 'GET', url: `/api/stores/${foreign.id}`, cookie: mine.contact.cookie })).json().error.code).toBe('store_not_found');
    expect((await h().request({ method: 'GET', url: `/api/stores/${central.id}`, cookie: mine.contact.cookie })).statusCode).toBe(404);
    const levels = (await h().request({ method: 'GET', url: `/api/stock?partId=${part.id}`, cookie: mine.contact.cookie })).json().items as { storeId: number; onHand: number }[];
    expect(levels).toEqual([expect.objectContaining({ storeId: own.id, onHand: 2 })]);
    expect((await h().request({ method: 'GET', url: `/api/stock?storeId=${foreign.id}`, cookie: mine.contact.cookie })).statusCode).toBe(404);
    expect(await level(h(), mine.contact, own.id, part.id)).toMatchObject({ onHand: 2, available: 2 });
    // The catalogue, the ledger and the storekeeper's work are the provider's.
    expect((await h().request({ method: 'GET', url: '/api/parts', cookie: mine.contact.cookie })).statusCode).toBe(403);
    expect((await h().request({ method: 'GET', url: `/api/stock/movements?storeId=${own.id}`, cookie: mine.contact.cookie })).statusCode).toBe(403);
    expect((await h().request({ method: 'POST', url: '/api/stock/receipts', cookie: mine.contact.cookie, payload: { storeId: own.id, partId: part.id, qty: 1 } })).statusCode).toBe(403);
  });
});
