import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { Deps } from '../../deps.js';
import { allow } from '../../http/access.js';
import { ErrorResponses } from '../../http/openapi.js';
import { Page, PageQuery } from '../../http/pagination.js';
import { auditPolicy } from './audit.policy.js';
import { AuditEntrySchema } from './audit.presenter.js';
import { listAudit } from './audit.service.js';

const AuditQuery = Type.Object(
  {
    ...PageQuery,
    actorId: Type.Optional(Type.Integer({ minimum: 1 })),
    action: Type.Optional(Type.String({ pattern: '^[a-z_]+(\\.[a-z_]+)*(\\.\\*)?$', maxLength: 80, description: 'e.g. user.create, or user.* for every action on users' })),
    entityType: Type.Optional(Type.String({ maxLength: 40 })),
    entityId: Type.Optional(Type.String({ maxLength: 40 })),
    from: Type.Optional(Type.Integer({ minimum: 0, description: 'UTC epoch ms, inclusive' })),
    to: Type.Optional(Type.Integer({ minimum: 0, description: 'UTC epoch ms, exclusive' })),
  },
  { additionalProperties: false },
);

export function auditRoutes(app: FastifyInstance, deps: Deps): void {
  app.get(
    '/api/audit',
    {
      config: { access: allow(auditPolicy.read) },
      schema: {
        tags: ['audit'],
        summary: 'The append-only audit trail, newest first, filtered',
        querystring: AuditQuery,
        response: { 200: Page(Type.Ref(AuditEntrySchema)), ...ErrorResponses },
      },
    },
    async (request) => {
      const { actorId, ...q } = request.query as Static<typeof AuditQuery>;
      return listAudit(deps.db, { ...q, actorUserId: actorId, limit: q.limit ?? 50 });
    },
  );
}
