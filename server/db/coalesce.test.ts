import { expect, it } from 'vitest';
import { describeEachEngine } from '../test/engines.js';
import { coalesced } from './coalesce.js';
import type { Executor } from './database.js';
import { preparedSql, runPrepared } from './statements.js';

const teamsByIds = preparedSql`select id, name from teams where id = any(${'ids'}::bigint[])`;

describeEachEngine('coalesced lookups', (get, engine) => {
  /** A lookup of teams by id that counts how often each form ran. */
  function countedLookup() {
    const calls = { one: 0, many: 0 };
    const lookup = coalesced<number, { id: number; name: string }>({
      name: `test.teams.${Math.random()}`,
      async one(db: Executor, ids) {
        calls.one++;
        return db.selectFrom('teams').select(['id', 'name']).where('id', 'in', ids).execute();
      },
      async many(db: Executor, ids) {
        calls.many++;
        return (await runPrepared<{ id: number; name: string }>(db, 'postgres', teamsByIds(ids))).rows;
      },
      keyOf: (row) => row.id,
    });
    return { lookup, calls };
  }

  async function teams(names: string[]): Promise<number[]> {
    const rows = await get()
      .db.insertInto('teams')
      .values(names.map((name) => ({ name, description: '', created_at: 0, updated_at: 0 })))
      .returning('id')
      .execute();
    return rows.map((r) => r.id);
  }

  it('answers each of many concurrent callers its own rows, in one query on PostgreSQL', async () => {
    const ids = await teams(['甲组', '乙组', '丙组']);
    const { lookup, calls } = countedLookup();
    const asked = [[ids[0]!], [ids[1]!, ids[2]!], [ids[0]!, 999_999], [999_998], [ids[2]!, ids[2]!]];
    const answers = await Promise.all(asked.map((wanted) => lookup(get().db, wanted)));
    expect(answers.map((rows) => rows.map((r) => r.name).sort())).toEqual([['甲组'], ['丙组', '乙组'], ['甲组'], [], ['丙组']]);
    if (engine === 'postgres') expect(calls).toEqual({ one: 0, many: 1 });
    else expect(calls).toEqual({ one: 5, many: 0 });
  });

  it('reads inside a transaction as it is, seeing that transaction’s own writes', async () => {
    const { lookup, calls } = countedLookup();
    const names = await get().db.transaction().execute(async (trx) => {
      const [id] = await trx.insertInto('teams').values({ name: '事务内新组', description: '', created_at: 0, updated_at: 0 }).returning('id').execute();
      return (await lookup(trx, [id!.id])).map((r) => r.name);
    });
    expect(names).toEqual(['事务内新组']);
    expect(calls.one + calls.many).toBe(1);
  });
});
