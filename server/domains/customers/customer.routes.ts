import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { Deps } from '../../deps.js';
import { allow, contextOf } from '../../http/access.js';
import { collectPages, sendSheet } from '../../http/export.js';
import { ErrorResponses } from '../../http/openapi.js';
import { Page } from '../../http/pagination.js';
import { IdParams } from '../users/user.schemas.js';
import { customerPolicy } from './customer.policy.js';
import {
  CreateCustomerBody,
  CUSTOMER_COLUMNS,
  CustomerDetailSchema,
  CustomerExportQuery,
  CustomerListQuery,
  CustomerSchema,
  UpdateCustomerBody,
} from './customer.schemas.js';
import { createCustomer, getCustomer, listCustomers, updateCustomer } from './customer.service.js';

const tags = ['customers'];

export function customerRoutes(app: FastifyInstance, deps: Deps): void {
  app.get(
    '/api/customers',
    {
      config: { access: allow(customerPolicy.read) },
      schema: { tags, summary: 'List customers by code; a customer contact sees only their own', querystring: CustomerListQuery, response: { 200: Page(Type.Ref(CustomerSchema)), ...ErrorResponses } },
    },
    async (request) => listCustomers(deps, contextOf(request), request.query as CustomerListQuery),
  );

  app.get(
    '/api/customers/export',
    {
      config: { access: allow(customerPolicy.read) },
      schema: { tags, summary: 'Export the customer list (.xlsx or .csv)', querystring: CustomerExportQuery },
    },
    async (request, reply) => {
      const { format, q } = request.query as Static<typeof CustomerExportQuery>;
      const ctx = contextOf(request);
      const rows = await collectPages((cursor, limit) => listCustomers(deps, ctx, { q, cursor, limit }));
      return sendSheet(reply, format, 'customers', CUSTOMER_COLUMNS, rows);
    },
  );

  app.get(
    '/api/customers/:id',
    {
      config: { access: allow(customerPolicy.read) },
      schema: { tags, summary: 'One customer file with its record counts', params: IdParams, response: { 200: CustomerDetailSchema, ...ErrorResponses } },
    },
    async (request) => getCustomer(deps, contextOf(request), (request.params as IdParams).id),
  );

  app.post(
    '/api/customers',
    {
      config: { access: allow(customerPolicy.manage) },
      schema: { tags, summary: 'Open a customer file', body: CreateCustomerBody, response: { 201: Type.Ref(CustomerSchema), ...ErrorResponses } },
    },
    async (request, reply) => reply.status(201).send(await createCustomer(deps, contextOf(request), request.body as CreateCustomerBody)),
  );

  app.patch(
    '/api/customers/:id',
    {
      config: { access: allow(customerPolicy.manage) },
      schema: { tags, summary: 'Edit a customer file', params: IdParams, body: UpdateCustomerBody, response: { 200: Type.Ref(CustomerSchema), ...ErrorResponses } },
    },
    async (request) => updateCustomer(deps, contextOf(request), (request.params as IdParams).id, request.body as UpdateCustomerBody),
  );
}
