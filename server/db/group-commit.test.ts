import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { describeEachEngine } from '../test/engines.js';
import { writeTransaction } from './group-commit.js';

describe('group commit', () => {
  describeEachEngine('writeTransaction', (get, engine) => {
    const counter = (key: string) => ({ key, value: 1 });

    it('commits concurrent units together, and a failing unit alone writes nothing', async () => {
      const deps = get();
      const units = Array.from({ length: 40 }, (_, i) =>
        writeTransaction(deps, async (trx) => {
          await trx.insertInto('ticket_counters').values(counter(`gc-${i}`)).execute();
          // Every seventh unit fails after its write: that write must vanish, the others stay.
          if (i % 7 === 3) throw new Error(`unit ${i} failed`);
          return i;
        }),
      );
      const results = await Promise.allSettled(units);
      const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [i] : []));
      expect(failed).toEqual([3, 10, 17, 24, 31, 38]);
      expect(results.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<number>).value)).toHaveLength(34);
      const keys = (await deps.db.selectFrom('ticket_counters').select('key').where('key', 'like', 'gc-%').execute()).map((r) => r.key);
      expect(new Set(keys)).toEqual(new Set(Array.from({ length: 40 }, (_, i) => i).filter((i) => i % 7 !== 3).map((i) => `gc-${i}`)));
    });

    // Only SQLite groups units into one transaction; on PostgreSQL each unit is its own.
    it.runIf(engine === 'sqlite')('rejects every unit of a batch whose commit cannot happen, and writes none of them', async () => {
      const deps = get();
      // A unit that ends the surrounding transaction itself makes the batch's own savepoint
      // statements and COMMIT fail: no unit of that batch may then report success.
      const units = [
        writeTransaction(deps, async (trx) => {
          await trx.insertInto('ticket_counters').values(counter('gc-batch-a')).execute();
        }),
        writeTransaction(deps, async (trx) => {
          await trx.insertInto('ticket_counters').values(counter('gc-batch-b')).execute();
          await sql`rollback`.execute(trx);
        }),
      ];
      const results = await Promise.allSettled(units);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
      const keys = (await deps.db.selectFrom('ticket_counters').select('key').where('key', 'like', 'gc-batch-%').execute()).map((r) => r.key);
      expect(keys).toEqual([]);
    });

    it('keeps working after a failed batch', async () => {
      const deps = get();
      await writeTransaction(deps, async (trx) => {
        await trx.insertInto('ticket_counters').values(counter('gc-after')).execute();
      });
      const row = await deps.db.selectFrom('ticket_counters').select('value').where('key', '=', 'gc-after').executeTakeFirst();
      expect(row?.value).toBe(1);
    });
  });
});
