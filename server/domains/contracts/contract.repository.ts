import { coalesced } from '../../db/coalesce.js';
import type { Executor } from '../../db/database.js';
import type { ContractRow } from '../../db/schema.js';
import { preparedSql, runPrepared } from '../../db/statements.js';

export type ContractInsert = {
  customer_id: number;
  number: string;
  name: string;
  service_start: string;
  service_end: string;
  warranty_start: string | null;
  warranty_end: string | null;
  coverage: string;
  clock_policy: string;
  inspection_frequency: string;
  inspection_content: string;
  spares_on_site: number;
  handed_over_on: string | null;
  owner_engineer_id: number | null;
  notes: string;
  clock_policy_id?: number | null;
  calendar_id?: number | null;
  created_at: number;
  updated_at: number;
};

export async function findContractById(db: Executor, id: number): Promise<ContractRow | undefined> {
  return db.selectFrom('contracts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findContractByNumber(db: Executor, number: string): Promise<ContractRow | undefined> {
  return db.selectFrom('contracts').selectAll().where('number', '=', number).executeTakeFirst();
}

// A ticket on a contract reads its terms: merged with concurrent reads (db/coalesce.ts).
const contractRows = coalesced<number, ContractRow>({
  name: 'contracts.byId',
  one: (db, ids) => db.selectFrom('contracts').selectAll().where('id', 'in', ids).execute(),
  many: async (db, ids) => (await runPrepared<ContractRow>(db, 'postgres', contractsByIds(ids))).rows,
  keyOf: (row) => row.id,
});
const contractsByIds = preparedSql`select * from contracts where id = any(${'ids'}::bigint[])`;

export async function findContractsByIds(db: Executor, ids: number[]): Promise<ContractRow[]> {
  return contractRows(db, [...new Set(ids)]);
}

/** Contracts by number (unique, the keyset). `today` decides the derived status filter. */
export async function findContracts(
  db: Executor,
  f: { customerId: number | null; q?: string; status?: 'upcoming' | 'active' | 'expired'; today: string; afterNumber?: string; limit: number },
): Promise<ContractRow[]> {
  let q = db.selectFrom('contracts').selectAll();
  if (f.customerId !== null) q = q.where('customer_id', '=', f.customerId);
  if (f.q) {
    const like = `%${f.q.toLowerCase().replace(/[\\%_]/g, '')}%`;
    q = q.where((eb) => eb.or([eb(eb.fn('lower', ['number']), 'like', like), eb(eb.fn('lower', ['name']), 'like', like)]));
  }
  if (f.status === 'upcoming') q = q.where('service_start', '>', f.today);
  if (f.status === 'expired') q = q.where('service_end', '<', f.today);
  if (f.status === 'active') q = q.where('service_start', '<=', f.today).where('service_end', '>=', f.today);
  if (f.afterNumber !== undefined) q = q.where('number', '>', f.afterNumber);
  return q.orderBy('number').limit(f.limit).execute();
}

export async function insertContract(db: Executor, row: ContractInsert): Promise<number> {
  return (await db.insertInto('contracts').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateContractRow(db: Executor, id: number, patch: Partial<ContractInsert> & { updated_at: number }): Promise<void> {
  await db.updateTable('contracts').set(patch).where('id', '=', id).execute();
}

export async function findResidentIds(db: Executor, contractIds: number[]): Promise<Map<number, number[]>> {
  const map = new Map<number, number[]>();
  if (contractIds.length === 0) return map;
  const rows = await db.selectFrom('contract_engineers').select(['contract_id', 'user_id']).where('contract_id', 'in', contractIds).execute();
  for (const r of rows) map.set(r.contract_id, [...(map.get(r.contract_id) ?? []), r.user_id]);
  return map;
}

export async function replaceResidents(db: Executor, contractId: number, userIds: number[]): Promise<void> {
  await db.deleteFrom('contract_engineers').where('contract_id', '=', contractId).execute();
  if (userIds.length) await db.insertInto('contract_engineers').values(userIds.map((user_id) => ({ contract_id: contractId, user_id }))).execute();
}

/**
 * A contract's dates decide how long its devices are covered: when they change, every covered
 * asset's stored coverage end becomes the later of its own warranty end and the contract's end
 * (kept in the row so "expiring in 30 days" stays an index range; see assets/warranty.ts).
 */
export async function refreshCoverageOfContract(db: Executor, contractId: number, contractEnd: string): Promise<void> {
  await db
    .updateTable('assets')
    .set((eb) => ({
      coverage_end: eb
        .case()
        .when(eb.and([eb('warranty_end', 'is not', null), eb('warranty_end', '>', contractEnd)]))
        .then(eb.ref('warranty_end'))
        .else(contractEnd)
        .end(),
    }))
    .where('contract_id', '=', contractId)
    .execute();
}
