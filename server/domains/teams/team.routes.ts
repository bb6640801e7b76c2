import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Deps } from '../../deps.js';
import { allow, contextOf } from '../../http/access.js';
import { ErrorResponses } from '../../http/openapi.js';
import { Page } from '../../http/pagination.js';
import { IdParams } from '../users/user.schemas.js';
import { teamPolicy } from './team.policy.js';
import { CreateTeamBody, TeamListQuery, TeamSchema, UpdateTeamBody } from './team.schemas.js';
import { createTeam, deleteTeam, getTeam, listTeams, updateTeam } from './team.service.js';

const tags = ['teams'];

export function teamRoutes(app: FastifyInstance, deps: Deps): void {
  app.get(
    '/api/teams',
    {
      config: { access: allow(teamPolicy.read) },
      schema: { tags, summary: 'List teams by name', querystring: TeamListQuery, response: { 200: Page(Type.Ref(TeamSchema)), ...ErrorResponses } },
    },
    async (request) => listTeams(deps, request.query as TeamListQuery),
  );

  app.post(
    '/api/teams',
    {
      config: { access: allow(teamPolicy.manage) },
      schema: { tags, summary: 'Create a team', body: CreateTeamBody, response: { 201: Type.Ref(TeamSchema), ...ErrorResponses } },
    },
    async (request, reply) => reply.status(201).send(await createTeam(deps, contextOf(request), request.body as CreateTeamBody)),
  );

  app.get(
    '/api/teams/:id',
    {
      config: { access: allow(teamPolicy.read) },
      schema: { tags, summary: 'One team with its members', params: IdParams, response: { 200: Type.Ref(TeamSchema), ...ErrorResponses } },
    },
    async (request) => getTeam(deps, (request.params as IdParams).id),
  );

  app.patch(
    '/api/teams/:id',
    {
      config: { access: allow(teamPolicy.manage) },
      schema: {
        tags,
        summary: 'Rename a team or change its description, members or lead',
        params: IdParams,
        body: UpdateTeamBody,
        response: { 200: Type.Ref(TeamSchema), ...ErrorResponses },
      },
    },
    async (request) => updateTeam(deps, contextOf(request), (request.params as IdParams).id, request.body as UpdateTeamBody),
  );

  app.delete(
    '/api/teams/:id',
    {
      config: { access: allow(teamPolicy.manage) },
      schema: { tags, summary: 'Delete a team', params: IdParams, response: { 204: Type.Null(), ...ErrorResponses } },
    },
    async (request, reply) => {
      await deleteTeam(deps, contextOf(request), (request.params as IdParams).id);
      return reply.status(204).send();
    },
  );
}
