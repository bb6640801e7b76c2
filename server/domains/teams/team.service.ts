import type { Deps } from '../../deps.js';
import type { Executor } from '../../db/database.js';
import type { TeamRow } from '../../db/schema.js';
import type { RequestContext } from '../../http/actor.js';
import { AppError } from '../../http/errors.js';
import { decodeCursor, pageOf } from '../../http/pagination.js';
import { recordAudit } from '../audit/audit.service.js';
import { activeStaffIds, userSummaries } from '../users/user.service.js';
import * as repo from './team.repository.js';
import type { CreateTeamBody, TeamDto, TeamListQuery, UpdateTeamBody } from './team.schemas.js';

async function presentTeams(db: Executor, rows: TeamRow[]): Promise<TeamDto[]> {
  const members = await repo.findMemberIds(db, rows.map((r) => r.id));
  const people = await userSummaries(db, [...members.values()].flat());
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    description: row.description,
    leadUserId: row.lead_user_id,
    members: (members.get(row.id) ?? [])
      .map((id) => people.get(id))
      .filter((p) => p !== undefined)
      .sort((a, b) => a.username.localeCompare(b.username)),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }));
}

async function loadTeam(db: Executor, id: number): Promise<TeamRow> {
  const row = await repo.findTeamById(db, id);
  if (!row) throw new AppError('team_not_found');
  return row;
}

/** Members must be active staff and the lead one of them. */
async function assertMembership(db: Executor, memberIds: number[], leadUserId: number | null): Promise<void> {
  const valid = await activeStaffIds(db, memberIds);
  const invalid = memberIds.filter((id) => !valid.has(id));
  if (invalid.length) throw new AppError('team_member_invalid', { ids: invalid.join(', ') }, { ids: invalid });
  if (leadUserId !== null && !memberIds.includes(leadUserId)) throw new AppError('team_lead_not_member');
}

/** One page of teams by name, with their members. */
export async function listTeams(deps: Deps, query: TeamListQuery) {
  const limit = query.limit ?? 50;
  const afterName = query.cursor ? (decodeCursor(query.cursor, ['s'])[0] as string) : undefined;
  const rows = await repo.findTeams(deps.db, { q: query.q, memberId: query.memberId, afterName, limit: limit + 1 });
  const page = pageOf(rows, limit, (r) => [r.name]);
  return { items: await presentTeams(deps.db, page.rows), nextCursor: page.nextCursor };
}

export async function getTeam(deps: Deps, id: number): Promise<TeamDto> {
  const [team] = await presentTeams(deps.db, [await loadTeam(deps.db, id)]);
  return team!;
}

/** Creates a team with its members and lead. */
export async function createTeam(deps: Deps, ctx: RequestContext, input: CreateTeamBody): Promise<TeamDto> {
  const name = input.name.trim();
  const memberIds = input.memberIds ?? [];
  const leadUserId = input.leadUserId ?? null;
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    if (await repo.findTeamByName(trx, name)) throw new AppError('team_name_taken', { name });
    await assertMembership(trx, memberIds, leadUserId);
    const id = await repo.insertTeam(trx, { name, description: input.description ?? '', lead_user_id: leadUserId, created_at: now, updated_at: now });
    await repo.replaceMembers(trx, id, memberIds);
    const [team] = await presentTeams(trx, [await loadTeam(trx, id)]);
    await recordAudit(trx, deps.clock, ctx, { action: 'team.create', entityType: 'team', entityId: id, after: team });
    return team!;
  });
}

/** Renames a team, changes its description, members or lead. */
export async function updateTeam(deps: Deps, ctx: RequestContext, id: number, patch: UpdateTeamBody): Promise<TeamDto> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await loadTeam(trx, id);
    const [before] = await presentTeams(trx, [row]);
    const name = patch.name?.trim() ?? row.name;
    if (name !== row.name && (await repo.findTeamByName(trx, name))) throw new AppError('team_name_taken', { name });
    const currentIds = before!.members.map((m) => m.id);
    const memberIds = patch.memberIds ?? currentIds;
    const leadUserId = patch.leadUserId !== undefined ? patch.leadUserId : row.lead_user_id;
    // Only newly added people must be active; a member disabled later stays listed until removed.
    const added = memberIds.filter((m) => !currentIds.includes(m));
    await assertMembership(trx, added, null);
    if (leadUserId !== null && !memberIds.includes(leadUserId)) throw new AppError('team_lead_not_member');
    await repo.updateTeamRow(trx, id, {
      name,
      ...(patch.description !== undefined && { description: patch.description }),
      lead_user_id: leadUserId,
      updated_at: deps.clock.now(),
    });
    if (patch.memberIds) await repo.replaceMembers(trx, id, memberIds);
    const [after] = await presentTeams(trx, [await loadTeam(trx, id)]);
    await recordAudit(trx, deps.clock, ctx, { action: 'team.update', entityType: 'team', entityId: id, before, after });
    return after!;
  });
}

/** Deletes a team. */
export async function deleteTeam(deps: Deps, ctx: RequestContext, id: number): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const [before] = await presentTeams(trx, [await loadTeam(trx, id)]);
    await repo.deleteTeamRow(trx, id);
    await recordAudit(trx, deps.clock, ctx, { action: 'team.delete', entityType: 'team', entityId: id, before });
  });
}

/** Team names by id, for other domains' presenters. */
export async function teamNames(db: Executor, ids: number[]): Promise<Map<number, string>> {
  const rows = await repo.findTeamsByIds(db, [...new Set(ids)]);
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The teams a person belongs to, for "my team's queue" and routing. */
export async function teamIdsOf(db: Executor, userId: number): Promise<number[]> {
  return repo.findTeamIdsOfMember(db, userId);
}

/** Whether a team exists. */
export async function teamExists(db: Executor, id: number): Promise<boolean> {
  return (await repo.findTeamById(db, id)) !== undefined;
}

/** Each team's lead (null when it has none), for escalations up the chain (R4). */
export async function teamLeadIds(db: Executor, teamIds: number[]): Promise<Map<number, number | null>> {
  const rows = await repo.findTeamsByIds(db, [...new Set(teamIds)]);
  return new Map(rows.map((r) => [r.id, r.lead_user_id]));
}
