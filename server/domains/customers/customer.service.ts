import type { Deps } from '../../deps.js';
import type { Executor } from '../../db/database.js';
import type { CustomerRow } from '../../db/schema.js';
import type { RequestContext } from '../../http/actor.js';
import { AppError } from '../../http/errors.js';
import { decodeCursor, pageOf } from '../../http/pagination.js';
import { assertInScope, customerScope } from '../../http/scope.js';
import { recordAudit } from '../audit/audit.service.js';
import * as repo from './customer.repository.js';
import type { CreateCustomerBody, CustomerDto, CustomerListQuery, UpdateCustomerBody } from './customer.schemas.js';

function presentCustomer(row: CustomerRow): CustomerDto {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    industry: row.industry,
    address: row.address,
    phone: row.phone,
    notes: row.notes,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

async function loadCustomer(db: Executor, ctx: RequestContext, id: number): Promise<CustomerRow> {
  const row = await repo.findCustomerById(db, id);
  return assertInScope(ctx, row && { ...row, customer_id: row.id }, 'customer_not_found');
}

/** Throws customer_not_found unless the customer exists and is within the request's scope. */
export async function assertCustomerExists(db: Executor, id: number, ctx?: RequestContext): Promise<void> {
  const row = await repo.findCustomerById(db, id);
  if (!row || (ctx && customerScope(ctx) !== null && customerScope(ctx) !== id)) throw new AppError('customer_not_found');
}

/** Codes and names of customers by id, for other domains' presenters. */
export async function customerNames(db: Executor, ids: number[]) {
  return repo.findCustomerNames(db, ids);
}

/** Customers by code, for imports that name the customer by its code. */
export async function customersByCodes(db: Executor, codes: string[]): Promise<Map<string, number>> {
  const rows = await repo.findCustomersByCodes(db, [...new Set(codes)]);
  return new Map(rows.map((r) => [r.code, r.id]));
}

/**
 * One page of customers by code. A customer contact's list holds only their own organisation:
 * the scope is applied in the query, not left to the UI.
 */
export async function listCustomers(deps: Deps, ctx: RequestContext, query: CustomerListQuery) {
  const limit = query.limit ?? 50;
  const afterCode = query.cursor ? (decodeCursor(query.cursor, ['s'])[0] as string) : undefined;
  const rows = await repo.findCustomers(deps.db, { q: query.q, onlyId: customerScope(ctx), afterCode, limit: limit + 1 });
  const page = pageOf(rows, limit, (r) => [r.code]);
  return { items: page.rows.map(presentCustomer), nextCursor: page.nextCursor };
}

/** A customer file with its record counts; another organisation's is "not found" to a contact. */
export async function getCustomer(deps: Deps, ctx: RequestContext, id: number) {
  const row = await loadCustomer(deps.db, ctx, id);
  return { ...presentCustomer(row), counts: await repo.countCustomerRecords(deps.db, id) };
}

/** Opens a customer file (用户档案, R18). Runs inside the caller's transaction when given one. */
export async function createCustomerIn(trx: Executor, deps: Deps, ctx: RequestContext, input: CreateCustomerBody): Promise<CustomerDto> {
  const code = input.code.trim().toUpperCase();
  const now = deps.clock.now();
  if (await repo.findCustomerByCode(trx, code)) throw new AppError('customer_code_taken', { code });
  const id = await repo.insertCustomer(trx, {
    code,
    name: input.name.trim(),
    industry: input.industry?.trim() ?? '',
    address: input.address?.trim() ?? '',
    phone: input.phone?.trim() ?? '',
    notes: input.notes ?? '',
    created_at: now,
    updated_at: now,
  });
  const customer = presentCustomer((await repo.findCustomerById(trx, id))!);
  await recordAudit(trx, deps.clock, ctx, { action: 'customer.create', entityType: 'customer', entityId: id, after: customer });
  return customer;
}

/** Opens a customer file (用户档案, R18) with its code, name and details. */
export async function createCustomer(deps: Deps, ctx: RequestContext, input: CreateCustomerBody): Promise<CustomerDto> {
  return deps.db.transaction().execute((trx) => createCustomerIn(trx, deps, ctx, input));
}

/** Edits a customer file. */
export async function updateCustomer(deps: Deps, ctx: RequestContext, id: number, patch: UpdateCustomerBody): Promise<CustomerDto> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await loadCustomer(trx, ctx, id);
    const code = patch.code?.trim().toUpperCase();
    if (code && code !== row.code && (await repo.findCustomerByCode(trx, code))) throw new AppError('customer_code_taken', { code });
    await repo.updateCustomerRow(trx, id, {
      ...(code !== undefined && { code }),
      ...(patch.name !== undefined && { name: patch.name.trim() }),
      ...(patch.industry !== undefined && { industry: patch.industry.trim() }),
      ...(patch.address !== undefined && { address: patch.address.trim() }),
      ...(patch.phone !== undefined && { phone: patch.phone.trim() }),
      ...(patch.notes !== undefined && { notes: patch.notes }),
      updated_at: deps.clock.now(),
    });
    const after = presentCustomer((await repo.findCustomerById(trx, id))!);
    await recordAudit(trx, deps.clock, ctx, { action: 'customer.update', entityType: 'customer', entityId: id, before: presentCustomer(row), after });
    return after;
  });
}
