import type { Deps } from '../../deps.js';
import type { Executor } from '../../db/database.js';
import { writeTransaction } from '../../db/group-commit.js';
import type { DispatchRow, TicketRow } from '../../db/schema.js';
import { isStaff, type RequestContext } from '../../http/actor.js';
import { AppError } from '../../http/errors.js';
import { customerScope } from '../../http/scope.js';
import { recordAudit } from '../audit/audit.service.js';
import { assetFacts } from '../assets/asset.service.js';
import { instantOf, localDayOf } from '../clocks/zone.js';
import { notifyDispatched } from '../notifications/notification.service.js';
import { releaseDispatchReservations } from '../parts/dispatch-parts.service.js';
import { siteCustomer } from '../sites/site.service.js';
import { recordOnTicket, ticketChanged, ticketInScope, type TicketEventInput } from '../tickets/ticket.service.js';
import { activeStaffIds, userSummaries } from '../users/user.service.js';
import { isOnVisit, presentDispatches, presentVisitLogs } from './dispatch.presenter.js';
import { nextDispatchState, stepTimes } from './dispatch.steps.js';
import { mayRecordAnyVisit } from './field.policy.js';
import * as repo from './field.repository.js';
import type { CreateDispatchBody, DispatchDetailDto, DispatchDto, DispatchState, DispatchStepBody, MyDispatchesQuery, UpdateDispatchBody, VisitLogBody } from './field.schemas.js';

/** Ticket kinds that get remote diagnosis and visits: faults, upgrades and service requests. */
const FIELD_KINDS = new Set(['fault', 'upgrade', 'service_request']);

/** A ticket the requester may see that can take field work: open, and of a kind that has it. */
export function assertFieldWorkable(ticket: TicketRow): void {
  if (!FIELD_KINDS.has(ticket.kind)) throw new AppError('field_service_not_applicable');
  if (ticket.status === 'closed') throw new AppError('ticket_closed');
}

function actorName(ctx: RequestContext): string {
  return ctx.actor?.displayName ?? ctx.actor?.username ?? 'system';
}

/** A visit the requester may see (its customer's contacts, and staff); "not found" otherwise. */
export async function dispatchInScope(db: Executor, ctx: RequestContext, id: number, options: { engine?: Deps['engine']; lock?: boolean } = {}): Promise<DispatchRow> {
  const row = await repo.findDispatch(db, id, options);
  const scope = customerScope(ctx);
  if (!row || (scope !== null && row.customer_id !== scope)) throw new AppError('dispatch_not_found');
  return row;
}

async function engineersOf(db: Executor, dispatchId: number): Promise<number[]> {
  return (await repo.findDispatchEngineers(db, [dispatchId])).get(dispatchId) ?? [];
}

async function checkEngineers(db: Executor, ids: number[]): Promise<void> {
  const active = await activeStaffIds(db, ids);
  const missing = ids.filter((id) => !active.has(id));
  if (missing.length > 0) throw new AppError('dispatch_invalid', { summary: `engineers ${missing.join(', ')} are not active staff` }, { engineerIds: missing });
}

async function checkSite(db: Executor, ticket: TicketRow, siteId: number | null | undefined): Promise<void> {
  if (siteId === null || siteId === undefined) return;
  if ((await siteCustomer(db, siteId)) !== ticket.customer_id) throw new AppError('dispatch_invalid', { summary: 'the site is not one of the customer’s' }, { siteId });
}

/** The engineers' names, for the timeline's text. */
async function engineerNames(db: Executor, ids: number[]): Promise<string> {
  const people = await userSummaries(db, ids);
  return ids.map((id) => people.get(id)?.displayName ?? String(id)).join(', ');
}

function dispatchEvent(row: Pick<DispatchRow, 'id' | 'number'>, action: string, extra: { body?: string; data?: Record<string, unknown>; internal?: boolean } = {}): TicketEventInput {
  return { type: 'dispatch', internal: extra.internal ?? false, body: extra.body, data: { action, dispatchId: row.id, number: row.number, ...extra.data } };
}

async function presentOne(deps: Deps, ctx: RequestContext, id: number): Promise<DispatchDto> {
  return (await presentDispatches(deps.db, [(await repo.findDispatch(deps.db, id))!], ctx.actor!))[0]!;
}

/** A ticket's visits, oldest first. */
export async function listTicketDispatches(deps: Deps, ctx: RequestContext, ticketId: number): Promise<{ items: DispatchDto[] }> {
  await ticketInScope(deps.db, ctx, ticketId);
  return { items: await presentDispatches(deps.db, await repo.findDispatchesOfTicket(deps.db, ticketId), ctx.actor!) };
}

/** One visit with its work log (the log is the provider's: contacts see the visit without it). */
export async function getDispatch(deps: Deps, ctx: RequestContext, id: number): Promise<DispatchDetailDto> {
  const row = await dispatchInScope(deps.db, ctx, id);
  const [dto] = await presentDispatches(deps.db, [row], ctx.actor!);
  const logs = isStaff(ctx.actor!) ? await presentVisitLogs(deps.db, row.ticket_id, await repo.findVisitLogs(deps.db, id)) : [];
  return { ...dto!, logs };
}

/**
 * Sends engineers to a site (派工, R7): the order's number follows the ticket's, the site defaults
 * to the asset's, and the timeline tells the customer who is coming when.
 */
export async function createDispatch(deps: Deps, ctx: RequestContext, ticketId: number, input: CreateDispatchBody): Promise<DispatchDto> {
  const { id, ticket } = await writeTransaction(deps, async (trx) => {
    const ticket = await ticketInScope(trx, ctx, ticketId);
    assertFieldWorkable(ticket);
    await checkEngineers(trx, input.engineerIds);
    let siteId = input.siteId ?? null;
    if (input.siteId === undefined && ticket.asset_id !== null) siteId = (await assetFacts(trx, [ticket.asset_id])).get(ticket.asset_id)?.siteId ?? null;
    await checkSite(trx, ticket, siteId);
    const now = deps.clock.now();
    const number = `${ticket.number}-D${(await repo.countDispatchesOfTicket(trx, ticketId)) + 1}`;
    const id = await repo.insertDispatch(trx, {
      number,
      ticket_id: ticketId,
      customer_id: ticket.customer_id,
      site_id: siteId,
      state: 'planned',
      planned_at: input.plannedAt,
      bring: input.bring?.trim() ?? '',
      notes: input.notes?.trim() ?? '',
      created_by_user_id: ctx.actor?.userId ?? null,
      created_at: now,
      updated_at: now,
    });
    await repo.replaceDispatchEngineers(trx, id, input.engineerIds);
    await notifyDispatched(trx, deps, { userIds: input.engineerIds.filter((u) => u !== ctx.actor?.userId), ticketId, plannedAt: input.plannedAt });
    const names = await engineerNames(trx, input.engineerIds);
    await recordOnTicket(trx, deps, ctx, ticketId, { events: [dispatchEvent({ id, number }, 'created', { data: { plannedAt: input.plannedAt, engineers: names } })] });
    await recordAudit(trx, deps.clock, ctx, { action: 'dispatch.create', entityType: 'dispatch', entityId: id, after: { ticketId, number, plannedAt: input.plannedAt, engineerIds: input.engineerIds, siteId } });
    return { id, ticket };
  });
  ticketChanged(deps, ticket);
  return presentOne(deps, ctx, id);
}

/**
 * Changes a visit. Dispatchers re-plan it (engineers, time, site, what to bring); the engineers on
 * it record the parts used, notes and why there is no signed form.
 */
export async function updateDispatch(deps: Deps, ctx: RequestContext, id: number, patch: UpdateDispatchBody): Promise<DispatchDto> {
  await writeTransaction(deps, async (trx) => {
    const row = await dispatchInScope(trx, ctx, id, { engine: deps.engine, lock: true });
    const engineerIds = await engineersOf(trx, id);
    const planning = patch.engineerIds !== undefined || patch.plannedAt !== undefined || patch.siteId !== undefined || patch.bring !== undefined;
    if (planning ? !mayRecordAnyVisit(ctx.actor!) : !isOnVisit(ctx.actor!, engineerIds)) throw new AppError('not_your_dispatch');
    if (planning && !['planned', 'accepted'].includes(row.state)) throw new AppError('dispatch_invalid_step', { state: row.state, step: 'replan' });
    const ticket = await ticketInScope(trx, ctx, row.ticket_id);
    if (patch.engineerIds) await checkEngineers(trx, patch.engineerIds);
    if (patch.siteId !== undefined) await checkSite(trx, ticket, patch.siteId);
    const now = deps.clock.now();
    await repo.updateDispatch(trx, id, {
      ...(patch.plannedAt !== undefined && { planned_at: patch.plannedAt }),
      ...(patch.siteId !== undefined && { site_id: patch.siteId }),
      ...(patch.bring !== undefined && { bring: patch.bring.trim() }),
      ...(patch.notes !== undefined && { notes: patch.notes.trim() }),
      ...(patch.partsUsed !== undefined && { parts_used: patch.partsUsed.trim() }),
      ...(patch.noFormReason !== undefined && { no_form_reason: patch.noFormReason.trim() }),
      updated_at: now,
    });
    if (patch.engineerIds) {
      await repo.replaceDispatchEngineers(trx, id, patch.engineerIds);
      const added = patch.engineerIds.filter((u) => !engineerIds.includes(u) && u !== ctx.actor?.userId);
      await notifyDispatched(trx, deps, { userIds: added, ticketId: row.ticket_id, plannedAt: patch.plannedAt ?? row.planned_at });
    }
    await recordAudit(trx, deps.clock, ctx, {
      action: 'dispatch.update',
      entityType: 'dispatch',
      entityId: id,
      before: { plannedAt: row.planned_at, siteId: row.site_id, partsUsed: row.parts_used, noFormReason: row.no_form_reason, engineerIds },
      after: patch,
    });
  });
  return presentOne(deps, ctx, id);
}

const STEP_EVENTS: Record<DispatchStepBody['step'], readonly ('accepted' | 'departed' | 'arrived' | 'left' | 'cancelled')[]> = {
  accept: ['accepted'],
  depart: ['departed'],
  arrive: ['departed', 'arrived'],
  leave: ['left'],
  cancel: ['cancelled'],
};

/**
 * An engineer's step on a visit (R7): accept, depart, arrive (check in), leave (check out), or a
 * dispatcher's cancel. Departing and arriving stop the dispatch and arrival clocks (R4); arriving
 * moves the ticket on site when its flow allows; cancelling releases the parts reserved for it.
 */
export async function takeDispatchStep(deps: Deps, ctx: RequestContext, id: number, input: DispatchStepBody): Promise<DispatchDto> {
  const ticket = await writeTransaction(deps, async (trx) => {
    const row = await dispatchInScope(trx, ctx, id, { engine: deps.engine, lock: true });
    const engineerIds = await engineersOf(trx, id);
    if (!isOnVisit(ctx.actor!, engineerIds) || (input.step === 'cancel' && !mayRecordAnyVisit(ctx.actor!))) throw new AppError('not_your_dispatch');
    const next = nextDispatchState(row.state as DispatchState, input.step);
    if (next === null) throw new AppError('dispatch_invalid_step', { state: row.state, step: input.step }, { state: row.state, step: input.step });
    const now = deps.clock.now();
    const times = stepTimes(input.step, row, now);
    await repo.updateDispatch(trx, id, { state: next, ...times, ...(input.step === 'cancel' && { cancel_reason: input.reason?.trim() ?? '' }), updated_at: now });
    // A cancelled visit brings no parts: what was reserved for it is available again (R8).
    if (input.step === 'cancel') await releaseDispatchReservations(trx, deps, ctx, id, input.reason?.trim() || 'visit cancelled');
    // Only the check-points this step newly sets go on the timeline (arriving may also depart).
    const actions = STEP_EVENTS[input.step].filter((a) => a !== 'departed' || row.departed_at === null);
    const events = actions.map((action) => dispatchEvent(row, action, { body: action === 'cancelled' ? input.reason?.trim() || undefined : undefined, data: { by: actorName(ctx) } }));
    const ticket = await recordOnTicket(trx, deps, ctx, row.ticket_id, { events, moveTo: input.step === 'arrive' ? 'on_site' : undefined });
    await recordAudit(trx, deps.clock, ctx, { action: `dispatch.${input.step}`, entityType: 'dispatch', entityId: id, before: { state: row.state }, after: { state: next } });
    return ticket;
  });
  ticketChanged(deps, ticket);
  return presentOne(deps, ctx, id);
}

/**
 * Adds a line to a visit's work log, optionally with a photo already uploaded to the ticket. The
 * text also goes on the ticket's timeline as an internal entry, so the fault archive finds it.
 */
export async function addVisitLog(deps: Deps, ctx: RequestContext, id: number, input: VisitLogBody): Promise<DispatchDetailDto> {
  await writeTransaction(deps, async (trx) => {
    const row = await dispatchInScope(trx, ctx, id);
    if (!isOnVisit(ctx.actor!, await engineersOf(trx, id))) throw new AppError('not_your_dispatch');
    if (row.state === 'cancelled') throw new AppError('dispatch_invalid_step', { state: row.state, step: 'log' });
    const body = input.body?.trim() ?? '';
    if (input.attachmentId !== undefined && (await repo.findTicketAttachments(trx, row.ticket_id, [input.attachmentId])).length === 0) {
      throw new AppError('dispatch_invalid', { summary: 'the photo is not an attachment of this ticket' }, { attachmentId: input.attachmentId });
    }
    if (!body && input.attachmentId === undefined) throw new AppError('dispatch_invalid', { summary: 'write something or add a photo' });
    await repo.insertVisitLog(trx, { dispatch_id: id, at: deps.clock.now(), author_user_id: ctx.actor?.userId ?? null, author_name: actorName(ctx), body, attachment_id: input.attachmentId ?? null });
    if (body) await recordOnTicket(trx, deps, ctx, row.ticket_id, { events: [dispatchEvent(row, 'log', { body, internal: true, data: { attachmentId: input.attachmentId ?? null } })] });
  });
  return getDispatch(deps, ctx, id);
}

const OPEN_STATES: readonly DispatchState[] = ['planned', 'accepted', 'en_route', 'on_site'];

/** The engineer's jobs: open visits, today's (in the display time zone), or finished ones. */
export async function listMyDispatches(deps: Deps, ctx: RequestContext, query: MyDispatchesQuery): Promise<{ items: DispatchDto[] }> {
  const scope = query.scope ?? 'open';
  const userId = ctx.actor!.userId;
  let rows: DispatchRow[];
  if (scope === 'today') {
    const zone = deps.config.timeZone;
    const day = localDayOf(zone, deps.clock.now());
    rows = await repo.findDispatchesOfEngineer(deps.db, userId, {
      states: [...OPEN_STATES, 'done'],
      plannedFrom: instantOf(zone, day, 0),
      plannedTo: instantOf(zone, day + 1, 0),
      limit: 100,
    });
  } else {
    rows = await repo.findDispatchesOfEngineer(deps.db, userId, { states: scope === 'open' ? OPEN_STATES : ['done'], newestFirst: scope === 'done', limit: 100 });
  }
  return { items: await presentDispatches(deps.db, rows, ctx.actor!) };
}
