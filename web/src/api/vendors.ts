import { request } from './client';
import type { Page } from './types';

/** Vendors (原厂) and escalations of faults to their support (R6). Mirrors server/domains/vendors. */

export interface VendorContact {
  id: number;
  name: string;
  role: string;
  phone: string;
  email: string;
}

export interface Vendor {
  id: number;
  name: string;
  supportPhone: string;
  supportEmail: string;
  portalUrl: string;
  notes: string;
  active: boolean;
  contacts: VendorContact[];
  createdAt: number;
  updatedAt: number;
}

/** A contact as sent: with the id of one to keep, without for a new one. */
export interface VendorContactInput {
  id?: number;
  name: string;
  role?: string;
  phone?: string;
  email?: string;
}

export interface VendorInput {
  name?: string;
  supportPhone?: string;
  supportEmail?: string;
  portalUrl?: string;
  notes?: string;
  active?: boolean;
  /** The whole list: contacts left out are removed. */
  contacts?: VendorContactInput[];
}

export interface VendorListParams {
  q?: string;
  active?: boolean;
  cursor?: string;
  limit?: number;
}

export const ESCALATION_STATES = ['open', 'waiting_vendor', 'answered', 'closed'] as const;
export type EscalationState = (typeof ESCALATION_STATES)[number];
export const ENTRY_DIRECTIONS = ['received', 'sent', 'note'] as const;
export type EntryDirection = (typeof ENTRY_DIRECTIONS)[number];

export interface EscalationEntry {
  id: number;
  at: number;
  direction: EntryDirection;
  body: string;
  actorId: number | null;
  actorName: string;
}

export interface Escalation {
  id: number;
  ticketId: number;
  vendorId: number;
  vendorName: string;
  caseNumber: string;
  state: EscalationState;
  brief: string;
  openedById: number | null;
  openedByName: string;
  openedAt: number;
  closedAt: number | null;
  updatedAt: number;
  /** Oldest first; the first is the brief as sent. */
  entries: EscalationEntry[];
}

export interface EscalationInput {
  vendorId: number;
  caseNumber?: string;
  brief: string;
  contactName?: string;
}

// ---- vendors ----
export const listVendors = (params: VendorListParams = {}) => request<Page<Vendor>>('/api/vendors', { query: { ...params } });
export const getVendor = (id: number) => request<Vendor>(`/api/vendors/${id}`);
export const createVendor = (input: VendorInput & { name: string }) => request<Vendor>('/api/vendors', { method: 'POST', body: input });
/** Changes a vendor; `contacts`, when given, replaces the list whole. */
export const updateVendor = (id: number, input: VendorInput) => request<Vendor>(`/api/vendors/${id}`, { method: 'PATCH', body: input });

// ---- escalations ----
/** The hand-over compiled from the ticket, in the UI language, for the engineer to edit. */
export const getEscalationBrief = (ticketId: number) => request<{ text: string }>(`/api/tickets/${ticketId}/escalation-brief`);
export const listEscalations = (ticketId: number) => request<{ items: Escalation[] }>(`/api/tickets/${ticketId}/escalations`);
export const openEscalation = (ticketId: number, input: EscalationInput) =>
  request<Escalation>(`/api/tickets/${ticketId}/escalations`, { method: 'POST', body: input });
/** A received entry is the vendor's answer and makes the escalation answered; closed escalations take none (409). */
export const addEscalationEntry = (id: number, input: { direction: EntryDirection; body: string }) =>
  request<Escalation>(`/api/escalations/${id}/entries`, { method: 'POST', body: input });
export const updateEscalation = (id: number, input: { caseNumber?: string; state?: EscalationState }) =>
  request<Escalation>(`/api/escalations/${id}`, { method: 'PATCH', body: input });
