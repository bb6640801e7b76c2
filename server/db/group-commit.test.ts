import { CompiledQuery, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { describeEachEngine } from '../test/engines.js';
import { writeStatement, writeTransaction } from './group-commit.js';
import { numberedInsert, PLACEHOLDERS, preparedSql } from './statements.js';

const counterBump = preparedSql`insert into ticket_counters (key, value) values (${'key'}, 1)
  on conflict (key) do update set value = ticket_counters.value + 1 returning value`;

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

    it.runIf(engine === 'sqlite')('lets a unit that fails before writing reject without running the others again', async () => {
      const deps = get();
      const runs = new Map<number, number>();
      const units = Array.from({ length: 10 }, (_, i) =>
        writeTransaction(deps, async (trx) => {
          runs.set(i, (runs.get(i) ?? 0) + 1);
          if (i === 4) throw new Error('refused before writing');
          await trx.insertInto('ticket_counters').values(counter(`gc-early-${i}`)).execute();
        }),
      );
      const results = await Promise.allSettled(units);
      expect(results.map((r) => r.status)).toEqual(Array.from({ length: 10 }, (_, i) => (i === 4 ? 'rejected' : 'fulfilled')));
      expect([...runs.values()].every((n) => n === 1)).toBe(true);
      const keys = (await deps.db.selectFrom('ticket_counters').select('key').where('key', 'like', 'gc-early-%').execute()).map((r) => r.key);
      expect(keys).toHaveLength(9);
    });

    it.runIf(engine === 'sqlite')('runs the rest of a batch again after a unit failed half-way, and commits each write once', async () => {
      const deps = get();
      const runs = new Map<number, number>();
      const units = Array.from({ length: 10 }, (_, i) =>
        writeTransaction(deps, async (trx) => {
          runs.set(i, (runs.get(i) ?? 0) + 1);
          // A counter row per unit, bumped on every run: a value of 2 would be a repeat that stuck.
          await trx
            .insertInto('ticket_counters')
            .values(counter(`gc-again-${i}`))
            .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ value: eb('ticket_counters.value', '+', 1) })))
            .execute();
          if (i === 6 && runs.get(i) === 1) throw new Error('failed after writing');
        }),
      );
      const results = await Promise.allSettled(units);
      expect(results.map((r) => r.status)).toEqual(Array.from({ length: 10 }, (_, i) => (i === 6 ? 'rejected' : 'fulfilled')));
      // The batch was rolled back and its other units ran again (the failed one did not).
      expect(runs.get(0)).toBe(2);
      expect(runs.get(6)).toBe(1);
      const rows = await deps.db.selectFrom('ticket_counters').select(['key', 'value']).where('key', 'like', 'gc-again-%').execute();
      expect(rows).toHaveLength(9);
      expect(rows.every((r) => r.value === 1)).toBe(true);
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

    // A new ticket is one numbered insert (statements.ts), sent to the writer thread with the others
    // of its turn of the event loop, and committed with them as one group; the writer applies the
    // same policy there.
    it.runIf(engine === 'sqlite')('writes a batch of numbered inserts as one request: one failing half-way is rolled back alone, the numbers run on', async () => {
      const deps = get();
      const team = preparedSql`insert into teams (name, description, created_at, updated_at) values (${'name'}, '', 0, 0) returning id`;
      const mark = preparedSql`insert into ticket_counters (key, value) values (${'key'}, ${'value'})`;
      const units = Array.from({ length: 12 }, (_, i) =>
        writeStatement(
          deps,
          numberedInsert(deps.db, {
            counter: counterBump('gs-n'),
            prefix: 'GS-',
            width: 4,
            row: team(`team ${PLACEHOLDERS.number}`),
            // The row's id and number reach the rows that go with it; unit 5 then hits a key
            // another unit of the batch wrote, after writing its own rows.
            then: [mark(PLACEHOLDERS.number, PLACEHOLDERS.id), ...(i === 5 ? [mark('gs-shared', 0)] : i === 2 ? [mark('gs-shared', 0)] : [])],
          }),
        ),
      );
      const results = await Promise.allSettled(units);
      expect(results.map((r) => r.status)).toEqual(Array.from({ length: 12 }, (_, i) => (i === 5 ? 'rejected' : 'fulfilled')));
      expect((results[5] as PromiseRejectedResult).reason).toMatchObject({ code: 'SQLITE_CONSTRAINT_PRIMARYKEY' });
      const written = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.rows[0] as { id: number; number: string }] : []));
      // Eleven tickets' worth of numbers, with no gap where the failed one was rolled back.
      expect(written.map((w) => w.number).sort()).toEqual(Array.from({ length: 11 }, (_, i) => `GS-${String(i + 1).padStart(4, '0')}`));
      const teams = await deps.db.selectFrom('teams').select(['id', 'name']).where('name', 'like', 'team GS-%').execute();
      expect(new Map(teams.map((t) => [t.name, t.id]))).toEqual(new Map(written.map((w) => [`team ${w.number}`, w.id])));
      const marks = (await deps.db.selectFrom('ticket_counters').select(['key', 'value']).execute()).filter((m) => m.key.startsWith('GS-'));
      expect(new Map(marks.map((m) => [m.key, m.value]))).toEqual(new Map(written.map((w) => [w.number, w.id])));
    });

    it.runIf(engine === 'sqlite')('rejects a statement that fails before writing with its error code, and commits the rest of its batch', async () => {
      const deps = get();
      const mark = preparedSql`insert into ticket_counters (key, value) values (${'key'}, ${'value'})`;
      const statement = (key: string) => {
        const { template, parameters } = mark(key, 1);
        return CompiledQuery.raw(template.sqlite, [...parameters]);
      };
      // The second is refused by its first and only statement: nothing written, nothing to undo.
      const results = await Promise.allSettled([statement('gs-a'), statement('gs-a'), statement('gs-b')].map((q) => writeStatement(deps, q)));
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'SQLITE_CONSTRAINT_PRIMARYKEY' });
      const keys = (await deps.db.selectFrom('ticket_counters').select('key').where('key', 'in', ['gs-a', 'gs-b']).execute()).map((r) => r.key);
      expect(keys.sort()).toEqual(['gs-a', 'gs-b']);
    });

    it.runIf(engine === 'sqlite')('gives a transaction on the event loop’s writer its turn while new units keep coming', async () => {
      const deps = get();
      // A unit of a few hundred rows, so that the writer thread has work in hand throughout.
      const rows = preparedSql`with recursive r(n) as (select 1 union all select n + 1 from r where n < 300)
        insert into ticket_counters (key, value) select ${'key'} || '-' || n, 1 from r`;
      let stop = false;
      let written = 0;
      // Sixteen callers, each sending its next unit as soon as the last is answered: the writer
      // thread always has a group in hand.
      const streams = Promise.all(
        Array.from({ length: 16 }, async (_, s) => {
          for (let n = 0; !stop; n++) {
            const { template, parameters } = rows(`gs-stream-${s}-${n}`);
            await writeStatement(deps, CompiledQuery.raw(template.sqlite, [...parameters]));
            written++;
          }
        }),
      );
      while (written < 50) await new Promise((resolve) => setTimeout(resolve, 1));
      // Starved, this would wait for the streams to stop, which only happens after it: the test
      // would time out.
      const during = await writeTransaction(deps, async (trx) => {
        await trx.insertInto('ticket_counters').values(counter('gs-stream-turn')).execute();
        return written;
      });
      const before = written;
      while (written < before + 50) await new Promise((resolve) => setTimeout(resolve, 1));
      stop = true;
      await streams;
      expect(during).toBeGreaterThanOrEqual(50);
      const stored = await deps.db.selectFrom('ticket_counters').select('key').where('key', 'like', 'gs-stream-%').execute();
      expect(stored).toHaveLength(written * 300 + 1);
    });

    it.runIf(engine === 'sqlite')('keeps the writer thread’s statement journals in memory, and the event loop’s writer’s on disk', async () => {
      const deps = get();
      // A unit runs on the writer thread's connection; a transaction on the event loop's writer.
      const onThread = await writeStatement(deps, CompiledQuery.raw('pragma temp_store', []) as CompiledQuery<{ temp_store: number }>);
      const onEventLoop = await writeTransaction(deps, (trx) => sql<{ temp_store: number }>`pragma temp_store`.execute(trx));
      // 2 = MEMORY: a group's multi-row inserts no longer spill their journals to a file; 0 = the default.
      expect(onThread.rows).toEqual([{ temp_store: 2 }]);
      expect(onEventLoop.rows).toEqual([{ temp_store: 0 }]);
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
