import { Type, type Static } from '@sinclair/typebox';

export const SignInBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 100 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);
export type SignInBody = Static<typeof SignInBody>;
