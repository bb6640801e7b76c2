import type { Selectable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { AttachmentsTable } from '../../db/schema.js';

export type AttachmentRow = Selectable<AttachmentsTable>;
export type AttachmentInsert = Omit<AttachmentRow, 'id'>;

export async function insertAttachment(db: Executor, row: AttachmentInsert): Promise<number> {
  return (await db.insertInto('attachments').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function findAttachmentById(db: Executor, id: number): Promise<AttachmentRow | undefined> {
  return db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A ticket's attachments, oldest first; customer contacts never get internal ones. */
export async function findAttachmentsByTicket(db: Executor, ticketId: number, f: { includeInternal: boolean; limit: number }): Promise<AttachmentRow[]> {
  let q = db.selectFrom('attachments').selectAll().where('ticket_id', '=', ticketId);
  if (!f.includeInternal) q = q.where('internal', '=', 0);
  return q.orderBy('id').limit(f.limit).execute();
}
