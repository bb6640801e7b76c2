import type { Deps } from '../deps.js';
import type { RequestContext } from '../http/actor.js';
import { getAsset, listAssets } from '../domains/assets/asset.service.js';
import type { DispatchDto } from '../domains/field/field.schemas.js';
import { moveDispatchParts } from '../domains/parts/dispatch-parts.service.js';
import { createLoan, returnLoan } from '../domains/parts/loan.service.js';
import { createRma, endRmaWithoutReturn, receiveRma } from '../domains/parts/rma.service.js';
import { listUnits } from '../domains/parts/stock-query.service.js';
import { scrapStock } from '../domains/parts/stock.service.js';
import { getTicket } from '../domains/tickets/ticket.service.js';
import { addDays, dayIn } from '../shared/dates.js';
import { contextOf } from './demo-actors.js';
import { DEMO_PARTS, LOAN_PLAN, RMA_PLAN, type CaseEnd, type DemoPartSpec, type PartKind } from './demo-parts-catalogue.js';
import type { PartsCast } from './demo-parts.js';
import { caseNumber } from './demo-vendors.js';
import type { SeededRandom } from './random.js';

/**
 * The parts demo's cases (issue 7 items 5 and 6): failed parts the demo's visits took out come
 * back into a store as faulty (the visit's `return_faulty`), go to their vendor as RMA cases and
 * come back repaired or replaced — or not yet, some of them late; and loaners stand in for
 * customers' servers, some while the server itself is with its vendor. Each is linked to the
 * demo fault whose visit it follows, and happens after that fault's last activity, so a
 * ticket's history stays in order.
 */

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

export interface StoredPart {
  id: number;
  spec: DemoPartSpec;
}

/** What the cases share with the parts loader (demo-parts.ts). */
export interface PartsWorld {
  d: Deps;
  keeper: RequestContext;
  dispatcher: RequestContext;
  cast: PartsCast;
  random: SeededRandom;
  now: number;
  parts: Map<string, StoredPart>;
  central: number;
  storeOfCustomer: Map<number, number>;
  /** A moment in working hours `daysAgo` days back. */
  workday: (daysAgo: number) => number;
  /** A moment in working hours `days` days after `ms` (and after it). */
  afterDays: (ms: number, days: number) => number;
  /** A serial of the part's maker, not used before. */
  serialOf: (spec: DemoPartSpec) => string;
  /** Schedules a step of the history. */
  at: (when: number, run: () => Promise<void>) => void;
}

/** Whether a visit's device is one of these models: visits show it with its maker ("Dell PowerEdge R750"). */
export function isModel(visitModel: string, models: readonly string[]): boolean {
  return models.some((m) => visitModel === m || visitModel.endsWith(` ${m}`));
}

/** What a visit's parts used say was swapped (the demo's field scripts). */
function swapped(partsUsed: string): PartKind | null {
  if (/硬盘|drive/i.test(partsUsed)) return 'disk';
  if (/电源|power supply|PSU/i.test(partsUsed)) return 'psu';
  if (/控制器|controller/i.test(partsUsed)) return 'controller';
  if (/光模块|SFP/i.test(partsUsed)) return 'optic';
  if (/内存|DIMM/i.test(partsUsed)) return 'memory';
  if (/主板|system board/i.test(partsUsed)) return 'board';
  return null;
}

const FAILURE: Partial<Record<PartKind, string>> = {
  disk: '硬盘介质错误,阵列已剔除,旧盘带回',
  psu: '电源模块无输出,指示灯红色',
  memory: '内存 ECC 不可纠正错误,BMC 已告警',
  controller: '控制器离线,厂商判定硬件故障',
  optic: '光模块收光过低(-18dBm),更换后恢复',
};

const RMA_NOTES: Record<CaseEnd, string> = {
  open: '已寄厂商检测,等待回件',
  overdue: '已寄厂商检测;厂商承诺两周内返回,已电话催件',
  repaired: '厂商检测维修完成,寄回中心库',
  replaced: '厂商判定不可修复,以新件更换',
  cancelled: '待寄厂商检测',
};

export class PartCases {
  private readonly used = new Set<number>();
  private readonly usedAssets = new Set<number>();
  private readonly zone: string;
  private readonly today: string;

  constructor(
    private readonly w: PartsWorld,
    private readonly visits: readonly DispatchDto[],
    /** Devices the end-to-end journeys use, left alone. */
    private readonly journeyAssetIds: ReadonlySet<number>,
  ) {
    this.zone = w.d.config.timeZone;
    this.today = dayIn(w.now, this.zone);
  }

  /** Schedules the RMA cases, a scrapped optic and the loans. */
  async plan(): Promise<void> {
    for (const entry of RMA_PLAN) await this.partCase(entry.kind, entry.outcome, entry.days);
    await this.partCase('optic', 'scrapped', [130, 40]);
    for (const loan of LOAN_PLAN) await this.loan(loan);
  }

  private day(ms: number): string {
    return dayIn(ms, this.zone);
  }

  /** The catalogue's part of this kind for a model, from a vendor on file. */
  private partFor(kind: PartKind, model: string): StoredPart | undefined {
    const spec = DEMO_PARTS.find((p) => p.kind === kind && isModel(model, p.models) && this.w.cast.vendors.has(p.vendor));
    return spec && this.w.parts.get(spec.partNumber);
  }

  /**
   * A visit of the window (days ago) that passes `fits`, not used yet, and the moment after its
   * ticket's last activity, at least `room` before now; null when there is none.
   */
  private async visitIn(days: readonly [number, number], fits: (v: DispatchDto) => boolean, room: number): Promise<{ visit: DispatchDto; after: number } | null> {
    const { now, random, d, keeper } = this.w;
    const pool = this.visits.filter((v) => !this.used.has(v.id) && v.asset !== null && v.leftAt !== null && v.leftAt >= now - days[0] * DAY && v.leftAt <= now - days[1] * DAY && fits(v));
    while (pool.length > 0) {
      const visit = pool.splice(random.int(0, pool.length - 1), 1)[0]!;
      const ticket = await getTicket(d, keeper, visit.ticketId);
      const after = Math.max(visit.leftAt! + random.int(30, 150) * MINUTE, ticket.lastActivityAt + random.int(10, 90) * MINUTE);
      if (after > now - room) continue;
      this.used.add(visit.id);
      return { visit, after };
    }
    return null;
  }

  /** The visit's engineer, who records the failed part taken out; else the storekeeper. */
  private engineerOf(visit: DispatchDto): RequestContext {
    const engineer = this.w.cast.engineers.find((e) => visit.engineers.some((p) => p.id === e.id));
    return engineer ? contextOf(engineer) : this.w.keeper;
  }

  /**
   * A failed part a visit took out: into the customer's store (or the central warehouse) as
   * faulty, then to its vendor and back — or scrapped, the one optic out of warranty.
   */
  private async partCase(kind: PartKind, outcome: CaseEnd | 'scrapped', days: readonly [number, number]): Promise<void> {
    const { d, keeper, random, now, central } = this.w;
    const found = await this.visitIn(days, (v) => swapped(v.partsUsed) === kind && this.partFor(kind, v.asset!.model) !== undefined, 3 * DAY);
    if (!found) return;
    const { visit, after } = found;
    const part = this.partFor(kind, visit.asset!.model)!;
    const store = this.w.storeOfCustomer.get(visit.customerId) ?? central;
    const serial = part.spec.serial ? this.w.serialOf(part.spec) : undefined;
    const serials = serial ? { serials: [serial] } : {};
    this.w.at(after, async () => {
      await moveDispatchParts(d, this.engineerOf(visit), visit.id, 'return_faulty', { kind: 'return_faulty', partId: part.id, storeId: store, qty: 1, ...serials, reason: FAILURE[kind] ?? '故障件带回' });
    });
    if (outcome === 'scrapped') {
      this.w.at(this.w.afterDays(after, 2), async () => {
        await scrapStock(d, keeper, { storeId: store, partId: part.id, qty: 1, faulty: true, reason: '光模块激光器老化,已过厂商保修期,报废处理' });
      });
      return;
    }

    const vendor = this.w.cast.vendors.get(part.spec.vendor)!;
    const sent = Math.min(this.w.afterDays(after, random.int(1, 3)), now - 2 * HOUR);
    let expected = addDays(this.day(sent), outcome === 'overdue' ? 14 : 21);
    // Still with the vendor: due back in a few days at the earliest, or (overdue) days ago.
    if (outcome === 'open' && expected < addDays(this.today, 3)) expected = addDays(this.today, 3);
    if (outcome === 'overdue' && expected >= this.today) expected = addDays(this.today, -5);
    const vendorCaseNumber = caseNumber(vendor, this.day(sent), random);
    let rmaId = 0;
    this.w.at(sent, async () => {
      const rma = await createRma(d, keeper, { vendorId: vendor.id, partId: part.id, storeId: store, ...(serial && { serial }), qty: 1, ticketId: visit.ticketId, vendorCaseNumber, expectedReturn: expected, notes: RMA_NOTES[outcome] });
      rmaId = rma.id;
    });
    if (outcome === 'cancelled') {
      this.w.at(this.w.afterDays(sent, 1), async () => {
        await endRmaWithoutReturn(d, keeper, rmaId, 'cancelled', { reason: '厂商远程检测确认为阵列误报,硬盘未寄出,留库复检' });
      });
    } else if (outcome === 'repaired' || outcome === 'replaced') {
      const replacement = outcome === 'replaced' && part.spec.serial ? this.w.serialOf(part.spec) : undefined;
      this.w.at(Math.min(this.w.afterDays(sent, random.int(12, 26)), now - HOUR), async () => {
        await receiveRma(d, keeper, rmaId, { outcome, storeId: central, ...(replacement && { serial: replacement }), notes: outcome === 'replaced' ? `新件到货${replacement ? `,新序列号 ${replacement}` : ''}` : '维修件到货,检测正常入库' });
      });
    }
  }

  /**
   * A loaner standing in for a customer's server: after a visit to that server where there is
   * one (else on a day of the window, with no ticket), lent from the central warehouse, the server
   * perhaps sent to its vendor meanwhile, and taken back when the server is running again.
   */
  private async loan(plan: (typeof LOAN_PLAN)[number]): Promise<void> {
    const { d, keeper, dispatcher, random, central, cast } = this.w;
    const customerId = cast.customerIds.get(plan.customer)!;
    const room = (plan.back ?? 0) * DAY + 2 * DAY;
    const usable = (assetId: number) => !this.journeyAssetIds.has(assetId) && !this.usedAssets.has(assetId);
    let found: { visit: DispatchDto; after: number } | null = null;
    for (;;) {
      found = await this.visitIn(plan.days, (v) => v.customerId === customerId && isModel(v.asset!.model, [plan.model]) && usable(v.asset!.id), room);
      if (!found || (await getAsset(d, keeper, found.visit.asset!.id)).status === 'in_service') break;
    }
    let asset: { id: number; vendor: string };
    let lent: number;
    let ticketId: number | undefined;
    if (found) {
      asset = await getAsset(d, keeper, found.visit.asset!.id);
      lent = found.after + random.int(1, 4) * HOUR;
      ticketId = found.visit.ticketId;
    } else {
      const assets = (await listAssets(d, keeper, { customerId, model: plan.model, status: 'in_service', limit: 100 })).items.filter((a) => a.model === plan.model && usable(a.id));
      if (assets.length === 0) return;
      asset = assets[random.int(0, assets.length - 1)]!;
      lent = this.w.workday(random.int(plan.days[1], plan.days[0]));
    }
    this.usedAssets.add(asset.id);
    const english = plan.customer === 'GFLOG';
    const loaner = this.w.parts.get(plan.loaner)!;
    const notes = plan.deviceRma
      ? '故障服务器整机返厂维修,备用机临时顶替运行业务'
      : english
        ? 'Loaner runs the workload while the faulty server waits for the vendor’s part'
        : '故障服务器等待厂商备件,备用机临时顶替运行业务';
    let loanId = 0;
    this.w.at(lent, async () => {
      const unit = (await listUnits(d, { partId: loaner.id, storeId: central, state: 'in_stock', limit: 1 })).items[0]!;
      const loan = await createLoan(d, dispatcher, { partId: loaner.id, serial: unit.serial, customerId, replacesAssetId: asset.id, ...(ticketId && { ticketId }), expectedReturn: addDays(this.day(lent), plan.due), notes });
      loanId = loan.id;
    });

    let deviceRmaId = 0;
    if (plan.deviceRma) {
      const vendor = cast.vendors.get(asset.vendor)!;
      const sent = lent + random.int(1, 3) * HOUR;
      const expected = addDays(this.day(sent), 21) < addDays(this.today, 3) && plan.deviceRma === 'open' ? addDays(this.today, 5) : addDays(this.day(sent), 21);
      const vendorCaseNumber = caseNumber(vendor, this.day(sent), random);
      this.w.at(sent, async () => {
        const rma = await createRma(d, keeper, { vendorId: vendor.id, assetId: asset.id, ...(ticketId && { ticketId }), vendorCaseNumber, expectedReturn: expected, notes: '整机返厂检测维修(间歇性宕机,主板疑似故障)' });
        deviceRmaId = rma.id;
      });
    }
    if (plan.back === null) return;
    const back = this.w.afterDays(lent, plan.back);
    if (plan.deviceRma === 'repaired') {
      this.w.at(back - 2 * HOUR, async () => {
        await receiveRma(d, keeper, deviceRmaId, { outcome: 'repaired', notes: '厂商更换主板后寄回,已上架恢复运行' });
      });
    }
    this.w.at(back, async () => {
      await returnLoan(d, keeper, loanId, { storeId: central, notes: english ? 'Server back in service; loaner collected and checked' : '客户服务器恢复运行,备用机已收回,检测正常入库' });
    });
  }
}
