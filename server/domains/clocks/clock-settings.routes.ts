import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Deps } from '../../deps.js';
import { allow, contextOf } from '../../http/access.js';
import { ErrorResponses } from '../../http/openapi.js';
import { IdParams } from '../users/user.schemas.js';
import { clockPolicy } from './clock.policy.js';
import {
  CalendarBody,
  CalendarDaysBody,
  CalendarSchema,
  CalendarYearSchema,
  ClockPolicyBody,
  ClockPolicySchema,
  HolidayFileBody,
  YearParams,
} from './clock-settings.schemas.js';
import {
  createCalendar,
  createPolicy,
  deleteCalendar,
  deletePolicy,
  getCalendar,
  getCalendarYear,
  getPolicy,
  importCalendarYear,
  listCalendars,
  listPolicies,
  replaceCalendar,
  replaceCalendarYear,
  replacePolicy,
} from './clock-settings.service.js';

const tags = ['clocks'];

/** Clock policies and calendars with their holidays (R4): staff read, administrators and managers change. */
export function clockSettingsRoutes(app: FastifyInstance, deps: Deps): void {
  const read = { config: { access: allow(clockPolicy.read) } };
  const manage = { config: { access: allow(clockPolicy.manage) } };

  app.get('/api/clock-policies', { ...read, schema: { tags, summary: 'Clock policies, the default first', response: { 200: Type.Object({ items: Type.Array(Type.Ref(ClockPolicySchema)) }), ...ErrorResponses } } }, async () => ({
    items: await listPolicies(deps),
  }));
  app.get('/api/clock-policies/:id', { ...read, schema: { tags, summary: 'One clock policy', params: IdParams, response: { 200: Type.Ref(ClockPolicySchema), ...ErrorResponses } } }, async (request) =>
    getPolicy(deps, (request.params as IdParams).id),
  );
  app.post(
    '/api/clock-policies',
    { ...manage, schema: { tags, summary: 'Add a clock policy (targets in minutes per grade and clock)', body: ClockPolicyBody, response: { 201: Type.Ref(ClockPolicySchema), ...ErrorResponses } } },
    async (request, reply) => reply.status(201).send(await createPolicy(deps, contextOf(request), request.body as ClockPolicyBody)),
  );
  app.put(
    '/api/clock-policies/:id',
    { ...manage, schema: { tags, summary: 'Replace a clock policy', params: IdParams, body: ClockPolicyBody, response: { 200: Type.Ref(ClockPolicySchema), ...ErrorResponses } } },
    async (request) => replacePolicy(deps, contextOf(request), (request.params as IdParams).id, request.body as ClockPolicyBody),
  );
  app.delete(
    '/api/clock-policies/:id',
    { ...manage, schema: { tags, summary: 'Delete a clock policy no contract uses', params: IdParams, response: { 204: Type.Null(), ...ErrorResponses } } },
    async (request, reply) => {
      await deletePolicy(deps, contextOf(request), (request.params as IdParams).id);
      return reply.status(204).send();
    },
  );

  app.get('/api/calendars', { ...read, schema: { tags, summary: 'Service calendars, the built-in ones first', response: { 200: Type.Object({ items: Type.Array(Type.Ref(CalendarSchema)) }), ...ErrorResponses } } }, async () => ({
    items: await listCalendars(deps),
  }));
  app.get('/api/calendars/:id', { ...read, schema: { tags, summary: 'One calendar', params: IdParams, response: { 200: Type.Ref(CalendarSchema), ...ErrorResponses } } }, async (request) =>
    getCalendar(deps, (request.params as IdParams).id),
  );
  app.post(
    '/api/calendars',
    { ...manage, schema: { tags, summary: 'Add a calendar (7×24 or business hours)', body: CalendarBody, response: { 201: Type.Ref(CalendarSchema), ...ErrorResponses } } },
    async (request, reply) => reply.status(201).send(await createCalendar(deps, contextOf(request), request.body as CalendarBody)),
  );
  app.put(
    '/api/calendars/:id',
    { ...manage, schema: { tags, summary: 'Replace a calendar’s name, zone and hours (holidays stay)', params: IdParams, body: CalendarBody, response: { 200: Type.Ref(CalendarSchema), ...ErrorResponses } } },
    async (request) => replaceCalendar(deps, contextOf(request), (request.params as IdParams).id, request.body as CalendarBody),
  );
  app.delete(
    '/api/calendars/:id',
    { ...manage, schema: { tags, summary: 'Delete a calendar no contract uses', params: IdParams, response: { 204: Type.Null(), ...ErrorResponses } } },
    async (request, reply) => {
      await deleteCalendar(deps, contextOf(request), (request.params as IdParams).id);
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/calendars/:id/years/:year',
    { ...read, schema: { tags, summary: 'A year’s holidays and make-up workdays (调休), also as a holiday file', params: YearParams, response: { 200: CalendarYearSchema, ...ErrorResponses } } },
    async (request) => {
      const { id, year } = request.params as YearParams;
      return getCalendarYear(deps, id, year);
    },
  );
  app.put(
    '/api/calendars/:id/years/:year',
    { ...manage, schema: { tags, summary: 'Replace a year’s holidays and make-up workdays', params: YearParams, body: CalendarDaysBody, response: { 200: CalendarYearSchema, ...ErrorResponses } } },
    async (request) => {
      const { id, year } = request.params as YearParams;
      return replaceCalendarYear(deps, contextOf(request), id, year, request.body as CalendarDaysBody);
    },
  );
  app.post(
    '/api/calendars/:id/years/:year/import',
    {
      ...manage,
      schema: { tags, summary: 'Replace a year from a holiday file (e.g. `2026-10-01..2026-10-07 holiday 国庆节`)', params: YearParams, body: HolidayFileBody, response: { 200: CalendarYearSchema, ...ErrorResponses } },
    },
    async (request) => {
      const { id, year } = request.params as YearParams;
      return importCalendarYear(deps, contextOf(request), id, year, request.body as HolidayFileBody);
    },
  );
}
