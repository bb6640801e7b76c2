import type { RoutingRuleRow } from '../../db/schema.js';

/** What a new ticket offers the rules to match on. */
export interface RoutingFacts {
  customerId: number;
  kind: string;
  category: string | null;
  grade: string | null;
  channel: string;
  contractOwnerId: number | null;
}

export interface RoutingOutcome {
  ruleId: number | null;
  teamId: number | null;
  ownerId: number | null;
}

function matches(rule: RoutingRuleRow, facts: RoutingFacts): boolean {
  return (
    rule.active === 1 &&
    (rule.customer_id === null || rule.customer_id === facts.customerId) &&
    (rule.kind === null || rule.kind === facts.kind) &&
    (rule.category === null || rule.category === facts.category) &&
    (rule.grade === null || rule.grade === facts.grade) &&
    (rule.channel === null || rule.channel === facts.channel)
  );
}

/**
 * Routing (R1), pure: the first active rule in position order whose conditions all hold decides
 * the team and the owner (a fixed engineer, or the contract's owner engineer). With no rule
 * matching, a ticket on a contract goes to its owner engineer; otherwise it waits unassigned.
 */
export function route(rules: readonly RoutingRuleRow[], facts: RoutingFacts): RoutingOutcome {
  const rule = [...rules].sort((a, b) => a.position - b.position || a.id - b.id).find((r) => matches(r, facts));
  if (!rule) return { ruleId: null, teamId: null, ownerId: facts.contractOwnerId };
  const ownerId = rule.owner_mode === 'fixed' ? rule.owner_id : rule.owner_mode === 'contract_owner' ? facts.contractOwnerId : null;
  return { ruleId: rule.id, teamId: rule.team_id, ownerId };
}
