import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { generatePassword, hashPassword, passwordProblems, verifyPassword } from '../domains/auth/password.js';
import { signInDelayMs } from '../domains/auth/auth.service.js';
import { rolesProblem } from '../domains/users/roles.js';
import { AppError } from './errors.js';
import { errorMessage, pickLocale } from './messages.js';
import { decodeCursor, encodeCursor, pageOf } from './pagination.js';

describe('language', () => {
  it.each([
    [undefined, undefined, 'zh-CN'],
    ['en-US,en;q=0.9', undefined, 'en'],
    ['zh-TW,zh;q=0.9,en;q=0.8', undefined, 'zh-CN'],
    ['fr-FR,en;q=0.5,zh;q=0.9', undefined, 'zh-CN'],
    ['fr-FR', undefined, 'zh-CN'],
    ['en', 'zh-CN', 'zh-CN'],
    [undefined, 'en', 'en'],
  ])('Accept-Language %s with lang=%s → %s', (header, explicit, expected) => {
    expect(pickLocale(header, explicit)).toBe(expected);
  });

  it('fills message placeholders', () => {
    expect(errorMessage('username_taken', 'zh-CN', { username: 'zhangwei' })).toBe('用户名"zhangwei"已被使用。');
    expect(new AppError('too_many_attempts', { retryAfter: 3 }).status).toBe(429);
  });
});

describe('passwords', () => {
  it('hashes with a salt and verifies only the right password', async () => {
    const a = await hashPassword('Weibao-pass-1');
    const b = await hashPassword('Weibao-pass-1');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('Weibao-pass-1', a)).toBe(true);
    expect(await verifyPassword('Weibao-pass-2', a)).toBe(false);
    expect(await verifyPassword('Weibao-pass-1', 'garbage')).toBe(false);
  });

  it('names each rule a password breaks', () => {
    expect(passwordProblems('short1', 'li')).toEqual(['min_length']);
    expect(passwordProblems('onlyletters', 'li')).toEqual(['letters_and_digits']);
    expect(passwordProblems('zhangwei-2026', 'zhangwei')).toEqual(['contains_username']);
    expect(passwordProblems('1111111111', 'li')).toEqual(['letters_and_digits', 'repeated']);
    expect(passwordProblems('密码是维保系统2026', 'li')).toEqual([]);
  });

  it('generates one-time passwords that pass the rules and avoid look-alike characters', () => {
    for (let i = 0; i < 200; i++) {
      const p = generatePassword();
      expect(passwordProblems(p, 'admin')).toEqual([]);
      expect(p).not.toMatch(/[0O1lI]/);
    }
  });

  it('slows failed sign-ins after the third, up to a cap', () => {
    expect([1, 2, 3, 4, 10, 50].map((n) => signInDelayMs(n, 100))).toEqual([0, 0, 100, 200, 800, 1000]);
  });
});

describe('roles', () => {
  it('accepts staff combinations and refuses contacts mixed with staff', () => {
    expect(rolesProblem(['engineer', 'dispatcher'])).toBeNull();
    expect(rolesProblem(['customer_contact'])).toBeNull();
    expect(rolesProblem(['customer_contact', 'agent'])).toMatch(/cannot be combined/);
    expect(rolesProblem([])).toMatch(/at least one/);
    expect(rolesProblem(['engineer', 'engineer'])).toMatch(/twice/);
    expect(rolesProblem(['root'])).toMatch(/unknown role root/);
  });
});

describe('keyset cursors', () => {
  it('round-trips and rejects anything else', () => {
    expect(decodeCursor(encodeCursor(['zhangwei', 42]), ['s', 'n'])).toEqual(['zhangwei', 42]);
    expect(() => decodeCursor('!!', ['n'])).toThrow(AppError);
    expect(() => decodeCursor(encodeCursor(['x']), ['n'])).toThrow(/invalid_cursor/);
    expect(() => decodeCursor(encodeCursor([1, 2]), ['n'])).toThrow(/invalid_cursor/);
  });

  it('splits the extra row off into the next cursor', () => {
    expect(pageOf([1, 2, 3], 2, (r) => [r])).toEqual({ rows: [1, 2], nextCursor: encodeCursor([2]) });
    expect(pageOf([1, 2], 2, (r) => [r])).toEqual({ rows: [1, 2], nextCursor: null });
  });
});

describe('configuration', () => {
  it('reads defaults and refuses bad values with the variable name', () => {
    const config = loadConfig({}, '/srv/weibao');
    expect(config).toMatchObject({ port: 3000, dataDir: '/srv/weibao/data', databaseUrl: null, loginMaxFailures: 10 });
    expect(loadConfig({ DATABASE_URL: 'postgres://db/weibao', PORT: '8080' }).databaseUrl).toBe('postgres://db/weibao');
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(loadConfig({}).databasePreparedStatements).toBe(true);
    expect(loadConfig({ DATABASE_PREPARED_STATEMENTS: 'false' }).databasePreparedStatements).toBe(false);
    expect(() => loadConfig({ COOKIE_SECURE: 'maybe' })).toThrow(/COOKIE_SECURE/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });
});
