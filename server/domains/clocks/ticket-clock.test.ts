import { expect, it } from 'vitest';
import { refreshFromTimeline, ticketTimeline } from '../../test/clocks.js';
import { describeEachEngine } from '../../test/engines.js';
import { useHarness, type Harness, type SignedInUser } from '../../test/harness.js';
import { ROUND_THE_CLOCK, weekSchedule, type Calendar } from './calendar.js';
import { computeClocks } from './engine.js';
import { CHINA_2026, replaceHolidayYear } from './holidays.js';
import { DEFAULT_POLICY } from './policy.js';
import { clocksDueBetween, nearestDeadlines, refreshTicketClocks, ticketClocks } from './ticket-clock.service.js';
import { clockEventsOf, clockKindsOf, engineEventsOf, type TimelineEvent } from './timeline.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const START = Date.UTC(2026, 10, 24, 2, 0); // Tuesday 10:00 in Shanghai

/** The business-hours preset as holidays.ts defines it: the migration must have seeded the same. */
const OFFICE = replaceHolidayYear({ kind: 'business_hours', timeZone: 'Asia/Shanghai', week: weekSchedule([{ from: '09:00', to: '18:00' }]) }, 2026, CHINA_2026);

interface Clock {
  kind: string;
  state: string;
  grade: string;
  startedAt: number | null;
  deadline: number | null;
  warnAt: number | null;
  stoppedAt: number | null;
  breachedAt: number | null;
  remainingMs: number | null;
}

describeEachEngine('ticket clocks', (db) => {
  const h = useHarness(db);

  async function open(agent: SignedInUser, payload: Record<string, unknown>) {
    const res = await h().request({ method: 'POST', url: '/api/tickets', cookie: agent.cookie, payload: { title: '核心交换机宕机', ...payload } });
    expect(res.statusCode).toBe(201);
    const ticket = res.json();
    await refreshFromTimeline(h().database, h().deps, ticket.id);
    return ticket as { id: number; number: string };
  }

  async function act(cookie: string, ticketId: number, what: { to?: string; reply?: string; note?: string; grade?: string }) {
    const url = `/api/tickets/${ticketId}`;
    const res = what.to
      ? await h().request({ method: 'POST', url: `${url}/transitions`, cookie, payload: { to: what.to } })
      : what.reply
        ? await h().request({ method: 'POST', url: `${url}/replies`, cookie, payload: { body: what.reply } })
        : what.note
          ? await h().request({ method: 'POST', url: `${url}/notes`, cookie, payload: { body: what.note } })
          : await h().request({ method: 'PATCH', url, cookie, payload: { grade: what.grade } });
    expect(res.statusCode).toBeLessThan(300);
    await refreshFromTimeline(h().database, h().deps, ticketId);
  }

  async function clocks(cookie: string, ticketId: number): Promise<Record<string, Clock>> {
    const res = await h().request({ method: 'GET', url: `/api/tickets/${ticketId}/clocks`, cookie });
    expect(res.statusCode).toBe(200);
    expect(res.json().now).toBe(h().clock.now());
    return Object.fromEntries(res.json().items.map((c: Clock) => [c.kind, c]));
  }

  it('starts every fault clock at the report and stops the response at the first public staff reply', async () => {
    h().clock.set(START);
    const agent = await h().user(['agent']);
    const file = await h().customerFile();
    const ticket = await open(agent, { kind: 'fault', customerId: file.customer.id });
    let c = await clocks(agent.cookie, ticket.id);
    expect(Object.keys(c)).toEqual(['response', 'solution', 'dispatch', 'arrival', 'restore', 'report']);
    expect(c.response).toMatchObject({ state: 'running', grade: 'general', startedAt: START, deadline: START + 30 * MIN, warnAt: START + 22.5 * MIN, remainingMs: 30 * MIN });
    expect(c.restore).toMatchObject({ state: 'running', deadline: START + 6 * HOUR });
    expect(c.arrival).toMatchObject({ state: 'pending', deadline: null, remainingMs: null });

    h().clock.advance(10 * MIN);
    await act(file.contact.cookie, ticket.id, { reply: '还是打不开' });
    await act(agent.cookie, ticket.id, { note: '内部备注' });
    expect((await clocks(agent.cookie, ticket.id)).response?.state).toBe('running');
    h().clock.advance(5 * MIN);
    await act(agent.cookie, ticket.id, { reply: '已收到,工程师正在远程排查' });
    h().clock.advance(50 * MIN);
    c = await clocks(agent.cookie, ticket.id);
    expect(c.response).toMatchObject({ state: 'met', stoppedAt: START + 15 * MIN, remainingMs: 15 * MIN });
    // The solution was due at 60 min and nothing stopped it.
    expect(c.solution).toMatchObject({ state: 'breached', breachedAt: START + HOUR, remainingMs: -5 * MIN });
    expect(c.restore?.remainingMs).toBe(6 * HOUR - 65 * MIN);
  });

  it('pauses running clocks while waiting for the customer and pushes their deadlines out', async () => {
    h().clock.set(START);
    const eng = await h().user(['engineer']);
    const file = await h().customerFile();
    const ticket = await open(eng, { kind: 'fault', customerId: file.customer.id });
    h().clock.advance(10 * MIN);
    await act(eng.cookie, ticket.id, { to: 'waiting_customer' });
    h().clock.advance(2 * HOUR);
    let c = await clocks(eng.cookie, ticket.id);
    expect(c.response).toMatchObject({ state: 'met', stoppedAt: START + 10 * MIN });
    expect(c.restore).toMatchObject({ state: 'paused', deadline: null, remainingMs: 6 * HOUR - 10 * MIN });
    await act(eng.cookie, ticket.id, { to: 'remote_diagnosis' });
    c = await clocks(eng.cookie, ticket.id);
    expect(c.restore).toMatchObject({ state: 'running', deadline: START + 8 * HOUR, remainingMs: 6 * HOUR - 10 * MIN });
  });

  it('recomputes a running clock from its original start when the grade changes', async () => {
    h().clock.set(START);
    const eng = await h().user(['engineer']);
    const file = await h().customerFile();
    const ticket = await open(eng, { kind: 'fault', grade: 'general', customerId: file.customer.id });
    h().clock.advance(2 * HOUR);
    await act(eng.cookie, ticket.id, { grade: 'major' });
    const c = await clocks(eng.cookie, ticket.id);
    expect(c.restore).toMatchObject({ grade: 'major', startedAt: START, deadline: START + 14 * HOUR });
    // The response clock breached under the general grade and stays as it was.
    expect(c.response).toMatchObject({ state: 'breached', deadline: START + 30 * MIN });
  });

  it('counts business hours with holidays: a fault reported at 17:55 on the eve of National Day', async () => {
    const eve = Date.parse('2026-09-30T17:55:00+08:00');
    h().clock.set(eve);
    const manager = await h().user(['manager']);
    const file = await h().customerFile();
    await h().request({ method: 'PATCH', url: `/api/contracts/${file.contract.id}`, cookie: manager.cookie, payload: { coverage: 'business_hours', sparesOnSite: true } });
    const general = await open(manager, { kind: 'fault', grade: 'general', assetId: file.asset.id });
    let c = await clocks(manager.cookie, general.id);
    expect(c.response!.deadline).toBe(Date.parse('2026-10-08T09:25:00+08:00'));
    expect(c.restore!.deadline).toBe(Date.parse('2026-10-08T14:55:00+08:00'));
    expect(c.hardware_restore).toMatchObject({ state: 'running', deadline: Date.parse('2026-10-08T12:55:00+08:00') });
    h().clock.set(Date.parse('2026-10-03T12:00:00+08:00'));
    const cookie = await h().signIn(manager.user.username, manager.password);
    expect((await clocks(cookie, general.id)).response!.remainingMs).toBe(25 * MIN);
    // An emergency counts round the clock whatever the contract's calendar (R3).
    h().clock.set(eve);
    const emergency = await open({ ...manager, cookie }, { kind: 'fault', grade: 'emergency', assetId: file.asset.id });
    c = await clocks(cookie, emergency.id);
    expect(c.response).toMatchObject({ deadline: eve + 15 * MIN, roundTheClock: true });
  });

  it('gives a consultation only the response clock and a complaint none', async () => {
    h().clock.set(START);
    const agent = await h().user(['agent']);
    const file = await h().customerFile();
    const question = await open(agent, { kind: 'consultation', customerId: file.customer.id });
    expect(Object.keys(await clocks(agent.cookie, question.id))).toEqual(['response']);
    h().clock.advance(20 * MIN);
    await act(agent.cookie, question.id, { to: 'answered' });
    expect((await clocks(agent.cookie, question.id)).response).toMatchObject({ state: 'met', grade: 'general', stoppedAt: START + 20 * MIN });
    const complaint = await open(agent, { kind: 'complaint', customerId: file.customer.id });
    expect(await clocks(agent.cookie, complaint.id)).toEqual({});
  });

  it('shows a ticket’s clocks to its customer’s contact and answers "not found" to another customer', async () => {
    h().clock.set(START);
    const agent = await h().user(['agent']);
    const mine = await h().customerFile();
    const other = await h().customerFile();
    const ticket = await open(agent, { kind: 'fault', customerId: mine.customer.id });
    expect(Object.keys(await clocks(mine.contact.cookie, ticket.id))).toContain('restore');
    const res = await h().request({ method: 'GET', url: `/api/tickets/${ticket.id}/clocks`, cookie: other.contact.cookie });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('ticket_not_found');
  });

  it('stores one set of clock events whether it is handed the new events or the whole timeline again', async () => {
    h().clock.set(START);
    const eng = await h().user(['engineer']);
    const file = await h().customerFile();
    const ticket = await open(eng, { kind: 'fault', customerId: file.customer.id });
    await act(eng.cookie, ticket.id, { to: 'accepted' });
    await refreshFromTimeline(h().database, h().deps, ticket.id);
    const { ticket: facts, events } = await ticketTimeline(h().database, ticket.id);
    await h().database.db.transaction().execute((trx) => refreshTicketClocks(trx, h().deps, facts, events.slice(-1)));
    const stored = await h().database.db.selectFrom('ticket_clock_events').select(['type']).where('ticket_id', '=', ticket.id).orderBy('id').execute();
    expect(stored.map((e) => e.type)).toEqual(['created', 'responded']);
  });

  it('lists running clocks by deadline for the queues', async () => {
    const base = START + 30 * 24 * HOUR;
    h().clock.set(base);
    const eng = await h().user(['engineer']);
    const file = await h().customerFile();
    const a = await open(eng, { kind: 'fault', customerId: file.customer.id });
    h().clock.advance(10 * MIN);
    const b = await open(eng, { kind: 'consultation', customerId: file.customer.id });
    const nearest = await nearestDeadlines(h().database.db, [a.id, b.id]);
    expect(nearest.get(a.id)).toEqual({ kind: 'response', deadline: base + 30 * MIN });
    expect(nearest.get(b.id)).toEqual({ kind: 'response', deadline: base + 40 * MIN });
    const soon = await clocksDueBetween(h().database.db, { from: base + 30 * MIN, to: base + 41 * MIN, limit: 10 });
    expect(soon.filter((c) => [a.id, b.id].includes(c.ticketId))).toEqual([
      { ticketId: a.id, kind: 'response', deadline: base + 30 * MIN },
      { ticketId: b.id, kind: 'response', deadline: base + 40 * MIN },
    ]);
    const page2 = await clocksDueBetween(h().database.db, { from: base + 30 * MIN, to: base + 41 * MIN, after: { deadline: base + 30 * MIN, ticketId: a.id }, limit: 10 });
    expect(page2.map((c) => c.ticketId)).not.toContain(a.id);
  });

  it('stores exactly what the engine computes after every kind of ticket event (random replay)', async () => {
    h().clock.set(Date.parse('2026-09-28T08:30:00+08:00'));
    let seed = 20261124;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
    const manager = await h().user(['manager']);
    const eng = await h().user(['engineer']);
    const cases: { file: Awaited<ReturnType<Harness['customerFile']>>; calendar: Calendar; spares: boolean }[] = [];
    for (const [coverage, spares] of [['7x24', false], ['business_hours', true], ['business_hours', false], ['7x24', true]] as const) {
      const file = await h().customerFile();
      await h().request({ method: 'PATCH', url: `/api/contracts/${file.contract.id}`, cookie: manager.cookie, payload: { coverage, sparesOnSite: spares } });
      cases.push({ file, calendar: coverage === '7x24' ? ROUND_THE_CLOCK : OFFICE, spares });
    }
    for (const [i, c] of cases.entries()) {
      const kind = i === 2 ? 'consultation' : 'fault';
      const ticket = await open(eng, { kind, grade: kind === 'fault' ? pick(['general', 'major', 'emergency']) : undefined, assetId: c.file.asset.id });
      let seen = (await ticketTimeline(h().database, ticket.id)).lastEventId;
      for (let step = 0; step < 14; step++) {
        h().clock.advance(Math.floor(1 + rand() * 90) * MIN);
        const r = rand();
        const url = `/api/tickets/${ticket.id}`;
        if (r < 0.45) {
          const allowed = (await h().request({ method: 'GET', url, cookie: eng.cookie })).json().allowedTransitions as string[];
          if (allowed.length) await h().request({ method: 'POST', url: `${url}/transitions`, cookie: eng.cookie, payload: { to: pick(allowed) } });
        } else if (r < 0.6) {
          await h().request({ method: 'POST', url: `${url}/replies`, cookie: pick([eng.cookie, c.file.contact.cookie]), payload: { body: '回复' } });
        } else if (r < 0.7) {
          await h().request({ method: 'POST', url: `${url}/notes`, cookie: eng.cookie, payload: { body: '备注' } });
        } else if (r < 0.85 && kind === 'fault') {
          await h().request({ method: 'PATCH', url, cookie: eng.cookie, payload: { grade: pick(['general', 'major', 'emergency']) } });
        }
        // Half the time the new entries only, half the whole timeline again.
        const part = await ticketTimeline(h().database, ticket.id, rand() < 0.5 ? { afterEventId: seen } : {});
        seen = part.lastEventId;
        await h().database.db.transaction().execute((trx) => refreshTicketClocks(trx, h().deps, part.ticket, part.events));

        const now = h().clock.now();
        const all: TimelineEvent[] = (await ticketTimeline(h().database, ticket.id)).events;
        const input = engineEventsOf(part.ticket, clockEventsOf(part.ticket, all), { sparesOnSite: kind === 'fault' && c.spares });
        const kinds = clockKindsOf(kind)!;
        const expected = computeClocks({ policy: DEFAULT_POLICY, calendar: c.calendar, ...input, now }).filter((x) => kinds === 'all' || kinds.includes(x.kind));
        const stored = (await ticketClocks(h().database.db, [ticket.id], now)).get(ticket.id) ?? [];
        const shape = (x: Clock) => [x.kind, x.grade, x.state, x.startedAt, x.deadline, x.warnAt, x.stoppedAt, x.breachedAt, x.remainingMs];
        expect(stored.map(shape), `ticket ${i}, step ${step}`).toEqual(expected.map(shape));
      }
    }
  });
});
