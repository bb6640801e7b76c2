import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { literalUnion } from '../../http/literals.js';

/**
 * Escalations of a fault to a vendor's support (R6): what was passed on (the brief), the vendor's
 * case number, every message each way, and where the case stands.
 */

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** open → waiting_vendor (we followed up) / answered (the vendor replied) → closed, which is final. */
export const ESCALATION_STATES = ['open', 'waiting_vendor', 'answered', 'closed'] as const;
export type EscalationState = (typeof ESCALATION_STATES)[number];

/** sent: passed to the vendor; received: the vendor's answer; note: the engineer's own remark. */
export const ENTRY_DIRECTIONS = ['sent', 'received', 'note'] as const;
export type EntryDirection = (typeof ENTRY_DIRECTIONS)[number];

const CaseNumber = Type.String({ maxLength: 100, description: "The vendor's own case (ticket) number" });

export const EscalationEntrySchema = Type.Object({
  id: Type.Integer(),
  at: Type.Integer(),
  direction: literalUnion(ENTRY_DIRECTIONS),
  body: Type.String(),
  actorId: Nullable(Type.Integer()),
  actorName: Type.String(),
});
export type EscalationEntryDto = Static<typeof EscalationEntrySchema>;

export const EscalationSchema = Type.Object(
  {
    id: Type.Integer(),
    ticketId: Type.Integer(),
    vendorId: Type.Integer(),
    vendorName: Type.String(),
    caseNumber: Type.String(),
    state: literalUnion(ESCALATION_STATES),
    brief: Type.String({ description: 'What was passed on: the customer, the device, the fault, the actions taken and their results' }),
    openedById: Nullable(Type.Integer()),
    openedByName: Type.String(),
    openedAt: Type.Integer(),
    closedAt: Nullable(Type.Integer()),
    updatedAt: Type.Integer(),
    entries: Type.Array(EscalationEntrySchema, { description: 'Oldest first; the first is the brief as sent' }),
  },
  { title: 'VendorEscalation' },
);
export type EscalationDto = Static<typeof EscalationSchema>;

export const EscalationBriefSchema = Type.Object({
  text: Type.String({ description: "The hand-over for the vendor's engineers, in the request's language, for the engineer to edit" }),
});

export const CreateEscalationBody = Type.Object(
  {
    vendorId: Type.Integer({ minimum: 1 }),
    caseNumber: Type.Optional(CaseNumber),
    brief: Type.String({ minLength: 1, maxLength: 50_000, pattern: '\\S', description: 'The brief as edited by the engineer' }),
    contactName: Type.Optional(Type.String({ maxLength: 100, description: "The vendor's person it went to, if known" })),
  },
  { additionalProperties: false },
);
export type CreateEscalationBody = Static<typeof CreateEscalationBody>;

export const EscalationEntryBody = Type.Object(
  {
    direction: literalUnion(ENTRY_DIRECTIONS),
    body: Type.String({ minLength: 1, maxLength: 20_000, pattern: '\\S' }),
  },
  { additionalProperties: false },
);
export type EscalationEntryBody = Static<typeof EscalationEntryBody>;

export const UpdateEscalationBody = Type.Object(
  {
    caseNumber: Type.Optional(CaseNumber),
    state: Type.Optional(literalUnion(ESCALATION_STATES)),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateEscalationBody = Static<typeof UpdateEscalationBody>;

export const TicketIdParams = Type.Object({ id: Type.Integer({ minimum: 1, description: 'The ticket' }) });
export type TicketIdParams = Static<typeof TicketIdParams>;
