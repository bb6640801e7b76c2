import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Deps } from '../../deps.js';
import { allow, contextOf } from '../../http/access.js';
import { ErrorResponses } from '../../http/openapi.js';
import { ticketForAttachment } from '../tickets/ticket.service.js';
import { IdParams } from '../users/user.schemas.js';
import { clockPolicy } from './clock.policy.js';
import { TicketClockSchema } from './ticket-clock.schemas.js';
import { ticketClocks } from './ticket-clock.service.js';

/** A ticket's service clocks (R4); the tickets service checks the requester may see the ticket. */
export function ticketClockRoutes(app: FastifyInstance, deps: Deps): void {
  app.get(
    '/api/tickets/:id/clocks',
    {
      config: { access: allow(clockPolicy.readTicketClocks) },
      schema: {
        tags: ['tickets', 'clocks'],
        summary: 'A ticket’s clocks with deadlines and time left; `now` is the server time they were read at',
        params: IdParams,
        response: { 200: Type.Object({ now: Type.Integer(), items: Type.Array(Type.Ref(TicketClockSchema)) }), ...ErrorResponses },
      },
    },
    async (request) => {
      const { id } = request.params as IdParams;
      await ticketForAttachment(deps.db, contextOf(request), id);
      const now = deps.clock.now();
      return { now, items: (await ticketClocks(deps.db, [id], now)).get(id) ?? [] };
    },
  );
}
