import type { Executor } from '../../db/database.js';
import type { CallRow } from '../../db/schema.js';

export async function insertCall(db: Executor, row: Omit<CallRow, 'id'>): Promise<number> {
  return (await db.insertInto('calls').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function findCallById(db: Executor, id: number): Promise<CallRow | undefined> {
  return db.selectFrom('calls').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Newest first by start time; the keyset is (started_at, id). */
export async function findCalls(db: Executor, f: { ticketId?: number; agentId?: number; before?: [number, number]; limit: number }) {
  let q = db.selectFrom('calls').selectAll();
  if (f.ticketId !== undefined) q = q.where('ticket_id', '=', f.ticketId);
  if (f.agentId !== undefined) q = q.where('agent_user_id', '=', f.agentId);
  if (f.before) {
    const [at, id] = f.before;
    q = q.where((eb) => eb.or([eb('started_at', '<', at), eb.and([eb('started_at', '=', at), eb('id', '<', id)])]));
  }
  return q.orderBy('started_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
}
