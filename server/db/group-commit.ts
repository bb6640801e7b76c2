import { sql, type Kysely, type Transaction } from 'kysely';
import type { Engine } from './database.js';
import type { DB } from './schema.js';

/**
 * Write transactions, committed in groups on SQLite.
 *
 * SQLite with `synchronous = FULL` flushes the write-ahead log to disk at every COMMIT, and
 * better-sqlite3 does that on the event loop: at one ticket per transaction the flush alone is a
 * third of the server's time. Databases answer this with group commit, and so do we: work that
 * arrives while a batch is pending joins it, each unit inside its own SAVEPOINT, and the batch
 * commits once. A unit that fails is rolled back to its savepoint and rejects alone; the others
 * commit. No caller hears "done" before the COMMIT that made its writes durable, so the promise
 * each caller relies on is unchanged: acknowledged means on disk, failed means nothing written.
 *
 * PostgreSQL runs each unit as its own transaction on the pool (its WAL writer already groups
 * concurrent commits).
 */

type Work<T> = (trx: Transaction<DB>) => Promise<T>;

interface Pending {
  work: Work<unknown>;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

/** At most this many units share one COMMIT, so no caller waits behind an unbounded batch. */
const MAX_BATCH = 64;

class GroupCommitter {
  private queue: Pending[] = [];
  private flushing = false;
  private scheduled = false;

  constructor(private readonly db: Kysely<DB>) {}

  run<T>(work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
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
    const batch = this.queue.splice(0, MAX_BATCH);
    const outcomes: { ok: boolean; value: unknown }[] = [];
    try {
      await this.db.transaction().execute(async (trx) => {
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
      });
      batch.forEach((unit, i) => (outcomes[i]!.ok ? unit.resolve(outcomes[i]!.value) : unit.reject(outcomes[i]!.value)));
    } catch (error) {
      // The COMMIT (or a savepoint statement) failed: nothing of the batch was written.
      for (const unit of batch) unit.reject(error);
    } finally {
      this.flushing = false;
      if (this.queue.length) this.schedule();
    }
  }
}

const committers = new WeakMap<Kysely<DB>, GroupCommitter>();

/**
 * Runs `work` in a write transaction: grouped with concurrent work on SQLite, alone on
 * PostgreSQL. `work` must do nothing but database writes and reads through `trx` (no waiting on
 * the network), since the units of a group run one after another.
 */
export function writeTransaction<T>(deps: { db: Kysely<DB>; engine: Engine }, work: Work<T>): Promise<T> {
  if (deps.engine === 'postgres') return deps.db.transaction().execute(work);
  let committer = committers.get(deps.db);
  if (!committer) {
    committer = new GroupCommitter(deps.db);
    committers.set(deps.db, committer);
  }
  return committer.run(work);
}
