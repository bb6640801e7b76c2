import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.js';
import { allow, contextOf } from '../../http/access.js';
import { sendSheet } from '../../http/export.js';
import { ErrorResponses } from '../../http/openapi.js';
import { CONTENT_TYPES } from '../../shared/spreadsheet.js';
import { customerPolicy } from '../customers/customer.policy.js';
import { IMPORT_BODY_LIMIT, ImportKindParams, ImportQuery, ImportResultSchema, TemplateQuery } from './import.schemas.js';
import { importFile, templateOf } from './import.service.js';

const tags = ['imports'];

// The file is the body, as it is. Browsers label a .csv `application/vnd.ms-excel` on machines
// with Excel installed, and some clients send no better type than octet-stream.
const FILE_TYPES = ['text/csv', 'application/csv', CONTENT_TYPES.xlsx, 'application/vnd.ms-excel', 'application/octet-stream'];

/**
 * Spreadsheet import of customers, contacts and assets. The routes sit in a plugin of their own so
 * the raw-file body parsers apply here only; every other route keeps answering JSON-only.
 */
export function importRoutes(app: FastifyInstance, deps: Deps): void {
  void app.register(async (scope) => {
    scope.addContentTypeParser(FILE_TYPES, { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT }, (_request, body, done) => done(null, body));

    scope.get(
      '/api/imports/templates/:kind',
      {
        config: { access: allow(customerPolicy.import) },
        schema: { tags, summary: 'Download an import template (.xlsx or .csv): bilingual headers and an example row', params: ImportKindParams, querystring: TemplateQuery },
      },
      async (request, reply) => {
        const { kind } = request.params as ImportKindParams;
        const { format } = request.query as TemplateQuery;
        const { columns, rows } = templateOf(kind);
        return sendSheet(reply, format, `weibao-${kind}-template`, columns, rows);
      },
    );

    scope.post(
      '/api/imports/:kind',
      {
        config: { access: allow(customerPolicy.import) },
        schema: {
          tags,
          summary: 'Import an .xlsx or .csv file sent as the body; all rows or none. dryRun=true only lists the problems',
          description:
            'Every row is checked first, and every problem is listed with its row and column. A dry run answers that ' +
            'report. Otherwise a file with any problem answers 422 import_invalid (details.errors) and writes nothing; ' +
            'a clean file is created in one transaction.',
          params: ImportKindParams,
          querystring: ImportQuery,
          response: { 200: ImportResultSchema, ...ErrorResponses },
        },
      },
      async (request) => {
        const { kind } = request.params as ImportKindParams;
        const { dryRun } = request.query as ImportQuery;
        return importFile(deps, contextOf(request), kind, Buffer.isBuffer(request.body) ? request.body : undefined, dryRun);
      },
    );
  });
}
