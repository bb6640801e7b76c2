import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import type { Engine } from '../database.js';
import { idColumn, timeColumn, type WeibaoMigration } from './helpers.js';

/**
 * RMA cases and loaners (issue 7 items 5 and 6; R6, R8): faulty parts or whole devices sent to
 * their vendor for repair, and loaner devices (备用机) lent to a customer's site while theirs is
 * away. Both move stock only through the ledger; these tables are the cases the ledger rows
 * point to (`stock_ledger.rma_id`, `stock_ledger.loan_id`).
 */
export const rmaLoans: WeibaoMigration = {
  name: '0011-rma-loans',
  async up(db: Kysely<unknown>, engine: Engine) {
    const text = (c: ColumnDefinitionBuilder) => c.notNull().defaultTo('');

    // Day sequences for the cases' numbers (RMA-20261124-0003, JY-20261124-0001): one row per
    // prefix and day, bumped by an atomic upsert, as the tickets' counters are.
    await db.schema
      .createTable('parts_counters')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'integer', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('rma_cases')
      .addColumn('id', ...idColumn(engine))
      .addColumn('number', 'text', (c) => c.notNull().unique())
      .addColumn('vendor_id', 'bigint', (c) => c.notNull().references('vendors.id'))
      .addColumn('vendor_case_number', 'text', text)
      // What went: faulty stock of a part (from a store), or a whole device of a customer.
      .addColumn('part_id', 'bigint', (c) => c.references('parts.id'))
      .addColumn('asset_id', 'bigint', (c) => c.references('assets.id'))
      .addColumn('serial', 'text')
      .addColumn('qty', 'integer', (c) => c.notNull())
      .addColumn('store_id', 'bigint', (c) => c.references('stores.id'))
      .addColumn('ticket_id', 'bigint', (c) => c.references('tickets.id'))
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('sent_at', ...timeColumn())
      .addColumn('expected_return', 'text')
      .addColumn('received_at', 'bigint')
      // A replacement may come back under a new serial.
      .addColumn('received_serial', 'text')
      .addColumn('received_store_id', 'bigint', (c) => c.references('stores.id'))
      .addColumn('notes', 'text', text)
      // Why a case ended without a unit coming back: cancelled, or closed with the vendor keeping it.
      .addColumn('closing_reason', 'text', text)
      .addColumn('created_by_user_id', 'bigint', (c) => c.references('users.id'))
      .addColumn('actor_name', 'text', (c) => c.notNull())
      .addColumn('created_at', ...timeColumn())
      .addColumn('updated_at', ...timeColumn())
      // A case is about a part's stock or a device, never both; a part's stock leaves a store.
      .addCheckConstraint('rma_cases_subject', sql`(part_id is null) <> (asset_id is null) and (part_id is null or store_id is not null)`)
      .addCheckConstraint('rma_cases_qty', sql`qty > 0`)
      .addCheckConstraint('rma_cases_state', sql`state in ('sent', 'received_repaired', 'received_replaced', 'closed', 'cancelled')`)
      .execute();
    // The open cases (the storekeeper's list, overdue ones), and a vendor's.
    await db.schema.createIndex('rma_cases_state_idx').on('rma_cases').columns(['state', 'id']).execute();
    await db.schema.createIndex('rma_cases_vendor_idx').on('rma_cases').columns(['vendor_id', 'id']).execute();

    await db.schema
      .createTable('loans')
      .addColumn('id', ...idColumn(engine))
      .addColumn('number', 'text', (c) => c.notNull().unique())
      .addColumn('part_id', 'bigint', (c) => c.notNull().references('parts.id'))
      .addColumn('unit_id', 'bigint', (c) => c.notNull().references('stock_units.id'))
      .addColumn('serial', 'text', (c) => c.notNull())
      .addColumn('store_id', 'bigint', (c) => c.notNull().references('stores.id'))
      .addColumn('customer_id', 'bigint', (c) => c.notNull().references('customers.id'))
      .addColumn('site_id', 'bigint', (c) => c.references('sites.id'))
      .addColumn('ticket_id', 'bigint', (c) => c.references('tickets.id'))
      // The loaner as the customer's asset while it is lent, and the faulty device it stands in for.
      .addColumn('asset_id', 'bigint', (c) => c.references('assets.id'))
      .addColumn('replaces_asset_id', 'bigint', (c) => c.references('assets.id'))
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('lent_at', ...timeColumn())
      .addColumn('expected_return', 'text')
      .addColumn('returned_at', 'bigint')
      .addColumn('returned_store_id', 'bigint', (c) => c.references('stores.id'))
      .addColumn('notes', 'text', text)
      .addColumn('created_by_user_id', 'bigint', (c) => c.references('users.id'))
      .addColumn('actor_name', 'text', (c) => c.notNull())
      .addColumn('created_at', ...timeColumn())
      .addColumn('updated_at', ...timeColumn())
      .addCheckConstraint('loans_state', sql`state in ('open', 'returned')`)
      .execute();
    await db.schema.createIndex('loans_state_idx').on('loans').columns(['state', 'id']).execute();
    await db.schema.createIndex('loans_customer_idx').on('loans').columns(['customer_id', 'id']).execute();
    // A unit is lent to one place at a time, whatever two requests racing do.
    await db.schema.createIndex('loans_open_unit_uq').on('loans').column('unit_id').unique().where(sql.ref('state'), '=', 'open').execute();

    await db.schema.alterTable('stock_ledger').addColumn('loan_id', 'bigint').execute();
    // Reports and exports over a period (parts used per customer, the ledger of a month).
    await db.schema.createIndex('stock_ledger_at_idx').on('stock_ledger').columns(['at', 'id']).execute();
  },
};
