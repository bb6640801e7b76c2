import type { Deps } from '../../deps.js';
import type { Executor } from '../../db/database.js';
import type { ApiTokenRow } from '../../db/schema.js';
import type { RequestContext } from '../../http/actor.js';
import { AppError } from '../../http/errors.js';
import { decodeCursor, pageOf } from '../../http/pagination.js';
import { recordAudit } from '../audit/audit.service.js';
import { newSecret, sha256, TOKEN_PREFIX } from '../auth/auth.service.js';
import { activeStaffIds, getUser, userSummaries } from '../users/user.service.js';
import * as repo from './token.repository.js';
import type { CreateTokenBody, TokenDto, TokenListQuery } from './token.schemas.js';

async function presentTokens(db: Executor, rows: ApiTokenRow[]): Promise<TokenDto[]> {
  const people = await userSummaries(db, rows.map((r) => r.user_id));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    userId: r.user_id,
    userName: people.get(r.user_id)?.username ?? '',
    prefix: r.prefix,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
  }));
}

/** One page of tokens, newest first; revoked ones only when asked. */
export async function listTokens(deps: Deps, query: TokenListQuery) {
  const limit = query.limit ?? 50;
  const beforeId = query.cursor ? (decodeCursor(query.cursor, ['n'])[0] as number) : undefined;
  const rows = await repo.findTokens(deps.db, { userId: query.userId, includeRevoked: query.includeRevoked ?? false, beforeId, limit: limit + 1 });
  const page = pageOf(rows, limit, (r) => [r.id]);
  return { items: await presentTokens(deps.db, page.rows), nextCursor: page.nextCursor };
}

/**
 * Issues a token acting as a staff account. The secret is returned once; only its SHA-256 is
 * kept (a token is 240 random bits, so a fast hash is enough and lookups stay one index probe).
 */
export async function createToken(deps: Deps, ctx: RequestContext, input: CreateTokenBody) {
  const now = deps.clock.now();
  if (input.expiresAt != null && input.expiresAt <= now) {
    throw new AppError('validation_failed', { summary: 'expiresAt must be in the future' }, [{ field: 'body.expiresAt', rule: 'future', message: 'must be in the future' }]);
  }
  await getUser(deps, input.userId);
  if (!(await activeStaffIds(deps.db, [input.userId])).has(input.userId)) {
    throw new AppError('validation_failed', { summary: 'userId must be an active staff account' }, [{ field: 'body.userId', rule: 'active_staff', message: 'must be an active staff account' }]);
  }
  const secret = `${TOKEN_PREFIX}${newSecret(30)}`;
  return deps.db.transaction().execute(async (trx) => {
    const id = await repo.insertToken(trx, {
      name: input.name.trim(),
      user_id: input.userId,
      token_hash: sha256(secret),
      prefix: secret.slice(0, 12),
      created_by_user_id: ctx.actor?.userId ?? null,
      created_at: now,
      expires_at: input.expiresAt ?? null,
    });
    const [token] = await presentTokens(trx, [(await repo.findTokenById(trx, id))!]);
    await recordAudit(trx, deps.clock, ctx, { action: 'token.create', entityType: 'api_token', entityId: id, after: token });
    return { token: token!, secret };
  });
}

/** Revokes a token; requests carrying it are refused from now on. */
export async function revokeToken(deps: Deps, ctx: RequestContext, id: number): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const row = await repo.findTokenById(trx, id);
    if (!row) throw new AppError('token_not_found');
    if (row.revoked_at !== null) return;
    await repo.revokeTokenRow(trx, id, deps.clock.now());
    await recordAudit(trx, deps.clock, ctx, { action: 'token.revoke', entityType: 'api_token', entityId: id, before: { name: row.name } });
  });
}
