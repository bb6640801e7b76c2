import { createHash, randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Deps } from '../../deps.js';
import type { Executor } from '../../db/database.js';
import type { Actor, RequestContext } from '../../http/actor.js';
import { AppError } from '../../http/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { isRole } from '../users/roles.js';
import { changeOwnPassword, findUserForSignIn, markSignedIn } from '../users/user.service.js';
import * as repo from './auth.repository.js';
import { UNUSABLE_HASH, verifyPassword } from './password.js';

export const SESSION_COOKIE = 'wb_session';
export const TOKEN_PREFIX = 'wbt_';
const FAILURE_WINDOW_MS = 60_000;
// Sessions and tokens record their last use at most this often: one write a minute, not per request.
const TOUCH_INTERVAL_MS = 60_000;

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** A fresh unguessable secret for a cookie or a token. */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** How long to hold a failed sign-in's answer, growing after the third failure in the window. */
export function signInDelayMs(recentFailures: number, stepMs: number): number {
  return recentFailures < 3 ? 0 : Math.min(recentFailures - 2, 10) * stepMs;
}

export interface SignInInput {
  username: string;
  password: string;
  ip: string;
  userAgent: string | null;
}

/**
 * Checks a user name and password and opens a session. Failures are counted per account and per
 * address across all instances; past the limit the answer is 429 before the password is checked.
 */
export async function signIn(deps: Deps, ctx: RequestContext, input: SignInInput) {
  const { db, clock, config } = deps;
  const username = input.username.trim().toLowerCase();
  const keys = [`user:${username}`, `ip:${input.ip}`];
  const now = clock.now();
  const counts = await repo.countRecentFailures(db, keys, now - FAILURE_WINDOW_MS);
  const worst = counts.reduce((max, c) => (Number(c.n) > Number(max?.n ?? -1) ? c : max), counts[0]);
  const failures = Number(worst?.n ?? 0);
  if (worst && failures >= config.loginMaxFailures) {
    const retryAfter = Math.max(1, Math.ceil((Number(worst.first_at) + FAILURE_WINDOW_MS - now) / 1000));
    throw new AppError('too_many_attempts', { retryAfter }, { retryAfter });
  }

  const user = await findUserForSignIn(db, username);
  const matches = await verifyPassword(input.password, user?.password_hash ?? UNUSABLE_HASH);
  if (!user || !matches) {
    await repo.insertFailures(db, keys, now);
    const delay = signInDelayMs(failures + 1, config.loginSlowdownMs);
    if (delay > 0) await sleep(delay);
    throw new AppError('invalid_credentials');
  }
  if (user.disabled_at !== null) throw new AppError('account_disabled');

  const secret = newSecret();
  await db.transaction().execute(async (trx) => {
    await repo.clearFailures(trx, keys[0]!);
    await insertSessionFor(trx, deps, user.id, secret, input.ip, input.userAgent);
    await markSignedIn(trx, user.id, now);
    await recordAudit(trx, clock, { ...ctx, actor: null }, {
      action: 'session.sign_in',
      entityType: 'user',
      entityId: user.id,
      after: { username: user.username, ip: input.ip },
    });
  });
  return { secret, userId: user.id };
}

async function insertSessionFor(trx: Executor, deps: Deps, userId: number, secret: string, ip: string | null, userAgent: string | null) {
  const now = deps.clock.now();
  await repo.insertSession(trx, {
    id: sha256(secret),
    user_id: userId,
    created_at: now,
    last_seen_at: now,
    expires_at: now + deps.config.sessionTtlMs,
    ip,
    user_agent: userAgent?.slice(0, 400) ?? null,
  });
}

/**
 * Changes the signed-in user's password. Every earlier session, on every device, ends; the person
 * who changed it gets a fresh session, returned as the new cookie secret.
 */
export async function changePassword(deps: Deps, ctx: RequestContext, currentPassword: string, newPassword: string, userAgent: string | null) {
  await changeOwnPassword(deps, ctx, currentPassword, newPassword);
  const secret = newSecret();
  await insertSessionFor(deps.db, deps, ctx.actor!.userId, secret, ctx.ip, userAgent);
  return { secret };
}

/** Ends the session behind a cookie. */
export async function signOut(deps: Deps, ctx: RequestContext): Promise<void> {
  const actor = ctx.actor;
  if (!actor?.sessionId) return;
  await deps.db.transaction().execute(async (trx) => {
    await repo.deleteSession(trx, actor.sessionId!);
    await recordAudit(trx, deps.clock, ctx, { action: 'session.sign_out', entityType: 'user', entityId: actor.userId });
  });
}

function toActor(
  row: repo.PrincipalRow,
  via: Actor['via'],
  sessionId: string | null,
  tokenId: number | null,
): Actor | null {
  if (row.disabled_at !== null) return null;
  const roles = (row.roles ?? '').split(',').filter(isRole);
  return {
    userId: row.user_id,
    username: row.username,
    displayName: row.display_name,
    roles: new Set(roles),
    customerId: row.customer_id,
    mustChangePassword: row.must_change_password === 1,
    via,
    sessionId,
    tokenId,
  };
}

/** The actor behind a session cookie's secret, sliding the session's expiry; null when not live. */
export async function authenticateSession(deps: Deps, secret: string): Promise<Actor | null> {
  const now = deps.clock.now();
  const id = sha256(secret);
  const row = await repo.findSessionPrincipal(deps.db, deps.engine, id, now);
  if (!row) return null;
  if (now - row.last_seen_at >= TOUCH_INTERVAL_MS) {
    await repo.touchSession(deps.db, id, now, now + deps.config.sessionTtlMs);
  }
  return toActor(row, 'session', id, null);
}

/** The actor an integration's bearer token acts as; null when unknown, revoked or expired. */
export async function authenticateToken(deps: Deps, token: string): Promise<Actor | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const now = deps.clock.now();
  const row = await repo.findTokenPrincipal(deps.db, deps.engine, sha256(token), now);
  if (!row) return null;
  if (row.last_used_at === null || now - row.last_used_at >= TOUCH_INTERVAL_MS) {
    await repo.touchToken(deps.db, row.token_id, now);
  }
  // Tokens are for machines: a pending password change of the owner does not block them.
  return toActor({ ...row, must_change_password: 0 }, 'token', null, row.token_id);
}

/** Housekeeping: drops expired sessions and old sign-in failures. Safe to run on every instance. */
export async function pruneAuthState(deps: Deps): Promise<void> {
  const now = deps.clock.now();
  await repo.deleteExpiredSessions(deps.db, now);
  await repo.deleteOldFailures(deps.db, now - 3_600_000);
}
