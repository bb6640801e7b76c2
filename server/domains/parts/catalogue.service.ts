import type { Deps } from '../../deps.js';
import type { Executor } from '../../db/database.js';
import { writeTransaction } from '../../db/group-commit.js';
import type { PartRow, StoreRow } from '../../db/schema.js';
import type { RequestContext } from '../../http/actor.js';
import { AppError } from '../../http/errors.js';
import { decodeCursor, pageOf } from '../../http/pagination.js';
import { customerScope } from '../../http/scope.js';
import { recordAudit } from '../audit/audit.service.js';
import { contractTerms } from '../contracts/contract.service.js';
import { customerNames } from '../customers/customer.service.js';
import { siteCustomer } from '../sites/site.service.js';
import { presentParts, presentStores } from './parts.presenter.js';
import * as repo from './parts.repository.js';
import type { CreatePartBody, CreateStoreBody, PartDto, PartListQuery, StoreDto, StoreListQuery, UpdatePartBody, UpdateStoreBody } from './parts.schemas.js';

/** The parts catalogue and the stores (issue 7 items 1 and 2; R8). */

/** A part of the catalogue; part_not_found otherwise. */
export async function loadPart(db: Executor, id: number): Promise<PartRow> {
  const row = await repo.findPartById(db, id);
  if (!row) throw new AppError('part_not_found');
  return row;
}

/** A store the requester may see: a contact only their own customer's; store_not_found otherwise. */
export async function loadStore(db: Executor, ctx: RequestContext, id: number): Promise<StoreRow> {
  const row = await repo.findStoreById(db, id);
  const scope = customerScope(ctx);
  if (!row || (scope !== null && row.customer_id !== scope)) throw new AppError('store_not_found');
  return row;
}

/** Part numbers and store names by id, for other domains' presenters (below-minimum notifications). */
export async function stockSubjects(db: Executor, partIds: number[], storeIds: number[]) {
  const parts = await repo.findPartsByIds(db, partIds);
  const stores = await repo.findStoresByIds(db, storeIds);
  return { parts: new Map(parts.map((p) => [p.id, p.part_number])), stores: new Map(stores.map((s) => [s.id, s.name])) };
}

async function assertPartNumberFree(db: Executor, partNumber: string, exceptId?: number): Promise<void> {
  const other = await repo.findPartByNumber(db, partNumber);
  if (other && other.id !== exceptId) throw new AppError('part_number_taken', { partNumber });
}

/** One page of the catalogue by part number; `q` matches part of the number or description, `model` the models a part fits. */
export async function listParts(deps: Deps, query: PartListQuery) {
  const limit = query.limit ?? 50;
  const afterNumber = query.cursor ? (decodeCursor(query.cursor, ['s'])[0] as string) : undefined;
  const rows = await repo.findParts(deps.db, { q: query.q, model: query.model, active: query.active, afterNumber, limit: limit + 1 });
  const page = pageOf(rows, limit, (r) => [r.part_number]);
  return { items: await presentParts(deps.db, page.rows), nextCursor: page.nextCursor };
}

/** One part with the models it fits. */
export async function getPart(deps: Deps, id: number): Promise<PartDto> {
  return (await presentParts(deps.db, [await loadPart(deps.db, id)]))[0]!;
}

/** Adds a part to the catalogue. */
export async function createPart(deps: Deps, ctx: RequestContext, input: CreatePartBody): Promise<PartDto> {
  const id = await writeTransaction(deps, async (trx) => {
    const partNumber = input.partNumber.trim();
    await assertPartNumberFree(trx, partNumber);
    const now = deps.clock.now();
    const id = await repo.insertPart(trx, {
      part_number: partNumber,
      vendor: input.vendor?.trim() ?? '',
      description: input.description?.trim() ?? '',
      unit: input.unit?.trim() ?? '个',
      serial_tracked: input.serialTracked ? 1 : 0,
      notes: input.notes?.trim() ?? '',
      created_at: now,
      updated_at: now,
    });
    await repo.replacePartModels(trx, id, input.models ?? []);
    await recordAudit(trx, deps.clock, ctx, { action: 'part.create', entityType: 'part', entityId: id, after: { ...input, partNumber } });
    return id;
  });
  return getPart(deps, id);
}

/** Changes a part. Whether it is serial-tracked changes only while it has no stock movements. */
export async function updatePart(deps: Deps, ctx: RequestContext, id: number, patch: UpdatePartBody): Promise<PartDto> {
  await writeTransaction(deps, async (trx) => {
    const row = await loadPart(trx, id);
    const partNumber = patch.partNumber?.trim();
    if (partNumber !== undefined) await assertPartNumberFree(trx, partNumber, id);
    if (patch.serialTracked !== undefined && (patch.serialTracked ? 1 : 0) !== row.serial_tracked && (await repo.partHasMovements(trx, id))) {
      throw new AppError('part_has_stock', { partNumber: row.part_number });
    }
    await repo.updatePart(trx, id, {
      ...(partNumber !== undefined && { part_number: partNumber }),
      ...(patch.vendor !== undefined && { vendor: patch.vendor.trim() }),
      ...(patch.description !== undefined && { description: patch.description.trim() }),
      ...(patch.unit !== undefined && { unit: patch.unit.trim() }),
      ...(patch.serialTracked !== undefined && { serial_tracked: patch.serialTracked ? 1 : 0 }),
      ...(patch.active !== undefined && { active: patch.active ? 1 : 0 }),
      ...(patch.notes !== undefined && { notes: patch.notes.trim() }),
      updated_at: deps.clock.now(),
    });
    if (patch.models !== undefined) await repo.replacePartModels(trx, id, patch.models);
    await recordAudit(trx, deps.clock, ctx, { action: 'part.update', entityType: 'part', entityId: id, before: { partNumber: row.part_number, active: row.active === 1 }, after: patch });
  });
  return getPart(deps, id);
}

// Stores

/**
 * Where a store belongs: a central store to no customer; a site store to a site of its customer;
 * a project store to a contract of its customer (and optionally one of its sites). The customer
 * may be left out and is then taken from the site or contract.
 */
async function storePlacement(db: Executor, kind: string, input: { customerId?: number | null; siteId?: number | null; contractId?: number | null }) {
  const invalid = (summary: string) => new AppError('store_invalid', { summary }, { kind, ...input });
  const siteId = input.siteId ?? null;
  const contractId = input.contractId ?? null;
  let customerId = input.customerId ?? null;
  if (kind === 'central') {
    if (customerId !== null || siteId !== null || contractId !== null) throw invalid('a central store belongs to no customer, site or contract');
    return { customer_id: null, site_id: null, contract_id: null };
  }
  if (kind === 'site' && siteId === null) throw invalid('a site store names its site');
  if (kind === 'project' && contractId === null) throw invalid('a project store names its contract');
  const siteOwner = siteId !== null ? await siteCustomer(db, siteId) : null;
  if (siteId !== null && siteOwner === null) throw invalid(`site ${siteId} does not exist`);
  const contractOwner = contractId !== null ? ((await contractTerms(db, contractId))?.customerId ?? null) : null;
  if (contractId !== null && contractOwner === null) throw invalid(`contract ${contractId} does not exist`);
  customerId ??= siteOwner ?? contractOwner;
  if (customerId === null || !(await customerNames(db, [customerId])).has(customerId)) throw invalid(`customer ${customerId ?? ''} does not exist`.trim());
  if ((siteOwner !== null && siteOwner !== customerId) || (contractOwner !== null && contractOwner !== customerId)) throw invalid('the site and contract must be the customer’s own');
  return { customer_id: customerId, site_id: siteId, contract_id: contractId };
}

async function assertStoreNameFree(db: Executor, name: string, exceptId?: number): Promise<void> {
  const other = await repo.findStoreByName(db, name);
  if (other && other.id !== exceptId) throw new AppError('store_name_taken', { name });
}

/** One page of stores by name; a customer contact sees only those kept for their own organisation. */
export async function listStores(deps: Deps, ctx: RequestContext, query: StoreListQuery) {
  const limit = query.limit ?? 50;
  const afterName = query.cursor ? (decodeCursor(query.cursor, ['s'])[0] as string) : undefined;
  const rows = await repo.findStores(deps.db, { scope: customerScope(ctx), q: query.q, kind: query.kind, customerId: query.customerId, active: query.active, afterName, limit: limit + 1 });
  const page = pageOf(rows, limit, (r) => [r.name]);
  return { items: await presentStores(deps.db, page.rows), nextCursor: page.nextCursor };
}

/** One store. */
export async function getStore(deps: Deps, ctx: RequestContext, id: number): Promise<StoreDto> {
  return (await presentStores(deps.db, [await loadStore(deps.db, ctx, id)]))[0]!;
}

/** Opens a store: the central warehouse, or a site or project store of a customer (现场备件库). */
export async function createStore(deps: Deps, ctx: RequestContext, input: CreateStoreBody): Promise<StoreDto> {
  const id = await writeTransaction(deps, async (trx) => {
    const name = input.name.trim();
    await assertStoreNameFree(trx, name);
    const placement = await storePlacement(trx, input.kind, input);
    const now = deps.clock.now();
    const id = await repo.insertStore(trx, { name, kind: input.kind, ...placement, notes: input.notes?.trim() ?? '', created_at: now, updated_at: now });
    await recordAudit(trx, deps.clock, ctx, { action: 'store.create', entityType: 'store', entityId: id, after: { name, kind: input.kind, ...placement } });
    return id;
  });
  return getStore(deps, ctx, id);
}

/** Renames a store, moves it to another site or contract of the same customer, or closes it. */
export async function updateStore(deps: Deps, ctx: RequestContext, id: number, patch: UpdateStoreBody): Promise<StoreDto> {
  await writeTransaction(deps, async (trx) => {
    const row = await loadStore(trx, ctx, id);
    const name = patch.name?.trim();
    if (name !== undefined) await assertStoreNameFree(trx, name, id);
    const placement =
      patch.siteId !== undefined || patch.contractId !== undefined
        ? await storePlacement(trx, row.kind, {
            customerId: row.customer_id,
            siteId: patch.siteId !== undefined ? patch.siteId : row.site_id,
            contractId: patch.contractId !== undefined ? patch.contractId : row.contract_id,
          })
        : {};
    await repo.updateStore(trx, id, {
      ...(name !== undefined && { name }),
      ...placement,
      ...(patch.notes !== undefined && { notes: patch.notes.trim() }),
      ...(patch.active !== undefined && { active: patch.active ? 1 : 0 }),
      updated_at: deps.clock.now(),
    });
    await recordAudit(trx, deps.clock, ctx, { action: 'store.update', entityType: 'store', entityId: id, before: { name: row.name, siteId: row.site_id, contractId: row.contract_id, active: row.active === 1 }, after: patch });
  });
  return getStore(deps, ctx, id);
}
