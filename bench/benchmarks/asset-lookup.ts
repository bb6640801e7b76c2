import { DEMO_PASSWORD } from '../../server/demo/demo.js';
import { CONNECTIONS, countAssets, describeSeed, seedAssets, seededRandom, seedOf, type AssetSeed } from '../asset-seed.js';
import type { BenchContext, HttpBenchmark, HttpTarget } from '../types.js';

/**
 * The hotline's entitlement lookup by serial number (R5): `GET /api/assets/lookup?serial=…` answers
 * the asset with its customer, contract, site and warranty state. Issue target: p95 under 5 ms
 * with 100,000 assets on both engines.
 */

const SIZES = { '100k': 100_000, '10k': 10_000 };

// The seed of the run in progress: `setup` makes it, `load` (same process, next step) uses it.
let seed: AssetSeed | null = null;

async function setup(ctx: BenchContext): Promise<void> {
  seed = null;
  seed = await seedAssets(ctx, ctx.size.n);
  process.stdout.write(`${describeSeed(seed)} … `);
}

interface LookupAnswer {
  items: { asset: { serialNumber: string } }[];
}

/** One request outside the measurement: the seeded data answers as expected. */
async function check(target: HttpTarget, cookie: string, path: string, expectItems: (n: number) => boolean): Promise<void> {
  const answer = (await target.fetchJson({ method: 'GET', path, headers: { cookie } })) as LookupAnswer;
  if (!expectItems(answer.items.length)) throw new Error(`GET ${path} answered ${answer.items.length} items`);
}

/**
 * Exact serial: nine in ten requests a random existing serial from a sample of 2,000 (one in five
 * typed in lower case, as agents do; the server normalises), one in ten a serial nobody has.
 * A staff user (engineer zhangwei): a customer contact's lookups would be scoped to one customer.
 */
export const serialLookupBenchmark: HttpBenchmark = {
  kind: 'http',
  name: 'serial-lookup',
  description: 'GET /api/assets/lookup?serial=EXACT (entitlement; 10 % misses)',
  sizes: SIZES,
  target: { p95MsMax: 5 },
  setup,
  rows: countAssets,
  async load(target) {
    const { serials, missingSerials } = seedOf(seed, 'serial-lookup');
    const cookie = await target.signIn('zhangwei', DEMO_PASSWORD);
    const path = (serial: string) => `/api/assets/lookup?serial=${encodeURIComponent(serial)}`;
    await check(target, cookie, path(serials[0]!), (n) => n >= 1);
    await check(target, cookie, path(serials[0]!.toLowerCase()), (n) => n >= 1);
    await check(target, cookie, path(missingSerials[0]!), (n) => n === 0);
    const rand = seededRandom(5);
    return {
      expectStatus: 200,
      connections: CONNECTIONS,
      request(seq) {
        if (seq % 10 === 9) return { method: 'GET', path: path(missingSerials[Math.floor(rand() * missingSerials.length)]!), headers: { cookie } };
        const serial = serials[Math.floor(rand() * serials.length)]!;
        return { method: 'GET', path: path(seq % 5 === 0 ? serial.toLowerCase() : serial), headers: { cookie } };
      },
    };
  },
};

/**
 * Serial prefix while an agent types: `GET /api/assets/lookup?prefix=…`, the first ten matches by
 * serial. The prefix is the first 3 to 8 characters of a random existing serial (short prefixes
 * such as "210" match tens of thousands of Huawei and H3C serials; long ones a single asset).
 */
export const serialPrefixBenchmark: HttpBenchmark = {
  kind: 'http',
  name: 'serial-prefix',
  description: 'GET /api/assets/lookup?prefix=ABC (first 10 by serial, while typing)',
  sizes: SIZES,
  target: { p95MsMax: 5 },
  setup,
  rows: countAssets,
  async load(target) {
    const { serials } = seedOf(seed, 'serial-prefix');
    const cookie = await target.signIn('zhangwei', DEMO_PASSWORD);
    const path = (prefix: string) => `/api/assets/lookup?prefix=${encodeURIComponent(prefix)}`;
    await check(target, cookie, path(serials[0]!.slice(0, 3)), (n) => n >= 1 && n <= 10);
    const rand = seededRandom(7);
    return {
      expectStatus: 200,
      connections: CONNECTIONS,
      request(seq) {
        const serial = serials[Math.floor(rand() * serials.length)]!;
        return { method: 'GET', path: path(serial.slice(0, 3 + (seq % 6))), headers: { cookie } };
      },
    };
  },
};
