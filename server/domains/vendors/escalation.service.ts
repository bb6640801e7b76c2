import { remoteSessionsOf, visitsWithLogsOf } from '../field/field-records.js';
import type { Deps } from '../../deps.js';
import type { Executor } from '../../db/database.js';
import { writeTransaction } from '../../db/group-commit.js';
import type { TicketRow, VendorEscalationRow } from '../../db/schema.js';
import type { RequestContext } from '../../http/actor.js';
import { AppError } from '../../http/errors.js';
import type { Locale } from '../../http/messages.js';
import { getAsset } from '../assets/asset.service.js';
import { recordAudit } from '../audit/audit.service.js';
import { getContact } from '../contacts/contact.service.js';
import { getCustomer } from '../customers/customer.service.js';
import { siteNames } from '../sites/site.service.js';
import { listEvents, recordOnTicket, ticketChanged, ticketInScope, type TicketEventInput } from '../tickets/ticket.service.js';
import { userSummaries } from '../users/user.service.js';
import { composeBrief, type BriefAction, type BriefFacts } from './escalation-brief.js';
import * as repo from './escalation.repository.js';
import type { CreateEscalationBody, EntryDirection, EscalationDto, EscalationEntryBody, EscalationState, UpdateEscalationBody } from './escalation.schemas.js';
import { vendorForEscalation, vendorNames } from './vendor.service.js';

/** Vendor escalation is a step of fault work: consultations and complaints have no device to hand over. */
const NOT_ESCALATED: readonly string[] = ['consultation', 'complaint'];

// A brief reads the whole timeline; past this many events the oldest are what matters least.
const MAX_BRIEF_EVENTS = 2000;

function actorName(ctx: RequestContext): string {
  return ctx.actor?.displayName || ctx.actor?.username || 'system';
}

function assertEscalatable(ticket: TicketRow): void {
  if (NOT_ESCALATED.includes(ticket.kind)) throw new AppError('field_service_not_applicable');
}

// ---------------------------------------------------------------------------------------------
// The brief

/** The timeline's actions (notes, replies, calls, status changes, earlier escalations) with who took them. */
async function timelineActions(deps: Deps, ctx: RequestContext, ticketId: number): Promise<{ actorId: number | null; action: BriefAction }[]> {
  const out: { actorId: number | null; action: BriefAction }[] = [];
  let cursor: string | undefined;
  let read = 0;
  do {
    const page = await listEvents(deps, ctx, ticketId, { cursor, limit: 500 });
    read += page.items.length;
    for (const e of page.items) {
      const base = { at: e.at, who: e.actorName };
      const data = e.data;
      const text = (key: string) => (typeof data[key] === 'string' ? (data[key] as string) : '');
      let action: BriefAction | null = null;
      if (e.type === 'note' || e.type === 'reply') action = { ...base, kind: e.type, body: e.body };
      else if (e.type === 'call') {
        const seconds = typeof data.durationSec === 'number' ? data.durationSec : null;
        action = { ...base, kind: 'call', callerName: text('callerName'), minutes: seconds === null ? null : Math.max(1, Math.round(seconds / 60)), body: e.body || text('summary') };
      } else if (e.type === 'status') action = { ...base, kind: 'status', from: text('from'), to: text('to'), body: e.body };
      else if (e.type === 'escalation') action = { ...base, kind: 'escalation', action: text('action'), vendorName: text('vendorName'), caseNumber: text('caseNumber') };
      // Remote sessions and visits are read from their own records below, with their results.
      if (action) out.push({ actorId: e.actorId, action });
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor && read < MAX_BRIEF_EVENTS);
  return out;
}

async function gatherFacts(deps: Deps, ctx: RequestContext, ticket: TicketRow): Promise<BriefFacts> {
  const db = deps.db;
  const [customer, asset, events, sessions, logs] = await Promise.all([
    getCustomer(deps, ctx, ticket.customer_id),
    ticket.asset_id === null ? null : getAsset(deps, ctx, ticket.asset_id),
    timelineActions(deps, ctx, ticket.id),
    remoteSessionsOf(db, ticket.id),
    visitsWithLogsOf(db, ticket.id).then((visits) =>
      visits.flatMap((v) => v.logs.map((l) => ({ ...l, number: v.number, arrived_at: v.arrived_at }))).sort((a, b) => a.at - b.at || a.id - b.id),
    ),
  ]);
  const site = asset?.siteId ? ((await siteNames(db, [asset.siteId])).get(asset.siteId) ?? null) : null;
  let caller = { name: ticket.caller_name, phone: ticket.caller_phone };
  if ((!caller.name || !caller.phone) && ticket.contact_id !== null) {
    const person = await getContact(deps, ctx, ticket.contact_id).catch(() => null);
    if (person) caller = { name: caller.name || person.name, phone: caller.phone || person.mobile || person.phone };
  }

  const people = await userSummaries(db, [
    ...events.map((e) => e.actorId),
    ...sessions.map((s) => s.engineer_user_id),
    ...logs.map((l) => l.author_user_id),
  ].filter((id): id is number => id !== null));
  const nameOf = (id: number | null, fallback: string) => (id !== null ? (people.get(id)?.displayName ?? fallback) : fallback);

  const actions: BriefAction[] = events.map((e) => ({ ...e.action, who: nameOf(e.actorId, e.action.who) }));
  for (const s of sessions) {
    actions.push({ at: s.started_at, who: nameOf(s.engineer_user_id, ''), kind: 'remote', method: s.method, findings: s.findings, actions: s.actions, result: s.result });
  }
  const arrivals = new Map<string, number>();
  for (const l of logs) {
    if (l.arrived_at !== null) arrivals.set(l.number, l.arrived_at);
    actions.push({ at: l.at, who: nameOf(l.author_user_id, l.author_name), kind: 'visit_log', visit: l.number, body: l.body });
  }
  for (const [visit, at] of arrivals) actions.push({ at, who: '', kind: 'arrival', visit });

  return {
    ticket: { number: ticket.number, title: ticket.title, grade: ticket.grade, description: ticket.description, debugInfo: ticket.debug_info, createdAt: ticket.created_at },
    customer: { name: customer.name, address: customer.address, phone: customer.phone },
    site: site ? { name: site.name, address: site.address } : null,
    caller,
    asset: asset && {
      serialNumber: asset.serialNumber,
      vendor: asset.vendor,
      model: asset.model,
      softwareVersion: asset.softwareVersion,
      firmwareVersion: asset.firmwareVersion,
      hostname: asset.hostname,
      ipAddress: asset.ipAddress,
    },
    actions,
  };
}

/**
 * The hand-over for the vendor, compiled from the ticket (R6): the customer and site, the caller,
 * the device and its versions, the fault, and every action taken with its result, in time order,
 * in the request's language. The engineer edits it before opening the escalation.
 */
export async function getEscalationBrief(deps: Deps, ctx: RequestContext, ticketId: number): Promise<{ text: string }> {
  const ticket = await ticketInScope(deps.db, ctx, ticketId);
  assertEscalatable(ticket);
  return { text: composeBrief(await gatherFacts(deps, ctx, ticket), ctx.locale) };
}

// ---------------------------------------------------------------------------------------------
// Escalations

async function presentEscalations(db: Executor, rows: VendorEscalationRow[]): Promise<EscalationDto[]> {
  const [vendors, entries, people] = await Promise.all([
    vendorNames(db, rows.map((r) => r.vendor_id)),
    repo.findEntries(db, rows.map((r) => r.id)),
    userSummaries(db, rows.map((r) => r.opened_by_user_id).filter((id): id is number => id !== null)),
  ]);
  return rows.map((r) => ({
    id: r.id,
    ticketId: r.ticket_id,
    vendorId: r.vendor_id,
    vendorName: vendors.get(r.vendor_id) ?? '',
    caseNumber: r.case_number,
    state: r.state as EscalationState,
    brief: r.brief,
    openedById: r.opened_by_user_id,
    openedByName: r.opened_by_user_id === null ? '' : (people.get(r.opened_by_user_id)?.displayName ?? ''),
    openedAt: r.opened_at,
    closedAt: r.closed_at,
    updatedAt: r.updated_at,
    entries: entries
      .filter((e) => e.escalation_id === r.id)
      .map((e) => ({ id: e.id, at: e.at, direction: e.direction as EntryDirection, body: e.body, actorId: e.actor_user_id, actorName: e.actor_name })),
  }));
}

async function presentEscalation(db: Executor, row: VendorEscalationRow): Promise<EscalationDto> {
  return (await presentEscalations(db, [row]))[0]!;
}

/** An escalation whose ticket the requester may see; "not found" otherwise. */
async function loadEscalation(db: Executor, ctx: RequestContext, id: number): Promise<{ row: VendorEscalationRow; ticket: TicketRow }> {
  const row = await repo.findEscalationById(db, id);
  if (!row) throw new AppError('escalation_not_found');
  const ticket = await ticketInScope(db, ctx, row.ticket_id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'ticket_not_found') throw new AppError('escalation_not_found');
    throw error;
  });
  return { row, ticket };
}

type EscalationAction = 'opened' | 'sent' | 'received' | 'closed';

const EVENT_TEXT: Record<Locale, Record<EscalationAction, string>> = {
  'zh-CN': { opened: '已上报厂商 {vendor}', sent: '发给厂商 {vendor}', received: '厂商 {vendor} 答复', closed: '厂商 {vendor} 支持结束' },
  en: { opened: 'Escalated to {vendor}', sent: 'Sent to {vendor}', received: 'Answer from {vendor}', closed: 'Case with {vendor} closed' },
};
const CASE_TEXT: Record<Locale, string> = { 'zh-CN': '(案例号 {case})', en: ' (case {case})' };
const EVENT_SNIPPET = 200;

/** The timeline entry of an escalation step (internal: the customer does not see vendor traffic). */
function escalationEvent(ctx: RequestContext, action: EscalationAction, esc: { id: number; vendorName: string; caseNumber: string }, extra: { text?: string; contactName?: string } = {}): TicketEventInput {
  let body = EVENT_TEXT[ctx.locale][action].replace('{vendor}', esc.vendorName);
  if (esc.caseNumber) body += CASE_TEXT[ctx.locale].replace('{case}', esc.caseNumber);
  if (extra.contactName) body += ` · ${extra.contactName}`;
  const text = extra.text?.replace(/\s+/g, ' ').trim();
  if (text) body += `${ctx.locale === 'en' ? ': ' : ':'}${text.length > EVENT_SNIPPET ? `${text.slice(0, EVENT_SNIPPET - 1)}…` : text}`;
  return {
    type: 'escalation',
    internal: true,
    body,
    data: { action, escalationId: esc.id, vendorName: esc.vendorName, caseNumber: esc.caseNumber, ...(extra.contactName && { contactName: extra.contactName }) },
  };
}

/** A ticket's escalations to vendors, oldest first, with their entries. Staff only (routes). */
export async function listEscalations(deps: Deps, ctx: RequestContext, ticketId: number): Promise<{ items: EscalationDto[] }> {
  await ticketInScope(deps.db, ctx, ticketId);
  return { items: await presentEscalations(deps.db, await repo.findEscalationsOfTicket(deps.db, ticketId)) };
}

/**
 * Escalates a fault to a vendor's support (R6): records the brief as the first entry sent, the
 * vendor's case number if there is one yet, and moves the ticket to "escalated" when its flow
 * allows it from where it stands. Not for a closed ticket or an inactive vendor.
 */
export async function openEscalation(deps: Deps, ctx: RequestContext, ticketId: number, input: CreateEscalationBody): Promise<EscalationDto> {
  const { dto, ticket } = await writeTransaction(deps, async (trx) => {
    const ticket = await ticketInScope(trx, ctx, ticketId);
    assertEscalatable(ticket);
    if (ticket.status === 'closed') throw new AppError('ticket_closed');
    const vendor = await vendorForEscalation(trx, input.vendorId);
    if (!vendor.active) throw new AppError('vendor_inactive', {}, { field: 'vendorId' });
    const now = deps.clock.now();
    const caseNumber = input.caseNumber?.trim() ?? '';
    const brief = input.brief.trim();
    const id = await repo.insertEscalation(trx, {
      ticket_id: ticket.id,
      customer_id: ticket.customer_id,
      vendor_id: vendor.id,
      case_number: caseNumber,
      state: 'open',
      brief,
      opened_by_user_id: ctx.actor?.userId ?? null,
      opened_at: now,
      closed_at: null,
      updated_at: now,
    });
    await repo.insertEntry(trx, { escalation_id: id, at: now, direction: 'sent', body: brief, actor_user_id: ctx.actor?.userId ?? null, actor_name: actorName(ctx) });
    const contactName = input.contactName?.trim() || undefined;
    const changed = await recordOnTicket(trx, deps, ctx, ticket.id, {
      events: [escalationEvent(ctx, 'opened', { id, vendorName: vendor.name, caseNumber }, { contactName })],
      moveTo: 'escalated',
    });
    const dto = await presentEscalation(trx, (await repo.findEscalationById(trx, id))!);
    await recordAudit(trx, deps.clock, ctx, { action: 'vendor_escalation.open', entityType: 'vendor_escalation', entityId: id, after: { ...dto, contactName: contactName ?? null } });
    return { dto, ticket: changed };
  });
  ticketChanged(deps, ticket);
  return dto;
}

/** Where an entry takes the escalation: the vendor's answer makes it answered; a follow-up sent after one waits for the vendor again. */
function stateAfterEntry(state: EscalationState, direction: EntryDirection): EscalationState {
  if (direction === 'received') return 'answered';
  if (direction === 'sent' && state === 'answered') return 'waiting_vendor';
  return state;
}

/**
 * Records a message on an escalation: what was sent to the vendor, the vendor's answer, or a note.
 * Messages each way also go on the ticket's timeline; a closed escalation takes none.
 */
export async function addEscalationEntry(deps: Deps, ctx: RequestContext, id: number, input: EscalationEntryBody): Promise<EscalationDto> {
  const { dto, ticket } = await writeTransaction(deps, async (trx) => {
    const { row } = await loadEscalation(trx, ctx, id);
    if (row.state === 'closed') throw new AppError('escalation_closed');
    const now = deps.clock.now();
    const body = input.body.trim();
    const entryId = await repo.insertEntry(trx, { escalation_id: id, at: now, direction: input.direction, body, actor_user_id: ctx.actor?.userId ?? null, actor_name: actorName(ctx) });
    const state = stateAfterEntry(row.state as EscalationState, input.direction);
    await repo.updateEscalation(trx, id, { state, updated_at: now });
    let changed: TicketRow | null = null;
    if (input.direction !== 'note') {
      const vendorName = (await vendorNames(trx, [row.vendor_id])).get(row.vendor_id) ?? '';
      changed = await recordOnTicket(trx, deps, ctx, row.ticket_id, { events: [escalationEvent(ctx, input.direction, { id, vendorName, caseNumber: row.case_number }, { text: body })] });
    }
    const dto = await presentEscalation(trx, (await repo.findEscalationById(trx, id))!);
    await recordAudit(trx, deps.clock, ctx, {
      action: 'vendor_escalation.entry',
      entityType: 'vendor_escalation',
      entityId: id,
      before: { state: row.state },
      after: { state, entry: { id: entryId, direction: input.direction, body } },
    });
    return { dto, ticket: changed };
  });
  if (ticket) ticketChanged(deps, ticket);
  return dto;
}

/**
 * Sets the vendor's case number or moves the escalation along (open, waiting for the vendor,
 * answered, closed). Closing is final and stamps the time; a closed escalation changes no more.
 */
export async function updateEscalation(deps: Deps, ctx: RequestContext, id: number, patch: UpdateEscalationBody): Promise<EscalationDto> {
  const { dto, ticket } = await writeTransaction(deps, async (trx) => {
    const { row } = await loadEscalation(trx, ctx, id);
    if (row.state === 'closed') throw new AppError('escalation_closed');
    const now = deps.clock.now();
    const caseNumber = patch.caseNumber?.trim() ?? row.case_number;
    const state = patch.state ?? (row.state as EscalationState);
    const closing = state === 'closed';
    await repo.updateEscalation(trx, id, { case_number: caseNumber, state, ...(closing && { closed_at: now }), updated_at: now });
    const before = await presentEscalation(trx, row);
    const after = await presentEscalation(trx, (await repo.findEscalationById(trx, id))!);
    let changed: TicketRow | null = null;
    if (closing) {
      changed = await recordOnTicket(trx, deps, ctx, row.ticket_id, { events: [escalationEvent(ctx, 'closed', { id, vendorName: after.vendorName, caseNumber })] });
    }
    const strip = ({ entries: _entries, brief: _brief, ...rest }: EscalationDto) => rest;
    await recordAudit(trx, deps.clock, ctx, { action: closing ? 'vendor_escalation.close' : 'vendor_escalation.update', entityType: 'vendor_escalation', entityId: id, before: strip(before), after: strip(after) });
    return { dto: after, ticket: changed };
  });
  if (ticket) ticketChanged(deps, ticket);
  return dto;
}
