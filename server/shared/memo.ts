/**
 * Answers kept for a few seconds per database, for reference data that every ticket event reads
 * and that rarely changes (routing rules, clock settings). The instance that changes the data drops
 * its answers at once (`forget`); other instances see the change within `ttlMs`. Keyed by the
 * database object, so tests with many databases in one process never share answers.
 */
export class ShortMemo<T> {
  private readonly byDb = new WeakMap<object, Map<string, { at: number; value: Promise<T> }>>();

  constructor(private readonly ttlMs: number) {}

  get(db: object, key: string, load: () => Promise<T>): Promise<T> {
    let entries = this.byDb.get(db);
    if (!entries) this.byDb.set(db, (entries = new Map()));
    const now = Date.now();
    const hit = entries.get(key);
    if (hit && now >= hit.at && now - hit.at < this.ttlMs) return hit.value;
    const value = load();
    entries.set(key, { at: now, value });
    // A failed load is not kept: the next caller tries again.
    value.catch(() => entries.delete(key));
    return value;
  }

  /**
   * As `get`, for a load that runs in the caller's own transaction: the answer is shared once it
   * has arrived, never while loading, so no other caller waits on (or fails with) that transaction.
   * Loading through the pool from inside a transaction would take a second connection, and enough
   * such transactions at once would hold every connection while waiting for one.
   */
  async getInTransaction(db: object, key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.byDb.get(db)?.get(key);
    const now = Date.now();
    if (hit && now >= hit.at && now - hit.at < this.ttlMs) return hit.value;
    const value = await load();
    let entries = this.byDb.get(db);
    if (!entries) this.byDb.set(db, (entries = new Map()));
    entries.set(key, { at: now, value: Promise.resolve(value) });
    return value;
  }

  forget(db: object): void {
    this.byDb.delete(db);
  }
}
