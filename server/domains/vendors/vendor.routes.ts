import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.js';
import { allow, contextOf } from '../../http/access.js';
import { ErrorResponses } from '../../http/openapi.js';
import { Page } from '../../http/pagination.js';
import { IdParams } from '../users/user.schemas.js';
import { vendorPolicy } from './vendor.policy.js';
import { CreateVendorBody, UpdateVendorBody, VendorListQuery, VendorSchema } from './vendor.schemas.js';
import { createVendor, getVendor, listVendors, updateVendor } from './vendor.service.js';

const tags = ['vendors'];

/** Vendors with their support contacts (R6): staff read; administrators, managers and dispatchers keep them. */
export function vendorRoutes(app: FastifyInstance, deps: Deps): void {
  const read = { config: { access: allow(vendorPolicy.read) } };
  const manage = { config: { access: allow(vendorPolicy.manage) } };

  app.get(
    '/api/vendors',
    { ...read, schema: { tags, summary: 'Vendors by name, with their support contacts', querystring: VendorListQuery, response: { 200: Page(VendorSchema), ...ErrorResponses } } },
    async (request) => listVendors(deps, request.query as VendorListQuery),
  );
  app.post(
    '/api/vendors',
    { ...manage, schema: { tags, summary: 'Add a vendor with its support contacts', body: CreateVendorBody, response: { 201: VendorSchema, ...ErrorResponses } } },
    async (request, reply) => reply.status(201).send(await createVendor(deps, contextOf(request), request.body as CreateVendorBody)),
  );
  app.get(
    '/api/vendors/:id',
    { ...read, schema: { tags, summary: 'One vendor with its support contacts', params: IdParams, response: { 200: VendorSchema, ...ErrorResponses } } },
    async (request) => getVendor(deps, (request.params as IdParams).id),
  );
  app.patch(
    '/api/vendors/:id',
    {
      ...manage,
      schema: {
        tags,
        summary: 'Change a vendor, replace its contacts (the list is the whole new list) or deactivate it',
        params: IdParams,
        body: UpdateVendorBody,
        response: { 200: VendorSchema, ...ErrorResponses },
      },
    },
    async (request) => updateVendor(deps, contextOf(request), (request.params as IdParams).id, request.body as UpdateVendorBody),
  );
}
