import { Type, type Static } from '@sinclair/typebox';
import { PageQuery } from '../../http/pagination.js';

const Name = Type.String({ minLength: 1, maxLength: 80 });
const Description = Type.String({ maxLength: 1000 });
const UserId = Type.Integer({ minimum: 1 });

export const TeamMemberSchema = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  disabled: Type.Boolean(),
});

export const TeamSchema = Type.Object(
  {
    id: Type.Integer(),
    name: Type.String(),
    description: Type.String(),
    leadUserId: Type.Union([Type.Integer(), Type.Null()]),
    members: Type.Array(TeamMemberSchema),
    createdAt: Type.Integer(),
    updatedAt: Type.Integer(),
  },
  { $id: 'Team' },
);
export type TeamDto = Static<typeof TeamSchema>;

export const TeamListQuery = Type.Object(
  { ...PageQuery, q: Type.Optional(Type.String({ maxLength: 80 })), memberId: Type.Optional(UserId) },
  { additionalProperties: false },
);
export type TeamListQuery = Static<typeof TeamListQuery>;

export const CreateTeamBody = Type.Object(
  {
    name: Name,
    description: Type.Optional(Description),
    memberIds: Type.Optional(Type.Array(UserId, { maxItems: 2000, uniqueItems: true })),
    leadUserId: Type.Optional(Type.Union([UserId, Type.Null()])),
  },
  { additionalProperties: false },
);
export type CreateTeamBody = Static<typeof CreateTeamBody>;

export const UpdateTeamBody = Type.Object(
  {
    name: Type.Optional(Name),
    description: Type.Optional(Description),
    memberIds: Type.Optional(Type.Array(UserId, { maxItems: 2000, uniqueItems: true })),
    leadUserId: Type.Optional(Type.Union([UserId, Type.Null()])),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateTeamBody = Static<typeof UpdateTeamBody>;
