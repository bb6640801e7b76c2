import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Deps } from '../../deps.js';
import { allow, contextOf, publicAccess } from '../../http/access.js';
import { ErrorResponses } from '../../http/openapi.js';
import { userPolicy } from '../users/user.policy.js';
import { ChangePasswordBody, UpdateProfileBody, UserSchema } from '../users/user.schemas.js';
import { getOwnProfile, getUser, updateOwnProfile } from '../users/user.service.js';
import { SignInBody } from './auth.schemas.js';
import { changePassword, SESSION_COOKIE, signIn, signOut } from './auth.service.js';

export function authRoutes(app: FastifyInstance, deps: Deps): void {
  const setSessionCookie = (reply: FastifyReply, secret: string) =>
    reply.setCookie(SESSION_COOKIE, secret, {
      path: '/',
      httpOnly: true,
      // Lax blocks cross-site POSTs carrying the cookie; with JSON-only endpoints that is our CSRF guard.
      sameSite: 'lax',
      secure: deps.config.cookieSecure,
      maxAge: Math.floor(deps.config.sessionTtlMs / 1000),
    });

  app.post(
    '/api/auth/sign-in',
    {
      config: { access: publicAccess },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with user name and password; sets the session cookie',
        body: SignInBody,
        response: { 200: Type.Object({ user: Type.Ref(UserSchema) }), ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const body = request.body as SignInBody;
      const { secret, userId } = await signIn(deps, contextOf(request), {
        ...body,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      setSessionCookie(reply, secret);
      return { user: await getUser(deps, userId) };
    },
  );

  app.post(
    '/api/auth/sign-out',
    {
      config: { access: publicAccess },
      schema: { tags: ['auth'], summary: 'End the current session', response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      await signOut(deps, contextOf(request));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/me',
    {
      config: { access: allow(userPolicy.self, { duringPasswordChange: true }) },
      schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: Type.Ref(UserSchema), ...ErrorResponses } },
    },
    async (request) => getOwnProfile(deps, contextOf(request)),
  );

  app.patch(
    '/api/me',
    {
      config: { access: allow(userPolicy.self, { duringPasswordChange: true }) },
      schema: {
        tags: ['auth'],
        summary: 'Edit your own name, contact details and language',
        body: UpdateProfileBody,
        response: { 200: Type.Ref(UserSchema), ...ErrorResponses },
      },
    },
    async (request) => updateOwnProfile(deps, contextOf(request), request.body as UpdateProfileBody),
  );

  app.post(
    '/api/me/password',
    {
      config: { access: allow(userPolicy.self, { duringPasswordChange: true }) },
      schema: {
        tags: ['auth'],
        summary: 'Change your password; other sessions end and this one is renewed',
        body: ChangePasswordBody,
        response: { 204: Type.Null(), ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const body = request.body as ChangePasswordBody;
      const { secret } = await changePassword(deps, contextOf(request), body.currentPassword, body.newPassword, request.headers['user-agent'] ?? null);
      setSessionCookie(reply, secret);
      return reply.status(204).send();
    },
  );
}
