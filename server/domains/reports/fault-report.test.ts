import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.js';
import { useHarness, type Harness, type SignedInUser } from '../../test/harness.js';
import { startSmtpServer, type TestSmtpServer } from '../../test/smtp.js';

const MIN = 60_000;

/**
 * A general fault on a customer's server, worked and restored through the API as the desk does:
 * accepted, diagnosed remotely (with an internal note), restored after 50 minutes. With
 * `resolution`, how it was fixed is recorded as the field service would.
 */
async function restoredFault(h: Harness, staff: SignedInUser, options: { resolution?: boolean } = {}) {
  const file = await h.customerFile();
  const post = (url: string, payload: object) => h.request({ method: 'POST', url, cookie: staff.cookie, payload });
  const opened = h.clock.now();
  const ticket = (await post('/api/tickets', { kind: 'fault', grade: 'general', title: '存储阵列告警', customerId: file.customer.id, assetId: file.asset.id })).json();
  h.clock.advance(5 * MIN);
  await post(`/api/tickets/${ticket.id}/transitions`, { to: 'accepted' });
  h.clock.advance(5 * MIN);
  await post(`/api/tickets/${ticket.id}/transitions`, { to: 'remote_diagnosis' });
  await post(`/api/tickets/${ticket.id}/notes`, { body: '内部:客户机房空调曾故障' });
  h.clock.advance(40 * MIN);
  const restored = (await post(`/api/tickets/${ticket.id}/transitions`, { to: 'restored' })).json();
  expect(restored.status).toBe('restored');
  if (options.resolution) {
    await h.database.db
      .insertInto('ticket_resolutions')
      .values({
        ticket_id: ticket.id,
        customer_id: file.customer.id,
        method: 'part_replaced',
        details: '更换故障 RAID 卡并重建阵列',
        root_cause: 'RAID 卡固件缺陷导致控制器复位',
        restored_at: opened + 45 * MIN,
        recorded_by_user_id: staff.user.id,
        recorded_at: h.clock.now(),
      })
      .execute();
  }
  return { file, ticket, opened };
}

async function reportClock(h: Harness, cookie: string, ticketId: number) {
  const res = await h.request({ method: 'GET', url: `/api/tickets/${ticketId}/clocks`, cookie });
  return (res.json().items as { kind: string; state: string; stoppedAt: number | null; deadline: number | null }[]).find((c) => c.kind === 'report');
}

const complete = { prevention: '升级 RAID 卡固件至 4.2 并每季度巡检阵列日志' };

describeEachEngine('fault analysis reports', (db) => {
  const smtpEnv: Record<string, string> = {};
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    Object.assign(smtpEnv, { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port) });
  });
  afterAll(async () => {
    await smtp?.close();
  });
  const h = useHarness(db, smtpEnv);

  it('drafts a fault’s report from its ticket: summary, timeline in the drafter’s language, cause and handling', async () => {
    const engineer = await h().user(['engineer']);
    const { file, ticket, opened } = await restoredFault(h(), engineer, { resolution: true });

    const res = await h().request({ method: 'POST', url: `/api/tickets/${ticket.id}/report`, cookie: engineer.cookie, lang: 'zh-CN' });
    expect(res.statusCode).toBe(201);
    const report = res.json();
    expect(report).toMatchObject({ ticketId: ticket.id, ticketNumber: ticket.number, state: 'draft', prevention: '', draftedById: engineer.user.id, approvedAt: null, deliveredTo: [] });
    expect(report.summary).toContain('存储阵列告警');
    expect(report.summary).toContain(file.customer.name);
    expect(report.summary).toContain(file.asset.serialNumber);
    expect(report.summary).toContain('一般故障');
    // The resolution's own restoration time, 45 minutes after the report.
    expect(report.summary).toMatch(/恢复时间:.*(历时 45 分钟)/);
    const lines = report.timeline.split('\n');
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d {2}报障:存储阵列告警$/);
    expect(lines.some((l: string) => l.includes('状态变为「远程诊断」'))).toBe(true);
    expect(lines.some((l: string) => l.includes('服务恢复(更换部件)'))).toBe(true);
    // Internal notes are the desk's own: nothing in a customer's document comes from them.
    expect(report.timeline).not.toContain('空调');
    expect(report.cause).toBe('RAID 卡固件缺陷导致控制器复位');
    expect(report.handling).toContain('更换部件:更换故障 RAID 卡并重建阵列');
    expect(report.createdAt).toBe(opened + 50 * MIN);

    const again = await h().request({ method: 'POST', url: `/api/tickets/${ticket.id}/report`, cookie: engineer.cookie });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('report_exists');
    const read = await h().request({ method: 'GET', url: `/api/tickets/${ticket.id}/report`, cookie: engineer.cookie });
    expect(read.json()).toEqual(report);

    const events = (await h().request({ method: 'GET', url: `/api/tickets/${ticket.id}/events`, cookie: engineer.cookie })).json().items;
    expect(events.at(-1)).toMatchObject({ type: 'report', internal: true, data: { action: 'drafted', reportId: report.id } });
  });

  it('drafts in English for an English request, with the cause left empty when none was recorded', async () => {
    const agent = await h().user(['agent']);
    const { ticket } = await restoredFault(h(), agent);
    const report = (await h().request({ method: 'POST', url: `/api/tickets/${ticket.id}/report`, cookie: agent.cookie, lang: 'en' })).json();
    expect(report.summary).toMatch(/Restored: .* \(after 50 min\)/);
    expect(report.timeline).toContain('Status: remote diagnosis');
    expect(report.timeline).toContain('Status: restored');
    expect(report.cause).toBe('');
  });

  it('refuses a report for a ticket that is not a fault, and to people who do not handle faults', async () => {
    const agent = await h().user(['agent']);
    const storekeeper = await h().user(['storekeeper']);
    const { customer, contact } = await h().customerWithContact();
    const question = (await h().request({ method: 'POST', url: '/api/tickets', cookie: agent.cookie, payload: { kind: 'consultation', title: '如何配置快照策略', customerId: customer.id } })).json();
    const refused = await h().request({ method: 'POST', url: `/api/tickets/${question.id}/report`, cookie: agent.cookie });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('field_service_not_applicable');
    expect((await h().request({ method: 'POST', url: `/api/tickets/${question.id}/report`, cookie: storekeeper.cookie })).statusCode).toBe(403);
    expect((await h().request({ method: 'POST', url: `/api/tickets/${question.id}/report`, cookie: contact.cookie })).statusCode).toBe(403);
    const none = await h().request({ method: 'GET', url: `/api/tickets/${question.id}/report`, cookie: agent.cookie });
    expect(none.statusCode).toBe(404);
    expect(none.json().error.code).toBe('report_not_found');
  });

  it('is edited by the engineer, approved only by a manager once complete, and an edit after approval returns it to draft', async () => {
    const engineer = await h().user(['engineer']);
    const manager = await h().user(['manager'], { displayName: '王经理' });
    const { ticket } = await restoredFault(h(), engineer, { resolution: true });
    const report = (await h().request({ method: 'POST', url: `/api/tickets/${ticket.id}/report`, cookie: engineer.cookie })).json();

    const edited = await h().request({ method: 'PATCH', url: `/api/reports/${report.id}`, cookie: engineer.cookie, payload: { cause: '控制器固件缺陷' } });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ cause: '控制器固件缺陷', state: 'draft', summary: report.summary });

    expect((await h().request({ method: 'POST', url: `/api/reports/${report.id}/approve`, cookie: engineer.cookie })).statusCode).toBe(403);
    const incomplete = await h().request({ method: 'POST', url: `/api/reports/${report.id}/approve`, cookie: manager.cookie, lang: 'zh-CN' });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json().error).toMatchObject({ code: 'report_incomplete', message: '审批前请填写:预防措施。', details: { fields: ['prevention'] } });

    await h().request({ method: 'PATCH', url: `/api/reports/${report.id}`, cookie: engineer.cookie, payload: complete });
    h().clock.advance(MIN);
    const approved = await h().request({ method: 'POST', url: `/api/reports/${report.id}/approve`, cookie: manager.cookie });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ state: 'approved', approvedById: manager.user.id, approvedByName: '王经理', approvedAt: h().clock.now() });
    const twice = await h().request({ method: 'POST', url: `/api/reports/${report.id}/approve`, cookie: manager.cookie });
    expect(twice.json().error).toMatchObject({ code: 'report_invalid_step', message: 'The report is approved; it cannot be approved.' });

    const changed = (await h().request({ method: 'PATCH', url: `/api/reports/${report.id}`, cookie: engineer.cookie, payload: { handling: '更换 RAID 卡' } })).json();
    expect(changed).toMatchObject({ state: 'draft', approvedById: null, approvedByName: null, approvedAt: null, handling: '更换 RAID 卡' });
    const events = (await h().request({ method: 'GET', url: `/api/tickets/${ticket.id}/events`, cookie: engineer.cookie })).json().items;
    expect(events.filter((e: { type: string }) => e.type === 'report').map((e: { data: { action: string } }) => e.data.action)).toEqual(['drafted', 'approved', 'reopened']);
    const audit = (await h().request({ method: 'GET', url: `/api/audit?entityType=fault_report&entityId=${report.id}`, cookie: manager.cookie })).json().items;
    expect(audit.map((a: { action: string }) => a.action).sort()).toEqual(['fault_report.approve', 'fault_report.draft', 'fault_report.update', 'fault_report.update', 'fault_report.update']);
  });

  it('delivers an approved report, which stops the report clock, and a delivered report no longer changes', async () => {
    const engineer = await h().user(['engineer']);
    const manager = await h().user(['manager']);
    const { ticket } = await restoredFault(h(), engineer, { resolution: true });
    const report = (await h().request({ method: 'POST', url: `/api/tickets/${ticket.id}/report`, cookie: engineer.cookie })).json();
    const early = await h().request({ method: 'POST', url: `/api/reports/${report.id}/deliver`, cookie: engineer.cookie, payload: {} });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('report_invalid_step');
    expect(await reportClock(h(), engineer.cookie, ticket.id)).toMatchObject({ state: 'running', stoppedAt: null });

    await h().request({ method: 'PATCH', url: `/api/reports/${report.id}`, cookie: engineer.cookie, payload: complete });
    await h().request({ method: 'POST', url: `/api/reports/${report.id}/approve`, cookie: manager.cookie });
    // Eleven hours on (a session's idle lifetime is 12), well inside the 3 days.
    h().clock.advance(11 * 60 * MIN);
    const delivered = await h().request({ method: 'POST', url: `/api/reports/${report.id}/deliver`, cookie: engineer.cookie, payload: {} });
    expect(delivered.statusCode).toBe(200);
    expect(delivered.json()).toMatchObject({ state: 'delivered', deliveredAt: h().clock.now(), deliveredTo: [] });
    expect(await reportClock(h(), engineer.cookie, ticket.id)).toMatchObject({ state: 'met', stoppedAt: h().clock.now() });

    const edit = await h().request({ method: 'PATCH', url: `/api/reports/${report.id}`, cookie: engineer.cookie, payload: { cause: '另有原因' }, lang: 'zh-CN' });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error).toMatchObject({ code: 'report_invalid_step', message: '故障分析说明当前为"已交付",不能执行"修改"。' });
    expect((await h().request({ method: 'POST', url: `/api/reports/${report.id}/deliver`, cookie: engineer.cookie, payload: {} })).statusCode).toBe(409);
  });

  it('shows a customer contact their report only once delivered, and another customer’s never', async () => {
    const engineer = await h().user(['engineer']);
    const manager = await h().user(['manager']);
    const { file, ticket } = await restoredFault(h(), engineer);
    const stranger = (await h().customerWithContact()).contact;
    const report = (await h().request({ method: 'POST', url: `/api/tickets/${ticket.id}/report`, cookie: engineer.cookie })).json();
    const asContact = (cookie: string) => ({
      report: h().request({ method: 'GET', url: `/api/tickets/${ticket.id}/report`, cookie }),
      pdf: h().request({ method: 'GET', url: `/api/reports/${report.id}/pdf`, cookie }),
    });

    let own = asContact(file.contact.cookie);
    expect((await own.report).json().error.code).toBe('report_not_found');
    expect((await own.pdf).statusCode).toBe(404);
    expect((await h().request({ method: 'PATCH', url: `/api/reports/${report.id}`, cookie: file.contact.cookie, payload: { cause: 'x' } })).statusCode).toBe(403);

    await h().request({ method: 'PATCH', url: `/api/reports/${report.id}`, cookie: engineer.cookie, payload: { cause: '电源模块老化', handling: '更换电源模块', ...complete } });
    await h().request({ method: 'POST', url: `/api/reports/${report.id}/approve`, cookie: manager.cookie });
    expect((await asContact(file.contact.cookie).report).statusCode).toBe(404);
    await h().request({ method: 'POST', url: `/api/reports/${report.id}/deliver`, cookie: engineer.cookie, payload: {} });

    own = asContact(file.contact.cookie);
    expect((await own.report).json()).toMatchObject({ id: report.id, state: 'delivered', cause: '电源模块老化' });
    const pdf = await own.pdf;
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 4).toString('latin1')).toBe('%PDF');
    // The delivery is on the customer's timeline; the draft and the approval are not.
    const events = (await h().request({ method: 'GET', url: `/api/tickets/${ticket.id}/events`, cookie: file.contact.cookie })).json().items;
    expect(events.filter((e: { type: string }) => e.type === 'report').map((e: { data: { action: string } }) => e.data.action)).toEqual(['delivered']);

    const other = asContact(stranger.cookie);
    expect((await other.report).statusCode).toBe(404);
    expect((await other.pdf).statusCode).toBe(404);
    expect((await other.pdf).json().error.code).toBe('report_not_found');
  });

  it('downloads the PDF in either language, named after the ticket', async () => {
    const engineer = await h().user(['engineer']);
    const { ticket } = await restoredFault(h(), engineer, { resolution: true });
    const report = (await h().request({ method: 'POST', url: `/api/tickets/${ticket.id}/report`, cookie: engineer.cookie })).json();
    const en = await h().request({ method: 'GET', url: `/api/reports/${report.id}/pdf?lang=en`, cookie: engineer.cookie });
    expect(en.statusCode).toBe(200);
    expect(en.headers['content-type']).toBe('application/pdf');
    expect(en.headers['content-disposition']).toMatch(new RegExp(`^attachment; .*${ticket.number}-fault-analysis\\.pdf`));
    expect(en.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const zh = await h().request({ method: 'GET', url: `/api/reports/${report.id}/pdf?lang=zh-CN`, cookie: engineer.cookie });
    expect(zh.headers['content-disposition']).toContain(`filename*=UTF-8''${ticket.number}-${encodeURIComponent('故障分析说明')}.pdf`);
    expect(zh.rawPayload.subarray(0, 4).toString('latin1')).toBe('%PDF');
  });

  it('e-mails the PDF on delivery in the requester’s language', async () => {
    const engineer = await h().user(['engineer']);
    const manager = await h().user(['manager']);
    const { ticket } = await restoredFault(h(), engineer, { resolution: true });
    const report = (await h().request({ method: 'POST', url: `/api/tickets/${ticket.id}/report`, cookie: engineer.cookie })).json();
    await h().request({ method: 'PATCH', url: `/api/reports/${report.id}`, cookie: engineer.cookie, payload: complete });
    await h().request({ method: 'POST', url: `/api/reports/${report.id}/approve`, cookie: manager.cookie });

    const before = smtp.messages.length;
    const sent = await h().request({ method: 'POST', url: `/api/reports/${report.id}/deliver`, cookie: engineer.cookie, lang: 'zh-CN', payload: { emails: ['xu.ming@example.cn'] } });
    expect(sent.statusCode).toBe(200);
    expect(sent.json()).toMatchObject({ state: 'delivered', deliveredTo: ['xu.ming@example.cn'] });
    const mail = (await smtp.waitFor(before + 1))[before]!;
    expect(mail.to).toEqual(['xu.ming@example.cn']);
    expect(mail.subject).toBe(`故障分析说明 ${ticket.number}:存储阵列告警`);
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]).toMatchObject({ filename: `${ticket.number}-故障分析说明.pdf`, contentType: 'application/pdf' });
    expect(mail.attachments[0]!.content.subarray(0, 4).toString('latin1')).toBe('%PDF');
  });
});

describeEachEngine('fault analysis reports when mail cannot go out', (db) => {
  const refusingEnv: Record<string, string> = {};
  let refusing: TestSmtpServer;
  beforeAll(async () => {
    refusing = await startSmtpServer({ onRcptTo: (_address, _session, callback) => callback(new Error('550 mailbox unavailable')) });
    Object.assign(refusingEnv, { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(refusing.port) });
  });
  afterAll(async () => {
    await refusing?.close();
  });
  const unconfigured = useHarness(db);
  const refused = useHarness(db, refusingEnv);

  async function approvedReport(h: Harness) {
    const engineer = await h.user(['engineer']);
    const manager = await h.user(['manager']);
    const { ticket } = await restoredFault(h, engineer, { resolution: true });
    const report = (await h.request({ method: 'POST', url: `/api/tickets/${ticket.id}/report`, cookie: engineer.cookie })).json();
    await h.request({ method: 'PATCH', url: `/api/reports/${report.id}`, cookie: engineer.cookie, payload: complete });
    await h.request({ method: 'POST', url: `/api/reports/${report.id}/approve`, cookie: manager.cookie });
    return { engineer, ticket, report };
  }

  it('refuses to e-mail a report without a mail server and leaves it undelivered, its clock running', async () => {
    const h = unconfigured();
    const { engineer, ticket, report } = await approvedReport(h);
    const res = await h.request({ method: 'POST', url: `/api/reports/${report.id}/deliver`, cookie: engineer.cookie, payload: { emails: ['xu.ming@example.cn'] } });
    expect(res.statusCode).toBe(503);
    expect(res.json().error.code).toBe('mail_not_configured');
    expect((await h.request({ method: 'GET', url: `/api/tickets/${ticket.id}/report`, cookie: engineer.cookie })).json().state).toBe('approved');
    expect(await reportClock(h, engineer.cookie, ticket.id)).toMatchObject({ state: 'running' });
  });

  it('delivers nothing when the mail server refuses the message', async () => {
    const h = refused();
    const { engineer, ticket, report } = await approvedReport(h);
    const res = await h.request({ method: 'POST', url: `/api/reports/${report.id}/deliver`, cookie: engineer.cookie, payload: { emails: ['nobody@example.cn'] } });
    expect(res.statusCode).toBe(502);
    expect(res.json().error.code).toBe('mail_failed');
    expect((await h.request({ method: 'GET', url: `/api/tickets/${ticket.id}/report`, cookie: engineer.cookie })).json()).toMatchObject({ state: 'approved', deliveredAt: null });
    expect(await reportClock(h, engineer.cookie, ticket.id)).toMatchObject({ state: 'running' });
  });
});
