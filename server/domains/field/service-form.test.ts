import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.js';
import { faultOnSite, SIGNATURE, step, transition } from '../../test/field.js';
import { useHarness, type Harness, type SignedInUser } from '../../test/harness.js';
import { startSmtpServer, type TestSmtpServer } from '../../test/smtp.js';
import { SIGN_LINK_TTL_MS } from './service-form.service.js';

// pdftotext reads the PDFs back; under CI=true its absence fails the run (.ci/run installs it).
const hasPoppler = spawnSync('pdftotext', ['-v']).error === undefined;

const SIGN = { signerName: '徐明', signature: SIGNATURE, satisfaction: 'satisfied', comment: '处理及时' };

async function makeForm(h: Harness, visitId: number, who: SignedInUser) {
  const res = await h.request({
    method: 'POST',
    url: `/api/dispatches/${visitId}/service-form`,
    cookie: who.cookie,
    payload: { serviceContent: '存储控制器B报硬盘告警,上门检查', workDone: '更换7号硬盘,RAID重建完成', result: '系统恢复正常运行' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; version: number; state: string; content: Record<string, unknown>; contentHash: string };
}

/** The token in a sign-link e-mail's text. */
function tokenIn(text: string, formId: number): string {
  const match = new RegExp(`/sign/${formId}\\?token=([A-Za-z0-9_-]+)`).exec(text);
  expect(match, text).not.toBeNull();
  return match![1]!;
}

/** Service forms (R9): made from a visit, signed and locked, by screen, portal or one-time link. */
describeEachEngine('service forms', (db) => {
  let smtp: TestSmtpServer;
  const env: Record<string, string> = { PUBLIC_URL: 'https://weibao.example.com' };
  beforeAll(async () => {
    smtp = await startSmtpServer();
    env.SMTP_HOST = '127.0.0.1';
    env.SMTP_PORT = String(smtp.port);
  });
  afterAll(async () => smtp?.close());
  const h = useHarness(db, env);

  it('is made only once the engineer is on site, with the visit’s facts', async () => {
    const f = await faultOnSite(h());
    const other = await h().user(['dispatcher']);
    const visit2 = (
      await h().request({ method: 'POST', url: `/api/tickets/${f.ticket.id}/dispatches`, cookie: other.cookie, payload: { engineerIds: [f.engineer.user.id], plannedAt: h().clock.now() } })
    ).json();
    const early = await h().request({ method: 'POST', url: `/api/dispatches/${visit2.id}/service-form`, cookie: f.engineer.cookie, payload: {} });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('visit_not_started');

    const form = await makeForm(h(), f.visit.id, f.engineer);
    expect(form).toMatchObject({ version: 1, state: 'draft', contentHash: '', content: { ticketNumber: f.ticket.number, customerName: f.customer.name, siteName: f.site.name, engineers: ['张伟'] } });
    expect((form.content.times as { arrivedAt: number }).arrivedAt).toBe(h().clock.now());
    expect((await h().request({ method: 'POST', url: `/api/dispatches/${f.visit.id}/service-form`, cookie: f.engineer.cookie, payload: {} })).json().error.code).toBe('service_form_exists');
  });

  it('locks a signed form: a change makes version 2 and keeps version 1 as it was signed', async () => {
    const f = await faultOnSite(h());
    const form = await makeForm(h(), f.visit.id, f.engineer);
    const badImage = await h().request({ method: 'POST', url: `/api/service-forms/${form.id}/sign`, cookie: f.engineer.cookie, payload: { ...SIGN, signature: 'data:image/png;base64,SGVsbG8gd29ybGQgdGhpcyBpcyBub3QgYSBQTkc=' } });
    expect(badImage.json().error.code).toBe('signature_invalid');
    const badSatisfaction = await h().request({ method: 'POST', url: `/api/service-forms/${form.id}/sign`, cookie: f.engineer.cookie, payload: { ...SIGN, satisfaction: 'great' } });
    expect(badSatisfaction.statusCode).toBe(400);

    const signed = (await h().request({ method: 'POST', url: `/api/service-forms/${form.id}/sign`, cookie: f.engineer.cookie, payload: SIGN })).json();
    expect(signed).toMatchObject({ state: 'signed', signedVia: 'screen', signerName: '徐明', satisfaction: 'satisfied', hashVerified: true, signedAt: h().clock.now() });
    expect(signed.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect((await h().request({ method: 'POST', url: `/api/service-forms/${form.id}/sign`, cookie: f.engineer.cookie, payload: SIGN })).json().error.code).toBe('service_form_signed');

    const changed = await h().request({ method: 'PATCH', url: `/api/service-forms/${form.id}`, cookie: f.engineer.cookie, payload: { result: '系统恢复正常,已观察30分钟' } });
    expect(changed.json()).toMatchObject({ version: 2, state: 'draft', content: { result: '系统恢复正常,已观察30分钟' }, versions: [{ version: 1, state: 'superseded' }, { version: 2, state: 'draft' }] });
    const v1 = (await h().request({ method: 'GET', url: `/api/service-forms/${form.id}`, cookie: f.engineer.cookie })).json();
    expect(v1).toMatchObject({ version: 1, state: 'superseded', contentHash: signed.contentHash, hashVerified: true, content: { result: '系统恢复正常运行' }, signatureDataUrl: SIGNATURE });
    expect((await h().request({ method: 'PATCH', url: `/api/service-forms/${form.id}`, cookie: f.engineer.cookie, payload: { result: 'x' } })).json().error.code).toBe('service_form_signed');

    // A stored form edited behind the system's back no longer matches its hash.
    await h().database.db.updateTable('service_forms').set({ comment: '篡改' }).where('id', '=', form.id).execute();
    expect((await h().request({ method: 'GET', url: `/api/service-forms/${form.id}`, cookie: f.engineer.cookie })).json().hashVerified).toBe(false);
  });

  it('lets a customer contact sign their own customer’s form only', async () => {
    const f = await faultOnSite(h());
    const form = await makeForm(h(), f.visit.id, f.engineer);
    const stranger = await h().customerWithContact();
    const refused = await h().request({ method: 'POST', url: `/api/service-forms/${form.id}/sign`, cookie: stranger.contact.cookie, payload: SIGN });
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error.code).toBe('service_form_not_found');
    expect((await h().request({ method: 'GET', url: `/api/service-forms/${form.id}/pdf`, cookie: stranger.contact.cookie })).statusCode).toBe(404);
    expect((await h().request({ method: 'GET', url: `/api/service-forms/${form.id}`, cookie: f.engineer.cookie })).json().state).toBe('draft');

    const own = await h().request({ method: 'POST', url: `/api/service-forms/${form.id}/sign`, cookie: f.contact.cookie, payload: { ...SIGN, satisfaction: 'average' } });
    expect(own.json()).toMatchObject({ state: 'signed', signedVia: 'portal', satisfaction: 'average' });
  });

  it('signs through an e-mailed link once, for that form only, until it expires', async () => {
    const f = await faultOnSite(h());
    const form = await makeForm(h(), f.visit.id, f.engineer);
    const before = smtp.messages.length;
    const sent = await h().request({ method: 'POST', url: `/api/service-forms/${form.id}/sign-link`, cookie: f.engineer.cookie, payload: { email: 'xu.ming@customer.example.cn', lang: 'zh-CN' } });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json().expiresAt).toBe(h().clock.now() + SIGN_LINK_TTL_MS);
    const mail = (await smtp.waitFor(before + 1))[before]!;
    expect(mail.to).toEqual(['xu.ming@customer.example.cn']);
    expect(mail.subject).toContain('请签署服务表格');
    expect(mail.text).toContain(`https://weibao.example.com/sign/${form.id}?token=`);
    const token = tokenIn(mail.text, form.id);

    // The link opens the form without an account; it does not open another form.
    expect((await h().request({ method: 'GET', url: `/api/public/service-forms/${form.id}?token=${token}` })).json()).toMatchObject({ id: form.id, state: 'draft' });
    const g = await faultOnSite(h());
    const otherForm = await makeForm(h(), g.visit.id, g.engineer);
    const crossed = await h().request({ method: 'POST', url: `/api/public/service-forms/${otherForm.id}/sign?token=${token}`, payload: SIGN });
    expect(crossed.statusCode).toBe(404);
    expect(crossed.json().error.code).toBe('sign_link_invalid');
    expect((await h().request({ method: 'GET', url: `/api/service-forms/${otherForm.id}`, cookie: g.engineer.cookie })).json().state).toBe('draft');
    expect((await h().request({ method: 'POST', url: `/api/public/service-forms/${form.id}/sign?token=not-a-real-token-at-all`, payload: SIGN })).statusCode).toBe(404);

    const signed = await h().request({ method: 'POST', url: `/api/public/service-forms/${form.id}/sign?token=${token}`, payload: { ...SIGN, satisfaction: 'dissatisfied', comment: '到场较晚' } });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json()).toMatchObject({ state: 'signed', signedVia: 'link', satisfaction: 'dissatisfied' });
    const again = await h().request({ method: 'POST', url: `/api/public/service-forms/${form.id}/sign?token=${token}`, payload: SIGN });
    expect(again.statusCode).toBe(410);
    expect(again.json().error.code).toBe('sign_link_expired');

    // A link not used within its time no longer works.
    const before2 = smtp.messages.length;
    await h().request({ method: 'POST', url: `/api/service-forms/${otherForm.id}/sign-link`, cookie: g.engineer.cookie, payload: { email: 'it@customer.example.cn', lang: 'en' } });
    const mail2 = (await smtp.waitFor(before2 + 1))[before2]!;
    expect(mail2.subject).toContain('Please sign service form');
    h().clock.advance(SIGN_LINK_TTL_MS + 1);
    const late = await h().request({ method: 'POST', url: `/api/public/service-forms/${otherForm.id}/sign?token=${tokenIn(mail2.text, otherForm.id)}`, payload: SIGN });
    expect(late.json().error.code).toBe('sign_link_expired');
    // (Three days on, the engineer's session has expired too: read the row.)
    expect((await h().database.db.selectFrom('service_forms').select('state').where('id', '=', otherForm.id).executeTakeFirstOrThrow()).state).toBe('draft');
  });

  it('lets the fault close once each visit’s form is signed', async () => {
    const f = await faultOnSite(h());
    await step(h(), f.visit.id, f.engineer, 'leave');
    await h().request({ method: 'PUT', url: `/api/tickets/${f.ticket.id}/resolution`, cookie: f.engineer.cookie, payload: { method: 'part_replaced', details: '更换硬盘', restoredAt: h().clock.now() } });
    const form = await makeForm(h(), f.visit.id, f.engineer);
    expect((await transition(h(), f.ticket.id, f.agent, 'closed')).json().error.code).toBe('service_forms_missing');
    await h().request({ method: 'POST', url: `/api/service-forms/${form.id}/sign`, cookie: f.engineer.cookie, payload: SIGN });
    expect((await transition(h(), f.ticket.id, f.agent, 'closed')).json().status).toBe('closed');
  });

  it.skipIf(!hasPoppler && process.env.CI !== 'true')('renders the signed form as a PDF with the Chinese content and the satisfaction, and e-mails it', async () => {
    expect(hasPoppler, 'pdftotext is not on PATH: apt-get install poppler-utils').toBe(true);
    const f = await faultOnSite(h());
    const form = await makeForm(h(), f.visit.id, f.engineer);
    await h().request({ method: 'POST', url: `/api/service-forms/${form.id}/sign`, cookie: f.engineer.cookie, payload: SIGN });
    const res = await h().request({ method: 'GET', url: `/api/service-forms/${form.id}/pdf?lang=zh-CN`, cookie: f.contact.cookie });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'weibao-form-')), 'form.pdf');
    fs.writeFileSync(file, res.rawPayload);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    for (const expected of ['服务表格', '更换7号硬盘,RAID重建完成', '系统恢复正常运行', '满意', '徐明', f.customer.name.replace(/\s+/g, '')]) expect(text).toContain(expected);
    const signed = (await h().request({ method: 'GET', url: `/api/service-forms/${form.id}`, cookie: f.engineer.cookie })).json();
    expect(text).toContain(signed.contentHash);

    const before = smtp.messages.length;
    const mailed = await h().request({ method: 'POST', url: `/api/service-forms/${form.id}/email`, cookie: f.engineer.cookie, payload: { to: ['xu.ming@customer.example.cn'], lang: 'en' } });
    expect(mailed.json()).toEqual({ sentTo: ['xu.ming@customer.example.cn'] });
    const mail = (await smtp.waitFor(before + 1))[before]!;
    expect(mail.attachments[0]).toMatchObject({ contentType: 'application/pdf' });
    expect(mail.attachments[0]!.content.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
