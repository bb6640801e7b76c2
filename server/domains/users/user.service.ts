import type { Deps } from '../../deps.js';
import type { Executor } from '../../db/database.js';
import type { UserRow } from '../../db/schema.js';
import type { RequestContext } from '../../http/actor.js';
import { AppError } from '../../http/errors.js';
import { decodeCursor, pageOf } from '../../http/pagination.js';
import { recordAudit } from '../audit/audit.service.js';
import { assertCustomerExists } from '../customers/customer.service.js';
import { generatePassword, hashPassword, passwordProblems, verifyPassword } from '../auth/password.js';
import { presentUser } from './user.presenter.js';
import * as repo from './user.repository.js';
import { rolesProblem, type Role } from './roles.js';
import type { CreateUserBody, UpdateProfileBody, UpdateUserBody, UserDto, UserListQuery } from './user.schemas.js';

async function loadUser(db: Executor, id: number): Promise<UserRow> {
  const row = await repo.findUserById(db, id);
  if (!row) throw new AppError('user_not_found');
  return row;
}

async function present(db: Executor, row: UserRow): Promise<UserDto> {
  const roles = await repo.findRolesOf(db, [row.id]);
  return presentUser(row, roles.get(row.id) ?? []);
}

function assertPasswordAllowed(password: string, username: string): void {
  const problems = passwordProblems(password, username);
  if (problems.length) throw new AppError('password_too_weak', { rules: problems.join(', ') }, { rules: problems });
}

/** Checks a role set and its customer binding: customer contacts need a customer, staff have none. */
async function assertRolesAndCustomer(db: Executor, roles: readonly Role[], customerId: number | null): Promise<void> {
  const problem = rolesProblem(roles);
  if (problem) throw new AppError('invalid_roles', { reason: problem });
  const isContact = roles.includes('customer_contact');
  if (isContact && customerId === null) throw new AppError('customer_required');
  if (!isContact && customerId !== null) throw new AppError('invalid_roles', { reason: 'only customer contacts belong to a customer' });
  if (customerId !== null) await assertCustomerExists(db, customerId);
}

/** Refuses a change that would leave no active administrator. */
async function assertAdminRemains(db: Executor, row: UserRow, stillAdmin: boolean): Promise<void> {
  const roles = (await repo.findRolesOf(db, [row.id])).get(row.id) ?? [];
  if (roles.includes('admin') && !stillAdmin && (await repo.countOtherActiveAdmins(db, row.id)) === 0) {
    throw new AppError('last_admin');
  }
}

/** One page of users, by user name. */
export async function listUsers(deps: Deps, query: UserListQuery) {
  const limit = query.limit ?? 50;
  const after = query.cursor ? (decodeCursor(query.cursor, ['s'])[0] as string) : undefined;
  const rows = await repo.findUsers(deps.db, { ...query, afterUsername: after, limit: limit + 1 });
  const page = pageOf(rows, limit, (r) => [r.username]);
  const roles = await repo.findRolesOf(deps.db, page.rows.map((r) => r.id));
  return { items: page.rows.map((r) => presentUser(r, roles.get(r.id) ?? [])), nextCursor: page.nextCursor };
}

export async function getUser(deps: Deps, id: number): Promise<UserDto> {
  return present(deps.db, await loadUser(deps.db, id));
}

/**
 * Creates an account; without a password, a one-time password is generated and returned once.
 * `mustChangePassword: false` is for seeded demo accounts only.
 */
export async function createUser(deps: Deps, ctx: RequestContext, input: CreateUserBody, options: { mustChangePassword?: boolean } = {}) {
  const prepared = await preparePassword(input);
  return deps.db.transaction().execute((trx) => createUserIn(trx, deps, ctx, input, prepared, options));
}

/** Checks and hashes the password a new account starts with (outside any transaction: scrypt is slow). */
export async function preparePassword(input: { username: string; password?: string }) {
  const initialPassword = input.password ?? generatePassword();
  assertPasswordAllowed(initialPassword, input.username.toLowerCase());
  return { initialPassword, generated: input.password === undefined, passwordHash: await hashPassword(initialPassword) };
}

/** Creates an account inside the caller's transaction, e.g. a contact's portal account. */
export async function createUserIn(
  trx: Executor,
  deps: Deps,
  ctx: RequestContext,
  input: CreateUserBody,
  prepared: Awaited<ReturnType<typeof preparePassword>>,
  options: { mustChangePassword?: boolean } = {},
) {
  const username = input.username.toLowerCase();
  const customerId = input.customerId ?? null;
  const now = deps.clock.now();
  await assertRolesAndCustomer(trx, input.roles, customerId);
  if (await repo.findUserByUsername(trx, username)) throw new AppError('username_taken', { username });
  const id = await repo.insertUser(trx, {
    username,
    display_name: input.displayName.trim(),
    email: input.email ?? null,
    phone: input.phone ?? null,
    password_hash: prepared.passwordHash,
    // A password an administrator chose or generated is known to two people: the owner replaces it.
    must_change_password: options.mustChangePassword === false ? 0 : 1,
    customer_id: customerId,
    locale: input.locale ?? null,
    created_at: now,
    updated_at: now,
  });
  await repo.replaceRoles(trx, id, input.roles);
  const user = await present(trx, await loadUser(trx, id));
  await recordAudit(trx, deps.clock, ctx, { action: 'user.create', entityType: 'user', entityId: id, after: user });
  return { user, initialPassword: prepared.generated ? prepared.initialPassword : null };
}

/** Changes an account's details, roles or customer binding. */
export async function updateUser(deps: Deps, ctx: RequestContext, id: number, patch: UpdateUserBody): Promise<UserDto> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await loadUser(trx, id);
    const before = await present(trx, row);
    const roles = patch.roles ?? before.roles;
    const customerId = patch.customerId !== undefined ? patch.customerId : row.customer_id;
    if (patch.roles !== undefined || patch.customerId !== undefined) {
      await assertRolesAndCustomer(trx, roles, customerId);
      await assertAdminRemains(trx, row, roles.includes('admin'));
    }
    await repo.updateUserRow(trx, id, {
      ...(patch.displayName !== undefined && { display_name: patch.displayName.trim() }),
      ...(patch.email !== undefined && { email: patch.email }),
      ...(patch.phone !== undefined && { phone: patch.phone }),
      ...(patch.locale !== undefined && { locale: patch.locale }),
      customer_id: customerId,
      updated_at: deps.clock.now(),
    });
    if (patch.roles !== undefined) await repo.replaceRoles(trx, id, roles);
    const after = await present(trx, await loadUser(trx, id));
    await recordAudit(trx, deps.clock, ctx, { action: 'user.update', entityType: 'user', entityId: id, before, after });
    return after;
  });
}

/** Disables or re-enables an account; a disabled account's sessions and tokens stop working at once. */
export async function setUserDisabled(deps: Deps, ctx: RequestContext, id: number, disabled: boolean): Promise<UserDto> {
  if (disabled && ctx.actor?.userId === id) throw new AppError('cannot_disable_self');
  return deps.db.transaction().execute(async (trx) => {
    const row = await loadUser(trx, id);
    if ((row.disabled_at !== null) === disabled) return present(trx, row);
    if (disabled) await assertAdminRemains(trx, row, false);
    const now = deps.clock.now();
    await repo.updateUserRow(trx, id, { disabled_at: disabled ? now : null, updated_at: now });
    const after = await present(trx, await loadUser(trx, id));
    await recordAudit(trx, deps.clock, ctx, {
      action: disabled ? 'user.disable' : 'user.enable',
      entityType: 'user',
      entityId: id,
      before: { disabled: row.disabled_at !== null },
      after: { disabled },
    });
    return after;
  });
}

/** Gives an account a new one-time password and ends its sessions; the password is returned once. */
export async function resetPassword(deps: Deps, ctx: RequestContext, id: number): Promise<{ initialPassword: string }> {
  const initialPassword = generatePassword();
  const passwordHash = await hashPassword(initialPassword);
  await deps.db.transaction().execute(async (trx) => {
    await loadUser(trx, id);
    const now = deps.clock.now();
    await repo.updateUserRow(trx, id, { password_hash: passwordHash, must_change_password: 1, sessions_valid_from: now, updated_at: now });
    await recordAudit(trx, deps.clock, ctx, { action: 'user.password_reset', entityType: 'user', entityId: id });
  });
  return { initialPassword };
}

/** The signed-in user's own account; the roles come with the request's actor, saving a query. */
export async function getOwnProfile(deps: Deps, ctx: RequestContext): Promise<UserDto> {
  const actor = ctx.actor!;
  return presentUser(await loadUser(deps.db, actor.userId), [...actor.roles].sort());
}

/** Edits the signed-in user's own name, contact details and language. */
export async function updateOwnProfile(deps: Deps, ctx: RequestContext, patch: UpdateProfileBody): Promise<UserDto> {
  const id = ctx.actor!.userId;
  return deps.db.transaction().execute(async (trx) => {
    const before = await present(trx, await loadUser(trx, id));
    await repo.updateUserRow(trx, id, {
      ...(patch.displayName !== undefined && { display_name: patch.displayName.trim() }),
      ...(patch.email !== undefined && { email: patch.email }),
      ...(patch.phone !== undefined && { phone: patch.phone }),
      ...(patch.locale !== undefined && { locale: patch.locale }),
      updated_at: deps.clock.now(),
    });
    const after = await present(trx, await loadUser(trx, id));
    await recordAudit(trx, deps.clock, ctx, { action: 'user.profile_update', entityType: 'user', entityId: id, before, after });
    return after;
  });
}

/**
 * Replaces the signed-in user's password after checking the current one. Every session opened
 * before now ends; the caller opens a fresh one for the person who made the change.
 */
export async function changeOwnPassword(deps: Deps, ctx: RequestContext, currentPassword: string, newPassword: string): Promise<number> {
  const row = await loadUser(deps.db, ctx.actor!.userId);
  if (!(await verifyPassword(currentPassword, row.password_hash))) throw new AppError('wrong_password');
  if (currentPassword === newPassword) throw new AppError('password_reused');
  assertPasswordAllowed(newPassword, row.username);
  const passwordHash = await hashPassword(newPassword);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await repo.updateUserRow(trx, row.id, { password_hash: passwordHash, must_change_password: 0, sessions_valid_from: now, updated_at: now });
    await recordAudit(trx, deps.clock, ctx, { action: 'user.password_change', entityType: 'user', entityId: row.id });
  });
  return now;
}

/** The row a sign-in checks, by lower-cased user name. */
export async function findUserForSignIn(db: Executor, username: string): Promise<UserRow | undefined> {
  return repo.findUserByUsername(db, username);
}

export async function markSignedIn(db: Executor, id: number, at: number): Promise<void> {
  await repo.updateUserRow(db, id, { last_sign_in_at: at });
}

/** Short summaries (id, names, whether disabled) for other domains to show people. */
export async function userSummaries(db: Executor, ids: number[]) {
  const rows = await repo.findUserSummaries(db, [...new Set(ids)]);
  return new Map(
    rows.map((r) => [r.id, { id: r.id, username: r.username, displayName: r.display_name, disabled: r.disabled_at !== null, activeStaff: r.disabled_at === null && r.customer_id === null }]),
  );
}

/** Which of these ids are active staff accounts, for team membership and assignment. */
export async function activeStaffIds(db: Executor, ids: number[]): Promise<Set<number>> {
  return new Set(await repo.findActiveStaffIds(db, [...new Set(ids)]));
}

/** Active staff accounts with a role (e.g. the managers a breach escalates to, R4). */
export async function activeStaffWithRole(db: Executor, role: Role): Promise<number[]> {
  return repo.findActiveStaffWithRole(db, role);
}

/**
 * Creates an administrator with a one-time password, or, when the name exists, gives it a new
 * one-time password, re-enables it and makes it an administrator (recovery from a lock-out).
 */
export async function provisionAdmin(deps: Deps, ctx: RequestContext, username = 'admin') {
  const name = username.toLowerCase();
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const existing = await repo.findUserByUsername(trx, name);
    if (existing) {
      await repo.updateUserRow(trx, existing.id, {
        password_hash: passwordHash,
        must_change_password: 1,
        disabled_at: null,
        customer_id: null,
        sessions_valid_from: now,
        updated_at: now,
      });
      const roles = (await repo.findRolesOf(trx, [existing.id])).get(existing.id) ?? [];
      const staffRoles = roles.filter((r) => r !== 'customer_contact');
      await repo.replaceRoles(trx, existing.id, staffRoles.includes('admin') ? staffRoles : [...staffRoles, 'admin']);
      await recordAudit(trx, deps.clock, ctx, { action: 'user.admin_reset', entityType: 'user', entityId: existing.id });
      return { username: name, password, created: false };
    }
    const id = await repo.insertUser(trx, {
      username: name,
      display_name: name === 'admin' ? 'Administrator' : name,
      password_hash: passwordHash,
      must_change_password: 1,
      created_at: now,
      updated_at: now,
    });
    await repo.replaceRoles(trx, id, ['admin']);
    await recordAudit(trx, deps.clock, ctx, { action: 'user.create', entityType: 'user', entityId: id, after: { username: name, roles: ['admin'] } });
    return { username: name, password, created: true };
  });
}

/** On first start with no users, creates `admin` and returns its one-time password; else null. */
export async function ensureInitialAdmin(deps: Deps, ctx: RequestContext) {
  if ((await repo.countUsers(deps.db)) > 0) return null;
  return provisionAdmin(deps, ctx, 'admin');
}
