import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { literalUnion } from '../../http/literals.js';
import { PageQuery } from '../../http/pagination.js';
import { STORE_KINDS } from './parts.schemas.js';
import { MOVEMENT_KINDS, UNIT_STATES } from './stock-movements.js';

/**
 * Stock (issue 7 items 3 and 4): levels derived from the ledger, the ledger's rows, the
 * storekeeper's movements, stock counts, and the parts reserved for a dispatch.
 */

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Id = Type.Integer({ minimum: 1 });
const Qty = Type.Integer({ minimum: 1, maximum: 100_000 });
const Serials = Type.Array(Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }), {
  minItems: 1,
  maxItems: 1000,
  uniqueItems: true,
  description: 'Serial numbers of a serial-tracked part, one per unit (as many as qty); left out where the movement may pick the units itself',
});
const Reason = Type.String({ maxLength: 1000 });

export const StockLevelSchema = Type.Object(
  {
    partId: Type.Integer(),
    partNumber: Type.String(),
    description: Type.String(),
    unit: Type.String(),
    serialTracked: Type.Boolean(),
    storeId: Type.Integer(),
    storeName: Type.String(),
    storeKind: literalUnion(STORE_KINDS),
    customerId: Nullable(Type.Integer()),
    onHand: Type.Integer({ description: 'Good units in the store, reserved ones included' }),
    reserved: Type.Integer({ description: 'Held for dispatches' }),
    faulty: Type.Integer({ description: 'Failed units waiting for the vendor or scrapping; never offered as spares' }),
    available: Type.Integer({ description: 'onHand − reserved' }),
    minimum: Type.Integer({ description: 'The store’s minimum for the part; 0 when none is set' }),
    belowMinimum: Type.Boolean(),
  },
  { $id: 'StockLevel' },
);
export type StockLevelDto = Static<typeof StockLevelSchema>;

export const StockEntrySchema = Type.Object(
  {
    id: Type.Integer(),
    at: Type.Integer(),
    kind: literalUnion(MOVEMENT_KINDS),
    partId: Type.Integer(),
    partNumber: Type.String(),
    storeId: Type.Integer(),
    storeName: Type.String(),
    serial: Nullable(Type.String()),
    qty: Type.Integer(),
    onHandDelta: Type.Integer(),
    reservedDelta: Type.Integer(),
    faultyDelta: Type.Integer(),
    dispatchId: Nullable(Type.Integer()),
    ticketId: Nullable(Type.Integer()),
    rmaId: Nullable(Type.Integer({ description: 'The RMA case the movement belongs to' })),
    loanId: Nullable(Type.Integer({ description: 'The loan the movement belongs to' })),
    reason: Type.String(),
    actorName: Type.String(),
    batchId: Type.String({ description: 'The rows of one movement share it (a transfer’s two rows, a count’s adjustments)' }),
  },
  { $id: 'StockEntry' },
);
export type StockEntryDto = Static<typeof StockEntrySchema>;

export const MovementResultSchema = Type.Object({
  batchId: Type.String(),
  entries: Type.Array(Type.Ref(StockEntrySchema)),
  levels: Type.Array(Type.Ref(StockLevelSchema), { description: 'The levels the movement changed, after it' }),
});
export type MovementResultDto = Static<typeof MovementResultSchema>;

export const ReceiveBody = Type.Object(
  { storeId: Id, partId: Id, qty: Qty, serials: Type.Optional(Serials), reason: Type.Optional(Reason) },
  { additionalProperties: false },
);
export type ReceiveBody = Static<typeof ReceiveBody>;

export const TransferBody = Type.Object(
  { fromStoreId: Id, toStoreId: Id, partId: Id, qty: Qty, serials: Type.Optional(Serials), reason: Type.Optional(Reason) },
  { additionalProperties: false },
);
export type TransferBody = Static<typeof TransferBody>;

export const AdjustBody = Type.Object(
  {
    storeId: Id,
    partId: Id,
    delta: Type.Integer({ minimum: -100_000, maximum: 100_000, description: 'Units found (+) or missing (−); not 0' }),
    serials: Type.Optional(Serials),
    reason: Type.Optional(Type.String({ maxLength: 1000, description: 'Required' })),
  },
  { additionalProperties: false },
);
export type AdjustBody = Static<typeof AdjustBody>;

export const ScrapBody = Type.Object(
  {
    storeId: Id,
    partId: Id,
    qty: Qty,
    serials: Type.Optional(Serials),
    faulty: Type.Optional(Type.Boolean({ description: 'Scrap faulty units (default: good stock)' })),
    reason: Type.Optional(Type.String({ maxLength: 1000, description: 'Required' })),
  },
  { additionalProperties: false },
);
export type ScrapBody = Static<typeof ScrapBody>;

export const CountBody = Type.Object(
  {
    lines: Type.Array(
      Type.Object(
        {
          partId: Id,
          counted: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
          serials: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }), { maxItems: 1000, uniqueItems: true, description: 'Serial-tracked parts: the serials found (as many as counted)' })),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 1000 },
    ),
    apply: Type.Optional(Type.Boolean({ description: 'Write adjustments (reason "stock count") for the differences; default: only report them' })),
  },
  { additionalProperties: false },
);
export type CountBody = Static<typeof CountBody>;

export const CountResultSchema = Type.Object({
  storeId: Type.Integer(),
  applied: Type.Boolean(),
  batchId: Nullable(Type.String()),
  lines: Type.Array(
    Type.Object({
      partId: Type.Integer(),
      partNumber: Type.String(),
      expected: Type.Integer({ description: 'On hand by the ledger' }),
      counted: Type.Integer(),
      difference: Type.Integer({ description: 'counted − expected' }),
      missingSerials: Type.Array(Type.String()),
      unexpectedSerials: Type.Array(Type.String()),
    }),
  ),
});
export type CountResultDto = Static<typeof CountResultSchema>;

export const StockQuery = Type.Object(
  {
    ...PageQuery,
    storeId: Type.Optional(Id),
    partId: Type.Optional(Id),
    belowMinimum: Type.Optional(Type.Boolean({ description: 'Only levels whose available count is below the store’s minimum' })),
  },
  { additionalProperties: false },
);
export type StockQuery = Static<typeof StockQuery>;

export const MovementQuery = Type.Object(
  {
    ...PageQuery,
    storeId: Type.Optional(Id),
    partId: Type.Optional(Id),
    dispatchId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type MovementQuery = Static<typeof MovementQuery>;

export const StockUnitSchema = Type.Object(
  {
    id: Type.Integer(),
    partId: Type.Integer(),
    serial: Type.String(),
    storeId: Nullable(Type.Integer()),
    state: literalUnion(UNIT_STATES),
    dispatchId: Nullable(Type.Integer()),
    ticketId: Nullable(Type.Integer()),
    updatedAt: Type.Integer(),
  },
  { title: 'StockUnit' },
);
export type StockUnitDto = Static<typeof StockUnitSchema>;

export const UnitQuery = Type.Object(
  { ...PageQuery, partId: Id, storeId: Type.Optional(Id), state: Type.Optional(literalUnion(UNIT_STATES)) },
  { additionalProperties: false },
);
export type UnitQuery = Static<typeof UnitQuery>;

export const SpareQuery = Type.Object(
  { model: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }), customerId: Id },
  { additionalProperties: false },
);
export type SpareQuery = Static<typeof SpareQuery>;

export const SpareResultSchema = Type.Object({
  model: Type.String(),
  customerId: Type.Integer(),
  hasSpare: Type.Boolean({ description: 'A site or project store of the customer holds an available part fitting the model' }),
  spares: Type.Array(
    Type.Object({
      partId: Type.Integer(),
      partNumber: Type.String(),
      description: Type.String(),
      storeId: Type.Integer(),
      storeName: Type.String(),
      storeKind: literalUnion(STORE_KINDS),
      available: Type.Integer(),
    }),
  ),
});
export type SpareResultDto = Static<typeof SpareResultSchema>;

/** The movements recorded on a dispatch after the reservation. */
export const DISPATCH_STEPS_OF_PARTS = ['unreserve', 'issue', 'use', 'return_unused', 'return_faulty'] as const;

export const ReservePartsBody = Type.Object(
  { partId: Id, storeId: Id, qty: Qty, serials: Type.Optional(Serials) },
  { additionalProperties: false },
);
export type ReservePartsBody = Static<typeof ReservePartsBody>;

export const DispatchPartMovementBody = Type.Object(
  {
    kind: literalUnion(DISPATCH_STEPS_OF_PARTS, {
      description: 'unreserve: release; issue: hand the reserved parts to the engineer; use: fitted on the ticket’s device; return_unused: back into the store; return_faulty: the failed part taken out, into the store as faulty',
    }),
    partId: Id,
    storeId: Id,
    qty: Qty,
    serials: Type.Optional(Serials),
    reason: Type.Optional(Reason),
  },
  { additionalProperties: false },
);
export type DispatchPartMovementBody = Static<typeof DispatchPartMovementBody>;

export const DispatchPartLineSchema = Type.Object(
  {
    partId: Type.Integer(),
    partNumber: Type.String(),
    description: Type.String(),
    unit: Type.String(),
    serialTracked: Type.Boolean(),
    storeId: Type.Integer(),
    storeName: Type.String(),
    reserved: Type.Integer({ description: 'Reserved in the store for this visit' }),
    issued: Type.Integer({ description: 'With the engineer: issued, not yet used or brought back' }),
    used: Type.Integer(),
    returnedUnused: Type.Integer(),
    returnedFaulty: Type.Integer(),
    units: Type.Array(Type.Object({ serial: Type.String(), state: literalUnion(UNIT_STATES) })),
  },
  { $id: 'DispatchPartLine' },
);
export type DispatchPartLineDto = Static<typeof DispatchPartLineSchema>;
