import { sql, type Kysely } from 'kysely';
import type { Engine } from '../database.js';
import type { WeibaoMigration } from './helpers.js';

/**
 * Queue and search paths measured at a million tickets (bench/benchmarks/tickets.ts).
 *
 * - "My tickets" and a team's tickets without the open filter walked (owner_id, is_open, id) and
 *   sorted every row of the owner: these indexes hand out the newest first directly.
 * - On SQLite, the fault archive's documents get rowids in ticket order (ticket id × 2^20 plus the
 *   document's place on its ticket), so a search reads the FTS5 index newest first and stops after
 *   a page, instead of collecting every match to sort by an unindexed column.
 */
const SEARCH_ROWID_SHIFT = 2 ** 20;

export const deskSpeed: WeibaoMigration = {
  name: '0007-desk-speed',
  async up(db: Kysely<unknown>, engine: Engine) {
    await db.schema.createIndex('tickets_owner_all_idx').on('tickets').columns(['owner_id', 'id']).execute();
    await db.schema.createIndex('tickets_team_all_idx').on('tickets').columns(['team_id', 'id']).execute();
    await db.schema.createIndex('tickets_kind_idx').on('tickets').columns(['kind', 'id']).execute();
    if (engine === 'sqlite') {
      await sql`
        create virtual table ticket_search_ordered using fts5(
          tokens, ticket_id unindexed, customer_id unindexed, internal unindexed,
          tokenize = 'unicode61 remove_diacritics 0'
        )`.execute(db);
      await sql`
        insert into ticket_search_ordered (rowid, tokens, ticket_id, customer_id, internal)
        select ticket_id * ${SEARCH_ROWID_SHIFT} + row_number() over (partition by ticket_id order by rowid) - 1,
               tokens, ticket_id, customer_id, internal
        from ticket_search`.execute(db);
      await sql`drop table ticket_search`.execute(db);
      await sql`alter table ticket_search_ordered rename to ticket_search`.execute(db);
    }
  },
};
