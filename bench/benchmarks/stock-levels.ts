import { performance } from 'node:perf_hooks';
import { sql, type RawBuilder } from 'kysely';
import { DEMO_PASSWORD } from '../../server/demo/demo.js';
import { encodeCursor } from '../../server/http/pagination.js';
import { seededRandom } from '../asset-seed.js';
import type { BenchContext, HttpBenchmark, HttpTarget } from '../types.js';

/**
 * Stock levels (issue 7): `GET /api/stock?…` over 10,000 parts × 200 stores whose levels are
 * derived from a 5,000,000-row stock ledger (`--size 500k`: 1,000 parts, 500,000 rows, for a
 * quick run). Target: p95 under 50 ms on both engines.
 *
 * The requests, one in four each, as storekeeper huangli:
 *   1. a store's first page of 50 levels (`storeId`);
 *   2. a page of 50 deep inside a store (`storeId` + a cursor at a random part);
 *   3. one part across the 200 stores (`partId&limit=200`);
 *   4. a store's levels below their minimum (`storeId&belowMinimum=true`).
 *
 * Seeding bypasses the services, set-based: the parts, their models and the stores go in with
 * Kysely 500 rows to a statement; the ledger is one INSERT … SELECT over a number series
 * (generate_series on PostgreSQL, a recursive CTE on SQLite) — three passes over the 2,000,000
 * (part, store) pairs in a scrambled order (pair = g × 7919 mod pairs): a receipt for every pair,
 * then a reservation, an adjustment (−1, "stock count"), a faulty return, a scrapping or a
 * receipt, then receipts for half the pairs. The levels are then derived from the ledger itself
 * (`INSERT INTO stock_levels SELECT … SUM … GROUP BY part_id, store_id`) — exactly the sums the
 * server keeps — and one pair in ten gets a minimum. Then `ANALYZE`. The seed prints its times.
 *
 * On PostgreSQL, when the bench's role is a superuser, the seed's two big inserts run with
 * `session_replication_role = replica`, which skips the per-row foreign-key triggers (they double
 * the seed time); every id comes from the rows just inserted, and the largest ones are checked.
 */

const SIZES = { '5m': 5_000_000, '500k': 500_000 };
const STORES = 200;
const BATCH = 500;
/** Numbers written into the SQL as literals: PostgreSQL cannot type a bare parameter in a SELECT list. */
const lit = (value: number) => sql.lit(value);

const MODELS = [
  ['Huawei', 'FusionServer 2288H V6'],
  ['Huawei', 'OceanStor 5310'],
  ['Huawei', 'S5735-L48T4X'],
  ['H3C', 'UniServer R4900 G5'],
  ['H3C', 'S6850-56HF'],
  ['Dell', 'PowerEdge R750'],
  ['HPE', 'ProLiant DL380 Gen10'],
  ['Cisco', 'Catalyst 9300-48P'],
  ['Inspur', 'NF5280M6'],
  ['Lenovo', 'ThinkSystem SR650 V2'],
] as const;
const KINDS = ['1.2TB SAS 硬盘', '32GB DDR4 内存', '900W 电源模块', '风扇模块', '主板', 'RAID 卡', '10G SFP+ 光模块', '双口万兆网卡'];

interface StockSeed {
  parts: number;
  firstPart: number;
  storeIds: number[];
  ledgerRows: number;
  seconds: { catalogue: number; ledger: number; levels: number; minimums: number; analyze: number };
}

let seed: StockSeed | null = null;

async function insertBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

async function setup(ctx: BenchContext): Promise<void> {
  seed = null;
  const { db, engine } = ctx.deps;
  const n = ctx.size.n;
  const parts = n / 500;
  const pairs = parts * STORES;
  const now = ctx.deps.clock.now();
  const t0 = performance.now();
  // SQLite: a page cache large enough for the ledger's indexes while 5,000,000 rows go in.
  if (engine === 'sqlite') await sql`pragma cache_size = -1000000`.execute(db);

  const keeper = await db.selectFrom('users').select(['id', 'display_name']).where('username', '=', 'huangli').executeTakeFirstOrThrow();
  const sites = await db.selectFrom('sites').select(['id', 'customer_id']).orderBy('id').execute();
  await insertBatches(
    Array.from({ length: parts }, (_, i) => {
      const [vendor, model] = MODELS[i % MODELS.length]!;
      return {
        part_number: `BENCH-P${String(i).padStart(6, '0')}`,
        vendor,
        description: `${model} ${KINDS[Math.floor(i / MODELS.length) % KINDS.length]}`,
        unit: '个',
        serial_tracked: 0,
        created_at: now,
        updated_at: now,
      };
    }),
    (batch) => db.insertInto('parts').values(batch).execute(),
  );
  const partRows = await db.selectFrom('parts').select(['id', 'part_number']).where('part_number', 'like', 'BENCH-P%').orderBy('id').execute();
  const firstPart = partRows[0]!.id;
  if (partRows[partRows.length - 1]!.id !== firstPart + parts - 1) throw new Error('part ids are not consecutive');
  await insertBatches(
    partRows.map((p, i) => {
      const model = MODELS[i % MODELS.length]![1];
      return { part_id: p.id, model, model_key: model.toLowerCase() };
    }),
    (batch) => db.insertInto('part_models').values(batch).execute(),
  );
  // Ten central warehouses, the rest kept at the demo customers' sites.
  await insertBatches(
    Array.from({ length: STORES }, (_, i) => {
      const site = i >= 10 && sites.length > 0 ? sites[i % sites.length]! : null;
      return {
        name: `BENCH 备件库 ${String(i).padStart(3, '0')}`,
        kind: site ? 'site' : 'central',
        customer_id: site?.customer_id ?? null,
        site_id: site?.id ?? null,
        created_at: now,
        updated_at: now,
      };
    }),
    (batch) => db.insertInto('stores').values(batch).execute(),
  );
  const storeIds = (await db.selectFrom('stores').select('id').where('name', 'like', 'BENCH %').orderBy('id').execute()).map((s) => s.id);
  const firstStore = storeIds[0]!;
  if (storeIds[storeIds.length - 1] !== firstStore + STORES - 1) throw new Error('store ids are not consecutive');
  const t1 = performance.now();

  // The ledger: row g is pass g / pairs over pair (g × 7919) mod pairs (7919 is prime and divides
  // no pair count here, so each pass visits every pair once, in a scrambled order).
  // PostgreSQL checks each row's foreign keys with a trigger, which doubles the seed time; every id
  // here comes from rows just inserted (and is checked below), so a superuser seed skips them.
  const maySkipTriggers =
    engine === 'postgres' && (await sql<{ rolsuper: boolean }>`select rolsuper from pg_roles where rolname = current_user`.execute(db)).rows[0]?.rolsuper === true;
  const year = 365 * 86_400_000;
  const select = (series: RawBuilder<unknown>) => sql`
    select ${lit(now - year)} + x.g * ${lit(Math.floor(year / n))},
      case when x.pass = 1 then (case x.pair % 5 when 0 then 'reserve' when 1 then 'adjust' when 2 then 'return_faulty' when 3 then 'scrap' else 'receive' end) else 'receive' end,
      ${lit(firstPart)} + x.pair % ${lit(parts)}, ${lit(firstStore)} + x.pair / ${lit(parts)},
      case x.pass when 0 then 2 + x.pair % 9 when 1 then 1 else 1 + x.pair % 3 end,
      case x.pass when 0 then 2 + x.pair % 9 when 1 then (case x.pair % 5 when 1 then -1 when 3 then -1 when 4 then 1 else 0 end) else 1 + x.pair % 3 end,
      case when x.pass = 1 and x.pair % 5 = 0 then 1 else 0 end,
      case when x.pass = 1 and x.pair % 5 = 2 then 1 else 0 end,
      case when x.pass = 1 and x.pair % 5 = 1 then 'stock count' when x.pass = 1 and x.pair % 5 = 3 then '过保淘汰' else '' end,
      ${lit(keeper.id)}, ${sql.lit(keeper.display_name)}, 'seed-' || x.g
    from (select g, (g * 7919) % ${lit(pairs)} as pair, g / ${lit(pairs)} as pass from ${series}) as x`;
  const columns = sql.raw('at, kind, part_id, store_id, qty, qty_delta_on_hand, qty_delta_reserved, qty_delta_faulty, reason, actor_user_id, actor_name, batch_id');
  await db.transaction().execute(async (trx) => {
    if (engine === 'postgres') {
      if (maySkipTriggers) await sql`set local session_replication_role = replica`.execute(trx);
      await sql`insert into stock_ledger (${columns}) ${select(sql`generate_series(0::bigint, ${lit(n - 1)}::bigint) as g`)}`.execute(trx);
    } else {
      await sql`with recursive seq(g) as (select 0 union all select g + 1 from seq where g < ${lit(n - 1)})
        insert into stock_ledger (${columns}) ${select(sql`seq`)}`.execute(trx);
    }
  });
  // Ids are firstPart + (pair mod parts) and firstStore + (pair div parts), so never below the
  // first; the largest ones (read from the indexes) must be the last seeded part and store.
  const bounds = await db.selectFrom('stock_ledger').select((eb) => [eb.fn.max('part_id').as('part'), eb.fn.max('store_id').as('store')]).executeTakeFirstOrThrow();
  if (Number(bounds.part) !== firstPart + parts - 1 || Number(bounds.store) !== firstStore + STORES - 1) {
    throw new Error(`the seeded ledger points past the seeded parts and stores: ${JSON.stringify(bounds)}`);
  }
  const t2 = performance.now();
  // The levels are the ledger's sums, as the server keeps them.
  await db.transaction().execute(async (trx) => {
    if (engine === 'postgres') await sql`set local work_mem = '256MB'`.execute(trx);
    if (maySkipTriggers) await sql`set local session_replication_role = replica`.execute(trx);
    await sql`insert into stock_levels (part_id, store_id, on_hand, reserved, faulty)
      select part_id, store_id, sum(qty_delta_on_hand), sum(qty_delta_reserved), sum(qty_delta_faulty)
      from stock_ledger where part_id >= ${lit(firstPart)} group by part_id, store_id`.execute(trx);
  });
  const t3 = performance.now();
  // Only the seeded parts: the demo company's spare parts already have levels and minimums of their own.
  await sql`insert into store_minimums (store_id, part_id, min_qty, updated_at)
    select store_id, part_id, 3 + part_id % 5, ${lit(now)} from stock_levels
    where part_id >= ${lit(firstPart)} and (part_id * 31 + store_id) % 10 = 0`.execute(db);
  const t4 = performance.now();
  await sql`analyze`.execute(db);
  const t5 = performance.now();
  seed = {
    parts,
    firstPart,
    storeIds,
    ledgerRows: n,
    seconds: { catalogue: (t1 - t0) / 1000, ledger: (t2 - t1) / 1000, levels: (t3 - t2) / 1000, minimums: (t4 - t3) / 1000, analyze: (t5 - t4) / 1000 },
  };
  const s = seed.seconds;
  const total = s.catalogue + s.ledger + s.levels + s.minimums + s.analyze;
  process.stdout.write(
    `seeded ${parts.toLocaleString('en-US')} parts × ${STORES} stores, ${n.toLocaleString('en-US')} ledger rows in ${total.toFixed(1)} s ` +
      `(ledger ${s.ledger.toFixed(1)} s, levels ${s.levels.toFixed(1)} s, minimums ${s.minimums.toFixed(1)} s, ANALYZE ${s.analyze.toFixed(1)} s) … `,
  );
}

function seedOf(): StockSeed {
  if (!seed) throw new Error('stock-levels: setup did not run');
  return seed;
}

export const STOCK_QUERIES = ['store-page', 'store-deep-page', 'part-across-stores', 'store-below-minimum'] as const;

/** The path of request `seq`. */
export function stockPath(s: StockSeed, seq: number, rand: () => number): string {
  const store = s.storeIds[Math.floor(rand() * s.storeIds.length)]!;
  const part = s.firstPart + Math.floor(rand() * s.parts);
  switch (seq % STOCK_QUERIES.length) {
    case 0:
      return `/api/stock?storeId=${store}&limit=50`;
    case 1:
      return `/api/stock?storeId=${store}&limit=50&cursor=${encodeCursor([store, part])}`;
    case 2:
      return `/api/stock?partId=${part}&limit=200`;
    default:
      return `/api/stock?storeId=${store}&belowMinimum=true&limit=50`;
  }
}

async function check(target: HttpTarget, cookie: string, path: string, want: (items: unknown[]) => boolean): Promise<void> {
  const page = (await target.fetchJson({ method: 'GET', path, headers: { cookie } })) as { items: unknown[] };
  if (!want(page.items)) throw new Error(`GET ${path} answered ${page.items.length} levels`);
}

export const stockLevelsBenchmark: HttpBenchmark = {
  kind: 'http',
  name: 'stock-levels',
  description: 'GET /api/stock?… (a store’s page, a deep page, a part across 200 stores, below minimum) over a 5,000,000-row ledger',
  sizes: SIZES,
  target: { p95MsMax: 50 },
  setup,
  rows: async (ctx) => Number((await ctx.deps.db.selectFrom('stock_ledger').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n),
  async load(target) {
    const s = seedOf();
    const cookie = await target.signIn('huangli', DEMO_PASSWORD);
    // Each kind answers with rows: full pages, every store for a part, some below minimum.
    const store = s.storeIds[0]!;
    await check(target, cookie, `/api/stock?storeId=${store}&limit=50`, (items) => items.length === 50);
    await check(target, cookie, `/api/stock?partId=${s.firstPart}&limit=200`, (items) => items.length === STORES);
    await check(target, cookie, `/api/stock?storeId=${store}&belowMinimum=true&limit=50`, (items) => items.length > 0);
    const rand = seededRandom(29);
    return {
      expectStatus: 200,
      connections: 1,
      request: (seq) => ({ method: 'GET', path: stockPath(s, seq, rand), headers: { cookie } }),
    };
  },
};
