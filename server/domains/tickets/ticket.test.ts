import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.js';
import { unique, useHarness, type Harness } from '../../test/harness.js';
import { findTickets } from './ticket.repository.js';

async function count(h: Harness, table: 'tickets' | 'ticket_events' | 'audit_log' | 'calls') {
  return Number((await h.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
}

describeEachEngine('service desk', (db) => {
  const h = useHarness(db);

  it('opens a major fault from the hotline with a readable number, timeline entry and audit row', async () => {
    const agent = await h().user(['agent']);
    const file = await h().customerFile();
    const res = await h().request({
      method: 'POST',
      url: '/api/tickets',
      cookie: agent.cookie,
      payload: { kind: 'fault', grade: 'major', title: '核心存储宕机', description: '机房漏水后存储控制器无法开机', assetId: file.asset.id, callerName: '徐明', callerPhone: '027-68890001', contactId: file.person.id },
    });
    expect(res.statusCode).toBe(201);
    const ticket = res.json();
    expect(ticket.number).toMatch(/^GZ-20261124-\d{4}$/);
    expect(ticket).toMatchObject({ kind: 'fault', grade: 'major', status: 'new', channel: 'phone', customerId: file.customer.id, contractId: file.contract.id, assetSerial: file.asset.serialNumber });
    expect(ticket.allowedTransitions).toContain('accepted');
    const events = (await h().request({ method: 'GET', url: `/api/tickets/${ticket.id}/events`, cookie: agent.cookie })).json().items;
    expect(events.map((e: { type: string }) => e.type)).toEqual(['created']);
    const audit = (await h().request({ method: 'GET', url: `/api/audit?entityType=ticket&entityId=${ticket.id}`, cookie: (await h().user(['admin'])).cookie })).json().items;
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['ticket.create']);
  });

  it('numbers tickets per kind and day without reusing a number', async () => {
    const agent = await h().user(['agent']);
    const { customer } = await h().customerFile();
    const numbers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        h().request({ method: 'POST', url: '/api/tickets', cookie: agent.cookie, payload: { kind: i % 2 ? 'consultation' : 'fault', title: `t${i}`, customerId: customer.id } }).then((r) => r.json().number as string),
      ),
    );
    expect(new Set(numbers).size).toBe(12);
    expect(numbers.filter((n) => n.startsWith('ZX-'))).toHaveLength(6);
    h().clock.advance(24 * 3_600_000);
    // A day later the session has expired; sign in again.
    const cookie = await h().signIn(agent.user.username, agent.password);
    const tomorrow = (await h().request({ method: 'POST', url: '/api/tickets', cookie, payload: { kind: 'complaint', title: 'x', customerId: customer.id } })).json().number;
    expect(tomorrow).toMatch(/^TS-20261125-0001$/);
    h().clock.advance(-24 * 3_600_000);
  });

  it('routes a fault on a contract to its owner engineer and their team, and transfers with a reason', async () => {
    const manager = await h().user(['manager']);
    const owner = await h().user(['engineer']);
    const other = await h().user(['engineer']);
    const team = (await h().request({ method: 'POST', url: '/api/teams', cookie: manager.cookie, payload: { name: unique('服务器组'), memberIds: [owner.user.id, other.user.id] } })).json();
    const file = await h().customerFile();
    await h().request({ method: 'PATCH', url: `/api/contracts/${file.contract.id}`, cookie: manager.cookie, payload: { ownerEngineerId: owner.user.id } });
    const ticket = (await h().request({ method: 'POST', url: '/api/tickets', cookie: manager.cookie, payload: { kind: 'fault', title: '硬盘告警', assetId: file.asset.id } })).json();
    expect(ticket).toMatchObject({ ownerId: owner.user.id, teamId: team.id });

    const moved = await h().request({ method: 'POST', url: `/api/tickets/${ticket.id}/assign`, cookie: manager.cookie, payload: { ownerId: other.user.id, reason: '张工出差' } });
    expect(moved.json()).toMatchObject({ ownerId: other.user.id, teamId: team.id });
    const mine = (await h().request({ method: 'GET', url: '/api/tickets?queue=mine', cookie: other.cookie })).json().items;
    expect(mine.map((t: { id: number }) => t.id)).toContain(ticket.id);
    const teamQueue = (await h().request({ method: 'GET', url: '/api/tickets?queue=team&status=open', cookie: owner.cookie })).json().items;
    expect(teamQueue.map((t: { id: number }) => t.id)).toContain(ticket.id);
    const events = (await h().request({ method: 'GET', url: `/api/tickets/${ticket.id}/events`, cookie: manager.cookie })).json().items;
    expect(events.at(-1)).toMatchObject({ type: 'assignment', internal: true, body: '张工出差', data: { ownerId: other.user.id, fromOwnerId: owner.user.id } });
  });

  it('moves a fault through its whole flow and refuses steps the flow forbids, changing nothing', async () => {
    const eng = await h().user(['engineer']);
    const { customer } = await h().customerFile();
    const ticket = (await h().request({ method: 'POST', url: '/api/tickets', cookie: eng.cookie, payload: { kind: 'fault', title: '网络中断', customerId: customer.id } })).json();
    // Proposing a solution takes the proposal with it (R6).
    const step = (to: string) =>
      h().request({ method: 'POST', url: `/api/tickets/${ticket.id}/transitions`, cookie: eng.cookie, payload: { to, ...(to === 'solution_proposed' && { comment: '更换光模块' }) } });

    const before = await count(h(), 'ticket_events');
    const bad = await step('closed');
    expect(bad.statusCode).toBe(409);
    expect(bad.json().error).toMatchObject({ code: 'invalid_transition', details: { from: 'new', to: 'closed' } });
    expect(await count(h(), 'ticket_events')).toBe(before);
    expect((await h().request({ method: 'GET', url: `/api/tickets/${ticket.id}`, cookie: eng.cookie })).json().status).toBe('new');

    for (const to of ['accepted', 'remote_diagnosis', 'solution_proposed', 'on_site', 'escalated', 'restored', 'awaiting_confirmation', 'closed']) {
      const res = await step(to);
      expect(res.statusCode, to).toBe(200);
      expect(res.json().status).toBe(to);
    }
    const closed = (await h().request({ method: 'GET', url: `/api/tickets/${ticket.id}`, cookie: eng.cookie })).json();
    expect(closed.closedAt).toBe(h().clock.now());
    expect(closed.allowedTransitions).toEqual(['reopened']);
    expect((await step('reopened')).json()).toMatchObject({ status: 'accepted', closedAt: null });
    expect((await step('wizard')).statusCode).toBe(400);
  });

  it('requires a complaint’s investigation and answer before it is resolved (R17)', async () => {
    const manager = await h().user(['manager']);
    const { customer } = await h().customerFile();
    const t = (await h().request({ method: 'POST', url: '/api/tickets', cookie: manager.cookie, payload: { kind: 'complaint', title: '工程师迟到', customerId: customer.id } })).json();
    expect(t.grade).toBeNull();
    await h().request({ method: 'POST', url: `/api/tickets/${t.id}/transitions`, cookie: manager.cookie, payload: { to: 'investigating' } });
    const early = await h().request({ method: 'POST', url: `/api/tickets/${t.id}/transitions`, cookie: manager.cookie, payload: { to: 'resolved' } });
    expect(early.json().error.code).toBe('complaint_answer_required');
    await h().request({ method: 'PATCH', url: `/api/tickets/${t.id}`, cookie: manager.cookie, payload: { investigation: '交通拥堵,未提前告知', answer: '已致歉并调整派工规则' } });
    const done = await h().request({ method: 'POST', url: `/api/tickets/${t.id}/transitions`, cookie: manager.cookie, payload: { to: 'resolved' } });
    expect(done.json().status).toBe('resolved');
  });

  it('shows the customer replies but not internal notes, and lets them confirm but not work the ticket', async () => {
    const eng = await h().user(['engineer']);
    const file = await h().customerFile();
    const portal = await h().request({ method: 'POST', url: '/api/tickets', cookie: file.contact.cookie, payload: { kind: 'fault', title: '打印机无法打印', channel: 'phone', customerId: 999_999 } });
    expect(portal.statusCode).toBe(201);
    const ticket = portal.json();
    expect(ticket).toMatchObject({ channel: 'portal', customerId: file.customer.id });
    await h().request({ method: 'POST', url: `/api/tickets/${ticket.id}/replies`, cookie: eng.cookie, payload: { body: '请重启打印服务后再试' } });
    await h().request({ method: 'POST', url: `/api/tickets/${ticket.id}/notes`, cookie: eng.cookie, payload: { body: '怀疑驱动版本过旧' } });
    const seen = (await h().request({ method: 'GET', url: `/api/tickets/${ticket.id}/events`, cookie: file.contact.cookie })).json().items;
    expect(seen.map((e: { type: string }) => e.type)).toEqual(['created', 'reply']);
    expect(JSON.stringify(seen)).not.toContain('驱动版本');
    expect((await h().request({ method: 'POST', url: `/api/tickets/${ticket.id}/notes`, cookie: file.contact.cookie, payload: { body: 'x' } })).statusCode).toBe(403);
    const reply = await h().request({ method: 'POST', url: `/api/tickets/${ticket.id}/replies`, cookie: file.contact.cookie, payload: { body: '已重启,仍然不行' } });
    expect(reply.statusCode).toBe(201);
    const work = await h().request({ method: 'POST', url: `/api/tickets/${ticket.id}/transitions`, cookie: file.contact.cookie, payload: { to: 'accepted' } });
    expect(work.json().error.code).toBe('invalid_transition');
    const upgrade = await h().request({ method: 'POST', url: '/api/tickets', cookie: file.contact.cookie, payload: { kind: 'upgrade', title: 'x' } });
    expect(upgrade.json().error.code).toBe('ticket_kind_not_allowed');
  });

  it('keeps another customer’s tickets out of reach: not found by id, reply, search or queue', async () => {
    const agent = await h().user(['agent']);
    const a = await h().customerFile();
    const b = await h().customerFile();
    const word = `漏水${unique('').slice(0, 4)}`;
    const theirs = (await h().request({ method: 'POST', url: '/api/tickets', cookie: agent.cookie, payload: { kind: 'fault', title: `机房${word}`, customerId: b.customer.id } })).json();
    const missing = await h().request({ method: 'GET', url: '/api/tickets/987654321', cookie: a.contact.cookie });
    for (const [method, url, payload] of [
      ['GET', `/api/tickets/${theirs.id}`, undefined],
      ['GET', `/api/tickets/${theirs.id}/events`, undefined],
      ['POST', `/api/tickets/${theirs.id}/replies`, { body: 'hello' }],
      ['POST', `/api/tickets/${theirs.id}/transitions`, { to: 'closed' }],
    ] as const) {
      const res = await h().request({ method, url, cookie: a.contact.cookie, ...(payload && { payload }) });
      expect(res.statusCode, url).toBe(404);
      expect(res.json(), url).toEqual(missing.json());
    }
    const search = await h().request({ method: 'GET', url: `/api/tickets/search?q=${encodeURIComponent('漏水')}`, cookie: a.contact.cookie });
    expect(search.json().items.map((t: { id: number }) => t.id)).not.toContain(theirs.id);
    const staffSearch = await h().request({ method: 'GET', url: `/api/tickets/search?q=${encodeURIComponent('漏水')}`, cookie: agent.cookie });
    expect(staffSearch.json().items.map((t: { id: number }) => t.id)).toContain(theirs.id);
    const queue = (await h().request({ method: 'GET', url: `/api/tickets?customerId=${b.customer.id}`, cookie: a.contact.cookie })).json().items;
    expect(queue).toEqual([]);
  });

  it('finds Chinese terms of one, two and four characters and words in tickets, replies and notes', async () => {
    const eng = await h().user(['engineer']);
    const { customer, contact } = await h().customerFile();
    const tag = unique('').slice(0, 6);
    const make = async (title: string) => (await h().request({ method: 'POST', url: '/api/tickets', cookie: eng.cookie, payload: { kind: 'fault', title: `${title} ${tag}`, customerId: customer.id } })).json().id as number;
    const printer = await make('打印机卡纸');
    const leak = await make('空调漏水');
    const boot = await make('服务器无法开机');
    const raid = await make('RAID5 降级');
    const noted = await make('巡检发现告警');
    await h().request({ method: 'POST', url: `/api/tickets/${noted.toString()}/notes`, cookie: eng.cookie, payload: { body: `疑似宕机前兆 ${tag}` } });
    const find = async (q: string, cookie = eng.cookie) =>
      (await h().request({ method: 'GET', url: `/api/tickets/search?q=${encodeURIComponent(`${q} ${tag}`)}`, cookie })).json().items.map((t: { id: number }) => t.id);
    expect(await find('打印机')).toEqual([printer]);
    expect(await find('漏水')).toEqual([leak]);
    expect(await find('无法开机')).toEqual([boot]);
    expect(await find('raid')).toEqual([raid]);
    expect(await find('宕机')).toEqual([noted]);
    expect(await find('机')).toEqual([noted, boot, printer]);
    // A customer contact's search never reaches internal notes.
    expect(await find('宕机', contact.cookie)).toEqual([]);
    const none = await h().request({ method: 'GET', url: '/api/tickets/search?q=%21%21', cookie: eng.cookie });
    expect(none.json().error.code).toBe('search_terms_required');
  });

  it('keeps every call in the call log, on the ticket’s timeline when it is about one', async () => {
    const agent = await h().user(['agent']);
    const { customer } = await h().customerFile();
    const ticket = (await h().request({ method: 'POST', url: '/api/tickets', cookie: agent.cookie, payload: { kind: 'consultation', title: '咨询升级方案', customerId: customer.id } })).json();
    const calls = await count(h(), 'calls');
    const alone = await h().request({ method: 'POST', url: '/api/calls', cookie: agent.cookie, payload: { callerName: '陌生来电', callerPhone: '13900000000', startedAt: h().clock.now(), durationSec: 42, summary: '打错电话' } });
    expect(alone.statusCode).toBe(201);
    const about = await h().request({ method: 'POST', url: '/api/calls', cookie: agent.cookie, payload: { callerName: '徐明', startedAt: h().clock.now(), durationSec: 180, summary: '催问进度', ticketId: ticket.id } });
    expect(about.json()).toMatchObject({ ticketNumber: ticket.number, customerId: customer.id, agentId: agent.user.id });
    expect(await count(h(), 'calls')).toBe(calls + 2);
    const events = (await h().request({ method: 'GET', url: `/api/tickets/${ticket.id}/events`, cookie: agent.cookie })).json().items;
    expect(events.at(-1)).toMatchObject({ type: 'call', body: '催问进度', data: { durationSec: 180 } });
    const log = (await h().request({ method: 'GET', url: '/api/calls?limit=2', cookie: agent.cookie })).json().items;
    expect(log.map((c: { summary: string }) => c.summary).sort()).toEqual(['催问进度', '打错电话']);
  });

  it('lets a monitoring integration open a fault with an API token', async () => {
    const admin = await h().user(['admin']);
    const robot = await h().user(['agent']);
    const { secret } = (await h().request({ method: 'POST', url: '/api/tokens', cookie: admin.cookie, payload: { name: 'Zabbix', userId: robot.user.id } })).json();
    const { asset } = await h().customerFile();
    const res = await h().request({ method: 'POST', url: '/api/tickets', headers: { authorization: `Bearer ${secret}` }, payload: { kind: 'fault', channel: 'api', title: 'Zabbix: disk /dev/sdb failed', assetId: asset.id, debugInfo: 'trigger 12345' } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ channel: 'api', assetId: asset.id });
  });

  it('filters a queue by the day tickets were opened, newest first, page by page', async () => {
    const file = await h().customerFile();
    const DAY = 86_400_000;
    const start = h().clock.now();
    const opened: number[][] = [[], [], []];
    try {
      for (const day of [0, 1, 2]) {
        h().clock.set(start + day * DAY);
        // A session of that day (one from the day before has timed out).
        const shift = await h().user(['agent']);
        for (let i = 0; i < 3; i++) {
          const res = await h().request({ method: 'POST', url: '/api/tickets', cookie: shift.cookie, payload: { kind: 'fault', title: `第 ${day} 天报修 ${i}`, description: '服务器告警', customerId: file.customer.id } });
          expect(res.statusCode).toBe(201);
          opened[day]!.push(res.json().id);
        }
      }
    } finally {
      h().clock.set(start);
    }
    const agent = await h().user(['agent']);
    const listed = async (range: string) => {
      const ids: number[] = [];
      let cursor: string | null = null;
      do {
        const res = await h().request({ method: 'GET', url: `/api/tickets?customerId=${file.customer.id}&${range}&limit=2${cursor ? `&cursor=${cursor}` : ''}`, cookie: agent.cookie });
        expect(res.statusCode).toBe(200);
        const page: { items: { id: number }[]; nextCursor: string | null } = res.json();
        ids.push(...page.items.map((t) => t.id));
        cursor = page.nextCursor;
      } while (cursor && ids.length < 20);
      return ids;
    };
    const newestFirst = (...days: number[]) => days.flatMap((d) => opened[d]!).sort((a, b) => b - a);
    // `from` is inclusive, `to` exclusive.
    expect(await listed(`from=${start + DAY}&to=${start + 2 * DAY}`)).toEqual(newestFirst(1));
    expect(await listed(`from=${start}&to=${start + 2 * DAY}`)).toEqual(newestFirst(0, 1));
    expect(await listed(`to=${start + DAY}`)).toEqual(newestFirst(0));
    expect(await listed(`from=${start + DAY}`)).toEqual(newestFirst(1, 2));
    expect(await listed(`from=${start + 3 * DAY}`)).toEqual([]);
    // Another customer's contact asking for these days by this customer's id sees none of them.
    const other = await h().customerFile();
    const foreign = await h().request({ method: 'GET', url: `/api/tickets?customerId=${file.customer.id}&from=${start}&to=${start + 3 * DAY}`, cookie: other.contact.cookie });
    expect(foreign.statusCode).toBe(200);
    expect(foreign.json().items).toEqual([]);
    // A date that is not a time in milliseconds is refused.
    for (const bad of ['from=yesterday', 'to=-1', 'from=1.5']) {
      const res = await h().request({ method: 'GET', url: `/api/tickets?${bad}`, cookie: agent.cookie });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
    // The same ranges taken as broad (a cap no range is under): read along the ids instead.
    const broad = async (from: number | undefined, to: number | undefined, beforeId?: number) =>
      (await findTickets(h().deps.db, h().deps.engine, { customerId: file.customer.id, from, to, beforeId, limit: 50 }, -1)).map((t) => t.id);
    expect(await broad(start + DAY, start + 2 * DAY)).toEqual(newestFirst(1));
    expect(await broad(undefined, start + DAY)).toEqual(newestFirst(0));
    expect(await broad(start + DAY, undefined)).toEqual(newestFirst(1, 2));
    expect(await broad(start, undefined, opened[1]![1])).toEqual(newestFirst(0, 1).filter((id) => id < opened[1]![1]!));
  });

  it('records field edits on the timeline and counts the queues', async () => {
    const agent = await h().user(['agent']);
    const { customer } = await h().customerFile();
    const t = (await h().request({ method: 'POST', url: '/api/tickets', cookie: agent.cookie, payload: { kind: 'fault', title: '系统运行缓慢', customerId: customer.id } })).json();
    const edited = await h().request({ method: 'PATCH', url: `/api/tickets/${t.id}`, cookie: agent.cookie, payload: { grade: 'major', nonStopping: true } });
    expect(edited.json()).toMatchObject({ grade: 'major', nonStopping: true });
    const fields = (await h().request({ method: 'GET', url: `/api/tickets/${t.id}/events`, cookie: agent.cookie })).json().items.filter((e: { type: string }) => e.type === 'field');
    expect(fields.map((e: { data: { field: string } }) => e.data.field).sort()).toEqual(['grade', 'nonStopping']);
    const counts = (await h().request({ method: 'GET', url: '/api/tickets/counts', cookie: agent.cookie })).json();
    expect(counts.all).toBeGreaterThanOrEqual(counts.unassigned);
    expect(counts.unassigned).toBeGreaterThan(0);
    expect((await h().request({ method: 'POST', url: '/api/tickets', cookie: agent.cookie, payload: { kind: 'fault', title: 'x' } })).json().error.code).toBe('customer_or_asset_required');
    const other = await h().customerFile();
    const mismatch = await h().request({ method: 'POST', url: '/api/tickets', cookie: agent.cookie, payload: { kind: 'fault', title: 'x', customerId: customer.id, assetId: other.asset.id } });
    expect(mismatch.json().error.code).toBe('ticket_link_invalid');
  });
});
