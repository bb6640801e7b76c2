/**
 * Work from concurrent requests, handed over in batches: what arrives while the event loop is
 * busy with one turn is collected and run together at the end of it, and while `maxInFlight`
 * batches are running, more is collected for the next. Used on PostgreSQL, where every round trip
 * costs both processes CPU (a system call and a wake-up each way, a parse-bind-execute and a
 * COMMIT): a batch of N costs about what one does, so under load the cost per request falls as the
 * load rises, and with nothing else waiting a request goes at the end of its own turn.
 */

export type Outcome<O> = { ok: true; value: O } | { ok: false; error: unknown };

export interface BatcherOptions {
  /** Largest batch; more waits for the next. */
  maxBatch: number;
  /** Batches running at once. */
  maxInFlight: number;
}

interface Waiting<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (reason: unknown) => void;
}

export class Batcher<I, O> {
  private queue: Waiting<I, O>[] = [];
  private inFlight = 0;
  private scheduled = false;

  /** `run` gets a batch and answers an outcome per item, in order; if it throws, every item fails with it. */
  constructor(
    private readonly run: (items: I[]) => Promise<Outcome<O>[]>,
    private readonly options: BatcherOptions,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule() {
    if (this.scheduled || this.inFlight >= this.options.maxInFlight || this.queue.length === 0) return;
    this.scheduled = true;
    // The end of this turn of the event loop: the requests it is reading join in.
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush() {
    const batch = this.queue.splice(0, this.options.maxBatch);
    this.inFlight++;
    try {
      const outcomes = await this.run(batch.map((w) => w.item));
      batch.forEach((w, i) => {
        const outcome = outcomes[i];
        if (!outcome) w.reject(new Error('batch: no outcome for an item'));
        else if (outcome.ok) w.resolve(outcome.value);
        else w.reject(outcome.error);
      });
    } catch (error) {
      for (const w of batch) w.reject(error);
    } finally {
      this.inFlight--;
      this.schedule();
    }
  }
}

const batchers = new WeakMap<object, Map<string, Batcher<never, unknown>>>();

/** The batcher for `purpose` on this database (one per connection pool), made on first use. */
export function batcherOf<I, O>(db: object, purpose: string, create: () => Batcher<I, O>): Batcher<I, O> {
  let byPurpose = batchers.get(db);
  if (!byPurpose) {
    byPurpose = new Map();
    batchers.set(db, byPurpose);
  }
  let batcher = byPurpose.get(purpose) as Batcher<I, O> | undefined;
  if (!batcher) {
    batcher = create();
    byPurpose.set(purpose, batcher as unknown as Batcher<never, unknown>);
  }
  return batcher;
}
