import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { Deps } from '../../deps.js';
import { allow, contextOf } from '../../http/access.js';
import { ErrorResponses } from '../../http/openapi.js';
import { Page, PageQuery } from '../../http/pagination.js';
import { IdParams } from '../users/user.schemas.js';
import { customerPolicy } from './customer.policy.js';
import { createCustomer, getCustomer, listCustomers } from './customer.service.js';

const CustomerSchema = Type.Object(
  { id: Type.Integer(), code: Type.String(), name: Type.String(), createdAt: Type.Integer(), updatedAt: Type.Integer() },
  { $id: 'Customer' },
);
const CustomerListQuery = Type.Object({ ...PageQuery, q: Type.Optional(Type.String({ maxLength: 100 })) }, { additionalProperties: false });
const CreateCustomerBody = Type.Object(
  {
    code: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$' }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

const tags = ['customers'];

export { CustomerSchema };

export function customerRoutes(app: FastifyInstance, deps: Deps): void {
  app.get(
    '/api/customers',
    {
      config: { access: allow(customerPolicy.read) },
      schema: {
        tags,
        summary: 'List customers by code; a customer contact sees only their own',
        querystring: CustomerListQuery,
        response: { 200: Page(Type.Ref(CustomerSchema)), ...ErrorResponses },
      },
    },
    async (request) => listCustomers(deps, contextOf(request), request.query as Static<typeof CustomerListQuery>),
  );

  app.get(
    '/api/customers/:id',
    {
      config: { access: allow(customerPolicy.read) },
      schema: { tags, summary: 'One customer', params: IdParams, response: { 200: Type.Ref(CustomerSchema), ...ErrorResponses } },
    },
    async (request) => getCustomer(deps, contextOf(request), (request.params as IdParams).id),
  );

  app.post(
    '/api/customers',
    {
      config: { access: allow(customerPolicy.manage) },
      schema: { tags, summary: 'Open a customer file', body: CreateCustomerBody, response: { 201: Type.Ref(CustomerSchema), ...ErrorResponses } },
    },
    async (request, reply) =>
      reply.status(201).send(await createCustomer(deps, contextOf(request), request.body as Static<typeof CreateCustomerBody>)),
  );
}
