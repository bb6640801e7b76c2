import type { Executor, Engine } from '../db/database.js';
import type { OutboxRow } from '../db/schema.js';

export type OutboxInsert = Pick<OutboxRow, 'topic' | 'payload_json' | 'created_at' | 'available_at'>;

// Rows per INSERT: five parameters each stay far below both engines' limits.
const INSERT_CHUNK = 1000;

export async function insertMessages(db: Executor, rows: OutboxInsert[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) await db.insertInto('outbox').values(rows.slice(i, i + INSERT_CHUNK)).execute();
}

/**
 * Pending messages of these topics that are due, oldest first. On PostgreSQL the rows are locked
 * for the caller's transaction and rows another worker holds are skipped, so two instances never
 * take the same message; SQLite has one writer, and the caller's transaction holds it.
 */
export async function claimMessages(db: Executor, engine: Engine, topics: string[], now: number, limit: number): Promise<Pick<OutboxRow, 'id' | 'topic' | 'payload_json' | 'attempts'>[]> {
  if (topics.length === 0) return [];
  let q = db
    .selectFrom('outbox')
    .select(['id', 'topic', 'payload_json', 'attempts'])
    .where('done_at', 'is', null)
    .where('available_at', '<=', now)
    .where('topic', 'in', topics)
    .orderBy('available_at')
    .orderBy('id')
    .limit(limit);
  if (engine === 'postgres') q = q.forUpdate().skipLocked();
  return q.execute();
}

/** One pending message by id, locked as claimMessages locks; undefined when done or held elsewhere. */
export async function claimMessage(db: Executor, engine: Engine, id: number): Promise<Pick<OutboxRow, 'id' | 'topic' | 'payload_json' | 'attempts'> | undefined> {
  let q = db.selectFrom('outbox').select(['id', 'topic', 'payload_json', 'attempts']).where('id', '=', id).where('done_at', 'is', null);
  if (engine === 'postgres') q = q.forUpdate().skipLocked();
  return q.executeTakeFirst();
}

export async function markDone(db: Executor, ids: number[], now: number): Promise<void> {
  for (let i = 0; i < ids.length; i += INSERT_CHUNK) await db.updateTable('outbox').set({ done_at: now }).where('id', 'in', ids.slice(i, i + INSERT_CHUNK)).execute();
}

export async function markFailed(db: Executor, id: number, attempts: number, retryAt: number, error: string): Promise<void> {
  await db.updateTable('outbox').set({ attempts, available_at: retryAt, last_error: error.slice(0, 2000) }).where('id', '=', id).where('done_at', 'is', null).execute();
}

/** Removes messages delivered before `before`; pending ones stay whatever their age. */
export async function deleteDone(db: Executor, before: number): Promise<number> {
  const result = await db.deleteFrom('outbox').where('done_at', 'is not', null).where('done_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
