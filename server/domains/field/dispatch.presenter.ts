import type { Executor } from '../../db/database.js';
import type { DispatchRow, VisitLogRow } from '../../db/schema.js';
import { isStaff, type Actor } from '../../http/actor.js';
import { assetFacts } from '../assets/asset.service.js';
import { customerNames } from '../customers/customer.service.js';
import { siteNames } from '../sites/site.service.js';
import { ticketFacts } from '../tickets/ticket.service.js';
import { userSummaries } from '../users/user.service.js';
import { dispatchSteps } from './dispatch.steps.js';
import { mayRecordAnyVisit } from './field.policy.js';
import * as repo from './field.repository.js';
import type { DispatchDto, DispatchState, VisitLogDto } from './field.schemas.js';
import { findLatestForms } from './service-form.repository.js';

const present = (ids: (number | null)[]) => [...new Set(ids.filter((id): id is number => id !== null))];

/** Whether a person may record steps on this visit: one of its engineers, or a dispatcher. */
export function isOnVisit(actor: Actor, engineerIds: readonly number[]): boolean {
  return mayRecordAnyVisit(actor) || engineerIds.includes(actor.userId);
}

/** Visits as the API shows them, with their ticket, site, asset, engineers and latest form. */
export async function presentDispatches(db: Executor, rows: DispatchRow[], actor: Actor): Promise<DispatchDto[]> {
  if (rows.length === 0) return [];
  const [tickets, engineers, forms] = await Promise.all([
    ticketFacts(db, present(rows.map((r) => r.ticket_id))),
    repo.findDispatchEngineers(db, rows.map((r) => r.id)),
    findLatestForms(db, rows.map((r) => r.id)),
  ]);
  const [customers, sites, assets, people] = await Promise.all([
    customerNames(db, present(rows.map((r) => r.customer_id))),
    siteNames(db, present(rows.map((r) => r.site_id))),
    assetFacts(db, present([...tickets.values()].map((t) => t.assetId))),
    userSummaries(db, [...engineers.values()].flat()),
  ]);
  return rows.map((r) => {
    const ticket = tickets.get(r.ticket_id)!;
    const site = r.site_id === null ? undefined : sites.get(r.site_id);
    const asset = ticket.assetId === null ? undefined : assets.get(ticket.assetId);
    const engineerIds = engineers.get(r.id) ?? [];
    const form = forms.get(r.id);
    const state = r.state as DispatchState;
    return {
      id: r.id,
      number: r.number,
      ticketId: r.ticket_id,
      ticketNumber: ticket.number,
      ticketTitle: ticket.title,
      ticketStatus: ticket.status,
      grade: ticket.grade,
      customerId: r.customer_id,
      customerName: customers.get(r.customer_id)?.name ?? '',
      site: site && r.site_id !== null ? { id: r.site_id, name: site.name, address: site.address } : null,
      asset: asset ? { id: asset.id, serial: asset.serialNumber, model: asset.model, category: asset.category } : null,
      callerName: ticket.callerName,
      callerPhone: ticket.callerPhone,
      state,
      plannedAt: r.planned_at,
      engineers: engineerIds.map((id) => ({ id, name: people.get(id)?.displayName ?? String(id) })),
      bring: r.bring,
      notes: r.notes,
      partsUsed: r.parts_used,
      acceptedAt: r.accepted_at,
      departedAt: r.departed_at,
      arrivedAt: r.arrived_at,
      leftAt: r.left_at,
      cancelledAt: r.cancelled_at,
      cancelReason: r.cancel_reason,
      noFormReason: r.no_form_reason,
      form: form ? { id: form.id, version: form.version, state: form.state, satisfaction: form.satisfaction } : null,
      steps: isStaff(actor) && isOnVisit(actor, engineerIds) ? dispatchSteps(state, { mayCancel: mayRecordAnyVisit(actor) }) : [],
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  });
}

/** A visit's work log, with the photos' file facts. */
export async function presentVisitLogs(db: Executor, ticketId: number, rows: VisitLogRow[]): Promise<VisitLogDto[]> {
  const files = new Map((await repo.findTicketAttachments(db, ticketId, present(rows.map((r) => r.attachment_id)))).map((a) => [a.id, a]));
  return rows.map((r) => {
    const file = r.attachment_id === null ? undefined : files.get(r.attachment_id);
    return {
      id: r.id,
      at: r.at,
      authorName: r.author_name,
      body: r.body,
      attachment: file ? { id: file.id, name: file.file_name, contentType: file.content_type } : null,
    };
  });
}
