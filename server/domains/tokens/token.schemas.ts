import { Type, type Static } from '@sinclair/typebox';
import { PageQuery } from '../../http/pagination.js';

export const TokenSchema = Type.Object(
  {
    id: Type.Integer(),
    name: Type.String(),
    userId: Type.Integer({ description: 'The account the token acts as; it has that account’s roles' }),
    userName: Type.String(),
    prefix: Type.String({ description: 'The first characters, to recognise the token; the rest is never shown again' }),
    createdAt: Type.Integer(),
    lastUsedAt: Type.Union([Type.Integer(), Type.Null()]),
    expiresAt: Type.Union([Type.Integer(), Type.Null()]),
    revokedAt: Type.Union([Type.Integer(), Type.Null()]),
  },
  { $id: 'ApiToken' },
);
export type TokenDto = Static<typeof TokenSchema>;

export const TokenListQuery = Type.Object(
  {
    ...PageQuery,
    userId: Type.Optional(Type.Integer({ minimum: 1 })),
    includeRevoked: Type.Optional(Type.Boolean({ default: false })),
  },
  { additionalProperties: false },
);
export type TokenListQuery = Static<typeof TokenListQuery>;

export const CreateTokenBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    userId: Type.Integer({ minimum: 1 }),
    expiresAt: Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type CreateTokenBody = Static<typeof CreateTokenBody>;
