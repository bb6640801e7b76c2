import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './database.js';
import { preparedSql, runPrepared } from './statements.js';

const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const plusOne = preparedSql`select ${'n'}::int + 1 as n`;

/** The prepared statements of the pool's one connection that are ours. */
async function ours(database: Database): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from pg_prepared_statements where name like 'weibao_%'`.execute(database.db);
  return rows.map((r) => r.name);
}

/**
 * The hot statements run as named prepared statements on PostgreSQL, unless turned off for a
 * proxy that pools by transaction (DATABASE_PREPARED_STATEMENTS=false), where a statement
 * prepared on one server connection is unknown on the next.
 */
describe('PostgreSQL prepared statements', () => {
  let open: Database | undefined;
  afterEach(async () => {
    await open?.close();
    open = undefined;
  });

  it('prepares our statements by name on the connection', async () => {
    open = openDatabase({ engine: 'postgres', url, poolSize: 1 });
    const { rows } = await runPrepared<{ n: number }>(open.db, 'postgres', plusOne(41));
    expect(rows[0]!.n).toBe(42);
    expect((await ours(open)).length).toBeGreaterThan(0);
  });

  it('sends them unnamed when turned off, with the same results', async () => {
    open = openDatabase({ engine: 'postgres', url, poolSize: 1, preparedStatements: false });
    const { rows } = await runPrepared<{ n: number }>(open.db, 'postgres', plusOne(41));
    expect(rows[0]!.n).toBe(42);
    expect(await ours(open)).toEqual([]);
  });
});
