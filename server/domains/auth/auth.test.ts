import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.js';
import { TEST_PASSWORD, unique, useHarness } from '../../test/harness.js';
import { systemContext } from '../../http/actor.js';
import { createUser, provisionAdmin } from '../users/user.service.js';

describeEachEngine('sign-in and sessions', (db) => {
  const h = useHarness(db);

  it('signs in with the right password and sets an HttpOnly SameSite session cookie', async () => {
    const { user } = await h().user(['engineer']);
    const res = await h().request({ method: 'POST', url: '/api/auth/sign-in', payload: { username: user.username.toUpperCase(), password: TEST_PASSWORD } });
    expect(res.statusCode).toBe(200);
    expect(res.json().user.username).toBe(user.username);
    const cookie = res.cookies.find((c) => c.name === 'wb_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const me = await h().request({ method: 'GET', url: '/api/me', cookie: `wb_session=${cookie.value}` });
    expect(me.statusCode).toBe(200);
    expect(me.json().id).toBe(user.id);
    expect(me.json()).not.toHaveProperty('passwordHash');
  });

  it('answers a wrong password with 401 invalid_credentials in the request language', async () => {
    const { user } = await h().user(['agent']);
    const en = await h().request({ method: 'POST', url: '/api/auth/sign-in', payload: { username: user.username, password: 'wrong-password-1' } });
    expect(en.statusCode).toBe(401);
    expect(en.json().error).toMatchObject({ code: 'invalid_credentials', message: 'The user name or password is wrong.' });
    const zh = await h().request({ method: 'POST', url: '/api/auth/sign-in', payload: { username: user.username, password: 'wrong-password-1' }, lang: 'zh-CN' });
    expect(zh.json().error.message).toBe('用户名或密码错误。');
  });

  it('answers an unknown user exactly like a wrong password', async () => {
    const res = await h().request({ method: 'POST', url: '/api/auth/sign-in', payload: { username: unique('nobody'), password: 'whatever-123' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('invalid_credentials');
  });

  it('refuses the 11th wrong try within a minute with 429, even with the right password, until the minute passes', async () => {
    const { user } = await h().user(['engineer']);
    const ip = { remoteAddress: `10.1.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` };
    for (let i = 1; i <= 10; i++) {
      const res = await h().request({ method: 'POST', url: '/api/auth/sign-in', payload: { username: user.username, password: `wrong-${i}` }, ...ip });
      expect(res.statusCode, `try ${i}`).toBe(401);
    }
    const eleventh = await h().request({ method: 'POST', url: '/api/auth/sign-in', payload: { username: user.username, password: 'wrong-11' } });
    expect(eleventh.statusCode).toBe(429);
    expect(eleventh.json().error.code).toBe('too_many_attempts');
    expect(Number(eleventh.headers['retry-after'])).toBeGreaterThan(0);
    const right = await h().request({ method: 'POST', url: '/api/auth/sign-in', payload: { username: user.username, password: TEST_PASSWORD } });
    expect(right.statusCode).toBe(429);

    h().clock.advance(61_000);
    const later = await h().request({ method: 'POST', url: '/api/auth/sign-in', payload: { username: user.username, password: TEST_PASSWORD } });
    expect(later.statusCode).toBe(200);
  });

  it('counts failures per address across different user names', async () => {
    const remoteAddress = '10.99.0.7';
    for (let i = 1; i <= 10; i++) {
      const res = await h().request({ method: 'POST', url: '/api/auth/sign-in', payload: { username: unique('guess'), password: 'x-password-1' }, remoteAddress });
      expect(res.statusCode).toBe(401);
    }
    const { user } = await h().user(['agent']);
    const blocked = await h().request({ method: 'POST', url: '/api/auth/sign-in', payload: { username: user.username, password: TEST_PASSWORD }, remoteAddress });
    expect(blocked.statusCode).toBe(429);
    const elsewhere = await h().request({ method: 'POST', url: '/api/auth/sign-in', payload: { username: user.username, password: TEST_PASSWORD }, remoteAddress: '10.99.0.8' });
    expect(elsewhere.statusCode).toBe(200);
    h().clock.advance(61_000);
  });

  it('refuses a disabled user and ends their open sessions at once', async () => {
    const admin = await h().user(['admin']);
    const target = await h().user(['engineer']);
    const disable = await h().request({ method: 'POST', url: `/api/users/${target.user.id}/disable`, cookie: admin.cookie });
    expect(disable.statusCode).toBe(200);
    const stale = await h().request({ method: 'GET', url: '/api/me', cookie: target.cookie });
    expect(stale.statusCode).toBe(401);
    const again = await h().request({ method: 'POST', url: '/api/auth/sign-in', payload: { username: target.user.username, password: TEST_PASSWORD } });
    expect(again.statusCode).toBe(403);
    expect(again.json().error.code).toBe('account_disabled');
  });

  it('signs out: the cookie no longer works', async () => {
    const { cookie } = await h().user(['agent']);
    const out = await h().request({ method: 'POST', url: '/api/auth/sign-out', cookie });
    expect(out.statusCode).toBe(204);
    expect((await h().request({ method: 'GET', url: '/api/me', cookie })).statusCode).toBe(401);
  });

  it('expires an idle session after its time to live', async () => {
    const { cookie } = await h().user(['agent']);
    h().clock.advance(h().config.sessionTtlMs - 1000);
    expect((await h().request({ method: 'GET', url: '/api/me', cookie })).statusCode).toBe(200);
    // That request slid the expiry forward; idle for a whole TTL now and it is gone.
    h().clock.advance(h().config.sessionTtlMs + 1);
    expect((await h().request({ method: 'GET', url: '/api/me', cookie })).statusCode).toBe(401);
  });

  it('answers 401 unauthenticated without a session', async () => {
    const res = await h().request({ method: 'GET', url: '/api/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthenticated');
  });
});

describeEachEngine('passwords', (db) => {
  const h = useHarness(db);

  it('holds a one-time password account to a password change before anything else', async () => {
    const username = unique('new');
    await createUser(h().deps, systemContext(), { username, displayName: 'New', roles: ['admin'], password: 'Temporary-pass-1' });
    const cookie = await h().signIn(username, 'Temporary-pass-1');
    const me = await h().request({ method: 'GET', url: '/api/me', cookie });
    expect(me.json().mustChangePassword).toBe(true);
    const blocked = await h().request({ method: 'GET', url: '/api/users', cookie });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('password_change_required');

    const change = await h().request({ method: 'POST', url: '/api/me/password', cookie, payload: { currentPassword: 'Temporary-pass-1', newPassword: 'Brand-new-pass-2' } });
    expect(change.statusCode).toBe(204);
    const renewed = `wb_session=${change.cookies.find((c) => c.name === 'wb_session')!.value}`;
    expect((await h().request({ method: 'GET', url: '/api/users', cookie: renewed })).statusCode).toBe(200);
    expect((await h().request({ method: 'GET', url: '/api/me', cookie: renewed })).json().mustChangePassword).toBe(false);
  });

  it('ends every other session when the password changes', async () => {
    const { user, cookie: laptop } = await h().user(['engineer']);
    const phone = await h().signIn(user.username, TEST_PASSWORD);
    h().clock.advance(1000);
    const change = await h().request({ method: 'POST', url: '/api/me/password', cookie: laptop, payload: { currentPassword: TEST_PASSWORD, newPassword: 'Another-pass-77' } });
    expect(change.statusCode).toBe(204);
    expect((await h().request({ method: 'GET', url: '/api/me', cookie: phone })).statusCode).toBe(401);
    expect((await h().request({ method: 'GET', url: '/api/me', cookie: laptop })).statusCode).toBe(401);
    await h().signIn(user.username, 'Another-pass-77');
  });

  it('rejects a weak password with the rules it breaks, and a wrong current password', async () => {
    const { user, cookie } = await h().user(['engineer']);
    const weak = await h().request({ method: 'POST', url: '/api/me/password', cookie, payload: { currentPassword: TEST_PASSWORD, newPassword: 'lettersonly' } });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.code).toBe('password_too_weak');
    expect(weak.json().error.details.rules).toEqual(['letters_and_digits']);
    const named = await h().request({ method: 'POST', url: '/api/me/password', cookie, payload: { currentPassword: TEST_PASSWORD, newPassword: `My-${user.username}-1` } });
    expect(named.json().error.details.rules).toEqual(['contains_username']);
    const wrong = await h().request({ method: 'POST', url: '/api/me/password', cookie, payload: { currentPassword: 'not-it-123', newPassword: 'Good-password-9' } });
    expect(wrong.json().error.code).toBe('wrong_password');
    // Neither attempt changed the password.
    await h().signIn(user.username, TEST_PASSWORD);
  });

  it('create-admin recovers a locked-out administrator with a new one-time password', async () => {
    const first = await provisionAdmin(h().deps, systemContext(), unique('boss'));
    expect(first.created).toBe(true);
    const again = await provisionAdmin(h().deps, systemContext(), first.username);
    expect(again.created).toBe(false);
    expect(again.password).not.toBe(first.password);
    await expect(h().signIn(first.username, first.password)).rejects.toThrow(/401/);
    const cookie = await h().signIn(first.username, again.password);
    expect((await h().request({ method: 'GET', url: '/api/me', cookie })).json()).toMatchObject({ roles: ['admin'], mustChangePassword: true });
  });
});

describeEachEngine('API tokens', (db) => {
  const h = useHarness(db);

  it('lets an integration act as its account with a bearer token, shown once and stored hashed', async () => {
    const admin = await h().user(['admin']);
    const robot = await h().user(['agent']);
    const created = await h().request({ method: 'POST', url: '/api/tokens', cookie: admin.cookie, payload: { name: 'Zabbix', userId: robot.user.id } });
    expect(created.statusCode).toBe(201);
    const { secret, token } = created.json();
    expect(secret).toMatch(/^wbt_/);
    expect(token.prefix).toBe(secret.slice(0, 12));
    const stored = await h().database.db.selectFrom('api_tokens').select('token_hash').where('id', '=', token.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(secret.slice(4));

    const me = await h().request({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${secret}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json().id).toBe(robot.user.id);
    const list = await h().request({ method: 'GET', url: '/api/tokens', cookie: admin.cookie });
    expect(JSON.stringify(list.json())).not.toContain(secret);

    expect((await h().request({ method: 'DELETE', url: `/api/tokens/${token.id}`, cookie: admin.cookie })).statusCode).toBe(204);
    const revoked = await h().request({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${secret}` } });
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().error.code).toBe('invalid_token');
  });

  it('stops an expired token and a token of a disabled account', async () => {
    const admin = await h().user(['admin']);
    const robot = await h().user(['agent']);
    const soon = h().clock.now() + 60_000;
    const { secret } = (await h().request({ method: 'POST', url: '/api/tokens', cookie: admin.cookie, payload: { name: 'short', userId: robot.user.id, expiresAt: soon } })).json();
    expect((await h().request({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${secret}` } })).statusCode).toBe(200);
    h().clock.advance(61_000);
    expect((await h().request({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${secret}` } })).statusCode).toBe(401);

    const other = (await h().request({ method: 'POST', url: '/api/tokens', cookie: await h().signIn(admin.user.username, TEST_PASSWORD), payload: { name: 'long', userId: robot.user.id } })).json().secret;
    await h().request({ method: 'POST', url: `/api/users/${robot.user.id}/disable`, cookie: await h().signIn(admin.user.username, TEST_PASSWORD) });
    expect((await h().request({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${other}` } })).statusCode).toBe(401);
  });

  it('refuses tokens for customer contacts and expiry in the past, creating nothing', async () => {
    const admin = await h().user(['admin']);
    const { contact } = await h().customerWithContact();
    const before = (await h().request({ method: 'GET', url: '/api/tokens?includeRevoked=true&limit=200', cookie: admin.cookie })).json().items.length;
    const forContact = await h().request({ method: 'POST', url: '/api/tokens', cookie: admin.cookie, payload: { name: 'x', userId: contact.user.id } });
    expect(forContact.statusCode).toBe(400);
    const past = await h().request({ method: 'POST', url: '/api/tokens', cookie: admin.cookie, payload: { name: 'x', userId: admin.user.id, expiresAt: h().clock.now() - 1 } });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.code).toBe('validation_failed');
    const after = (await h().request({ method: 'GET', url: '/api/tokens?includeRevoked=true&limit=200', cookie: admin.cookie })).json().items.length;
    expect(after).toBe(before);
  });
});

