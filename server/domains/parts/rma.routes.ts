import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Deps } from '../../deps.js';
import { allow, contextOf } from '../../http/access.js';
import { sendWorkbook } from '../../http/export.js';
import { ErrorResponses } from '../../http/openapi.js';
import { Page } from '../../http/pagination.js';
import { IdParams } from '../users/user.schemas.js';
import { partsPolicy } from './parts.policy.js';
import { rmaWorkbook } from './parts-reports.service.js';
import { CreateRmaBody, EndRmaBody, ReceiveRmaBody, RmaExportQuery, RmaListQuery, RmaSchema } from './rma.schemas.js';
import { createRma, endRmaWithoutReturn, getRma, listRmas, receiveRma } from './rma.service.js';

const tags = ['spare parts'];
const Rma = Type.Ref(RmaSchema);

/** RMA cases (issue 7 item 5): faulty stock or devices sent to the vendor and taken back; staff only. */
export function rmaRoutes(app: FastifyInstance, deps: Deps): void {
  const id = (request: { params: unknown }) => (request.params as IdParams).id;
  const one = { 200: Rma, ...ErrorResponses };

  app.get(
    '/api/rma',
    { config: { access: allow(partsPolicy.read) }, schema: { tags, summary: 'RMA cases newest first: open (still with the vendor), overdue, a vendor’s', querystring: RmaListQuery, response: { 200: Page(Rma), ...ErrorResponses } } },
    async (request) => listRmas(deps, request.query as RmaListQuery),
  );
  app.get(
    '/api/rma/export.xlsx',
    { config: { access: allow(partsPolicy.read) }, schema: { tags, summary: 'The RMA cases as .xlsx: the open ones unless a state is given', querystring: RmaExportQuery } },
    async (request, reply) => {
      const book = await rmaWorkbook(deps, contextOf(request), request.query as RmaExportQuery);
      return sendWorkbook(reply, book.fileName, book.sheets);
    },
  );
  app.post(
    '/api/rma',
    {
      config: { access: allow(partsPolicy.rma) },
      schema: { tags, summary: 'Send a store’s faulty stock of a part, or a customer’s device, to the vendor (送修)', body: CreateRmaBody, response: { 201: Rma, ...ErrorResponses } },
    },
    async (request, reply) => reply.status(201).send(await createRma(deps, contextOf(request), request.body as CreateRmaBody)),
  );
  app.get(
    '/api/rma/:id',
    { config: { access: allow(partsPolicy.read) }, schema: { tags, summary: 'One RMA case', params: IdParams, response: one } },
    async (request) => getRma(deps, id(request)),
  );
  app.post(
    '/api/rma/:id/receive',
    {
      config: { access: allow(partsPolicy.rma) },
      schema: { tags, summary: 'Take back what the vendor returned: repaired, or replaced under a new serial', params: IdParams, body: ReceiveRmaBody, response: one },
    },
    async (request) => receiveRma(deps, contextOf(request), id(request), request.body as ReceiveRmaBody),
  );
  app.post(
    '/api/rma/:id/cancel',
    { config: { access: allow(partsPolicy.rma) }, schema: { tags, summary: 'Cancel a case that never reached the vendor: the stock is faulty stock again', params: IdParams, body: EndRmaBody, response: one } },
    async (request) => endRmaWithoutReturn(deps, contextOf(request), id(request), 'cancelled', (request.body ?? {}) as EndRmaBody),
  );
  app.post(
    '/api/rma/:id/close',
    { config: { access: allow(partsPolicy.rma) }, schema: { tags, summary: 'Close a case the vendor keeps (credited, written off): nothing comes back', params: IdParams, body: EndRmaBody, response: one } },
    async (request) => endRmaWithoutReturn(deps, contextOf(request), id(request), 'closed', (request.body ?? {}) as EndRmaBody),
  );
}
