import type { Deps } from '../../deps.js';
import { writeTransaction } from '../../db/group-commit.js';
import type { RemoteSessionRow } from '../../db/schema.js';
import type { RequestContext } from '../../http/actor.js';
import { AppError } from '../../http/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { recordOnTicket, ticketChanged, ticketInScope } from '../tickets/ticket.service.js';
import { userSummaries } from '../users/user.service.js';
import { assertFieldWorkable } from './dispatch.service.js';
import * as repo from './field.repository.js';
import type { CreateRemoteSessionBody, RemoteSessionDto, UpdateRemoteSessionBody } from './field.schemas.js';

async function present(deps: Deps, rows: RemoteSessionRow[]): Promise<RemoteSessionDto[]> {
  const people = await userSummaries(deps.db, rows.flatMap((r) => (r.engineer_user_id === null ? [] : [r.engineer_user_id])));
  return rows.map((r) => ({
    id: r.id,
    ticketId: r.ticket_id,
    method: r.method as RemoteSessionDto['method'],
    engineerId: r.engineer_user_id,
    engineerName: r.engineer_user_id === null ? null : (people.get(r.engineer_user_id)?.displayName ?? null),
    startedAt: r.started_at,
    endedAt: r.ended_at,
    findings: r.findings,
    actions: r.actions,
    result: (r.result || 'in_progress') as RemoteSessionDto['result'],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

function checkTimes(now: number, startedAt: number, endedAt: number | null): void {
  if (startedAt > now) throw new AppError('remote_session_invalid', { summary: 'it cannot start in the future' }, { field: 'startedAt' });
  if (endedAt !== null && endedAt < startedAt) throw new AppError('remote_session_invalid', { summary: 'it cannot end before it started' }, { field: 'endedAt' });
  if (endedAt !== null && endedAt > now) throw new AppError('remote_session_invalid', { summary: 'it cannot end in the future' }, { field: 'endedAt' });
}

/** The summary line a session leaves on the ticket's timeline (and in the fault archive). */
function timelineText(r: { findings: string; actions: string }): string | undefined {
  return [r.findings.trim(), r.actions.trim()].filter(Boolean).join('\n') || undefined;
}

/** A ticket's remote sessions, oldest first. */
export async function listRemoteSessions(deps: Deps, ctx: RequestContext, ticketId: number): Promise<{ items: RemoteSessionDto[] }> {
  await ticketInScope(deps.db, ctx, ticketId);
  return { items: await present(deps, await repo.findRemoteSessions(deps.db, ticketId)) };
}

/**
 * Records a remote diagnosis (R6: 电话联络或远程登录): a call or remote login with what it found, what
 * was done and the result. The first one moves a new or accepted fault into remote diagnosis.
 */
export async function createRemoteSession(deps: Deps, ctx: RequestContext, ticketId: number, input: CreateRemoteSessionBody): Promise<RemoteSessionDto> {
  const { id, ticket } = await writeTransaction(deps, async (trx) => {
    const ticket = await ticketInScope(trx, ctx, ticketId);
    assertFieldWorkable(ticket);
    const now = deps.clock.now();
    const startedAt = input.startedAt ?? now;
    const endedAt = input.endedAt ?? null;
    checkTimes(now, startedAt, endedAt);
    const row = { findings: input.findings?.trim() ?? '', actions: input.actions?.trim() ?? '' };
    const result = input.result ?? 'in_progress';
    const id = await repo.insertRemoteSession(trx, {
      ticket_id: ticketId,
      customer_id: ticket.customer_id,
      method: input.method,
      engineer_user_id: ctx.actor?.userId ?? null,
      started_at: startedAt,
      ended_at: endedAt,
      ...row,
      result,
      created_at: now,
      updated_at: now,
    });
    const moved = await recordOnTicket(trx, deps, ctx, ticketId, {
      events: [{ type: 'remote_session', internal: true, body: timelineText(row), data: { action: 'created', sessionId: id, method: input.method, result } }],
      moveTo: ticket.kind === 'fault' && ['new', 'accepted'].includes(ticket.status) ? 'remote_diagnosis' : undefined,
    });
    await recordAudit(trx, deps.clock, ctx, { action: 'remote_session.create', entityType: 'remote_session', entityId: id, after: { ticketId, method: input.method, startedAt, endedAt, result } });
    return { id, ticket: moved };
  });
  ticketChanged(deps, ticket);
  return (await present(deps, [(await repo.findRemoteSession(deps.db, id))!]))[0]!;
}

/** Completes a remote session: its end, findings, actions and result. */
export async function updateRemoteSession(deps: Deps, ctx: RequestContext, id: number, patch: UpdateRemoteSessionBody): Promise<RemoteSessionDto> {
  await writeTransaction(deps, async (trx) => {
    const row = await repo.findRemoteSession(trx, id);
    if (!row) throw new AppError('remote_session_not_found');
    await ticketInScope(trx, ctx, row.ticket_id);
    const endedAt = patch.endedAt !== undefined ? patch.endedAt : row.ended_at;
    checkTimes(deps.clock.now(), row.started_at, endedAt);
    const next = {
      ended_at: endedAt,
      findings: patch.findings?.trim() ?? row.findings,
      actions: patch.actions?.trim() ?? row.actions,
      result: patch.result ?? row.result,
    };
    await repo.updateRemoteSession(trx, id, { ...next, updated_at: deps.clock.now() });
    const changedText = next.findings !== row.findings || next.actions !== row.actions;
    await recordOnTicket(trx, deps, ctx, row.ticket_id, {
      events: [{ type: 'remote_session', internal: true, body: changedText ? timelineText(next) : undefined, data: { action: 'updated', sessionId: id, result: next.result } }],
    });
    await recordAudit(trx, deps.clock, ctx, {
      action: 'remote_session.update',
      entityType: 'remote_session',
      entityId: id,
      before: { endedAt: row.ended_at, findings: row.findings, actions: row.actions, result: row.result },
      after: next,
    });
  });
  return (await present(deps, [(await repo.findRemoteSession(deps.db, id))!]))[0]!;
}
