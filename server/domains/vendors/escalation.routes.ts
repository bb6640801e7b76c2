import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Deps } from '../../deps.js';
import { allow, contextOf } from '../../http/access.js';
import { ErrorResponses } from '../../http/openapi.js';
import { IdParams } from '../users/user.schemas.js';
import {
  CreateEscalationBody,
  EscalationBriefSchema,
  EscalationEntryBody,
  EscalationSchema,
  TicketIdParams,
  UpdateEscalationBody,
} from './escalation.schemas.js';
import { addEscalationEntry, getEscalationBrief, listEscalations, openEscalation, updateEscalation } from './escalation.service.js';
import { vendorPolicy } from './vendor.policy.js';

const tags = ['vendors'];

/** Escalations of faults to vendors' support (R6): the staff who handle faults; never customer contacts. */
export function escalationRoutes(app: FastifyInstance, deps: Deps): void {
  const work = { config: { access: allow(vendorPolicy.escalate) } };

  app.get(
    '/api/tickets/:id/escalation-brief',
    {
      ...work,
      schema: {
        tags,
        summary: "The hand-over for the vendor compiled from the ticket: customer, device, fault, actions taken and results (in the request's language)",
        params: TicketIdParams,
        response: { 200: EscalationBriefSchema, ...ErrorResponses },
      },
    },
    async (request) => getEscalationBrief(deps, contextOf(request), (request.params as TicketIdParams).id),
  );
  app.get(
    '/api/tickets/:id/escalations',
    { ...work, schema: { tags, summary: "A ticket's escalations to vendors with their entries, oldest first", params: TicketIdParams, response: { 200: Type.Object({ items: Type.Array(EscalationSchema) }), ...ErrorResponses } } },
    async (request) => listEscalations(deps, contextOf(request), (request.params as TicketIdParams).id),
  );
  app.post(
    '/api/tickets/:id/escalations',
    {
      ...work,
      schema: {
        tags,
        summary: 'Escalate the fault to a vendor with the (edited) brief; the ticket moves to "escalated" when its flow allows',
        params: TicketIdParams,
        body: CreateEscalationBody,
        response: { 201: EscalationSchema, ...ErrorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await openEscalation(deps, contextOf(request), (request.params as TicketIdParams).id, request.body as CreateEscalationBody)),
  );
  app.post(
    '/api/escalations/:id/entries',
    {
      ...work,
      schema: {
        tags,
        summary: "Record what was sent to the vendor, the vendor's answer (the escalation becomes answered) or a note",
        params: IdParams,
        body: EscalationEntryBody,
        response: { 201: EscalationSchema, ...ErrorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await addEscalationEntry(deps, contextOf(request), (request.params as IdParams).id, request.body as EscalationEntryBody)),
  );
  app.patch(
    '/api/escalations/:id',
    {
      ...work,
      schema: { tags, summary: "Set the vendor's case number or the escalation's state; closing is final", params: IdParams, body: UpdateEscalationBody, response: { 200: EscalationSchema, ...ErrorResponses } },
    },
    async (request) => updateEscalation(deps, contextOf(request), (request.params as IdParams).id, request.body as UpdateEscalationBody),
  );
}
