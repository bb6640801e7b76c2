import { Type, type Static } from '@sinclair/typebox';
import { PageQuery } from '../../http/pagination.js';
import { ROLES } from './roles.js';

export const RoleSchema = Type.Union(ROLES.map((r) => Type.Literal(r)), { $id: 'Role' });
const LocaleSchema = Type.Union([Type.Literal('zh-CN'), Type.Literal('en')]);

const Username = Type.String({
  pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{1,39}$',
  description: '2–40 letters, digits, dot, dash or underscore; stored lower-cased',
});
const DisplayName = Type.String({ minLength: 1, maxLength: 100 });
const Email = Type.Union([Type.String({ format: 'email', maxLength: 200 }), Type.Null()]);
const Phone = Type.Union([Type.String({ pattern: '^[0-9+()\\- ]{3,40}$' }), Type.Null()]);
const Password = Type.String({ minLength: 1, maxLength: 256 });

export const UserSchema = Type.Object(
  {
    id: Type.Integer(),
    username: Type.String(),
    displayName: Type.String(),
    email: Type.Union([Type.String(), Type.Null()]),
    phone: Type.Union([Type.String(), Type.Null()]),
    roles: Type.Array(RoleSchema),
    customerId: Type.Union([Type.Integer(), Type.Null()]),
    locale: Type.Union([LocaleSchema, Type.Null()]),
    disabled: Type.Boolean(),
    disabledAt: Type.Union([Type.Integer(), Type.Null()]),
    mustChangePassword: Type.Boolean(),
    lastSignInAt: Type.Union([Type.Integer(), Type.Null()]),
    createdAt: Type.Integer(),
    updatedAt: Type.Integer(),
  },
  { $id: 'User' },
);
export type UserDto = Static<typeof UserSchema>;

export const UserListQuery = Type.Object(
  {
    ...PageQuery,
    q: Type.Optional(Type.String({ maxLength: 100 })),
    role: Type.Optional(RoleSchema),
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])),
    customerId: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
export type UserListQuery = Static<typeof UserListQuery>;

export const CreateUserBody = Type.Object(
  {
    username: Username,
    displayName: DisplayName,
    email: Type.Optional(Email),
    phone: Type.Optional(Phone),
    roles: Type.Array(RoleSchema, { minItems: 1, maxItems: 7 }),
    customerId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
    locale: Type.Optional(Type.Union([LocaleSchema, Type.Null()])),
    password: Type.Optional(Type.String({ maxLength: 256, description: 'Omit to generate a one-time password' })),
  },
  { additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBody>;

export const UpdateUserBody = Type.Object(
  {
    displayName: Type.Optional(DisplayName),
    email: Type.Optional(Email),
    phone: Type.Optional(Phone),
    roles: Type.Optional(Type.Array(RoleSchema, { minItems: 1, maxItems: 7 })),
    customerId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
    locale: Type.Optional(Type.Union([LocaleSchema, Type.Null()])),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateUserBody = Static<typeof UpdateUserBody>;

export const UpdateProfileBody = Type.Object(
  {
    displayName: Type.Optional(DisplayName),
    email: Type.Optional(Email),
    phone: Type.Optional(Phone),
    locale: Type.Optional(Type.Union([LocaleSchema, Type.Null()])),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateProfileBody = Static<typeof UpdateProfileBody>;

export const ChangePasswordBody = Type.Object(
  { currentPassword: Password, newPassword: Password },
  { additionalProperties: false },
);
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;

export const CreatedUserSchema = Type.Object({
  user: Type.Ref(UserSchema),
  initialPassword: Type.Union([Type.String(), Type.Null()], { description: 'Shown once; null when a password was given' }),
});

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export type IdParams = Static<typeof IdParams>;
