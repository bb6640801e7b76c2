import { Ajv, type Options } from 'ajv';
import * as addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

// ajv-formats is CommonJS; under ESM its function arrives as the namespace's default.
type AddFormats = (ajv: Ajv) => Ajv;
const addFormats = ((addFormatsModule as unknown as { default: AddFormats | { default: AddFormats } }).default);
const applyFormats: AddFormats = typeof addFormats === 'function' ? addFormats : addFormats.default;

const shared: Options = { allErrors: true, removeAdditional: false, useDefaults: true, strict: false };

/**
 * Request validation. Bodies are JSON and must have the right types as sent: `"roles": "agent"`
 * is an error, not silently made `["agent"]`. Query strings and path parameters are text by
 * nature, so there numbers and booleans are coerced.
 */
export function createValidatorCompiler(): FastifySchemaCompiler<unknown> {
  const strict = new Ajv({ ...shared, coerceTypes: false });
  const coercing = new Ajv({ ...shared, coerceTypes: 'array' });
  applyFormats(strict);
  applyFormats(coercing);
  return ({ schema, httpPart }) => (httpPart === 'body' ? strict : coercing).compile(schema as object);
}
