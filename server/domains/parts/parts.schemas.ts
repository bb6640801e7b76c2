import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { literalUnion } from '../../http/literals.js';
import { PageQuery } from '../../http/pagination.js';

/**
 * The spare-parts catalogue and the stores that hold the parts (issue 7 items 1 and 2; R8).
 * Stock levels, movements and a dispatch's parts have their own schemas (stock.schemas.ts).
 */

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Id = Type.Integer({ minimum: 1 });
const Name = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S' });

export const STORE_KINDS = ['central', 'site', 'project'] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

export const PartSchema = Type.Object(
  {
    id: Type.Integer(),
    partNumber: Type.String({ description: 'The vendor’s part number (FRU / 备件号), unique in the catalogue' }),
    vendor: Type.String(),
    description: Type.String(),
    models: Type.Array(Type.String(), { description: 'Device models the part fits, as an asset’s model is written' }),
    unit: Type.String({ description: 'How it is counted: 个, 块, 条, 台 …' }),
    serialTracked: Type.Boolean({ description: 'Each unit is followed by its serial number' }),
    active: Type.Boolean(),
    notes: Type.String(),
    createdAt: Type.Integer(),
    updatedAt: Type.Integer(),
  },
  { $id: 'Part' },
);
export type PartDto = Static<typeof PartSchema>;

const Models = Type.Array(Name(200), { maxItems: 100, description: 'The whole list of models the part fits' });

export const CreatePartBody = Type.Object(
  {
    partNumber: Name(100),
    vendor: Type.Optional(Type.String({ maxLength: 100 })),
    description: Type.Optional(Type.String({ maxLength: 1000 })),
    models: Type.Optional(Models),
    unit: Type.Optional(Name(20)),
    serialTracked: Type.Optional(Type.Boolean()),
    notes: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  { additionalProperties: false },
);
export type CreatePartBody = Static<typeof CreatePartBody>;

export const UpdatePartBody = Type.Object(
  {
    partNumber: Type.Optional(Name(100)),
    vendor: Type.Optional(Type.String({ maxLength: 100 })),
    description: Type.Optional(Type.String({ maxLength: 1000 })),
    models: Type.Optional(Models),
    unit: Type.Optional(Name(20)),
    serialTracked: Type.Optional(Type.Boolean({ description: 'Only while the part has no stock movements' })),
    active: Type.Optional(Type.Boolean()),
    notes: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdatePartBody = Static<typeof UpdatePartBody>;

export const PartListQuery = Type.Object(
  {
    ...PageQuery,
    q: Type.Optional(Type.String({ maxLength: 100, description: 'Part of the part number or description' })),
    model: Type.Optional(Type.String({ maxLength: 200, description: 'Parts that fit this model (exact, ignoring case and spacing)' })),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type PartListQuery = Static<typeof PartListQuery>;

const Ref = Type.Object({ id: Type.Integer(), name: Type.String() });

export const StoreSchema = Type.Object(
  {
    id: Type.Integer(),
    name: Type.String(),
    kind: literalUnion(STORE_KINDS, { description: 'central: the warehouse; site: kept at a customer’s site; project: kept for a contract (现场备件库)' }),
    customer: Nullable(Ref),
    site: Nullable(Ref),
    contract: Nullable(Type.Object({ id: Type.Integer(), number: Type.String(), name: Type.String() })),
    notes: Type.String(),
    active: Type.Boolean(),
    createdAt: Type.Integer(),
    updatedAt: Type.Integer(),
  },
  { $id: 'Store' },
);
export type StoreDto = Static<typeof StoreSchema>;

export const CreateStoreBody = Type.Object(
  {
    name: Name(100),
    kind: literalUnion(STORE_KINDS),
    customerId: Type.Optional(Nullable(Id)),
    siteId: Type.Optional(Nullable(Id)),
    contractId: Type.Optional(Nullable(Id)),
    notes: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  { additionalProperties: false },
);
export type CreateStoreBody = Static<typeof CreateStoreBody>;

export const UpdateStoreBody = Type.Object(
  {
    name: Type.Optional(Name(100)),
    siteId: Type.Optional(Nullable(Id)),
    contractId: Type.Optional(Nullable(Id)),
    notes: Type.Optional(Type.String({ maxLength: 4000 })),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateStoreBody = Static<typeof UpdateStoreBody>;

export const StoreListQuery = Type.Object(
  {
    ...PageQuery,
    q: Type.Optional(Type.String({ maxLength: 100, description: 'Part of the name' })),
    kind: Type.Optional(literalUnion(STORE_KINDS)),
    customerId: Type.Optional(Id),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type StoreListQuery = Static<typeof StoreListQuery>;

export const MinimumBody = Type.Object(
  { minQty: Type.Integer({ minimum: 0, maximum: 1_000_000, description: '0 removes the minimum' }) },
  { additionalProperties: false },
);
export type MinimumBody = Static<typeof MinimumBody>;

export const PartStoreParams = Type.Object({ id: Id, partId: Id }, { additionalProperties: false });
export type PartStoreParams = Static<typeof PartStoreParams>;
