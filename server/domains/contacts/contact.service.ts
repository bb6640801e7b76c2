import type { Deps } from '../../deps.js';
import type { Executor } from '../../db/database.js';
import type { ContactRow } from '../../db/schema.js';
import type { RequestContext } from '../../http/actor.js';
import { AppError } from '../../http/errors.js';
import { decodeCursor, pageOf } from '../../http/pagination.js';
import { assertInScope, customerScope } from '../../http/scope.js';
import { recordAudit } from '../audit/audit.service.js';
import { assertCustomerExists, customerNames } from '../customers/customer.service.js';
import { createUserIn, preparePassword, userSummaries } from '../users/user.service.js';
import * as repo from './contact.repository.js';
import type { ContactDto, ContactListQuery, CreateContactBody, PortalAccountBody, UpdateContactBody } from './contact.schemas.js';

async function presentContacts(db: Executor, rows: ContactRow[]): Promise<ContactDto[]> {
  const names = await customerNames(db, rows.map((r) => r.customer_id));
  const users = await userSummaries(db, rows.flatMap((r) => (r.user_id === null ? [] : [r.user_id])));
  return rows.map((r) => ({
    id: r.id,
    customerId: r.customer_id,
    customerName: names.get(r.customer_id)?.name ?? '',
    name: r.name,
    phone: r.phone,
    mobile: r.mobile,
    email: r.email,
    wechat: r.wechat,
    position: r.position,
    isDesignatedTechnician: r.is_designated_technician === 1,
    userId: r.user_id,
    username: r.user_id === null ? null : (users.get(r.user_id)?.username ?? null),
    notes: r.notes,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

async function presentOne(db: Executor, row: ContactRow): Promise<ContactDto> {
  return (await presentContacts(db, [row]))[0]!;
}

async function loadContact(db: Executor, ctx: RequestContext, id: number): Promise<ContactRow> {
  return assertInScope(ctx, await repo.findContactById(db, id), 'contact_not_found');
}

/** One page of contacts; a customer contact sees only their own organisation's. */
export async function listContacts(deps: Deps, ctx: RequestContext, query: ContactListQuery) {
  const limit = query.limit ?? 50;
  const scope = customerScope(ctx);
  // A contact asking for another customer's people gets an empty list, as if there were none.
  if (scope !== null && query.customerId !== undefined && query.customerId !== scope) return { items: [], nextCursor: null };
  const after = query.cursor ? (decodeCursor(query.cursor, ['n', 's', 'n']) as [number, string, number]) : undefined;
  const rows = await repo.findContacts(deps.db, { customerId: scope ?? query.customerId ?? null, q: query.q, after, limit: limit + 1 });
  const page = pageOf(rows, limit, (r) => [r.customer_id, r.name, r.id]);
  return { items: await presentContacts(deps.db, page.rows), nextCursor: page.nextCursor };
}

export async function getContact(deps: Deps, ctx: RequestContext, id: number): Promise<ContactDto> {
  return presentOne(deps.db, await loadContact(deps.db, ctx, id));
}

/** Adds a contact to a customer file, inside the caller's transaction. */
export async function createContactIn(trx: Executor, deps: Deps, ctx: RequestContext, input: CreateContactBody): Promise<ContactDto> {
  await assertCustomerExists(trx, input.customerId, ctx);
  const now = deps.clock.now();
  const id = await repo.insertContact(trx, {
    customer_id: input.customerId,
    name: input.name.trim(),
    phone: input.phone?.trim() ?? '',
    mobile: input.mobile?.trim() ?? '',
    email: input.email?.trim() ?? '',
    wechat: input.wechat?.trim() ?? '',
    position: input.position?.trim() ?? '',
    is_designated_technician: input.isDesignatedTechnician ? 1 : 0,
    notes: input.notes ?? '',
    created_at: now,
    updated_at: now,
  });
  const contact = await presentOne(trx, (await repo.findContactById(trx, id))!);
  await recordAudit(trx, deps.clock, ctx, { action: 'contact.create', entityType: 'contact', entityId: id, after: contact });
  return contact;
}

/** Adds a contact (name, phones, e-mail, WeChat, position, designated-technician flag). */
export async function createContact(deps: Deps, ctx: RequestContext, input: CreateContactBody): Promise<ContactDto> {
  return deps.db.transaction().execute((trx) => createContactIn(trx, deps, ctx, input));
}

/** Edits a contact. */
export async function updateContact(deps: Deps, ctx: RequestContext, id: number, patch: UpdateContactBody): Promise<ContactDto> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await loadContact(trx, ctx, id);
    const before = await presentOne(trx, row);
    await repo.updateContactRow(trx, id, {
      ...(patch.name !== undefined && { name: patch.name.trim() }),
      ...(patch.phone !== undefined && { phone: patch.phone.trim() }),
      ...(patch.mobile !== undefined && { mobile: patch.mobile.trim() }),
      ...(patch.email !== undefined && { email: patch.email.trim() }),
      ...(patch.wechat !== undefined && { wechat: patch.wechat.trim() }),
      ...(patch.position !== undefined && { position: patch.position.trim() }),
      ...(patch.isDesignatedTechnician !== undefined && { is_designated_technician: patch.isDesignatedTechnician ? 1 : 0 }),
      ...(patch.notes !== undefined && { notes: patch.notes }),
      updated_at: deps.clock.now(),
    });
    const after = await presentOne(trx, (await repo.findContactById(trx, id))!);
    await recordAudit(trx, deps.clock, ctx, { action: 'contact.update', entityType: 'contact', entityId: id, before, after });
    return after;
  });
}

/** Removes a contact; a portal account it had stays, to be disabled by an administrator. */
export async function deleteContact(deps: Deps, ctx: RequestContext, id: number): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const before = await presentOne(trx, await loadContact(trx, ctx, id));
    await repo.deleteContactRow(trx, id);
    await recordAudit(trx, deps.clock, ctx, { action: 'contact.delete', entityType: 'contact', entityId: id, before });
  });
}

/**
 * Gives a contact a portal account: a customer-contact user bound to the contact's customer, with
 * a one-time password returned once.
 */
export async function createPortalAccount(deps: Deps, ctx: RequestContext, id: number, input: PortalAccountBody) {
  const prepared = await preparePassword({ username: input.username });
  return deps.db.transaction().execute(async (trx) => {
    const row = await loadContact(trx, ctx, id);
    if (row.user_id !== null) throw new AppError('contact_has_account');
    const { user, initialPassword } = await createUserIn(
      trx,
      deps,
      ctx,
      {
        username: input.username,
        displayName: row.name,
        roles: ['customer_contact'],
        customerId: row.customer_id,
        email: row.email || null,
        phone: row.mobile || row.phone || null,
        locale: input.locale ?? null,
      },
      prepared,
    );
    await repo.updateContactRow(trx, id, { user_id: user.id, updated_at: deps.clock.now() });
    await recordAudit(trx, deps.clock, ctx, { action: 'contact.portal_account', entityType: 'contact', entityId: id, after: { userId: user.id, username: user.username } });
    return { user, initialPassword };
  });
}

/** The customer a contact belongs to, or null when there is no such contact. */
export async function contactCustomer(db: Executor, id: number): Promise<number | null> {
  return (await repo.findContactById(db, id))?.customer_id ?? null;
}
