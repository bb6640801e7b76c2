import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Deps } from '../../deps.js';
import { allow, contextOf } from '../../http/access.js';
import { hasRole, isStaff, type Actor } from '../../http/actor.js';
import { ErrorResponses } from '../../http/openapi.js';
import { IdParams } from '../users/user.schemas.js';
import { createRule, deleteRule, listRules, replaceRule, RoutingRuleBody, RoutingRuleSchema } from './routing.service.js';

/** Routing rules: staff read them; administrators and service managers change them. */
const routingPolicy = {
  read: (a: Actor) => isStaff(a),
  manage: (a: Actor) => hasRole(a, 'admin', 'manager'),
};
const tags = ['routing'];

export function routingRoutes(app: FastifyInstance, deps: Deps): void {
  app.get(
    '/api/routing-rules',
    { config: { access: allow(routingPolicy.read) }, schema: { tags, summary: 'Routing rules in the order they are tried', response: { 200: Type.Object({ items: Type.Array(Type.Ref(RoutingRuleSchema)) }), ...ErrorResponses } } },
    async () => ({ items: await listRules(deps) }),
  );
  app.post(
    '/api/routing-rules',
    { config: { access: allow(routingPolicy.manage) }, schema: { tags, summary: 'Add a routing rule', body: RoutingRuleBody, response: { 201: Type.Ref(RoutingRuleSchema), ...ErrorResponses } } },
    async (request, reply) => reply.status(201).send(await createRule(deps, contextOf(request), request.body as RoutingRuleBody)),
  );
  app.put(
    '/api/routing-rules/:id',
    { config: { access: allow(routingPolicy.manage) }, schema: { tags, summary: 'Replace a routing rule', params: IdParams, body: RoutingRuleBody, response: { 200: Type.Ref(RoutingRuleSchema), ...ErrorResponses } } },
    async (request) => replaceRule(deps, contextOf(request), (request.params as IdParams).id, request.body as RoutingRuleBody),
  );
  app.delete(
    '/api/routing-rules/:id',
    { config: { access: allow(routingPolicy.manage) }, schema: { tags, summary: 'Delete a routing rule', params: IdParams, response: { 204: Type.Null(), ...ErrorResponses } } },
    async (request, reply) => {
      await deleteRule(deps, contextOf(request), (request.params as IdParams).id);
      return reply.status(204).send();
    },
  );
}
