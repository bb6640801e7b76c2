import { sql, type RawBuilder } from 'kysely';
import type { Executor } from './database.js';

/**
 * Whether at most `n` rows of `table` meet `condition`, reading at most n + 1 of them (on an index,
 * when one serves the condition).
 *
 * SQLite plans without value statistics (database.ts, planWithoutValueStatistics), so for a range
 * it cannot tell a handful of rows from half the table. A list whose best plan depends on that
 * asks here first and picks the plan itself: assets by serial prefix, tickets by date.
 */
export async function hasAtMostRows(db: Executor, table: 'assets' | 'tickets', condition: RawBuilder<boolean>, n: number): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from (
      select 1 from ${sql.table(table)} where ${condition} limit ${n + 1}) as hits`.execute(db);
  return Number(rows[0]?.n ?? 0) <= n;
}
