import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Deps } from '../../deps.js';
import { allow, contextOf } from '../../http/access.js';
import { ErrorResponses } from '../../http/openapi.js';
import { Page } from '../../http/pagination.js';
import { IdParams } from '../users/user.schemas.js';
import { listDispatchParts, moveDispatchParts } from './dispatch-parts.service.js';
import { partsPolicy } from './parts.policy.js';
import { listLevels, listMovements, listUnits, sparesForModel } from './stock-query.service.js';
import { adjustStock, countStock, receiveStock, scrapStock, transferStock } from './stock.service.js';
import {
  AdjustBody,
  CountBody,
  CountResultSchema,
  DispatchPartLineSchema,
  DispatchPartMovementBody,
  MovementQuery,
  MovementResultSchema,
  ReceiveBody,
  ReservePartsBody,
  ScrapBody,
  SpareQuery,
  SpareResultSchema,
  StockEntrySchema,
  StockLevelSchema,
  StockQuery,
  StockUnitSchema,
  TransferBody,
  UnitQuery,
} from './stock.schemas.js';

const tags = ['spare parts'];
const DispatchParts = Type.Object({ items: Type.Array(Type.Ref(DispatchPartLineSchema)) });

/** Stock levels and movements (issue 7 item 3) and a visit's parts (item 4). */
export function stockRoutes(app: FastifyInstance, deps: Deps): void {
  const id = (request: { params: unknown }) => (request.params as IdParams).id;

  app.get(
    '/api/stock',
    {
      config: { access: allow(partsPolicy.readStores) },
      schema: { tags, summary: 'Stock levels by store and part: a store’s, a part’s across the stores, or those below their minimum', querystring: StockQuery, response: { 200: Page(Type.Ref(StockLevelSchema)), ...ErrorResponses } },
    },
    async (request) => listLevels(deps, contextOf(request), request.query as StockQuery),
  );
  app.get(
    '/api/stock/movements',
    { config: { access: allow(partsPolicy.read) }, schema: { tags, summary: 'The stock ledger, newest first', querystring: MovementQuery, response: { 200: Page(Type.Ref(StockEntrySchema)), ...ErrorResponses } } },
    async (request) => listMovements(deps, request.query as MovementQuery),
  );
  app.get(
    '/api/stock/units',
    { config: { access: allow(partsPolicy.read) }, schema: { tags, summary: 'A serial-tracked part’s units: where each is and in what state', querystring: UnitQuery, response: { 200: Page(StockUnitSchema), ...ErrorResponses } } },
    async (request) => listUnits(deps, request.query as UnitQuery),
  );
  app.get(
    '/api/stock/spare-for-model',
    {
      config: { access: allow(partsPolicy.read) },
      schema: { tags, summary: 'Whether the customer’s site or project stores hold an available spare for a model (the hotline, the 4-hour hardware clock)', querystring: SpareQuery, response: { 200: SpareResultSchema, ...ErrorResponses } },
    },
    async (request) => sparesForModel(deps, request.query as SpareQuery),
  );

  const movement = { 201: MovementResultSchema, ...ErrorResponses };
  app.post(
    '/api/stock/receipts',
    { config: { access: allow(partsPolicy.moveStock) }, schema: { tags, summary: 'Receive parts into a store (入库)', body: ReceiveBody, response: movement } },
    async (request, reply) => reply.status(201).send(await receiveStock(deps, contextOf(request), request.body as ReceiveBody)),
  );
  app.post(
    '/api/stock/transfers',
    { config: { access: allow(partsPolicy.moveStock) }, schema: { tags, summary: 'Move available parts to another store (调拨)', body: TransferBody, response: movement } },
    async (request, reply) => reply.status(201).send(await transferStock(deps, contextOf(request), request.body as TransferBody)),
  );
  app.post(
    '/api/stock/adjustments',
    { config: { access: allow(partsPolicy.moveStock) }, schema: { tags, summary: 'Correct a level by hand, with a reason', body: AdjustBody, response: movement } },
    async (request, reply) => reply.status(201).send(await adjustStock(deps, contextOf(request), request.body as AdjustBody)),
  );
  app.post(
    '/api/stock/scrappings',
    { config: { access: allow(partsPolicy.moveStock) }, schema: { tags, summary: 'Scrap good or faulty units, with a reason (报废)', body: ScrapBody, response: movement } },
    async (request, reply) => reply.status(201).send(await scrapStock(deps, contextOf(request), request.body as ScrapBody)),
  );
  app.post(
    '/api/stores/:id/counts',
    {
      config: { access: allow(partsPolicy.moveStock) },
      schema: { tags, summary: 'A stock count (盘点): the differences against the ledger, written as adjustments with apply', params: IdParams, body: CountBody, response: { 200: CountResultSchema, ...ErrorResponses } },
    },
    async (request) => countStock(deps, contextOf(request), id(request), request.body as CountBody),
  );

  app.get(
    '/api/dispatches/:id/parts',
    { config: { access: allow(partsPolicy.dispatchParts) }, schema: { tags, summary: 'The parts of a visit: reserved, with the engineer, used, returned', params: IdParams, response: { 200: DispatchParts, ...ErrorResponses } } },
    async (request) => listDispatchParts(deps, contextOf(request), id(request)),
  );
  app.post(
    '/api/dispatches/:id/parts',
    { config: { access: allow(partsPolicy.dispatchParts) }, schema: { tags, summary: 'Reserve parts in a store for the visit to bring (携带部件)', params: IdParams, body: ReservePartsBody, response: { 201: DispatchParts, ...ErrorResponses } } },
    async (request, reply) => reply.status(201).send(await moveDispatchParts(deps, contextOf(request), id(request), 'reserve', request.body as ReservePartsBody)),
  );
  app.post(
    '/api/dispatches/:id/parts/movements',
    {
      config: { access: allow(partsPolicy.dispatchParts) },
      schema: { tags, summary: 'Release, issue to the engineer, use on the ticket, or bring back unused or faulty parts of a visit', params: IdParams, body: DispatchPartMovementBody, response: { 200: DispatchParts, ...ErrorResponses } },
    },
    async (request) => {
      const body = request.body as DispatchPartMovementBody;
      return moveDispatchParts(deps, contextOf(request), id(request), body.kind, body);
    },
  );
}
