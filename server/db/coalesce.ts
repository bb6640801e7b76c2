import { PostgresAdapter } from 'kysely';
import type { Executor } from './database.js';
import { Batcher, batcherOf } from './batcher.js';

/**
 * Lookups by key from concurrent requests, merged into one query (PostgreSQL).
 *
 * Every request that opens a ticket asks for its session, its asset, its customer, its contract…
 * each a round trip of its own. Under load many requests ask at the same moment, and requests
 * woken by the same answer move on together; merged, the lookups of a turn of the event loop cost
 * one round trip instead of one each (db/batcher.ts). The merged query reads the same rows the
 * separate ones would, as of the same moment, outside any transaction. Inside a transaction, and on
 * SQLite (whose reads are function calls, not round trips), the lookup runs as it is.
 */

/** The PostgreSQL pools whose lookups are merged (database.ts registers them). */
const pools = new WeakSet<object>();

export function coalesceLookups(db: object): void {
  pools.add(db);
}

export interface CoalescedLookup<K, R> {
  /** A name for the lookup, unique in the process. */
  name: string;
  /** The lookup on SQLite. */
  one(db: Executor, keys: K[]): Promise<R[]>;
  /** The lookup on PostgreSQL: the rows for these keys, distinct (merged from concurrent calls outside transactions). */
  many(db: Executor, keys: K[]): Promise<R[]>;
  /** The key a row answers. */
  keyOf(row: R): K;
}

/** A lookup whose concurrent calls are merged on PostgreSQL; it answers each call its own keys' rows. */
export function coalesced<K, R>(lookup: CoalescedLookup<K, R>): (db: Executor, keys: K[]) => Promise<R[]> {
  return (db, keys) => {
    if (keys.length === 0) return Promise.resolve([]);
    if (!pools.has(db)) return db.getExecutor().adapter instanceof PostgresAdapter ? lookup.many(db, keys) : lookup.one(db, keys);
    const batcher = batcherOf(
      db,
      lookup.name,
      () =>
        new Batcher<K[], R[]>(
          async (requests) => {
            const rows = await lookup.many(db, [...new Set(requests.flat())]);
            const byKey = new Map<K, R[]>();
            for (const row of rows) {
              const key = lookup.keyOf(row);
              const list = byKey.get(key);
              if (list) list.push(row);
              else byKey.set(key, [row]);
            }
            return requests.map((wanted) => ({ ok: true, value: [...new Set(wanted)].flatMap((k) => byKey.get(k) ?? []) }));
          },
          { maxBatch: 256, maxInFlight: 4 },
        ),
    );
    return batcher.submit(keys);
  };
}
