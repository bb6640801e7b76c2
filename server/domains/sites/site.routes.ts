import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Deps } from '../../deps.js';
import { allow, contextOf } from '../../http/access.js';
import { ErrorResponses } from '../../http/openapi.js';
import { Page } from '../../http/pagination.js';
import { customerPolicy } from '../customers/customer.policy.js';
import { IdParams } from '../users/user.schemas.js';
import { CreateSiteBody, SiteListQuery, SiteSchema, UpdateSiteBody } from './site.schemas.js';
import { createSite, deleteSite, getSite, listSites, updateSite } from './site.service.js';

const tags = ['sites'];

export function siteRoutes(app: FastifyInstance, deps: Deps): void {
  app.get(
    '/api/sites',
    { config: { access: allow(customerPolicy.read) }, schema: { tags, summary: 'List sites by customer and name', querystring: SiteListQuery, response: { 200: Page(Type.Ref(SiteSchema)), ...ErrorResponses } } },
    async (request) => listSites(deps, contextOf(request), request.query as SiteListQuery),
  );
  app.get(
    '/api/sites/:id',
    { config: { access: allow(customerPolicy.read) }, schema: { tags, summary: 'One site', params: IdParams, response: { 200: Type.Ref(SiteSchema), ...ErrorResponses } } },
    async (request) => getSite(deps, contextOf(request), (request.params as IdParams).id),
  );
  app.post(
    '/api/sites',
    { config: { access: allow(customerPolicy.manage) }, schema: { tags, summary: 'Add a site with its machine rooms', body: CreateSiteBody, response: { 201: Type.Ref(SiteSchema), ...ErrorResponses } } },
    async (request, reply) => reply.status(201).send(await createSite(deps, contextOf(request), request.body as CreateSiteBody)),
  );
  app.patch(
    '/api/sites/:id',
    { config: { access: allow(customerPolicy.manage) }, schema: { tags, summary: 'Edit a site', params: IdParams, body: UpdateSiteBody, response: { 200: Type.Ref(SiteSchema), ...ErrorResponses } } },
    async (request) => updateSite(deps, contextOf(request), (request.params as IdParams).id, request.body as UpdateSiteBody),
  );
  app.delete(
    '/api/sites/:id',
    { config: { access: allow(customerPolicy.manage) }, schema: { tags, summary: 'Remove a site', params: IdParams, response: { 204: Type.Null(), ...ErrorResponses } } },
    async (request, reply) => {
      await deleteSite(deps, contextOf(request), (request.params as IdParams).id);
      return reply.status(204).send();
    },
  );
}
