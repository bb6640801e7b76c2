import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.js';
import { unique, useHarness, type Harness, type SignedInUser } from '../../test/harness.js';

const MINUTE = 60_000;

async function count(h: Harness, table: 'vendor_escalations' | 'vendor_escalation_entries' | 'ticket_events' | 'audit_log') {
  return Number((await h.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
}

describeEachEngine('vendor escalations', (db) => {
  const h = useHarness(db);

  async function vendor(cookie: string, extra: Record<string, unknown> = {}) {
    return (await h().request({ method: 'POST', url: '/api/vendors', cookie, payload: { name: unique('Huawei'), supportPhone: '400-822-9999', ...extra } })).json() as { id: number; name: string };
  }

  /** A major fault on the customer file's asset, taken on by the engineer. */
  async function fault(engineer: SignedInUser, options: { accept?: boolean; kind?: string } = {}) {
    const file = await h().customerFile();
    const ticket = (
      await h().request({
        method: 'POST',
        url: '/api/tickets',
        cookie: engineer.cookie,
        payload: {
          kind: options.kind ?? 'fault',
          ...((options.kind ?? 'fault') === 'fault' && { grade: 'major' }),
          title: '存储控制器反复重启',
          description: '控制器 A 每隔约 2 小时重启一次',
          debugInfo: 'iBMC 告警 0x2C000027',
          ...(options.kind === 'consultation' ? { customerId: file.customer.id } : { assetId: file.asset.id }),
          callerName: '徐明',
          callerPhone: '027-68890001',
        },
      })
    ).json() as { id: number; number: string; status: string; customerId: number };
    if (options.accept !== false && (options.kind ?? 'fault') === 'fault') {
      await h().request({ method: 'POST', url: `/api/tickets/${ticket.id}/transitions`, cookie: engineer.cookie, payload: { to: 'accepted' } });
    }
    return { file, ticket };
  }

  const events = async (cookie: string, ticketId: number) =>
    (await h().request({ method: 'GET', url: `/api/tickets/${ticketId}/events`, cookie })).json().items as { type: string; internal: boolean; body: string; data: Record<string, unknown> }[];

  it('compiles the brief from the customer, the device, the fault and every action taken, in both languages', async () => {
    const engineer = await h().user(['engineer'], { displayName: '张工' });
    const { file, ticket } = await fault(engineer);
    h().clock.advance(5 * MINUTE);
    await h().request({ method: 'POST', url: `/api/tickets/${ticket.id}/notes`, cookie: engineer.cookie, payload: { body: '已更换控制器 A 的电源模块,\n故障依旧' } });
    // Remote sessions and visits are written by field service; the brief reads their records.
    const now = h().clock.now();
    const dbx = h().database.db;
    await dbx
      .insertInto('remote_sessions')
      .values({ ticket_id: ticket.id, customer_id: file.customer.id, method: 'remote_login', engineer_user_id: engineer.user.id, started_at: now + MINUTE, findings: '日志显示看门狗超时', actions: '升级固件到 V3.02', result: 'needs_visit', created_at: now, updated_at: now })
      .execute();
    const dispatch = await dbx
      .insertInto('dispatches')
      .values({ number: `${ticket.number}-D1`, ticket_id: ticket.id, customer_id: file.customer.id, site_id: file.site.id, state: 'on_site', planned_at: now, arrived_at: now + 60 * MINUTE, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await dbx.insertInto('visit_logs').values({ dispatch_id: dispatch.id, at: now + 90 * MINUTE, author_user_id: engineer.user.id, author_name: engineer.user.username, body: '现场更换背板后仍重启' }).execute();

    const en = await h().request({ method: 'GET', url: `/api/tickets/${ticket.id}/escalation-brief`, cookie: engineer.cookie });
    expect(en.statusCode).toBe(200);
    const text: string = en.json().text;
    for (const piece of [
      `Fault escalation ${ticket.number}`,
      `Customer: ${file.customer.name}`,
      'Site: 主楼, 武汉市江岸区',
      'Contact: 徐明 027-68890001',
      'Device: Huawei FusionServer 2288H V6',
      `Serial number: ${file.asset.serialNumber}`,
      'Firmware version: iBMC 3.01',
      'Grade: Major fault',
      'iBMC 告警 0x2C000027',
      '2026-11-24 10:00 张工 Status: New → Accepted',
      '2026-11-24 10:05 张工 Note: 已更换控制器 A 的电源模块, / 故障依旧',
      '2026-11-24 10:06 张工 Remote diagnosis (remote login): found: 日志显示看门狗超时; did: 升级固件到 V3.02; result: needs a visit',
      `2026-11-24 11:05 Arrived on site ${ticket.number}-D1`,
      `2026-11-24 11:35 张工 On site ${ticket.number}-D1: 现场更换背板后仍重启`,
    ]) {
      expect(text).toContain(piece);
    }
    // One line per action, in time order.
    const lines = text.split('\n');
    expect(lines.findIndex((l) => l.includes('Note:'))).toBeLessThan(lines.findIndex((l) => l.includes('Remote diagnosis')));
    expect(lines.findIndex((l) => l.includes('Remote diagnosis'))).toBeLessThan(lines.findIndex((l) => l.includes('On site')));

    const zh = (await h().request({ method: 'GET', url: `/api/tickets/${ticket.id}/escalation-brief`, cookie: engineer.cookie, lang: 'zh-CN' })).json().text as string;
    for (const piece of ['【客户信息】', `客户:${file.customer.name}`, `序列号:${file.asset.serialNumber}`, '等级:重大故障', '【已执行的操作和结果】', '张工 备注:已更换控制器 A 的电源模块', '远程诊断(远程登录):发现:日志显示看门狗超时;操作:升级固件到 V3.02;结果:需上门', '状态:新建 → 已受理']) {
      expect(zh).toContain(piece);
    }
  });

  it('opens an escalation with the edited brief, moves the ticket to escalated and puts it on the timeline', async () => {
    const engineer = await h().user(['engineer']);
    const manager = await h().user(['manager']);
    const v = await vendor(manager.cookie);
    const { ticket } = await fault(engineer);
    const before = await count(h(), 'ticket_events');
    const res = await h().request({
      method: 'POST',
      url: `/api/tickets/${ticket.id}/escalations`,
      cookie: engineer.cookie,
      payload: { vendorId: v.id, caseNumber: ' 2026112400123 ', brief: '  客户:… 已执行的操作:…  ', contactName: '王工' },
    });
    expect(res.statusCode).toBe(201);
    const esc = res.json();
    expect(esc).toMatchObject({ ticketId: ticket.id, vendorId: v.id, vendorName: v.name, caseNumber: '2026112400123', state: 'open', brief: '客户:… 已执行的操作:…', openedById: engineer.user.id, closedAt: null });
    expect(esc.entries).toEqual([{ id: expect.any(Number), at: h().clock.now(), direction: 'sent', body: '客户:… 已执行的操作:…', actorId: engineer.user.id, actorName: engineer.user.displayName }]);

    const tk = (await h().request({ method: 'GET', url: `/api/tickets/${ticket.id}`, cookie: engineer.cookie })).json();
    expect(tk.status).toBe('escalated');
    const timeline = await events(engineer.cookie, ticket.id);
    // The escalation and the status change it brought.
    expect(await count(h(), 'ticket_events')).toBe(before + 2);
    const escalation = timeline.find((e) => e.type === 'escalation')!;
    expect(escalation).toMatchObject({ internal: true, data: { action: 'opened', escalationId: esc.id, vendorName: v.name, caseNumber: '2026112400123', contactName: '王工' } });
    expect(escalation.body).toContain(v.name);
    expect(timeline.at(-1)).toMatchObject({ type: 'status', data: { from: 'accepted', to: 'escalated' } });

    const listed = (await h().request({ method: 'GET', url: `/api/tickets/${ticket.id}/escalations`, cookie: engineer.cookie })).json();
    expect(listed.items).toEqual([esc]);
    const audit = (await h().request({ method: 'GET', url: `/api/audit?entityType=vendor_escalation&entityId=${esc.id}`, cookie: manager.cookie })).json().items;
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['vendor_escalation.open']);

    // A new fault cannot go straight to escalated: the escalation is recorded, the status stays.
    const { ticket: fresh } = await fault(engineer, { accept: false });
    const early = await h().request({ method: 'POST', url: `/api/tickets/${fresh.id}/escalations`, cookie: engineer.cookie, payload: { vendorId: v.id, brief: 'x' } });
    expect(early.statusCode).toBe(201);
    expect((await h().request({ method: 'GET', url: `/api/tickets/${fresh.id}`, cookie: engineer.cookie })).json().status).toBe('new');
  });

  it("records the vendor's answers and follow-ups, moves the state, and takes nothing once closed", async () => {
    const agent = await h().user(['agent']);
    const v = await vendor((await h().user(['dispatcher'])).cookie);
    const { ticket } = await fault(agent);
    const esc = (await h().request({ method: 'POST', url: `/api/tickets/${ticket.id}/escalations`, cookie: agent.cookie, payload: { vendorId: v.id, brief: '简报' } })).json();
    const entry = (direction: string, body: string) => h().request({ method: 'POST', url: `/api/escalations/${esc.id}/entries`, cookie: agent.cookie, payload: { direction, body } });

    const note = await entry('note', '厂商电话占线,稍后再拨');
    expect(note.statusCode).toBe(201);
    expect(note.json().state).toBe('open');
    const answered = await entry('received', '请收集 iBMC 一键日志并上传');
    expect(answered.json().state).toBe('answered');
    const followUp = await entry('sent', '日志已上传到案例附件');
    expect(followUp.json().state).toBe('waiting_vendor');
    expect(followUp.json().entries.map((e: { direction: string }) => e.direction)).toEqual(['sent', 'note', 'received', 'sent']);

    const timeline = (await events(agent.cookie, ticket.id)).filter((e) => e.type === 'escalation');
    expect(timeline.map((e) => e.data.action)).toEqual(['opened', 'received', 'sent']);
    expect(timeline[1]!.body).toContain('请收集 iBMC 一键日志并上传');

    const numbered = await h().request({ method: 'PATCH', url: `/api/escalations/${esc.id}`, cookie: agent.cookie, payload: { caseNumber: 'C-778899', state: 'answered' } });
    expect(numbered.json()).toMatchObject({ caseNumber: 'C-778899', state: 'answered', closedAt: null });
    h().clock.advance(MINUTE);
    const closed = await h().request({ method: 'PATCH', url: `/api/escalations/${esc.id}`, cookie: agent.cookie, payload: { state: 'closed' } });
    expect(closed.json()).toMatchObject({ state: 'closed', closedAt: h().clock.now() });
    expect((await events(agent.cookie, ticket.id)).at(-1)).toMatchObject({ type: 'escalation', data: { action: 'closed', caseNumber: 'C-778899' } });

    const before = { entries: await count(h(), 'vendor_escalation_entries'), events: await count(h(), 'ticket_events') };
    const late = await entry('received', '补充说明');
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('escalation_closed');
    const reopen = await h().request({ method: 'PATCH', url: `/api/escalations/${esc.id}`, cookie: agent.cookie, payload: { state: 'open' } });
    expect(reopen.json().error.code).toBe('escalation_closed');
    expect(await count(h(), 'vendor_escalation_entries')).toBe(before.entries);
    expect(await count(h(), 'ticket_events')).toBe(before.events);

    const audit = (await h().request({ method: 'GET', url: `/api/audit?entityType=vendor_escalation&entityId=${esc.id}`, cookie: (await h().user(['admin'])).cookie })).json().items;
    expect(audit.map((a: { action: string }) => a.action).sort()).toEqual([
      'vendor_escalation.close',
      'vendor_escalation.entry',
      'vendor_escalation.entry',
      'vendor_escalation.entry',
      'vendor_escalation.open',
      'vendor_escalation.update',
    ]);
  });

  it('refuses closed tickets, inactive or unknown vendors, consultations and bad input, changing nothing', async () => {
    const engineer = await h().user(['engineer']);
    const admin = await h().user(['admin']);
    const active = await vendor(admin.cookie);
    const retired = await vendor(admin.cookie);
    await h().request({ method: 'PATCH', url: `/api/vendors/${retired.id}`, cookie: admin.cookie, payload: { active: false } });
    const { ticket } = await fault(engineer);
    const { ticket: closedTicket } = await fault(engineer);
    // Closing a fault needs its forms and report (field service); the status is what matters here.
    await h().database.db.updateTable('tickets').set({ status: 'closed', is_open: 0, closed_at: h().clock.now() }).where('id', '=', closedTicket.id).execute();
    const { ticket: question } = await fault(engineer, { kind: 'consultation' });

    const before = { escalations: await count(h(), 'vendor_escalations'), events: await count(h(), 'ticket_events'), audit: await count(h(), 'audit_log') };
    const open = (ticketId: number, payload: Record<string, unknown>) => h().request({ method: 'POST', url: `/api/tickets/${ticketId}/escalations`, cookie: engineer.cookie, payload });

    expect((await open(closedTicket.id, { vendorId: active.id, brief: 'x' })).json().error.code).toBe('ticket_closed');
    const inactive = await open(ticket.id, { vendorId: retired.id, brief: 'x' });
    expect(inactive.statusCode).toBe(409);
    expect(inactive.json().error).toMatchObject({ code: 'vendor_inactive', details: { field: 'vendorId' } });
    expect((await open(ticket.id, { vendorId: 999_999, brief: 'x' })).json().error.code).toBe('vendor_not_found');
    expect((await open(question.id, { vendorId: active.id, brief: 'x' })).json().error.code).toBe('field_service_not_applicable');
    const brief = await h().request({ method: 'GET', url: `/api/tickets/${question.id}/escalation-brief`, cookie: engineer.cookie });
    expect(brief.statusCode).toBe(400);
    expect(brief.json().error.code).toBe('field_service_not_applicable');
    const bad = await open(ticket.id, { vendorId: 0, brief: '   ', caseNumber: 5, extra: true });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['body.vendorId', 'body.brief', 'body.caseNumber', 'body.extra']));
    expect(await count(h(), 'vendor_escalations')).toBe(before.escalations);
    expect(await count(h(), 'ticket_events')).toBe(before.events);
    expect(await count(h(), 'audit_log')).toBe(before.audit);

    const esc = (await open(ticket.id, { vendorId: active.id, brief: 'x' })).json();
    const badEntry = await h().request({ method: 'POST', url: `/api/escalations/${esc.id}/entries`, cookie: engineer.cookie, payload: { direction: 'answer', body: '' } });
    expect(badEntry.statusCode).toBe(400);
    expect(badEntry.json().error.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['body.direction', 'body.body']));
    const badState = await h().request({ method: 'PATCH', url: `/api/escalations/${esc.id}`, cookie: engineer.cookie, payload: { state: 'done' } });
    expect(badState.statusCode).toBe(400);
    expect((await h().request({ method: 'PATCH', url: `/api/escalations/${esc.id}`, cookie: engineer.cookie, payload: {} })).statusCode).toBe(400);
    expect((await h().request({ method: 'PATCH', url: '/api/escalations/999999', cookie: engineer.cookie, payload: { state: 'closed' } })).json().error.code).toBe('escalation_not_found');
    expect((await h().request({ method: 'GET', url: '/api/tickets/999999/escalation-brief', cookie: engineer.cookie })).json().error.code).toBe('ticket_not_found');
    expect((await h().request({ method: 'GET', url: `/api/tickets/${ticket.id}/escalations`, cookie: engineer.cookie })).json().items).toHaveLength(1);
  });

  it('keeps escalations from customer contacts, their own tickets included, and from staff outside fault work', async () => {
    const engineer = await h().user(['engineer']);
    const v = await vendor((await h().user(['admin'])).cookie);
    const { file, ticket } = await fault(engineer);
    const esc = (await h().request({ method: 'POST', url: `/api/tickets/${ticket.id}/escalations`, cookie: engineer.cookie, payload: { vendorId: v.id, brief: '简报' } })).json();
    const { contact: stranger } = await h().customerWithContact();
    const keeper = await h().user(['storekeeper']);
    for (const who of [file.contact, stranger, keeper]) {
      for (const req of [
        { method: 'GET' as const, url: `/api/tickets/${ticket.id}/escalation-brief` },
        { method: 'GET' as const, url: `/api/tickets/${ticket.id}/escalations` },
        { method: 'POST' as const, url: `/api/tickets/${ticket.id}/escalations`, payload: { vendorId: v.id, brief: 'x' } },
        { method: 'POST' as const, url: `/api/escalations/${esc.id}/entries`, payload: { direction: 'note', body: 'x' } },
        { method: 'PATCH' as const, url: `/api/escalations/${esc.id}`, payload: { state: 'closed' } },
      ]) {
        const res = await h().request({ ...req, cookie: who.cookie });
        expect(res.statusCode, `${req.method} ${req.url}`).toBe(403);
      }
    }
    // The customer's own timeline does not show the vendor traffic either.
    const seen = await events(file.contact.cookie, ticket.id);
    expect(seen.filter((e) => e.type === 'escalation')).toEqual([]);
    expect((await h().request({ method: 'GET', url: `/api/tickets/${ticket.id}/escalations`, cookie: engineer.cookie })).json().items[0].state).toBe('open');
  });
});
