import type { Executor } from '../../db/database.js';
import type { TeamRow } from '../../db/schema.js';

export async function findTeamById(db: Executor, id: number): Promise<TeamRow | undefined> {
  return db.selectFrom('teams').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findTeamByName(db: Executor, name: string): Promise<TeamRow | undefined> {
  return db.selectFrom('teams').selectAll().where('name', '=', name).executeTakeFirst();
}

/** By name, which is unique, so it is also the keyset. */
export async function findTeams(db: Executor, f: { q?: string; memberId?: number; afterName?: string; limit: number }) {
  let q = db.selectFrom('teams').selectAll();
  if (f.q) q = q.where((eb) => eb(eb.fn('lower', ['name']), 'like', `%${f.q!.toLowerCase().replace(/[\\%_]/g, '')}%`));
  if (f.memberId !== undefined) {
    q = q.where('id', 'in', (eb) => eb.selectFrom('team_members').select('team_id').where('user_id', '=', f.memberId!));
  }
  if (f.afterName !== undefined) q = q.where('name', '>', f.afterName);
  return q.orderBy('name').limit(f.limit).execute();
}

export async function findMemberIds(db: Executor, teamIds: number[]): Promise<Map<number, number[]>> {
  const map = new Map<number, number[]>();
  if (teamIds.length === 0) return map;
  const rows = await db.selectFrom('team_members').select(['team_id', 'user_id']).where('team_id', 'in', teamIds).execute();
  for (const r of rows) map.set(r.team_id, [...(map.get(r.team_id) ?? []), r.user_id]);
  return map;
}

export async function insertTeam(db: Executor, row: { name: string; description: string; lead_user_id: number | null; created_at: number; updated_at: number }) {
  const inserted = await db.insertInto('teams').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function updateTeamRow(db: Executor, id: number, patch: { name?: string; description?: string; lead_user_id?: number | null; updated_at: number }) {
  await db.updateTable('teams').set(patch).where('id', '=', id).execute();
}

export async function replaceMembers(db: Executor, teamId: number, userIds: number[]): Promise<void> {
  await db.deleteFrom('team_members').where('team_id', '=', teamId).execute();
  if (userIds.length) await db.insertInto('team_members').values(userIds.map((user_id) => ({ team_id: teamId, user_id }))).execute();
}

export async function deleteTeamRow(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('teams').where('id', '=', id).execute();
}

export async function findTeamsByIds(db: Executor, ids: number[]): Promise<TeamRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('teams').selectAll().where('id', 'in', ids).execute();
}

export async function findTeamIdsOfMember(db: Executor, userId: number): Promise<number[]> {
  const rows = await db.selectFrom('team_members').select('team_id').where('user_id', '=', userId).orderBy('team_id').execute();
  return rows.map((r) => r.team_id);
}
