import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.js';
import { useHarness, type Harness } from '../../test/harness.js';

const MIN = 60_000;

interface Clock {
  kind: string;
  state: string;
  deadline: number | null;
  stoppedAt: number | null;
}

async function clocks(h: Harness, cookie: string, ticketId: number): Promise<Record<string, Clock>> {
  const res = await h.request({ method: 'GET', url: `/api/tickets/${ticketId}/clocks`, cookie });
  expect(res.statusCode).toBe(200);
  return Object.fromEntries((res.json().items as Clock[]).map((c) => [c.kind, c]));
}

/**
 * The service desk keeps the clocks (R4) with every ticket event, in the event's own transaction:
 * these go through the HTTP API only, as the hotline and engineers do.
 */
describeEachEngine('ticket events drive the service clocks', (db) => {
  const h = useHarness(db);

  it('opens a fault with its clocks, and a reply, a pause and the restoration move them', async () => {
    const agent = await h().user(['agent']);
    const { customer } = await h().customerFile();
    const opened = h().clock.now();
    const ticket = (await h().request({ method: 'POST', url: '/api/tickets', cookie: agent.cookie, payload: { kind: 'fault', grade: 'general', title: '存储告警', customerId: customer.id } })).json();
    let c = await clocks(h(), agent.cookie, ticket.id);
    // No contract: the default policy on 7×24 — 30 minutes to respond, 6 hours to restore.
    expect(c.response).toMatchObject({ state: 'running', deadline: opened + 30 * MIN });
    expect(c.restore).toMatchObject({ state: 'running', deadline: opened + 360 * MIN });

    h().clock.advance(10 * MIN);
    await h().request({ method: 'POST', url: `/api/tickets/${ticket.id}/replies`, cookie: agent.cookie, payload: { body: '已收到,工程师正在远程排查。' } });
    c = await clocks(h(), agent.cookie, ticket.id);
    expect(c.response).toMatchObject({ state: 'met', stoppedAt: opened + 10 * MIN });

    // Waiting for the customer for an hour pushes the restore deadline out by that hour.
    await h().request({ method: 'POST', url: `/api/tickets/${ticket.id}/transitions`, cookie: agent.cookie, payload: { to: 'waiting_customer' } });
    h().clock.advance(60 * MIN);
    await h().request({ method: 'POST', url: `/api/tickets/${ticket.id}/transitions`, cookie: agent.cookie, payload: { to: 'remote_diagnosis' } });
    c = await clocks(h(), agent.cookie, ticket.id);
    expect(c.restore).toMatchObject({ state: 'running', deadline: opened + 420 * MIN });

    // A grade raised to major recomputes from the original start: 14 hours (+ the pause).
    await h().request({ method: 'PATCH', url: `/api/tickets/${ticket.id}`, cookie: agent.cookie, payload: { grade: 'major' } });
    expect((await clocks(h(), agent.cookie, ticket.id)).restore).toMatchObject({ deadline: opened + 900 * MIN });

    h().clock.advance(20 * MIN);
    await h().request({ method: 'POST', url: `/api/tickets/${ticket.id}/transitions`, cookie: agent.cookie, payload: { to: 'restored' } });
    c = await clocks(h(), agent.cookie, ticket.id);
    expect(c.restore).toMatchObject({ state: 'met', stoppedAt: opened + 90 * MIN });
    // The fault analysis report's 3 days run from restoration.
    expect(c.report).toMatchObject({ state: 'running', deadline: opened + 90 * MIN + 3 * 24 * 60 * MIN });
  });

  it('gives a consultation its response clock only, and takes a merged duplicate’s clocks away', async () => {
    const agent = await h().user(['agent']);
    const { customer } = await h().customerFile();
    const question = (await h().request({ method: 'POST', url: '/api/tickets', cookie: agent.cookie, payload: { kind: 'consultation', title: '备份策略咨询', customerId: customer.id } })).json();
    expect(Object.keys(await clocks(h(), agent.cookie, question.id))).toEqual(['response']);

    const first = (await h().request({ method: 'POST', url: '/api/tickets', cookie: agent.cookie, payload: { kind: 'fault', title: '门诊网络中断', customerId: customer.id } })).json();
    const dup = (await h().request({ method: 'POST', url: '/api/tickets', cookie: agent.cookie, payload: { kind: 'fault', title: '门诊网络断了', customerId: customer.id } })).json();
    await h().request({ method: 'POST', url: `/api/tickets/${dup.id}/merge`, cookie: agent.cookie, payload: { into: first.id } });
    // The ticket it was merged into carries the promise: the duplicate is neither alerted nor counted.
    expect(await clocks(h(), agent.cookie, dup.id)).toEqual({});
    expect((await clocks(h(), agent.cookie, first.id)).response!.state).toBe('running');
  });

  it('counts a call logged on the ticket after it opened as the response', async () => {
    const agent = await h().user(['agent']);
    const { customer } = await h().customerFile();
    const ticket = (await h().request({ method: 'POST', url: '/api/tickets', cookie: agent.cookie, payload: { kind: 'fault', title: '服务器宕机', customerId: customer.id } })).json();
    h().clock.advance(5 * MIN);
    const call = await h().request({ method: 'POST', url: '/api/calls', cookie: agent.cookie, payload: { ticketId: ticket.id, callerName: '徐明', startedAt: h().clock.now(), durationSec: 120, summary: '回电告知处理进展' } });
    expect(call.statusCode).toBe(201);
    expect((await clocks(h(), agent.cookie, ticket.id)).response).toMatchObject({ state: 'met' });
  });

  it('sorts a queue by the soonest running deadline and filters breached and due within the hour', async () => {
    const agent = await h().user(['agent']);
    const { customer } = await h().customerFile();
    const open = async (title: string, payload: Record<string, unknown> = {}) =>
      (await h().request({ method: 'POST', url: '/api/tickets', cookie: agent.cookie, payload: { kind: 'fault', title, customerId: customer.id, ...payload } })).json();
    const early = await open('最早的故障');
    h().clock.advance(20 * MIN);
    const later = await open('稍后的故障');
    const answered = await open('已响应的故障');
    await h().request({ method: 'POST', url: `/api/tickets/${answered.id}/replies`, cookie: agent.cookie, payload: { body: '已联系客户' } });
    const complaint = await open('投诉', { kind: 'complaint' });
    h().clock.advance(15 * MIN);
    // now: early's response is 5 min overdue; later's is due in 15 min; answered's next is its solution clock.
    const list = async (query: string) => (await h().request({ method: 'GET', url: `/api/tickets?customerId=${customer.id}&${query}`, cookie: agent.cookie })).json();

    const byDeadline = await list('sort=deadline');
    expect(byDeadline.items.map((t: { id: number }) => t.id)).toEqual([early.id, later.id, answered.id]);
    expect(byDeadline.items[0].nextDeadline).toMatchObject({ kind: 'response', state: 'breached' });
    expect(byDeadline.items[1].nextDeadline).toMatchObject({ kind: 'response', state: 'running' });
    expect(byDeadline.items[2].nextDeadline.kind).toBe('solution');
    expect(byDeadline.items.map((t: { id: number }) => t.id)).not.toContain(complaint.id);

    // Keyset pages of one come in the same order.
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(`sort=deadline&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((t: { id: number }) => t.id));
      cursor = page.nextCursor;
    } while (cursor && seen.length < 10);
    expect(seen).toEqual([early.id, later.id, answered.id]);

    expect((await list('due=breached')).items.map((t: { id: number }) => t.id)).toEqual([early.id]);
    expect((await list('due=soon&sort=deadline')).items.map((t: { id: number }) => t.id)).toEqual([later.id, answered.id]);
    expect((await list('')).items.find((t: { id: number }) => t.id === complaint.id).nextDeadline).toBeNull();
    expect((await h().request({ method: 'GET', url: '/api/tickets?sort=soonest', cookie: agent.cookie })).statusCode).toBe(400);
  });
});
