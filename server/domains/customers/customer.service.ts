import type { Deps } from '../../deps.js';
import type { Executor } from '../../db/database.js';
import type { CustomerRow } from '../../db/schema.js';
import type { RequestContext } from '../../http/actor.js';
import { AppError } from '../../http/errors.js';
import { decodeCursor, pageOf } from '../../http/pagination.js';
import { recordAudit } from '../audit/audit.service.js';
import * as repo from './customer.repository.js';

export interface CustomerDto {
  id: number;
  code: string;
  name: string;
  createdAt: number;
  updatedAt: number;
}

function presentCustomer(row: CustomerRow): CustomerDto {
  return { id: row.id, code: row.code, name: row.name, createdAt: row.created_at, updatedAt: row.updated_at };
}

export async function assertCustomerExists(db: Executor, id: number): Promise<void> {
  if (!(await repo.findCustomerById(db, id))) throw new AppError('customer_not_found');
}

/**
 * One page of customers by code. A customer contact's list holds only their own organisation:
 * the scope is applied in the query, not left to the UI.
 */
export async function listCustomers(deps: Deps, ctx: RequestContext, query: { q?: string; cursor?: string; limit?: number }) {
  const limit = query.limit ?? 50;
  const afterCode = query.cursor ? (decodeCursor(query.cursor, ['s'])[0] as string) : undefined;
  const onlyId = ctx.actor?.customerId ?? undefined;
  const rows = await repo.findCustomers(deps.db, { q: query.q, onlyId, afterCode, limit: limit + 1 });
  const page = pageOf(rows, limit, (r) => [r.code]);
  return { items: page.rows.map(presentCustomer), nextCursor: page.nextCursor };
}

/** A customer by id; another organisation's record is "not found" to a customer contact. */
export async function getCustomer(deps: Deps, ctx: RequestContext, id: number): Promise<CustomerDto> {
  const scope = ctx.actor?.customerId;
  const row = await repo.findCustomerById(deps.db, id);
  if (!row || (scope != null && scope !== row.id)) throw new AppError('customer_not_found');
  return presentCustomer(row);
}

/** Opens a customer file (用户档案, R18) with its code and name. */
export async function createCustomer(deps: Deps, ctx: RequestContext, input: { code: string; name: string }): Promise<CustomerDto> {
  const code = input.code.trim().toUpperCase();
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    if (await repo.findCustomerByCode(trx, code)) throw new AppError('customer_code_taken', { code });
    const id = await repo.insertCustomer(trx, { code, name: input.name.trim(), created_at: now, updated_at: now });
    const customer = presentCustomer((await repo.findCustomerById(trx, id))!);
    await recordAudit(trx, deps.clock, ctx, { action: 'customer.create', entityType: 'customer', entityId: id, after: customer });
    return customer;
  });
}
