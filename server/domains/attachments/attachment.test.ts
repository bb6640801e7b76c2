import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, expect, it } from 'vitest';
import { systemContext } from '../../http/actor.js';
import { describeEachEngine } from '../../test/engines.js';
import { useHarness, type Harness, type SignedInUser } from '../../test/harness.js';
import { uploadAttachment } from './attachment.service.js';
import { LocalStorage } from './attachment.storage.js';

// A 1×1 transparent PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const HTML = Buffer.from('<!DOCTYPE html><html><body><script>fetch("/api/users")</script></body></html>');
const LOG = Buffer.from('2026-11-24 10:31:02 ERROR 存储控制器 B 离线\n2026-11-24 10:31:05 WARN 切换到控制器 A\n');

/** Every file under a directory, relative to it. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

async function rowCount(h: Harness, ticketId?: number) {
  let q = h.database.db.selectFrom('attachments').select((eb) => eb.fn.countAll<number>().as('n'));
  if (ticketId !== undefined) q = q.where('ticket_id', '=', ticketId);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

describeEachEngine('attachments', (db) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'weibao-attachments-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const h = useHarness(db, { DATA_DIR: dataDir });
  const blobs = () => filesUnder(path.join(h().config.dataDir, 'attachments'));

  async function ticketOf(user: SignedInUser, customerId?: number) {
    const res = await h().request({ method: 'POST', url: '/api/tickets', cookie: user.cookie, payload: { kind: 'fault', title: '存储告警', ...(customerId && { customerId }) } });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: number };
  }

  function upload(cookie: string, ticketId: number, name: string, body: Buffer, query = '') {
    return h().request({
      method: 'POST',
      url: `/api/tickets/${ticketId}/attachments?name=${encodeURIComponent(name)}${query}`,
      cookie,
      headers: { 'content-type': 'application/octet-stream' },
      payload: body,
    });
  }

  it('stores an agent’s PNG under the data directory and serves the same bytes inline as image/png', async () => {
    const agent = await h().user(['agent']);
    const { customer } = await h().customerFile();
    const ticket = await ticketOf(agent, customer.id);

    const res = await upload(agent.cookie, ticket.id, '机房/故障截图.png', PNG);
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      ticketId: ticket.id,
      name: '故障截图.png',
      contentType: 'image/png',
      size: PNG.length,
      sha256: createHash('sha256').update(PNG).digest('hex'),
      internal: false,
      uploadedBy: { id: agent.user.id },
      createdAt: h().clock.now(),
      url: `/api/attachments/${created.id}`,
    });
    // Stored outside the web root under a random key, never under the uploader's name.
    const stored = blobs();
    expect(stored.some((f) => /^2026[/\\]11[/\\][0-9a-f]{32}$/.test(f))).toBe(true);
    expect(stored.some((f) => f.includes('故障'))).toBe(false);

    const download = await h().request({ method: 'GET', url: created.url, cookie: agent.cookie });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PNG)).toBe(true);
    expect(download.headers).toMatchObject({
      'content-type': 'image/png',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'private, max-age=300',
    });
    expect(download.headers['content-disposition']).toBe(`inline; filename="____.png"; filename*=UTF-8''%E6%95%85%E9%9A%9C%E6%88%AA%E5%9B%BE.png`);

    const list = (await h().request({ method: 'GET', url: `/api/tickets/${ticket.id}/attachments`, cookie: agent.cookie })).json();
    expect(list.items).toEqual([created]);
  });

  it('records the upload on the ticket’s timeline and in the audit trail', async () => {
    const agent = await h().user(['agent']);
    const { customer } = await h().customerFile();
    const ticket = await ticketOf(agent, customer.id);
    const created = (await upload(agent.cookie, ticket.id, 'shot.png', PNG)).json();

    const events = (await h().request({ method: 'GET', url: `/api/tickets/${ticket.id}/events`, cookie: agent.cookie })).json().items;
    expect(events.at(-1)).toMatchObject({ type: 'attachment', internal: false, data: { attachmentId: created.id, name: 'shot.png', size: PNG.length, contentType: 'image/png' } });
    const audit = (await h().request({ method: 'GET', url: `/api/audit?entityType=attachment&entityId=${created.id}`, cookie: (await h().user(['admin'])).cookie })).json().items;
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['attachment.create']);
  });

  it('refuses an HTML page named screenshot.png and stores nothing', async () => {
    const agent = await h().user(['agent']);
    const { customer } = await h().customerFile();
    const ticket = await ticketOf(agent, customer.id);
    const before = blobs();

    for (const body of [HTML, Buffer.from('\ufeff  <svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), Buffer.from('<?xml version="1.0"?><x/>')]) {
      const res = await h().request({
        method: 'POST',
        url: `/api/tickets/${ticket.id}/attachments?name=screenshot.png`,
        cookie: agent.cookie,
        headers: { 'content-type': 'image/png' },
        payload: body,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('attachment_type_refused');
    }
    expect(await rowCount(h(), ticket.id)).toBe(0);
    expect(blobs()).toEqual(before);
    const events = (await h().request({ method: 'GET', url: `/api/tickets/${ticket.id}/events`, cookie: agent.cookie })).json().items;
    expect(events.map((e: { type: string }) => e.type)).toEqual(['created']);
  });

  it('keeps the detected type when the name lies, and serves text as a download', async () => {
    const agent = await h().user(['agent']);
    const { customer } = await h().customerFile();
    const ticket = await ticketOf(agent, customer.id);

    const log = (await upload(agent.cookie, ticket.id, 'syslog.png', LOG)).json();
    expect(log.contentType).toBe('text/plain');
    const res = await h().request({ method: 'GET', url: log.url, cookie: agent.cookie });
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; /);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.body).toBe(LOG.toString('utf8'));

    const binary = (await upload(agent.cookie, ticket.id, 'dump.pdf', Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03]))).json();
    expect(binary.contentType).toBe('application/octet-stream');
    const dump = await h().request({ method: 'GET', url: binary.url, cookie: agent.cookie });
    expect(dump.headers['content-type']).toBe('application/octet-stream');
    expect(dump.headers['content-disposition']).toMatch(/^attachment; filename="dump.pdf"/);
  });

  it('lets a contact attach to their own ticket and answers another customer exactly as for a missing id', async () => {
    const mine = await h().customerFile();
    const theirs = await h().customerWithContact();
    const ticket = await ticketOf(mine.contact);
    const created = await upload(mine.contact.cookie, ticket.id, 'photo.png', PNG);
    expect(created.statusCode).toBe(201);
    const { id, url } = created.json();
    expect((await h().request({ method: 'GET', url, cookie: mine.contact.cookie })).statusCode).toBe(200);

    const stranger = theirs.contact.cookie;
    const download = await h().request({ method: 'GET', url, cookie: stranger });
    const missing = await h().request({ method: 'GET', url: `/api/attachments/${id + 1_000_000}`, cookie: stranger });
    expect(download.statusCode).toBe(404);
    expect(download.json()).toEqual(missing.json());
    expect(download.json().error.code).toBe('attachment_not_found');

    const list = await h().request({ method: 'GET', url: `/api/tickets/${ticket.id}/attachments`, cookie: stranger });
    const missingList = await h().request({ method: 'GET', url: `/api/tickets/${ticket.id + 1_000_000}/attachments`, cookie: stranger });
    expect(list.statusCode).toBe(404);
    expect(list.json()).toEqual(missingList.json());

    const intrude = await upload(stranger, ticket.id, 'x.png', PNG);
    expect(intrude.statusCode).toBe(404);
    expect(await rowCount(h(), ticket.id)).toBe(1);
  });

  it('hides internal attachments from customer contacts, and only staff may add them', async () => {
    const eng = await h().user(['engineer']);
    const file = await h().customerFile();
    const ticket = await ticketOf(file.contact);
    const shared = (await upload(eng.cookie, ticket.id, 'public.png', PNG)).json();
    const internal = (await upload(eng.cookie, ticket.id, '内部分析.txt', LOG, '&internal=true')).json();
    expect(internal.internal).toBe(true);

    const staffList = (await h().request({ method: 'GET', url: `/api/tickets/${ticket.id}/attachments`, cookie: eng.cookie })).json().items;
    expect(staffList.map((a: { id: number }) => a.id)).toEqual([shared.id, internal.id]);
    const contactList = (await h().request({ method: 'GET', url: `/api/tickets/${ticket.id}/attachments`, cookie: file.contact.cookie })).json().items;
    expect(contactList.map((a: { id: number }) => a.id)).toEqual([shared.id]);

    const asked = await h().request({ method: 'GET', url: internal.url, cookie: file.contact.cookie });
    const missing = await h().request({ method: 'GET', url: `/api/attachments/${internal.id + 1_000_000}`, cookie: file.contact.cookie });
    expect(asked.statusCode).toBe(404);
    expect(asked.json()).toEqual(missing.json());
    expect((await h().request({ method: 'GET', url: internal.url, cookie: eng.cookie })).statusCode).toBe(200);

    const events = (await h().request({ method: 'GET', url: `/api/tickets/${ticket.id}/events`, cookie: file.contact.cookie })).json().items;
    expect(JSON.stringify(events)).not.toContain('内部分析');

    const sneaky = await upload(file.contact.cookie, ticket.id, 'x.png', PNG, '&internal=true');
    expect(sneaky.statusCode).toBe(403);
    expect(await rowCount(h(), ticket.id)).toBe(2);
  });

  it('refuses an empty body, a body over 20 MiB and form encodings', async () => {
    const agent = await h().user(['agent']);
    const { customer } = await h().customerFile();
    const ticket = await ticketOf(agent, customer.id);
    const before = blobs();

    const empty = await upload(agent.cookie, ticket.id, 'empty.png', Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('attachment_empty');

    const huge = await upload(agent.cookie, ticket.id, 'huge.bin', Buffer.alloc(20 * 1024 * 1024 + 1, 1));
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error).toMatchObject({ code: 'body_too_large', message: `The request body is larger than ${20 * 1024 * 1024} bytes.` });

    for (const type of ['multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'text/plain; charset=utf-8']) {
      const res = await h().request({ method: 'POST', url: `/api/tickets/${ticket.id}/attachments?name=a.txt`, cookie: agent.cookie, headers: { 'content-type': type }, payload: 'a=1' });
      expect(res.statusCode, type).toBe(415);
      expect(res.json().error.code).toBe('attachment_media_type');
    }
    // The declared type does not matter otherwise: a JSON-labelled body is stored as the text it is.
    const json = await h().request({ method: 'POST', url: `/api/tickets/${ticket.id}/attachments?name=config.json`, cookie: agent.cookie, headers: { 'content-type': 'application/json' }, payload: '{"a":1}' });
    expect(json.statusCode).toBe(201);
    expect(json.json()).toMatchObject({ contentType: 'text/plain', size: 7 });
    expect(await rowCount(h(), ticket.id)).toBe(1);
    expect(blobs()).toHaveLength(before.length + 1);
  });

  it('removes the stored blob again when the database write fails', async () => {
    const agent = await h().user(['agent']);
    const { customer } = await h().customerFile();
    const ticket = await ticketOf(agent, customer.id);
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'weibao-blobs-'));
    const storage = new LocalStorage(root);
    const real = h().deps.db;
    // The same database, but every transaction fails, as a lost connection or a constraint would.
    const failing = new Proxy(real, {
      get(target, prop) {
        if (prop === 'transaction') return () => ({ execute: async () => Promise.reject(new Error('connection lost')) });
        const value = Reflect.get(target, prop) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const ctx = { ...systemContext(), actor: null };
    await expect(uploadAttachment({ ...h().deps, db: failing, storage }, ctx, ticket.id, { name: 'a.png', internal: false, data: PNG })).rejects.toThrow('connection lost');
    expect(filesUnder(root)).toEqual([]);
    expect(await rowCount(h(), ticket.id)).toBe(0);
    fs.rmSync(root, { recursive: true, force: true });
  });
});
