import { DEMO_PASSWORD } from '../../server/demo/demo.js';
import { CONNECTIONS, countAssets, describeSeed, seedAssets, seededRandom, seedOf, type AssetSeed } from '../asset-seed.js';
import type { BenchContext, HttpBenchmark } from '../types.js';

/**
 * The asset list page: `GET /api/assets?…&limit=50`, one page of 50 rows under a filter. Issue
 * target: p95 under 20 ms with 100,000 assets on both engines.
 *
 * The requests rotate through five filters an agent or engineer uses, one in five each:
 *   1. one customer's assets (`customerId`), newest first;
 *   2. one customer's assets of one category (`customerId` + `category`);
 *   3. serial number prefix, four characters of an existing serial (`serial`);
 *   4. cover ending within 30 days (`expiringWithinDays=30`), soonest first;
 *   5. assets by status: under repair, on loan or retired (`status`).
 * Customers and serials are random (seeded data, 200 customers of very different sizes).
 */

// The seed of the run in progress: `setup` makes it, `load` (same process, next step) uses it.
let seed: AssetSeed | null = null;

const CATEGORIES = ['server', 'storage', 'network', 'security'];
const STATUSES = ['under_repair', 'on_loan', 'retired'];

export const FILTERS = ['customer', 'customer+category', 'serial-prefix', 'expiring-30d', 'status'] as const;

/** The query string of request `seq` (exported for ad-hoc per-filter measurements). */
export function listQuery(s: AssetSeed, seq: number, rand: () => number): string {
  const customerId = s.customerIds[Math.floor(rand() * s.customerIds.length)]!;
  const serial = s.serials[Math.floor(rand() * s.serials.length)]!;
  switch (seq % FILTERS.length) {
    case 0:
      return `customerId=${customerId}`;
    case 1:
      return `customerId=${customerId}&category=${CATEGORIES[Math.floor(seq / FILTERS.length) % CATEGORIES.length]}`;
    case 2:
      return `serial=${encodeURIComponent(serial.slice(0, 4))}`;
    case 3:
      return 'expiringWithinDays=30';
    default:
      return `status=${STATUSES[Math.floor(seq / FILTERS.length) % STATUSES.length]}`;
  }
}

export const assetListBenchmark: HttpBenchmark = {
  kind: 'http',
  name: 'asset-list',
  description: 'GET /api/assets?…&limit=50 (by customer, customer+category, serial prefix, expiring in 30 days, status)',
  sizes: { '100k': 100_000, '10k': 10_000 },
  target: { p95MsMax: 20 },
  async setup(ctx: BenchContext) {
    seed = null;
    seed = await seedAssets(ctx, ctx.size.n);
    process.stdout.write(`${describeSeed(seed)} … `);
  },
  rows: countAssets,
  async load(target) {
    const s = seedOf(seed, 'asset-list');
    // A staff user: a customer contact's list would be scoped to their own organisation.
    const cookie = await target.signIn('zhangwei', DEMO_PASSWORD);
    // Each filter finds rows in the seeded data (checked once, outside the measurement).
    const checkRand = seededRandom(11);
    for (let seq = 0; seq < FILTERS.length; seq++) {
      const query = listQuery(s, seq, checkRand);
      const page = (await target.fetchJson({ method: 'GET', path: `/api/assets?${query}&limit=50`, headers: { cookie } })) as { items: unknown[] };
      if (page.items.length === 0) throw new Error(`GET /api/assets?${query} found nothing`);
    }
    const rand = seededRandom(13);
    return {
      expectStatus: 200,
      connections: CONNECTIONS,
      request: (seq) => ({ method: 'GET', path: `/api/assets?${listQuery(s, seq, rand)}&limit=50`, headers: { cookie } }),
    };
  },
};
