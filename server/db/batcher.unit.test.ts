import { describe, expect, it } from 'vitest';
import { Batcher, type Outcome } from './batcher.js';

/** A batcher whose batches are recorded and answered when the test says so. */
function recording(options: { maxBatch: number; maxInFlight: number }) {
  const batches: number[][] = [];
  const release: (() => void)[] = [];
  const batcher = new Batcher<number, number>(async (items) => {
    batches.push(items);
    await new Promise<void>((resolve) => release.push(resolve));
    return items.map((n): Outcome<number> => (n < 0 ? { ok: false, error: new Error(`refused ${n}`) } : { ok: true, value: n * 10 }));
  }, options);
  return { batcher, batches, release };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('Batcher', () => {
  it('runs what arrives in one turn as one batch, and answers each item its own outcome', async () => {
    const { batcher, batches, release } = recording({ maxBatch: 10, maxInFlight: 1 });
    const answers = Promise.allSettled([1, 2, -3, 4].map((n) => batcher.submit(n)));
    await turn();
    expect(batches).toEqual([[1, 2, -3, 4]]);
    release.shift()!();
    const settled = await answers;
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as Error).message))).toEqual([10, 20, 'refused -3', 40]);
  });

  it('collects what arrives while batches are in flight for the next, up to the largest batch', async () => {
    const { batcher, batches, release } = recording({ maxBatch: 3, maxInFlight: 1 });
    const first = batcher.submit(1);
    await turn();
    const later = [2, 3, 4, 5].map((n) => batcher.submit(n));
    await turn();
    // The first batch still runs: nothing else has gone.
    expect(batches).toEqual([[1]]);
    release.shift()!();
    await first;
    await turn();
    expect(batches).toEqual([[1], [2, 3, 4]]);
    release.shift()!();
    await turn();
    await turn();
    expect(batches).toEqual([[1], [2, 3, 4], [5]]);
    release.shift()!();
    expect(await Promise.all(later)).toEqual([20, 30, 40, 50]);
  });

  it('runs up to maxInFlight batches at once', async () => {
    const { batcher, batches, release } = recording({ maxBatch: 10, maxInFlight: 2 });
    const all = [batcher.submit(1)];
    await turn();
    all.push(batcher.submit(2));
    await turn();
    all.push(batcher.submit(3));
    await turn();
    expect(batches).toEqual([[1], [2]]);
    release.shift()!();
    await turn();
    await turn();
    expect(batches).toEqual([[1], [2], [3]]);
    while (release.length) release.shift()!();
    await turn();
    expect(await Promise.all(all)).toEqual([10, 20, 30]);
  });

  it('fails every item of a batch whose run throws, and goes on with the next', async () => {
    let calls = 0;
    const batcher = new Batcher<number, number>(async (items) => {
      calls++;
      if (calls === 1) throw new Error('connection lost');
      return items.map((n) => ({ ok: true, value: n }));
    }, { maxBatch: 10, maxInFlight: 1 });
    const failed = await Promise.allSettled([batcher.submit(1), batcher.submit(2)]);
    expect(failed.map((s) => s.status)).toEqual(['rejected', 'rejected']);
    expect(await batcher.submit(3)).toBe(3);
  });
});
