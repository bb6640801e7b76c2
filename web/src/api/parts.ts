import type { MovementKind, UnitState } from '../../../server/domains/parts/stock-movements';
import { request } from './client';
import type { Page, PageParams } from './types';

/**
 * Spare parts (R8, issue 7): the catalogue, the stores, stock levels derived from the ledger, the
 * storekeeper's movements, stock counts, serial-tracked units and the parts of a visit. Mirrors
 * server/domains/parts/parts.schemas.ts and stock.schemas.ts by hand; the movement kinds and unit
 * states are the server's own (a pure module).
 */

export { MOVEMENT_KINDS, UNIT_STATES } from '../../../server/domains/parts/stock-movements';
export type { MovementKind, UnitState };

export const STORE_KINDS = ['central', 'site', 'project'] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

// ---- the catalogue ----
export interface Part {
  id: number;
  /** The vendor's part number (FRU / 备件号), unique in the catalogue. */
  partNumber: string;
  vendor: string;
  description: string;
  /** Device models the part fits, as an asset's model is written. */
  models: string[];
  unit: string;
  serialTracked: boolean;
  active: boolean;
  notes: string;
  createdAt: number;
  updatedAt: number;
}

export interface PartInput {
  partNumber?: string;
  vendor?: string;
  description?: string;
  /** The whole list of models the part fits. */
  models?: string[];
  unit?: string;
  /** Changes only while the part has no stock movements (part_has_stock). */
  serialTracked?: boolean;
  active?: boolean;
  notes?: string;
}

export interface PartListParams extends PageParams {
  /** Part of the part number or description. */
  q?: string;
  /** Parts that fit this model (exact, ignoring case and spacing). */
  model?: string;
  active?: boolean;
}

// ---- stores ----
export interface Store {
  id: number;
  name: string;
  kind: StoreKind;
  customer: { id: number; name: string } | null;
  site: { id: number; name: string } | null;
  contract: { id: number; number: string; name: string } | null;
  notes: string;
  active: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface StoreInput {
  name?: string;
  kind?: StoreKind;
  customerId?: number | null;
  siteId?: number | null;
  contractId?: number | null;
  notes?: string;
  active?: boolean;
}

export interface StoreListParams extends PageParams {
  q?: string;
  kind?: StoreKind;
  customerId?: number;
  active?: boolean;
}

// ---- stock ----
export interface StockLevel {
  partId: number;
  partNumber: string;
  description: string;
  unit: string;
  serialTracked: boolean;
  storeId: number;
  storeName: string;
  storeKind: StoreKind;
  customerId: number | null;
  /** Good units in the store, reserved ones included. */
  onHand: number;
  /** Held for dispatches. */
  reserved: number;
  /** Failed units waiting for the vendor or scrapping; never offered as spares. */
  faulty: number;
  /** onHand − reserved. */
  available: number;
  /** 0 when none is set. */
  minimum: number;
  belowMinimum: boolean;
}

export interface StockParams extends PageParams {
  storeId?: number;
  partId?: number;
  belowMinimum?: boolean;
}

export interface StockEntry {
  id: number;
  at: number;
  kind: MovementKind;
  partId: number;
  partNumber: string;
  storeId: number;
  storeName: string;
  serial: string | null;
  qty: number;
  onHandDelta: number;
  reservedDelta: number;
  faultyDelta: number;
  dispatchId: number | null;
  ticketId: number | null;
  /** The RMA case the movement belongs to. */
  rmaId: number | null;
  /** The loan (备用机) the movement belongs to. */
  loanId: number | null;
  reason: string;
  actorName: string;
  /** The rows of one movement share it (a transfer's two rows, a count's adjustments). */
  batchId: string;
}

export interface MovementParams extends PageParams {
  storeId?: number;
  partId?: number;
  dispatchId?: number;
}

export interface MovementResult {
  batchId: string;
  entries: StockEntry[];
  /** The levels the movement changed, after it. */
  levels: StockLevel[];
}

export interface ReceiveInput {
  storeId: number;
  partId: number;
  qty: number;
  serials?: string[];
  reason?: string;
}

export interface TransferInput {
  fromStoreId: number;
  toStoreId: number;
  partId: number;
  qty: number;
  serials?: string[];
  reason?: string;
}

export interface AdjustInput {
  storeId: number;
  partId: number;
  /** Units found (+) or missing (−); not 0. */
  delta: number;
  serials?: string[];
  /** Required (stock_reason_required). */
  reason: string;
}

export interface ScrapInput {
  storeId: number;
  partId: number;
  qty: number;
  serials?: string[];
  /** Scrap faulty units (default: good stock). */
  faulty?: boolean;
  /** Required (stock_reason_required). */
  reason: string;
}

export interface CountLineInput {
  partId: number;
  counted: number;
  /** Serial-tracked parts: the serials found (as many as counted). */
  serials?: string[];
}

export interface CountResult {
  storeId: number;
  applied: boolean;
  batchId: string | null;
  lines: {
    partId: number;
    partNumber: string;
    /** On hand by the ledger. */
    expected: number;
    counted: number;
    /** counted − expected. */
    difference: number;
    missingSerials: string[];
    unexpectedSerials: string[];
  }[];
}

export interface StockUnit {
  id: number;
  partId: number;
  serial: string;
  storeId: number | null;
  state: UnitState;
  dispatchId: number | null;
  ticketId: number | null;
  updatedAt: number;
}

export interface UnitParams extends PageParams {
  partId: number;
  storeId?: number;
  state?: UnitState;
}

export interface SpareResult {
  model: string;
  customerId: number;
  /** A site or project store of the customer holds an available part fitting the model. */
  hasSpare: boolean;
  spares: { partId: number; partNumber: string; description: string; storeId: number; storeName: string; storeKind: StoreKind; available: number }[];
}

// ---- a visit's parts ----
/** The movements recorded on a visit after the reservation. */
export const DISPATCH_PART_STEPS = ['unreserve', 'issue', 'use', 'return_unused', 'return_faulty'] as const;
export type DispatchPartStep = (typeof DISPATCH_PART_STEPS)[number];

export interface DispatchPartLine {
  partId: number;
  partNumber: string;
  description: string;
  unit: string;
  serialTracked: boolean;
  storeId: number;
  storeName: string;
  /** Reserved in the store for this visit. */
  reserved: number;
  /** With the engineer: issued, not yet used or brought back. */
  issued: number;
  used: number;
  returnedUnused: number;
  returnedFaulty: number;
  units: { serial: string; state: UnitState }[];
}

export interface ReserveInput {
  partId: number;
  storeId: number;
  qty: number;
  serials?: string[];
}

export interface DispatchPartMovementInput extends ReserveInput {
  kind: DispatchPartStep;
  reason?: string;
}

/** What `stock_insufficient` carries in its details. */
export interface InsufficientDetails {
  partId: number;
  partNumber: string;
  storeId: number;
  storeName: string;
  available: number;
  requested: number;
  /** A visit's bucket the movement drew on: reserved for it, or issued to its engineers. */
  bucket?: 'reserved' | 'issued';
}

// ---- the catalogue ----
export const listParts = (params: PartListParams = {}) => request<Page<Part>>('/api/parts', { query: { ...params } });
export const getPart = (id: number) => request<Part>(`/api/parts/${id}`);
export const createPart = (input: PartInput & { partNumber: string }) => request<Part>('/api/parts', { method: 'POST', body: input });
export const updatePart = (id: number, input: PartInput) => request<Part>(`/api/parts/${id}`, { method: 'PATCH', body: input });

// ---- stores ----
export const listStores = (params: StoreListParams = {}) => request<Page<Store>>('/api/stores', { query: { ...params } });
export const getStore = (id: number) => request<Store>(`/api/stores/${id}`);
export const createStore = (input: StoreInput & { name: string; kind: StoreKind }) => request<Store>('/api/stores', { method: 'POST', body: input });
/** A store's kind and customer are fixed; its name, site, contract, notes and whether it is open change. */
export const updateStore = (id: number, input: Omit<StoreInput, 'kind' | 'customerId'>) => request<Store>(`/api/stores/${id}`, { method: 'PATCH', body: input });
/** Sets the store's minimum for a part (0 removes it); below it the storekeepers are alerted. */
export const setMinimum = (storeId: number, partId: number, minQty: number) =>
  request<StockLevel>(`/api/stores/${storeId}/minimums/${partId}`, { method: 'PUT', body: { minQty } });
/** A stock count (盘点): the differences against the ledger; `apply` writes them as adjustments. */
export const countStock = (storeId: number, lines: CountLineInput[], apply: boolean) =>
  request<CountResult>(`/api/stores/${storeId}/counts`, { method: 'POST', body: { lines, apply } });

// ---- stock ----
export const listStock = (params: StockParams = {}) => request<Page<StockLevel>>('/api/stock', { query: { ...params } });
export const listMovements = (params: MovementParams = {}) => request<Page<StockEntry>>('/api/stock/movements', { query: { ...params } });
export const listUnits = (params: UnitParams) => request<Page<StockUnit>>('/api/stock/units', { query: { ...params } });
export const spareForModel = (model: string, customerId: number) =>
  request<SpareResult>('/api/stock/spare-for-model', { query: { model, customerId } });
export const receiveStock = (input: ReceiveInput) => request<MovementResult>('/api/stock/receipts', { method: 'POST', body: input });
export const transferStock = (input: TransferInput) => request<MovementResult>('/api/stock/transfers', { method: 'POST', body: input });
export const adjustStock = (input: AdjustInput) => request<MovementResult>('/api/stock/adjustments', { method: 'POST', body: input });
export const scrapStock = (input: ScrapInput) => request<MovementResult>('/api/stock/scrappings', { method: 'POST', body: input });

// ---- a visit's parts ----
export const listDispatchParts = (dispatchId: number) => request<{ items: DispatchPartLine[] }>(`/api/dispatches/${dispatchId}/parts`);
export const reserveDispatchParts = (dispatchId: number, input: ReserveInput) =>
  request<{ items: DispatchPartLine[] }>(`/api/dispatches/${dispatchId}/parts`, { method: 'POST', body: input });
export const moveDispatchParts = (dispatchId: number, input: DispatchPartMovementInput) =>
  request<{ items: DispatchPartLine[] }>(`/api/dispatches/${dispatchId}/parts/movements`, { method: 'POST', body: input });
