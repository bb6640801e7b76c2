import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Deps } from '../../deps.js';
import { allow, contextOf } from '../../http/access.js';
import { ErrorResponses } from '../../http/openapi.js';
import { Page } from '../../http/pagination.js';
import { IdParams } from '../users/user.schemas.js';
import { notificationPolicy } from './notification.policy.js';
import { NotificationListQuery, NotificationSchema } from './notification.schemas.js';
import { listNotifications, markAllNotificationsRead, markNotificationRead, unreadCount } from './notification.service.js';

const tags = ['notifications'];

/** The in-app notification centre: clock warnings, breaches and escalations (R4). */
export function notificationRoutes(app: FastifyInstance, deps: Deps): void {
  const own = { config: { access: allow(notificationPolicy.own) } };
  app.get(
    '/api/notifications',
    { ...own, schema: { tags, summary: 'My notifications, newest first', querystring: NotificationListQuery, response: { 200: Page(Type.Ref(NotificationSchema)), ...ErrorResponses } } },
    async (request) => listNotifications(deps, contextOf(request), request.query as NotificationListQuery),
  );
  app.get(
    '/api/notifications/unread-count',
    { ...own, schema: { tags, summary: 'How many of my notifications are unread', response: { 200: Type.Object({ unread: Type.Integer() }), ...ErrorResponses } } },
    async (request) => unreadCount(deps, contextOf(request)),
  );
  app.post(
    '/api/notifications/:id/read',
    { ...own, schema: { tags, summary: 'Mark one of my notifications read', params: IdParams, response: { 200: Type.Ref(NotificationSchema), ...ErrorResponses } } },
    async (request) => markNotificationRead(deps, contextOf(request), (request.params as IdParams).id),
  );
  app.post(
    '/api/notifications/read-all',
    { ...own, schema: { tags, summary: 'Mark all my notifications read', response: { 200: Type.Object({ marked: Type.Integer() }), ...ErrorResponses } } },
    async (request) => markAllNotificationsRead(deps, contextOf(request)),
  );
}
