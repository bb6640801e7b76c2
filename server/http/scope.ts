import type { RequestContext } from './actor.js';
import { AppError } from './errors.js';
import type { ErrorCode } from './messages.js';

/**
 * The customer a request is confined to: a customer contact's own organisation, or null for
 * staff. Every repository query for customer data takes it, so the scope lives in the query.
 */
export function customerScope(ctx: RequestContext): number | null {
  return ctx.actor?.customerId ?? null;
}

/**
 * Checks a row against the request's scope. Outside it the answer is the same "not found" as for a
 * row that does not exist, so a contact cannot even learn that another customer's record exists.
 */
export function assertInScope<T extends { customer_id: number }>(ctx: RequestContext, row: T | undefined, notFound: ErrorCode): T {
  const scope = customerScope(ctx);
  if (!row || (scope !== null && row.customer_id !== scope)) throw new AppError(notFound);
  return row;
}
