import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors.js';
import { errorMessage, type ErrorCode } from './messages.js';

interface ValidationIssue {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** Validation failures as `{field, rule, message}` so a form can show each next to its field. */
function validationDetails(error: FastifyError) {
  const context = error.validationContext ?? 'body';
  return (error.validation as ValidationIssue[] | undefined ?? []).map((issue) => {
    let field = `${context}${issue.instancePath?.replace(/\//g, '.') ?? ''}`;
    if (issue.keyword === 'additionalProperties' && issue.params?.additionalProperty) field += `.${String(issue.params.additionalProperty)}`;
    if (issue.keyword === 'required' && issue.params?.missingProperty) field += `.${String(issue.params.missingProperty)}`;
    return { field, rule: issue.keyword ?? 'invalid', message: issue.message ?? 'invalid' };
  });
}

// Constraint violations that slip past a service's own checks (two requests racing) map to 409:
// PostgreSQL's unique (23505), foreign-key (23503) and CHECK (23514) violations — a stock level
// the database refuses to take below zero is one —, and SQLite's constraint errors of any kind.
const PG_CONSTRAINT_CODES = new Set(['23505', '23503', '23514']);

export function isConstraintViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (typeof code === 'string' && PG_CONSTRAINT_CODES.has(code)) || (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT'));
}

function classify(error: unknown): { code: ErrorCode; params: Record<string, unknown>; details?: unknown } {
  if (error instanceof AppError) return { code: error.code, params: error.params, details: error.details };
  const fe = error as FastifyError;
  if (fe.validation) {
    const details = validationDetails(fe);
    const summary = details.map((d) => `${d.field} ${d.message}`).join('; ');
    return { code: 'validation_failed', params: { summary }, details };
  }
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { code: 'malformed_json', params: {} };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { code: 'body_too_large', params: { limit: (fe as { limit?: number }).limit ?? '' } };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { code: 'unsupported_media_type', params: {} };
  }
  if (error instanceof SyntaxError && fe.statusCode === 400) return { code: 'malformed_json', params: {} };
  if (isConstraintViolation(error)) return { code: 'conflict', params: {} };
  return { code: 'internal_error', params: {} };
}

/** Turns every error into `{error:{code,message,details}}` in the request's language. */
export function registerErrorHandler(app: FastifyInstance, bodyLimit: number): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const { code, params, details } = classify(error);
    // A route may accept larger bodies than the app-wide limit (file imports); quote the one that applied.
    const limit = request.routeOptions?.bodyLimit ?? bodyLimit;
    const appError = new AppError(code, code === 'body_too_large' ? { limit } : params);
    if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
    if (code === 'too_many_attempts') reply.header('retry-after', String(params.retryAfter));
    return reply.status(appError.status).send({
      error: { code, message: errorMessage(code, request.locale, appError.params), details: details ?? null },
    });
  });
}

/** The 404 answer for an unknown API route, in the shared error shape. */
export function routeNotFound(request: FastifyRequest, reply: FastifyReply) {
  return reply
    .status(404)
    .send({ error: { code: 'route_not_found', message: errorMessage('route_not_found', request.locale), details: null } });
}

