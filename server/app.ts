import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import type { Deps } from './deps.js';
import { AuditEntrySchema } from './domains/audit/audit.presenter.js';
import { auditRoutes } from './domains/audit/audit.routes.js';
import { authRoutes } from './domains/auth/auth.routes.js';
import { customerRoutes } from './domains/customers/customer.routes.js';
import { CustomerSchema } from './domains/customers/customer.schemas.js';
import { systemRoutes, testClockRoutes } from './domains/system/system.routes.js';
import { assetRoutes } from './domains/assets/asset.routes.js';
import { AssetChangeSchema, AssetSchema, EntitlementSchema } from './domains/assets/asset.schemas.js';
import { contactRoutes } from './domains/contacts/contact.routes.js';
import { ContactSchema } from './domains/contacts/contact.schemas.js';
import { contractRoutes } from './domains/contracts/contract.routes.js';
import { ContractSchema } from './domains/contracts/contract.schemas.js';
import { importRoutes } from './domains/imports/import.routes.js';
import { siteRoutes } from './domains/sites/site.routes.js';
import { callRoutes } from './domains/calls/call.routes.js';
import { CallSchema } from './domains/calls/call.service.js';
import { ticketRoutes } from './domains/tickets/ticket.routes.js';
import { attachmentRoutes } from './domains/attachments/attachment.routes.js';
import { routingRoutes } from './domains/routing/routing.routes.js';
import { ticketLinkRoutes } from './domains/tickets/ticket-links.routes.js';
import { ViewSchema } from './domains/tickets/ticket-links.service.js';
import { RoutingRuleSchema } from './domains/routing/routing.service.js';
import { TicketEventSchema, TicketSchema } from './domains/tickets/ticket.schemas.js';
import { createLiveHub } from './http/live.js';
import { createMailer } from './shared/mail.js';
import { fieldRoutes } from './domains/field/field.routes.js';
import { DispatchDetailSchema, DispatchSchema, RemoteSessionSchema, RepairRecordSchema, ResolutionSchema, VisitLogSchema } from './domains/field/field.schemas.js';
import { serviceFormRoutes } from './domains/field/service-form.routes.js';
import { ServiceFormSchema } from './domains/field/service-form.schemas.js';
import { clockSettingsRoutes } from './domains/clocks/clock-settings.routes.js';
import { CalendarSchema, ClockPolicySchema } from './domains/clocks/clock-settings.schemas.js';
import { complianceRoutes } from './domains/clocks/compliance.routes.js';
import { BreachSchema, ComplianceReportSchema } from './domains/clocks/compliance.schemas.js';
import { ticketClockRoutes } from './domains/clocks/ticket-clock.routes.js';
import { TicketClockSchema } from './domains/clocks/ticket-clock.schemas.js';
import { notificationRoutes } from './domains/notifications/notification.routes.js';
import { faultReportRoutes } from './domains/reports/fault-report.routes.js';
import { NotificationSchema } from './domains/notifications/notification.schemas.js';
import { partsRoutes } from './domains/parts/parts.routes.js';
import { PartSchema, StoreSchema } from './domains/parts/parts.schemas.js';
import { stockRoutes } from './domains/parts/stock.routes.js';
import { loanRoutes } from './domains/parts/loan.routes.js';
import { LoanSchema } from './domains/parts/loan.schemas.js';
import { partsReportRoutes } from './domains/parts/parts-reports.routes.js';
import { PartsUsedSchema } from './domains/parts/parts-reports.schemas.js';
import { rmaRoutes } from './domains/parts/rma.routes.js';
import { RmaSchema } from './domains/parts/rma.schemas.js';
import { DispatchPartLineSchema, StockEntrySchema, StockLevelSchema } from './domains/parts/stock.schemas.js';
import { escalationRoutes } from './domains/vendors/escalation.routes.js';
import { vendorRoutes } from './domains/vendors/vendor.routes.js';
import { SiteSchema } from './domains/sites/site.schemas.js';
import { TeamSchema } from './domains/teams/team.schemas.js';
import { teamRoutes } from './domains/teams/team.routes.js';
import { TokenSchema } from './domains/tokens/token.schemas.js';
import { tokenRoutes } from './domains/tokens/token.routes.js';
import { RoleSchema, UserSchema } from './domains/users/user.schemas.js';
import { userRoutes } from './domains/users/user.routes.js';
import { registerAccess } from './http/access.js';
import { registerErrorHandler, routeNotFound } from './http/error-handler.js';
import { registerMetrics } from './http/metrics.js';
import { createValidatorCompiler } from './http/validation.js';
import { ErrorSchema } from './http/openapi.js';
import { VERSION } from './version.js';

export interface AppOptions {
  config: Config;
  database: Database;
  clock: Clock;
  /** Default process metrics (event loop, memory) in /metrics; off in tests. */
  processMetrics?: boolean;
}

/** Builds the whole HTTP application from its parts; main.ts and the tests both call this. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config, database, clock } = options;
  const live = createLiveHub(database);
  const deps: Deps = { db: database.db, engine: database.engine, clock, config, live, mailer: createMailer(config) };

  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    trustProxy: config.trustProxy,
    bodyLimit: config.bodyLimitBytes,
    genReqId: () => randomUUID(),
    // Live streams (server-sent events) never go idle; close them with the server.
    forceCloseConnections: true,
  });
  // Unknown fields are an error, not silently dropped: a typo must not look like success.
  app.setValidatorCompiler(createValidatorCompiler());

  app.addHook('onClose', async () => live.close());
  registerErrorHandler(app, config.bodyLimitBytes);
  await app.register(cookie);
  const registry = registerMetrics(app, { processMetrics: options.processMetrics ?? false });
  registerAccess(app, deps);

  const shared = [ErrorSchema, RoleSchema, UserSchema, TeamSchema, TokenSchema, AuditEntrySchema, CustomerSchema, ContactSchema, SiteSchema, ContractSchema, AssetSchema, AssetChangeSchema, EntitlementSchema, TicketSchema, TicketEventSchema, CallSchema, RoutingRuleSchema, ViewSchema, ClockPolicySchema, CalendarSchema, TicketClockSchema, ComplianceReportSchema, BreachSchema, NotificationSchema, RemoteSessionSchema, VisitLogSchema, DispatchSchema, DispatchDetailSchema, ResolutionSchema, RepairRecordSchema, ServiceFormSchema, PartSchema, StoreSchema, StockLevelSchema, StockEntrySchema, DispatchPartLineSchema, RmaSchema, LoanSchema, PartsUsedSchema];
  for (const schema of shared) app.addSchema(schema);

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Weibao (维保) API',
        version: VERSION,
        description:
          'After-sales service and maintenance desk. Sign in with POST /api/auth/sign-in (session cookie) or send ' +
          '`Authorization: Bearer wbt_…` with an API token. Errors are `{error:{code,message,details}}`; the message ' +
          'follows Accept-Language (zh-CN or en). Lists are keyset pages: pass `nextCursor` back as `cursor`.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'wb_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(
    async (api) => {
      authRoutes(api, deps);
      userRoutes(api, deps);
      teamRoutes(api, deps);
      tokenRoutes(api, deps);
      auditRoutes(api, deps);
      customerRoutes(api, deps);
      contactRoutes(api, deps);
      siteRoutes(api, deps);
      contractRoutes(api, deps);
      assetRoutes(api, deps);
      ticketRoutes(api, deps);
      attachmentRoutes(api, deps);
      routingRoutes(api, deps);
      ticketLinkRoutes(api, deps);
      callRoutes(api, deps);
      importRoutes(api, deps);
      clockSettingsRoutes(api, deps);
      ticketClockRoutes(api, deps);
      complianceRoutes(api, deps);
      notificationRoutes(api, deps);
      vendorRoutes(api, deps);
      escalationRoutes(api, deps);
      faultReportRoutes(api, deps);
      fieldRoutes(api, deps);
      serviceFormRoutes(api, deps);
      partsRoutes(api, deps);
      stockRoutes(api, deps);
      rmaRoutes(api, deps);
      loanRoutes(api, deps);
      partsReportRoutes(api, deps);
      testClockRoutes(api, deps);
    },
  );
  systemRoutes(app, deps, registry, VERSION);
  await registerConsole(app, config.webDir);
  return app;
}

/**
 * Serves the built console. Hashed assets are cached for a year; any other non-API path gets
 * index.html so the browser router handles deep links.
 */
async function registerConsole(app: FastifyInstance, webDir: string): Promise<void> {
  const indexFile = path.join(webDir, 'index.html');
  const built = fs.existsSync(indexFile);
  if (built) {
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: false,
      index: false,
      setHeaders: (res, filePath) => {
        res.setHeader('cache-control', filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET') return routeNotFound(request, reply);
    if (!built) return reply.status(503).type('text/plain; charset=utf-8').send('The console is not built. Run `npm run build`.');
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
