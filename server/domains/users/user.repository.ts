import type { Executor } from '../../db/database.js';
import type { NewUserRow, UserRow, UserUpdate } from '../../db/schema.js';
import type { Role } from './roles.js';

export interface UserFilter {
  /** Matches user name or display name, case-insensitively, anywhere. */
  q?: string;
  role?: Role;
  status?: 'active' | 'disabled';
  customerId?: number;
  afterUsername?: string;
  limit: number;
}

export async function findUserById(db: Executor, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUserByUsername(db: Executor, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

/** Ordered by user name, which is unique, so it is also the keyset. */
export async function findUsers(db: Executor, f: UserFilter): Promise<UserRow[]> {
  let q = db.selectFrom('users').selectAll();
  if (f.q) {
    // Wildcards are dropped rather than escaped: LIKE escapes differ between the engines.
    const like = `%${f.q.toLowerCase().replace(/[\\%_]/g, '')}%`;
    q = q.where((eb) =>
      eb.or([
        eb('username', 'like', like),
        eb(eb.fn('lower', ['display_name']), 'like', like),
        eb(eb.fn('lower', ['email']), 'like', like),
      ]),
    );
  }
  if (f.role) q = q.where('id', 'in', (eb) => eb.selectFrom('user_roles').select('user_id').where('role', '=', f.role!));
  if (f.status === 'active') q = q.where('disabled_at', 'is', null);
  if (f.status === 'disabled') q = q.where('disabled_at', 'is not', null);
  if (f.customerId !== undefined) q = q.where('customer_id', '=', f.customerId);
  if (f.afterUsername !== undefined) q = q.where('username', '>', f.afterUsername);
  return q.orderBy('username').limit(f.limit).execute();
}

export async function findRolesOf(db: Executor, userIds: number[]): Promise<Map<number, Role[]>> {
  const map = new Map<number, Role[]>();
  if (userIds.length === 0) return map;
  const rows = await db.selectFrom('user_roles').select(['user_id', 'role']).where('user_id', 'in', userIds).orderBy('role').execute();
  for (const r of rows) {
    const list = map.get(r.user_id) ?? [];
    list.push(r.role as Role);
    map.set(r.user_id, list);
  }
  return map;
}

export async function insertUser(db: Executor, row: NewUserRow): Promise<number> {
  const inserted = await db.insertInto('users').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function updateUserRow(db: Executor, id: number, patch: UserUpdate): Promise<void> {
  await db.updateTable('users').set(patch).where('id', '=', id).execute();
}

export async function replaceRoles(db: Executor, userId: number, roles: readonly Role[]): Promise<void> {
  await db.deleteFrom('user_roles').where('user_id', '=', userId).execute();
  if (roles.length) await db.insertInto('user_roles').values(roles.map((role) => ({ user_id: userId, role }))).execute();
}

export async function countUsers(db: Executor): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Active administrators other than `exceptUserId`. */
export async function countOtherActiveAdmins(db: Executor, exceptUserId: number): Promise<number> {
  const row = await db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('r.role', '=', 'admin')
    .where('u.disabled_at', 'is', null)
    .where('u.id', '!=', exceptUserId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Which of these ids are active staff (not disabled, not customer contacts). */
export async function findActiveStaffIds(db: Executor, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('id', 'in', ids)
    .where('disabled_at', 'is', null)
    .where('customer_id', 'is', null)
    .execute();
  return rows.map((r) => r.id);
}

/** Active staff holding a role. */
export async function findActiveStaffWithRole(db: Executor, role: Role): Promise<number[]> {
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .select('u.id')
    .where('r.role', '=', role)
    .where('u.disabled_at', 'is', null)
    .where('u.customer_id', 'is', null)
    .orderBy('u.id')
    .execute();
  return rows.map((r) => r.id);
}

export async function findUserSummaries(db: Executor, ids: number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('users').select(['id', 'username', 'display_name', 'disabled_at', 'customer_id']).where('id', 'in', ids).execute();
}
