import type { Kysely } from 'kysely';
import type { Engine } from '../database.js';
import { idColumn, timeColumn, type WeibaoMigration } from './helpers.js';

/** Files attached to tickets. The bytes live in blob storage (DATA_DIR/attachments); rows hold what is known about them. */
export const attachments: WeibaoMigration = {
  name: '0006-attachments',
  async up(db: Kysely<unknown>, engine: Engine) {
    await db.schema
      .createTable('attachments')
      .addColumn('id', ...idColumn(engine))
      .addColumn('ticket_id', 'bigint', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
      // The ticket's customer, copied so a contact's scope is checked without a join.
      .addColumn('customer_id', 'bigint', (c) => c.notNull())
      // The uploader's file name, cleaned for display only; never used to build a path or a type.
      .addColumn('file_name', 'text', (c) => c.notNull())
      // Detected from the bytes, never taken from the name or the request's content type.
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('size', 'bigint', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      // Random (e.g. 2026/11/<hex>); one row per blob, so deleting a row can never orphan another's file.
      .addColumn('storage_key', 'text', (c) => c.notNull().unique())
      // Staff-only attachments are never listed or served to customer contacts.
      .addColumn('internal', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('uploaded_by_user_id', 'bigint')
      .addColumn('created_at', ...timeColumn())
      .execute();
    // A ticket's attachments, oldest first.
    await db.schema.createIndex('attachments_ticket_idx').on('attachments').columns(['ticket_id', 'id']).execute();
  },
};
