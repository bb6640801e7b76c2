import { describe, expect, it } from 'vitest';
import type { RoutingRuleRow } from '../../db/schema.js';
import { route, type RoutingFacts } from './routing.js';

const rule = (r: Partial<RoutingRuleRow> & { id: number; position: number }): RoutingRuleRow => ({
  name: `r${r.id}`,
  active: 1,
  customer_id: null,
  kind: null,
  category: null,
  grade: null,
  channel: null,
  team_id: null,
  owner_mode: 'none',
  owner_id: null,
  created_at: 0,
  updated_at: 0,
  ...r,
});

const facts: RoutingFacts = { customerId: 7, kind: 'fault', category: 'storage', grade: 'major', channel: 'phone', contractOwnerId: 42 };

describe('routing rules', () => {
  it('takes the first matching active rule in position order', () => {
    const rules = [
      rule({ id: 1, position: 30, team_id: 100 }),
      rule({ id: 2, position: 10, category: 'network', team_id: 200 }),
      rule({ id: 3, position: 20, category: 'storage', grade: 'major', team_id: 300, owner_mode: 'contract_owner' }),
      rule({ id: 4, position: 5, category: 'storage', team_id: 400, active: 0 }),
    ];
    expect(route(rules, facts)).toEqual({ ruleId: 3, teamId: 300, ownerId: 42 });
    expect(route(rules, { ...facts, grade: 'general' })).toEqual({ ruleId: 1, teamId: 100, ownerId: null });
  });

  it('falls back to the contract owner, or leaves the ticket unassigned', () => {
    expect(route([], facts)).toEqual({ ruleId: null, teamId: null, ownerId: 42 });
    expect(route([], { ...facts, contractOwnerId: null })).toEqual({ ruleId: null, teamId: null, ownerId: null });
  });

  it('routes to a fixed engineer by customer and channel', () => {
    const rules = [rule({ id: 1, position: 1, customer_id: 7, channel: 'api', team_id: 9, owner_mode: 'fixed', owner_id: 5 })];
    expect(route(rules, { ...facts, channel: 'api' })).toEqual({ ruleId: 1, teamId: 9, ownerId: 5 });
    expect(route(rules, facts).ruleId).toBeNull();
  });
});
