import { expect } from 'vitest';
import { faultOnSite } from './field.js';
import { unique, type Harness, type SignedInUser } from './harness.js';

/** Spare-parts factories for tests: parts, stores and stock, through the API as a storekeeper. */

export interface TestPart {
  id: number;
  partNumber: string;
  serialTracked: boolean;
}

export interface TestStore {
  id: number;
  name: string;
  kind: string;
}

export async function createPart(h: Harness, who: SignedInUser, extra: { serialTracked?: boolean; models?: string[]; description?: string } = {}): Promise<TestPart> {
  const res = await h.request({
    method: 'POST',
    url: '/api/parts',
    cookie: who.cookie,
    payload: { partNumber: unique('P-').toUpperCase(), vendor: 'Huawei', description: extra.description ?? '1.2TB SAS 硬盘', unit: '块', ...extra },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

export async function createStore(h: Harness, who: SignedInUser, place: { kind?: 'central' | 'site' | 'project'; customerId?: number; siteId?: number; contractId?: number } = {}): Promise<TestStore> {
  const res = await h.request({ method: 'POST', url: '/api/stores', cookie: who.cookie, payload: { name: unique('库 '), kind: place.kind ?? 'central', ...place } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

export async function receive(h: Harness, who: SignedInUser, storeId: number, partId: number, qty: number, serials?: string[]) {
  const res = await h.request({ method: 'POST', url: '/api/stock/receipts', cookie: who.cookie, payload: { storeId, partId, qty, ...(serials && { serials }) } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

export interface LevelView {
  onHand: number;
  reserved: number;
  faulty: number;
  available: number;
  minimum: number;
  belowMinimum: boolean;
}

/** A part's level in a store as the API shows it; zeros when it has none. */
export async function level(h: Harness, who: SignedInUser, storeId: number, partId: number): Promise<LevelView> {
  const res = await h.request({ method: 'GET', url: `/api/stock?storeId=${storeId}&partId=${partId}`, cookie: who.cookie });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items[0] ?? { onHand: 0, reserved: 0, faulty: 0, available: 0, minimum: 0, belowMinimum: false };
}

/** A storekeeper, a central store and a part with some stock in it. */
export async function stocked(h: Harness, qty = 5, extra: { serialTracked?: boolean } = {}) {
  const keeper = await h.user(['storekeeper']);
  const store = await createStore(h, keeper);
  const part = await createPart(h, keeper, extra);
  const serials = extra.serialTracked ? Array.from({ length: qty }, () => unique('SN').toUpperCase()) : undefined;
  if (qty > 0) await receive(h, keeper, store.id, part.id, qty, serials);
  return { keeper, store, part, serials: serials ?? [] };
}

/** A vendor, made by a manager (who keeps the vendor records). */
export async function createVendor(h: Harness): Promise<{ id: number; name: string }> {
  const manager = await h.user(['manager']);
  const res = await h.request({ method: 'POST', url: '/api/vendors', cookie: manager.cookie, payload: { name: unique('Vendor ') } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/**
 * Faulty stock in a store, the way it really arrives: the failed part an engineer takes out on a
 * fault's visit comes back as faulty (serials for a serial-tracked part). Returns the fault.
 */
export async function faultyStock(h: Harness, keeper: SignedInUser, storeId: number, partId: number, qty: number, serials?: string[]) {
  const f = await faultOnSite(h);
  const res = await h.request({
    method: 'POST',
    url: `/api/dispatches/${f.visit.id}/parts/movements`,
    cookie: keeper.cookie,
    payload: { kind: 'return_faulty', partId, storeId, qty, ...(serials && { serials }), reason: '硬盘故障' },
  });
  expect(res.statusCode, res.body).toBe(200);
  return f;
}

/** Every stock level against the sum of its ledger rows (the ledger is the truth, issue 7). */
export async function levelsMatchLedger(h: Harness): Promise<void> {
  const db = h.database.db;
  const levels = await db.selectFrom('stock_levels').selectAll().execute();
  const sums = await db
    .selectFrom('stock_ledger')
    .select(['part_id', 'store_id'])
    .select((eb) => [eb.fn.sum<number | string>('qty_delta_on_hand').as('on_hand'), eb.fn.sum<number | string>('qty_delta_reserved').as('reserved'), eb.fn.sum<number | string>('qty_delta_faulty').as('faulty')])
    .groupBy(['part_id', 'store_id'])
    .execute();
  const key = (r: { part_id: number; store_id: number }) => `${r.part_id}:${r.store_id}`;
  const fromLedger = new Map(sums.map((s) => [key(s), { on_hand: Number(s.on_hand), reserved: Number(s.reserved), faulty: Number(s.faulty) }]));
  for (const l of levels) expect({ key: key(l), on_hand: l.on_hand, reserved: l.reserved, faulty: l.faulty }).toEqual({ key: key(l), ...(fromLedger.get(key(l)) ?? { on_hand: 0, reserved: 0, faulty: 0 }) });
}
