import { apiUrl, request } from './client';

/**
 * Field service (R6, R7, R9, R13): remote diagnosis, visits (派工单) with their steps and work log,
 * how a fault was resolved, service forms (服务表格) and their signing, and an asset's repair
 * records. Mirrors server/domains/field/field.schemas.ts and service-form.schemas.ts by hand.
 */

// ---- remote diagnosis (R6) ----
export const REMOTE_METHODS = ['phone', 'remote_login'] as const;
export type RemoteMethod = (typeof REMOTE_METHODS)[number];
/** What a remote session came to: still going, fixed remotely, or it needs a visit or the vendor. */
export const REMOTE_RESULTS = ['in_progress', 'solved', 'needs_visit', 'needs_vendor'] as const;
export type RemoteResult = (typeof REMOTE_RESULTS)[number];

export interface RemoteSession {
  id: number;
  ticketId: number;
  method: RemoteMethod;
  engineerId: number | null;
  engineerName: string | null;
  startedAt: number;
  endedAt: number | null;
  findings: string;
  actions: string;
  result: RemoteResult;
  createdAt: number;
  updatedAt: number;
}

export interface RemoteSessionInput {
  method: RemoteMethod;
  startedAt?: number;
  endedAt?: number | null;
  findings?: string;
  actions?: string;
  result?: RemoteResult;
}

export type RemoteSessionPatch = Partial<Pick<RemoteSessionInput, 'endedAt' | 'findings' | 'actions' | 'result'>>;

// ---- dispatch and visits (R7) ----
/** planned → accepted → en_route → on_site → done; or cancelled before arriving. */
export const DISPATCH_STATES = ['planned', 'accepted', 'en_route', 'on_site', 'done', 'cancelled'] as const;
export type DispatchState = (typeof DISPATCH_STATES)[number];
export const DISPATCH_STEPS = ['accept', 'depart', 'arrive', 'leave', 'cancel'] as const;
export type DispatchStep = (typeof DISPATCH_STEPS)[number];

export interface Person {
  id: number;
  name: string;
}

export interface VisitLog {
  id: number;
  at: number;
  authorName: string;
  body: string;
  attachment: { id: number; name: string; contentType: string } | null;
}

/** The latest version of a visit's service form, as a visit list shows it. */
export interface DispatchFormSummary {
  id: number;
  version: number;
  state: string;
  satisfaction: string;
}

export interface Dispatch {
  id: number;
  /** The ticket number and the visit: GZ-20261124-0007-D2. */
  number: string;
  ticketId: number;
  ticketNumber: string;
  ticketTitle: string;
  ticketStatus: string;
  grade: string | null;
  customerId: number;
  customerName: string;
  site: { id: number; name: string; address: string } | null;
  asset: { id: number; serial: string; model: string; category: string } | null;
  callerName: string;
  callerPhone: string;
  state: DispatchState;
  plannedAt: number;
  engineers: Person[];
  bring: string;
  notes: string;
  partsUsed: string;
  acceptedAt: number | null;
  departedAt: number | null;
  arrivedAt: number | null;
  leftAt: number | null;
  cancelledAt: number | null;
  cancelReason: string;
  noFormReason: string;
  form: DispatchFormSummary | null;
  /** Steps the requester may take now (empty for anyone not on the visit). */
  steps: DispatchStep[];
  createdAt: number;
  updatedAt: number;
}

export interface DispatchDetail extends Dispatch {
  /** The provider's work log; empty for customer contacts. */
  logs: VisitLog[];
}

export interface DispatchInput {
  engineerIds: number[];
  plannedAt: number;
  siteId?: number | null;
  bring?: string;
  notes?: string;
}

export interface DispatchPatch {
  engineerIds?: number[];
  plannedAt?: number;
  siteId?: number | null;
  bring?: string;
  notes?: string;
  partsUsed?: string;
  noFormReason?: string;
}

export type MyJobsScope = 'today' | 'open' | 'done';

// ---- resolution (R6) ----
export const SOFTWARE_METHODS = ['config_change', 'software_update'] as const;
export const HARDWARE_METHODS = ['repair', 'part_replaced', 'device_replaced', 'loaner_installed'] as const;
export const RESOLUTION_METHODS = [...SOFTWARE_METHODS, ...HARDWARE_METHODS] as const;
export type ResolutionMethod = (typeof RESOLUTION_METHODS)[number];

export interface Resolution {
  ticketId: number;
  method: ResolutionMethod;
  kind: 'software' | 'hardware';
  details: string;
  rootCause: string;
  versionBefore: string;
  versionAfter: string;
  restoredAt: number;
  recordedBy: string | null;
  recordedAt: number;
}

export interface ResolutionInput {
  method: ResolutionMethod;
  details: string;
  rootCause?: string;
  restoredAt: number;
  versionBefore?: string;
  versionAfter?: string;
  /** For a software update: which version of the asset the new one replaces. */
  versionField?: 'software' | 'firmware';
}

// ---- the maintenance archive (R13) ----
export interface RepairRecord {
  ticketId: number;
  ticketNumber: string;
  title: string;
  kind: string;
  status: string;
  createdAt: number;
  closedAt: number | null;
  resolution: { method: string; restoredAt: number; rootCause: string } | null;
  visits: {
    id: number;
    number: string;
    state: string;
    arrivedAt: number | null;
    leftAt: number | null;
    engineers: string[];
    form: { id: number; version: number; state: string; satisfaction: string; signedAt: number | null } | null;
  }[];
}

export interface AssetRepairs {
  counts: { tickets: number; visits: number; signedForms: number; satisfied: number; average: number; dissatisfied: number };
  items: RepairRecord[];
  nextCursor: string | null;
}

// ---- service forms (R9) ----
/** 满意 / 一般 / 不满意 */
export const SATISFACTIONS = ['satisfied', 'average', 'dissatisfied'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];
export const FORM_STATES = ['draft', 'signed', 'superseded'] as const;
export type FormState = (typeof FORM_STATES)[number];
export type PdfLang = 'zh-CN' | 'en';

export interface FormContent {
  ticketNumber: string;
  customerName: string;
  siteName: string | null;
  siteAddress: string | null;
  asset: { serial: string; model: string; category: string } | null;
  engineers: string[];
  times: { plannedAt: number | null; departedAt: number | null; arrivedAt: number | null; leftAt: number | null };
  /** 服务内容 */
  serviceContent: string;
  workDone: string;
  /** 服务实施结果 */
  result: string;
  partsUsed: string;
}

export interface ServiceForm {
  id: number;
  /** The visit's number. */
  number: string;
  version: number;
  state: FormState;
  dispatchId: number;
  ticketId: number;
  customerId: number;
  content: FormContent;
  signerName: string;
  /** 'screen' (the engineer's device), 'link' (e-mailed one-time link) or 'portal'. */
  signedVia: string;
  signedAt: number | null;
  /** satisfied, average, dissatisfied; '' before signing. */
  satisfaction: string;
  comment: string;
  signatureDataUrl: string | null;
  /** SHA-256 of the signed content and signature. */
  contentHash: string;
  /** Whether the stored form still matches its hash (null before signing). */
  hashVerified: boolean | null;
  versions: { id: number; version: number; state: string; signedAt: number | null }[];
  createdAt: number;
  updatedAt: number;
}

export interface FormTexts {
  serviceContent?: string;
  workDone?: string;
  result?: string;
  partsUsed?: string;
}

export interface SignInput {
  signerName: string;
  /** data:image/png;base64,… as a canvas gives it. */
  signature: string;
  satisfaction: Satisfaction;
  comment?: string;
}

// ---- calls ----
export const listRemoteSessions = (ticketId: number) => request<{ items: RemoteSession[] }>(`/api/tickets/${ticketId}/remote-sessions`);
export const createRemoteSession = (ticketId: number, input: RemoteSessionInput) =>
  request<RemoteSession>(`/api/tickets/${ticketId}/remote-sessions`, { method: 'POST', body: input });
export const updateRemoteSession = (id: number, patch: RemoteSessionPatch) => request<RemoteSession>(`/api/remote-sessions/${id}`, { method: 'PATCH', body: patch });

export const listTicketDispatches = (ticketId: number) => request<{ items: Dispatch[] }>(`/api/tickets/${ticketId}/dispatches`);
export const createDispatch = (ticketId: number, input: DispatchInput) => request<Dispatch>(`/api/tickets/${ticketId}/dispatches`, { method: 'POST', body: input });
export const listMyDispatches = (scope: MyJobsScope) => request<{ items: Dispatch[] }>('/api/dispatches/mine', { query: { scope } });
export const getDispatch = (id: number) => request<DispatchDetail>(`/api/dispatches/${id}`);
export const updateDispatch = (id: number, patch: DispatchPatch) => request<Dispatch>(`/api/dispatches/${id}`, { method: 'PATCH', body: patch });
export const takeDispatchStep = (id: number, step: DispatchStep, reason?: string) =>
  request<Dispatch>(`/api/dispatches/${id}/steps`, { method: 'POST', body: { step, ...(reason ? { reason } : {}) } });
/** Adds text and/or a photo already uploaded to the ticket; answers the visit with its log. */
export const addVisitLog = (id: number, input: { body?: string; attachmentId?: number }) =>
  request<DispatchDetail>(`/api/dispatches/${id}/logs`, { method: 'POST', body: input });

export const getResolution = (ticketId: number) => request<Resolution | null>(`/api/tickets/${ticketId}/resolution`);
export const recordResolution = (ticketId: number, input: ResolutionInput) => request<Resolution>(`/api/tickets/${ticketId}/resolution`, { method: 'PUT', body: input });
export const listAssetRepairs = (assetId: number, params: { cursor?: string; limit?: number } = {}) =>
  request<AssetRepairs>(`/api/assets/${assetId}/repairs`, { query: { ...params } });

export const getVisitForm = (dispatchId: number) => request<ServiceForm | null>(`/api/dispatches/${dispatchId}/service-form`);
export const createServiceForm = (dispatchId: number, texts: FormTexts = {}) =>
  request<ServiceForm>(`/api/dispatches/${dispatchId}/service-form`, { method: 'POST', body: texts });
export const getServiceForm = (id: number) => request<ServiceForm>(`/api/service-forms/${id}`);
/** Changes a draft in place; changing a signed form answers its next version, a new draft. */
export const updateServiceForm = (id: number, texts: FormTexts) => request<ServiceForm>(`/api/service-forms/${id}`, { method: 'PATCH', body: texts });
export const signServiceForm = (id: number, input: SignInput) => request<ServiceForm>(`/api/service-forms/${id}/sign`, { method: 'POST', body: input });
/** E-mails a one-time sign link; 503 mail_not_configured when the server has no SMTP. */
export const sendSignLink = (id: number, email: string, lang?: PdfLang) =>
  request<{ email: string; expiresAt: number }>(`/api/service-forms/${id}/sign-link`, { method: 'POST', body: { email, ...(lang ? { lang } : {}) } });
export const emailServiceForm = (id: number, to: string[], lang?: PdfLang) =>
  request<{ sentTo: string[] }>(`/api/service-forms/${id}/email`, { method: 'POST', body: { to, ...(lang ? { lang } : {}) } });
export const serviceFormPdfUrl = (id: number, lang: PdfLang) => apiUrl(`/api/service-forms/${id}/pdf`, { lang });

// The customer's side of an e-mailed sign link: no account, the token is the key.
export const getFormByLink = (id: number, token: string) => request<ServiceForm>(`/api/public/service-forms/${id}`, { query: { token } });
export const signFormByLink = (id: number, token: string, input: SignInput) =>
  request<ServiceForm>(`/api/public/service-forms/${id}/sign`, { method: 'POST', query: { token }, body: input });
