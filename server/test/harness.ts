import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../app.js';
import { ManualClock } from '../clock.js';
import { loadConfig, type Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { Deps } from '../deps.js';
import { createMailer, type Mailer } from '../shared/mail.js';
import { systemContext } from '../http/actor.js';
import { createAsset } from '../domains/assets/asset.service.js';
import { createContact } from '../domains/contacts/contact.service.js';
import { createContract } from '../domains/contracts/contract.service.js';
import { createCustomer } from '../domains/customers/customer.service.js';
import { createSite } from '../domains/sites/site.service.js';
import type { Role } from '../domains/users/roles.js';
import { createUser } from '../domains/users/user.service.js';
import type { UserDto } from '../domains/users/user.schemas.js';

export const TEST_PASSWORD = 'Correct-horse-42';

export interface SignedInUser {
  user: UserDto;
  password: string;
  /** `Cookie` header value for a signed-in session. */
  cookie: string;
}

/** A unique suffix, so tests sharing a database never collide on names. */
export function unique(prefix = 't'): string {
  return `${prefix}${randomBytes(4).toString('hex')}`;
}

/**
 * An app on a test database with a manual clock: requests go through `app.inject()`, factories
 * build whole users and customers per test so tests never share rows.
 */
export class Harness {
  readonly clock = new ManualClock();
  readonly config: Config;
  app!: FastifyInstance;
  private mailer: Mailer | undefined;

  constructor(
    readonly database: Database,
    env: Record<string, string> = {},
  ) {
    this.config = loadConfig({ LOG_LEVEL: 'silent', LOGIN_SLOWDOWN_MS: '0', WEB_DIR: '/nonexistent-weibao-web', ...env });
  }

  get deps(): Deps {
    this.mailer ??= createMailer(this.config);
    return { db: this.database.db, engine: this.database.engine, clock: this.clock, config: this.config, mailer: this.mailer };
  }

  async start(): Promise<void> {
    this.app = await buildApp({ config: this.config, database: this.database, clock: this.clock });
    await this.app.ready();
  }

  async close(): Promise<void> {
    await this.app?.close();
  }

  request(options: InjectOptions & { cookie?: string; lang?: 'en' | 'zh-CN' }): Promise<LightMyRequestResponse> {
    const { cookie, lang, headers, ...rest } = options;
    return this.app.inject({
      ...rest,
      headers: { ...(cookie && { cookie }), 'accept-language': lang ?? 'en', ...headers },
    });
  }

  /** Signs in through the API and returns the session cookie. */
  async signIn(username: string, password: string): Promise<string> {
    const res = await this.request({ method: 'POST', url: '/api/auth/sign-in', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'wb_session');
    if (!cookie) throw new Error('no session cookie');
    return `wb_session=${cookie.value}`;
  }

  /** A fresh account with the given roles, signed in, with its password already chosen. */
  async user(roles: Role[], extra: { customerId?: number; displayName?: string } = {}): Promise<SignedInUser> {
    const username = unique(roles[0]!.slice(0, 4));
    const { user } = await createUser(
      this.deps,
      systemContext(),
      { username, displayName: extra.displayName ?? username, roles, customerId: extra.customerId ?? null, password: TEST_PASSWORD },
      { mustChangePassword: false },
    );
    return { user, password: TEST_PASSWORD, cookie: await this.signIn(username, TEST_PASSWORD) };
  }

  /**
   * A whole customer file: the customer, a signed-in portal contact, a contact record, a site, an
   * active contract and one asset under it with a unique serial.
   */
  async customerFile(options: { serviceEnd?: string; warrantyEnd?: string | null } = {}) {
    const { customer, contact } = await this.customerWithContact();
    const ctx = systemContext();
    const person = await createContact(this.deps, ctx, { customerId: customer.id, name: '徐明', phone: '027-68890001', isDesignatedTechnician: true });
    const site = await createSite(this.deps, ctx, { customerId: customer.id, name: '主楼', address: '武汉市江岸区', rooms: ['3F 机房'] });
    const contract = await createContract(this.deps, ctx, {
      customerId: customer.id,
      number: unique('WB-').toUpperCase(),
      name: '维保服务合同',
      serviceStart: '2026-01-01',
      serviceEnd: options.serviceEnd ?? '2027-12-31',
    });
    const asset = await createAsset(this.deps, ctx, {
      customerId: customer.id,
      serialNumber: unique('SN').toUpperCase(),
      vendor: 'Huawei',
      model: 'FusionServer 2288H V6',
      category: 'server',
      contractId: contract.id,
      siteId: site.id,
      warrantyEnd: options.warrantyEnd ?? null,
      firmwareVersion: 'iBMC 3.01',
    });
    return { customer, contact, person, site, contract, asset };
  }

  /** A fresh customer with one signed-in contact. */
  async customerWithContact() {
    const code = unique('C').toUpperCase();
    const customer = await createCustomer(this.deps, systemContext(), { code, name: `客户 ${code}` });
    const contact = await this.user(['customer_contact'], { customerId: customer.id });
    return { customer, contact };
  }
}

/** Gives a describe block a started harness over the engine's database. */
export function useHarness(getDatabase: () => Database, env: Record<string, string> = {}): () => Harness {
  let harness: Harness | undefined;
  beforeAll(async () => {
    harness = new Harness(getDatabase(), env);
    await harness.start();
  });
  afterAll(async () => {
    await harness?.close();
  });
  return () => {
    if (!harness) throw new Error('harness not started');
    return harness;
  };
}
