import { Migrator, type Migration, type MigrationResultSet } from 'kysely';
import type { Database } from './database.js';
import { foundation } from './migrations/0001-foundation.js';
import { records } from './migrations/0002-records.js';
import { serviceDesk } from './migrations/0003-service-desk.js';
import { attachments } from './migrations/0006-attachments.js';
import { deskRules } from './migrations/0005-desk-rules.js';
import { clocks } from './migrations/0008-clocks.js';
import { deskSpeed } from './migrations/0007-desk-speed.js';
import { fieldService } from './migrations/0009-field-service.js';
import { spareParts } from './migrations/0010-spare-parts.js';
import { rmaLoans } from './migrations/0011-rma-loans.js';
import { rmaPartialReturns } from './migrations/0012-rma-partial-returns.js';
import { sparseIndexes } from './migrations/0013-sparse-indexes.js';
import { ticketsByDate } from './migrations/0014-tickets-by-date.js';
import type { WeibaoMigration } from './migrations/helpers.js';

/** Every migration in order. Listed here, not read from disk, so the build and tsx both work. */
const MIGRATIONS: WeibaoMigration[] = [foundation, records, serviceDesk, deskRules, attachments, deskSpeed, clocks, fieldService, spareParts, rmaLoans, rmaPartialReturns, sparseIndexes, ticketsByDate];

/** Brings the schema to the latest version; throws with the failing migration's name. */
export async function migrateToLatest(database: Database): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db: database.db,
    provider: {
      async getMigrations() {
        const entries: Record<string, Migration> = {};
        for (const m of MIGRATIONS) entries[m.name] = { up: (db) => m.up(db, database.engine) };
        return entries;
      },
    },
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${String(result.error)}`, { cause: result.error });
  }
  return result;
}
