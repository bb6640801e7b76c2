import type { Executor } from '../../db/database.js';
import type { ApiTokenRow } from '../../db/schema.js';

export async function findTokenById(db: Executor, id: number): Promise<ApiTokenRow | undefined> {
  return db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Newest first, so the keyset is the id. */
export async function findTokens(db: Executor, f: { userId?: number; includeRevoked: boolean; beforeId?: number; limit: number }) {
  let q = db.selectFrom('api_tokens').selectAll();
  if (f.userId !== undefined) q = q.where('user_id', '=', f.userId);
  if (!f.includeRevoked) q = q.where('revoked_at', 'is', null);
  if (f.beforeId !== undefined) q = q.where('id', '<', f.beforeId);
  return q.orderBy('id', 'desc').limit(f.limit).execute();
}

export async function insertToken(
  db: Executor,
  row: { name: string; user_id: number; token_hash: string; prefix: string; created_by_user_id: number | null; created_at: number; expires_at: number | null },
) {
  const inserted = await db.insertInto('api_tokens').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function revokeTokenRow(db: Executor, id: number, at: number): Promise<void> {
  await db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}
