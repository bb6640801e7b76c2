import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { literalUnion } from '../../http/literals.js';
import { PageQuery } from '../../http/pagination.js';
import { EVENT_TYPES, type EventType } from './event-types.js';
import { TICKET_KINDS, TICKET_STATUSES } from './workflow.js';

export { EVENT_TYPES, type EventType };

export const CHANNELS = ['phone', 'portal', 'email', 'onsite', 'api'] as const;
export const GRADES = ['general', 'major', 'emergency'] as const;
export type Channel = (typeof CHANNELS)[number];
export type Grade = (typeof GRADES)[number];

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Id = Type.Integer({ minimum: 1 });

export const TicketSchema = Type.Object(
  {
    id: Type.Integer(),
    number: Type.String({ description: 'e.g. GZ-20261124-0007: prefix by kind, day (Asia/Shanghai), daily sequence' }),
    kind: literalUnion(TICKET_KINDS),
    channel: literalUnion(CHANNELS),
    grade: Nullable(literalUnion(GRADES)),
    nonStopping: Type.Boolean({ description: '非停机性质的故障 (e.g. a slow system): still diagnosed on site at once (R3)' }),
    causeUnknown: Type.Boolean({ description: '原因不明故障: engineers stay on it until solved (R3)' }),
    status: literalUnion(TICKET_STATUSES),
    title: Type.String(),
    description: Type.String(),
    debugInfo: Type.String(),
    customerId: Type.Integer(),
    customerName: Type.String(),
    contactId: Nullable(Type.Integer()),
    callerName: Type.String(),
    callerPhone: Type.String(),
    assetId: Nullable(Type.Integer()),
    assetSerial: Nullable(Type.String()),
    assetModel: Nullable(Type.String()),
    contractId: Nullable(Type.Integer()),
    contractNumber: Nullable(Type.String()),
    teamId: Nullable(Type.Integer()),
    teamName: Nullable(Type.String()),
    ownerId: Nullable(Type.Integer()),
    ownerName: Nullable(Type.String()),
    watcherIds: Type.Array(Type.Integer()),
    parentId: Nullable(Type.Integer()),
    investigation: Type.String(),
    answer: Type.String(),
    createdAt: Type.Integer(),
    updatedAt: Type.Integer(),
    lastActivityAt: Type.Integer(),
    closedAt: Nullable(Type.Integer()),
    allowedTransitions: Type.Array(Type.String(), { description: 'Steps the requesting user may take now' }),
    nextDeadline: Nullable(
      Type.Object(
        {
          kind: Type.String({ description: 'the clock (R4): response, solution, dispatch, arrival, restore, hardware_restore, report' }),
          deadline: Type.Integer(),
          state: literalUnion(['running', 'breached'] as const),
        },
        { description: 'The soonest deadline of a clock still running (or overdue), if any' },
      ),
    ),
  },
  { $id: 'Ticket' },
);
export type TicketDto = Static<typeof TicketSchema>;

export const TicketEventSchema = Type.Object(
  {
    id: Type.Integer(),
    at: Type.Integer(),
    type: literalUnion(EVENT_TYPES),
    internal: Type.Boolean(),
    actorId: Nullable(Type.Integer()),
    actorName: Type.String(),
    body: Type.String(),
    data: Type.Record(Type.String(), Type.Unknown()),
  },
  { $id: 'TicketEvent' },
);
export type TicketEventDto = Static<typeof TicketEventSchema>;

const Title = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' });
const LongText = Type.String({ maxLength: 20_000 });

export const CreateTicketBody = Type.Object(
  {
    kind: literalUnion(TICKET_KINDS),
    channel: Type.Optional(literalUnion(CHANNELS)),
    grade: Type.Optional(Nullable(literalUnion(GRADES))),
    nonStopping: Type.Optional(Type.Boolean()),
    causeUnknown: Type.Optional(Type.Boolean()),
    title: Title,
    description: Type.Optional(LongText),
    debugInfo: Type.Optional(LongText),
    customerId: Type.Optional(Id),
    contactId: Type.Optional(Nullable(Id)),
    callerName: Type.Optional(Type.String({ maxLength: 100 })),
    callerPhone: Type.Optional(Type.String({ maxLength: 40 })),
    assetId: Type.Optional(Nullable(Id)),
    teamId: Type.Optional(Nullable(Id)),
    ownerId: Type.Optional(Nullable(Id)),
    parentId: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false },
);
export type CreateTicketBody = Static<typeof CreateTicketBody>;

export const UpdateTicketBody = Type.Object(
  {
    title: Type.Optional(Title),
    description: Type.Optional(LongText),
    debugInfo: Type.Optional(LongText),
    grade: Type.Optional(Nullable(literalUnion(GRADES))),
    nonStopping: Type.Optional(Type.Boolean()),
    causeUnknown: Type.Optional(Type.Boolean()),
    investigation: Type.Optional(LongText),
    answer: Type.Optional(LongText),
    watcherIds: Type.Optional(Type.Array(Id, { maxItems: 50, uniqueItems: true })),
    parentId: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateTicketBody = Static<typeof UpdateTicketBody>;

export const TransitionBody = Type.Object(
  { to: Type.Union([literalUnion(TICKET_STATUSES), Type.Literal('reopened')]), comment: Type.Optional(Type.String({ maxLength: 4000 })) },
  { additionalProperties: false },
);
export type TransitionBody = Static<typeof TransitionBody>;

export const AssignBody = Type.Object(
  { teamId: Type.Optional(Nullable(Id)), ownerId: Type.Optional(Nullable(Id)), reason: Type.Optional(Type.String({ maxLength: 1000 })) },
  { additionalProperties: false, minProperties: 1 },
);
export type AssignBody = Static<typeof AssignBody>;

export const MessageBody = Type.Object({ body: Type.String({ minLength: 1, maxLength: 20_000, pattern: '\\S' }) }, { additionalProperties: false });
export type MessageBody = Static<typeof MessageBody>;

export const QUEUES = ['mine', 'team', 'unassigned', 'all'] as const;

export const TicketListQuery = Type.Object(
  {
    ...PageQuery,
    queue: Type.Optional(literalUnion(QUEUES)),
    status: Type.Optional(Type.Union([literalUnion(TICKET_STATUSES), Type.Literal('open'), Type.Literal('closed')])),
    kind: Type.Optional(literalUnion(TICKET_KINDS)),
    grade: Type.Optional(literalUnion(GRADES)),
    customerId: Type.Optional(Id),
    assetId: Type.Optional(Id),
    ownerId: Type.Optional(Id),
    teamId: Type.Optional(Id),
    channel: Type.Optional(literalUnion(CHANNELS)),
    from: Type.Optional(Type.Integer({ minimum: 0 })),
    to: Type.Optional(Type.Integer({ minimum: 0 })),
    sort: Type.Optional(literalUnion(['age', 'deadline'] as const, { description: 'age: newest first (default); deadline: tickets with a running clock, soonest deadline first' })),
    due: Type.Optional(literalUnion(['breached', 'soon'] as const, { description: 'breached: a running clock is past its deadline; soon: one falls due within the hour' })),
  },
  { additionalProperties: false },
);
export type TicketListQuery = Static<typeof TicketListQuery>;

export const SearchQuery = Type.Object({ ...PageQuery, q: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });
export type SearchQuery = Static<typeof SearchQuery>;

export const EventListQuery = Type.Object(PageQuery, { additionalProperties: false });
