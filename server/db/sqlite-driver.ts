import { Worker } from 'node:worker_threads';
import type SqliteDatabase from 'better-sqlite3';
import { createWriter, statementCache, type BatchItem, type BatchOutcome, type ErrorDescription, type NumberedInsert, type SqliteWriter, type WriterOp, type WriterResult } from './sqlite-writer.mjs';
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
 * Writes take turns (the writer mutex) on one of two writer connections. Transactions with
 * JavaScript between their statements, and single writes, run on the event loop's writer
 * (InlineWriter): a message to another thread per statement would cost more than most statements
 * (measured: `weibao demo`, which writes sequentially, took 76 s instead of 27 s with every
 * statement on a thread). A group commit's batch of self-contained statements — how new tickets
 * are written (group-commit.ts, writeStatement) — goes to a third connection on a thread of its
 * own (ThreadWriter, opened on the first batch), as one message: executing the ticket's rows, the
 * COMMIT with its flush to disk and the WAL checkpoints then run beside the parsing, reading and
 * answering of other requests instead of stopping the event loop. The mutex keeps the two writers
 * from ever waiting on each other's lock. An in-memory database is private to its one
 * connection, so there everything runs on it.
 */

function run(statement: SqliteDatabase.Statement, parameters: readonly unknown[]): QueryResult<unknown> {
  if (statement.reader) return { rows: statement.all(parameters) };
  const { changes, lastInsertRowid } = statement.run(parameters);
  return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
}

/** A writer connection, wherever it runs (sqlite-writer.mjs). Callers hold the writer mutex. */
interface Writer {
  request(op: WriterOp): Promise<WriterResult>;
  close(): Promise<void>;
}

/** The writer on the event loop. */
class InlineWriter implements Writer {
  private readonly writer: SqliteWriter;

  constructor(readonly db: SqliteDatabase.Database) {
    this.writer = createWriter(db);
  }

  async request(op: WriterOp) {
    return this.writer.execute(op);
  }
  async close() {
    this.db.close();
  }
}

/** An answer of the writer thread (sqlite-writer.worker.mjs). */
type WriterReply = { id: number } & BatchOutcome;

/** The error a request raised on the writer, as the error handlers know it (its `code`). */
export function writerError(error: ErrorDescription): Error {
  return Object.assign(new Error(error.message), { name: error.name, code: error.code });
}

/** The writer on a worker thread. */
class ThreadWriter implements Writer {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (result: WriterResult) => void; reject: (error: Error) => void }>();
  private nextId = 1;
  /** Set once the thread has stopped: every request after it fails with this. */
  private stopped: Error | null = null;
  private closing = false;
  private readonly exited: Promise<void>;

  constructor(file: string, pragmas: readonly string[]) {
    this.worker = new Worker(new URL('./sqlite-writer.worker.mjs', import.meta.url), { workerData: { file, pragmas } });
    // The thread keeps the process alive only while a request waits for it.
    this.worker.unref();
    this.worker.on('message', (reply: WriterReply) => this.answer(reply));
    this.worker.on('error', (error) => this.stop(error));
    this.exited = new Promise((resolve) =>
      this.worker.once('exit', (code) => {
        this.stop(new Error(`the SQLite writer thread stopped (exit code ${code})`));
        resolve();
      }),
    );
  }

  private answer(reply: WriterReply) {
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0 && !this.closing) this.worker.unref();
    if (reply.ok) waiting.resolve(reply);
    else waiting.reject(writerError(reply.error));
  }

  private stop(error: Error) {
    this.stopped ??= error;
    for (const waiting of this.pending.values()) waiting.reject(this.stopped);
    this.pending.clear();
  }

  request(op: WriterOp): Promise<WriterResult> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...op, id });
    });
  }

  async close() {
    // Held (ref) until the thread has exited, or a process waiting only for that would end first.
    this.closing = true;
    this.worker.ref();
    if (!this.stopped) await this.request({ op: 'close' });
    await this.exited;
  }
}

/** What Kysely expects of a query's result. */
export function queryResult(result: WriterResult): QueryResult<unknown> {
  if (result.rows) return { rows: result.rows };
  return { numAffectedRows: BigInt(result.changes ?? 0), insertId: BigInt(result.lastInsertRowid ?? 0), rows: [] };
}

/**
 * The texts of the two writer requests that are not SQL, sent through Kysely as queries whose one
 * parameter is the request: a numbered insert (statements.ts, numberedInsert) and a group
 * commit's batch (group-commit.ts).
 */
export const NUMBERED_INSERT_SQL = '-- weibao: numbered insert';
export const BATCH_SQL = '-- weibao: batch';

/** What the writer runs for a compiled query. */
export function batchItem(query: CompiledQuery): BatchItem {
  if (query.sql === NUMBERED_INSERT_SQL) return { op: 'numbered', insert: query.parameters[0] as NumberedInsert };
  return { op: 'query', sql: query.sql, parameters: query.parameters };
}

/** Turns of the writer connection, one holder at a time, first come first served. */
class Mutex {
  private tail: Promise<void> = Promise.resolve();
  /** Callers waiting for their turn (not counting the holder). */
  waiting = 0;

  /** Resolves when the caller holds the lock, with the function that releases it. */
  lock(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    this.waiting++;
    const turn = this.tail.then(() => {
      this.waiting--;
      return release;
    });
    this.tail = this.tail.then(() => held);
    return turn;
  }
}

/**
 * The writer thread's turn while group commits' batches are in flight. Batches follow each other
 * on the thread without a gap: the next is sent while the one before still runs (the thread takes
 * them in order, each its own transaction), so the thread never idles while the event loop, busy
 * answering the batch just committed, gets round to sending the next. The turn ends when the last
 * batch in flight is done; a batch that finds another writer waiting queues behind it instead of
 * extending the turn, so transactions on the event loop's writer are never starved.
 */
interface BatchTurn {
  release: () => void;
  inFlight: number;
}

/** What Kysely sees as a connection: a session that holds the writer only while in a transaction. */
class Session implements DatabaseConnection {
  /** Set while this session holds the writer for a transaction. */
  release: (() => void) | null = null;

  constructor(private readonly driver: TwoConnectionDriver) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const { sql, parameters } = query;
    const writer = this.driver.writer;
    if (sql === BATCH_SQL) {
      // A group commit's batch (outside any transaction): the writer thread runs and commits it.
      return queryResult(await this.driver.runBatch(parameters[0] as BatchItem[])) as QueryResult<R>;
    }
    if (this.release) return queryResult(await writer.request(batchItem(query))) as QueryResult<R>;
    const reading = sql !== NUMBERED_INSERT_SQL && this.driver.readable(sql);
    if (reading) return run(reading, parameters) as QueryResult<R>;
    const release = await this.driver.writerMutex.lock();
    try {
      return queryResult(await writer.request(batchItem(query))) as QueryResult<R>;
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
  private readonly prepareOnReader: (text: string) => SqliteDatabase.Statement;
  readonly writer: InlineWriter;
  private batchWriter: ThreadWriter | null = null;

  constructor(
    writer: SqliteDatabase.Database,
    private readonly reader: SqliteDatabase.Database,
    private readonly thread: { file: string; pragmas: readonly string[] } | null,
  ) {
    this.writer = new InlineWriter(writer);
    this.prepareOnReader = statementCache(reader);
  }

  /** Where a batch runs: the writer thread, opened on the first batch (the event loop's writer for an in-memory database). */
  private batches(): Writer {
    if (!this.thread) return this.writer;
    this.batchWriter ??= new ThreadWriter(this.thread.file, this.thread.pragmas);
    return this.batchWriter;
  }

  private batchTurn: BatchTurn | null = null;

  /** Runs and commits a group commit's batch on the writer thread, in the batches' turn (BatchTurn). */
  async runBatch(items: BatchItem[]): Promise<WriterResult> {
    let turn = this.batchTurn;
    if (!turn || this.writerMutex.waiting > 0) {
      const release = await this.writerMutex.lock();
      turn = this.batchTurn = { release, inFlight: 0 };
    }
    turn.inFlight++;
    try {
      return await this.batches().request({ op: 'batch', items });
    } finally {
      if (--turn.inFlight === 0) {
        if (this.batchTurn === turn) this.batchTurn = null;
        turn.release();
      }
    }
  }

  async init(): Promise<void> {}

  /** The statement prepared on the reader, when it only reads; null when it must go to the writer. */
  readable(sql: string): SqliteDatabase.Statement | null {
    try {
      const statement = this.prepareOnReader(sql);
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
      await this.writer.request({ op: 'begin' });
    } catch (error) {
      this.end(session);
      throw error;
    }
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    // A failed COMMIT leaves the transaction open; Kysely then rolls back, which ends the turn.
    await this.writer.request({ op: 'commit' });
    this.end(connection as Session);
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await this.writer.request({ op: 'rollback' });
    } finally {
      this.end(connection as Session);
    }
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    // Only reached with the writer still held if a transaction was neither committed nor rolled back.
    this.end(connection as Session);
  }

  async destroy(): Promise<void> {
    await this.batchWriter?.close();
    if (this.writer.db !== this.reader) this.reader.close();
    await this.writer.close();
  }

  private end(session: Session) {
    const release = session.release;
    session.release = null;
    release?.();
  }
}

/** The Kysely dialect for SQLite over a writer and a reader connection to the same file. */
export class TwoConnectionSqliteDialect implements Dialect {
  /**
   * `thread`: the file and the pragmas to open the writer thread's connection with; null for an
   * in-memory database, whose one connection (`writer` and `reader` both) does everything.
   */
  constructor(
    private readonly writer: SqliteDatabase.Database,
    private readonly reader: SqliteDatabase.Database,
    private readonly thread: { file: string; pragmas: readonly string[] } | null,
  ) {}

  createDriver(): Driver {
    return new TwoConnectionDriver(this.writer, this.reader, this.thread);
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
