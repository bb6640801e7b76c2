import { sql, type Kysely } from 'kysely';
import type { Engine } from '../database.js';
import type { WeibaoMigration } from './helpers.js';

/**
 * RMA cases of bulk parts come back in instalments (the vendor returns six of the ten fans sent,
 * the rest next week): `received_qty` counts what has come back so far. A case stays open
 * (`sent`) until all of it is back or the rest is written off.
 */
export const rmaPartialReturns: WeibaoMigration = {
  name: '0012-rma-partial-returns',
  async up(db: Kysely<unknown>, engine: Engine) {
    if (engine === 'postgres') {
      await db.schema.alterTable('rma_cases').addColumn('received_qty', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('rma_cases').addCheckConstraint('rma_cases_received_qty', sql`received_qty between 0 and qty`).execute();
    } else {
      // SQLite adds a CHECK only with its column.
      await db.schema
        .alterTable('rma_cases')
        .addColumn('received_qty', 'integer', (c) => c.notNull().defaultTo(0).check(sql`received_qty between 0 and qty`))
        .execute();
    }
    // Cases already ended by a return brought all of it back.
    await sql`update rma_cases set received_qty = qty where state in ('received_repaired', 'received_replaced')`.execute(db);
  },
};
