import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Deps } from '../../deps.js';
import { allow, contextOf, publicAccess } from '../../http/access.js';
import { ErrorResponses } from '../../http/openapi.js';
import { IdParams } from '../users/user.schemas.js';
import { fieldPolicy } from './field.policy.js';
import { CreateFormBody, EmailFormBody, PdfQuery, ServiceFormSchema, SignBody, SignLinkBody, TokenQuery, UpdateFormBody } from './service-form.schemas.js';
import {
  createServiceForm,
  emailServiceForm,
  getFormByLink,
  getServiceForm,
  getVisitForm,
  sendSignLink,
  serviceFormPdf,
  signFormByLink,
  signServiceForm,
  updateServiceForm,
} from './service-form.service.js';

const tags = ['service forms'];
const Form = Type.Ref(ServiceFormSchema);
// Signing carries a drawn signature: a larger body than the API's usual limit.
const SIGN_BODY_LIMIT = 400_000;

function sendPdf(reply: FastifyReply, fileName: string, pdf: Buffer) {
  return reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .header('cache-control', 'private, no-store')
    .send(pdf);
}

export function serviceFormRoutes(app: FastifyInstance, deps: Deps): void {
  const id = (request: { params: unknown }) => (request.params as IdParams).id;

  app.get(
    '/api/dispatches/:id/service-form',
    { config: { access: allow(fieldPolicy.read) }, schema: { tags, summary: 'The latest version of the visit’s service form, or null', params: IdParams, response: { 200: Type.Union([Form, Type.Null()]), ...ErrorResponses } } },
    async (request) => getVisitForm(deps, contextOf(request), id(request)),
  );
  app.post(
    '/api/dispatches/:id/service-form',
    { config: { access: allow(fieldPolicy.visit) }, schema: { tags, summary: 'Make the visit’s service form (服务表格) once on site', params: IdParams, body: CreateFormBody, response: { 201: Form, ...ErrorResponses } } },
    async (request, reply) => reply.status(201).send(await createServiceForm(deps, contextOf(request), id(request), request.body as CreateFormBody)),
  );
  app.get(
    '/api/service-forms/:id',
    { config: { access: allow(fieldPolicy.read) }, schema: { tags, summary: 'One version of a service form', params: IdParams, response: { 200: Form, ...ErrorResponses } } },
    async (request) => getServiceForm(deps, contextOf(request), id(request)),
  );
  app.patch(
    '/api/service-forms/:id',
    { config: { access: allow(fieldPolicy.visit) }, schema: { tags, summary: 'Change a draft; changing a signed form makes the next version', params: IdParams, body: UpdateFormBody, response: { 200: Form, ...ErrorResponses } } },
    async (request) => updateServiceForm(deps, contextOf(request), id(request), request.body as UpdateFormBody),
  );
  app.post(
    '/api/service-forms/:id/sign',
    {
      bodyLimit: SIGN_BODY_LIMIT,
      config: { access: allow(fieldPolicy.sign) },
      schema: { tags, summary: 'Sign on the engineer’s screen or in the portal: signature, name, satisfaction, comment', params: IdParams, body: SignBody, response: { 200: Form, ...ErrorResponses } },
    },
    async (request) => signServiceForm(deps, contextOf(request), id(request), request.body as SignBody),
  );
  app.post(
    '/api/service-forms/:id/sign-link',
    {
      config: { access: allow(fieldPolicy.visit) },
      schema: { tags, summary: 'E-mail a one-time sign link to the customer’s technician', params: IdParams, body: SignLinkBody, response: { 201: Type.Object({ email: Type.String(), expiresAt: Type.Integer() }), ...ErrorResponses } },
    },
    async (request, reply) => reply.status(201).send(await sendSignLink(deps, contextOf(request), id(request), request.body as SignLinkBody)),
  );
  app.post(
    '/api/service-forms/:id/email',
    { config: { access: allow(fieldPolicy.work) }, schema: { tags, summary: 'E-mail the form as a PDF', params: IdParams, body: EmailFormBody, response: { 200: Type.Object({ sentTo: Type.Array(Type.String()) }), ...ErrorResponses } } },
    async (request) => emailServiceForm(deps, contextOf(request), id(request), request.body as EmailFormBody),
  );
  app.get(
    '/api/service-forms/:id/pdf',
    { config: { access: allow(fieldPolicy.read) }, schema: { tags, summary: 'The form as a PDF (zh-CN or en)', params: IdParams, querystring: PdfQuery } },
    async (request, reply) => {
      const { fileName, pdf } = await serviceFormPdf(deps, contextOf(request), id(request), (request.query as PdfQuery).lang);
      return sendPdf(reply, fileName, pdf);
    },
  );

  // The customer's side of an e-mailed link: no account, the token is the key.
  app.get(
    '/api/public/service-forms/:id',
    { config: { access: publicAccess }, schema: { tags, summary: 'The form behind a one-time sign link', params: IdParams, querystring: TokenQuery, response: { 200: Form, ...ErrorResponses } } },
    async (request) => getFormByLink(deps, id(request), (request.query as TokenQuery).token),
  );
  app.post(
    '/api/public/service-forms/:id/sign',
    {
      bodyLimit: SIGN_BODY_LIMIT,
      config: { access: publicAccess },
      schema: { tags, summary: 'Sign through a one-time link (works once, until it expires)', params: IdParams, querystring: TokenQuery, body: SignBody, response: { 200: Form, ...ErrorResponses } },
    },
    async (request) => signFormByLink(deps, id(request), (request.query as TokenQuery).token, request.body as SignBody, request.locale),
  );
}
