import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Deps } from '../../deps.js';
import { allow, contextOf } from '../../http/access.js';
import { ErrorResponses } from '../../http/openapi.js';
import { Page } from '../../http/pagination.js';
import { IdParams } from '../users/user.schemas.js';
import { tokenPolicy } from './token.policy.js';
import { CreateTokenBody, TokenListQuery, TokenSchema } from './token.schemas.js';
import { createToken, listTokens, revokeToken } from './token.service.js';

const tags = ['api tokens'];

export function tokenRoutes(app: FastifyInstance, deps: Deps): void {
  app.get(
    '/api/tokens',
    {
      config: { access: allow(tokenPolicy.manage) },
      schema: { tags, summary: 'List API tokens, newest first', querystring: TokenListQuery, response: { 200: Page(Type.Ref(TokenSchema)), ...ErrorResponses } },
    },
    async (request) => listTokens(deps, request.query as TokenListQuery),
  );

  app.post(
    '/api/tokens',
    {
      config: { access: allow(tokenPolicy.manage) },
      schema: {
        tags,
        summary: 'Issue a token acting as a staff account; the secret is in this response only',
        body: CreateTokenBody,
        response: { 201: Type.Object({ token: Type.Ref(TokenSchema), secret: Type.String() }), ...ErrorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await createToken(deps, contextOf(request), request.body as CreateTokenBody)),
  );

  app.delete(
    '/api/tokens/:id',
    {
      config: { access: allow(tokenPolicy.manage) },
      schema: { tags, summary: 'Revoke a token', params: IdParams, response: { 204: Type.Null(), ...ErrorResponses } },
    },
    async (request, reply) => {
      await revokeToken(deps, contextOf(request), (request.params as IdParams).id);
      return reply.status(204).send();
    },
  );
}
