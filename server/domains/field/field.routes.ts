import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { Deps } from '../../deps.js';
import { allow, contextOf } from '../../http/access.js';
import { ErrorResponses } from '../../http/openapi.js';
import { PageQuery } from '../../http/pagination.js';
import { IdParams } from '../users/user.schemas.js';
import { addVisitLog, createDispatch, getDispatch, listMyDispatches, listTicketDispatches, takeDispatchStep, updateDispatch } from './dispatch.service.js';
import { fieldPolicy } from './field.policy.js';
import {
  AssetRepairsSchema,
  CreateDispatchBody,
  CreateRemoteSessionBody,
  DispatchDetailSchema,
  DispatchSchema,
  DispatchStepBody,
  MyDispatchesQuery,
  RemoteSessionSchema,
  ResolutionBody,
  ResolutionSchema,
  UpdateDispatchBody,
  UpdateRemoteSessionBody,
  VisitLogBody,
} from './field.schemas.js';
import { createRemoteSession, listRemoteSessions, updateRemoteSession } from './remote-session.service.js';
import { getResolution, listAssetRepairs, recordResolution } from './resolution.service.js';

const tags = ['field service'];
const Dispatch = Type.Ref(DispatchSchema);
const RepairsQuery = Type.Object(PageQuery, { additionalProperties: false });

export function fieldRoutes(app: FastifyInstance, deps: Deps): void {
  const id = (request: { params: unknown }) => (request.params as IdParams).id;

  // Remote diagnosis (R6)
  app.get(
    '/api/tickets/:id/remote-sessions',
    { config: { access: allow(fieldPolicy.readInternal) }, schema: { tags, summary: 'A ticket’s remote sessions (phone or remote login)', params: IdParams, response: { 200: Type.Object({ items: Type.Array(Type.Ref(RemoteSessionSchema)) }), ...ErrorResponses } } },
    async (request) => listRemoteSessions(deps, contextOf(request), id(request)),
  );
  app.post(
    '/api/tickets/:id/remote-sessions',
    { config: { access: allow(fieldPolicy.work) }, schema: { tags, summary: 'Record a remote diagnosis session', params: IdParams, body: CreateRemoteSessionBody, response: { 201: Type.Ref(RemoteSessionSchema), ...ErrorResponses } } },
    async (request, reply) => reply.status(201).send(await createRemoteSession(deps, contextOf(request), id(request), request.body as CreateRemoteSessionBody)),
  );
  app.patch(
    '/api/remote-sessions/:id',
    { config: { access: allow(fieldPolicy.work) }, schema: { tags, summary: 'Complete a remote session: end, findings, actions, result', params: IdParams, body: UpdateRemoteSessionBody, response: { 200: Type.Ref(RemoteSessionSchema), ...ErrorResponses } } },
    async (request) => updateRemoteSession(deps, contextOf(request), id(request), request.body as UpdateRemoteSessionBody),
  );

  // Dispatch and visits (R7)
  app.get(
    '/api/tickets/:id/dispatches',
    { config: { access: allow(fieldPolicy.read) }, schema: { tags, summary: 'A ticket’s visits (dispatch orders)', params: IdParams, response: { 200: Type.Object({ items: Type.Array(Dispatch) }), ...ErrorResponses } } },
    async (request) => listTicketDispatches(deps, contextOf(request), id(request)),
  );
  app.post(
    '/api/tickets/:id/dispatches',
    { config: { access: allow(fieldPolicy.dispatch) }, schema: { tags, summary: 'Send engineers to a site (派工单)', params: IdParams, body: CreateDispatchBody, response: { 201: Dispatch, ...ErrorResponses } } },
    async (request, reply) => reply.status(201).send(await createDispatch(deps, contextOf(request), id(request), request.body as CreateDispatchBody)),
  );
  app.get(
    '/api/dispatches/mine',
    { config: { access: allow(fieldPolicy.visit) }, schema: { tags, summary: 'The signed-in engineer’s jobs: open, today’s, or done', querystring: MyDispatchesQuery, response: { 200: Type.Object({ items: Type.Array(Dispatch) }), ...ErrorResponses } } },
    async (request) => listMyDispatches(deps, contextOf(request), request.query as MyDispatchesQuery),
  );
  app.get(
    '/api/dispatches/:id',
    { config: { access: allow(fieldPolicy.read) }, schema: { tags, summary: 'One visit with its work log', params: IdParams, response: { 200: Type.Ref(DispatchDetailSchema), ...ErrorResponses } } },
    async (request) => getDispatch(deps, contextOf(request), id(request)),
  );
  app.patch(
    '/api/dispatches/:id',
    { config: { access: allow(fieldPolicy.visit) }, schema: { tags, summary: 'Re-plan a visit, or record parts used and why there is no signed form', params: IdParams, body: UpdateDispatchBody, response: { 200: Dispatch, ...ErrorResponses } } },
    async (request) => updateDispatch(deps, contextOf(request), id(request), request.body as UpdateDispatchBody),
  );
  app.post(
    '/api/dispatches/:id/steps',
    { config: { access: allow(fieldPolicy.visit) }, schema: { tags, summary: 'Accept, depart, arrive (check in), leave (check out) or cancel', params: IdParams, body: DispatchStepBody, response: { 200: Dispatch, ...ErrorResponses } } },
    async (request) => takeDispatchStep(deps, contextOf(request), id(request), request.body as DispatchStepBody),
  );
  app.post(
    '/api/dispatches/:id/logs',
    { config: { access: allow(fieldPolicy.visit) }, schema: { tags, summary: 'Add to the visit’s work log (text and/or a photo uploaded to the ticket)', params: IdParams, body: VisitLogBody, response: { 201: Type.Ref(DispatchDetailSchema), ...ErrorResponses } } },
    async (request, reply) => reply.status(201).send(await addVisitLog(deps, contextOf(request), id(request), request.body as VisitLogBody)),
  );

  // Resolution (R6) and the maintenance archive (R13)
  app.get(
    '/api/tickets/:id/resolution',
    { config: { access: allow(fieldPolicy.read) }, schema: { tags, summary: 'How the fault was fixed, or null', params: IdParams, response: { 200: Type.Union([Type.Ref(ResolutionSchema), Type.Null()]), ...ErrorResponses } } },
    async (request) => getResolution(deps, contextOf(request), id(request)),
  );
  app.put(
    '/api/tickets/:id/resolution',
    { config: { access: allow(fieldPolicy.work) }, schema: { tags, summary: 'Record how the fault was fixed and when service was restored', params: IdParams, body: ResolutionBody, response: { 200: Type.Ref(ResolutionSchema), ...ErrorResponses } } },
    async (request) => recordResolution(deps, contextOf(request), id(request), request.body as ResolutionBody),
  );
  app.get(
    '/api/assets/:id/repairs',
    { config: { access: allow(fieldPolicy.read) }, schema: { tags, summary: 'The asset’s repair records: tickets, visits, forms and satisfaction', params: IdParams, querystring: RepairsQuery, response: { 200: AssetRepairsSchema, ...ErrorResponses } } },
    async (request) => listAssetRepairs(deps, contextOf(request), id(request), request.query as Static<typeof RepairsQuery>),
  );
}
