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
 * statement on a thread). Self-contained units — a statement or a numbered insert, how new
 * tickets are written (group-commit.ts, writeStatement) — go to a third connection on a thread of
 * its own (ThreadWriter, opened on the first unit) as they come (UnitStream); the thread commits
 * what reached it while it was busy as one group. Executing the ticket's rows, the COMMIT with its
 * flush to disk and the WAL checkpoints then run beside the parsing, reading and answering of
 * other requests instead of stopping the event loop, and the thread never waits for the event
 * loop between groups. The mutex keeps the two writers from ever waiting on each other's lock. An
 * in-memory database is private to its one connection, so there everything runs on it.
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

  /**
   * A request; `units` are committed with the other units that reach the thread while it is busy
   * (sqlite-writer.worker.mjs), answering their outcomes as a batch's rows.
   */
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
 * parameter is the request: a numbered insert (statements.ts, numberedInsert) inside a unit, and a
 * unit to commit with the others that arrive with it (group-commit.ts, writeStatement).
 */
export const NUMBERED_INSERT_SQL = '-- weibao: numbered insert';
export const UNIT_SQL = '-- weibao: unit';

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
 * Units on their way to the writer thread. Those that come in one turn of the event loop go at
 * its end, without waiting for the groups before them: the thread commits everything that reached
 * it while it was busy as one group (sqlite-writer.worker.mjs), the moment it is free, instead of
 * waiting for the event loop — busy with the answers just sent and the requests they let in — to
 * get round to sending more (measured: a third of the thread's time went waiting so, and groups
 * were a quarter smaller when a group went only after the one before was answered).
 *
 * The thread has the writer's turn (the mutex) while it has units to commit. When another writer
 * waits for its turn, no more units go: the thread finishes those it has and gives the turn up,
 * and the waiting units follow, so transactions on the event loop's writer still get their turn
 * under a steady stream of new tickets.
 */
class UnitStream {
  private release: (() => void) | null = null;
  private acquiring = false;
  private scheduled = false;
  private unanswered = 0;
  private readonly outgoing: { item: BatchItem; resolve: (outcome: BatchOutcome) => void; reject: (error: unknown) => void }[] = [];

  constructor(
    private readonly mutex: Mutex,
    private readonly thread: () => Writer,
  ) {}

  submit(item: BatchItem): Promise<BatchOutcome> {
    return new Promise((resolve, reject) => {
      this.outgoing.push({ item, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.dispatch();
      });
    });
  }

  private dispatch() {
    if (this.outgoing.length === 0) return;
    if (!this.release) void this.acquire();
    else if (this.mutex.waiting === 0) this.send();
    // Otherwise they go once the thread has given the turn up and had it back.
  }

  private async acquire() {
    if (this.acquiring || this.release) return;
    this.acquiring = true;
    this.release = await this.mutex.lock();
    this.acquiring = false;
    this.send();
  }

  /** Sends what is waiting, in requests of at most MAX_UNITS_SENT units. */
  private send() {
    while (this.outgoing.length) {
      const units = this.outgoing.splice(0, MAX_UNITS_SENT);
      this.unanswered += units.length;
      this.thread()
        .request({ op: 'units', items: units.map((u) => u.item) })
        .then(
          ({ rows }) => units.forEach((u, i) => u.resolve(rows![i] as BatchOutcome)),
          (error: unknown) => units.forEach((u) => u.reject(error)),
        )
        .finally(() => {
          this.unanswered -= units.length;
          if (this.unanswered === 0) this.giveUp();
        });
    }
    if (this.unanswered === 0) this.giveUp();
  }

  /** Gives the writer's turn up, to whoever waits for it; units that came meanwhile queue for the next. */
  private giveUp() {
    this.release?.();
    this.release = null;
    if (this.outgoing.length) void this.acquire();
  }
}

/** Units in one request to the writer thread at most, as in one group (sqlite-writer.worker.mjs). */
const MAX_UNITS_SENT = 64;

/** What Kysely sees as a connection: a session that holds the writer only while in a transaction. */
class Session implements DatabaseConnection {
  /** Set while this session holds the writer for a transaction. */
  release: (() => void) | null = null;

  constructor(private readonly driver: TwoConnectionDriver) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const { sql, parameters } = query;
    const writer = this.driver.writer;
    if (sql === UNIT_SQL) {
      // A self-contained unit (outside any transaction), committed with those that come with it.
      const outcome = await this.driver.commitUnit(parameters[0] as BatchItem);
      if (!outcome.ok) throw writerError(outcome.error);
      return queryResult(outcome) as QueryResult<R>;
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
  private readonly units: UnitStream;

  constructor(
    writer: SqliteDatabase.Database,
    private readonly reader: SqliteDatabase.Database,
    private readonly thread: { file: string; pragmas: readonly string[] } | null,
  ) {
    this.writer = new InlineWriter(writer);
    this.units = new UnitStream(this.writerMutex, () => (this.batchWriter ??= new ThreadWriter(thread!.file, thread!.pragmas)));
    this.prepareOnReader = statementCache(reader);
  }

  /** Commits a self-contained unit: on the writer thread, opened on the first unit (on the event loop's writer, alone, for an in-memory database). */
  async commitUnit(item: BatchItem): Promise<BatchOutcome> {
    if (this.thread) return this.units.submit(item);
    const release = await this.writerMutex.lock();
    try {
      const { rows } = await this.writer.request({ op: 'units', items: [item] });
      return rows![0] as BatchOutcome;
    } finally {
      release();
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
