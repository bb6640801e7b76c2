import type { Deps } from '../../deps.js';
import type { Executor } from '../../db/database.js';
import { writeTransaction } from '../../db/group-commit.js';
import type { VendorContactRow, VendorRow } from '../../db/schema.js';
import type { RequestContext } from '../../http/actor.js';
import { AppError } from '../../http/errors.js';
import { decodeCursor, pageOf } from '../../http/pagination.js';
import { recordAudit } from '../audit/audit.service.js';
import * as repo from './vendor.repository.js';
import type { CreateVendorBody, UpdateVendorBody, VendorContactInput, VendorDto, VendorListQuery } from './vendor.schemas.js';

async function presentVendors(db: Executor, rows: VendorRow[]): Promise<VendorDto[]> {
  const contacts = await repo.findContacts(db, rows.map((r) => r.id));
  const byVendor = new Map<number, VendorContactRow[]>();
  for (const c of contacts) byVendor.set(c.vendor_id, [...(byVendor.get(c.vendor_id) ?? []), c]);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    supportPhone: r.support_phone,
    supportEmail: r.support_email,
    portalUrl: r.portal_url,
    notes: r.notes,
    active: r.active === 1,
    contacts: (byVendor.get(r.id) ?? []).map((c) => ({ id: c.id, name: c.name, role: c.role, phone: c.phone, email: c.email })),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

async function presentVendor(db: Executor, row: VendorRow): Promise<VendorDto> {
  return (await presentVendors(db, [row]))[0]!;
}

async function loadVendor(db: Executor, id: number): Promise<VendorRow> {
  const row = await repo.findVendorById(db, id);
  if (!row) throw new AppError('vendor_not_found');
  return row;
}

function contactValues(c: VendorContactInput): repo.ContactValues {
  return { name: c.name.trim(), role: c.role?.trim() ?? '', phone: c.phone?.trim() ?? '', email: c.email?.trim() ?? '' };
}

async function assertNameFree(db: Executor, name: string, exceptId?: number): Promise<void> {
  const other = await repo.findVendorByName(db, name);
  if (other && other.id !== exceptId) throw new AppError('vendor_name_taken', { name });
}

/**
 * Replaces a vendor's contacts with the given list: those with an id of this vendor are updated,
 * those without one are added, the rest are removed. An id of another vendor's contact (or one
 * listed twice) is refused like any other invalid field, before anything is written.
 */
async function replaceContacts(db: Executor, vendorId: number, input: VendorContactInput[], now: number): Promise<void> {
  const current = new Set((await repo.findContacts(db, [vendorId])).map((c) => c.id));
  const seen = new Set<number>();
  const problems = input.flatMap((c, i) => {
    if (c.id === undefined) return [];
    const bad = !current.has(c.id) || seen.has(c.id);
    seen.add(c.id);
    return bad ? [{ field: `body.contacts[${i}].id`, rule: 'unknown', message: `contact ${c.id} is not one of this vendor's contacts` }] : [];
  });
  if (problems.length) throw new AppError('validation_failed', { summary: problems.map((p) => `${p.field} ${p.message}`).join('; ') }, problems);
  await repo.deleteContacts(db, vendorId, [...current].filter((id) => !seen.has(id)));
  for (const c of input) if (c.id !== undefined) await repo.updateContact(db, vendorId, c.id, contactValues(c));
  await repo.insertContacts(db, vendorId, input.filter((c) => c.id === undefined).map(contactValues), now);
}

/** One page of vendors by name, with their support contacts; `q` matches part of the name. */
export async function listVendors(deps: Deps, query: VendorListQuery) {
  const limit = query.limit ?? 50;
  const afterName = query.cursor ? (decodeCursor(query.cursor, ['s'])[0] as string) : undefined;
  const rows = await repo.findVendors(deps.db, { q: query.q, active: query.active, afterName, limit: limit + 1 });
  const page = pageOf(rows, limit, (r) => [r.name]);
  return { items: await presentVendors(deps.db, page.rows), nextCursor: page.nextCursor };
}

/** One vendor with its support contacts. */
export async function getVendor(deps: Deps, id: number): Promise<VendorDto> {
  return presentVendor(deps.db, await loadVendor(deps.db, id));
}

/** Adds a vendor with its support contacts; names are unique ignoring case. */
export async function createVendor(deps: Deps, ctx: RequestContext, input: CreateVendorBody): Promise<VendorDto> {
  const name = input.name.trim();
  return writeTransaction(deps, async (trx) => {
    await assertNameFree(trx, name);
    const now = deps.clock.now();
    const id = await repo.insertVendor(trx, {
      name,
      support_phone: input.supportPhone?.trim() ?? '',
      support_email: input.supportEmail?.trim() ?? '',
      portal_url: input.portalUrl?.trim() ?? '',
      notes: input.notes ?? '',
      active: 1,
      created_at: now,
      updated_at: now,
    });
    await repo.insertContacts(trx, id, (input.contacts ?? []).map((c) => contactValues({ ...c, id: undefined })), now);
    const dto = await presentVendor(trx, await loadVendor(trx, id));
    await recordAudit(trx, deps.clock, ctx, { action: 'vendor.create', entityType: 'vendor', entityId: id, after: dto });
    return dto;
  });
}

/**
 * Changes a vendor: its details, its contacts (the list replaces the old one whole) or whether it
 * is active. A vendor is deactivated rather than deleted, so its past escalations keep their name.
 */
export async function updateVendor(deps: Deps, ctx: RequestContext, id: number, patch: UpdateVendorBody): Promise<VendorDto> {
  return writeTransaction(deps, async (trx) => {
    const row = await loadVendor(trx, id);
    const before = await presentVendor(trx, row);
    const name = patch.name?.trim();
    if (name !== undefined && name !== row.name) await assertNameFree(trx, name, id);
    const now = deps.clock.now();
    if (patch.contacts) await replaceContacts(trx, id, patch.contacts, now);
    await repo.updateVendor(trx, id, {
      ...(name !== undefined && { name }),
      ...(patch.supportPhone !== undefined && { support_phone: patch.supportPhone.trim() }),
      ...(patch.supportEmail !== undefined && { support_email: patch.supportEmail.trim() }),
      ...(patch.portalUrl !== undefined && { portal_url: patch.portalUrl.trim() }),
      ...(patch.notes !== undefined && { notes: patch.notes }),
      ...(patch.active !== undefined && { active: patch.active ? 1 : 0 }),
      updated_at: now,
    });
    const after = await presentVendor(trx, await loadVendor(trx, id));
    const action = patch.active === false && before.active ? 'vendor.deactivate' : patch.active === true && !before.active ? 'vendor.activate' : 'vendor.update';
    await recordAudit(trx, deps.clock, ctx, { action, entityType: 'vendor', entityId: id, before, after });
    return after;
  });
}

/** A vendor for an escalation (escalation.service): vendor_not_found when there is none. */
export async function vendorForEscalation(db: Executor, id: number): Promise<{ id: number; name: string; active: boolean }> {
  const row = await loadVendor(db, id);
  return { id: row.id, name: row.name, active: row.active === 1 };
}

/** Vendor names by id, for escalations. */
export async function vendorNames(db: Executor, ids: number[]): Promise<Map<number, string>> {
  const rows = await repo.findVendorsByIds(db, ids);
  return new Map(rows.map((r) => [r.id, r.name]));
}
