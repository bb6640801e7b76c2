import type SqliteDatabase from 'better-sqlite3';
import {
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
} from 'kysely';

/**
 * SQLite with one writer and one reader connection, as SQLite's WAL mode is meant to be used.
 *
 * Kysely's own SQLite driver has one connection behind a mutex: while a write transaction is open
 * (between its awaits), every read of every other request waits for it. Here a statement outside
 * a transaction that only reads (better-sqlite3's `statement.readonly`) runs at once on the reader
 * connection and sees the last committed state; transactions and every other statement take the
 * writer connection in turn. Reads then never queue behind writes, and writes arriving while a
 * transaction is open can join the next group commit (db/group-commit.ts).
 *
 * Everything still runs on the one JavaScript thread, so the two connections never execute at
 * the same instant; they differ only in what they can see and what they hold.
 */

/** Keeps a connection's most recent prepared statements (preparing costs as much as an indexed query). */
class StatementCache {
  private readonly cache = new Map<string, SqliteDatabase.Statement>();

  constructor(
    readonly db: SqliteDatabase.Database,
    private readonly size = 500,
  ) {}

  prepare(text: string): SqliteDatabase.Statement {
    let statement = this.cache.get(text);
    if (statement) {
      this.cache.delete(text);
    } else {
      statement = this.db.prepare(text);
      if (this.cache.size >= this.size) this.cache.delete(this.cache.keys().next().value!);
    }
    this.cache.set(text, statement);
    return statement;
  }
}

function run(statement: SqliteDatabase.Statement, parameters: readonly unknown[]): QueryResult<unknown> {
  if (statement.reader) return { rows: statement.all(parameters) };
  const { changes, lastInsertRowid } = statement.run(parameters);
  return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
}

/** Turns of the writer connection, one holder at a time, first come first served. */
class Mutex {
  private tail: Promise<void> = Promise.resolve();

  /** Resolves when the caller holds the lock, with the function that releases it. */
  lock(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const turn = this.tail.then(() => release);
    this.tail = this.tail.then(() => held);
    return turn;
  }
}

/** What Kysely sees as a connection: a session that holds the writer only while in a transaction. */
class Session implements DatabaseConnection {
  /** Set while this session holds the writer for a transaction. */
  release: (() => void) | null = null;

  constructor(private readonly driver: TwoConnectionDriver) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const { sql, parameters } = query;
    if (this.release) return run(this.driver.writer.prepare(sql), parameters) as QueryResult<R>;
    const reading = this.driver.readable(sql);
    if (reading) return run(reading, parameters) as QueryResult<R>;
    const release = await this.driver.writerMutex.lock();
    try {
      return run(this.driver.writer.prepare(sql), parameters) as QueryResult<R>;
    } finally {
      release();
    }
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not used with SQLite');
  }
}

class TwoConnectionDriver implements Driver {
  readonly writerMutex = new Mutex();
  readonly writer: StatementCache;
  readonly reader: StatementCache;

  constructor(writer: SqliteDatabase.Database, reader: SqliteDatabase.Database) {
    this.writer = new StatementCache(writer);
    this.reader = new StatementCache(reader);
  }

  async init(): Promise<void> {}

  /** The statement prepared on the reader, when it only reads; null when it must go to the writer. */
  readable(sql: string): SqliteDatabase.Statement | null {
    try {
      const statement = this.reader.prepare(sql);
      return statement.readonly ? statement : null;
    } catch {
      // Not preparable on the reader (say, it names a temporary table): the writer decides.
      return null;
    }
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new Session(this);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const session = connection as Session;
    session.release = await this.writerMutex.lock();
    try {
      this.writer.prepare('begin').run();
    } catch (error) {
      this.end(session);
      throw error;
    }
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    // A failed COMMIT leaves the transaction open; Kysely then rolls back, which ends the turn.
    this.writer.prepare('commit').run();
    this.end(connection as Session);
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      if (this.writer.db.inTransaction) this.writer.prepare('rollback').run();
    } finally {
      this.end(connection as Session);
    }
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    // Only reached with the writer still held if a transaction was neither committed nor rolled back.
    this.end(connection as Session);
  }

  async destroy(): Promise<void> {
    if (this.reader.db !== this.writer.db) this.reader.db.close();
    this.writer.db.close();
  }

  private end(session: Session) {
    const release = session.release;
    session.release = null;
    release?.();
  }
}

/** The Kysely dialect for SQLite over a writer and a reader connection to the same file. */
export class TwoConnectionSqliteDialect implements Dialect {
  constructor(
    private readonly writer: SqliteDatabase.Database,
    private readonly reader: SqliteDatabase.Database,
  ) {}

  createDriver(): Driver {
    return new TwoConnectionDriver(this.writer, this.reader);
  }

  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return new SqliteAdapter();
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}
