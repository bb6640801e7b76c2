import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Deps } from '../../deps.js';
import { allow, contextOf } from '../../http/access.js';
import { ErrorResponses } from '../../http/openapi.js';
import { Page } from '../../http/pagination.js';
import { ticketPolicy } from '../tickets/ticket.policy.js';
import { CallListQuery, CallSchema, CreateCallBody, listCalls, logCall } from './call.service.js';

const tags = ['calls'];

export function callRoutes(app: FastifyInstance, deps: Deps): void {
  app.post(
    '/api/calls',
    { config: { access: allow(ticketPolicy.work) }, schema: { tags, summary: 'Log a call (with or without a ticket)', body: CreateCallBody, response: { 201: Type.Ref(CallSchema), ...ErrorResponses } } },
    async (request, reply) => reply.status(201).send(await logCall(deps, contextOf(request), request.body as CreateCallBody)),
  );
  app.get(
    '/api/calls',
    { config: { access: allow(ticketPolicy.work) }, schema: { tags, summary: 'The call log, newest first', querystring: CallListQuery, response: { 200: Page(Type.Ref(CallSchema)), ...ErrorResponses } } },
    async (request) => listCalls(deps, request.query as CallListQuery),
  );
}
