import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Deps } from '../../deps.js';
import { allow, contextOf } from '../../http/access.js';
import { ErrorResponses } from '../../http/openapi.js';
import { Page } from '../../http/pagination.js';
import { userPolicy } from './user.policy.js';
import { CreateUserBody, CreatedUserSchema, IdParams, UpdateUserBody, UserListQuery, UserSchema } from './user.schemas.js';
import { createUser, getUser, listUsers, resetPassword, setUserDisabled, updateUser } from './user.service.js';

const tags = ['users'];

export function userRoutes(app: FastifyInstance, deps: Deps): void {
  app.get(
    '/api/users',
    {
      config: { access: allow(userPolicy.readDirectory) },
      schema: {
        tags,
        summary: 'List users by user name (keyset pages)',
        querystring: UserListQuery,
        response: { 200: Page(Type.Ref(UserSchema)), ...ErrorResponses },
      },
    },
    async (request) => listUsers(deps, request.query as UserListQuery),
  );

  app.post(
    '/api/users',
    {
      config: { access: allow(userPolicy.manage) },
      schema: {
        tags,
        summary: 'Create a user; without a password a one-time password is generated and returned once',
        body: CreateUserBody,
        response: { 201: CreatedUserSchema, ...ErrorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await createUser(deps, contextOf(request), request.body as CreateUserBody)),
  );

  app.get(
    '/api/users/:id',
    {
      config: { access: allow(userPolicy.readDirectory) },
      schema: { tags, summary: 'One user', params: IdParams, response: { 200: Type.Ref(UserSchema), ...ErrorResponses } },
    },
    async (request) => getUser(deps, (request.params as IdParams).id),
  );

  app.patch(
    '/api/users/:id',
    {
      config: { access: allow(userPolicy.manage) },
      schema: {
        tags,
        summary: 'Edit a user’s details, roles or customer',
        params: IdParams,
        body: UpdateUserBody,
        response: { 200: Type.Ref(UserSchema), ...ErrorResponses },
      },
    },
    async (request) => updateUser(deps, contextOf(request), (request.params as IdParams).id, request.body as UpdateUserBody),
  );

  for (const [verb, disabled] of [['disable', true], ['enable', false]] as const) {
    app.post(
      `/api/users/:id/${verb}`,
      {
        config: { access: allow(userPolicy.manage) },
        schema: {
          tags,
          summary: disabled ? 'Disable an account: it cannot sign in and its sessions and tokens stop' : 'Re-enable an account',
          params: IdParams,
          response: { 200: Type.Ref(UserSchema), ...ErrorResponses },
        },
      },
      async (request) => setUserDisabled(deps, contextOf(request), (request.params as IdParams).id, disabled),
    );
  }

  app.post(
    '/api/users/:id/reset-password',
    {
      config: { access: allow(userPolicy.manage) },
      schema: {
        tags,
        summary: 'Give a user a new one-time password (returned once) and end their sessions',
        params: IdParams,
        response: { 200: Type.Object({ initialPassword: Type.String() }), ...ErrorResponses },
      },
    },
    async (request) => resetPassword(deps, contextOf(request), (request.params as IdParams).id),
  );
}
