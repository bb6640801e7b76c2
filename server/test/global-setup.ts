import pg from 'pg';
import type { TestProject } from 'vitest/node';

export const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The PostgreSQL server for the PostgreSQL half, or null when it is skipped. */
    postgresUrl: string | null;
  }
}

/**
 * Finds the PostgreSQL server once for the whole run. Without one the PostgreSQL half is skipped
 * and says so, except under CI=true, where a missing engine fails the run.
 */
export default async function setup(project: TestProject): Promise<void> {
  const engines = (process.env.TEST_ENGINES ?? 'sqlite,postgres').split(',').map((e) => e.trim());
  if (!engines.includes('postgres')) {
    project.provide('postgresUrl', null);
    return;
  }
  const url = process.env.TEST_DATABASE_URL || DEFAULT_TEST_DATABASE_URL;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    project.provide('postgresUrl', url);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (process.env.CI === 'true') {
      throw new Error(`CI=true and PostgreSQL at ${url} does not answer (${reason}); the PostgreSQL half cannot be skipped in CI.`);
    }
    process.stderr.write(`\n  PostgreSQL at ${url} does not answer (${reason}): skipping the PostgreSQL half of the integration tests.\n\n`);
    project.provide('postgresUrl', null);
  } finally {
    await client.end().catch(() => undefined);
  }
}
