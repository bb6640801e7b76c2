import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Deps } from '../../deps.js';
import { allow, contextOf } from '../../http/access.js';
import { ErrorResponses } from '../../http/openapi.js';
import { Page } from '../../http/pagination.js';
import { IdParams } from '../users/user.schemas.js';
import { createPart, createStore, getPart, getStore, listParts, listStores, updatePart, updateStore } from './catalogue.service.js';
import { partsPolicy } from './parts.policy.js';
import {
  CreatePartBody,
  CreateStoreBody,
  MinimumBody,
  PartListQuery,
  PartSchema,
  PartStoreParams,
  StoreListQuery,
  StoreSchema,
  UpdatePartBody,
  UpdateStoreBody,
} from './parts.schemas.js';
import { setMinimum } from './stock.service.js';
import { StockLevelSchema } from './stock.schemas.js';

const tags = ['spare parts'];
const Part = Type.Ref(PartSchema);
const Store = Type.Ref(StoreSchema);

/** The catalogue and the stores (issue 7 items 1 and 2). */
export function partsRoutes(app: FastifyInstance, deps: Deps): void {
  const id = (request: { params: unknown }) => (request.params as IdParams).id;

  app.get(
    '/api/parts',
    { config: { access: allow(partsPolicy.read) }, schema: { tags, summary: 'The parts catalogue by part number; search by number or description, or by a model the parts fit', querystring: PartListQuery, response: { 200: Page(Part), ...ErrorResponses } } },
    async (request) => listParts(deps, request.query as PartListQuery),
  );
  app.post(
    '/api/parts',
    { config: { access: allow(partsPolicy.manage) }, schema: { tags, summary: 'Add a part to the catalogue', body: CreatePartBody, response: { 201: Part, ...ErrorResponses } } },
    async (request, reply) => reply.status(201).send(await createPart(deps, contextOf(request), request.body as CreatePartBody)),
  );
  app.get(
    '/api/parts/:id',
    { config: { access: allow(partsPolicy.read) }, schema: { tags, summary: 'One part with the models it fits', params: IdParams, response: { 200: Part, ...ErrorResponses } } },
    async (request) => getPart(deps, id(request)),
  );
  app.patch(
    '/api/parts/:id',
    { config: { access: allow(partsPolicy.manage) }, schema: { tags, summary: 'Change a part (serial tracking only before its first movement)', params: IdParams, body: UpdatePartBody, response: { 200: Part, ...ErrorResponses } } },
    async (request) => updatePart(deps, contextOf(request), id(request), request.body as UpdatePartBody),
  );

  app.get(
    '/api/stores',
    { config: { access: allow(partsPolicy.readStores) }, schema: { tags, summary: 'Stores by name (a customer contact: their own site and project stores)', querystring: StoreListQuery, response: { 200: Page(Store), ...ErrorResponses } } },
    async (request) => listStores(deps, contextOf(request), request.query as StoreListQuery),
  );
  app.post(
    '/api/stores',
    { config: { access: allow(partsPolicy.manage) }, schema: { tags, summary: 'Open a store: the central warehouse, a customer site’s or a project’s (现场备件库)', body: CreateStoreBody, response: { 201: Store, ...ErrorResponses } } },
    async (request, reply) => reply.status(201).send(await createStore(deps, contextOf(request), request.body as CreateStoreBody)),
  );
  app.get(
    '/api/stores/:id',
    { config: { access: allow(partsPolicy.readStores) }, schema: { tags, summary: 'One store', params: IdParams, response: { 200: Store, ...ErrorResponses } } },
    async (request) => getStore(deps, contextOf(request), id(request)),
  );
  app.patch(
    '/api/stores/:id',
    { config: { access: allow(partsPolicy.manage) }, schema: { tags, summary: 'Rename a store, move it to another site or contract of its customer, or close it', params: IdParams, body: UpdateStoreBody, response: { 200: Store, ...ErrorResponses } } },
    async (request) => updateStore(deps, contextOf(request), id(request), request.body as UpdateStoreBody),
  );
  app.put(
    '/api/stores/:id/minimums/:partId',
    { config: { access: allow(partsPolicy.manage) }, schema: { tags, summary: 'Set the store’s minimum for a part (0 removes it); below it the storekeepers are alerted', params: PartStoreParams, body: MinimumBody, response: { 200: Type.Ref(StockLevelSchema), ...ErrorResponses } } },
    async (request) => {
      const params = request.params as PartStoreParams;
      return setMinimum(deps, contextOf(request), params.id, params.partId, (request.body as MinimumBody).minQty);
    },
  );
}
