import { afterEach, describe, expect, it, vi } from 'vitest';
import { ShortMemo } from './memo.js';

describe('ShortMemo', () => {
  afterEach(() => vi.useRealTimers());

  it('answers from memory within its time, loads again after it or after forget, per database', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const memo = new ShortMemo<number>(5_000);
    const [a, b] = [{}, {}];
    let loads = 0;
    const load = async () => ++loads;
    expect(await memo.get(a, 'k', load)).toBe(1);
    expect(await memo.get(a, 'k', load)).toBe(1);
    expect(await memo.get(b, 'k', load)).toBe(2);
    memo.forget(a);
    expect(await memo.get(a, 'k', load)).toBe(3);
    expect(await memo.get(b, 'k', load)).toBe(2);
    vi.advanceTimersByTime(4_999);
    expect(await memo.get(b, 'k', load)).toBe(2);
    vi.advanceTimersByTime(1);
    expect(await memo.get(b, 'k', load)).toBe(4);
  });

  it('does not keep a failed load', async () => {
    const memo = new ShortMemo<number>(5_000);
    const db = {};
    await expect(memo.get(db, 'k', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await memo.get(db, 'k', async () => 7)).toBe(7);
  });

  it('never hands a load running in someone’s transaction to another caller, and shares its answer once it arrived', async () => {
    const memo = new ShortMemo<number>(5_000);
    const db = {};
    let release: (v: number) => void = () => undefined;
    const inTransaction = memo.getInTransaction(db, 'k', () => new Promise<number>((r) => (release = r)));
    // Another caller meanwhile loads for itself instead of waiting on that transaction.
    expect(await memo.get(db, 'k', async () => 5)).toBe(5);
    release(6);
    expect(await inTransaction).toBe(6);
    expect(await memo.get(db, 'k', async () => 7)).toBe(6);
    await expect(memo.getInTransaction({}, 'k', () => Promise.reject(new Error('rolled back')))).rejects.toThrow('rolled back');
  });
});
