import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Deps } from '../../deps.js';
import { allow, contextOf } from '../../http/access.js';
import { AppError } from '../../http/errors.js';
import { ErrorResponses } from '../../http/openapi.js';
import { ticketPolicy } from '../tickets/ticket.policy.js';
import { IdParams } from '../users/user.schemas.js';
import { ATTACHMENT_MAX_BYTES, AttachmentList, AttachmentSchema, UploadQuery } from './attachment.schemas.js';
import { listAttachments, readAttachment, uploadAttachment, type AttachmentDeps } from './attachment.service.js';
import { attachmentStorage } from './attachment.storage.js';
import { contentDisposition } from './file-name.js';

const tags = ['attachments'];

// An HTML form can send these three across sites without a CORS preflight; refusing them keeps
// uploads out of reach of cross-site forms, as JSON-only bodies do for the rest of the API.
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/**
 * Ticket attachments. The routes sit in a plugin of their own so the raw-body parser applies here
 * only. The file is the request body as it is; its declared content type is ignored (the type is
 * detected from the bytes).
 */
export function attachmentRoutes(app: FastifyInstance, deps: Deps): void {
  const attachmentDeps: AttachmentDeps = { ...deps, storage: attachmentStorage(deps.config.dataDir) };

  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(FORM_TYPES, (_request, _payload, done) => done(new AppError('attachment_media_type'), undefined));
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: ATTACHMENT_MAX_BYTES }, (_request, body, done) => done(null, body));

    scope.post(
      '/api/tickets/:id/attachments',
      {
        config: { access: allow(ticketPolicy.reply) },
        bodyLimit: ATTACHMENT_MAX_BYTES,
        schema: {
          tags,
          summary: 'Attach a file to a ticket: the raw bytes as the body (up to 20 MiB), its name in ?name=',
          description:
            'Send the file itself as the body with any content type except forms and text/plain (e.g. ' +
            '`application/octet-stream`); multipart is not accepted. The type is detected from the content: HTML, SVG ' +
            'and XML are refused with 400 attachment_type_refused whatever the name. An empty body is 400 ' +
            'attachment_empty, a larger one 413 body_too_large. `internal=true` (staff only) hides the file from ' +
            'customer contacts.',
          params: IdParams,
          querystring: UploadQuery,
          response: { 201: AttachmentSchema, ...ErrorResponses },
        },
      },
      async (request, reply) => {
        const { name, internal } = request.query as UploadQuery;
        const data = Buffer.isBuffer(request.body) ? request.body : undefined;
        const created = await uploadAttachment(attachmentDeps, contextOf(request), (request.params as IdParams).id, { name, internal, data });
        return reply.status(201).send(created);
      },
    );

    scope.get(
      '/api/tickets/:id/attachments',
      {
        config: { access: allow(ticketPolicy.read) },
        schema: { tags, summary: 'A ticket’s attachments, oldest first (no internal ones for customer contacts)', params: IdParams, response: { 200: AttachmentList, ...ErrorResponses } },
      },
      async (request) => listAttachments(attachmentDeps, contextOf(request), (request.params as IdParams).id),
    );

    scope.get(
      '/api/attachments/:id',
      {
        config: { access: allow(ticketPolicy.read) },
        schema: {
          tags,
          summary: 'Download an attachment: images and PDF inline (previews), everything else as a download',
          description: 'Served with its detected type, `nosniff` and a sandboxing Content-Security-Policy, so no upload can run script in the console’s origin.',
          params: IdParams,
          response: { 200: Type.Any({ description: 'The file' }), ...ErrorResponses },
        },
      },
      async (request, reply) => {
        const file = await readAttachment(attachmentDeps, contextOf(request), (request.params as IdParams).id);
        return reply
          .header('content-type', file.contentType === 'text/plain' ? 'text/plain; charset=utf-8' : file.contentType)
          .header('x-content-type-options', 'nosniff')
          .header(
            'content-security-policy',
            // Browsers' built-in PDF viewers do not run in a sandboxed document; a PDF is only
            // served as one after its magic bytes said so, and scripts stay off either way.
            file.contentType === 'application/pdf' ? "default-src 'none'; object-src 'self'" : "default-src 'none'; sandbox",
          )
          .header('cache-control', 'private, max-age=300')
          .header('content-disposition', contentDisposition(file.preview ? 'inline' : 'attachment', file.name))
          .send(file.data);
      },
    );
  });
}
