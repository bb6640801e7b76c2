import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { Deps } from '../../deps.js';
import { allow, contextOf } from '../../http/access.js';
import { ErrorResponses } from '../../http/openapi.js';
import { IdParams } from '../users/user.schemas.js';
import { ticketPolicy } from './ticket.policy.js';
import { CreateViewBody, deleteView, LinkBody, LinksSchema, linkTickets, listLinks, listViews, MergeBody, mergeTicket, saveView, unlinkTickets, ViewSchema } from './ticket-links.service.js';

const tags = ['tickets'];
const LinkParams = Type.Object({ id: Type.Integer({ minimum: 1 }), otherId: Type.Integer({ minimum: 1 }) });

export function ticketLinkRoutes(app: FastifyInstance, deps: Deps): void {
  app.get(
    '/api/tickets/:id/links',
    { config: { access: allow(ticketPolicy.read) }, schema: { tags, summary: 'Related and duplicate tickets, the parent incident and its children', params: IdParams, response: { 200: LinksSchema, ...ErrorResponses } } },
    async (request) => listLinks(deps, contextOf(request), (request.params as IdParams).id),
  );
  app.post(
    '/api/tickets/:id/links',
    { config: { access: allow(ticketPolicy.work) }, schema: { tags, summary: 'Link a ticket of the same customer as related or duplicate', params: IdParams, body: LinkBody, response: { 200: LinksSchema, ...ErrorResponses } } },
    async (request) => linkTickets(deps, contextOf(request), (request.params as IdParams).id, request.body as LinkBody),
  );
  app.delete(
    '/api/tickets/:id/links/:otherId',
    {
      config: { access: allow(ticketPolicy.work) },
      schema: { tags, summary: 'Remove the link between two tickets (a merge stays)', params: LinkParams, response: { 200: LinksSchema, ...ErrorResponses } },
    },
    async (request) => {
      const params = request.params as Static<typeof LinkParams>;
      return unlinkTickets(deps, contextOf(request), params.id, params.otherId);
    },
  );
  app.post(
    '/api/tickets/:id/merge',
    { config: { access: allow(ticketPolicy.work) }, schema: { tags, summary: 'Merge this duplicate into another ticket (closes this one)', params: IdParams, body: MergeBody, response: { 200: LinksSchema, ...ErrorResponses } } },
    async (request) => mergeTicket(deps, contextOf(request), (request.params as IdParams).id, (request.body as Static<typeof MergeBody>).into),
  );
  app.get(
    '/api/ticket-views',
    { config: { access: allow(ticketPolicy.read) }, schema: { tags, summary: 'Your saved queue views', response: { 200: Type.Object({ items: Type.Array(Type.Ref(ViewSchema)) }), ...ErrorResponses } } },
    async (request) => listViews(deps, contextOf(request)),
  );
  app.post(
    '/api/ticket-views',
    { config: { access: allow(ticketPolicy.read) }, schema: { tags, summary: 'Save a queue’s filters under a name', body: CreateViewBody, response: { 201: Type.Ref(ViewSchema), ...ErrorResponses } } },
    async (request, reply) => reply.status(201).send(await saveView(deps, contextOf(request), request.body as CreateViewBody)),
  );
  app.delete(
    '/api/ticket-views/:id',
    { config: { access: allow(ticketPolicy.read) }, schema: { tags, summary: 'Delete one of your saved views', params: IdParams, response: { 204: Type.Null(), ...ErrorResponses } } },
    async (request, reply) => {
      await deleteView(deps, contextOf(request), (request.params as IdParams).id);
      return reply.status(204).send();
    },
  );
}
