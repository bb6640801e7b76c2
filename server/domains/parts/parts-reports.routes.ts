import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Deps } from '../../deps.js';
import { allow, contextOf } from '../../http/access.js';
import { sendWorkbook } from '../../http/export.js';
import { ErrorResponses } from '../../http/openapi.js';
import { partsPolicy } from './parts.policy.js';
import { MovementExportQuery, PartsUsedQuery, PartsUsedSchema, StockExportQuery } from './parts-reports.schemas.js';
import { movementsWorkbook, partsUsed, partsUsedWorkbook, stockLevelsWorkbook, type Workbook } from './parts-reports.service.js';

const tags = ['spare parts'];

/** Spare-parts reports and .xlsx exports (issue 7 item 7): staff only, headers in the request's language. */
export function partsReportRoutes(app: FastifyInstance, deps: Deps): void {
  const read = { config: { access: allow(partsPolicy.read) } };
  const download = (reply: Parameters<typeof sendWorkbook>[0], book: Workbook) => sendWorkbook(reply, book.fileName, book.sheets);

  app.get(
    '/api/stock/export.xlsx',
    { ...read, schema: { tags, summary: 'Stock levels as .xlsx, filtered like the list', querystring: StockExportQuery } },
    async (request, reply) => download(reply, await stockLevelsWorkbook(deps, contextOf(request), request.query as StockExportQuery)),
  );
  app.get(
    '/api/stock/movements/export.xlsx',
    { ...read, schema: { tags, summary: 'The ledger of a period (at most 366 days) as .xlsx, oldest first', querystring: MovementExportQuery } },
    async (request, reply) => download(reply, await movementsWorkbook(deps, contextOf(request), request.query as MovementExportQuery)),
  );
  app.get(
    '/api/reports/parts-used',
    { ...read, schema: { tags, summary: 'Parts used on faults per customer and part over a period: quantity and tickets', querystring: PartsUsedQuery, response: { 200: Type.Ref(PartsUsedSchema), ...ErrorResponses } } },
    async (request) => partsUsed(deps, contextOf(request), request.query as PartsUsedQuery),
  );
  app.get(
    '/api/reports/parts-used.xlsx',
    { ...read, schema: { tags, summary: 'The parts-used report as .xlsx', querystring: PartsUsedQuery } },
    async (request, reply) => download(reply, await partsUsedWorkbook(deps, contextOf(request), request.query as PartsUsedQuery)),
  );
}
