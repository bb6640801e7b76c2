import { Type, type Static } from '@sinclair/typebox';
import type { Deps } from '../../deps.js';
import type { Executor } from '../../db/database.js';
import type { CallRow } from '../../db/schema.js';
import type { RequestContext } from '../../http/actor.js';
import { AppError } from '../../http/errors.js';
import { decodeCursor, encodeCursor, PageQuery } from '../../http/pagination.js';
import { recordAudit } from '../audit/audit.service.js';
import { contactCustomer } from '../contacts/contact.service.js';
import { assertCustomerExists, customerNames } from '../customers/customer.service.js';
import { logCallOnTicket, ticketNumbers } from '../tickets/ticket.service.js';
import { userSummaries } from '../users/user.service.js';
import * as repo from './call.repository.js';

export const CallSchema = Type.Object(
  {
    id: Type.Integer(),
    callerName: Type.String(),
    callerPhone: Type.String(),
    customerId: Type.Union([Type.Integer(), Type.Null()]),
    customerName: Type.Union([Type.String(), Type.Null()]),
    contactId: Type.Union([Type.Integer(), Type.Null()]),
    ticketId: Type.Union([Type.Integer(), Type.Null()]),
    ticketNumber: Type.Union([Type.String(), Type.Null()]),
    agentId: Type.Integer(),
    agentName: Type.String(),
    startedAt: Type.Integer(),
    durationSec: Type.Integer(),
    summary: Type.String(),
  },
  { $id: 'Call' },
);
export type CallDto = Static<typeof CallSchema>;

export const CreateCallBody = Type.Object(
  {
    callerName: Type.Optional(Type.String({ maxLength: 100 })),
    callerPhone: Type.Optional(Type.String({ maxLength: 40 })),
    customerId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
    contactId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
    ticketId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
    startedAt: Type.Integer({ minimum: 0 }),
    durationSec: Type.Integer({ minimum: 0, maximum: 86_400 }),
    summary: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  { additionalProperties: false },
);
export type CreateCallBody = Static<typeof CreateCallBody>;

export const CallListQuery = Type.Object(
  { ...PageQuery, ticketId: Type.Optional(Type.Integer({ minimum: 1 })), agentId: Type.Optional(Type.Integer({ minimum: 1 })) },
  { additionalProperties: false },
);
export type CallListQuery = Static<typeof CallListQuery>;

async function presentCalls(db: Executor, rows: CallRow[]): Promise<CallDto[]> {
  const [customers, agents, tickets] = await Promise.all([
    customerNames(db, rows.flatMap((r) => (r.customer_id === null ? [] : [r.customer_id]))),
    userSummaries(db, rows.map((r) => r.agent_user_id)),
    ticketNumbers(db, rows.flatMap((r) => (r.ticket_id === null ? [] : [r.ticket_id]))),
  ]);
  return rows.map((r) => ({
    id: r.id,
    callerName: r.caller_name,
    callerPhone: r.caller_phone,
    customerId: r.customer_id,
    customerName: r.customer_id === null ? null : (customers.get(r.customer_id)?.name ?? null),
    contactId: r.contact_id,
    ticketId: r.ticket_id,
    ticketNumber: r.ticket_id === null ? null : (tickets.get(r.ticket_id) ?? null),
    agentId: r.agent_user_id,
    agentName: agents.get(r.agent_user_id)?.displayName ?? '',
    startedAt: r.started_at,
    durationSec: r.duration_sec,
    summary: r.summary,
  }));
}

/**
 * Keeps a call in the call log (客户呼叫服务日志, R1) even when it creates nothing; a call about an
 * existing ticket is also written on that ticket's timeline, in the same transaction.
 */
export async function logCall(deps: Deps, ctx: RequestContext, input: CreateCallBody): Promise<CallDto> {
  return deps.db.transaction().execute(async (trx) => {
    let customerId = input.customerId ?? null;
    if (input.ticketId) {
      const ticket = await logCallOnTicket(trx, deps, ctx, input.ticketId, {
        callerName: input.callerName ?? '',
        callerPhone: input.callerPhone ?? '',
        durationSec: input.durationSec,
        summary: input.summary ?? '',
        startedAt: input.startedAt,
      });
      customerId = ticket.customer_id;
    }
    if (customerId !== null) await assertCustomerExists(trx, customerId, ctx);
    if (input.contactId && (await contactCustomer(trx, input.contactId)) !== customerId) {
      throw new AppError('ticket_link_invalid', { link: 'contact' }, { field: 'contactId' });
    }
    const id = await repo.insertCall(trx, {
      caller_name: input.callerName?.trim() ?? '',
      caller_phone: input.callerPhone?.trim() ?? '',
      customer_id: customerId,
      contact_id: input.contactId ?? null,
      ticket_id: input.ticketId ?? null,
      agent_user_id: ctx.actor!.userId,
      started_at: input.startedAt,
      duration_sec: input.durationSec,
      summary: input.summary ?? '',
      created_at: deps.clock.now(),
    });
    await recordAudit(trx, deps.clock, ctx, { action: 'call.log', entityType: 'call', entityId: id, after: { ticketId: input.ticketId ?? null, customerId } });
    return (await presentCalls(trx, [(await repo.findCallById(trx, id))!]))[0]!;
  });
}

/** The call log, newest first. */
export async function listCalls(deps: Deps, query: CallListQuery) {
  const limit = query.limit ?? 50;
  const before = query.cursor ? (decodeCursor(query.cursor, ['n', 'n']) as [number, number]) : undefined;
  const rows = await repo.findCalls(deps.db, { ticketId: query.ticketId, agentId: query.agentId, before, limit: limit + 1 });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { items: await presentCalls(deps.db, page), nextCursor: rows.length > limit && last ? encodeCursor([last.started_at, last.id]) : null };
}
