import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { openDatabase, type Database } from '../db/database.js';
import type { Deps } from '../deps.js';
import { sweepClocks } from '../domains/clocks/clock-sweep.service.js';
import { refreshFromTimeline } from '../test/clocks.js';
import { describeEachEngine } from '../test/engines.js';
import { unique, useHarness } from '../test/harness.js';
import { OUTBOX_HANDLERS } from './clock-sweeper.js';
import { deliverOutbox } from './outbox.js';

const MIN = 60_000;

describeEachEngine('clock sweeper', (db, engine, testDb) => {
  const h = useHarness(db);

  /** Twenty faults (general, major, emergency), owned in a team with a lead, with their clocks. */
  async function faults(count = 20) {
    const admin = await h().user(['admin']);
    const owner = await h().user(['engineer']);
    const lead = await h().user(['engineer']);
    await h().user(['manager']);
    const team = (await h().request({ method: 'POST', url: '/api/teams', cookie: admin.cookie, payload: { name: unique('组'), memberIds: [owner.user.id, lead.user.id], leadUserId: lead.user.id } })).json();
    const file = await h().customerFile();
    const ids: number[] = [];
    for (let i = 0; i < count; i++) {
      const grade = ['general', 'major', 'emergency'][i % 3];
      const res = await h().request({ method: 'POST', url: '/api/tickets', cookie: admin.cookie, payload: { kind: 'fault', grade, title: `并发告警 ${i}`, customerId: file.customer.id, teamId: team.id, ownerId: owner.user.id } });
      ids.push(res.json().id);
      await refreshFromTimeline(h().database, h().deps, res.json().id);
      h().clock.advance(37_000);
    }
    return ids;
  }

  /** Every alert message written for these tickets, by (ticket, clock, alert, step). */
  async function alertCounts(ids: number[]) {
    const rows = await h().database.db.selectFrom('outbox').select(['payload_json', 'done_at']).where('topic', '=', 'clock.alert').execute();
    const counts = new Map<string, number>();
    let pending = 0;
    for (const r of rows) {
      const p = JSON.parse(r.payload_json) as { ticketId: number; clockKind: string; kind: string; step: number };
      if (!ids.includes(p.ticketId)) continue;
      const key = `${p.ticketId}/${p.clockKind}/${p.kind}/${p.step}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      if (r.done_at === null) pending++;
    }
    return { counts, pending };
  }

  it('raises each warning and breach exactly once when two sweepers run at the same time, round after round', async () => {
    h().clock.set(Date.UTC(2026, 11, 1, 2, 0));
    const ids = await faults();
    // On PostgreSQL the second sweeper is another instance: its own pool on the same database.
    // SQLite is one process that does all the work: two sweeps overlap in it, on its one writer.
    const second: Database | null = engine === 'postgres' ? openDatabase({ engine: 'postgres', url: testDb().env.DATABASE_URL!, poolSize: 5 }) : null;
    const one: Deps = h().deps;
    const two: Deps = second ? { ...h().deps, db: second.db } : h().deps;
    const reported = { alerts: 0, delivered: 0 };
    try {
      for (let round = 0; round < 140; round++) {
        h().clock.advance(7 * MIN);
        // Small batches, so the two interleave inside a round rather than one taking it all.
        const sweeps = await Promise.all([sweepClocks(one, { batchSize: 3 }), sweepClocks(two, { batchSize: 4 }), sweepClocks(one, { batchSize: 5 })]);
        const deliveries = await Promise.all([deliverOutbox(one, OUTBOX_HANDLERS, { batchSize: 3 }), deliverOutbox(two, OUTBOX_HANDLERS, { batchSize: 2 })]);
        reported.alerts += sweeps.reduce((s, r) => s + r.alerts, 0);
        reported.delivered += deliveries.reduce((s, r) => s + r.delivered, 0);
      }
    } finally {
      await second?.close();
    }

    const { counts, pending } = await alertCounts(ids);
    expect(pending).toBe(0);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    // Sixteen hours: every clock breached (no ticket moved; major restores in 14 h), each breach raised once.
    const clocks = await h().database.db.selectFrom('ticket_clocks').select(['ticket_id', 'kind', 'deadline', 'warned_at', 'breach_step']).where('ticket_id', 'in', ids).where('deadline', 'is not', null).execute();
    expect(clocks.length).toBe(ids.length * 4); // response, solution, dispatch, restore
    for (const c of clocks) expect(counts.get(`${c.ticket_id}/${c.kind}/breach/0`), `${c.ticket_id} ${c.kind}`).toBe(1);
    expect([...counts.keys()].some((k) => k.endsWith('/warning/0'))).toBe(true);
    expect([...counts.keys()].some((k) => k.endsWith('/escalation/2'))).toBe(true);
    // What the sweepers said they did adds up to what is there: nobody counted an alert twice.
    const total = [...counts.values()].reduce((s, n) => s + n, 0);
    expect(reported.alerts).toBe(total);
    expect(reported.delivered).toBe(total);
    const notifications = await h().database.db
      .selectFrom('notifications')
      .select([(eb) => eb.fn.countAll<number>().as('n'), sql<number>`count(distinct ticket_id || '/' || clock_kind || '/' || kind || '/' || step || '/' || user_id)`.as('distinct')])
      .where('ticket_id', 'in', ids)
      .executeTakeFirstOrThrow();
    expect(Number(notifications.n)).toBe(Number(notifications.distinct));
    expect(Number(notifications.n)).toBeGreaterThanOrEqual(total);
  });

  it('finds nothing to do when nothing is due', async () => {
    // Before the first test's tickets: none of their alerts is due yet.
    h().clock.set(Date.UTC(2026, 10, 30, 2, 0));
    await faults(2);
    expect(await sweepClocks(h().deps)).toEqual({ clocks: 0, alerts: 0 });
    expect(await deliverOutbox(h().deps, OUTBOX_HANDLERS)).toEqual({ delivered: 0, failed: 0 });
  });
});
