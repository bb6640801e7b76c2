import { Type, type Static } from '@sinclair/typebox';
import type { Deps } from '../../deps.js';
import { isStaff, type RequestContext } from '../../http/actor.js';
import { AppError } from '../../http/errors.js';
import { literalUnion } from '../../http/literals.js';
import { assertInScope } from '../../http/scope.js';
import { recordAudit } from '../audit/audit.service.js';
import { dropTicketClocks } from '../clocks/ticket-clock.service.js';
import { presentTickets } from './ticket.presenter.js';
import * as repo from './ticket.repository.js';
import { TicketListQuery, TicketSchema } from './ticket.schemas.js';

export const LinkBody = Type.Object(
  { ticketId: Type.Integer({ minimum: 1 }), type: literalUnion(['related', 'duplicate'] as const) },
  { additionalProperties: false },
);
export type LinkBody = Static<typeof LinkBody>;

export const MergeBody = Type.Object({ into: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });

export const LinksSchema = Type.Object({
  related: Type.Array(Type.Ref(TicketSchema)),
  duplicates: Type.Array(Type.Ref(TicketSchema), { description: 'Tickets merged into this one' }),
  duplicateOf: Type.Union([Type.Ref(TicketSchema), Type.Null()]),
  parent: Type.Union([Type.Ref(TicketSchema), Type.Null()]),
  children: Type.Array(Type.Ref(TicketSchema), { description: 'Callers’ tickets under a major incident' }),
});

export const ViewSchema = Type.Object(
  { id: Type.Integer(), name: Type.String(), query: Type.Record(Type.String(), Type.Unknown()), createdAt: Type.Integer() },
  { $id: 'TicketView' },
);
export const CreateViewBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 60 }), query: Type.Omit(TicketListQuery, ['cursor', 'limit']) },
  { additionalProperties: false },
);
export type CreateViewBody = Static<typeof CreateViewBody>;

async function loadBoth(deps: Deps, ctx: RequestContext, id: number, otherId: number) {
  const [a, b] = [await repo.findTicketById(deps.db, id), await repo.findTicketById(deps.db, otherId)];
  const ticket = assertInScope(ctx, a, 'ticket_not_found');
  const other = assertInScope(ctx, b, 'ticket_not_found');
  if (ticket.id === other.id || ticket.customer_id !== other.customer_id) throw new AppError('link_invalid');
  return { ticket, other };
}

/** Links two tickets of one customer as related, or marks the first a duplicate of the second (R1). */
export async function linkTickets(deps: Deps, ctx: RequestContext, id: number, input: LinkBody) {
  const { ticket, other } = await loadBoth(deps, ctx, id, input.ticketId);
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertLink(trx, { ticket_id: ticket.id, linked_id: other.id, type: input.type, created_at: deps.clock.now() });
    await recordAudit(trx, deps.clock, ctx, { action: 'ticket.link', entityType: 'ticket', entityId: ticket.id, after: { linkedId: other.id, type: input.type } });
  });
  return listLinks(deps, ctx, id);
}

/**
 * Removes the link between two tickets, whichever way it was made. A merge is not undone this way:
 * the merged ticket stays closed and its timeline keeps the merge.
 */
export async function unlinkTickets(deps: Deps, ctx: RequestContext, id: number, otherId: number) {
  const { ticket, other } = await loadBoth(deps, ctx, id, otherId);
  await deps.db.transaction().execute(async (trx) => {
    const removed = await repo.deleteLink(trx, ticket.id, other.id);
    if (!removed) throw new AppError('link_not_found');
    await recordAudit(trx, deps.clock, ctx, { action: 'ticket.unlink', entityType: 'ticket', entityId: ticket.id, before: { linkedId: other.id, type: removed } });
  });
  return listLinks(deps, ctx, id);
}

/**
 * Merges a duplicate into the ticket that carries the work: linked as duplicate, noted on both
 * timelines, and closed whatever its status, since the other ticket follows it to the end.
 */
export async function mergeTicket(deps: Deps, ctx: RequestContext, id: number, into: number) {
  const { ticket, other } = await loadBoth(deps, ctx, id, into);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertLink(trx, { ticket_id: ticket.id, linked_id: other.id, type: 'duplicate', created_at: now });
    await repo.updateTicketRow(trx, ticket.id, { status: 'closed', is_open: 0, closed_at: ticket.closed_at ?? now, updated_at: now, last_activity_at: now });
    const actor = { actor_user_id: ctx.actor?.userId ?? null, actor_name: ctx.actor?.username ?? 'system', at: now };
    await repo.insertEvent(trx, { ...actor, ticket_id: ticket.id, customer_id: ticket.customer_id, type: 'status', internal: 0, body: '', data_json: JSON.stringify({ from: ticket.status, to: 'closed', mergedInto: other.number }) });
    await repo.insertEvent(trx, { ...actor, ticket_id: other.id, customer_id: other.customer_id, type: 'field', internal: 0, body: '', data_json: JSON.stringify({ field: 'merged', from: null, to: ticket.number }) });
    // The surviving ticket carries the promises (R4); the duplicate's clocks go.
    await dropTicketClocks(trx, ticket.id);
    await recordAudit(trx, deps.clock, ctx, { action: 'ticket.merge', entityType: 'ticket', entityId: ticket.id, after: { into: other.id } });
  });
  return listLinks(deps, ctx, id);
}

/** A ticket's related tickets, duplicates, parent incident and children. */
export async function listLinks(deps: Deps, ctx: RequestContext, id: number) {
  const ticket = assertInScope(ctx, await repo.findTicketById(deps.db, id), 'ticket_not_found');
  const links = await repo.findLinks(deps.db, id);
  const otherOf = (l: { ticket_id: number; linked_id: number }) => (l.ticket_id === id ? l.linked_id : l.ticket_id);
  const children = await repo.findChildren(deps.db, id);
  const ids = [...links.map(otherOf), ...(ticket.parent_id ? [ticket.parent_id] : [])];
  const rows = (await repo.findTicketsByIds(deps.db, [...new Set(ids)])).filter((r) => r.customer_id === ticket.customer_id || isStaff(ctx.actor!));
  const presented = new Map((await presentTickets(deps.db, [...rows, ...children], ctx.actor, deps.clock.now())).map((t) => [t.id, t]));
  const pick = (ticketIds: number[]) => ticketIds.flatMap((t) => (presented.has(t) ? [presented.get(t)!] : []));
  return {
    related: pick(links.filter((l) => l.type === 'related').map(otherOf)),
    duplicates: pick(links.filter((l) => l.type === 'duplicate' && l.linked_id === id).map((l) => l.ticket_id)),
    duplicateOf: pick(links.filter((l) => l.type === 'duplicate' && l.ticket_id === id).map((l) => l.linked_id))[0] ?? null,
    parent: ticket.parent_id ? (presented.get(ticket.parent_id) ?? null) : null,
    children: pick(children.filter((c) => isStaff(ctx.actor!) || c.customer_id === ticket.customer_id).map((c) => c.id)),
  };
}

/** The signed-in person's saved queue views. */
export async function listViews(deps: Deps, ctx: RequestContext) {
  const rows = await repo.findViews(deps.db, ctx.actor!.userId);
  return { items: rows.map((r) => ({ id: r.id, name: r.name, query: JSON.parse(r.query_json) as Record<string, unknown>, createdAt: r.created_at })) };
}

/** Saves a queue's filters under a name, for the person who saved them. */
export async function saveView(deps: Deps, ctx: RequestContext, input: CreateViewBody) {
  const userId = ctx.actor!.userId;
  const name = input.name.trim();
  if (await repo.findViewByName(deps.db, userId, name)) throw new AppError('view_name_taken', { name });
  const now = deps.clock.now();
  const id = await repo.insertView(deps.db, { user_id: userId, name, query_json: JSON.stringify(input.query), created_at: now });
  return { id, name, query: input.query as Record<string, unknown>, createdAt: now };
}

export async function deleteView(deps: Deps, ctx: RequestContext, id: number): Promise<void> {
  if (!(await repo.deleteView(deps.db, ctx.actor!.userId, id))) throw new AppError('view_not_found');
}
