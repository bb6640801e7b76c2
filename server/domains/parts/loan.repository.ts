import type { Insertable, Updateable } from 'kysely';
import type { Engine, Executor } from '../../db/database.js';
import type { LoanRow, LoansTable } from '../../db/schema.js';

/** Loans of loaner units: all their SQL. */

export async function insertLoan(db: Executor, row: Insertable<LoansTable>): Promise<number> {
  return (await db.insertInto('loans').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** A loan; on PostgreSQL locked for the transaction, so two returns of it queue. */
export async function findLoan(db: Executor, id: number, lock?: { engine: Engine }): Promise<LoanRow | undefined> {
  let q = db.selectFrom('loans').selectAll().where('id', '=', id);
  if (lock?.engine === 'postgres') q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Changes a loan only while it is in `fromState`; false when another request got there first. */
export async function updateLoan(db: Executor, id: number, fromState: string, patch: Updateable<LoansTable>): Promise<boolean> {
  const result = await db.updateTable('loans').set(patch).where('id', '=', id).where('state', '=', fromState).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Loans newest first (keyset on id), along the state or customer index. */
export async function findLoans(db: Executor, f: { state?: string; overdueBefore?: string; customerId?: number; beforeId?: number; limit: number }): Promise<LoanRow[]> {
  let q = db.selectFrom('loans').selectAll();
  if (f.state !== undefined) q = q.where('state', '=', f.state);
  if (f.overdueBefore !== undefined) q = q.where('state', '=', 'open').where('expected_return', 'is not', null).where('expected_return', '<', f.overdueBefore);
  if (f.customerId !== undefined) q = q.where('customer_id', '=', f.customerId);
  if (f.beforeId !== undefined) q = q.where('id', '<', f.beforeId);
  return q.orderBy('id', 'desc').limit(f.limit).execute();
}
