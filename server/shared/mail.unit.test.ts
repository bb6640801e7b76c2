import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { AppError } from '../http/errors.js';
import { startSmtpServer, type TestSmtpServer } from '../test/smtp.js';
import { createMailer, type MailConfig } from './mail.js';

const servers: TestSmtpServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function smtp(options?: Parameters<typeof startSmtpServer>[0]): Promise<TestSmtpServer> {
  const server = await startSmtpServer(options);
  servers.push(server);
  return server;
}

const mailConfig = (port: number): MailConfig => ({
  smtpHost: '127.0.0.1', smtpPort: port, smtpSecure: false, smtpUser: null, smtpPassword: null, mailFrom: 'Weibao 维保 <desk@weibao.test>',
});

// Bytes a text decoder would mangle, so a changed attachment cannot pass.
const pdf = Buffer.concat([Buffer.from('%PDF-1.3\n'), Buffer.from([0x00, 0xff, 0xe2, 0x80, 0x0d, 0x0a]), Buffer.alloc(3000, 0x9c)]);

describe('mail', () => {
  it('sends a Chinese mail with a PDF attachment over SMTP', async () => {
    const server = await smtp();
    const mailer = createMailer(mailConfig(server.port));
    expect(mailer.configured).toBe(true);

    const sent = await mailer.send({
      to: ['zhang.wei@customer.test', 'li.ming@customer.test'],
      subject: '服务表格 FW-20261124-0003 待您签署',
      text: '您好，附件是本次上门服务的服务表格。',
      html: '<p>您好，附件是本次上门服务的服务表格。</p>',
      attachments: [{ filename: '服务表格-FW-20261124-0003.pdf', content: pdf, contentType: 'application/pdf' }],
    });
    expect(sent.messageId).toMatch(/^<.+@.+>$/);
    expect(sent.rejected).toEqual([]);

    const [received] = await server.waitFor(1);
    expect(received).toMatchObject({
      from: 'desk@weibao.test',
      to: ['zhang.wei@customer.test', 'li.ming@customer.test'],
      subject: '服务表格 FW-20261124-0003 待您签署',
      html: '<p>您好，附件是本次上门服务的服务表格。</p>',
    });
    expect(received!.text.trim()).toBe('您好，附件是本次上门服务的服务表格。');
    expect(received!.attachments).toHaveLength(1);
    expect(received!.attachments[0]).toMatchObject({ filename: '服务表格-FW-20261124-0003.pdf', contentType: 'application/pdf' });
    expect(received!.attachments[0]!.content.equals(pdf)).toBe(true);
  });

  it('refuses to send without SMTP_HOST', async () => {
    const mailer = createMailer({ ...mailConfig(25), smtpHost: null });
    expect(mailer.configured).toBe(false);
    const error = await mailer.send({ to: ['a@b.test'], subject: 's', text: 't' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'mail_not_configured', status: 503 });
  });

  it('reports mail_failed with the SMTP code when the server refuses the recipient', async () => {
    const server = await smtp({
      onRcptTo(address, _session, callback) {
        callback(Object.assign(new Error(`No mailbox ${address.address}`), { responseCode: 550 }));
      },
    });
    const mailer = createMailer(mailConfig(server.port));
    const error = await mailer.send({ to: ['nobody@customer.test'], subject: '测试', text: 't' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'mail_failed', status: 502, details: { responseCode: 550 } });
    expect(server.messages).toEqual([]);
  });

  it('reports mail_failed when nothing listens on the port', async () => {
    const server = await smtp();
    const port = server.port;
    await servers.pop()!.close();
    const error = await createMailer(mailConfig(port)).send({ to: ['a@b.test'], subject: 's', text: 't' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'mail_failed', details: { responseCode: null } });
  });
});

describe('mail configuration', () => {
  it('has mail off by default and links pointing at this server', () => {
    const config = loadConfig({ PORT: '8080' });
    expect(config).toMatchObject({
      smtpHost: null, smtpPort: 587, smtpSecure: false, smtpUser: null, smtpPassword: null,
      mailFrom: 'Weibao <weibao@localhost>', publicUrl: 'http://localhost:8080',
    });
  });

  it('reads the SMTP settings and drops the trailing slash of PUBLIC_URL', () => {
    const config = loadConfig({
      SMTP_HOST: ' smtp.example.com ', SMTP_PORT: '465', SMTP_SECURE: 'true', SMTP_USER: 'desk', SMTP_PASSWORD: 's3cret ',
      MAIL_FROM: '维保服务台 <desk@example.com>', PUBLIC_URL: 'https://weibao.example.com/',
    });
    expect(config).toMatchObject({
      smtpHost: 'smtp.example.com', smtpPort: 465, smtpSecure: true, smtpUser: 'desk', smtpPassword: 's3cret ',
      mailFrom: '维保服务台 <desk@example.com>', publicUrl: 'https://weibao.example.com',
    });
    expect(loadConfig({ SMTP_HOST: '', SMTP_USER: '' })).toMatchObject({ smtpHost: null, smtpUser: null });
  });

  it('refuses bad mail settings with the variable name', () => {
    expect(() => loadConfig({ SMTP_PORT: '0' })).toThrow(/SMTP_PORT/);
    expect(() => loadConfig({ SMTP_PORT: '70000' })).toThrow(/SMTP_PORT/);
    expect(() => loadConfig({ SMTP_SECURE: 'sometimes' })).toThrow(/SMTP_SECURE/);
    expect(() => loadConfig({ MAIL_FROM: 'weibao' })).toThrow(/MAIL_FROM/);
    expect(() => loadConfig({ PUBLIC_URL: 'weibao.example.com' })).toThrow(/PUBLIC_URL/);
  });
});
