import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.js';
import { TEST_PASSWORD, unique, useHarness, type Harness } from '../../test/harness.js';

async function userCount(h: Harness): Promise<number> {
  const row = await h.database.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

describeEachEngine('user administration', (db) => {
  const h = useHarness(db);

  it('creates a user with a generated one-time password shown once, and audits it without secrets', async () => {
    const admin = await h().user(['admin']);
    const username = unique('Eng');
    const res = await h().request({
      method: 'POST',
      url: '/api/users',
      cookie: admin.cookie,
      payload: { username, displayName: '张伟', roles: ['engineer', 'dispatcher'], phone: '138 0714 0011', email: 'zw@example.com' },
    });
    expect(res.statusCode).toBe(201);
    const { user, initialPassword } = res.json();
    expect(user).toMatchObject({ username: username.toLowerCase(), displayName: '张伟', roles: ['dispatcher', 'engineer'], mustChangePassword: true });
    expect(initialPassword).toMatch(/^[A-Za-z0-9]{14}$/);
    const cookie = await h().signIn(username, initialPassword);
    expect((await h().request({ method: 'GET', url: '/api/me', cookie })).json().mustChangePassword).toBe(true);

    const audit = await h().request({ method: 'GET', url: `/api/audit?entityType=user&entityId=${user.id}&action=user.create`, cookie: admin.cookie });
    const [entry] = audit.json().items;
    expect(entry).toMatchObject({ action: 'user.create', actorId: admin.user.id, actorName: admin.user.username });
    expect(entry.after.username).toBe(username.toLowerCase());
    expect(JSON.stringify(entry)).not.toContain(initialPassword);
  });

  it('keeps an engineer out of every administration endpoint with 403', async () => {
    const engineer = await h().user(['engineer']);
    const calls = [
      { method: 'POST', url: '/api/users', payload: { username: unique('x'), displayName: 'x', roles: ['admin'] } },
      { method: 'PATCH', url: `/api/users/${engineer.user.id}`, payload: { roles: ['admin'] } },
      { method: 'POST', url: `/api/users/${engineer.user.id}/disable` },
      { method: 'POST', url: `/api/users/${engineer.user.id}/reset-password` },
      { method: 'GET', url: '/api/tokens' },
      { method: 'POST', url: '/api/tokens', payload: { name: 'x', userId: engineer.user.id } },
      { method: 'DELETE', url: '/api/tokens/1' },
      { method: 'GET', url: '/api/audit' },
      { method: 'POST', url: '/api/teams', payload: { name: unique('team') } },
      { method: 'POST', url: '/api/customers', payload: { code: unique('C'), name: 'x' } },
    ] as const;
    for (const call of calls) {
      const res = await h().request({ ...call, cookie: engineer.cookie });
      expect(res.statusCode, `${call.method} ${call.url}`).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
    const me = await h().request({ method: 'GET', url: '/api/me', cookie: engineer.cookie });
    expect(me.json().roles).toEqual(['engineer']);
  });

  it('keeps customer contacts out of the staff directory', async () => {
    const { contact } = await h().customerWithContact();
    expect((await h().request({ method: 'GET', url: '/api/users', cookie: contact.cookie })).statusCode).toBe(403);
    expect((await h().request({ method: 'GET', url: '/api/teams', cookie: contact.cookie })).statusCode).toBe(403);
  });

  it('rejects a taken user name, in any letter case, and changes nothing', async () => {
    const admin = await h().user(['admin']);
    const before = await userCount(h());
    const res = await h().request({ method: 'POST', url: '/api/users', cookie: admin.cookie, payload: { username: admin.user.username.toUpperCase(), displayName: 'dup', roles: ['agent'] } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'username_taken', message: `The user name "${admin.user.username}" is already taken.` });
    expect(await userCount(h())).toBe(before);
  });

  it('enforces role rules: contacts belong to a customer and hold no staff role', async () => {
    const admin = await h().user(['admin']);
    const { customer } = await h().customerWithContact();
    const before = await userCount(h());
    const cases = [
      [{ roles: ['customer_contact'] }, 'customer_required'],
      [{ roles: ['customer_contact', 'engineer'], customerId: customer.id }, 'invalid_roles'],
      [{ roles: ['engineer'], customerId: customer.id }, 'invalid_roles'],
      [{ roles: ['customer_contact'], customerId: 999_999 }, 'customer_not_found'],
      [{ roles: ['wizard'] }, 'validation_failed'],
      [{ roles: [] }, 'validation_failed'],
    ] as const;
    for (const [fields, code] of cases) {
      const res = await h().request({ method: 'POST', url: '/api/users', cookie: admin.cookie, payload: { username: unique('r'), displayName: 'r', ...fields } });
      expect(res.json().error?.code, JSON.stringify(fields)).toBe(code);
    }
    expect(await userCount(h())).toBe(before);
    const ok = await h().request({ method: 'POST', url: '/api/users', cookie: admin.cookie, payload: { username: unique('c'), displayName: '联系人', roles: ['customer_contact'], customerId: customer.id } });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().user.customerId).toBe(customer.id);
  });

  it('answers malformed JSON, unknown fields, wrong types, oversized bodies and wrong media types with codes, changing nothing', async () => {
    const admin = await h().user(['admin']);
    const before = await userCount(h());
    const post = (payload: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
      h().request({ method: 'POST', url: '/api/users', cookie: admin.cookie, payload, headers });

    const malformed = await post('{"username": "x",');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('malformed_json');

    const unknown = await post(JSON.stringify({ username: unique('u'), displayName: 'u', roles: ['agent'], isRoot: true }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({ code: 'validation_failed', details: [{ field: 'body.isRoot', rule: 'additionalProperties' }] });

    const wrongType = await post(JSON.stringify({ username: 'a b', displayName: 7, roles: 'agent' }));
    expect(wrongType.statusCode).toBe(400);
    const fields = wrongType.json().error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['body.username', 'body.displayName', 'body.roles']));

    const missing = await post(JSON.stringify({}));
    expect(missing.json().error.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['body.username', 'body.displayName', 'body.roles']));

    const huge = await post(JSON.stringify({ username: unique('u'), displayName: 'x'.repeat(2_000_000), roles: ['agent'] }));
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('body_too_large');

    const form = await post('username=x', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.statusCode).toBe(415);
    expect(form.json().error.code).toBe('unsupported_media_type');

    const zh = await h().request({ method: 'POST', url: '/api/users', cookie: admin.cookie, payload: '{', headers: { 'content-type': 'application/json' }, lang: 'zh-CN' });
    expect(zh.json().error.message).toBe('请求体不是有效的 JSON。');
    expect(await userCount(h())).toBe(before);
  });

  it('does not let an administrator disable themselves or remove the last active administrator', async () => {
    const admin = await h().user(['admin']);
    const self = await h().request({ method: 'POST', url: `/api/users/${admin.user.id}/disable`, cookie: admin.cookie });
    expect(self.json().error.code).toBe('cannot_disable_self');

    // Disable every other administrator, then try to demote the remaining one.
    const others = (await h().request({ method: 'GET', url: '/api/users?role=admin&status=active&limit=200', cookie: admin.cookie })).json().items
      .filter((u: { id: number }) => u.id !== admin.user.id);
    for (const other of others) {
      expect((await h().request({ method: 'POST', url: `/api/users/${other.id}/disable`, cookie: admin.cookie })).statusCode).toBe(200);
    }
    const demote = await h().request({ method: 'PATCH', url: `/api/users/${admin.user.id}`, cookie: admin.cookie, payload: { roles: ['manager'] } });
    expect(demote.statusCode).toBe(400);
    expect(demote.json().error.code).toBe('last_admin');
    for (const other of others) await h().request({ method: 'POST', url: `/api/users/${other.id}/enable`, cookie: admin.cookie });
  });

  it('edits details and roles, and resets a password so old sessions end', async () => {
    const admin = await h().user(['admin']);
    const target = await h().user(['agent']);
    const edit = await h().request({ method: 'PATCH', url: `/api/users/${target.user.id}`, cookie: admin.cookie, payload: { displayName: '王芳', roles: ['agent', 'dispatcher'], locale: 'zh-CN' } });
    expect(edit.statusCode).toBe(200);
    expect(edit.json()).toMatchObject({ displayName: '王芳', roles: ['agent', 'dispatcher'], locale: 'zh-CN' });

    h().clock.advance(1000);
    const reset = await h().request({ method: 'POST', url: `/api/users/${target.user.id}/reset-password`, cookie: admin.cookie });
    const { initialPassword } = reset.json();
    expect((await h().request({ method: 'GET', url: '/api/me', cookie: target.cookie })).statusCode).toBe(401);
    await expect(h().signIn(target.user.username, TEST_PASSWORD)).rejects.toThrow(/401/);
    await h().signIn(target.user.username, initialPassword);

    const missing = await h().request({ method: 'PATCH', url: '/api/users/99999999', cookie: admin.cookie, payload: { displayName: 'x' } });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('user_not_found');
    const empty = await h().request({ method: 'PATCH', url: `/api/users/${target.user.id}`, cookie: admin.cookie, payload: {} });
    expect(empty.statusCode).toBe(400);
  });

  it('pages through users by name with a keyset cursor, and rejects a forged cursor', async () => {
    const admin = await h().user(['admin']);
    const tag = unique('pg');
    for (let i = 0; i < 5; i++) {
      await h().request({ method: 'POST', url: '/api/users', cookie: admin.cookie, payload: { username: `${tag}-${i}`, displayName: `P${i}`, roles: ['engineer'], password: 'Paging-pass-1' } });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await h().request({ method: 'GET', url: `/api/users?q=${tag}&limit=2${cursor ? `&cursor=${cursor}` : ''}`, cookie: admin.cookie });
      const page = res.json();
      seen.push(...page.items.map((u: { username: string }) => u.username));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([0, 1, 2, 3, 4].map((i) => `${tag}-${i}`));
    const forged = await h().request({ method: 'GET', url: '/api/users?cursor=bm90LWpzb24', cookie: admin.cookie });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error.code).toBe('invalid_cursor');
  });

  it('lets everyone edit their own profile but not their roles', async () => {
    const { cookie } = await h().user(['engineer']);
    const ok = await h().request({ method: 'PATCH', url: '/api/me', cookie, payload: { displayName: 'Li Hua', phone: '+86 139 0714 0012', locale: 'en' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ displayName: 'Li Hua', locale: 'en' });
    const sneaky = await h().request({ method: 'PATCH', url: '/api/me', cookie, payload: { roles: ['admin'] } });
    expect(sneaky.statusCode).toBe(400);
    expect((await h().request({ method: 'GET', url: '/api/me', cookie })).json().roles).toEqual(['engineer']);
  });
});
