import type { Executor } from '../../db/database.js';
import type { NotificationRow } from '../../db/schema.js';

export type NotificationInsert = Pick<NotificationRow, 'user_id' | 'ticket_id' | 'kind' | 'clock_kind' | 'step' | 'deadline' | 'created_at'> & Partial<Pick<NotificationRow, 'part_id' | 'store_id'>>;

const CHUNK = 1000;

/** Adds notifications; one the person already has for the same alert is skipped. */
export async function insertNotifications(db: Executor, rows: NotificationInsert[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto('notifications')
      .values(rows.slice(i, i + CHUNK))
      .onConflict((oc) => oc.columns(['user_id', 'ticket_id', 'clock_kind', 'kind', 'step']).doNothing())
      .execute();
  }
}

/** A person's notifications, newest first, before a keyset id. */
export async function findNotifications(db: Executor, userId: number, f: { unread?: boolean; beforeId?: number; limit: number }): Promise<NotificationRow[]> {
  let q = db.selectFrom('notifications').selectAll().where('user_id', '=', userId);
  if (f.unread) q = q.where('read_at', 'is', null);
  if (f.beforeId !== undefined) q = q.where('id', '<', f.beforeId);
  return q.orderBy('id', 'desc').limit(f.limit).execute();
}

export async function countUnread(db: Executor, userId: number): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findNotification(db: Executor, userId: number, id: number): Promise<NotificationRow | undefined> {
  return db.selectFrom('notifications').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
}

export async function markRead(db: Executor, userId: number, id: number, now: number): Promise<void> {
  await db.updateTable('notifications').set({ read_at: now }).where('id', '=', id).where('user_id', '=', userId).where('read_at', 'is', null).execute();
}

export async function markAllRead(db: Executor, userId: number, now: number): Promise<number> {
  const result = await db.updateTable('notifications').set({ read_at: now }).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}
