import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import type { Engine } from '../database.js';
import { idColumn, timeColumn, type WeibaoMigration } from './helpers.js';

/**
 * Spare parts (issue 7; R8 现场备件): the parts catalogue with the models each part fits, stores
 * (the central warehouse, and on-site stores kept at customers' sites or per project) with a
 * minimum level per part, the append-only stock ledger, the stock levels derived from it, and
 * serial-tracked units one by one.
 *
 * `stock_levels` is the ledger's sum materialised: written only in the transaction that appends
 * the ledger rows it sums, never otherwise. Its CHECK makes the database itself refuse a level
 * below zero, whatever a service does; the services refuse earlier with a conditional UPDATE
 * (stock.repository.ts), which is what keeps two concurrent reservations of the last unit from
 * both succeeding.
 */
export const spareParts: WeibaoMigration = {
  name: '0010-spare-parts',
  async up(db: Kysely<unknown>, engine: Engine) {
    const text = (c: ColumnDefinitionBuilder) => c.notNull().defaultTo('');
    const count = (c: ColumnDefinitionBuilder) => c.notNull().defaultTo(0);

    await db.schema
      .createTable('parts')
      .addColumn('id', ...idColumn(engine))
      .addColumn('part_number', 'text', (c) => c.notNull().unique())
      .addColumn('vendor', 'text', text)
      .addColumn('description', 'text', text)
      // 个, 块, 条, 台 …: how the part is counted.
      .addColumn('unit', 'text', (c) => c.notNull().defaultTo('个'))
      .addColumn('serial_tracked', 'integer', count)
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('notes', 'text', text)
      .addColumn('created_at', ...timeColumn())
      .addColumn('updated_at', ...timeColumn())
      .execute();

    // The models a part fits. The hotline asks "does the on-site store hold a spare for the
    // failed model" (issue 7 item 4), so models are rows with an index, not a JSON list.
    await db.schema
      .createTable('part_models')
      .addColumn('part_id', 'bigint', (c) => c.notNull().references('parts.id').onDelete('cascade'))
      .addColumn('model', 'text', (c) => c.notNull())
      // lower case, single spaces: "FusionServer  2288H V6" and "fusionserver 2288h v6" match.
      .addColumn('model_key', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('part_models_pk', ['part_id', 'model_key'])
      .execute();
    await db.schema.createIndex('part_models_model_idx').on('part_models').columns(['model_key', 'part_id']).execute();

    // 备件库: the central warehouse, a store at a customer's site, or a project's (contract's) store.
    await db.schema
      .createTable('stores')
      .addColumn('id', ...idColumn(engine))
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('customer_id', 'bigint', (c) => c.references('customers.id'))
      .addColumn('site_id', 'bigint', (c) => c.references('sites.id'))
      .addColumn('contract_id', 'bigint', (c) => c.references('contracts.id'))
      .addColumn('notes', 'text', text)
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', ...timeColumn())
      .addColumn('updated_at', ...timeColumn())
      .execute();
    // A customer contact's stores; the hotline's "spare on site" question starts here too.
    await db.schema.createIndex('stores_customer_idx').on('stores').columns(['customer_id', 'id']).execute();

    await db.schema
      .createTable('store_minimums')
      .addColumn('store_id', 'bigint', (c) => c.notNull().references('stores.id').onDelete('cascade'))
      .addColumn('part_id', 'bigint', (c) => c.notNull().references('parts.id').onDelete('cascade'))
      .addColumn('min_qty', 'integer', (c) => c.notNull())
      .addColumn('updated_at', ...timeColumn())
      .addPrimaryKeyConstraint('store_minimums_pk', ['store_id', 'part_id'])
      .addCheckConstraint('store_minimums_positive', sql`min_qty > 0`)
      .execute();

    // The ledger: every movement is one row per part and store (one per unit for serial-tracked
    // parts), never updated or deleted. The deltas are what the row did to the store's level.
    await db.schema
      .createTable('stock_ledger')
      .addColumn('id', ...idColumn(engine))
      .addColumn('at', ...timeColumn())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('part_id', 'bigint', (c) => c.notNull().references('parts.id'))
      .addColumn('store_id', 'bigint', (c) => c.notNull().references('stores.id'))
      .addColumn('serial', 'text')
      .addColumn('qty', 'integer', (c) => c.notNull())
      .addColumn('qty_delta_on_hand', 'integer', (c) => c.notNull())
      .addColumn('qty_delta_reserved', 'integer', (c) => c.notNull())
      .addColumn('qty_delta_faulty', 'integer', (c) => c.notNull())
      .addColumn('dispatch_id', 'bigint', (c) => c.references('dispatches.id'))
      .addColumn('ticket_id', 'bigint', (c) => c.references('tickets.id'))
      // The RMA case (issue 7 item 5), when that lands.
      .addColumn('rma_id', 'bigint')
      .addColumn('reason', 'text', text)
      .addColumn('actor_user_id', 'bigint', (c) => c.references('users.id'))
      .addColumn('actor_name', 'text', (c) => c.notNull())
      // The rows of one movement: a transfer's two rows, a count's adjustments, one row per unit.
      .addColumn('batch_id', 'text', (c) => c.notNull())
      .execute();
    // Movements of a part, of a store, newest first (keyset on id); a dispatch's parts.
    await db.schema.createIndex('stock_ledger_part_idx').on('stock_ledger').columns(['part_id', 'id']).execute();
    await db.schema.createIndex('stock_ledger_store_idx').on('stock_ledger').columns(['store_id', 'id']).execute();
    await db.schema.createIndex('stock_ledger_dispatch_idx').on('stock_ledger').columns(['dispatch_id', 'part_id']).where(sql.ref('dispatch_id'), 'is not', null).execute();

    await db.schema
      .createTable('stock_levels')
      .addColumn('part_id', 'bigint', (c) => c.notNull().references('parts.id'))
      .addColumn('store_id', 'bigint', (c) => c.notNull().references('stores.id'))
      .addColumn('on_hand', 'integer', count)
      .addColumn('reserved', 'integer', count)
      .addColumn('faulty', 'integer', count)
      .addPrimaryKeyConstraint('stock_levels_pk', ['part_id', 'store_id'])
      .addCheckConstraint('stock_levels_not_negative', sql`on_hand >= 0 and reserved >= 0 and faulty >= 0 and reserved <= on_hand`)
      .execute();
    // A store's stock page by part (the primary key serves one part across the stores).
    await db.schema.createIndex('stock_levels_store_idx').on('stock_levels').columns(['store_id', 'part_id']).execute();

    await db.schema
      .createTable('stock_units')
      .addColumn('id', ...idColumn(engine))
      .addColumn('part_id', 'bigint', (c) => c.notNull().references('parts.id'))
      .addColumn('serial', 'text', (c) => c.notNull())
      // The store it is in — or, issued or at the vendor, the store it came from.
      .addColumn('store_id', 'bigint', (c) => c.references('stores.id'))
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('dispatch_id', 'bigint', (c) => c.references('dispatches.id'))
      .addColumn('ticket_id', 'bigint', (c) => c.references('tickets.id'))
      .addColumn('updated_at', ...timeColumn())
      .addUniqueConstraint('stock_units_serial_uq', ['part_id', 'serial'])
      .execute();
    await db.schema.createIndex('stock_units_store_idx').on('stock_units').columns(['part_id', 'store_id', 'state', 'id']).execute();

    // Below-minimum alerts (issue 7 item 6) are notifications about a part in a store.
    await db.schema.alterTable('notifications').addColumn('part_id', 'bigint', (c) => c.references('parts.id').onDelete('cascade')).execute();
    await db.schema.alterTable('notifications').addColumn('store_id', 'bigint', (c) => c.references('stores.id').onDelete('cascade')).execute();
  },
};
