import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Deps } from '../../deps.js';
import { allow, contextOf } from '../../http/access.js';
import { sendWorkbook } from '../../http/export.js';
import { ErrorResponses } from '../../http/openapi.js';
import { Page } from '../../http/pagination.js';
import { clockPolicy } from './clock.policy.js';
import { BreachListQuery, BreachSchema, ComplianceExportQuery, ComplianceQuery, ComplianceReportSchema } from './compliance.schemas.js';
import { complianceReport, complianceWorkbook, listBreaches } from './compliance.service.js';

const tags = ['clocks'];

/** Clock compliance (R4, R19): share of clocks met, grouped, with the breached ones listed; staff only. */
export function complianceRoutes(app: FastifyInstance, deps: Deps): void {
  const read = { config: { access: allow(clockPolicy.read) } };
  app.get(
    '/api/clock-compliance',
    { ...read, schema: { tags, summary: 'Share of clocks met per clock, grade, customer, contract, team or month', querystring: ComplianceQuery, response: { 200: Type.Ref(ComplianceReportSchema), ...ErrorResponses } } },
    async (request) => complianceReport(deps, contextOf(request), request.query as ComplianceQuery),
  );
  app.get(
    '/api/clock-compliance/breaches',
    { ...read, schema: { tags, summary: 'Breached clocks of the period with their tickets, latest deadline first', querystring: BreachListQuery, response: { 200: Page(Type.Ref(BreachSchema)), ...ErrorResponses } } },
    async (request) => listBreaches(deps, contextOf(request), request.query as BreachListQuery),
  );
  app.get(
    '/api/clock-compliance/export',
    { ...read, schema: { tags, summary: 'The compliance report as .xlsx: a sheet per grouping and the breaches', querystring: ComplianceExportQuery } },
    async (request, reply) => {
      const { format: _format, ...filters } = request.query as ComplianceExportQuery;
      return sendWorkbook(reply, 'clock-compliance', await complianceWorkbook(deps, contextOf(request), filters));
    },
  );
}
