import { apiUrl, request } from './client';

/** Fault analysis reports (故障分析说明, R10): drafted, edited, approved by a manager, delivered. */
export type ReportState = 'draft' | 'approved' | 'delivered';

/** The five texts of a report, in the order they are printed. */
export const REPORT_SECTIONS = ['summary', 'timeline', 'cause', 'handling', 'prevention'] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

export interface FaultReport extends Record<ReportSection, string> {
  id: number;
  ticketId: number;
  ticketNumber: string;
  customerId: number;
  state: ReportState;
  draftedById: number | null;
  draftedByName: string | null;
  approvedById: number | null;
  approvedByName: string | null;
  approvedAt: number | null;
  deliveredAt: number | null;
  /** Addresses the PDF was e-mailed to on delivery. */
  deliveredTo: string[];
  createdAt: number;
  updatedAt: number;
}

export type ReportTexts = Partial<Record<ReportSection, string>>;

/** A ticket's report; 404 report_not_found when there is none (or, for a customer contact, none delivered yet). */
export const getTicketReport = (ticketId: number) => request<FaultReport>(`/api/tickets/${ticketId}/report`);
/** Drafts the report from the ticket, in the UI's language. */
export const draftTicketReport = (ticketId: number) => request<FaultReport>(`/api/tickets/${ticketId}/report`, { method: 'POST' });
/** Edits sections; an approved report goes back to draft. */
export const updateReport = (id: number, texts: ReportTexts) => request<FaultReport>(`/api/reports/${id}`, { method: 'PATCH', body: texts });
export const approveReport = (id: number) => request<FaultReport>(`/api/reports/${id}/approve`, { method: 'POST' });
/** Delivers an approved report, e-mailing the PDF to `emails` first when given. */
export const deliverReport = (id: number, emails: string[]) =>
  request<FaultReport>(`/api/reports/${id}/deliver`, { method: 'POST', body: emails.length ? { emails } : {} });
/** The PDF download link in a language. */
export const reportPdfUrl = (id: number, lang: 'zh-CN' | 'en') => apiUrl(`/api/reports/${id}/pdf`, { lang });
