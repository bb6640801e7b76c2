/**
 * The asset registry at benchmark size, shared by the asset benchmarks (`serial-lookup`,
 * `serial-prefix`, `asset-list`): customers, their contracts and sites, and `n` assets with
 * realistic vendor serial formats, models, statuses, warranty and contract ends around today.
 *
 * The rows are inserted directly with Kysely, 500 to a statement inside one transaction, not
 * through `createAsset`: registering 100,000 assets one by one (a transaction, a history row and
 * an audit row each) would take minutes, and these benchmarks measure reads. The rows hold what the
 * services would have written — serial upper-cased and trimmed, `vendor_key` = lower(vendor),
 * `coverage_end` = the later of the asset's warranty end and its contract's warranty and service
 * ends (`coverageEnd` in server/domains/assets/warranty.ts) — and the server's own code answers
 * every measured request. History rows (`asset_changes`) are left out: nothing measured reads them.
 *
 * The data is the same on both engines (a seeded generator), and `ANALYZE` runs afterwards so the
 * planners know the table sizes, as they would on a database that has been in use.
 */
import { performance } from 'node:perf_hooks';
import { sql, type Insertable } from 'kysely';
import type { Executor } from '../server/db/database.js';
import type { AssetsTable, ContractsTable, SitesTable } from '../server/db/schema.js';
import { addDays, dayIn } from '../server/shared/dates.js';
import { coverageEnd } from '../server/domains/assets/warranty.js';
import type { BenchContext } from './types.js';

/** What the benchmarks need to build realistic requests against the seeded data. */
export interface AssetSeed {
  /** Ids of the seeded customers (the demo company's four are not among them). */
  customerIds: number[];
  /** A random sample of existing serial numbers (as stored: upper case). */
  serials: string[];
  /** Serial numbers in the same formats that no asset has: lookups that find nothing. */
  missingSerials: string[];
  counts: { customers: number; contracts: number; sites: number; assets: number };
  /** Wall time of the inserts and of ANALYZE, in seconds. */
  insertSeconds: number;
  analyzeSeconds: number;
}

/**
 * The asset benchmarks' default connections: one request in flight at a time (a closed loop, so still hundreds per second, far above a
 * hotline's peak): the targets are response times an agent sees, not saturation figures. With the
 * harness default of 16 connections the p95 is mostly queueing — on a 2-core machine even `get-me`
 * is above 5 ms there on PostgreSQL. `--connections 16` shows that view.
 */
export const CONNECTIONS = 1;

const CUSTOMERS = 200;
const CONTRACTS_PER_CUSTOMER = 2;
const SAMPLE_SERIALS = 2_000;
const MISSING_SERIALS = 500;
const BATCH = 500;

/** mulberry32: a small seeded generator, so both engines get the same data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const DIGITS = '0123456789';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const ALNUM = DIGITS + UPPER;

type Category = 'server' | 'storage' | 'network' | 'security' | 'software' | 'other';

interface Product {
  vendor: string;
  model: string;
  category: Category;
  firmware: string;
  software: string;
  /** Share of the installed base, relative. */
  weight: number;
}

/** Serial number formats as the vendors print them (shape only; the characters are random). */
const SERIAL_FORMATS: Record<string, (pick: (chars: string, n: number) => string) => string> = {
  // 20 characters: 2102 + item code + 10 + year/month + sequence, e.g. 2102351BTK10J6000045
  Huawei: (p) => `2102${p(DIGITS, 3)}${p(ALNUM, 3)}10${p(UPPER, 1)}${p(DIGITS, 7)}`,
  // H3C: 210235A + 13, e.g. 210235A1JBH175000123
  H3C: (p) => `210235A${p(ALNUM, 4)}${p(DIGITS, 3)}${p(DIGITS, 6)}`,
  // Dell service tag: 7 characters, e.g. 7XK2M93
  Dell: (p) => p(ALNUM, 7),
  // HPE: CZJ/SGH/CN7 + 7, e.g. CZJ8250G5M
  HPE: (p) => `${['CZJ', 'SGH', 'CN7'][Number(p(DIGITS, 1)) % 3]}${p(DIGITS, 4)}${p(ALNUM, 3)}`,
  // Lenovo: J30 + 5, e.g. J300ABCD
  Lenovo: (p) => `J30${p(ALNUM, 5)}`,
  // Cisco: FOC/FDO/JAE + year week + 4, e.g. FOC2231X0AB
  Cisco: (p) => `${['FOC', 'FDO', 'JAE'][Number(p(DIGITS, 1)) % 3]}${p(DIGITS, 4)}${p(ALNUM, 4)}`,
  // Inspur: 12 digits, e.g. 218090316512
  Inspur: (p) => `21${p(DIGITS, 10)}`,
  // Ruijie: G1 + 11, e.g. G1MQ3KX000123
  Ruijie: (p) => `G1${p(ALNUM, 4)}${p(DIGITS, 7)}`,
  // Sangfor appliances: 10 digits after a letter, e.g. S0123456789
  Sangfor: (p) => `S${p(DIGITS, 10)}`,
  // APC UPS: 2 letters + 10 digits, e.g. AS1234567890
  APC: (p) => `AS${p(DIGITS, 10)}`,
  // VMware licence keys as the "serial" of a software asset: 5 groups of 5
  VMware: (p) => `${p(ALNUM, 5)}-${p(ALNUM, 5)}-${p(ALNUM, 5)}-${p(ALNUM, 5)}-${p(ALNUM, 5)}`,
};

const PRODUCTS: Product[] = [
  { vendor: 'Huawei', model: 'FusionServer 2288H V5', category: 'server', firmware: 'iBMC 3.01.12.39', software: '', weight: 9 },
  { vendor: 'Huawei', model: 'OceanStor 5310 V5', category: 'storage', firmware: 'V500R007C71SPC100', software: '', weight: 3 },
  { vendor: 'Huawei', model: 'CloudEngine S5735-L48T4S-A', category: 'network', firmware: 'V200R021C10SPC600', software: '', weight: 8 },
  { vendor: 'Huawei', model: 'USG6555E', category: 'security', firmware: 'V600R007C20SPC600', software: '', weight: 2 },
  { vendor: 'H3C', model: 'S6520X-30QC-EI', category: 'network', firmware: 'Comware 7.1.070 R6628P06', software: '', weight: 6 },
  { vendor: 'H3C', model: 'UniServer R4900 G3', category: 'server', firmware: 'HDM 2.89', software: '', weight: 5 },
  { vendor: 'H3C', model: 'SecPath F1000-AK135', category: 'security', firmware: 'R9345P15', software: '', weight: 2 },
  { vendor: 'Dell', model: 'PowerEdge R740', category: 'server', firmware: 'iDRAC 6.10.30.00', software: '', weight: 7 },
  { vendor: 'Dell', model: 'PowerEdge R750xs', category: 'server', firmware: 'iDRAC 7.00.00.171', software: '', weight: 4 },
  { vendor: 'Dell', model: 'PowerVault ME4024', category: 'storage', firmware: 'G280R010-01', software: '', weight: 2 },
  { vendor: 'HPE', model: 'ProLiant DL380 Gen10', category: 'server', firmware: 'iLO 5 2.81', software: '', weight: 5 },
  { vendor: 'HPE', model: 'MSA 2060 SAN', category: 'storage', firmware: 'IN110R004', software: '', weight: 1 },
  { vendor: 'Lenovo', model: 'ThinkSystem SR650', category: 'server', firmware: 'XCC 8.41', software: '', weight: 4 },
  { vendor: 'Cisco', model: 'Catalyst 9300-48P', category: 'network', firmware: 'IOS-XE 17.9.4a', software: '', weight: 4 },
  { vendor: 'Cisco', model: 'ASA 5516-X', category: 'security', firmware: '9.16(4)', software: '', weight: 1 },
  { vendor: 'Inspur', model: 'NF5280M6', category: 'server', firmware: 'BMC 4.28.0', software: '', weight: 5 },
  { vendor: 'Inspur', model: 'AS5300G5', category: 'storage', firmware: 'V5.3.1', software: '', weight: 1 },
  { vendor: 'Ruijie', model: 'RG-S5750C-28GT4XS-H', category: 'network', firmware: 'RGOS 11.4(1)B12P8', software: '', weight: 4 },
  { vendor: 'Sangfor', model: 'AF-1000-B1350', category: 'security', firmware: 'AF 8.0.85', software: '', weight: 2 },
  { vendor: 'APC', model: 'Smart-UPS SRT 6000VA', category: 'other', firmware: 'UPS 15.5', software: '', weight: 2 },
  { vendor: 'VMware', model: 'vSphere 7 Enterprise Plus', category: 'software', firmware: '', software: '7.0 U3n', weight: 1 },
];

const CITIES = ['武汉', '襄阳', '宜昌', '荆州', '黄石', '十堰', '孝感', '荆门', '鄂州', '黄冈', '咸宁', '随州', '恩施', '长沙', '南昌', '郑州', '合肥', '成都', '重庆', '西安'];
const ORGS: { name: string; industry: string }[] = [
  { name: '市第一人民医院信息科', industry: '医疗' },
  { name: '市中心医院网络中心', industry: '医疗' },
  { name: '市自来水公司', industry: '水务' },
  { name: '职业技术学院网络中心', industry: '教育' },
  { name: '市不动产登记中心', industry: '政府' },
  { name: '农村商业银行科技部', industry: '金融' },
  { name: '市税务局信息中心', industry: '政府' },
  { name: '市公安局科技信息化科', industry: '政府' },
  { name: '供电公司信息通信分公司', industry: '能源' },
  { name: '物流园区管理有限公司', industry: '物流' },
];
const SITE_NAMES = ['主数据中心', '灾备中心', '东区机房'];
const ROOMS = ['1号机房', '2号机房', '网络间'];
const STATUSES: [string, number][] = [
  ['in_service', 88],
  ['under_repair', 4],
  ['on_loan', 2],
  ['retired', 6],
];

function weighted<T>(items: T[], weight: (t: T) => number, rand: () => number): () => T {
  const total = items.reduce((s, t) => s + weight(t), 0);
  return () => {
    let x = rand() * total;
    for (const t of items) {
      x -= weight(t);
      if (x < 0) return t;
    }
    return items[items.length - 1]!;
  };
}

async function insertBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

/** Seeds `n` assets (and 200 customers with their contracts and sites) into the bench database. */
export async function seedAssets(ctx: BenchContext, n: number): Promise<AssetSeed> {
  const rand = seededRandom(20261124);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = (chars: string, count: number) => {
    let s = '';
    for (let i = 0; i < count; i++) s += chars[Math.floor(rand() * chars.length)];
    return s;
  };
  const today = dayIn(ctx.deps.clock.now(), ctx.deps.config.timeZone);
  const now = ctx.deps.clock.now();
  const started = performance.now();

  // ---- customers ----
  const customerRows = Array.from({ length: CUSTOMERS }, (_, i) => {
    const city = CITIES[i % CITIES.length]!;
    const org = ORGS[Math.floor(i / CITIES.length) % ORGS.length]!;
    return {
      code: `BM${String(i + 1).padStart(4, '0')}`,
      name: `${city}${org.name}`,
      industry: org.industry,
      address: `${city}市${['江汉', '武昌', '洪山', '高新', '经开'][i % 5]}区${int(1, 999)}号`,
      phone: `027${int(10_000_000, 99_999_999)}`,
      notes: '',
      created_at: now - (CUSTOMERS - i) * 86_400_000,
      updated_at: now - (CUSTOMERS - i) * 86_400_000,
    };
  });

  const seed = await ctx.deps.db.transaction().execute(async (trx: Executor): Promise<AssetSeed> => {
    const customers = await trx.insertInto('customers').values(customerRows).returning(['id', 'code']).execute();
    const customerIdByCode = new Map(customers.map((c) => [c.code, c.id]));
    const customerIds = customerRows.map((c) => customerIdByCode.get(c.code)!);

    // ---- contracts: two per customer, service ends spread from ~13 months ago to ~30 months ahead ----
    const contractRows: Insertable<ContractsTable>[] = [];
    customerIds.forEach((customerId, ci) => {
      for (let k = 0; k < CONTRACTS_PER_CUSTOMER; k++) {
        const serviceEnd = addDays(today, int(-400, 900));
        const years = int(1, 3);
        const serviceStart = addDays(serviceEnd, -365 * years + 1);
        // About a third came with the hardware: a warranty period (质保期) of three years.
        const withWarranty = rand() < 0.35;
        const year = serviceStart.slice(0, 4);
        contractRows.push({
          customer_id: customerId,
          // BM-: apart from the demo company's WB- numbers (contract numbers are unique).
          number: `BM-${year}-${String(ci * CONTRACTS_PER_CUSTOMER + k + 1).padStart(4, '0')}`,
          name: `${customerRows[ci]!.name} ${year}年度设备维保服务合同`,
          service_start: serviceStart,
          service_end: serviceEnd,
          warranty_start: withWarranty ? serviceStart : null,
          warranty_end: withWarranty ? addDays(serviceStart, 3 * 365) : null,
          coverage: rand() < 0.7 ? '7x24' : 'business_hours',
          clock_policy: 'default',
          inspection_frequency: ['quarterly', 'semiannual', 'monthly', 'annual'][int(0, 3)]!,
          inspection_content: '',
          spares_on_site: rand() < 0.2 ? 1 : 0,
          handed_over_on: serviceStart,
          owner_engineer_id: null,
          notes: '',
          created_at: now,
          updated_at: now,
        });
      }
    });
    const contracts: { id: number; customer_id: number; service_end: string; warranty_end: string | null }[] = [];
    await insertBatches(contractRows, async (batch) => {
      contracts.push(...(await trx.insertInto('contracts').values(batch).returning(['id', 'customer_id', 'service_end', 'warranty_end']).execute()));
    });
    const contractsOf = new Map<number, typeof contracts>();
    for (const c of contracts) contractsOf.set(c.customer_id, [...(contractsOf.get(c.customer_id) ?? []), c]);

    // ---- sites: one to three per customer ----
    const siteRows: Insertable<SitesTable>[] = [];
    customerIds.forEach((customerId, ci) => {
      for (let k = 0; k <= ci % 3; k++) {
        siteRows.push({
          customer_id: customerId,
          name: SITE_NAMES[k]!,
          address: `${customerRows[ci]!.address}${k === 0 ? '' : `(${SITE_NAMES[k]})`}`,
          rooms_json: JSON.stringify(ROOMS.slice(0, int(1, 3))),
          notes: '',
          created_at: now,
          updated_at: now,
        });
      }
    });
    const sites: { id: number; customer_id: number }[] = [];
    await insertBatches(siteRows, async (batch) => {
      sites.push(...(await trx.insertInto('sites').values(batch).returning(['id', 'customer_id']).execute()));
    });
    const sitesOf = new Map<number, number[]>();
    for (const s of sites) sitesOf.set(s.customer_id, [...(sitesOf.get(s.customer_id) ?? []), s.id]);

    // ---- assets ----
    const product = weighted(PRODUCTS, (p) => p.weight, rand);
    const status = weighted(STATUSES, ([, w]) => w, rand);
    // Serials are unique per vendor; here unique outright, so a "missing" serial is missing for
    // every vendor. The demo company's own assets are already there.
    const existing = await trx.selectFrom('assets').select('serial_number').execute();
    const taken = new Set<string>(existing.map((a) => a.serial_number));
    const serialFor = (vendor: string) => {
      const format = SERIAL_FORMATS[vendor]!;
      for (;;) {
        const serial = format(pick);
        if (!taken.has(serial)) {
          taken.add(serial);
          return serial;
        }
      }
    };
    const allSerials: string[] = new Array<string>(n);
    let batch: Insertable<AssetsTable>[] = [];
    const firstCreated = now - n * 60_000;
    for (let j = 0; j < n; j++) {
      // A few large customers and many small ones: customer i gets a share ∝ 1/√i.
      const ci = Math.min(CUSTOMERS - 1, Math.floor(CUSTOMERS * rand() ** 2));
      const customerId = customerIds[ci]!;
      const code = customerRows[ci]!.code.toLowerCase();
      const p = product();
      const serial = serialFor(p.vendor);
      allSerials[j] = serial;
      const ownContracts = contractsOf.get(customerId) ?? [];
      const contract = rand() < 0.85 && ownContracts.length > 0 ? ownContracts[int(0, ownContracts.length - 1)]! : null;
      const ownSites = sitesOf.get(customerId) ?? [];
      const siteId = rand() < 0.92 && ownSites.length > 0 ? ownSites[int(0, ownSites.length - 1)]! : null;
      const installDate = p.category === 'software' || rand() < 0.05 ? null : addDays(today, -int(0, 8 * 365));
      const warrantyEnd = installDate && rand() < 0.9 ? addDays(installDate, (rand() < 0.6 ? 3 : 5) * 365) : null;
      const created = firstCreated + j * 60_000;
      batch.push({
        customer_id: customerId,
        contract_id: contract?.id ?? null,
        site_id: siteId,
        parent_id: null,
        serial_number: serial,
        vendor: p.vendor,
        vendor_key: p.vendor.toLowerCase(),
        model: p.model,
        category: p.category,
        room: siteId === null ? '' : ROOMS[int(0, 1)]!,
        rack: siteId === null ? '' : `${'ABCDEF'[int(0, 5)]}${String(int(1, 20)).padStart(2, '0')}`,
        unit: siteId === null ? '' : `U${int(1, 40)}`,
        software_version: p.software,
        firmware_version: p.firmware,
        ip_address: p.category === 'software' ? '' : `10.${ci % 256}.${(j >> 8) & 255}.${j & 255}`,
        hostname: `${code}-${p.category.slice(0, 3)}-${String(j).padStart(6, '0')}`,
        install_date: installDate,
        warranty_end: warrantyEnd,
        coverage_end: coverageEnd({
          assetWarrantyEnd: warrantyEnd,
          contract: contract ? { warrantyEnd: contract.warranty_end, serviceEnd: contract.service_end } : null,
        }),
        warranty_card_no: warrantyEnd && rand() < 0.5 ? `WC${pick(DIGITS, 10)}` : '',
        status: status()[0],
        custom_fields_json: rand() < 0.3 ? JSON.stringify({ 资产编号: `ZC-${installDate?.slice(0, 4) ?? '2020'}-${String(j).padStart(6, '0')}` }) : '{}',
        notes: '',
        created_at: created,
        updated_at: created,
      });
      if (batch.length === BATCH) {
        await trx.insertInto('assets').values(batch).execute();
        batch = [];
      }
    }
    if (batch.length > 0) await trx.insertInto('assets').values(batch).execute();

    const sample: string[] = [];
    for (let i = 0; i < Math.min(SAMPLE_SERIALS, n); i++) sample.push(allSerials[int(0, n - 1)]!);
    const missing: string[] = [];
    while (missing.length < MISSING_SERIALS) {
      const vendor = PRODUCTS[int(0, PRODUCTS.length - 1)]!.vendor;
      const serial = SERIAL_FORMATS[vendor]!(pick);
      if (!taken.has(serial)) {
        taken.add(serial);
        missing.push(serial);
      }
    }
    return {
      customerIds,
      serials: sample,
      missingSerials: missing,
      counts: { customers: customerIds.length, contracts: contracts.length, sites: sites.length, assets: n },
      insertSeconds: 0,
      analyzeSeconds: 0,
    };
  });
  const inserted = performance.now();
  await sql`analyze`.execute(ctx.deps.db);
  const analyzed = performance.now();
  seed.insertSeconds = (inserted - started) / 1000;
  seed.analyzeSeconds = (analyzed - inserted) / 1000;
  return seed;
}

/** The rows column of the asset benchmarks: how many assets there are. */
export async function countAssets(ctx: BenchContext): Promise<number> {
  const row = await ctx.deps.db.selectFrom('assets').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One line for the progress output, e.g. "seeded 100,000 assets in 6.1 s + ANALYZE 0.4 s". */
export function describeSeed(seed: AssetSeed): string {
  return `seeded ${seed.counts.assets.toLocaleString('en-US')} assets in ${seed.insertSeconds.toFixed(1)} s + ANALYZE ${seed.analyzeSeconds.toFixed(1)} s`;
}

/** The seed `setup` made for the run in progress, for `load` (the next step, same process). */
export function seedOf(seed: AssetSeed | null, benchmark: string): AssetSeed {
  if (!seed) throw new Error(`${benchmark}: setup did not run`);
  return seed;
}
