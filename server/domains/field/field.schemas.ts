import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { literalUnion } from '../../http/literals.js';

/**
 * Field service (issue 6): remote diagnosis (R6), dispatch orders and their visits (R7), how a
 * fault was resolved (R6). Service forms have their own schemas (service-form.schemas.ts).
 */

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Id = Type.Integer({ minimum: 1 });
const Time = Type.Integer({ minimum: 0, description: 'UTC epoch milliseconds' });
const Text = (max: number) => Type.String({ maxLength: max });

export const REMOTE_METHODS = ['phone', 'remote_login'] as const;
/** What a remote session came to: still going, fixed remotely, or it needs a visit or the vendor. */
export const REMOTE_RESULTS = ['in_progress', 'solved', 'needs_visit', 'needs_vendor'] as const;

export const RemoteSessionSchema = Type.Object(
  {
    id: Type.Integer(),
    ticketId: Type.Integer(),
    method: literalUnion(REMOTE_METHODS),
    engineerId: Nullable(Type.Integer()),
    engineerName: Nullable(Type.String()),
    startedAt: Type.Integer(),
    endedAt: Nullable(Type.Integer()),
    findings: Type.String(),
    actions: Type.String(),
    result: literalUnion(REMOTE_RESULTS),
    createdAt: Type.Integer(),
    updatedAt: Type.Integer(),
  },
  { $id: 'RemoteSession' },
);
export type RemoteSessionDto = Static<typeof RemoteSessionSchema>;

export const CreateRemoteSessionBody = Type.Object(
  {
    method: literalUnion(REMOTE_METHODS),
    startedAt: Type.Optional(Time),
    endedAt: Type.Optional(Nullable(Time)),
    findings: Type.Optional(Text(10_000)),
    actions: Type.Optional(Text(10_000)),
    result: Type.Optional(literalUnion(REMOTE_RESULTS)),
  },
  { additionalProperties: false },
);
export type CreateRemoteSessionBody = Static<typeof CreateRemoteSessionBody>;

export const UpdateRemoteSessionBody = Type.Object(
  {
    endedAt: Type.Optional(Nullable(Time)),
    findings: Type.Optional(Text(10_000)),
    actions: Type.Optional(Text(10_000)),
    result: Type.Optional(literalUnion(REMOTE_RESULTS)),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateRemoteSessionBody = Static<typeof UpdateRemoteSessionBody>;

/**
 * A visit's state: planned (ordered) → accepted (an engineer took it) → en_route (departed) →
 * on_site (arrived, checked in) → done (left, checked out); or cancelled before arriving.
 */
export const DISPATCH_STATES = ['planned', 'accepted', 'en_route', 'on_site', 'done', 'cancelled'] as const;
export type DispatchState = (typeof DISPATCH_STATES)[number];
/** The engineer's steps on a visit. */
export const DISPATCH_STEPS = ['accept', 'depart', 'arrive', 'leave', 'cancel'] as const;
export type DispatchStep = (typeof DISPATCH_STEPS)[number];

const Person = Type.Object({ id: Type.Integer(), name: Type.String() });

export const VisitLogSchema = Type.Object(
  {
    id: Type.Integer(),
    at: Type.Integer(),
    authorName: Type.String(),
    body: Type.String(),
    attachment: Nullable(Type.Object({ id: Type.Integer(), name: Type.String(), contentType: Type.String() })),
  },
  { $id: 'VisitLog' },
);
export type VisitLogDto = Static<typeof VisitLogSchema>;

const dispatchProperties = {
    id: Type.Integer(),
    number: Type.String({ description: 'The ticket number and the visit: GZ-20261124-0007-D2' }),
    ticketId: Type.Integer(),
    ticketNumber: Type.String(),
    ticketTitle: Type.String(),
    ticketStatus: Type.String(),
    grade: Nullable(Type.String()),
    customerId: Type.Integer(),
    customerName: Type.String(),
    site: Nullable(Type.Object({ id: Type.Integer(), name: Type.String(), address: Type.String() })),
    asset: Nullable(Type.Object({ id: Type.Integer(), serial: Type.String(), model: Type.String(), category: Type.String() })),
    callerName: Type.String(),
    callerPhone: Type.String(),
    state: literalUnion(DISPATCH_STATES),
    plannedAt: Type.Integer(),
    engineers: Type.Array(Person),
    bring: Type.String({ description: 'What to bring (free text until spare parts land)' }),
    notes: Type.String(),
    partsUsed: Type.String(),
    acceptedAt: Nullable(Type.Integer()),
    departedAt: Nullable(Type.Integer()),
    arrivedAt: Nullable(Type.Integer()),
    leftAt: Nullable(Type.Integer()),
    cancelledAt: Nullable(Type.Integer()),
    cancelReason: Type.String(),
    noFormReason: Type.String({ description: 'Why this visit has no signed service form, if it has none' }),
    form: Type.Union(
      [
        Type.Object({
          id: Type.Integer(),
          version: Type.Integer(),
          state: Type.String(),
          satisfaction: Type.String(),
        }),
        Type.Null(),
      ],
      { description: 'The latest version of the visit’s service form' },
    ),
    steps: Type.Array(literalUnion(DISPATCH_STEPS), { description: 'Steps the requester may take now' }),
    createdAt: Type.Integer(),
    updatedAt: Type.Integer(),
};
export const DispatchSchema = Type.Object(dispatchProperties, { $id: 'Dispatch' });
export type DispatchDto = Static<typeof DispatchSchema>;

export const DispatchDetailSchema = Type.Object({ ...dispatchProperties, logs: Type.Array(Type.Ref(VisitLogSchema)) }, { $id: 'DispatchDetail' });
export type DispatchDetailDto = Static<typeof DispatchDetailSchema>;

export const CreateDispatchBody = Type.Object(
  {
    engineerIds: Type.Array(Id, { minItems: 1, maxItems: 10, uniqueItems: true }),
    plannedAt: Time,
    siteId: Type.Optional(Nullable(Id)),
    bring: Type.Optional(Text(4000)),
    notes: Type.Optional(Text(4000)),
  },
  { additionalProperties: false },
);
export type CreateDispatchBody = Static<typeof CreateDispatchBody>;

export const UpdateDispatchBody = Type.Object(
  {
    engineerIds: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 10, uniqueItems: true })),
    plannedAt: Type.Optional(Time),
    siteId: Type.Optional(Nullable(Id)),
    bring: Type.Optional(Text(4000)),
    notes: Type.Optional(Text(4000)),
    partsUsed: Type.Optional(Text(4000)),
    noFormReason: Type.Optional(Text(1000)),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateDispatchBody = Static<typeof UpdateDispatchBody>;

export const DispatchStepBody = Type.Object(
  { step: literalUnion(DISPATCH_STEPS), reason: Type.Optional(Text(1000)) },
  { additionalProperties: false },
);
export type DispatchStepBody = Static<typeof DispatchStepBody>;

export const VisitLogBody = Type.Object(
  { body: Type.Optional(Text(10_000)), attachmentId: Type.Optional(Id) },
  { additionalProperties: false, minProperties: 1 },
);
export type VisitLogBody = Static<typeof VisitLogBody>;

export const MyDispatchesQuery = Type.Object(
  {
    scope: Type.Optional(literalUnion(['open', 'today', 'done'] as const, { default: 'open' })),
  },
  { additionalProperties: false },
);
export type MyDispatchesQuery = Static<typeof MyDispatchesQuery>;

/** How a fault was fixed (R6): software by configuration or update; hardware by repair or replacement. */
export const RESOLUTION_METHODS = ['config_change', 'software_update', 'repair', 'part_replaced', 'device_replaced', 'loaner_installed'] as const;
export type ResolutionMethod = (typeof RESOLUTION_METHODS)[number];

export const ResolutionSchema = Type.Object(
  {
    ticketId: Type.Integer(),
    method: literalUnion(RESOLUTION_METHODS),
    kind: literalUnion(['software', 'hardware'] as const),
    details: Type.String(),
    rootCause: Type.String(),
    versionBefore: Type.String(),
    versionAfter: Type.String(),
    restoredAt: Type.Integer(),
    recordedBy: Nullable(Type.String()),
    recordedAt: Type.Integer(),
  },
  { $id: 'Resolution' },
);
export type ResolutionDto = Static<typeof ResolutionSchema>;

export const ResolutionBody = Type.Object(
  {
    method: literalUnion(RESOLUTION_METHODS),
    details: Text(10_000),
    rootCause: Type.Optional(Text(10_000)),
    restoredAt: Time,
    versionBefore: Type.Optional(Text(120)),
    versionAfter: Type.Optional(Text(120)),
    /** For a software update: which version of the asset the new version replaces. */
    versionField: Type.Optional(literalUnion(['software', 'firmware'] as const)),
  },
  { additionalProperties: false },
);
export type ResolutionBody = Static<typeof ResolutionBody>;

export const RepairRecordSchema = Type.Object(
  {
    ticketId: Type.Integer(),
    ticketNumber: Type.String(),
    title: Type.String(),
    kind: Type.String(),
    status: Type.String(),
    createdAt: Type.Integer(),
    closedAt: Nullable(Type.Integer()),
    resolution: Nullable(Type.Object({ method: Type.String(), restoredAt: Type.Integer(), rootCause: Type.String() })),
    visits: Type.Array(
      Type.Object({
        id: Type.Integer(),
        number: Type.String(),
        state: Type.String(),
        arrivedAt: Nullable(Type.Integer()),
        leftAt: Nullable(Type.Integer()),
        engineers: Type.Array(Type.String()),
        form: Nullable(Type.Object({ id: Type.Integer(), version: Type.Integer(), state: Type.String(), satisfaction: Type.String(), signedAt: Nullable(Type.Integer()) })),
      }),
    ),
  },
  { $id: 'RepairRecord' },
);

export const AssetRepairsSchema = Type.Object({
  counts: Type.Object({
    tickets: Type.Integer(),
    visits: Type.Integer(),
    signedForms: Type.Integer(),
    satisfied: Type.Integer(),
    average: Type.Integer(),
    dissatisfied: Type.Integer(),
  }),
  items: Type.Array(Type.Ref(RepairRecordSchema)),
  nextCursor: Nullable(Type.String()),
});
export type AssetRepairsDto = Static<typeof AssetRepairsSchema>;
export type RepairRecordDto = Static<typeof RepairRecordSchema>;
