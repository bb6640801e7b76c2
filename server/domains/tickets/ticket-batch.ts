import type { Kysely } from 'kysely';
import { Batcher, batcherOf, type Outcome } from '../../db/batcher.js';
import type { DB } from '../../db/schema.js';
import { isPrepared, mergedInsert, runPrepared, writeTogether, type Statement } from '../../db/statements.js';
import * as repo from './ticket.repository.js';

/**
 * PostgreSQL: new tickets from concurrent requests, written in batches (db/batcher.ts). A batch
 * costs two round trips, whatever its size: the numbers and ids of all its tickets (one bump of
 * each day's counter), then every row of every ticket — ticket, timeline entry, search document,
 * audit row, clocks — as one merged insert, which is atomic by itself. Measured on the 1,000,000-
 * ticket benchmark, round trips were most of the cost of opening a ticket on PostgreSQL, in the
 * database and in Node alike.
 *
 * A ticket's rows are all or nothing as before. If the merged insert fails, one of the tickets is
 * at fault (a foreign key gone since it was checked, say): each ticket is then written alone,
 * so only that one fails. Either way a failed ticket leaves a gap in its day's numbers, which
 * numbers tolerate.
 */

/** A new ticket waiting for its batch: its number's counter, and its rows once it is numbered. */
export interface NewTicketWrite<R> {
  /** The day's counter, e.g. `GZ-20261124`. */
  key: string;
  /** Its rows (the ticket's first) and what to answer, given its number's sequence and its id. */
  build(sequence: number, id: number): Promise<{ statements: Statement[]; result: R }>;
}

/** At most this many tickets share a batch. */
const MAX_BATCH = 64;

/**
 * One batch at a time; the next collects the tickets opened meanwhile. Measured on the benchmark,
 * two batches at a time (each half as large) cost PostgreSQL and Node a third more CPU per ticket
 * and opened fewer tickets per second; so did numbering the next batch while one wrote.
 */
const MAX_IN_FLIGHT = 1;

/** Numbers and writes a new ticket with the others arriving at the same time; its result. */
export function writeNewTicket<R>(db: Kysely<DB>, write: NewTicketWrite<R>): Promise<R> {
  const batcher = batcherOf(db, 'tickets.create', () => new Batcher<NewTicketWrite<unknown>, unknown>((writes) => writeBatch(db, writes), { maxBatch: MAX_BATCH, maxInFlight: MAX_IN_FLIGHT }));
  return batcher.submit(write) as Promise<R>;
}

async function writeBatch(db: Kysely<DB>, writes: NewTicketWrite<unknown>[]): Promise<Outcome<unknown>[]> {
  const allocations = await repo.allocateTickets(db, writes.map((w) => w.key));
  const built = await Promise.allSettled(writes.map((w, i) => w.build(allocations[i]!.sequence, allocations[i]!.id)));
  const outcomes: Outcome<unknown>[] = built.map((b) => (b.status === 'fulfilled' ? { ok: true, value: b.value.result } : { ok: false, error: b.reason }));
  const ready = built.flatMap((b, i) => (b.status === 'fulfilled' ? [{ i, statements: b.value.statements }] : []));
  if (ready.length === 0) return outcomes;
  const statements = ready.flatMap((r) => r.statements);
  const merged = statements.every(isPrepared) ? mergedInsert(statements) : null;
  if (merged) {
    try {
      await runPrepared(db, 'postgres', merged);
      return outcomes;
    } catch {
      // One of them is at fault: each alone below, so only that one fails.
    }
  }
  for (const { i, statements: own } of ready) {
    try {
      await writeTogether(db, 'postgres', own);
    } catch (error) {
      outcomes[i] = { ok: false, error };
    }
  }
  return outcomes;
}
