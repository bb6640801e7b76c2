import { sql, type Kysely } from 'kysely';
import type { Engine } from '../database.js';
import { idColumn, timeColumn, type WeibaoMigration } from './helpers.js';

/** Tickets, their timeline, watchers, the call log, ticket numbers and the fault archive's index (R1–R3, R17). */
export const serviceDesk: WeibaoMigration = {
  name: '0003-service-desk',
  async up(db: Kysely<unknown>, engine: Engine) {
    await db.schema
      .createTable('tickets')
      .addColumn('id', ...idColumn(engine))
      .addColumn('number', 'text', (c) => c.notNull().unique())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('grade', 'text')
      .addColumn('non_stopping', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('cause_unknown', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('debug_info', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('customer_id', 'bigint', (c) => c.notNull().references('customers.id'))
      .addColumn('contact_id', 'bigint', (c) => c.references('customer_contacts.id').onDelete('set null'))
      .addColumn('caller_name', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('caller_phone', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('asset_id', 'bigint', (c) => c.references('assets.id').onDelete('set null'))
      .addColumn('contract_id', 'bigint', (c) => c.references('contracts.id').onDelete('set null'))
      .addColumn('team_id', 'bigint', (c) => c.references('teams.id').onDelete('set null'))
      .addColumn('owner_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('parent_id', 'bigint', (c) => c.references('tickets.id').onDelete('set null'))
      .addColumn('investigation', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('answer', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_by_user_id', 'bigint')
      .addColumn('created_at', ...timeColumn())
      .addColumn('updated_at', ...timeColumn())
      .addColumn('last_activity_at', ...timeColumn())
      .addColumn('closed_at', 'bigint')
      // 1 while the ticket is not closed: queues of open work are index ranges.
      .addColumn('is_open', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    // Queue pages run newest first by id, narrowed by one of these.
    await db.schema.createIndex('tickets_customer_idx').on('tickets').columns(['customer_id', 'id']).execute();
    await db.schema.createIndex('tickets_owner_idx').on('tickets').columns(['owner_id', 'is_open', 'id']).execute();
    await db.schema.createIndex('tickets_team_idx').on('tickets').columns(['team_id', 'is_open', 'id']).execute();
    await db.schema.createIndex('tickets_open_idx').on('tickets').columns(['is_open', 'id']).execute();
    await db.schema.createIndex('tickets_status_idx').on('tickets').columns(['status', 'id']).execute();
    await db.schema.createIndex('tickets_asset_idx').on('tickets').columns(['asset_id', 'id']).execute();
    await db.schema.createIndex('tickets_parent_idx').on('tickets').column('parent_id').execute();
    await db.schema.createIndex('tickets_created_idx').on('tickets').column('created_at').execute();

    await db.schema
      .createTable('ticket_events')
      .addColumn('id', ...idColumn(engine))
      .addColumn('ticket_id', 'bigint', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
      .addColumn('customer_id', 'bigint', (c) => c.notNull())
      .addColumn('at', ...timeColumn())
      .addColumn('type', 'text', (c) => c.notNull())
      // Internal events (notes, assignments) are never shown to customer contacts.
      .addColumn('internal', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('actor_user_id', 'bigint')
      .addColumn('actor_name', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('data_json', 'text', (c) => c.notNull().defaultTo('{}'))
      .execute();
    await db.schema.createIndex('ticket_events_ticket_idx').on('ticket_events').columns(['ticket_id', 'id']).execute();

    await db.schema
      .createTable('ticket_watchers')
      .addColumn('ticket_id', 'bigint', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
      .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addPrimaryKeyConstraint('ticket_watchers_pk', ['ticket_id', 'user_id'])
      .execute();

    // Daily ticket numbers per prefix (GZ-20261124-0007): one counter row per prefix and day,
    // incremented atomically, so instances sharing a database never hand out a number twice.
    await db.schema
      .createTable('ticket_counters')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('calls')
      .addColumn('id', ...idColumn(engine))
      .addColumn('caller_name', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('caller_phone', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('customer_id', 'bigint', (c) => c.references('customers.id').onDelete('set null'))
      .addColumn('contact_id', 'bigint', (c) => c.references('customer_contacts.id').onDelete('set null'))
      .addColumn('ticket_id', 'bigint', (c) => c.references('tickets.id').onDelete('set null'))
      .addColumn('agent_user_id', 'bigint', (c) => c.notNull())
      .addColumn('started_at', ...timeColumn())
      .addColumn('duration_sec', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_at', ...timeColumn())
      .execute();
    await db.schema.createIndex('calls_started_idx').on('calls').columns(['started_at', 'id']).execute();
    await db.schema.createIndex('calls_ticket_idx').on('calls').column('ticket_id').execute();

    // The fault archive's search index: one document per ticket text, reply or note, its text
    // pre-tokenised into CJK unigrams and bigrams plus lower-cased words (shared/cjk-tokens.ts).
    if (engine === 'postgres') {
      await sql`
        create table ticket_search (
          id bigint generated by default as identity primary key,
          ticket_id bigint not null references tickets(id) on delete cascade,
          customer_id bigint not null,
          internal integer not null default 0,
          tokens tsvector not null
        )`.execute(db);
      await sql`create index ticket_search_tokens_idx on ticket_search using gin (tokens)`.execute(db);
      await sql`create index ticket_search_ticket_idx on ticket_search (ticket_id)`.execute(db);
    } else {
      // The text is already split into tokens separated by spaces; unicode61 only splits on them.
      await sql`
        create virtual table ticket_search using fts5(
          tokens, ticket_id unindexed, customer_id unindexed, internal unindexed,
          tokenize = 'unicode61 remove_diacritics 0'
        )`.execute(db);
    }
  },
};
