import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { literalUnion } from '../../http/literals.js';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** A report's life (R10): drafted and edited by the desk, approved by a manager, delivered to the customer. */
export const REPORT_STATES = ['draft', 'approved', 'delivered'] as const;
export type ReportState = (typeof REPORT_STATES)[number];

/** The five texts of a fault analysis report, in the order they are printed. */
export const REPORT_SECTIONS = ['summary', 'timeline', 'cause', 'handling', 'prevention'] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

export const FaultReportSchema = Type.Object({
  id: Type.Integer(),
  ticketId: Type.Integer(),
  ticketNumber: Type.String(),
  customerId: Type.Integer(),
  state: literalUnion(REPORT_STATES),
  summary: Type.String({ description: 'The fault in brief: title, customer, device, grade, reported and restored times' }),
  timeline: Type.String({ description: 'What happened when, one line per step (经过)' }),
  cause: Type.String({ description: 'Root cause (原因)' }),
  handling: Type.String({ description: 'How it was resolved (处理)' }),
  prevention: Type.String({ description: 'What prevents it happening again (预防措施)' }),
  draftedById: Nullable(Type.Integer()),
  draftedByName: Nullable(Type.String()),
  approvedById: Nullable(Type.Integer()),
  approvedByName: Nullable(Type.String()),
  approvedAt: Nullable(Type.Integer()),
  deliveredAt: Nullable(Type.Integer()),
  deliveredTo: Type.Array(Type.String(), { description: 'Addresses the PDF was e-mailed to on delivery' }),
  createdAt: Type.Integer(),
  updatedAt: Type.Integer(),
});
export type FaultReportDto = Static<typeof FaultReportSchema>;

const Section = Type.String({ maxLength: 20_000 });

export const UpdateReportBody = Type.Object(
  {
    summary: Type.Optional(Section),
    timeline: Type.Optional(Section),
    cause: Type.Optional(Section),
    handling: Type.Optional(Section),
    prevention: Type.Optional(Section),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateReportBody = Static<typeof UpdateReportBody>;

export const DeliverReportBody = Type.Object(
  {
    emails: Type.Optional(
      Type.Array(Type.String({ format: 'email', maxLength: 200 }), {
        maxItems: 20,
        uniqueItems: true,
        description: 'Send the PDF to these addresses; delivery fails, and nothing is delivered, if the mail cannot be sent',
      }),
    ),
  },
  { additionalProperties: false },
);
export type DeliverReportBody = Static<typeof DeliverReportBody>;

export const ReportPdfQuery = Type.Object(
  { lang: Type.Optional(literalUnion(['zh-CN', 'en'] as const, { description: 'Language of the PDF; the request’s language when absent' })) },
  { additionalProperties: false },
);
export type ReportPdfQuery = Static<typeof ReportPdfQuery>;
