import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { literalUnion } from '../../http/literals.js';

/** 服务表格 (R9): made from a visit, signed by the customer's designated technician. */

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** 满意 / 一般 / 不满意 */
export const SATISFACTIONS = ['satisfied', 'average', 'dissatisfied'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];
export const FORM_STATES = ['draft', 'signed', 'superseded'] as const;

export const FormContentSchema = Type.Object({
  ticketNumber: Type.String(),
  customerName: Type.String(),
  siteName: Nullable(Type.String()),
  siteAddress: Nullable(Type.String()),
  asset: Nullable(Type.Object({ serial: Type.String(), model: Type.String(), category: Type.String() })),
  engineers: Type.Array(Type.String()),
  times: Type.Object({
    plannedAt: Nullable(Type.Integer()),
    departedAt: Nullable(Type.Integer()),
    arrivedAt: Nullable(Type.Integer()),
    leftAt: Nullable(Type.Integer()),
  }),
  serviceContent: Type.String({ description: '服务内容' }),
  workDone: Type.String({ description: 'What was done on site' }),
  result: Type.String({ description: '服务实施结果' }),
  partsUsed: Type.String(),
});
export type FormContent = Static<typeof FormContentSchema>;

export const ServiceFormSchema = Type.Object(
  {
    id: Type.Integer(),
    number: Type.String({ description: 'The visit’s number' }),
    version: Type.Integer(),
    state: literalUnion(FORM_STATES),
    dispatchId: Type.Integer(),
    ticketId: Type.Integer(),
    customerId: Type.Integer(),
    content: FormContentSchema,
    signerName: Type.String(),
    signedVia: Type.String({ description: "'screen' (the engineer's device), 'link' (e-mailed one-time link) or 'portal'" }),
    signedAt: Nullable(Type.Integer()),
    satisfaction: Type.String({ description: "satisfied, average, dissatisfied; '' before signing" }),
    comment: Type.String(),
    signatureDataUrl: Nullable(Type.String({ description: 'The drawn signature as a PNG data URL' })),
    contentHash: Type.String({ description: 'SHA-256 of the signed content and signature' }),
    hashVerified: Nullable(Type.Boolean({ description: 'Whether the stored form still matches its hash (null before signing)' })),
    versions: Type.Array(Type.Object({ id: Type.Integer(), version: Type.Integer(), state: Type.String(), signedAt: Nullable(Type.Integer()) })),
    createdAt: Type.Integer(),
    updatedAt: Type.Integer(),
  },
  { $id: 'ServiceForm' },
);
export type ServiceFormDto = Static<typeof ServiceFormSchema>;

const Texts = {
  serviceContent: Type.Optional(Type.String({ maxLength: 10_000 })),
  workDone: Type.Optional(Type.String({ maxLength: 10_000 })),
  result: Type.Optional(Type.String({ maxLength: 10_000 })),
  partsUsed: Type.Optional(Type.String({ maxLength: 4000 })),
};

export const CreateFormBody = Type.Object(Texts, { additionalProperties: false });
export type CreateFormBody = Static<typeof CreateFormBody>;
export const UpdateFormBody = Type.Object(Texts, { additionalProperties: false, minProperties: 1 });
export type UpdateFormBody = Static<typeof UpdateFormBody>;

export const SignBody = Type.Object(
  {
    signerName: Type.String({ minLength: 1, maxLength: 100 }),
    /** data:image/png;base64,… as a canvas gives it; at most ~200 kB. */
    signature: Type.String({ minLength: 30, maxLength: 280_000 }),
    satisfaction: literalUnion(SATISFACTIONS),
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type SignBody = Static<typeof SignBody>;

export const SignLinkBody = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 200 }),
    /** The language of the e-mail. */
    lang: Type.Optional(literalUnion(['zh-CN', 'en'] as const)),
  },
  { additionalProperties: false },
);
export type SignLinkBody = Static<typeof SignLinkBody>;

export const EmailFormBody = Type.Object(
  {
    to: Type.Array(Type.String({ format: 'email', maxLength: 200 }), { minItems: 1, maxItems: 10 }),
    lang: Type.Optional(literalUnion(['zh-CN', 'en'] as const)),
  },
  { additionalProperties: false },
);
export type EmailFormBody = Static<typeof EmailFormBody>;

export const TokenQuery = Type.Object({ token: Type.String({ minLength: 10, maxLength: 200 }) }, { additionalProperties: false });
export type TokenQuery = Static<typeof TokenQuery>;

export const PdfQuery = Type.Object({ lang: Type.Optional(literalUnion(['zh-CN', 'en'] as const)) }, { additionalProperties: false });
export type PdfQuery = Static<typeof PdfQuery>;
