import type { Kysely } from 'kysely';
import type { Engine } from '../database.js';
import { idColumn, timeColumn, type WeibaoMigration } from './helpers.js';

/** Routing rules (R1), saved queue views, and links between tickets (related, duplicate). */
export const deskRules: WeibaoMigration = {
  name: '0005-desk-rules',
  async up(db: Kysely<unknown>, engine: Engine) {
    await db.schema
      .createTable('routing_rules')
      .addColumn('id', ...idColumn(engine))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      // Conditions; null matches anything.
      .addColumn('customer_id', 'bigint', (c) => c.references('customers.id').onDelete('cascade'))
      .addColumn('kind', 'text')
      .addColumn('category', 'text')
      .addColumn('grade', 'text')
      .addColumn('channel', 'text')
      // Outcome: a team, and an owner — a fixed person or the contract's owner engineer.
      .addColumn('team_id', 'bigint', (c) => c.references('teams.id').onDelete('set null'))
      .addColumn('owner_mode', 'text', (c) => c.notNull().defaultTo('none'))
      .addColumn('owner_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('created_at', ...timeColumn())
      .addColumn('updated_at', ...timeColumn())
      .execute();
    await db.schema.createIndex('routing_rules_position_idx').on('routing_rules').column('position').execute();

    await db.schema
      .createTable('ticket_views')
      .addColumn('id', ...idColumn(engine))
      .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('query_json', 'text', (c) => c.notNull())
      .addColumn('created_at', ...timeColumn())
      .execute();
    await db.schema.createIndex('ticket_views_user_idx').on('ticket_views').columns(['user_id', 'name']).unique().execute();

    await db.schema
      .createTable('ticket_links')
      .addColumn('ticket_id', 'bigint', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
      .addColumn('linked_id', 'bigint', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
      // related (both ways) or duplicate (ticket_id duplicates linked_id)
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('created_at', ...timeColumn())
      .addPrimaryKeyConstraint('ticket_links_pk', ['ticket_id', 'linked_id'])
      .execute();
    await db.schema.createIndex('ticket_links_linked_idx').on('ticket_links').column('linked_id').execute();
  },
};
