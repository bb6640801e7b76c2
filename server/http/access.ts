import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../deps.js';
import { authenticateSession, authenticateToken, SESSION_COOKIE } from '../domains/auth/auth.service.js';
import type { Actor, RequestContext } from './actor.js';
import { AppError } from './errors.js';
import { pickLocale, type Locale } from './messages.js';

/**
 * How a route is reached. Every `/api` route declares one, and start-up fails if one does not,
 * so no endpoint can forget its policy.
 */
export type Access =
  | { public: true }
  | {
      /** A predicate from the domain's policy module. */
      allow: (actor: Actor) => boolean;
      /** Reachable while the account still holds a one-time password (profile, password change). */
      duringPasswordChange?: boolean;
    };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor | null;
    locale: Locale;
  }
}

export const publicAccess: Access = { public: true };

/** An access rule from a policy predicate. */
export function allow(predicate: (actor: Actor) => boolean, options: { duringPasswordChange?: boolean } = {}): Access {
  return { allow: predicate, ...options };
}

/** The request's context for services: its actor, address, id and language. */
export function contextOf(request: FastifyRequest): RequestContext {
  return { actor: request.actor, ip: request.ip, requestId: request.id, locale: request.locale };
}

/** The signed-in actor; routes behind `allow()` always have one. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('unauthenticated');
  return request.actor;
}

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const [scheme, value] = header.split(' ');
  return scheme?.toLowerCase() === 'bearer' && value ? value.trim() : null;
}

/** Installs language detection, authentication and the access check for every route. */
export function registerAccess(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('locale', 'zh-CN');

  app.addHook('onRoute', (route) => {
    const url = route.url;
    if (url.startsWith('/api/') && !url.startsWith('/api/docs') && url !== '/api/openapi.json' && !route.config?.access) {
      throw new Error(`route ${route.method} ${url} declares no access rule`);
    }
  });

  app.addHook('onRequest', async (request) => {
    const query = request.query as Record<string, unknown> | undefined;
    request.locale = pickLocale(request.headers['accept-language'], typeof query?.lang === 'string' ? query.lang : undefined);
  });

  app.addHook('preHandler', async (request) => {
    const access = request.routeOptions.config?.access;
    if (!access) return;
    const token = bearerToken(request);
    if (token) {
      request.actor = await authenticateToken(deps, token);
      if (!request.actor) throw new AppError('invalid_token');
    } else {
      const secret = request.cookies[SESSION_COOKIE];
      if (secret) request.actor = await authenticateSession(deps, secret);
    }
    if ('public' in access) return;
    const actor = request.actor;
    if (!actor) throw new AppError('unauthenticated');
    if (actor.mustChangePassword && !access.duringPasswordChange) throw new AppError('password_change_required');
    if (!access.allow(actor)) throw new AppError('forbidden');
  });
}
