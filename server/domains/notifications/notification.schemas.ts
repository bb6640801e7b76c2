import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { literalUnion } from '../../http/literals.js';
import { PageQuery } from '../../http/pagination.js';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const NOTIFICATION_KINDS = ['warning', 'breach', 'escalation', 'dispatched', 'below_minimum'] as const;

export const NotificationSchema = Type.Object(
  {
    id: Type.Integer(),
    kind: literalUnion(NOTIFICATION_KINDS, { description: 'warning: a clock is about to breach; breach: it did; escalation: still breached, passed up the chain; dispatched: you were sent on a visit (deadline: its planned time); below_minimum: a store’s available stock of a part fell below its minimum (see stock)' }),
    clockKind: Nullable(Type.String({ description: 'response, solution, dispatch, arrival, restore, hardware_restore, report' })),
    step: Type.Integer({ description: 'Escalation step (0 for the warning and the breach)' }),
    ticketId: Nullable(Type.Integer()),
    ticketNumber: Nullable(Type.String()),
    deadline: Nullable(Type.Integer()),
    stock: Nullable(
      Type.Object(
        { partId: Type.Integer(), partNumber: Type.String(), storeId: Type.Integer(), storeName: Type.String() },
        { description: 'below_minimum: the part and the store' },
      ),
    ),
    createdAt: Type.Integer(),
    readAt: Nullable(Type.Integer()),
  },
  { $id: 'Notification' },
);
export type NotificationDto = Static<typeof NotificationSchema>;

export const NotificationListQuery = Type.Object({ ...PageQuery, unread: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
export type NotificationListQuery = Static<typeof NotificationListQuery>;
