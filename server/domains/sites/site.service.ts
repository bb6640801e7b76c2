import type { Deps } from '../../deps.js';
import type { Executor } from '../../db/database.js';
import type { SiteRow } from '../../db/schema.js';
import type { RequestContext } from '../../http/actor.js';
import { AppError } from '../../http/errors.js';
import { decodeCursor, pageOf } from '../../http/pagination.js';
import { assertInScope, customerScope } from '../../http/scope.js';
import { recordAudit } from '../audit/audit.service.js';
import { assertCustomerExists } from '../customers/customer.service.js';
import * as repo from './site.repository.js';
import type { CreateSiteBody, SiteDto, SiteListQuery, UpdateSiteBody } from './site.schemas.js';

function presentSite(row: SiteRow): SiteDto {
  return {
    id: row.id,
    customerId: row.customer_id,
    name: row.name,
    address: row.address,
    rooms: JSON.parse(row.rooms_json) as string[],
    notes: row.notes,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

async function loadSite(db: Executor, ctx: RequestContext, id: number): Promise<SiteRow> {
  return assertInScope(ctx, await repo.findSiteById(db, id), 'site_not_found');
}

/** Names and addresses of sites by id, for other domains' presenters. */
export async function siteNames(db: Executor, ids: number[]) {
  return repo.findSiteNames(db, ids);
}

/** A site of a given customer by name, for imports; undefined when there is none. */
export async function findSiteOfCustomer(db: Executor, customerId: number, name: string) {
  return repo.findSiteByName(db, customerId, name.trim());
}

/** The site's customer, or null when the site does not exist. */
export async function siteCustomer(db: Executor, id: number): Promise<number | null> {
  return (await repo.findSiteById(db, id))?.customer_id ?? null;
}

/** One page of sites; a customer contact sees only their own organisation's. */
export async function listSites(deps: Deps, ctx: RequestContext, query: SiteListQuery) {
  const limit = query.limit ?? 50;
  const scope = customerScope(ctx);
  if (scope !== null && query.customerId !== undefined && query.customerId !== scope) return { items: [], nextCursor: null };
  const after = query.cursor ? (decodeCursor(query.cursor, ['n', 's']) as [number, string]) : undefined;
  const rows = await repo.findSites(deps.db, { customerId: scope ?? query.customerId ?? null, after, limit: limit + 1 });
  const page = pageOf(rows, limit, (r) => [r.customer_id, r.name]);
  return { items: page.rows.map(presentSite), nextCursor: page.nextCursor };
}

export async function getSite(deps: Deps, ctx: RequestContext, id: number): Promise<SiteDto> {
  return presentSite(await loadSite(deps.db, ctx, id));
}

/** Adds a site (address and machine rooms) to a customer. */
export async function createSite(deps: Deps, ctx: RequestContext, input: CreateSiteBody): Promise<SiteDto> {
  return deps.db.transaction().execute(async (trx) => {
    await assertCustomerExists(trx, input.customerId, ctx);
    const name = input.name.trim();
    if (await repo.findSiteByName(trx, input.customerId, name)) throw new AppError('site_name_taken', { name });
    const now = deps.clock.now();
    const id = await repo.insertSite(trx, {
      customer_id: input.customerId,
      name,
      address: input.address?.trim() ?? '',
      rooms_json: JSON.stringify(input.rooms ?? []),
      notes: input.notes ?? '',
      created_at: now,
      updated_at: now,
    });
    const site = presentSite((await repo.findSiteById(trx, id))!);
    await recordAudit(trx, deps.clock, ctx, { action: 'site.create', entityType: 'site', entityId: id, after: site });
    return site;
  });
}

/** Edits a site. */
export async function updateSite(deps: Deps, ctx: RequestContext, id: number, patch: UpdateSiteBody): Promise<SiteDto> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await loadSite(trx, ctx, id);
    const name = patch.name?.trim();
    if (name && name !== row.name && (await repo.findSiteByName(trx, row.customer_id, name))) throw new AppError('site_name_taken', { name });
    await repo.updateSiteRow(trx, id, {
      ...(name !== undefined && { name }),
      ...(patch.address !== undefined && { address: patch.address.trim() }),
      ...(patch.rooms !== undefined && { rooms_json: JSON.stringify(patch.rooms) }),
      ...(patch.notes !== undefined && { notes: patch.notes }),
      updated_at: deps.clock.now(),
    });
    const after = presentSite((await repo.findSiteById(trx, id))!);
    await recordAudit(trx, deps.clock, ctx, { action: 'site.update', entityType: 'site', entityId: id, before: presentSite(row), after });
    return after;
  });
}

/** Removes a site; assets there keep their record and lose the site link. */
export async function deleteSite(deps: Deps, ctx: RequestContext, id: number): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const row = await loadSite(trx, ctx, id);
    await repo.deleteSiteRow(trx, id);
    await recordAudit(trx, deps.clock, ctx, { action: 'site.delete', entityType: 'site', entityId: id, before: presentSite(row) });
  });
}
