import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';
import { TwoConnectionSqliteDialect } from './sqlite-driver.js';
import { coalesceLookups } from './coalesce.js';
import { statementName } from './statements.js';

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
  | {
      engine: 'postgres';
      url: string;
      poolSize?: number;
      /**
       * Named prepared statements for the hot writes (default). A proxy that pools by transaction
       * (PgBouncer's transaction mode) hands each transaction another server connection, where the
       * statement was never prepared: turn them off there.
       */
      preparedStatements?: boolean;
    };

// int8 (bigint) comes back from pg as a string by default; our epoch-millisecond times and ids
// stay far below 2^53, so numbers are safe and keep both engines returning the same types.
const INT8_OID = 20;
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (value: string) => Number.parseInt(value, 10) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** Opens SQLite (WAL, synchronous=FULL, busy timeout, foreign keys) or a PostgreSQL pool. */
export function openDatabase(options: DatabaseOptions): Database {
  if (options.engine === 'sqlite') {
    const pragmas = [
      'journal_mode = WAL',
      // FULL: a ticket the API acknowledged survives a power cut (DESIGN.md, data rules).
      'synchronous = FULL',
      'busy_timeout = 5000',
      'foreign_keys = ON',
      // 64 MiB of pages: a new ticket touches its 13 indexes, its clocks' and the search index,
      // which at a million tickets no longer fit SQLite's default 2 MiB.
      'cache_size = -65536',
    ];
    const open = () => {
      const connection = new SqliteDatabase(options.file);
      for (const pragma of pragmas) connection.pragma(pragma);
      return connection;
    };
    if (options.file === ':memory:') {
      // An in-memory database is private to its connection: the one connection writes and reads.
      const only = open();
      const db = new Kysely<DB>({ dialect: new TwoConnectionSqliteDialect(only, only, null) });
      return { db, engine: 'sqlite', close: () => db.destroy() };
    }
    fs.mkdirSync(path.dirname(options.file), { recursive: true });
    // The writer; a second connection for reads outside transactions; a third, on a thread of its
    // own, for the group commits of new tickets (db/sqlite-driver.ts).
    const writer = open();
    planWithoutValueStatistics(writer);
    const reader = new SqliteDatabase(options.file);
    reader.pragma('busy_timeout = 5000');
    reader.pragma('query_only = ON');
    // The writer thread keeps its statement journals in memory. Inside a transaction SQLite keeps one
    // for each statement that may fail after it wrote (a multi-row insert, such as a new fault's
    // clocks), and past 64 KiB spills it to a temporary file: measured at a million tickets, some 50
    // page writes, each a system call, per ticket of a group commit — a third of the thread's
    // statement time. The thread only runs the short inserts of units; the event loop's writer,
    // which also runs migrations and their index builds, keeps temporary data on disk.
    const thread = { file: options.file, pragmas: [...pragmas, 'temp_store = MEMORY'] };
    const db = new Kysely<DB>({ dialect: new TwoConnectionSqliteDialect(writer, reader, thread) });
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
  if (options.preparedStatements !== false) pool.on('connect', runNamedStatements);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  coalesceLookups(db);
  return { db, engine: 'postgres', url: options.url, close: () => db.destroy() };
}

/**
 * Kysely sends every query as `client.query(text, values)`, unnamed, so PostgreSQL parses and
 * plans it each time. The hot statements built in db/statements.ts go as named prepared
 * statements instead: pg parses one once per connection and then only binds and executes it.
 */
function runNamedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((config: unknown, values?: unknown, callback?: unknown) => {
    const name = typeof config === 'string' ? statementName(config) : undefined;
    if (name === undefined || typeof values === 'function') return query(config, values, callback);
    return query({ name, text: config, values }, callback);
  }) as typeof client.query;
}

/**
 * SQLite as better-sqlite3 builds it has STAT4: once ANALYZE has filled `sqlite_stat4`, every
 * statement whose plan could depend on a bound value is prepared anew at each execution, which
 * costs more than running it (measured at a million tickets: the spare-on-site lookup 36 µs
 * instead of 8, the session lookup and the search document's insert likewise). Weibao's queries
 * are written for their indexes, and `sqlite_stat1` (row counts per index) is all the planner
 * needs for them, so the value samples are removed when the database opens, before any other
 * connection reads the statistics.
 */
function planWithoutValueStatistics(connection: SqliteDatabase.Database): void {
  const stat4 = connection.prepare(`select 1 from sqlite_schema where type = 'table' and name = 'sqlite_stat4'`).get();
  if (!stat4 || !connection.prepare('select 1 from sqlite_stat4 limit 1').get()) return;
  connection.exec('delete from sqlite_stat4');
  // Makes this connection read the statistics again; the others open after this.
  connection.exec('analyze sqlite_schema');
}

/** A cheap round trip, for readiness checks. */
export async function pingDatabase(db: Kysely<DB>): Promise<void> {
  await sql`select 1`.execute(db);
}
