import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { Deps } from '../../deps.js';
import { allow, contextOf } from '../../http/access.js';
import { collectPages, sendSheet } from '../../http/export.js';
import { ErrorResponses } from '../../http/openapi.js';
import { Page, PageQuery } from '../../http/pagination.js';
import { customerNames } from '../customers/customer.service.js';
import { IdParams } from '../users/user.schemas.js';
import { assetPolicy } from './asset.policy.js';
import {
  ASSET_COLUMNS,
  AssetChangeSchema,
  AssetDetailSchema,
  AssetExportQuery,
  AssetListQuery,
  AssetSchema,
  CreateAssetBody,
  EntitlementSchema,
  LookupQuery,
  UpdateAssetBody,
} from './asset.schemas.js';
import { createAsset, getAsset, listAssetHistory, listAssets, lookupSerial, updateAsset } from './asset.service.js';

const tags = ['assets'];
const HistoryQuery = Type.Object(PageQuery, { additionalProperties: false });

export function assetRoutes(app: FastifyInstance, deps: Deps): void {
  app.get(
    '/api/assets',
    {
      config: { access: allow(assetPolicy.read) },
      schema: { tags, summary: 'List assets, newest first (or soonest cover end with expiringWithinDays)', querystring: AssetListQuery, response: { 200: Page(Type.Ref(AssetSchema)), ...ErrorResponses } },
    },
    async (request) => listAssets(deps, contextOf(request), request.query as AssetListQuery),
  );

  app.get(
    '/api/assets/lookup',
    {
      config: { access: allow(assetPolicy.read) },
      schema: {
        tags,
        summary: 'Entitlement by serial number (exact, or a prefix while typing): asset, customer, contract, site, warranty',
        querystring: LookupQuery,
        response: { 200: Type.Object({ items: Type.Array(Type.Ref(EntitlementSchema)) }), ...ErrorResponses },
      },
    },
    async (request) => lookupSerial(deps, contextOf(request), request.query as LookupQuery),
  );

  app.get(
    '/api/assets/export',
    { config: { access: allow(assetPolicy.read) }, schema: { tags, summary: 'Export the filtered asset list (.xlsx or .csv)', querystring: AssetExportQuery } },
    async (request, reply) => {
      const { format, ...filters } = request.query as Static<typeof AssetExportQuery>;
      const ctx = contextOf(request);
      const rows = await collectPages((cursor, limit) => listAssets(deps, ctx, { ...filters, cursor, limit }));
      const codes = await customerNames(deps.db, rows.map((r) => r.customerId));
      return sendSheet(reply, format, 'assets', ASSET_COLUMNS, rows.map((r) => ({ ...r, customerCode: codes.get(r.customerId)?.code ?? '' })));
    },
  );

  app.get(
    '/api/assets/:id',
    { config: { access: allow(assetPolicy.read) }, schema: { tags, summary: 'One asset with its components', params: IdParams, response: { 200: AssetDetailSchema, ...ErrorResponses } } },
    async (request) => getAsset(deps, contextOf(request), (request.params as IdParams).id),
  );

  app.get(
    '/api/assets/:id/history',
    {
      config: { access: allow(assetPolicy.read) },
      schema: { tags, summary: 'The asset’s change history, newest first', params: IdParams, querystring: HistoryQuery, response: { 200: Page(Type.Ref(AssetChangeSchema)), ...ErrorResponses } },
    },
    async (request) => listAssetHistory(deps, contextOf(request), (request.params as IdParams).id, request.query as Static<typeof HistoryQuery>),
  );

  app.post(
    '/api/assets',
    { config: { access: allow(assetPolicy.manage) }, schema: { tags, summary: 'Register an asset', body: CreateAssetBody, response: { 201: Type.Ref(AssetSchema), ...ErrorResponses } } },
    async (request, reply) => reply.status(201).send(await createAsset(deps, contextOf(request), request.body as CreateAssetBody)),
  );

  app.patch(
    '/api/assets/:id',
    {
      config: { access: allow(assetPolicy.manage) },
      schema: { tags, summary: 'Change an asset; tracked fields go into its history', params: IdParams, body: UpdateAssetBody, response: { 200: Type.Ref(AssetSchema), ...ErrorResponses } },
    },
    async (request) => updateAsset(deps, contextOf(request), (request.params as IdParams).id, request.body as UpdateAssetBody),
  );
}
