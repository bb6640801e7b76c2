import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { openDatabase, type Database, type Engine } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';

/** A fresh, migrated database on one engine, and how to throw it away. */
export interface TestDatabase {
  database: Database;
  /** Environment that points a Weibao process (server, CLI) at this same database. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

function adminUrl(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Creates an empty database of its own for one test file on the given engine, and migrates it. */
export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weibao-test-'));
    const database = openDatabase({ engine: 'sqlite', file: path.join(dir, 'weibao.sqlite') });
    await migrateToLatest(database);
    return {
      database,
      env: { DATA_DIR: dir },
      async drop() {
        await database.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const serverUrl = inject('postgresUrl');
  if (!serverUrl) throw new Error('PostgreSQL is not available for this run');
  const name = `weibao_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = adminUrl(serverUrl, name);
  const database = openDatabase({ engine: 'postgres', url, poolSize: 5 });
  await migrateToLatest(database);
  return {
    database,
    env: { DATABASE_URL: url },
    async drop() {
      await database.close();
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** The engines this run covers: SQLite always, PostgreSQL when the global setup found a server. */
export function testEngines(): Engine[] {
  const wanted = (process.env.TEST_ENGINES ?? 'sqlite,postgres').split(',').map((e) => e.trim());
  const engines: Engine[] = [];
  if (wanted.includes('sqlite')) engines.push('sqlite');
  if (wanted.includes('postgres') && inject('postgresUrl')) engines.push('postgres');
  return engines;
}

/**
 * Runs the same test body once per engine, each against a fresh database of its own (the way
 * Kysely's own tests run every dialect). `get()` returns the database inside tests and hooks.
 */
export function describeEachEngine(
  name: string,
  body: (get: () => Database, engine: Engine, getTestDb: () => TestDatabase) => void,
): void {
  for (const engine of testEngines()) {
    describe(`${name} [${engine}]`, () => {
      let testDb: TestDatabase | undefined;
      beforeAll(async () => {
        testDb = await createTestDatabase(engine);
      });
      afterAll(async () => {
        await testDb?.drop();
      });
      const getTestDb = () => {
        if (!testDb) throw new Error('test database not ready');
        return testDb;
      };
      body(() => getTestDb().database, engine, getTestDb);
    });
  }
}
