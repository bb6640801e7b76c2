import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Deps } from '../../deps.js';
import { allow, contextOf } from '../../http/access.js';
import { ErrorResponses } from '../../http/openapi.js';
import { contentDisposition } from '../attachments/file-name.js';
import { IdParams } from '../users/user.schemas.js';
import { reportPolicy } from './fault-report.policy.js';
import { DeliverReportBody, FaultReportSchema, ReportPdfQuery, UpdateReportBody } from './fault-report.schemas.js';
import { approveFaultReport, deliverFaultReport, draftFaultReport, faultReportPdf, getTicketReport, updateFaultReport } from './fault-report.service.js';

const tags = ['fault reports'];

/** Fault analysis reports (故障分析说明, R10): drafted from the ticket, edited, approved, delivered as a PDF. */
export function faultReportRoutes(app: FastifyInstance, deps: Deps): void {
  const read = { config: { access: allow(reportPolicy.read) } };
  const write = { config: { access: allow(reportPolicy.write) } };
  const approve = { config: { access: allow(reportPolicy.approve) } };
  const one = { 200: FaultReportSchema, ...ErrorResponses };

  app.post(
    '/api/tickets/:id/report',
    {
      ...write,
      schema: {
        tags,
        summary: 'Draft the fault’s analysis report from its ticket',
        description:
          'Summary, timeline (in the request’s language), cause and handling are filled in from the ticket, its remote sessions, visits and ' +
          'resolution; prevention is left empty. Faults only (400 field_service_not_applicable); one per ticket (409 report_exists).',
        params: IdParams,
        response: { 201: FaultReportSchema, ...ErrorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await draftFaultReport(deps, contextOf(request), (request.params as IdParams).id)),
  );
  app.get(
    '/api/tickets/:id/report',
    { ...read, schema: { tags, summary: 'A ticket’s fault analysis report (customer contacts: once delivered)', params: IdParams, response: one } },
    async (request) => getTicketReport(deps, contextOf(request), (request.params as IdParams).id),
  );
  app.patch(
    '/api/reports/:id',
    {
      ...write,
      schema: {
        tags,
        summary: 'Edit a report’s sections; an approved report goes back to draft, a delivered one cannot change',
        params: IdParams,
        body: UpdateReportBody,
        response: one,
      },
    },
    async (request) => updateFaultReport(deps, contextOf(request), (request.params as IdParams).id, request.body as UpdateReportBody),
  );
  app.post(
    '/api/reports/:id/approve',
    { ...approve, schema: { tags, summary: 'Approve a draft (managers and administrators); every section must be written (400 report_incomplete)', params: IdParams, response: one } },
    async (request) => approveFaultReport(deps, contextOf(request), (request.params as IdParams).id),
  );
  app.post(
    '/api/reports/:id/deliver',
    {
      ...write,
      schema: {
        tags,
        summary: 'Deliver an approved report to the customer, optionally e-mailing the PDF; stops the report clock (R4)',
        description: 'With `emails`, the PDF is sent first; if no mail server is configured (503 mail_not_configured) or sending fails (502 mail_failed) nothing is delivered.',
        params: IdParams,
        body: DeliverReportBody,
        response: one,
      },
    },
    async (request) => deliverFaultReport(deps, contextOf(request), (request.params as IdParams).id, (request.body as DeliverReportBody | undefined) ?? {}),
  );
  app.get(
    '/api/reports/:id/pdf',
    {
      ...read,
      schema: {
        tags,
        summary: 'The report as a PDF download (customer contacts: once delivered)',
        params: IdParams,
        querystring: ReportPdfQuery,
        response: { 200: Type.Any({ description: 'application/pdf' }), ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const { lang } = request.query as ReportPdfQuery;
      const file = await faultReportPdf(deps, contextOf(request), (request.params as IdParams).id, lang);
      return reply
        .header('content-type', 'application/pdf')
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .header('content-disposition', contentDisposition('attachment', file.fileName))
        .send(file.data);
    },
  );
}
