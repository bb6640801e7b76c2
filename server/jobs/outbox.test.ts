import { expect, it } from 'vitest';
import { describeEachEngine } from '../test/engines.js';
import { useHarness } from '../test/harness.js';
import { deliverOutbox, enqueue, pruneOutbox, retryDelayMs, type OutboxHandler } from './outbox.js';

describeEachEngine('outbox', (db) => {
  const h = useHarness(db);

  it('delivers each message once, puts a failing one off with its error and delivers it when it succeeds', async () => {
    h().clock.set(Date.UTC(2026, 10, 24, 2, 0));
    let broken = true;
    // The handler's effect is a row written in the claiming transaction (a scratch counter row).
    const handler: OutboxHandler = async (trx, _deps, payloads) => {
      for (const p of payloads as { n: number }[]) {
        if (p.n === 3 && broken) throw new Error('mail server down');
        await trx.insertInto('ticket_counters').values({ key: `outbox-test-${p.n}`, value: 1 }).execute();
      }
    };
    const seen = async () =>
      (await h().database.db.selectFrom('ticket_counters').select('key').where('key', 'like', 'outbox-test-%').orderBy('key').execute()).map((r) => Number(r.key.slice(12)));
    const handlers = { 'test.topic': handler };
    await h().database.db.transaction().execute((trx) => enqueue(trx, h().clock.now(), [1, 2, 3, 4].map((n) => ({ topic: 'test.topic', payload: { n } }))));
    // A topic nobody here handles waits for a worker that does.
    await h().database.db.transaction().execute((trx) => enqueue(trx, h().clock.now(), [{ topic: 'other.topic', payload: {} }]));

    expect(await deliverOutbox(h().deps, handlers, { batchSize: 10 })).toEqual({ delivered: 3, failed: 1 });
    expect(await seen()).toEqual([1, 2, 4]);
    const failed = await h().database.db.selectFrom('outbox').selectAll().where('last_error', 'is not', null).executeTakeFirstOrThrow();
    expect(failed).toMatchObject({ attempts: 1, last_error: 'mail server down', done_at: null, available_at: h().clock.now() + retryDelayMs(0) });
    expect(await deliverOutbox(h().deps, handlers)).toEqual({ delivered: 0, failed: 0 });

    broken = false;
    h().clock.advance(retryDelayMs(0));
    expect(await deliverOutbox(h().deps, handlers)).toEqual({ delivered: 1, failed: 0 });
    expect(await seen()).toEqual([1, 2, 3, 4]);
    const pending = await h().database.db.selectFrom('outbox').select('topic').where('done_at', 'is', null).execute();
    expect(pending.map((r) => r.topic)).toEqual(['other.topic']);

    h().clock.advance(8 * 86_400_000);
    expect(await pruneOutbox(h().deps)).toBe(4);
  });
});
