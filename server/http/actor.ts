import type { Role } from '../domains/users/roles.js';
import type { Locale } from './messages.js';

/** Who is making a request: a signed-in person or an integration's API token acting as a user. */
export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  roles: ReadonlySet<Role>;
  /** Set for customer contacts: every query they run is scoped to this customer. */
  customerId: number | null;
  mustChangePassword: boolean;
  via: 'session' | 'token';
  /** Hash of the session id when signed in through a session. */
  sessionId: string | null;
  tokenId: number | null;
}

/** What a service needs to know about the request behind a write: for audit rows and messages. */
export interface RequestContext {
  actor: Actor | null;
  ip: string | null;
  requestId: string | null;
  locale: Locale;
}

/** A context for writes made by the system itself (CLI, start-up, jobs). */
export function systemContext(locale: Locale = 'en'): RequestContext {
  return { actor: null, ip: null, requestId: null, locale };
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return roles.some((r) => actor.roles.has(r));
}

export function isStaff(actor: Actor): boolean {
  return actor.customerId === null && !actor.roles.has('customer_contact');
}
