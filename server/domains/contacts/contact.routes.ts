import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { Deps } from '../../deps.js';
import { allow, contextOf } from '../../http/access.js';
import { collectPages, sendSheet } from '../../http/export.js';
import { ErrorResponses } from '../../http/openapi.js';
import { Page } from '../../http/pagination.js';
import { CreatedUserSchema, IdParams } from '../users/user.schemas.js';
import { customerNames } from '../customers/customer.service.js';
import { contactPolicy } from './contact.policy.js';
import { CONTACT_COLUMNS, ContactExportQuery, ContactListQuery, ContactSchema, CreateContactBody, PortalAccountBody, UpdateContactBody } from './contact.schemas.js';
import { createContact, createPortalAccount, deleteContact, getContact, listContacts, updateContact } from './contact.service.js';

const tags = ['contacts'];

export function contactRoutes(app: FastifyInstance, deps: Deps): void {
  app.get(
    '/api/contacts',
    {
      config: { access: allow(contactPolicy.read) },
      schema: { tags, summary: 'List contacts, by customer then name; q matches a name or a phone prefix', querystring: ContactListQuery, response: { 200: Page(Type.Ref(ContactSchema)), ...ErrorResponses } },
    },
    async (request) => listContacts(deps, contextOf(request), request.query as ContactListQuery),
  );

  app.get(
    '/api/contacts/export',
    { config: { access: allow(contactPolicy.read) }, schema: { tags, summary: 'Export contacts (.xlsx or .csv)', querystring: ContactExportQuery } },
    async (request, reply) => {
      const { format, ...filters } = request.query as Static<typeof ContactExportQuery>;
      const ctx = contextOf(request);
      const rows = await collectPages((cursor, limit) => listContacts(deps, ctx, { ...filters, cursor, limit }));
      const codes = await customerNames(deps.db, rows.map((r) => r.customerId));
      const data = rows.map((r) => ({ ...r, customerCode: codes.get(r.customerId)?.code ?? '', isDesignatedTechnician: r.isDesignatedTechnician ? 'Y' : '' }));
      return sendSheet(reply, format, 'contacts', CONTACT_COLUMNS, data);
    },
  );

  app.get(
    '/api/contacts/:id',
    { config: { access: allow(contactPolicy.read) }, schema: { tags, summary: 'One contact', params: IdParams, response: { 200: Type.Ref(ContactSchema), ...ErrorResponses } } },
    async (request) => getContact(deps, contextOf(request), (request.params as IdParams).id),
  );

  app.post(
    '/api/contacts',
    { config: { access: allow(contactPolicy.manage) }, schema: { tags, summary: 'Add a contact to a customer', body: CreateContactBody, response: { 201: Type.Ref(ContactSchema), ...ErrorResponses } } },
    async (request, reply) => reply.status(201).send(await createContact(deps, contextOf(request), request.body as CreateContactBody)),
  );

  app.patch(
    '/api/contacts/:id',
    { config: { access: allow(contactPolicy.manage) }, schema: { tags, summary: 'Edit a contact', params: IdParams, body: UpdateContactBody, response: { 200: Type.Ref(ContactSchema), ...ErrorResponses } } },
    async (request) => updateContact(deps, contextOf(request), (request.params as IdParams).id, request.body as UpdateContactBody),
  );

  app.delete(
    '/api/contacts/:id',
    { config: { access: allow(contactPolicy.manage) }, schema: { tags, summary: 'Remove a contact', params: IdParams, response: { 204: Type.Null(), ...ErrorResponses } } },
    async (request, reply) => {
      await deleteContact(deps, contextOf(request), (request.params as IdParams).id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/contacts/:id/portal-account',
    {
      config: { access: allow(contactPolicy.manage) },
      schema: {
        tags,
        summary: 'Give a contact a customer-portal account; the one-time password is returned once',
        params: IdParams,
        body: PortalAccountBody,
        response: { 201: CreatedUserSchema, ...ErrorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createPortalAccount(deps, contextOf(request), (request.params as IdParams).id, request.body as Static<typeof PortalAccountBody>)),
  );
}
