import { remoteSessionsOf, resolutionOf, visitsWithLogsOf } from '../field/field-records.js';
import type { Deps } from '../../deps.js';
import type { Executor } from '../../db/database.js';
import { writeTransaction } from '../../db/group-commit.js';
import type { FaultReportRow } from '../../db/schema.js';
import type { RequestContext } from '../../http/actor.js';
import { AppError, isAppError } from '../../http/errors.js';
import type { Locale } from '../../http/messages.js';
import { assertInScope } from '../../http/scope.js';
import { renderFaultReportPdf } from '../../shared/pdf/fault-report.pdf.js';
import { recordAudit } from '../audit/audit.service.js';
import type { TicketDto } from '../tickets/ticket.schemas.js';
import { getTicket, recordOnTicket, ticketChanged, ticketNumbers } from '../tickets/ticket.service.js';
import { userSummaries } from '../users/user.service.js';
import { draftReport } from './fault-report.draft.js';
import { reportPolicy } from './fault-report.policy.js';
import * as repo from './fault-report.repository.js';
import { REPORT_SECTIONS, type DeliverReportBody, type FaultReportDto, type ReportSection, type ReportState, type UpdateReportBody } from './fault-report.schemas.js';

/** Printed at the head of every report, until the provider's own name is a setting. */
const PROVIDER_NAME: Record<Locale, string> = { 'zh-CN': '客户服务中心', en: 'Customer Service Centre' };

type Step = 'edited' | 'approved' | 'delivered';

const WORDS = {
  'zh-CN': {
    states: { draft: '草稿', approved: '已审批', delivered: '已交付' },
    steps: { edited: '修改', approved: '审批', delivered: '交付' },
    sections: { summary: '摘要', timeline: '经过', cause: '原因', handling: '处理', prevention: '预防措施' },
    listSep: '、',
    fileName: (n: string) => `${n}-故障分析说明.pdf`,
    subject: (n: string, title: string) => `故障分析说明 ${n}:${title}`,
    body: (n: string, title: string, provider: string) => `您好:\n\n附件是工单 ${n}(${title})的故障分析说明,请查收。\n\n${provider}`,
  },
  en: {
    states: { draft: 'a draft', approved: 'approved', delivered: 'delivered' },
    steps: { edited: 'edited', approved: 'approved', delivered: 'delivered' },
    sections: { summary: 'summary', timeline: 'timeline', cause: 'cause', handling: 'handling', prevention: 'prevention' },
    listSep: ', ',
    fileName: (n: string) => `${n}-fault-analysis.pdf`,
    subject: (n: string, title: string) => `Fault analysis report ${n}: ${title}`,
    body: (n: string, title: string, provider: string) => `Hello,\n\nPlease find attached the fault analysis report for ticket ${n} (${title}).\n\n${provider}`,
  },
} as const satisfies Record<Locale, unknown>;

function invalidStep(ctx: RequestContext, state: string, step: Step): AppError {
  const w = WORDS[ctx.locale];
  return new AppError('report_invalid_step', { state: w.states[state as ReportState] ?? state, step: w.steps[step] }, { state, step });
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** The timeline entry of a report step; only the delivery is the customer's to see (and stops the R4 clock). */
function reportEvent(action: 'drafted' | 'approved' | 'delivered' | 'reopened', reportId: number, extra: Record<string, unknown> = {}) {
  return { type: 'report' as const, internal: action !== 'delivered', data: { action, reportId, ...extra } };
}

function deliveredTo(row: FaultReportRow): string[] {
  return row.delivered_to ? (JSON.parse(row.delivered_to) as string[]) : [];
}

function texts(row: Pick<FaultReportRow, ReportSection>): Record<ReportSection, string> {
  return Object.fromEntries(REPORT_SECTIONS.map((s) => [s, row[s]])) as Record<ReportSection, string>;
}

async function presentReport(db: Executor, row: FaultReportRow): Promise<FaultReportDto> {
  const userIds = [row.drafted_by_user_id, row.approved_by_user_id].filter((id): id is number => id !== null);
  const [numbers, users] = await Promise.all([ticketNumbers(db, [row.ticket_id]), userSummaries(db, userIds)]);
  const name = (id: number | null) => (id === null ? null : (users.get(id)?.displayName ?? null));
  return {
    id: row.id,
    ticketId: row.ticket_id,
    ticketNumber: numbers.get(row.ticket_id) ?? '',
    customerId: row.customer_id,
    state: row.state as ReportState,
    ...texts(row),
    draftedById: row.drafted_by_user_id,
    draftedByName: name(row.drafted_by_user_id),
    approvedById: row.approved_by_user_id,
    approvedByName: name(row.approved_by_user_id),
    approvedAt: row.approved_at,
    deliveredAt: row.delivered_at,
    deliveredTo: deliveredTo(row),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A customer contact sees a report only once it is delivered; before that it does not exist for them. */
function assertVisible(ctx: RequestContext, row: FaultReportRow | undefined): FaultReportRow {
  const scoped = assertInScope(ctx, row, 'report_not_found');
  if (scoped.state !== 'delivered' && !reportPolicy.seesUndelivered(ctx.actor!)) throw new AppError('report_not_found');
  return scoped;
}

async function loadReport(db: Executor, ctx: RequestContext, id: number): Promise<FaultReportRow> {
  return assertVisible(ctx, await repo.findReport(db, id));
}

/** When service came back: the recorded resolution's time, else the ticket's first step to restored. */
async function restoredTime(db: Executor, ticketId: number): Promise<number | null> {
  const resolution = await resolutionOf(db, ticketId);
  return resolution?.restored_at ?? (await repo.findFirstRestoredStep(db, ticketId));
}

async function draftTexts(deps: Deps, ctx: RequestContext, ticket: TicketDto): Promise<Record<ReportSection, string>> {
  const db = deps.db;
  const [events, remoteSessions, visits, resolution, restoredAt] = await Promise.all([
    repo.findKeyEvents(db, ticket.id),
    remoteSessionsOf(db, ticket.id),
    visitsWithLogsOf(db, ticket.id).then((visits) => visits.map((v) => ({ ...v, logs: v.logs.map((l) => l.body.trim()).filter(Boolean) }))),
    resolutionOf(db, ticket.id),
    restoredTime(db, ticket.id),
  ]);
  return draftReport(
    {
      ticket,
      restoredAt,
      events: events.map((e) => ({ at: e.at, type: e.type, body: e.body, data: JSON.parse(e.data_json || '{}') as Record<string, unknown> })),
      remoteSessions,
      visits,
      resolution: resolution ?? null,
    },
    ctx.locale,
    deps.config.timeZone,
  );
}

/** A ticket's fault analysis report; "not found" when there is none or the requester may not see it yet. */
export async function getTicketReport(deps: Deps, ctx: RequestContext, ticketId: number): Promise<FaultReportDto> {
  const ticket = await getTicket(deps, ctx, ticketId);
  return presentReport(deps.db, assertVisible(ctx, await repo.findReportByTicket(deps.db, ticket.id)));
}

/**
 * Drafts a fault's analysis report (R10) from what its ticket recorded: summary, timeline, cause
 * and handling filled in, prevention left to the engineer. One per ticket.
 */
export async function draftFaultReport(deps: Deps, ctx: RequestContext, ticketId: number): Promise<FaultReportDto> {
  const ticket = await getTicket(deps, ctx, ticketId);
  if (ticket.kind !== 'fault') throw new AppError('field_service_not_applicable');
  if (await repo.findReportByTicket(deps.db, ticketId)) throw new AppError('report_exists');
  const draft = await draftTexts(deps, ctx, ticket);
  const { row, ticketRow } = await writeTransaction(deps, async (trx) => {
    if (await repo.findReportByTicket(trx, ticketId)) throw new AppError('report_exists');
    const now = deps.clock.now();
    let id: number;
    try {
      id = await repo.insertReport(trx, {
        ticket_id: ticketId,
        customer_id: ticket.customerId,
        state: 'draft',
        ...draft,
        drafted_by_user_id: ctx.actor?.userId ?? null,
        created_at: now,
        updated_at: now,
      });
    } catch (error) {
      // Two drafts racing for one ticket: the unique ticket_id lets one through.
      if (isUniqueViolation(error)) throw new AppError('report_exists');
      throw error;
    }
    const ticketRow = await recordOnTicket(trx, deps, ctx, ticketId, { events: [reportEvent('drafted', id)] });
    await recordAudit(trx, deps.clock, ctx, { action: 'fault_report.draft', entityType: 'fault_report', entityId: id, after: { ticketId, ...draft } });
    return { row: (await repo.findReport(trx, id))!, ticketRow };
  });
  ticketChanged(deps, ticketRow);
  return presentReport(deps.db, row);
}

/**
 * Edits a report's texts. A change to an approved report sends it back to draft without its
 * approval (a manager approves what is delivered, R10); a delivered report no longer changes.
 */
export async function updateFaultReport(deps: Deps, ctx: RequestContext, id: number, patch: UpdateReportBody): Promise<FaultReportDto> {
  const { row, ticketRow } = await writeTransaction(deps, async (trx) => {
    const before = await loadReport(trx, ctx, id);
    if (before.state === 'delivered') throw invalidStep(ctx, before.state, 'edited');
    const changes = Object.fromEntries(REPORT_SECTIONS.flatMap((s) => (patch[s] !== undefined && patch[s] !== before[s] ? [[s, patch[s]]] : []))) as Partial<Record<ReportSection, string>>;
    if (Object.keys(changes).length === 0) return { row: before, ticketRow: null };
    const reopened = before.state === 'approved';
    await repo.updateReport(trx, id, {
      ...changes,
      ...(reopened && { state: 'draft', approved_by_user_id: null, approved_at: null }),
      updated_at: deps.clock.now(),
    });
    const ticketRow = reopened ? await recordOnTicket(trx, deps, ctx, before.ticket_id, { events: [reportEvent('reopened', id)] }) : null;
    const was = Object.fromEntries(Object.keys(changes).map((k) => [k, before[k as ReportSection]]));
    await recordAudit(trx, deps.clock, ctx, {
      action: 'fault_report.update',
      entityType: 'fault_report',
      entityId: id,
      before: { state: before.state, ...was },
      after: { state: reopened ? 'draft' : before.state, ...changes },
    });
    return { row: (await repo.findReport(trx, id))!, ticketRow };
  });
  if (ticketRow) ticketChanged(deps, ticketRow);
  return presentReport(deps.db, row);
}

/** Approves a draft whose five sections are all written (managers and administrators). */
export async function approveFaultReport(deps: Deps, ctx: RequestContext, id: number): Promise<FaultReportDto> {
  const { row, ticketRow } = await writeTransaction(deps, async (trx) => {
    const before = await loadReport(trx, ctx, id);
    if (before.state !== 'draft') throw invalidStep(ctx, before.state, 'approved');
    const missing = REPORT_SECTIONS.filter((s) => !before[s].trim());
    if (missing.length > 0) {
      const w = WORDS[ctx.locale];
      throw new AppError('report_incomplete', { fields: missing.map((s) => w.sections[s]).join(w.listSep) }, { fields: missing });
    }
    const now = deps.clock.now();
    await repo.updateReport(trx, id, { state: 'approved', approved_by_user_id: ctx.actor?.userId ?? null, approved_at: now, updated_at: now });
    const ticketRow = await recordOnTicket(trx, deps, ctx, before.ticket_id, { events: [reportEvent('approved', id)] });
    await recordAudit(trx, deps.clock, ctx, { action: 'fault_report.approve', entityType: 'fault_report', entityId: id, before: { state: before.state }, after: { state: 'approved' } });
    return { row: (await repo.findReport(trx, id))!, ticketRow };
  });
  ticketChanged(deps, ticketRow);
  return presentReport(deps.db, row);
}

/** The report as printed: the ticket's facts and the five sections, in the given language. */
async function renderReport(deps: Deps, ctx: RequestContext, row: FaultReportRow, locale: Locale): Promise<{ ticket: TicketDto; fileName: string; data: Buffer }> {
  const ticket = await getTicket(deps, ctx, row.ticket_id);
  const [restoredAt, users] = await Promise.all([restoredTime(deps.db, row.ticket_id), userSummaries(deps.db, row.approved_by_user_id === null ? [] : [row.approved_by_user_id])]);
  const data = await renderFaultReportPdf(
    {
      ticketNumber: ticket.number,
      title: ticket.title,
      customerName: ticket.customerName,
      asset: ticket.assetSerial ? { serial: ticket.assetSerial, model: ticket.assetModel ?? '' } : null,
      grade: ticket.grade,
      reportedAt: ticket.createdAt,
      restoredAt,
      ...texts(row),
      approvedBy: row.approved_by_user_id === null ? null : (users.get(row.approved_by_user_id)?.displayName ?? null),
      approvedAt: row.approved_at,
      timeZone: deps.config.timeZone,
      providerName: PROVIDER_NAME[locale],
    },
    locale,
    deps.clock.now(),
  );
  return { ticket, fileName: WORDS[locale].fileName(ticket.number), data };
}

/**
 * Delivers an approved report to the customer (R10): the public timeline entry stops the report's
 * 3-day clock (R4). With addresses, the PDF is e-mailed first, in the requester's language; if
 * the mail cannot be sent nothing is delivered and the error is returned.
 */
export async function deliverFaultReport(deps: Deps, ctx: RequestContext, id: number, input: DeliverReportBody): Promise<FaultReportDto> {
  const emails = [...new Set((input.emails ?? []).map((e) => e.trim()).filter(Boolean))];
  const current = await loadReport(deps.db, ctx, id);
  if (current.state !== 'approved') throw invalidStep(ctx, current.state, 'delivered');
  let rejected: string[] = [];
  if (emails.length > 0) {
    const mailer = deps.mailer;
    if (!mailer?.configured) throw new AppError('mail_not_configured');
    // Sent before the delivery is written, and outside its transaction: an SMTP conversation must
    // not hold the database's writer (SQLite commits in groups), and a failed send writes nothing.
    const { ticket, fileName, data } = await renderReport(deps, ctx, current, ctx.locale);
    const w = WORDS[ctx.locale];
    try {
      const sent = await mailer.send({
        to: emails,
        subject: w.subject(ticket.number, ticket.title),
        text: w.body(ticket.number, ticket.title, PROVIDER_NAME[ctx.locale]),
        attachments: [{ filename: fileName, content: data, contentType: 'application/pdf' }],
      });
      // The server took the mail for the others: it is delivered to them, and the record says so.
      rejected = sent.rejected;
    } catch (error) {
      if (isAppError(error)) throw error;
      throw new AppError('mail_failed');
    }
  }
  const sentTo = emails.filter((e) => !rejected.includes(e));
  const { row, ticketRow } = await writeTransaction(deps, async (trx) => {
    const before = await loadReport(trx, ctx, id);
    // Changed while the mail was on its way (edited, or delivered by someone else): what was sent
    // is not what is on record, so nothing is delivered.
    if (before.state !== 'approved' || before.updated_at !== current.updated_at) throw invalidStep(ctx, before.state, 'delivered');
    const now = deps.clock.now();
    await repo.updateReport(trx, id, { state: 'delivered', delivered_at: now, delivered_to: sentTo.length ? JSON.stringify(sentTo) : '', updated_at: now });
    const ticketRow = await recordOnTicket(trx, deps, ctx, before.ticket_id, { events: [reportEvent('delivered', id, sentTo.length ? { emails: sentTo } : {})] });
    await recordAudit(trx, deps.clock, ctx, {
      action: 'fault_report.deliver',
      entityType: 'fault_report',
      entityId: id,
      before: { state: before.state },
      after: { state: 'delivered', emails: sentTo, ...(rejected.length && { rejected }) },
    });
    return { row: (await repo.findReport(trx, id))!, ticketRow };
  });
  ticketChanged(deps, ticketRow);
  return presentReport(deps.db, row);
}

/** The report as a PDF in the given language (the request's when absent), with its file name. */
export async function faultReportPdf(deps: Deps, ctx: RequestContext, id: number, lang?: Locale): Promise<{ fileName: string; data: Buffer }> {
  const row = await loadReport(deps.db, ctx, id);
  const { fileName, data } = await renderReport(deps, ctx, row, lang ?? ctx.locale);
  return { fileName, data };
}
