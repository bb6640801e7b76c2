import { Type } from '@sinclair/typebox';

export const ErrorSchema = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable machine-readable code, e.g. user_not_found' }),
      message: Type.String({ description: 'Human message in the request language (zh-CN or en)' }),
      details: Type.Unknown({ description: 'Per-field problems for validation_failed; otherwise null or extra data' }),
    }),
  },
  { $id: 'Error' },
);

/** Response entries every route shares: the error shape for 4xx and 5xx. */
export const ErrorResponses = {
  '4xx': Type.Ref(ErrorSchema),
  '5xx': Type.Ref(ErrorSchema),
};
