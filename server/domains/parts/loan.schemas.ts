import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { literalUnion } from '../../http/literals.js';
import { PageQuery } from '../../http/pagination.js';
import { ASSET_CATEGORIES } from '../assets/asset.schemas.js';

/**
 * Loaners (备用机; issue 7 item 6; R6 先保证系统正常运转): a unit of a serial-tracked part lent to a
 * customer's site — shown there as one of their assets while it is lent — and taken back.
 */

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Id = Type.Integer({ minimum: 1 });
const IsoDay = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Calendar day YYYY-MM-DD' });

export const LOAN_STATES = ['open', 'returned'] as const;
export type LoanState = (typeof LOAN_STATES)[number];

export const LoanSchema = Type.Object(
  {
    id: Type.Integer(),
    number: Type.String({ description: 'JY-YYYYMMDD-NNNN (借用), by the day it was lent' }),
    partId: Type.Integer(),
    partNumber: Type.String(),
    description: Type.String(),
    unitId: Type.Integer(),
    serial: Type.String(),
    storeId: Type.Integer({ description: 'The store it was lent from' }),
    storeName: Type.String(),
    customerId: Type.Integer(),
    customerName: Type.String(),
    siteId: Nullable(Type.Integer()),
    siteName: Nullable(Type.String()),
    ticketId: Nullable(Type.Integer()),
    ticketNumber: Nullable(Type.String()),
    assetId: Nullable(Type.Integer({ description: 'The loaner as the customer’s asset while it is lent' })),
    replacesAssetId: Nullable(Type.Integer({ description: 'The faulty device it stands in for' })),
    replacesSerial: Nullable(Type.String()),
    state: literalUnion(LOAN_STATES),
    lentAt: Type.Integer(),
    expectedReturn: Nullable(Type.String()),
    overdue: Type.Boolean({ description: 'Still lent after the expected day' }),
    returnedAt: Nullable(Type.Integer()),
    returnedStoreId: Nullable(Type.Integer()),
    returnedStoreName: Nullable(Type.String()),
    notes: Type.String(),
    actorName: Type.String({ description: 'Who lent it' }),
  },
  { $id: 'Loan' },
);
export type LoanDto = Static<typeof LoanSchema>;

export const CreateLoanBody = Type.Object(
  {
    unitId: Type.Optional(Type.Integer({ minimum: 1, description: 'The unit to lend; or name it by partId and serial' })),
    partId: Type.Optional(Id),
    serial: Type.Optional(Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' })),
    customerId: Id,
    siteId: Type.Optional(Type.Integer({ minimum: 1, description: 'Where it goes; the faulty device’s site by default' })),
    ticketId: Type.Optional(Id),
    replacesAssetId: Type.Optional(Type.Integer({ minimum: 1, description: 'The customer’s faulty device it stands in for' })),
    expectedReturn: Type.Optional(IsoDay),
    model: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '\\S', description: 'The loaner’s model as the customer’s asset; by default the first model the part fits' })),
    category: Type.Optional(literalUnion(ASSET_CATEGORIES)),
    notes: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  { additionalProperties: false },
);
export type CreateLoanBody = Static<typeof CreateLoanBody>;

export const ReturnLoanBody = Type.Object(
  { storeId: Type.Integer({ minimum: 1, description: 'The store the loaner comes back into' }), notes: Type.Optional(Type.String({ maxLength: 4000 })) },
  { additionalProperties: false },
);
export type ReturnLoanBody = Static<typeof ReturnLoanBody>;

export const LoanListQuery = Type.Object(
  {
    ...PageQuery,
    state: Type.Optional(literalUnion(LOAN_STATES)),
    overdue: Type.Optional(Type.Boolean({ description: 'Only loaners still lent after their expected day' })),
    customerId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type LoanListQuery = Static<typeof LoanListQuery>;
