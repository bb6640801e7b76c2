import { sql, type OperationNodeSource } from 'kysely';
import type { Engine, Executor } from './database.js';

/** A write not yet executed: a Kysely insert/update builder or raw SQL. */
export type Statement = OperationNodeSource;

/**
 * Runs writes that belong together. On PostgreSQL they go as one statement — each a
 * data-modifying CTE — in one round trip: a single statement is atomic by itself, so nothing else
 * is needed to keep them together. On SQLite they run one after another; the caller holds the
 * transaction. Statements must not depend on each other's results (they see the same snapshot).
 */
export async function writeTogether(db: Executor, engine: Engine, statements: Statement[]): Promise<void> {
  if (statements.length === 0) return;
  if (engine === 'sqlite') {
    for (const statement of statements) await sql`${statement}`.execute(db);
    return;
  }
  const parts = statements.map((statement, i) => sql`${sql.raw(`w${i}`)} as (${statement})`);
  await sql`with ${sql.join(parts)} select 1`.execute(db);
}
