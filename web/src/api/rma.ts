import { apiUrl, request } from './client';
import type { Page, PageParams } from './types';

/**
 * RMA cases and loaners (R6, R8; issue 7 items 5 and 6): faulty stock or a customer's device sent
 * to the vendor and taken back, and loaner devices (备用机) lent to a customer's site. Mirrors
 * server/domains/parts/rma.schemas.ts and loan.schemas.ts by hand.
 */

// ---- RMA ----
export const RMA_STATES = ['sent', 'received_repaired', 'received_replaced', 'closed', 'cancelled'] as const;
export type RmaState = (typeof RMA_STATES)[number];
export const RMA_OUTCOMES = ['repaired', 'replaced'] as const;
export type RmaOutcome = (typeof RMA_OUTCOMES)[number];

export interface Rma {
  id: number;
  /** RMA-YYYYMMDD-NNNN, by the day it was sent. */
  number: string;
  vendorId: number;
  vendorName: string;
  /** The vendor's own case or RMA number. */
  vendorCaseNumber: string;
  /** Faulty stock of a part, or a customer's whole device. */
  subject: 'part' | 'asset';
  partId: number | null;
  partNumber: string | null;
  /** The part's description, or the device's vendor and model. */
  description: string;
  assetId: number | null;
  customerId: number | null;
  /** The unit or device sent; null for parts not tracked by serial. */
  serial: string | null;
  qty: number;
  /** How many of qty have come back so far (bulk parts return in instalments). */
  receivedQty: number;
  /** The store the faulty stock left (part cases). */
  storeId: number | null;
  storeName: string | null;
  ticketId: number | null;
  ticketNumber: string | null;
  state: RmaState;
  sentAt: number;
  /** The day the vendor promised it back. */
  expectedReturn: string | null;
  /** Still with the vendor after the expected day. */
  overdue: boolean;
  receivedAt: number | null;
  /** The serial that came back (a replacement's may be new). */
  receivedSerial: string | null;
  receivedStoreId: number | null;
  receivedStoreName: string | null;
  notes: string;
  /** Why the case ended without a unit coming back. */
  closingReason: string;
  /** Who sent it. */
  actorName: string;
  createdAt: number;
  updatedAt: number;
}

export interface RmaInput {
  vendorId: number;
  /** A part's faulty stock in a store … */
  partId?: number;
  storeId?: number;
  /** Serial-tracked: the unit (else the store's oldest faulty one). */
  serial?: string;
  /** Not serial-tracked: how many. */
  qty?: number;
  /** … or a customer's whole device. */
  assetId?: number;
  ticketId?: number;
  vendorCaseNumber?: string;
  expectedReturn?: string;
  notes?: string;
}

export interface RmaReceiveInput {
  outcome: RmaOutcome;
  /** replaced: the new serial (required for serial-tracked parts and devices). */
  serial?: string;
  /** Part cases: the store the units come back into (by default the one they left). */
  storeId?: number;
  /** Parts not tracked by serial: how many came back now (default: all still out). */
  qty?: number;
  notes?: string;
}

export interface RmaFilters {
  /** open: still with the vendor. */
  state?: 'open' | RmaState;
  overdue?: boolean;
  vendorId?: number;
  storeId?: number;
  ticketId?: number;
}

export type RmaListParams = RmaFilters & PageParams;

export const listRmas = (params: RmaListParams = {}) => request<Page<Rma>>('/api/rma', { query: { ...params } });
export const getRma = (id: number) => request<Rma>(`/api/rma/${id}`);
export const createRma = (input: RmaInput) => request<Rma>('/api/rma', { method: 'POST', body: input });
export const receiveRma = (id: number, input: RmaReceiveInput) => request<Rma>(`/api/rma/${id}/receive`, { method: 'POST', body: input });
/** It never reached the vendor: a part's units are faulty stock again, a device back in service. */
export const cancelRma = (id: number, reason?: string) => request<Rma>(`/api/rma/${id}/cancel`, { method: 'POST', body: { reason } });
/** The vendor keeps it (credited, written off): nothing comes back. */
export const closeRma = (id: number, reason?: string) => request<Rma>(`/api/rma/${id}/close`, { method: 'POST', body: { reason } });
/** The .xlsx of the cases (the open ones unless a state is given), for a download link. */
export const rmaExportUrl = (filters: RmaFilters = {}) => apiUrl('/api/rma/export.xlsx', { ...filters });

// ---- loaners ----
export const LOAN_STATES = ['open', 'returned'] as const;
export type LoanState = (typeof LOAN_STATES)[number];

export interface Loan {
  id: number;
  /** JY-YYYYMMDD-NNNN (借用). */
  number: string;
  partId: number;
  partNumber: string;
  description: string;
  unitId: number;
  serial: string;
  /** The store it was lent from. */
  storeId: number;
  storeName: string;
  customerId: number;
  customerName: string;
  siteId: number | null;
  siteName: string | null;
  ticketId: number | null;
  ticketNumber: string | null;
  /** The loaner as the customer's asset while it is lent. */
  assetId: number | null;
  /** The faulty device it stands in for. */
  replacesAssetId: number | null;
  replacesSerial: string | null;
  state: LoanState;
  lentAt: number;
  expectedReturn: string | null;
  overdue: boolean;
  returnedAt: number | null;
  returnedStoreId: number | null;
  returnedStoreName: string | null;
  notes: string;
  actorName: string;
}

export interface LoanInput {
  /** The unit, or partId and serial. */
  unitId?: number;
  partId?: number;
  serial?: string;
  customerId: number;
  /** The faulty device's site by default. */
  siteId?: number;
  ticketId?: number;
  replacesAssetId?: number;
  expectedReturn?: string;
  /** The loaner's model as the customer's asset; by default the first model the part fits. */
  model?: string;
  notes?: string;
}

export interface LoanListParams extends PageParams {
  state?: LoanState;
  overdue?: boolean;
  customerId?: number;
}

export const listLoans = (params: LoanListParams = {}) => request<Page<Loan>>('/api/loans', { query: { ...params } });
export const getLoan = (id: number) => request<Loan>(`/api/loans/${id}`);
export const createLoan = (input: LoanInput) => request<Loan>('/api/loans', { method: 'POST', body: input });
export const returnLoan = (id: number, input: { storeId: number; notes?: string }) => request<Loan>(`/api/loans/${id}/return`, { method: 'POST', body: input });
