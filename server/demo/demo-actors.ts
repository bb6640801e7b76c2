import type { Actor, RequestContext } from '../http/actor.js';
import type { Role } from '../domains/users/roles.js';

/** A demo staff member as the ticket and field-service loaders act for them. */
export interface DemoPersonRef {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
}

function actorOf(p: DemoPersonRef): Actor {
  return { userId: p.id, username: p.username, displayName: p.displayName, roles: new Set(p.roles), customerId: null, mustChangePassword: false, via: 'session', sessionId: null, tokenId: null };
}

/** A request by this person, as if signed in to the desk (Chinese UI). */
export function contextOf(p: DemoPersonRef): RequestContext {
  return { actor: actorOf(p), ip: null, requestId: null, locale: 'zh-CN' };
}
