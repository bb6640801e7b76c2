import type { Clock } from '../../clock.js';
import type { Executor } from '../../db/database.js';
import type { RequestContext } from '../../http/actor.js';
import { decodeCursor, pageOf } from '../../http/pagination.js';
import { findAudit, insertAudit, insertAuditQuery, type AuditFilter, type AuditInsert } from './audit.repository.js';
import { presentAudit } from './audit.presenter.js';

export interface AuditEntry {
  /** `domain.verb`, e.g. `user.create`, `team.members.set`. */
  action: string;
  entityType: string;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
}

// Secrets never reach the audit trail, whatever a service passes in.
const REDACTED_KEYS = new Set(['password', 'password_hash', 'passwordHash', 'token_hash', 'tokenHash', 'secret']);

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, REDACTED_KEYS.has(k) ? '[redacted]' : redact(v)]),
    );
  }
  return value;
}

function toJson(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(redact(value));
}

/**
 * Appends one audit row (R18). Call it with the transaction of the write it describes, so the
 * change and its record commit or roll back together.
 */
export async function recordAudit(trx: Executor, clock: Clock, ctx: RequestContext, entry: AuditEntry): Promise<void> {
  await insertAudit(trx, auditRow(clock, ctx, entry));
}

/**
 * The audit row's insert, not yet executed, for a service that sends its writes together
 * (db/statements.ts); it must run with the write it describes, as recordAudit does.
 */
export function auditStatement(clock: Clock, ctx: RequestContext, entry: AuditEntry) {
  return insertAuditQuery(auditRow(clock, ctx, entry));
}

function auditRow(clock: Clock, ctx: RequestContext, entry: AuditEntry): AuditInsert {
  return {
    at: clock.now(),
    actor_user_id: ctx.actor?.userId ?? null,
    actor_name: ctx.actor ? ctx.actor.username : 'system',
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId === null ? null : String(entry.entityId),
    before_json: toJson(entry.before),
    after_json: toJson(entry.after),
    ip: ctx.ip,
    request_id: ctx.requestId,
  };
}

export interface AuditQuery extends Omit<AuditFilter, 'beforeId'> {
  cursor?: string;
}

/** One page of the audit trail, newest first. */
export async function listAudit(db: Executor, query: AuditQuery) {
  const beforeId = query.cursor ? (decodeCursor(query.cursor, ['n'])[0] as number) : undefined;
  const rows = await findAudit(db, { ...query, beforeId, limit: query.limit + 1 });
  const page = pageOf(rows, query.limit, (r) => [r.id]);
  return { items: page.rows.map(presentAudit), nextCursor: page.nextCursor };
}
