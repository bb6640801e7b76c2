import { expect } from 'vitest';
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
