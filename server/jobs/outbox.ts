/**
 * The outbox (DESIGN.md, background work): a change writes the work it causes — a notification to
 * send, an escalation — as rows in the same transaction, so the work exists exactly when the change
 * committed. Workers on any instance claim due rows (FOR UPDATE SKIP LOCKED on PostgreSQL), run
 * the topic's handler and mark the rows done in one transaction: a handler whose effects are
 * database writes therefore runs exactly once per message. A failing batch is rolled back and its
 * messages retried one by one later, with a growing delay.
 */
import type { Deps } from '../deps.js';
import type { Executor } from '../db/database.js';
import * as repo from './outbox.repository.js';

export interface OutboxMessage {
  topic: string;
  payload: unknown;
  /** Not before this instant; now when absent. */
  availableAt?: number;
}

/** Handles a batch of one topic's payloads inside the claiming transaction. */
export type OutboxHandler = (trx: Executor, deps: Deps, payloads: unknown[]) => Promise<void>;

/** Writes messages in the caller's transaction. */
export async function enqueue(trx: Executor, now: number, messages: OutboxMessage[]): Promise<void> {
  if (messages.length === 0) return;
  await repo.insertMessages(
    trx,
    messages.map((m) => ({ topic: m.topic, payload_json: JSON.stringify(m.payload), created_at: now, available_at: m.availableAt ?? now })),
  );
}

const MAX_RETRY_MS = 3_600_000;

/** Delay before attempt `attempts + 1`: 10 s, 20 s, 40 s … at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(MAX_RETRY_MS, 10_000 * 2 ** Math.min(attempts, 20));
}

async function runBatch(deps: Deps, handlers: Record<string, OutboxHandler>, rows: { id: number; topic: string; payload_json: string }[], trx: Executor): Promise<void> {
  const byTopic = new Map<string, unknown[]>();
  for (const r of rows) byTopic.set(r.topic, [...(byTopic.get(r.topic) ?? []), JSON.parse(r.payload_json)]);
  for (const [topic, payloads] of byTopic) await handlers[topic]!(trx, deps, payloads);
  await repo.markDone(trx, rows.map((r) => r.id), deps.clock.now());
}

/**
 * Delivers due messages of the handled topics, `batchSize` per transaction, until none is due.
 * Safe to run on every instance at once.
 */
export async function deliverOutbox(deps: Deps, handlers: Record<string, OutboxHandler>, options: { batchSize?: number } = {}): Promise<{ delivered: number; failed: number }> {
  const batchSize = options.batchSize ?? 1000;
  const topics = Object.keys(handlers);
  let delivered = 0;
  let failed = 0;
  for (;;) {
    let claimed: Awaited<ReturnType<typeof repo.claimMessages>> = [];
    try {
      await deps.db.transaction().execute(async (trx) => {
        claimed = await repo.claimMessages(trx, deps.engine, topics, deps.clock.now(), batchSize);
        if (claimed.length) await runBatch(deps, handlers, claimed, trx);
      });
      delivered += claimed.length;
    } catch (error) {
      if (claimed.length === 0) throw error;
      // Find the message that fails: each on its own, the failing ones put off with their error.
      for (const row of claimed) {
        try {
          const done = await deps.db.transaction().execute(async (trx) => {
            const again = await repo.claimMessage(trx, deps.engine, row.id);
            if (again) await runBatch(deps, handlers, [again], trx);
            return again !== undefined;
          });
          if (done) delivered++;
        } catch (single) {
          failed++;
          const now = deps.clock.now();
          await repo.markFailed(deps.db, row.id, row.attempts + 1, now + retryDelayMs(row.attempts), single instanceof Error ? single.message : String(single));
        }
      }
      // The failed ones are not due now; whatever else is due is taken by the next round.
    }
    if (claimed.length < batchSize) return { delivered, failed };
  }
}

/** Forgets messages delivered more than `keepMs` ago. */
export async function pruneOutbox(deps: Deps, keepMs = 7 * 86_400_000): Promise<number> {
  return repo.deleteDone(deps.db, deps.clock.now() - keepMs);
}
