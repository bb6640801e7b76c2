import { expect, it } from 'vitest';
import { runClockSweep } from '../../jobs/clock-sweeper.js';
import { refreshFromTimeline } from '../../test/clocks.js';
import { describeEachEngine } from '../../test/engines.js';
import { unique, useHarness } from '../../test/harness.js';

const MIN = 60_000;
const START = Date.UTC(2026, 10, 24, 2, 0);

interface Note {
  id: number;
  kind: string;
  clockKind: string;
  step: number;
  ticketId: number;
  ticketNumber: string;
  readAt: number | null;
}

describeEachEngine('clock alerts and notifications', (db) => {
  const h = useHarness(db);

  /** An owner engineer in a team with a lead, a manager, and a fault owned by the engineer. */
  async function setting(options: { owned?: boolean } = {}) {
    const admin = await h().user(['admin']);
    const owner = await h().user(['engineer']);
    const lead = await h().user(['engineer']);
    const manager = await h().user(['manager']);
    const team = (await h().request({ method: 'POST', url: '/api/teams', cookie: admin.cookie, payload: { name: unique('服务器组'), memberIds: [owner.user.id, lead.user.id], leadUserId: lead.user.id } })).json();
    const file = await h().customerFile();
    const ticket = (
      await h().request({
        method: 'POST',
        url: '/api/tickets',
        cookie: admin.cookie,
        payload: { kind: 'fault', title: '存储阵列告警', customerId: file.customer.id, teamId: team.id, ownerId: options.owned === false ? null : owner.user.id },
      })
    ).json();
    await refreshFromTimeline(h().database, h().deps, ticket.id);
    return { admin, owner, lead, manager, team, file, ticket };
  }

  async function notes(cookie: string): Promise<Note[]> {
    return (await h().request({ method: 'GET', url: '/api/notifications?limit=200', cookie })).json().items;
  }

  const about = (ticketId: number, clockKind: string) => (n: Note) => n.ticketId === ticketId && n.clockKind === clockKind;

  it('warns the owner once, raises the breach once, then escalates to the team lead and the managers', async () => {
    h().clock.set(START);
    const s = await setting();
    const response = about(s.ticket.id, 'response');
    const sweepAt = async (minutes: number) => {
      h().clock.set(START + minutes * MIN);
      await runClockSweep(h().deps);
      await runClockSweep(h().deps);
    };
    await sweepAt(20);
    expect((await notes(s.owner.cookie)).filter(response)).toEqual([]);
    await sweepAt(23);
    expect((await notes(s.owner.cookie)).filter(response).map((n) => n.kind)).toEqual(['warning']);
    await sweepAt(31);
    expect((await notes(s.owner.cookie)).filter(response).map((n) => n.kind)).toEqual(['breach', 'warning']);
    expect((await notes(s.lead.cookie)).filter(response)).toEqual([]);
    await sweepAt(61);
    expect((await notes(s.lead.cookie)).filter(response).map((n) => `${n.kind}${n.step}`)).toEqual(['escalation1']);
    await sweepAt(151);
    const managers = (await notes(s.manager.cookie)).filter(response);
    expect(managers.map((n) => `${n.kind}${n.step}`)).toEqual(['escalation2']);
    expect(managers[0]).toMatchObject({ ticketNumber: s.ticket.number, readAt: null });
    // Nothing is raised twice, however often it sweeps.
    await sweepAt(600);
    const all = (await notes(s.owner.cookie)).filter((n) => n.ticketId === s.ticket.id);
    expect(all.filter(response)).toHaveLength(2);
    expect(new Set(all.map((n) => `${n.clockKind}${n.kind}${n.step}`)).size).toBe(all.length);
    const clock = (await h().request({ method: 'GET', url: `/api/tickets/${s.ticket.id}/clocks`, cookie: s.owner.cookie })).json().items[0];
    expect(clock).toMatchObject({ kind: 'response', state: 'breached', warnedAt: START + 23 * MIN, escalationStep: 3 });
  });

  it('stops escalating once the clock stops, and still raises the breach of a clock that stopped late', async () => {
    h().clock.set(START + 2 * 24 * 60 * MIN);
    const base = h().clock.now();
    const s = await setting();
    h().clock.set(base + 40 * MIN);
    await h().request({ method: 'POST', url: `/api/tickets/${s.ticket.id}/replies`, cookie: s.owner.cookie, payload: { body: '正在处理' } });
    await refreshFromTimeline(h().database, h().deps, s.ticket.id);
    await runClockSweep(h().deps);
    h().clock.set(base + 300 * MIN);
    await runClockSweep(h().deps);
    const response = about(s.ticket.id, 'response');
    expect((await notes(s.owner.cookie)).filter(response).map((n) => n.kind)).toEqual(['breach']);
    expect((await notes(s.lead.cookie)).filter(response)).toEqual([]);
  });

  it('passes an alert up the chain when the ticket has no owner', async () => {
    h().clock.set(START + 4 * 24 * 60 * MIN);
    const base = h().clock.now();
    const s = await setting({ owned: false });
    h().clock.set(base + 25 * MIN);
    await runClockSweep(h().deps);
    expect((await notes(s.lead.cookie)).filter(about(s.ticket.id, 'response')).map((n) => n.kind)).toEqual(['warning']);
  });

  it('lists my notifications newest first by pages, counts the unread and marks them read; another person’s is not found', async () => {
    h().clock.set(START + 6 * 24 * 60 * MIN);
    const base = h().clock.now();
    const s = await setting();
    h().clock.set(base + 200 * MIN);
    await runClockSweep(h().deps);
    // Response, solution and dispatch breached: their breaches, not their warnings (the breach says more).
    const mine = await notes(s.owner.cookie);
    expect(mine.map((n) => `${n.clockKind} ${n.kind}`).sort()).toEqual(['dispatch breach', 'response breach', 'solution breach']);
    const unread = (await h().request({ method: 'GET', url: '/api/notifications/unread-count', cookie: s.owner.cookie })).json().unread;
    expect(unread).toBe(mine.length);
    const first = await h().request({ method: 'GET', url: '/api/notifications?limit=2', cookie: s.owner.cookie });
    const second = await h().request({ method: 'GET', url: `/api/notifications?limit=2&cursor=${first.json().nextCursor}`, cookie: s.owner.cookie });
    expect([...first.json().items, ...second.json().items].map((n: Note) => n.id)).toEqual(mine.map((n) => n.id));

    const read = await h().request({ method: 'POST', url: `/api/notifications/${mine[0]!.id}/read`, cookie: s.owner.cookie });
    expect(read.json().readAt).toBe(base + 200 * MIN);
    expect((await h().request({ method: 'GET', url: '/api/notifications?unread=true&limit=200', cookie: s.owner.cookie })).json().items).toHaveLength(mine.length - 1);
    const foreign = await h().request({ method: 'POST', url: `/api/notifications/${mine[1]!.id}/read`, cookie: s.lead.cookie });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('notification_not_found');
    expect((await h().request({ method: 'POST', url: '/api/notifications/read-all', cookie: s.owner.cookie })).json().marked).toBe(mine.length - 1);
    expect((await h().request({ method: 'GET', url: '/api/notifications/unread-count', cookie: s.owner.cookie })).json().unread).toBe(0);
  });
});
