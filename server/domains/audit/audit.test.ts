import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.js';
import { unique, useHarness } from '../../test/harness.js';

describeEachEngine('audit trail', (db) => {
  const h = useHarness(db);

  it('is append-only in the database itself: updates and deletes are refused', async () => {
    await h().user(['agent']);
    const db = h().database.db;
    const before = await db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    await expect(db.updateTable('audit_log').set({ actor_name: 'mallory' }).where('id', '=', before.id).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_log').where('id', '=', before.id).execute()).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(db)).rejects.toThrow(/append-only/);
    const after = await db.selectFrom('audit_log').selectAll().where('id', '=', before.id).executeTakeFirstOrThrow();
    expect(after).toEqual(before);
  });

  it('records who, when, what, and before/after for a write, filterable by actor, action prefix and time', async () => {
    const admin = await h().user(['admin']);
    h().clock.advance(5000);
    const from = h().clock.now();
    const target = await h().user(['engineer']);
    await h().request({ method: 'PATCH', url: `/api/users/${target.user.id}`, cookie: admin.cookie, payload: { displayName: '新名字' } });
    const res = await h().request({ method: 'GET', url: `/api/audit?actorId=${admin.user.id}&action=user.*&from=${from}`, cookie: admin.cookie });
    expect(res.statusCode).toBe(200);
    const [entry, ...rest] = res.json().items;
    expect(rest, JSON.stringify(rest)).toEqual([]);
    expect(entry).toMatchObject({ action: 'user.update', entityType: 'user', entityId: String(target.user.id), at: from, actorName: admin.user.username });
    expect(entry.before.displayName).toBe(target.user.displayName);
    expect(entry.after.displayName).toBe('新名字');
  });

  it('rolls a failed write and its audit row back together', async () => {
    const admin = await h().user(['admin']);
    const count = async () => Number((await h().database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const res = await h().request({ method: 'POST', url: '/api/teams', cookie: admin.cookie, payload: { name: unique('t'), memberIds: [999_999] } });
    expect(res.statusCode).toBe(400);
    expect(await count()).toBe(before);
  });

  it('pages newest first without gaps or repeats', async () => {
    const admin = await h().user(['admin']);
    for (let i = 0; i < 5; i++) await h().request({ method: 'POST', url: '/api/customers', cookie: admin.cookie, payload: { code: unique('A'), name: `客户${i}` } });
    const ids: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: number }[]; nextCursor: string | null } = (await h().request({ method: 'GET', url: `/api/audit?action=customer.create&actorId=${admin.user.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`, cookie: admin.cookie })).json();
      ids.push(...page.items.map((e: { id: number }) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(ids).toHaveLength(5);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
  });

  it('is readable by managers but not by dispatchers or agents', async () => {
    const manager = await h().user(['manager']);
    const agent = await h().user(['agent', 'dispatcher']);
    expect((await h().request({ method: 'GET', url: '/api/audit', cookie: manager.cookie })).statusCode).toBe(200);
    expect((await h().request({ method: 'GET', url: '/api/audit', cookie: agent.cookie })).statusCode).toBe(403);
    const bad = await h().request({ method: 'GET', url: '/api/audit?action=DROP%20TABLE', cookie: manager.cookie });
    expect(bad.statusCode).toBe(400);
  });
});
