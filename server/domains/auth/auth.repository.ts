import { sql, type RawBuilder } from 'kysely';
import { coalesced } from '../../db/coalesce.js';
import { preparedSql, runPrepared } from '../../db/statements.js';
import type { Engine, Executor } from '../../db/database.js';

// A user's roles folded into the principal lookup, so authenticating a request is one round trip.
// The aggregate is the one engine-specific piece: string_agg on PostgreSQL, group_concat on SQLite.
function rolesOf(engine: Engine): RawBuilder<string | null> {
  return engine === 'postgres'
    ? sql<string | null>`(select string_agg(role, ',') from user_roles where user_id = u.id)`
    : sql<string | null>`(select group_concat(role, ',') from user_roles where user_id = u.id)`;
}

/** The user columns every principal lookup returns (joined as `u`). */
function principalColumns(engine: Engine) {
  return [
    'u.id as user_id',
    'u.username',
    'u.display_name',
    'u.customer_id',
    'u.must_change_password',
    'u.disabled_at',
    rolesOf(engine).as('roles'),
  ] as const;
}

export interface PrincipalRow {
  user_id: number;
  username: string;
  display_name: string;
  customer_id: number | null;
  must_change_password: number;
  disabled_at: number | null;
  roles: string | null;
}

export async function insertSession(
  db: Executor,
  row: { id: string; user_id: number; created_at: number; last_seen_at: number; expires_at: number; ip: string | null; user_agent: string | null },
): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

// Every authenticated request runs this lookup, so its SQL is written once per engine rather than
// built by the query builder each time (db/statements.ts; a named prepared statement on PostgreSQL,
// where concurrent requests' lookups are merged into one, db/coalesce.ts).
type SessionPrincipalRow = PrincipalRow & { session_id: string; last_seen_at: number; expires_at: number };

const sqliteSessionPrincipal = preparedSql`select s.id as session_id, s.last_seen_at, s.expires_at, u.id as user_id, u.username, u.display_name,
      u.customer_id, u.must_change_password, u.disabled_at, (select group_concat(role, ',') from user_roles where user_id = u.id) as roles
    from sessions as s inner join users as u on u.id = s.user_id
    where s.id = ${'id'} and s.expires_at > ${'now'} and s.created_at >= u.sessions_valid_from`;

const postgresSessionPrincipals = preparedSql`select s.id as session_id, s.last_seen_at, s.expires_at, u.id as user_id, u.username, u.display_name,
      u.customer_id, u.must_change_password, u.disabled_at, (select string_agg(role, ',') from user_roles where user_id = u.id) as roles
    from sessions as s inner join users as u on u.id = s.user_id
    where s.id = any(${'ids'}::text[]) and s.created_at >= u.sessions_valid_from`;

const postgresSessionRows = coalesced<string, SessionPrincipalRow>({
  name: 'sessions.principal',
  // SQLite's lookup is sqliteSessionPrincipal (below), which checks expiry in the query.
  one: () => Promise.reject(new Error('sessions.principal is a PostgreSQL lookup')),
  many: async (db, ids) => (await runPrepared<SessionPrincipalRow>(db, 'postgres', postgresSessionPrincipals(ids))).rows,
  keyOf: (row) => row.session_id,
});

/** The live session with the given id hash and its user, or undefined. */
export async function findSessionPrincipal(db: Executor, engine: Engine, id: string, now: number): Promise<SessionPrincipalRow | undefined> {
  if (engine === 'sqlite') return (await runPrepared<SessionPrincipalRow>(db, engine, sqliteSessionPrincipal(id, now))).rows[0];
  // Expiry is checked here, against this request's own time, so the merged lookup can serve all.
  return (await postgresSessionRows(db, [id])).find((row) => row.expires_at > now);
}

export async function touchSession(db: Executor, id: string, lastSeenAt: number, expiresAt: number): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: lastSeenAt, expires_at: expiresAt }).where('id', '=', id).execute();
}

export async function deleteSession(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteExpiredSessions(db: Executor, now: number): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The unrevoked, unexpired token with this hash and its user, or undefined. */
export async function findTokenPrincipal(db: Executor, engine: Engine, tokenHash: string, now: number) {
  return db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select([
      't.id as token_id',
      't.last_used_at',
      ...principalColumns(engine),
    ])
    .where('t.token_hash', '=', tokenHash)
    .where('t.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', now)]))
    .executeTakeFirst();
}

export async function touchToken(db: Executor, id: number, at: number): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}

export async function countRecentFailures(db: Executor, keys: string[], since: number) {
  return db
    .selectFrom('login_failures')
    .select(['key', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.min<number>('at').as('first_at')])
    .where('key', 'in', keys)
    .where('at', '>', since)
    .groupBy('key')
    .execute();
}

export async function insertFailures(db: Executor, keys: string[], at: number): Promise<void> {
  await db.insertInto('login_failures').values(keys.map((key) => ({ key, at }))).execute();
}

export async function clearFailures(db: Executor, key: string): Promise<void> {
  await db.deleteFrom('login_failures').where('key', '=', key).execute();
}

export async function deleteOldFailures(db: Executor, before: number): Promise<void> {
  await db.deleteFrom('login_failures').where('at', '<', before).execute();
}
