import { ManualClock } from '../clock.js';
import type { Deps } from '../deps.js';
import { systemContext, type RequestContext } from '../http/actor.js';
import { listAssets } from '../domains/assets/asset.service.js';
import { listContracts } from '../domains/contracts/contract.service.js';
import { listMyDispatches } from '../domains/field/dispatch.service.js';
import type { DispatchDto } from '../domains/field/field.schemas.js';
import { createPart, createStore } from '../domains/parts/catalogue.service.js';
import { moveDispatchParts } from '../domains/parts/dispatch-parts.service.js';
import { listLoans } from '../domains/parts/loan.service.js';
import { listRmas } from '../domains/parts/rma.service.js';
import { listLevels, listUnits } from '../domains/parts/stock-query.service.js';
import { adjustStock, countStock, receiveStock, setMinimum, transferStock } from '../domains/parts/stock.service.js';
import { listSites } from '../domains/sites/site.service.js';
import { contextOf, type DemoPersonRef } from './demo-actors.js';
import { ADJUSTMENTS, DEMO_PARTS, DEMO_STORES, MINIMUM_CHANGES, REPLENISHMENTS, STOCK_COUNT, TOP_UPS, type DemoPartSpec, type PartKind, type StoreKey } from './demo-parts-catalogue.js';
import { isModel, PartCases, type PartsWorld, type StoredPart } from './demo-parts-cases.js';
import type { DemoVendorRef } from './demo-vendors.js';
import { SeededRandom } from './random.js';

/**
 * The demo's spare parts (issue 7), loaded after the tickets and their field service and through
 * the services, on a clock set to each moment: the catalogue, the stores, half a year of stock
 * history (opening stock, transfers to the on-site stores, goods in, corrections, a stock count),
 * failed parts the demo's visits took out sent to their vendors (RMA), and loaners standing in for
 * customers' servers (demo-parts-cases.ts). The ledger, levels, units, timelines and audit are the
 * services' own.
 */

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** The parts a dispatcher reserves for a visit still to come. */
const RESERVED_KINDS: readonly PartKind[] = ['disk', 'psu', 'memory'];

/** Who the parts demo acts as, and what it links to. */
export interface PartsCast {
  storekeeper: DemoPersonRef;
  dispatcher: DemoPersonRef;
  engineers: DemoPersonRef[];
  /** Vendors on file by the `vendor` written on assets and parts. */
  vendors: Map<string, DemoVendorRef>;
  customerIds: Map<string, number>;
}

/** What the parts demo produced. */
export interface DemoPartsCounts {
  parts: number;
  stores: number;
  receipts: number;
  transfers: number;
  adjustments: number;
  stockCounts: number;
  belowMinimum: number;
  rmas: number;
  rmasOpen: number;
  rmasOverdue: number;
  loans: number;
  loansOpen: number;
  reservations: number;
}

/** One movement of the history, run in time order on the demo's clock. */
interface Step {
  at: number;
  run: () => Promise<void>;
}

/**
 * Loads the parts demo. Deterministic: one seeded random stream, and the demo's visits taken in
 * the order of their times (their ids may differ between engines).
 */
export async function loadDemoParts(deps: Deps, cast: PartsCast, seed: number): Promise<DemoPartsCounts> {
  const random = new SeededRandom(seed);
  const clock = new ManualClock();
  const d: Deps = { ...deps, clock, live: undefined };
  const now = deps.clock.now();
  const keeper = contextOf(cast.storekeeper);
  const counts: DemoPartsCounts = { parts: 0, stores: 0, receipts: 0, transfers: 0, adjustments: 0, stockCounts: 0, belowMinimum: 0, rmas: 0, rmasOpen: 0, rmasOverdue: 0, loans: 0, loansOpen: 0, reservations: 0 };

  // The demo company works in Wuhan (UTC+8): its storekeeper moves stock in working hours there.
  const midnight = Math.floor((now + 8 * HOUR) / DAY) * DAY - 8 * HOUR;
  const workday = (daysAgo: number) => midnight - daysAgo * DAY + 9 * HOUR + random.int(0, 8 * 60) * MINUTE;
  const afterDays = (ms: number, days: number) => Math.max(ms + 20 * MINUTE, Math.floor((ms + 8 * HOUR) / DAY) * DAY - 8 * HOUR + days * DAY + 9 * HOUR + random.int(0, 8 * 60) * MINUTE);

  // Serials are unique per part: a receipt of a serial already recorded is refused.
  const taken = new Set<string>();
  const serialOf = (spec: DemoPartSpec): string => {
    for (;;) {
      const serial = spec.serial!(random);
      if (!taken.has(`${spec.partNumber}:${serial}`)) {
        taken.add(`${spec.partNumber}:${serial}`);
        return serial;
      }
    }
  };

  // The catalogue and the stores, opened half a year ago.
  clock.set(workday(186));
  const parts = new Map<string, StoredPart>();
  for (const spec of DEMO_PARTS) {
    const part = await createPart(d, keeper, { partNumber: spec.partNumber, vendor: spec.vendor, description: spec.description, models: [...spec.models], unit: spec.unit, serialTracked: spec.serial !== null, ...(spec.notes && { notes: spec.notes }) });
    parts.set(spec.partNumber, { id: part.id, spec });
    counts.parts++;
  }
  clock.set(workday(185));
  const stores = new Map<StoreKey, number>();
  const storeOfCustomer = new Map<number, number>();
  for (const s of DEMO_STORES) {
    const customerId = s.customer ? cast.customerIds.get(s.customer)! : undefined;
    const siteId = customerId && s.site ? (await listSites(d, keeper, { customerId, limit: 50 })).items.find((x) => x.name === s.site)?.id : undefined;
    const contractId = customerId && s.contractSeq ? (await listContracts(d, keeper, { customerId, limit: 50 })).items.find((c) => c.number.endsWith(`-${s.contractSeq}`))?.id : undefined;
    const store = await createStore(d, keeper, { name: s.name, kind: s.kind, notes: s.notes, ...(customerId && { customerId }), ...(siteId && { siteId }), ...(contractId && { contractId }) });
    stores.set(s.key, store.id);
    if (customerId) storeOfCustomer.set(customerId, store.id);
    counts.stores++;
  }
  const central = stores.get('central')!;

  // The end-to-end journeys open faults on WHSY's newest server and storage device and check their
  // clocks and the hotline's spare-on-site tag: its on-site store keeps no spare fitting those
  // models, and no case or loaner touches those devices.
  const whsy = cast.customerIds.get('WHSY')!;
  const journeyModels = new Set<string>();
  const journeyAssetIds = new Set<number>();
  for (const category of ['server', 'storage'] as const) {
    const newest = (await listAssets(d, keeper, { customerId: whsy, category, limit: 1 })).items[0];
    if (newest) {
      journeyModels.add(newest.model);
      journeyAssetIds.add(newest.id);
    }
  }
  const fitsJourney = (spec: DemoPartSpec) => spec.models.some((m) => journeyModels.has(m));

  const steps: Step[] = [];
  const at = (when: number, run: () => Promise<void>) => steps.push({ at: when, run });
  const id = (partNumber: string) => parts.get(partNumber)!.id;

  const receive = (when: number, partNumber: string, qty: number, reason: string) => {
    const spec = parts.get(partNumber)!.spec;
    const serials = spec.serial ? Array.from({ length: qty }, () => serialOf(spec)) : undefined;
    at(when, async () => {
      await receiveStock(d, keeper, { storeId: central, partId: id(partNumber), qty, reason, ...(serials && { serials }) });
      counts.receipts++;
    });
  };
  const transfer = (when: number, partNumber: string, to: StoreKey, qty: number, reason: string) =>
    at(when, async () => {
      await transferStock(d, keeper, { fromStoreId: central, toStoreId: stores.get(to)!, partId: id(partNumber), qty, reason });
      counts.transfers++;
    });
  const minimum = (when: number, store: StoreKey, partNumber: string, minQty: number) => at(when, async () => void (await setMinimum(d, keeper, stores.get(store)!, id(partNumber), minQty)));

  // Opening stock at the central warehouse, its minimums, then each customer's store stocked from it.
  for (const spec of DEMO_PARTS) receive(workday(random.int(176, 179)), spec.partNumber, spec.central[0], spec.kind === 'loaner' ? '备用机入库(整机,已完成出厂检测)' : `期初入库 ${spec.vendor} 备件`);
  const minimumsAt = workday(175);
  for (const spec of DEMO_PARTS) if (spec.central[1] > 0) minimum(minimumsAt, 'central', spec.partNumber, spec.central[1]);
  for (const [n, s] of DEMO_STORES.filter((x) => x.key !== 'central').entries()) {
    const when = workday(172 - n * 2);
    const stocked = Object.entries(s.stock).filter(([partNumber]) => s.key !== 'whsy' || !fitsJourney(parts.get(partNumber)!.spec));
    for (const [partNumber, [qty]] of stocked) transfer(when, partNumber, s.key, qty, `${s.name}首批现场备件`);
    const minimumAt = when + 2 * HOUR;
    for (const [partNumber, [, minQty]] of stocked) minimum(minimumAt, s.key, partNumber, minQty);
  }

  // Goods in, top-ups, corrections, a raised minimum and the project store's stock count.
  for (const [daysAgo, partNumber, qty, order] of REPLENISHMENTS) receive(workday(daysAgo), partNumber, qty, `采购入库 ${order}`);
  for (const [daysAgo, partNumber, store, qty] of TOP_UPS) {
    if (store === 'whsy' && fitsJourney(parts.get(partNumber)!.spec)) continue;
    transfer(workday(daysAgo), partNumber, store, qty, '现场备件补货');
  }
  for (const [daysAgo, store, partNumber, delta, reason] of ADJUSTMENTS) {
    at(workday(daysAgo), async () => {
      await adjustStock(d, keeper, { storeId: stores.get(store)!, partId: id(partNumber), delta, reason });
      counts.adjustments++;
    });
  }
  for (const [daysAgo, store, partNumber, minQty] of MINIMUM_CHANGES) minimum(workday(daysAgo), store, partNumber, minQty);
  at(workday(STOCK_COUNT.daysAgo), async () => {
    await countStore(d, keeper, stores.get(STOCK_COUNT.store)!, STOCK_COUNT.differences);
    counts.stockCounts++;
  });

  // The field service the tickets loader left: visits done (the parts they took out) and still open.
  const done = await visitsOf(d, cast.engineers, 'done');
  const world: PartsWorld = { d, keeper, dispatcher: contextOf(cast.dispatcher), cast, random, now, parts, central, storeOfCustomer, workday, afterDays, serialOf, at };
  const cases = new PartCases(world, done, journeyAssetIds);
  await cases.plan();

  // A couple of the visits still to come have their spare reserved in the customer's store.
  const sparesFor = (visit: DispatchDto) =>
    DEMO_PARTS.find((p) => RESERVED_KINDS.includes(p.kind) && isModel(visit.asset!.model, p.models) && stockedIn(storeOfCustomer.get(visit.customerId)!, p.partNumber, stores, fitsJourney));
  const open = (await visitsOf(d, cast.engineers, 'open')).filter((v) => v.asset && storeOfCustomer.has(v.customerId) && v.createdAt < now - 2 * HOUR && sparesFor(v));
  for (const visit of pickSome(random, open, 2)) {
    const store = storeOfCustomer.get(visit.customerId)!;
    const spec = sparesFor(visit)!;
    at(Math.min(visit.createdAt + random.int(5, 40) * MINUTE, now - MINUTE), async () => {
      await moveDispatchParts(d, world.dispatcher, visit.id, 'reserve', { partId: id(spec.partNumber), storeId: store, qty: 1 });
      counts.reservations++;
    });
  }

  steps.sort((a, b) => a.at - b.at);
  for (const step of steps) {
    clock.set(Math.min(step.at, now - MINUTE));
    await step.run();
  }

  // What the storekeeper sees now.
  counts.belowMinimum = (await listLevels(deps, systemContext('zh-CN'), { belowMinimum: true, limit: 200 })).items.length;
  const rmas = (await listRmas(deps, { limit: 200 })).items;
  counts.rmas = rmas.length;
  counts.rmasOpen = rmas.filter((r) => r.state === 'sent').length;
  counts.rmasOverdue = rmas.filter((r) => r.overdue).length;
  const loans = (await listLoans(deps, { limit: 200 })).items;
  counts.loans = loans.length;
  counts.loansOpen = loans.filter((l) => l.state === 'open').length;
  return counts;
}

/** Every engineer's visits done or still open, once each, in the order they were planned. */
async function visitsOf(d: Deps, engineers: DemoPersonRef[], scope: 'done' | 'open'): Promise<DispatchDto[]> {
  const byId = new Map<number, DispatchDto>();
  for (const engineer of engineers) for (const v of (await listMyDispatches(d, contextOf(engineer), { scope })).items) byId.set(v.id, v);
  return [...byId.values()].sort((a, b) => a.plannedAt - b.plannedAt || (a.leftAt ?? 0) - (b.leftAt ?? 0) || a.number.localeCompare(b.number));
}

function pickSome<T>(random: SeededRandom, items: readonly T[], n: number): T[] {
  const pool = [...items];
  const picked: T[] = [];
  while (picked.length < n && pool.length > 0) picked.push(pool.splice(random.int(0, pool.length - 1), 1)[0]!);
  return picked;
}

function stockedIn(storeId: number, partNumber: string, stores: Map<StoreKey, number>, fitsJourney: (spec: DemoPartSpec) => boolean): boolean {
  const spec = DEMO_STORES.find((s) => stores.get(s.key) === storeId);
  if (!spec || !(partNumber in spec.stock)) return false;
  return spec.key !== 'whsy' || !fitsJourney(DEMO_PARTS.find((p) => p.partNumber === partNumber)!);
}

/**
 * A stock count (盘点) of a store: every part it holds counted, bulk parts off the books by
 * `differences`, serial-tracked ones all found; the differences written as adjustments.
 */
async function countStore(d: Deps, ctx: RequestContext, storeId: number, differences: Record<string, number>): Promise<void> {
  const levels = (await listLevels(d, ctx, { storeId, limit: 200 })).items.filter((l) => l.onHand > 0);
  const lines = [];
  for (const level of levels) {
    if (!level.serialTracked) {
      lines.push({ partId: level.partId, counted: Math.max(0, level.onHand + (differences[level.partNumber] ?? 0)) });
      continue;
    }
    const units = (await listUnits(d, { partId: level.partId, storeId, limit: 200 })).items.filter((u) => u.state === 'in_stock' || u.state === 'reserved');
    lines.push({ partId: level.partId, counted: units.length, serials: units.map((u) => u.serial) });
  }
  await countStock(d, ctx, storeId, { lines, apply: true });
}
