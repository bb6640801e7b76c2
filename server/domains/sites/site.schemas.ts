import { Type, type Static } from '@sinclair/typebox';
import { PageQuery } from '../../http/pagination.js';

export const SiteSchema = Type.Object(
  {
    id: Type.Integer(),
    customerId: Type.Integer(),
    name: Type.String(),
    address: Type.String(),
    rooms: Type.Array(Type.String(), { description: 'Machine rooms (机房) at the site' }),
    notes: Type.String(),
    createdAt: Type.Integer(),
    updatedAt: Type.Integer(),
  },
  { $id: 'Site' },
);
export type SiteDto = Static<typeof SiteSchema>;

const Rooms = Type.Array(Type.String({ minLength: 1, maxLength: 80 }), { maxItems: 100, uniqueItems: true });

export const CreateSiteBody = Type.Object(
  {
    customerId: Type.Integer({ minimum: 1 }),
    name: Type.String({ minLength: 1, maxLength: 120 }),
    address: Type.Optional(Type.String({ maxLength: 500 })),
    rooms: Type.Optional(Rooms),
    notes: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  { additionalProperties: false },
);
export type CreateSiteBody = Static<typeof CreateSiteBody>;

export const UpdateSiteBody = Type.Partial(Type.Omit(CreateSiteBody, ['customerId']), { additionalProperties: false, minProperties: 1 });
export type UpdateSiteBody = Static<typeof UpdateSiteBody>;

export const SiteListQuery = Type.Object(
  { ...PageQuery, customerId: Type.Optional(Type.Integer({ minimum: 1 })) },
  { additionalProperties: false },
);
export type SiteListQuery = Static<typeof SiteListQuery>;
