import type { Deps } from '../../deps.js';
import type { Executor } from '../../db/database.js';
import type { ContractRow } from '../../db/schema.js';
import type { RequestContext } from '../../http/actor.js';
import { AppError } from '../../http/errors.js';
import { decodeCursor, pageOf } from '../../http/pagination.js';
import { assertInScope, customerScope } from '../../http/scope.js';
import { dayIn, isIsoDay, latestDay } from '../../shared/dates.js';
import { recordAudit } from '../audit/audit.service.js';
import { assertClockSettingsExist, clockSettingNames, type ContractClockTerms } from '../clocks/clock-settings.service.js';
import { assertCustomerExists, customerNames } from '../customers/customer.service.js';
import { activeStaffIds, userSummaries } from '../users/user.service.js';
import * as repo from './contract.repository.js';
import type { ContractDto, ContractListQuery, CreateContractBody, UpdateContractBody } from './contract.schemas.js';

type Status = ContractDto['status'];

/** A contract is upcoming before its service period, active within it, expired after it. */
export function contractStatus(row: Pick<ContractRow, 'service_start' | 'service_end'>, today: string): Status {
  if (today < row.service_start) return 'upcoming';
  return today > row.service_end ? 'expired' : 'active';
}

/** The last day a contract covers its devices: the later of its service and warranty ends. */
export function contractCoverageEnd(row: Pick<ContractRow, 'service_end' | 'warranty_end'>): string {
  return latestDay(row.service_end, row.warranty_end)!;
}

function today(deps: Deps): string {
  return dayIn(deps.clock.now(), deps.config.timeZone);
}

async function presentContracts(deps: Deps, db: Executor, rows: ContractRow[]): Promise<ContractDto[]> {
  const names = await customerNames(db, rows.map((r) => r.customer_id));
  const residents = await repo.findResidentIds(db, rows.map((r) => r.id));
  const people = await userSummaries(db, [...rows.flatMap((r) => (r.owner_engineer_id ? [r.owner_engineer_id] : [])), ...[...residents.values()].flat()]);
  const clockNames = await clockSettingNames(
    db,
    rows.flatMap((r) => (r.clock_policy_id ? [r.clock_policy_id] : [])),
    rows.flatMap((r) => (r.calendar_id ? [r.calendar_id] : [])),
  );
  const day = today(deps);
  return rows.map((r) => {
    const residentIds = residents.get(r.id) ?? [];
    const engineerIds = [...new Set([...(r.owner_engineer_id ? [r.owner_engineer_id] : []), ...residentIds])];
    return {
      id: r.id,
      customerId: r.customer_id,
      customerName: names.get(r.customer_id)?.name ?? '',
      number: r.number,
      name: r.name,
      serviceStart: r.service_start,
      serviceEnd: r.service_end,
      warrantyStart: r.warranty_start,
      warrantyEnd: r.warranty_end,
      coverage: r.coverage as ContractDto['coverage'],
      clockPolicy: r.clock_policy,
      clockPolicyId: r.clock_policy_id,
      clockPolicyName: r.clock_policy_id ? (clockNames.policies.get(r.clock_policy_id) ?? null) : null,
      calendarId: r.calendar_id,
      calendarName: r.calendar_id ? (clockNames.calendars.get(r.calendar_id) ?? null) : null,
      inspectionFrequency: r.inspection_frequency as ContractDto['inspectionFrequency'],
      inspectionContent: r.inspection_content,
      sparesOnSite: r.spares_on_site === 1,
      handedOverOn: r.handed_over_on,
      ownerEngineerId: r.owner_engineer_id,
      residentEngineerIds: residentIds,
      engineers: engineerIds.flatMap((id) => {
        const p = people.get(id);
        return p ? [{ id: p.id, username: p.username, displayName: p.displayName }] : [];
      }),
      status: contractStatus(r, day),
      notes: r.notes,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  });
}

async function presentOne(deps: Deps, db: Executor, row: ContractRow): Promise<ContractDto> {
  return (await presentContracts(deps, db, [row]))[0]!;
}

async function loadContract(db: Executor, ctx: RequestContext, id: number): Promise<ContractRow> {
  return assertInScope(ctx, await repo.findContractById(db, id), 'contract_not_found');
}

function assertDays(...days: (string | null | undefined)[]): void {
  for (const d of days) if (d && !isIsoDay(d)) throw new AppError('invalid_date', { value: d });
}

function assertPeriods(c: { service_start: string; service_end: string; warranty_start: string | null; warranty_end: string | null }, locale: 'en' | 'zh-CN') {
  if (c.service_end < c.service_start) throw new AppError('invalid_period', { period: locale === 'en' ? 'service period' : '服务期' });
  if (c.warranty_start && c.warranty_end && c.warranty_end < c.warranty_start) {
    throw new AppError('invalid_period', { period: locale === 'en' ? 'warranty period' : '质保期' });
  }
}

async function assertEngineers(db: Executor, ids: number[]): Promise<void> {
  const valid = await activeStaffIds(db, ids);
  const invalid = ids.filter((id) => !valid.has(id));
  if (invalid.length) throw new AppError('engineer_invalid', { ids: invalid.join(', ') }, { ids: invalid });
}

/** The terms an asset inherits from its contract: its customer and the day cover ends. */
export async function contractTerms(db: Executor, id: number): Promise<{ customerId: number; coverageEnd: string } | null> {
  const row = await repo.findContractById(db, id);
  return row ? { customerId: row.customer_id, coverageEnd: contractCoverageEnd(row) } : null;
}

/** What a contract says about its service clocks (R4), for the clocks domain; null when there is no such contract. */
export async function contractClockTerms(db: Executor, id: number): Promise<ContractClockTerms | null> {
  const row = await repo.findContractById(db, id);
  return row ? { clockPolicyId: row.clock_policy_id, calendarId: row.calendar_id, coverage: row.coverage, sparesOnSite: row.spares_on_site === 1 } : null;
}

/** Contracts by id for entitlement lookups and asset presenters. */
export async function contractSummaries(db: Executor, ids: number[]) {
  const rows = await repo.findContractsByIds(db, ids);
  return new Map(
    rows.map((r) => [
      r.id,
      { id: r.id, number: r.number, name: r.name, coverage: r.coverage, serviceEnd: r.service_end, warrantyEnd: r.warranty_end, sparesOnSite: r.spares_on_site === 1, ownerEngineerId: r.owner_engineer_id, clockPolicyId: r.clock_policy_id, calendarId: r.calendar_id },
    ]),
  );
}

/** A contract's id by its number, for imports. */
export async function contractIdByNumber(db: Executor, number: string): Promise<ContractRow | undefined> {
  return repo.findContractByNumber(db, number.trim());
}

/** One page of contracts by number; a customer contact sees only their own organisation's. */
export async function listContracts(deps: Deps, ctx: RequestContext, query: ContractListQuery) {
  const limit = query.limit ?? 50;
  const scope = customerScope(ctx);
  if (scope !== null && query.customerId !== undefined && query.customerId !== scope) return { items: [], nextCursor: null };
  const afterNumber = query.cursor ? (decodeCursor(query.cursor, ['s'])[0] as string) : undefined;
  const rows = await repo.findContracts(deps.db, {
    customerId: scope ?? query.customerId ?? null,
    q: query.q,
    status: query.status,
    today: today(deps),
    afterNumber,
    limit: limit + 1,
  });
  const page = pageOf(rows, limit, (r) => [r.number]);
  return { items: await presentContracts(deps, deps.db, page.rows), nextCursor: page.nextCursor };
}

export async function getContract(deps: Deps, ctx: RequestContext, id: number): Promise<ContractDto> {
  return presentOne(deps, deps.db, await loadContract(deps.db, ctx, id));
}

/** Records a contract/project (R14): periods, coverage, inspections (R12), spares, hand-over, engineers. */
export async function createContract(deps: Deps, ctx: RequestContext, input: CreateContractBody): Promise<ContractDto> {
  return deps.db.transaction().execute(async (trx) => {
    await assertCustomerExists(trx, input.customerId, ctx);
    const number = input.number.trim();
    if (await repo.findContractByNumber(trx, number)) throw new AppError('contract_number_taken', { number });
    assertDays(input.serviceStart, input.serviceEnd, input.warrantyStart, input.warrantyEnd, input.handedOverOn);
    const now = deps.clock.now();
    const row: repo.ContractInsert = {
      customer_id: input.customerId,
      number,
      name: input.name.trim(),
      service_start: input.serviceStart,
      service_end: input.serviceEnd,
      warranty_start: input.warrantyStart ?? null,
      warranty_end: input.warrantyEnd ?? null,
      coverage: input.coverage ?? '7x24',
      clock_policy: input.clockPolicy ?? 'default',
      clock_policy_id: input.clockPolicyId ?? null,
      calendar_id: input.calendarId ?? null,
      inspection_frequency: input.inspectionFrequency ?? 'quarterly',
      inspection_content: input.inspectionContent ?? '',
      spares_on_site: input.sparesOnSite ? 1 : 0,
      handed_over_on: input.handedOverOn ?? null,
      owner_engineer_id: input.ownerEngineerId ?? null,
      notes: input.notes ?? '',
      created_at: now,
      updated_at: now,
    };
    assertPeriods(row, ctx.locale);
    const residents = input.residentEngineerIds ?? [];
    await assertEngineers(trx, [...(row.owner_engineer_id ? [row.owner_engineer_id] : []), ...residents]);
    await assertClockSettingsExist(trx, { clockPolicyId: row.clock_policy_id, calendarId: row.calendar_id });
    const id = await repo.insertContract(trx, row);
    await repo.replaceResidents(trx, id, residents);
    const contract = await presentOne(deps, trx, (await repo.findContractById(trx, id))!);
    await recordAudit(trx, deps.clock, ctx, { action: 'contract.create', entityType: 'contract', entityId: id, after: contract });
    return contract;
  });
}

/** Edits a contract; a change of its dates re-derives the coverage of every device it covers. */
export async function updateContract(deps: Deps, ctx: RequestContext, id: number, patch: UpdateContractBody): Promise<ContractDto> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await loadContract(trx, ctx, id);
    const before = await presentOne(deps, trx, row);
    const number = patch.number?.trim();
    if (number && number !== row.number && (await repo.findContractByNumber(trx, number))) throw new AppError('contract_number_taken', { number });
    assertDays(patch.serviceStart, patch.serviceEnd, patch.warrantyStart, patch.warrantyEnd, patch.handedOverOn);
    const next = {
      service_start: patch.serviceStart ?? row.service_start,
      service_end: patch.serviceEnd ?? row.service_end,
      warranty_start: patch.warrantyStart !== undefined ? patch.warrantyStart : row.warranty_start,
      warranty_end: patch.warrantyEnd !== undefined ? patch.warrantyEnd : row.warranty_end,
    };
    assertPeriods(next, ctx.locale);
    const owner = patch.ownerEngineerId !== undefined ? patch.ownerEngineerId : row.owner_engineer_id;
    await assertClockSettingsExist(trx, { clockPolicyId: patch.clockPolicyId, calendarId: patch.calendarId });
    if (patch.ownerEngineerId || patch.residentEngineerIds) {
      await assertEngineers(trx, [...(patch.ownerEngineerId ? [patch.ownerEngineerId] : []), ...(patch.residentEngineerIds ?? [])]);
    }
    await repo.updateContractRow(trx, id, {
      ...(number !== undefined && { number }),
      ...(patch.name !== undefined && { name: patch.name.trim() }),
      ...next,
      ...(patch.coverage !== undefined && { coverage: patch.coverage }),
      ...(patch.clockPolicy !== undefined && { clock_policy: patch.clockPolicy }),
      ...(patch.clockPolicyId !== undefined && { clock_policy_id: patch.clockPolicyId }),
      ...(patch.calendarId !== undefined && { calendar_id: patch.calendarId }),
      ...(patch.inspectionFrequency !== undefined && { inspection_frequency: patch.inspectionFrequency }),
      ...(patch.inspectionContent !== undefined && { inspection_content: patch.inspectionContent }),
      ...(patch.sparesOnSite !== undefined && { spares_on_site: patch.sparesOnSite ? 1 : 0 }),
      ...(patch.handedOverOn !== undefined && { handed_over_on: patch.handedOverOn }),
      owner_engineer_id: owner,
      ...(patch.notes !== undefined && { notes: patch.notes }),
      updated_at: deps.clock.now(),
    });
    if (patch.residentEngineerIds) await repo.replaceResidents(trx, id, patch.residentEngineerIds);
    const newEnd = contractCoverageEnd(next);
    if (newEnd !== contractCoverageEnd(row)) await repo.refreshCoverageOfContract(trx, id, newEnd);
    const after = await presentOne(deps, trx, (await repo.findContractById(trx, id))!);
    await recordAudit(trx, deps.clock, ctx, { action: 'contract.update', entityType: 'contract', entityId: id, before, after });
    return after;
  });
}

