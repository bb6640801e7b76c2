import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { Deps } from '../../deps.js';
import type { Executor } from '../../db/database.js';
import type { RoutingRuleRow } from '../../db/schema.js';
import type { RequestContext } from '../../http/actor.js';
import { AppError } from '../../http/errors.js';
import { literalUnion } from '../../http/literals.js';
import { recordAudit } from '../audit/audit.service.js';
import { ASSET_CATEGORIES } from '../assets/asset.schemas.js';
import { teamExists, teamIdsOf, teamNames } from '../teams/team.service.js';
import { activeStaffIds, userSummaries } from '../users/user.service.js';
import { TICKET_KINDS } from '../tickets/workflow.js';
import { ShortMemo } from '../../shared/memo.js';
import { route, type RoutingFacts } from './routing.js';
import * as repo from './routing.repository.js';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const RoutingRuleSchema = Type.Object(
  {
    id: Type.Integer(),
    position: Type.Integer(),
    name: Type.String(),
    active: Type.Boolean(),
    customerId: Nullable(Type.Integer()),
    kind: Nullable(Type.String()),
    category: Nullable(Type.String()),
    grade: Nullable(Type.String()),
    channel: Nullable(Type.String()),
    teamId: Nullable(Type.Integer()),
    ownerMode: literalUnion(['none', 'fixed', 'contract_owner'] as const),
    ownerId: Nullable(Type.Integer()),
  },
  { $id: 'RoutingRule' },
);
export type RoutingRuleDto = Static<typeof RoutingRuleSchema>;

export const RoutingRuleBody = Type.Object(
  {
    position: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    active: Type.Optional(Type.Boolean()),
    customerId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    kind: Type.Optional(Nullable(literalUnion(TICKET_KINDS))),
    category: Type.Optional(Nullable(literalUnion(ASSET_CATEGORIES))),
    grade: Type.Optional(Nullable(literalUnion(['general', 'major', 'emergency'] as const))),
    channel: Type.Optional(Nullable(literalUnion(['phone', 'portal', 'email', 'onsite', 'api'] as const))),
    teamId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    ownerMode: Type.Optional(literalUnion(['none', 'fixed', 'contract_owner'] as const)),
    ownerId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  },
  { additionalProperties: false },
);
export type RoutingRuleBody = Static<typeof RoutingRuleBody>;

function present(r: RoutingRuleRow): RoutingRuleDto {
  return {
    id: r.id,
    position: r.position,
    name: r.name,
    active: r.active === 1,
    customerId: r.customer_id,
    kind: r.kind,
    category: r.category,
    grade: r.grade,
    channel: r.channel,
    teamId: r.team_id,
    ownerMode: r.owner_mode as RoutingRuleDto['ownerMode'],
    ownerId: r.owner_id,
  };
}

// The active rules, kept for a moment: every new ticket consults them (shared/memo.ts).
const activeRulesMemo = new ShortMemo<RoutingRuleRow[]>(5_000);

function activeRules(db: Executor): Promise<RoutingRuleRow[]> {
  return activeRulesMemo.get(db, 'active', () => repo.findRules(db, true));
}

function forgetRules(db: Executor) {
  activeRulesMemo.forget(db);
}

/**
 * Where a new ticket goes (R1): the rules decide the team and owner; an owner who is no longer
 * active staff is dropped, and an owner without a team brings their own first team. Answers the
 * names of both too, for the caller to present the ticket.
 */
export async function decideRouting(db: Executor, facts: RoutingFacts) {
  const outcome = route(await activeRules(db), facts);
  let [teams, owners] = await Promise.all([
    teamNames(db, outcome.teamId === null ? [] : [outcome.teamId]),
    userSummaries(db, outcome.ownerId === null ? [] : [outcome.ownerId]),
  ]);
  const ownerId = outcome.ownerId !== null && owners.get(outcome.ownerId)?.activeStaff ? outcome.ownerId : null;
  let teamId = outcome.teamId !== null && teams.has(outcome.teamId) ? outcome.teamId : null;
  if (teamId === null && ownerId !== null) {
    teamId = (await teamIdsOf(db, ownerId))[0] ?? null;
    if (teamId !== null) teams = await teamNames(db, [teamId]);
  }
  if (ownerId === null) owners = new Map();
  return { teamId, ownerId, teams, owners };
}

export async function listRules(deps: Deps): Promise<RoutingRuleDto[]> {
  return (await repo.findRules(deps.db, false)).map(present);
}

async function validate(db: Executor, input: RoutingRuleBody): Promise<void> {
  if (input.teamId && !(await teamExists(db, input.teamId))) throw new AppError('team_not_found');
  if (input.ownerMode === 'fixed') {
    if (!input.ownerId || !(await activeStaffIds(db, [input.ownerId])).has(input.ownerId)) throw new AppError('owner_invalid');
  }
}

function values(input: RoutingRuleBody) {
  return {
    position: input.position,
    name: input.name.trim(),
    active: input.active === false ? 0 : 1,
    customer_id: input.customerId ?? null,
    kind: input.kind ?? null,
    category: input.category ?? null,
    grade: input.grade ?? null,
    channel: input.channel ?? null,
    team_id: input.teamId ?? null,
    owner_mode: input.ownerMode ?? 'none',
    owner_id: input.ownerMode === 'fixed' ? (input.ownerId ?? null) : null,
  };
}

/** Adds a routing rule. */
export async function createRule(deps: Deps, ctx: RequestContext, input: RoutingRuleBody): Promise<RoutingRuleDto> {
  const rule = await deps.db.transaction().execute(async (trx) => {
    await validate(trx, input);
    const now = deps.clock.now();
    const id = await repo.insertRule(trx, { ...values(input), created_at: now, updated_at: now });
    const rule = present((await repo.findRule(trx, id))!);
    await recordAudit(trx, deps.clock, ctx, { action: 'routing_rule.create', entityType: 'routing_rule', entityId: id, after: rule });
    return rule;
  });
  forgetRules(deps.db);
  return rule;
}

/** Replaces a routing rule. */
export async function replaceRule(deps: Deps, ctx: RequestContext, id: number, input: RoutingRuleBody): Promise<RoutingRuleDto> {
  const rule = await deps.db.transaction().execute(async (trx) => {
    const before = await repo.findRule(trx, id);
    if (!before) throw new AppError('routing_rule_not_found');
    await validate(trx, input);
    await repo.updateRule(trx, id, { ...values(input), updated_at: deps.clock.now() });
    const rule = present((await repo.findRule(trx, id))!);
    await recordAudit(trx, deps.clock, ctx, { action: 'routing_rule.update', entityType: 'routing_rule', entityId: id, before: present(before), after: rule });
    return rule;
  });
  forgetRules(deps.db);
  return rule;
}

/** Deletes a routing rule. */
export async function deleteRule(deps: Deps, ctx: RequestContext, id: number): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const before = await repo.findRule(trx, id);
    if (!before) throw new AppError('routing_rule_not_found');
    await repo.deleteRuleRow(trx, id);
    await recordAudit(trx, deps.clock, ctx, { action: 'routing_rule.delete', entityType: 'routing_rule', entityId: id, before: present(before) });
  });
  forgetRules(deps.db);
}
