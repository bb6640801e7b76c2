import { CompiledQuery, sql, type Kysely, type QueryResult, type Transaction } from 'kysely';
import { batchItem, UNIT_SQL } from './sqlite-driver.js';
import type { Engine } from './database.js';
import type { DB } from './schema.js';

/**
 * Write transactions, committed in groups on SQLite.
 *
 * SQLite with `synchronous = FULL` flushes the write-ahead log to disk at every COMMIT: at one
 * ticket per transaction the flush alone was a third of the writer's time. Databases answer this
 * with group commit, and so do we: work that
 * arrives while a batch is pending joins it, and the batch commits once. No caller hears "done"
 * before the COMMIT that made its writes durable, so the promise each caller relies on is
 * unchanged: acknowledged means on disk, failed means nothing written.
 *
 * A unit that fails must leave nothing behind while the others commit. Wrapping every unit in a
 * SAVEPOINT does that but is dear: each page a unit first touches is copied to a sub-journal, and
 * FTS5 writes its pending terms out as a new index segment at every savepoint — a segment per
 * ticket, five times the cost of the search insert itself (measured on the ticket benchmark). So
 * units run bare, and a failure is handled when it happens, which is rare:
 * - a unit that fails before writing anything (not found, not allowed, an invalid step — the
 *   common failures; `total_changes()` has not moved) simply rejects, and the batch goes on;
 * - a unit that fails after writing rolls the whole batch back: it rejects, and the units of the
 *   batch run again in a batch of their own, each inside a SAVEPOINT as before, so one failing
 *   unit costs at most one repeat of its batch and can never hold the others back.
 * Units therefore must be safe to run again: database reads and writes through `trx` only.
 *
 * A unit that is one statement — or one numbered insert (statements.ts, numberedInsert), which is
 * how a new ticket is written — needs no JavaScript between its parts: `writeStatement` hands it
 * straight to the writer connection on a thread of its own (sqlite-driver.ts, UnitStream), which
 * groups what reaches it while it is busy into one transaction and runs the policy above by
 * itself: executing the rows, the COMMIT with its flush to disk and the WAL checkpoints run beside
 * the event loop, and the thread goes from one commit straight to the next group.
 *
 * PostgreSQL runs each unit as its own transaction on the pool (its WAL writer already groups
 * concurrent commits).
 */

type Work<T> = (trx: Transaction<DB>) => Promise<T>;

interface Pending {
  /** The unit: JavaScript given the transaction. */
  work: Work<unknown>;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
  /** Set once a batch this unit ran in was rolled back: it then runs inside a savepoint. */
  guarded: boolean;
}

/** At most this many units share one COMMIT, so no caller waits behind an unbounded batch. */
const MAX_BATCH = 64;

/** Thrown inside the batch's transaction to roll it back after a unit failed half-way. */
class BatchAborted extends Error {
  constructor(readonly failed: number) {
    super('group commit: a unit failed after writing');
  }
}

const TOTAL_CHANGES = CompiledQuery.raw('select total_changes() as n');

/** Rows this connection has inserted, updated or deleted so far (FTS5 writes included). */
async function totalChanges(trx: Transaction<DB>): Promise<number> {
  const { rows } = await trx.executeQuery<{ n: number }>(TOTAL_CHANGES);
  return Number(rows[0]!.n);
}

class GroupCommitter {
  private queue: Pending[] = [];
  private flushing = false;
  private scheduled = false;

  constructor(private readonly db: Kysely<DB>) {}

  run<T>(work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject, guarded: false });
      this.schedule();
    });
  }

  private schedule() {
    if (this.scheduled || this.flushing) return;
    this.scheduled = true;
    // One turn of the event loop lets the requests already read from their sockets join in.
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush() {
    this.flushing = true;
    // Units to run again come first, in a batch of their own.
    const guarded = this.queue[0]?.guarded ?? false;
    const size = guarded ? this.queue.findIndex((u) => !u.guarded) : -1;
    const batch = this.queue.splice(0, Math.min(size === -1 ? MAX_BATCH : size, MAX_BATCH));
    try {
      await this.flushUnits(batch, guarded);
    } finally {
      this.flushing = false;
      if (this.queue.length) this.schedule();
    }
  }

  /** Runs a batch of units in one transaction of the event loop's writer; see the module comment. */
  private async flushUnits(batch: Pending[], guarded: boolean) {
    const outcomes: { ok: boolean; value: unknown }[] = [];
    try {
      await this.db.transaction().execute(async (trx) => (guarded ? runGuarded(trx, batch, outcomes) : runBare(trx, batch, outcomes)));
      batch.forEach((unit, i) => (outcomes[i]!.ok ? unit.resolve(outcomes[i]!.value) : unit.reject(outcomes[i]!.value)));
    } catch (error) {
      if (error instanceof BatchAborted) {
        // Rolled back: the failed unit rejects (so do units that failed earlier without writing);
        // the rest run again, first, each in a savepoint.
        const again: Pending[] = [];
        batch.forEach((unit, i) => {
          if (i === error.failed || (i < error.failed && !outcomes[i]!.ok)) unit.reject(outcomes[i]!.value);
          else again.push({ ...unit, guarded: true });
        });
        this.queue.unshift(...again);
      } else {
        // The COMMIT (or a savepoint statement) failed: nothing of the batch was written.
        for (const unit of batch) unit.reject(error);
      }
    }
  }
}

/** Runs the units one after another in the open transaction; see the module comment for failures. */
async function runBare(trx: Transaction<DB>, batch: Pending[], outcomes: { ok: boolean; value: unknown }[]) {
  for (const [i, unit] of batch.entries()) {
    const before = await totalChanges(trx);
    try {
      outcomes.push({ ok: true, value: await unit.work(trx) });
    } catch (error) {
      outcomes.push({ ok: false, value: error });
      if ((await totalChanges(trx)) !== before) throw new BatchAborted(i);
    }
  }
}

/** Runs each unit inside its own savepoint: a failing unit is rolled back alone. */
async function runGuarded(trx: Transaction<DB>, batch: Pending[], outcomes: { ok: boolean; value: unknown }[]) {
  for (const unit of batch) {
    await sql`savepoint unit`.execute(trx);
    try {
      const value = await unit.work(trx);
      await sql`release unit`.execute(trx);
      outcomes.push({ ok: true, value });
    } catch (error) {
      await sql`rollback to unit`.execute(trx);
      await sql`release unit`.execute(trx);
      outcomes.push({ ok: false, value: error });
    }
  }
}

const committers = new WeakMap<Kysely<DB>, GroupCommitter>();

/**
 * Runs `work` in a write transaction: grouped with concurrent work on SQLite, alone on
 * PostgreSQL. `work` must do nothing but database writes and reads through `trx` (no waiting on
 * the network), since the units of a group run one after another, and it may run more than once
 * (when another unit of its group fails after writing; see above).
 */
export function writeTransaction<T>(deps: { db: Kysely<DB>; engine: Engine }, work: Work<T>): Promise<T> {
  if (deps.engine === 'postgres') return deps.db.transaction().execute(work);
  return committerOf(deps.db).run(work);
}

/**
 * SQLite: one statement, or one numbered insert (statements.ts), written in a group commit as a
 * unit of its own that needs no JavaScript between its parts (see above); its result.
 */
export function writeStatement<R>(deps: { db: Kysely<DB>; engine: Engine }, query: CompiledQuery<R>): Promise<QueryResult<R>> {
  if (deps.engine === 'postgres') throw new Error('writeStatement is for SQLite; PostgreSQL runs a statement by itself');
  return deps.db.executeQuery<R>(CompiledQuery.raw(UNIT_SQL, [batchItem(query)]));
}

function committerOf(db: Kysely<DB>): GroupCommitter {
  let committer = committers.get(db);
  if (!committer) {
    committer = new GroupCommitter(db);
    committers.set(db, committer);
  }
  return committer;
}
