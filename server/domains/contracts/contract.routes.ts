import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { Deps } from '../../deps.js';
import { allow, contextOf } from '../../http/access.js';
import { collectPages, sendSheet } from '../../http/export.js';
import { ErrorResponses } from '../../http/openapi.js';
import { Page } from '../../http/pagination.js';
import { IdParams } from '../users/user.schemas.js';
import { contractPolicy } from './contract.policy.js';
import { CONTRACT_COLUMNS, ContractExportQuery, ContractListQuery, ContractSchema, CreateContractBody, UpdateContractBody } from './contract.schemas.js';
import { createContract, getContract, listContracts, updateContract } from './contract.service.js';

const tags = ['contracts'];

export function contractRoutes(app: FastifyInstance, deps: Deps): void {
  app.get(
    '/api/contracts',
    { config: { access: allow(contractPolicy.read) }, schema: { tags, summary: 'List contracts by number', querystring: ContractListQuery, response: { 200: Page(Type.Ref(ContractSchema)), ...ErrorResponses } } },
    async (request) => listContracts(deps, contextOf(request), request.query as ContractListQuery),
  );
  app.get(
    '/api/contracts/export',
    { config: { access: allow(contractPolicy.read) }, schema: { tags, summary: 'Export contracts (.xlsx or .csv)', querystring: ContractExportQuery } },
    async (request, reply) => {
      const { format, ...filters } = request.query as Static<typeof ContractExportQuery>;
      const ctx = contextOf(request);
      const rows = await collectPages((cursor, limit) => listContracts(deps, ctx, { ...filters, cursor, limit }));
      return sendSheet(reply, format, 'contracts', CONTRACT_COLUMNS, rows.map((r) => ({ ...r, sparesOnSite: r.sparesOnSite ? 'Y' : '' })));
    },
  );
  app.get(
    '/api/contracts/:id',
    { config: { access: allow(contractPolicy.read) }, schema: { tags, summary: 'One contract', params: IdParams, response: { 200: Type.Ref(ContractSchema), ...ErrorResponses } } },
    async (request) => getContract(deps, contextOf(request), (request.params as IdParams).id),
  );
  app.post(
    '/api/contracts',
    { config: { access: allow(contractPolicy.manage) }, schema: { tags, summary: 'Record a contract/project', body: CreateContractBody, response: { 201: Type.Ref(ContractSchema), ...ErrorResponses } } },
    async (request, reply) => reply.status(201).send(await createContract(deps, contextOf(request), request.body as CreateContractBody)),
  );
  app.patch(
    '/api/contracts/:id',
    { config: { access: allow(contractPolicy.manage) }, schema: { tags, summary: 'Edit a contract', params: IdParams, body: UpdateContractBody, response: { 200: Type.Ref(ContractSchema), ...ErrorResponses } } },
    async (request) => updateContract(deps, contextOf(request), (request.params as IdParams).id, request.body as UpdateContractBody),
  );
}
