import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.js';
import { unique, useHarness, type Harness } from '../../test/harness.js';

async function count(h: Harness, table: 'vendors' | 'vendor_contacts' | 'audit_log') {
  return Number((await h.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
}

describeEachEngine('vendors', (db) => {
  const h = useHarness(db);

  it('adds a vendor with its support contacts, finds it by part of its name and audits it', async () => {
    const dispatcher = await h().user(['dispatcher']);
    const name = unique('华为技术');
    const created = await h().request({
      method: 'POST',
      url: '/api/vendors',
      cookie: dispatcher.cookie,
      payload: {
        name: `  ${name} `,
        supportPhone: '400-822-9999',
        supportEmail: 'support@huawei.example',
        portalUrl: 'https://support.huawei.example/case',
        contacts: [
          { name: '王工', role: '二线技术支持', phone: '138 0000 0001', email: 'wang@huawei.example' },
          { name: '李经理', role: '客户经理' },
        ],
      },
    });
    expect(created.statusCode).toBe(201);
    const vendor = created.json();
    expect(vendor).toMatchObject({ name, supportPhone: '400-822-9999', active: true, notes: '' });
    expect(vendor.contacts).toEqual([
      { id: expect.any(Number), name: '王工', role: '二线技术支持', phone: '138 0000 0001', email: 'wang@huawei.example' },
      { id: expect.any(Number), name: '李经理', role: '客户经理', phone: '', email: '' },
    ]);

    const engineer = await h().user(['engineer']);
    const found = (await h().request({ method: 'GET', url: `/api/vendors?q=${encodeURIComponent(name.slice(2).toUpperCase())}`, cookie: engineer.cookie })).json();
    expect(found.items.map((v: { id: number }) => v.id)).toEqual([vendor.id]);
    expect((await h().request({ method: 'GET', url: `/api/vendors/${vendor.id}`, cookie: engineer.cookie })).json()).toEqual(vendor);

    const admin = await h().user(['admin']);
    const audit = (await h().request({ method: 'GET', url: `/api/audit?entityType=vendor&entityId=${vendor.id}`, cookie: admin.cookie })).json().items;
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['vendor.create']);
  });

  it('replaces the contacts as a whole on PATCH: keeps those with an id, adds new ones, drops the rest', async () => {
    const manager = await h().user(['manager']);
    const vendor = (
      await h().request({ method: 'POST', url: '/api/vendors', cookie: manager.cookie, payload: { name: unique('Dell'), contacts: [{ name: 'Amy' }, { name: 'Bob', phone: '110' }] } })
    ).json();
    const [amy, bob] = vendor.contacts;
    const patched = await h().request({
      method: 'PATCH',
      url: `/api/vendors/${vendor.id}`,
      cookie: manager.cookie,
      payload: { notes: 'ProSupport 7×24', contacts: [{ id: bob.id, name: 'Bob Li', role: 'L2', phone: '110' }, { name: 'Cai' }] },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().notes).toBe('ProSupport 7×24');
    expect(patched.json().contacts).toEqual([
      { id: bob.id, name: 'Bob Li', role: 'L2', phone: '110', email: '' },
      { id: expect.any(Number), name: 'Cai', role: '', phone: '', email: '' },
    ]);
    expect(patched.json().contacts.map((c: { id: number }) => c.id)).not.toContain(amy.id);

    // Another vendor's contact cannot be pulled in by its id; nothing changes.
    const other = (await h().request({ method: 'POST', url: '/api/vendors', cookie: manager.cookie, payload: { name: unique('HPE'), contacts: [{ name: 'Dan' }] } })).json();
    const stolen = await h().request({ method: 'PATCH', url: `/api/vendors/${vendor.id}`, cookie: manager.cookie, payload: { contacts: [{ id: other.contacts[0].id, name: 'Dan' }] } });
    expect(stolen.statusCode).toBe(400);
    expect(stolen.json().error).toMatchObject({ code: 'validation_failed', details: [{ field: 'body.contacts[0].id' }] });
    expect((await h().request({ method: 'GET', url: `/api/vendors/${vendor.id}`, cookie: manager.cookie })).json().contacts).toEqual(patched.json().contacts);
    expect((await h().request({ method: 'GET', url: `/api/vendors/${other.id}`, cookie: manager.cookie })).json().contacts).toEqual(other.contacts);
  });

  it('deactivates instead of deleting, and lists active or inactive vendors on request', async () => {
    const admin = await h().user(['admin']);
    const prefix = unique('停用');
    const kept = (await h().request({ method: 'POST', url: '/api/vendors', cookie: admin.cookie, payload: { name: `${prefix}-a` } })).json();
    const gone = (await h().request({ method: 'POST', url: '/api/vendors', cookie: admin.cookie, payload: { name: `${prefix}-b` } })).json();
    const off = await h().request({ method: 'PATCH', url: `/api/vendors/${gone.id}`, cookie: admin.cookie, payload: { active: false } });
    expect(off.json().active).toBe(false);
    const list = (active?: boolean) =>
      h()
        .request({ method: 'GET', url: `/api/vendors?q=${prefix}${active === undefined ? '' : `&active=${active}`}`, cookie: admin.cookie })
        .then((r) => r.json().items.map((v: { id: number }) => v.id));
    expect(await list()).toEqual([kept.id, gone.id]);
    expect(await list(true)).toEqual([kept.id]);
    expect(await list(false)).toEqual([gone.id]);
    const audit = (await h().request({ method: 'GET', url: `/api/audit?entityType=vendor&entityId=${gone.id}`, cookie: admin.cookie })).json().items;
    expect(audit.map((a: { action: string }) => a.action).sort()).toEqual(['vendor.create', 'vendor.deactivate']);
  });

  it('pages the list by name with a cursor', async () => {
    const admin = await h().user(['admin']);
    const prefix = unique('页');
    for (const n of ['c', 'a', 'b']) await h().request({ method: 'POST', url: '/api/vendors', cookie: admin.cookie, payload: { name: `${prefix}-${n}` } });
    const first = (await h().request({ method: 'GET', url: `/api/vendors?q=${prefix}&limit=2`, cookie: admin.cookie })).json();
    expect(first.items.map((v: { name: string }) => v.name)).toEqual([`${prefix}-a`, `${prefix}-b`]);
    const second = (await h().request({ method: 'GET', url: `/api/vendors?q=${prefix}&limit=2&cursor=${first.nextCursor}`, cookie: admin.cookie })).json();
    expect(second).toEqual({ items: [expect.objectContaining({ name: `${prefix}-c` })], nextCursor: null });
  });

  it('refuses a taken name (ignoring case) with 409 and bad input with 400 and its fields, changing nothing', async () => {
    const admin = await h().user(['admin']);
    const name = unique('Lenovo');
    const first = (await h().request({ method: 'POST', url: '/api/vendors', cookie: admin.cookie, payload: { name } })).json();
    const before = { vendors: await count(h(), 'vendors'), contacts: await count(h(), 'vendor_contacts'), audit: await count(h(), 'audit_log') };

    const taken = await h().request({ method: 'POST', url: '/api/vendors', cookie: admin.cookie, lang: 'zh-CN', payload: { name: name.toUpperCase() } });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('vendor_name_taken');
    expect(taken.json().error.message).toContain(name.toUpperCase());

    const bad = await h().request({
      method: 'POST',
      url: '/api/vendors',
      cookie: admin.cookie,
      payload: { name: ' ', supportEmail: 'not-an-email', portalUrl: 'ftp://x', contacts: [{ name: '', phone: 'call me' }], extra: 1 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_failed');
    const fields = bad.json().error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['body.name', 'body.supportEmail', 'body.portalUrl', 'body.contacts.0.name', 'body.contacts.0.phone', 'body.extra']));

    const second = (await h().request({ method: 'POST', url: '/api/vendors', cookie: admin.cookie, payload: { name: unique('Inspur') } })).json();
    const rename = await h().request({ method: 'PATCH', url: `/api/vendors/${second.id}`, cookie: admin.cookie, payload: { name: first.name } });
    expect(rename.statusCode).toBe(409);
    expect((await h().request({ method: 'PATCH', url: `/api/vendors/${second.id}`, cookie: admin.cookie, payload: {} })).statusCode).toBe(400);
    expect((await h().request({ method: 'PATCH', url: '/api/vendors/999999', cookie: admin.cookie, payload: { notes: 'x' } })).json().error.code).toBe('vendor_not_found');
    expect(await count(h(), 'vendors')).toBe(before.vendors + 1);
    expect(await count(h(), 'vendor_contacts')).toBe(before.contacts);
  });

  it('lets staff read, only admins, managers and dispatchers write, and customer contacts nothing', async () => {
    const admin = await h().user(['admin']);
    const vendor = (await h().request({ method: 'POST', url: '/api/vendors', cookie: admin.cookie, payload: { name: unique('浪潮') } })).json();
    const agent = await h().user(['agent']);
    const keeper = await h().user(['storekeeper']);
    expect((await h().request({ method: 'GET', url: '/api/vendors', cookie: keeper.cookie })).statusCode).toBe(200);
    expect((await h().request({ method: 'POST', url: '/api/vendors', cookie: agent.cookie, payload: { name: unique('x') } })).statusCode).toBe(403);
    expect((await h().request({ method: 'PATCH', url: `/api/vendors/${vendor.id}`, cookie: agent.cookie, payload: { active: false } })).statusCode).toBe(403);
    const { contact } = await h().customerWithContact();
    for (const req of [
      { method: 'GET' as const, url: '/api/vendors' },
      { method: 'GET' as const, url: `/api/vendors/${vendor.id}` },
      { method: 'POST' as const, url: '/api/vendors', payload: { name: unique('x') } },
      { method: 'PATCH' as const, url: `/api/vendors/${vendor.id}`, payload: { active: false } },
    ]) {
      const res = await h().request({ ...req, cookie: contact.cookie });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
    expect((await h().request({ method: 'GET', url: '/api/vendors' })).statusCode).toBe(401);
  });
});
