import type { Deps } from '../../deps.js';
import type { Executor } from '../../db/database.js';
import type { AssetRow } from '../../db/schema.js';
import type { RequestContext } from '../../http/actor.js';
import { AppError } from '../../http/errors.js';
import { decodeCursor, encodeCursor } from '../../http/pagination.js';
import { assertInScope, customerScope } from '../../http/scope.js';
import { dayIn, isIsoDay } from '../../shared/dates.js';
import { recordAudit } from '../audit/audit.service.js';
import { assertCustomerExists, customerNames } from '../customers/customer.service.js';
import { contractSummaries, contractTerms } from '../contracts/contract.service.js';
import { siteCustomer, siteNames } from '../sites/site.service.js';
import * as repo from './asset.repository.js';
import type { AssetChangeDto, AssetDto, AssetListQuery, ChangeSource, CreateAssetBody, LookupQuery, UpdateAssetBody } from './asset.schemas.js';
import { latestDay } from '../../shared/dates.js';
import { warrantyOn } from './warranty.js';

function today(deps: Deps): string {
  return dayIn(deps.clock.now(), deps.config.timeZone);
}

/** The customers, contracts and sites a set of assets points to, loaded once for presenting them. */
async function loadRefs(db: Executor, rows: AssetRow[]) {
  const [customers, contracts, sites] = await Promise.all([
    customerNames(db, rows.map((r) => r.customer_id)),
    contractSummaries(db, rows.flatMap((r) => (r.contract_id === null ? [] : [r.contract_id]))),
    siteNames(db, rows.flatMap((r) => (r.site_id === null ? [] : [r.site_id]))),
  ]);
  return { customers, contracts, sites };
}
type Refs = Awaited<ReturnType<typeof loadRefs>>;

async function presentAssets(deps: Deps, db: Executor, rows: AssetRow[], refs?: Refs): Promise<AssetDto[]> {
  const { customers, contracts, sites } = refs ?? (await loadRefs(db, rows));
  const day = today(deps);
  return rows.map((r) => ({
    id: r.id,
    customerId: r.customer_id,
    customerName: customers.get(r.customer_id)?.name ?? '',
    contractId: r.contract_id,
    contractNumber: r.contract_id === null ? null : (contracts.get(r.contract_id)?.number ?? null),
    siteId: r.site_id,
    siteName: r.site_id === null ? null : (sites.get(r.site_id)?.name ?? null),
    parentId: r.parent_id,
    serialNumber: r.serial_number,
    vendor: r.vendor,
    model: r.model,
    category: r.category as AssetDto['category'],
    room: r.room,
    rack: r.rack,
    unit: r.unit,
    softwareVersion: r.software_version,
    firmwareVersion: r.firmware_version,
    ipAddress: r.ip_address,
    hostname: r.hostname,
    installDate: r.install_date,
    warrantyEnd: r.warranty_end,
    warrantyCardNo: r.warranty_card_no,
    status: r.status as AssetDto['status'],
    customFields: JSON.parse(r.custom_fields_json) as Record<string, string>,
    notes: r.notes,
    warranty: warrantyOn(r.coverage_end, day),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

async function presentOne(deps: Deps, db: Executor, row: AssetRow): Promise<AssetDto> {
  return (await presentAssets(deps, db, [row]))[0]!;
}

async function loadAsset(db: Executor, ctx: RequestContext, id: number): Promise<AssetRow> {
  return assertInScope(ctx, await repo.findAssetById(db, id), 'asset_not_found');
}

/** The contract, site and parent an asset points to must exist and belong to the asset's customer. */
async function checkLinks(db: Executor, customerId: number, links: { contractId: number | null; siteId: number | null; parentId: number | null }, selfId?: number) {
  let contractEnd: string | null = null;
  if (links.contractId !== null) {
    const terms = await contractTerms(db, links.contractId);
    if (!terms || terms.customerId !== customerId) throw new AppError('asset_link_invalid', { link: 'contract' }, { field: 'contractId' });
    contractEnd = terms.coverageEnd;
  }
  if (links.siteId !== null && (await siteCustomer(db, links.siteId)) !== customerId) {
    throw new AppError('asset_link_invalid', { link: 'site' }, { field: 'siteId' });
  }
  if (links.parentId !== null) {
    const parent = await repo.findAssetById(db, links.parentId);
    if (!parent || parent.customer_id !== customerId) throw new AppError('asset_link_invalid', { link: 'parent asset' }, { field: 'parentId' });
    if (selfId !== undefined && (links.parentId === selfId || (await repo.findAncestorIds(db, links.parentId)).includes(selfId))) {
      throw new AppError('asset_parent_cycle');
    }
  }
  return { contractEnd };
}

function assertDays(...days: (string | null | undefined)[]): void {
  for (const d of days) if (d && !isIsoDay(d)) throw new AppError('invalid_date', { value: d });
}

/** Registers a device or system, inside the caller's transaction (imports register many in one). */
export async function createAssetIn(trx: Executor, deps: Deps, ctx: RequestContext, input: CreateAssetBody, source: ChangeSource = 'manual'): Promise<AssetDto> {
  await assertCustomerExists(trx, input.customerId, ctx);
  assertDays(input.installDate, input.warrantyEnd);
  const serial = repo.normaliseSerial(input.serialNumber);
  const vendor = input.vendor.trim();
  if (await repo.findAssetByVendorSerial(trx, vendor.toLowerCase(), serial)) throw new AppError('serial_taken', { serial, vendor }, { field: 'serialNumber' });
  const links = { contractId: input.contractId ?? null, siteId: input.siteId ?? null, parentId: input.parentId ?? null };
  const { contractEnd } = await checkLinks(trx, input.customerId, links);
  const now = deps.clock.now();
  const id = await repo.insertAsset(trx, {
    customer_id: input.customerId,
    contract_id: links.contractId,
    site_id: links.siteId,
    parent_id: links.parentId,
    serial_number: serial,
    vendor,
    vendor_key: vendor.toLowerCase(),
    model: input.model.trim(),
    category: input.category,
    room: input.room?.trim() ?? '',
    rack: input.rack?.trim() ?? '',
    unit: input.unit?.trim() ?? '',
    software_version: input.softwareVersion?.trim() ?? '',
    firmware_version: input.firmwareVersion?.trim() ?? '',
    ip_address: input.ipAddress?.trim() ?? '',
    hostname: input.hostname?.trim() ?? '',
    install_date: input.installDate ?? null,
    warranty_end: input.warrantyEnd ?? null,
    coverage_end: latestDay(input.warrantyEnd, contractEnd),
    warranty_card_no: input.warrantyCardNo?.trim() ?? '',
    status: input.status ?? 'in_service',
    custom_fields_json: JSON.stringify(input.customFields ?? {}),
    notes: input.notes ?? '',
    created_at: now,
    updated_at: now,
  });
  await repo.insertChanges(trx, [
    { asset_id: id, customer_id: input.customerId, at: now, field: 'created', old_value: null, new_value: `${vendor} ${input.model.trim()} ${serial}`, source, actor_user_id: ctx.actor?.userId ?? null, actor_name: ctx.actor?.username ?? 'system', note: '' },
  ]);
  const asset = await presentOne(deps, trx, (await repo.findAssetById(trx, id))!);
  await recordAudit(trx, deps.clock, ctx, { action: 'asset.create', entityType: 'asset', entityId: id, after: asset });
  return asset;
}

/**
 * Puts a loaner device (备用机, R6) on a customer's site as one of their assets, status `on_loan`,
 * inside the caller's transaction. The first time the device is lent it is registered; lent again
 * after coming back (status `returned`), the same record moves to the new customer, so faults
 * reported on it keep pointing at the one device — each customer's contacts see only the history
 * of its time with them. A serial registered as someone's own device is `serial_taken`.
 */
export async function placeLoanerIn(
  trx: Executor,
  deps: Deps,
  ctx: RequestContext,
  input: Pick<CreateAssetBody, 'customerId' | 'serialNumber' | 'vendor' | 'model' | 'category' | 'siteId' | 'contractId' | 'notes' | 'customFields'>,
): Promise<AssetDto> {
  const serial = repo.normaliseSerial(input.serialNumber);
  const vendor = input.vendor.trim();
  const existing = await repo.findAssetByVendorSerial(trx, vendor.toLowerCase(), serial);
  if (!existing) return createAssetIn(trx, deps, ctx, { ...input, status: 'on_loan' });
  if (existing.status !== 'returned') throw new AppError('serial_taken', { serial, vendor }, { field: 'serialNumber' });
  await assertCustomerExists(trx, input.customerId, ctx);
  const links = { contractId: input.contractId ?? null, siteId: input.siteId ?? null, parentId: null };
  const { contractEnd } = await checkLinks(trx, input.customerId, links);
  const now = deps.clock.now();
  await repo.moveAsset(trx, existing.id, {
    customer_id: input.customerId,
    contract_id: links.contractId,
    site_id: links.siteId,
    parent_id: null,
    model: input.model.trim(),
    category: input.category,
    room: '',
    rack: '',
    unit: '',
    coverage_end: latestDay(existing.warranty_end, contractEnd),
    status: 'on_loan',
    custom_fields_json: JSON.stringify(input.customFields ?? {}),
    notes: input.notes ?? '',
    updated_at: now,
  });
  await repo.insertChanges(trx, [
    { asset_id: existing.id, customer_id: input.customerId, at: now, field: 'created', old_value: null, new_value: `${vendor} ${input.model.trim()} ${serial}`, source: 'manual', actor_user_id: ctx.actor?.userId ?? null, actor_name: ctx.actor?.username ?? 'system', note: input.notes ?? '' },
  ]);
  const asset = await presentOne(deps, trx, (await repo.findAssetById(trx, existing.id))!);
  await recordAudit(trx, deps.clock, ctx, { action: 'asset.lend', entityType: 'asset', entityId: existing.id, before: { customerId: existing.customer_id, status: existing.status }, after: asset });
  return asset;
}

/** Registers a device or system under a customer (and optionally a contract, site and parent). */
export async function createAsset(deps: Deps, ctx: RequestContext, input: CreateAssetBody): Promise<AssetDto> {
  return deps.db.transaction().execute((trx) => createAssetIn(trx, deps, ctx, input));
}

// The fields whose every change is kept in the device's history (R12, R13), with the value shown.
// Sites and contracts are recorded by name and number, which stay readable after a rename.
type Names = { sites: Map<number, { name: string }>; contracts: Map<number, { number: string }> };
const TRACKED: { field: string; value: (r: AssetRow, n: Names) => string | null }[] = [
  { field: 'serial_number', value: (r) => r.serial_number },
  { field: 'vendor', value: (r) => r.vendor },
  { field: 'model', value: (r) => r.model },
  { field: 'software_version', value: (r) => r.software_version || null },
  { field: 'firmware_version', value: (r) => r.firmware_version || null },
  { field: 'location', value: (r) => [r.room, r.rack, r.unit].filter(Boolean).join(' / ') || null },
  { field: 'site', value: (r, n) => (r.site_id === null ? null : (n.sites.get(r.site_id)?.name ?? String(r.site_id))) },
  { field: 'status', value: (r) => r.status },
  { field: 'contract', value: (r, n) => (r.contract_id === null ? null : (n.contracts.get(r.contract_id)?.number ?? String(r.contract_id))) },
  { field: 'warranty_end', value: (r) => r.warranty_end },
];

/**
 * Changes an asset's record. Every change of serial, versions, location, site, status, contract or
 * warranty becomes a history entry with who, when and the source (manual, import, inspection,
 * repair), in the same transaction as the change.
 */
export async function updateAssetIn(trx: Executor, deps: Deps, ctx: RequestContext, id: number, patch: UpdateAssetBody, source: ChangeSource = 'manual'): Promise<AssetDto> {
  const row = await loadAsset(trx, ctx, id);
  assertDays(patch.installDate, patch.warrantyEnd);
  const serial = patch.serialNumber !== undefined ? repo.normaliseSerial(patch.serialNumber) : row.serial_number;
  const vendor = patch.vendor?.trim() ?? row.vendor;
  if ((serial !== row.serial_number || vendor.toLowerCase() !== row.vendor_key) && (await repo.findAssetByVendorSerial(trx, vendor.toLowerCase(), serial))) {
    throw new AppError('serial_taken', { serial, vendor }, { field: 'serialNumber' });
  }
  const links = {
    contractId: patch.contractId !== undefined ? patch.contractId : row.contract_id,
    siteId: patch.siteId !== undefined ? patch.siteId : row.site_id,
    parentId: patch.parentId !== undefined ? patch.parentId : row.parent_id,
  };
  const { contractEnd } = await checkLinks(trx, row.customer_id, links, id);
  const warrantyEnd = patch.warrantyEnd !== undefined ? patch.warrantyEnd : row.warranty_end;
  const now = deps.clock.now();
  const next: AssetRow = {
    ...row,
    serial_number: serial,
    vendor,
    vendor_key: vendor.toLowerCase(),
    model: patch.model?.trim() ?? row.model,
    category: patch.category ?? row.category,
    contract_id: links.contractId,
    site_id: links.siteId,
    parent_id: links.parentId,
    room: patch.room?.trim() ?? row.room,
    rack: patch.rack?.trim() ?? row.rack,
    unit: patch.unit?.trim() ?? row.unit,
    software_version: patch.softwareVersion?.trim() ?? row.software_version,
    firmware_version: patch.firmwareVersion?.trim() ?? row.firmware_version,
    ip_address: patch.ipAddress?.trim() ?? row.ip_address,
    hostname: patch.hostname?.trim() ?? row.hostname,
    install_date: patch.installDate !== undefined ? patch.installDate : row.install_date,
    warranty_end: warrantyEnd,
    coverage_end: latestDay(warrantyEnd, contractEnd),
    warranty_card_no: patch.warrantyCardNo?.trim() ?? row.warranty_card_no,
    status: patch.status ?? row.status,
    custom_fields_json: patch.customFields !== undefined ? JSON.stringify(patch.customFields) : row.custom_fields_json,
    notes: patch.notes ?? row.notes,
    updated_at: now,
  };
  const { id: _id, customer_id: _c, created_at: _t, ...values } = next;
  await repo.updateAssetRow(trx, id, values);
  const ids = (a: number | null, b: number | null) => [a, b].filter((x): x is number => x !== null);
  const names: Names = {
    sites: await siteNames(trx, ids(row.site_id, next.site_id)),
    contracts: await contractSummaries(trx, ids(row.contract_id, next.contract_id)),
  };
  const changes = TRACKED.flatMap(({ field, value }) => {
    const before = value(row, names);
    const after = value(next, names);
    return before === after
      ? []
      : [{ asset_id: id, customer_id: row.customer_id, at: now, field, old_value: before, new_value: after, source, actor_user_id: ctx.actor?.userId ?? null, actor_name: ctx.actor?.username ?? 'system', note: patch.changeNote?.trim() ?? '' }];
  });
  await repo.insertChanges(trx, changes);
  const before = await presentOne(deps, trx, row);
  const after = await presentOne(deps, trx, (await repo.findAssetById(trx, id))!);
  await recordAudit(trx, deps.clock, ctx, { action: 'asset.update', entityType: 'asset', entityId: id, before, after });
  return after;
}

/** Changes an asset's record, keeping the history of what changed. */
export async function updateAsset(deps: Deps, ctx: RequestContext, id: number, patch: UpdateAssetBody, source: ChangeSource = 'manual'): Promise<AssetDto> {
  return deps.db.transaction().execute((trx) => updateAssetIn(trx, deps, ctx, id, patch, source));
}

/** One asset with its components; another customer's is "not found" to a customer contact. */
export async function getAsset(deps: Deps, ctx: RequestContext, id: number) {
  const row = await loadAsset(deps.db, ctx, id);
  const components = await repo.findComponents(deps.db, id);
  return {
    ...(await presentOne(deps, deps.db, row)),
    components: components.map((c) => ({ id: c.id, serialNumber: c.serial_number, vendor: c.vendor, model: c.model, category: c.category, status: c.status })),
  };
}

/** One page of the filtered asset list, scoped to a customer contact's own organisation. */
export async function listAssets(deps: Deps, ctx: RequestContext, query: AssetListQuery) {
  const limit = query.limit ?? 50;
  const scope = customerScope(ctx);
  if (scope !== null && query.customerId !== undefined && query.customerId !== scope) return { items: [], nextCursor: null };
  const byCoverage = query.expiringWithinDays !== undefined;
  const after = query.cursor ? decodeCursor(query.cursor, byCoverage ? ['s', 'n'] : ['n']) : undefined;
  const { cursor: _c, limit: _l, ...filters } = query;
  const rows = await repo.findAssets(deps.db, deps.engine, { ...filters, scopeCustomerId: scope, today: today(deps), after, limit: limit + 1 });
  const pageRows = rows.slice(0, limit);
  const last = pageRows[pageRows.length - 1];
  const nextCursor = rows.length > limit && last ? encodeCursor(byCoverage ? [last.coverage_end ?? '', last.id] : [last.id]) : null;
  return { items: await presentAssets(deps, deps.db, pageRows), nextCursor };
}

/**
 * Entitlement by serial number (R5): the asset, its customer, contract, site and warranty state
 * with days left. `serial` finds exact matches; `prefix` the first ten while an agent types.
 */
export async function lookupSerial(deps: Deps, ctx: RequestContext, query: LookupQuery) {
  const scope = customerScope(ctx);
  const rows = query.serial
    ? await repo.findAssetsBySerial(deps.db, deps.engine, repo.normaliseSerial(query.serial), scope)
    : await repo.findAssetsBySerialPrefix(deps.db, deps.engine, repo.normaliseSerial(query.prefix ?? ''), scope, 10);
  const refs = await loadRefs(deps.db, rows);
  const { customers, contracts, sites } = refs;
  const assets = await presentAssets(deps, deps.db, rows, refs);
  return {
    items: rows.map((r, i) => {
      const site = r.site_id === null ? undefined : sites.get(r.site_id);
      return {
        asset: assets[i]!,
        customer: { id: r.customer_id, code: customers.get(r.customer_id)?.code ?? '', name: customers.get(r.customer_id)?.name ?? '' },
        contract: r.contract_id === null ? null : (contracts.get(r.contract_id) ?? null),
        site: site && r.site_id !== null ? { id: r.site_id, name: site.name, address: site.address } : null,
        warranty: assets[i]!.warranty,
      };
    }),
  };
}

/**
 * The vendors (lower case) under which `serial` is already in the register, whatever the record's
 * status: what an import must not add again (serial_taken).
 */
export async function vendorsWithSerial(deps: Deps, serial: string): Promise<Set<string>> {
  const rows = await repo.findAssetsBySerial(deps.db, deps.engine, repo.normaliseSerial(serial), null, { includeReturned: true });
  return new Set(rows.map((r) => r.vendor.toLowerCase()));
}

/** An asset's change history, newest first (the start of its maintenance archive, R13). */
export async function listAssetHistory(deps: Deps, ctx: RequestContext, id: number, query: { cursor?: string; limit?: number }) {
  await loadAsset(deps.db, ctx, id);
  const limit = query.limit ?? 50;
  const beforeId = query.cursor ? (decodeCursor(query.cursor, ['n'])[0] as number) : undefined;
  // A loaner lent to several customers in turn: a contact sees only its time at their own site.
  const rows = await repo.findChanges(deps.db, id, beforeId, limit + 1, customerScope(ctx) ?? undefined);
  const pageRows = rows.slice(0, limit);
  const items: AssetChangeDto[] = pageRows.map((r) => ({
    id: r.id,
    at: r.at,
    field: r.field,
    oldValue: r.old_value,
    newValue: r.new_value,
    source: r.source as AssetChangeDto['source'],
    actorName: r.actor_name,
    note: r.note,
  }));
  return { items, nextCursor: rows.length > limit ? encodeCursor([pageRows[pageRows.length - 1]!.id]) : null };
}

/** What a ticket (or a spare-parts case) needs of its asset: customer, contract, serial, vendor, model, category, status. */
export async function assetFacts(db: Executor, ids: number[]) {
  const rows = await repo.findAssetsByIds(db, ids);
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        customerId: r.customer_id,
        contractId: r.contract_id,
        siteId: r.site_id,
        serialNumber: r.serial_number,
        model: `${r.vendor} ${r.model}`,
        vendor: r.vendor,
        modelName: r.model,
        category: r.category,
        status: r.status,
      },
    ]),
  );
}
