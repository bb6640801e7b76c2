import type { Executor } from '../../db/database.js';
import type { AuditRow } from '../../db/schema.js';
import { preparedInsert } from '../../db/statements.js';

export interface AuditInsert {
  at: number;
  actor_user_id: number | null;
  actor_name: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
  ip: string | null;
  request_id: string | null;
}

export interface AuditFilter {
  actorUserId?: number;
  action?: string;
  entityType?: string;
  entityId?: string;
  from?: number;
  to?: number;
  beforeId?: number;
  limit: number;
}

export async function insertAudit(db: Executor, row: AuditInsert): Promise<void> {
  await db.insertInto('audit_log').values(row).execute();
}

// Written once (db/statements.ts): every new ticket sends its audit row with its other writes.
const auditInsert = preparedInsert<AuditInsert>('audit_log', {
  at: true, actor_user_id: true, actor_name: true, action: true, entity_type: true, entity_id: true, before_json: true, after_json: true, ip: true,
  request_id: true,
});

/** The insert of one audit row, not yet executed (see db/statements.ts). */
export function insertAuditQuery(row: AuditInsert) {
  return auditInsert([row]);
}

/** Newest first; `beforeId` continues a page. Each filter has an index that ends in id. */
export async function findAudit(db: Executor, f: AuditFilter): Promise<AuditRow[]> {
  let q = db.selectFrom('audit_log').selectAll();
  if (f.actorUserId !== undefined) q = q.where('actor_user_id', '=', f.actorUserId);
  if (f.action !== undefined) {
    // "user.*" lists every action on users; the prefix match keeps to the action index.
    q = f.action.endsWith('.*')
      ? q.where('action', '>=', f.action.slice(0, -1)).where('action', '<', `${f.action.slice(0, -2)}/`)
      : q.where('action', '=', f.action);
  }
  if (f.entityType !== undefined) q = q.where('entity_type', '=', f.entityType);
  if (f.entityId !== undefined) q = q.where('entity_id', '=', f.entityId);
  if (f.from !== undefined) q = q.where('at', '>=', f.from);
  if (f.to !== undefined) q = q.where('at', '<', f.to);
  if (f.beforeId !== undefined) q = q.where('id', '<', f.beforeId);
  return q.orderBy('id', 'desc').limit(f.limit).execute();
}
