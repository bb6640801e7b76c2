import type { Executor } from '../../db/database.js';
import type { RoutingRuleRow } from '../../db/schema.js';

export type RuleValues = Omit<RoutingRuleRow, 'id' | 'created_at' | 'updated_at'>;

export async function findRules(db: Executor, onlyActive: boolean): Promise<RoutingRuleRow[]> {
  let q = db.selectFrom('routing_rules').selectAll();
  if (onlyActive) q = q.where('active', '=', 1);
  return q.orderBy('position').orderBy('id').execute();
}

export async function findRule(db: Executor, id: number): Promise<RoutingRuleRow | undefined> {
  return db.selectFrom('routing_rules').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertRule(db: Executor, row: RuleValues & { created_at: number; updated_at: number }): Promise<number> {
  return (await db.insertInto('routing_rules').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateRule(db: Executor, id: number, row: RuleValues & { updated_at: number }): Promise<void> {
  await db.updateTable('routing_rules').set(row).where('id', '=', id).execute();
}

export async function deleteRuleRow(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('routing_rules').where('id', '=', id).execute();
}
