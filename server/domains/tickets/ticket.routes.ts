import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Deps } from '../../deps.js';
import { actorOf, allow, contextOf } from '../../http/access.js';
import { ErrorResponses } from '../../http/openapi.js';
import { Page } from '../../http/pagination.js';
import { customerScope } from '../../http/scope.js';
import { IdParams } from '../users/user.schemas.js';
import { ticketPolicy } from './ticket.policy.js';
import {
  AssignBody,
  CreateTicketBody,
  EventListQuery,
  MessageBody,
  SearchQuery,
  TicketEventSchema,
  TicketListQuery,
  TicketSchema,
  TransitionBody,
  UpdateTicketBody,
} from './ticket.schemas.js';
import {
  addMessage,
  assignTicket,
  countQueues,
  createTicket,
  getTicket,
  listEvents,
  listTickets,
  searchTickets,
  transitionTicket,
  updateTicket,
} from './ticket.service.js';

const tags = ['tickets'];
const TicketRef = Type.Ref(TicketSchema);

export function ticketRoutes(app: FastifyInstance, deps: Deps): void {
  app.post(
    '/api/tickets',
    {
      config: { access: allow(ticketPolicy.open) },
      schema: { tags, summary: 'Open a ticket (hotline, portal or an integration with an API token)', body: CreateTicketBody, response: { 201: TicketRef, ...ErrorResponses } },
    },
    async (request, reply) => reply.status(201).send(await createTicket(deps, contextOf(request), request.body as CreateTicketBody)),
  );

  app.get(
    '/api/tickets',
    {
      config: { access: allow(ticketPolicy.read) },
      schema: { tags, summary: 'A queue page (mine, team, unassigned, all) with filters, newest first', querystring: TicketListQuery, response: { 200: Page(TicketRef), ...ErrorResponses } },
    },
    async (request) => listTickets(deps, contextOf(request), request.query as TicketListQuery),
  );

  app.get(
    '/api/tickets/counts',
    {
      config: { access: allow(ticketPolicy.read) },
      schema: {
        tags,
        summary: 'Open tickets per queue',
        response: { 200: Type.Object({ mine: Type.Integer(), team: Type.Integer(), unassigned: Type.Integer(), all: Type.Integer() }), ...ErrorResponses },
      },
    },
    async (request) => countQueues(deps, contextOf(request)),
  );

  app.get(
    '/api/tickets/search',
    {
      config: { access: allow(ticketPolicy.read) },
      schema: { tags, summary: 'Search the fault archive (Chinese by bigrams, words by prefix), newest first', querystring: SearchQuery, response: { 200: Page(TicketRef), ...ErrorResponses } },
    },
    async (request) => searchTickets(deps, contextOf(request), request.query as SearchQuery),
  );

  app.get(
    '/api/tickets/stream',
    { config: { access: allow(ticketPolicy.read) }, schema: { tags, summary: 'Server-sent events: `ticket` with {id, number, action} for every created or updated ticket the user may see' } },
    async (request, reply) => {
      const scope = customerScope(contextOf(request));
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      res.write(': connected\n\n');
      const unsubscribe = deps.live?.subscribe((signal) => {
        if (scope !== null && signal.customerId !== scope) return;
        res.write(`event: ticket\ndata: ${JSON.stringify({ id: signal.id, number: signal.number, action: signal.action })}\n\n`);
      });
      // A comment every 25 s keeps proxies from closing an idle stream.
      const heartbeat = setInterval(() => res.write(': ping\n\n'), 25_000);
      request.raw.on('close', () => {
        clearInterval(heartbeat);
        unsubscribe?.();
      });
    },
  );

  app.get(
    '/api/tickets/:id',
    { config: { access: allow(ticketPolicy.read) }, schema: { tags, summary: 'One ticket with the steps the user may take', params: IdParams, response: { 200: TicketRef, ...ErrorResponses } } },
    async (request) => getTicket(deps, contextOf(request), (request.params as IdParams).id),
  );

  app.patch(
    '/api/tickets/:id',
    {
      config: { access: allow(ticketPolicy.work) },
      schema: { tags, summary: 'Edit a ticket; every change is recorded on its timeline', params: IdParams, body: UpdateTicketBody, response: { 200: TicketRef, ...ErrorResponses } },
    },
    async (request) => updateTicket(deps, contextOf(request), (request.params as IdParams).id, request.body as UpdateTicketBody),
  );

  app.post(
    '/api/tickets/:id/transitions',
    {
      config: { access: allow(ticketPolicy.transition) },
      schema: { tags, summary: 'Move a ticket along its workflow (409 invalid_transition otherwise)', params: IdParams, body: TransitionBody, response: { 200: TicketRef, ...ErrorResponses } },
    },
    async (request) => {
      const body = request.body as TransitionBody;
      return transitionTicket(deps, contextOf(request), (request.params as IdParams).id, body.to, body.comment);
    },
  );

  app.post(
    '/api/tickets/:id/assign',
    {
      config: { access: allow(ticketPolicy.work) },
      schema: { tags, summary: 'Route or transfer a ticket to a team and/or owner, with a reason', params: IdParams, body: AssignBody, response: { 200: TicketRef, ...ErrorResponses } },
    },
    async (request) => assignTicket(deps, contextOf(request), (request.params as IdParams).id, request.body as AssignBody),
  );

  app.get(
    '/api/tickets/:id/events',
    {
      config: { access: allow(ticketPolicy.read) },
      schema: { tags, summary: 'The ticket’s timeline, oldest first (no internal events for customer contacts)', params: IdParams, querystring: EventListQuery, response: { 200: Page(Type.Ref(TicketEventSchema)), ...ErrorResponses } },
    },
    async (request) => listEvents(deps, contextOf(request), (request.params as IdParams).id, request.query as { cursor?: string; limit?: number }),
  );

  app.post(
    '/api/tickets/:id/replies',
    {
      config: { access: allow(ticketPolicy.reply) },
      schema: { tags, summary: 'Reply to the customer (visible to the customer)', params: IdParams, body: MessageBody, response: { 201: Type.Ref(TicketEventSchema), ...ErrorResponses } },
    },
    async (request, reply) => reply.status(201).send(await addMessage(deps, contextOf(request), (request.params as IdParams).id, 'reply', (request.body as MessageBody).body)),
  );

  app.post(
    '/api/tickets/:id/notes',
    {
      config: { access: allow(ticketPolicy.work) },
      schema: { tags, summary: 'Add an internal note (staff only, never shown to the customer)', params: IdParams, body: MessageBody, response: { 201: Type.Ref(TicketEventSchema), ...ErrorResponses } },
    },
    async (request, reply) => {
      actorOf(request);
      return reply.status(201).send(await addMessage(deps, contextOf(request), (request.params as IdParams).id, 'note', (request.body as MessageBody).body));
    },
  );
}
