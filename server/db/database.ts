import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';

export type Engine = 'sqlite' | 'postgres';

/** An open database: the typed query builder, which engine is behind it, and how to close it. */
export interface Database {
  db: Kysely<DB>;
  engine: Engine;
  /** The PostgreSQL connection string (for LISTEN connections); undefined on SQLite. */
  url?: string;
  close(): Promise<void>;
}

/** What the repositories take: the database itself or an open transaction. */
export type Executor = Kysely<DB> | Transaction<DB>;

export type DatabaseOptions =
  | { engine: 'sqlite'; file: string }
  | { engine: 'postgres'; url: string; poolSize?: number };

// int8 (bigint) comes back from pg as a string by default; our epoch-millisecond times and ids
// stay far below 2^53, so numbers are safe and keep both engines returning the same types.
const INT8_OID = 20;
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (value: string) => Number.parseInt(value, 10) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * Kysely prepares every statement anew; on SQLite preparing costs as much as running an indexed
 * query. Queries repeat (the SQL text has parameters, not values), so keep the most recent
 * statements. Safe because Kysely runs one query at a time on its single SQLite connection and
 * never streams from a statement here.
 */
function withStatementCache(sqlite: SqliteDatabase.Database, size = 500) {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      let statement = cache.get(text);
      if (statement) {
        cache.delete(text);
      } else {
        statement = sqlite.prepare(text);
        if (cache.size >= size) cache.delete(cache.keys().next().value!);
      }
      cache.set(text, statement);
      return statement;
    },
  };
}

/** Opens SQLite (WAL, synchronous=FULL, busy timeout, foreign keys) or a PostgreSQL pool. */
export function openDatabase(options: DatabaseOptions): Database {
  if (options.engine === 'sqlite') {
    if (options.file !== ':memory:') fs.mkdirSync(path.dirname(options.file), { recursive: true });
    const sqlite = new SqliteDatabase(options.file);
    sqlite.pragma('journal_mode = WAL');
    // FULL: a ticket the API acknowledged survives a power cut (DESIGN.md, data rules).
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    return { db, engine: 'sqlite', close: () => db.destroy() };
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    types: pgTypes,
    application_name: 'weibao',
  });
  // An idle connection can be cut (a database restart, a failover); the pool reconnects on the
  // next query, so this must not crash the process as an unhandled 'error' event would.
  pool.on('error', () => undefined);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, engine: 'postgres', url: options.url, close: () => db.destroy() };
}

/** A cheap round trip, for readiness checks. */
export async function pingDatabase(db: Kysely<DB>): Promise<void> {
  await sql`select 1`.execute(db);
}
