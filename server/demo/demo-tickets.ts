import { ManualClock } from '../clock.js';
import type { Deps } from '../deps.js';
import type { RequestContext } from '../http/actor.js';
import { listAssets } from '../domains/assets/asset.service.js';
import { addMessage, assignTicket, createTicket, transitionTicket, updateTicket } from '../domains/tickets/ticket.service.js';
import type { Grade } from '../domains/tickets/ticket.schemas.js';
import type { TicketKind, TransitionTarget } from '../domains/tickets/workflow.js';
import { contextOf, type DemoPersonRef } from './demo-actors.js';
import { FaultWork } from './demo-field.js';
import { emptyFieldCounts, NowReached, type DemoAsset, type DemoScene, type FieldCast, type FieldCounts } from './demo-scene.js';
import { FIELD_SCRIPTS as F, type FieldScript } from './demo-field-scripts.js';
import { SeededRandom } from './random.js';

interface Scenario {
  kind: TicketKind;
  title: string;
  description: string;
  reply: string;
  note: string;
  category?: string;
  /** A fault's remote diagnosis, visits, fix and report (demo-field-scripts.ts). */
  field?: FieldScript;
}

// Realistic calls to an IT maintenance hotline, in the users' words, with a few in English.
const FAULTS: Scenario[] = [
  { kind: 'fault', category: 'server', title: '服务器无法开机', description: '早上巡检发现服务器电源指示灯不亮,按电源键无反应,iBMC 可以登录。', reply: '已远程查看 iBMC 日志,电源模块告警,工程师携带备件前往现场。', note: 'PSU2 故障码 0x1B,现场备件库有同型号电源。', field: F.psu },
  { kind: 'fault', category: 'storage', title: '存储控制器告警', description: '存储管理界面显示控制器 A 离线,业务已切换到控制器 B。', reply: '已收集存储日志并上报厂商技术支援部,预计今日内给出处理方案。', note: '厂商案例号已登记,需更换控制器。', field: F.controller },
  { kind: 'fault', category: 'storage', title: 'RAID 降级', description: 'RAID5 阵列中一块硬盘故障,阵列处于降级状态。', reply: '已安排更换硬盘,重建期间请避免大量写入。', note: '盘位 0:1:3,SN 已记录,旧盘返厂。', field: F.raid },
  { kind: 'fault', category: 'network', title: '交换机端口宕机', description: '核心交换机 10 口频繁 up/down,影响门诊楼网络。', reply: '已远程关闭端口并切换到备用链路,现场更换光模块。', note: '光模块收光 -18dBm,偏低。', field: F.port },
  { kind: 'fault', category: 'other', title: '机房空调漏水', description: '3 层机房精密空调下方有积水,靠近 A03 机柜。', reply: '已通知动环厂家,工程师到场检查设备是否受潮。', note: '冷凝水管堵塞,已疏通。', field: F.aircon },
  { kind: 'fault', category: 'software', title: '数据库连接超时', description: 'HIS 系统大量报数据库连接超时,查询响应很慢。', reply: '已远程分析 AWR 报告,发现锁等待,已协助终止阻塞会话。', note: '需要优化挂号表索引,已提出方案。', field: F.database },
  { kind: 'fault', category: 'server', title: '系统运行缓慢', description: '业务系统整体响应变慢,但未停机。', reply: '非停机故障,工程师已按约定第一时间到现场诊断。', note: '内存使用率 98%,建议扩容。', field: F.slow },
  { kind: 'fault', category: 'security', title: '防火墙 HA 切换', description: '防火墙主备发生切换,部分 VPN 用户掉线。', reply: '已确认主机心跳线松动,重新紧固后恢复。', note: '建议下次巡检检查所有 HA 线缆。', field: F.failover },
  { kind: 'fault', category: 'other', title: '打印机卡纸', description: '财务室打印机频繁卡纸,无法打印发票。', reply: '已远程指导清理搓纸轮,若仍有问题安排上门。', note: '非合同设备,按增值服务处理。', field: F.printer },
  { kind: 'fault', category: 'server', title: 'Server fails to boot after power outage', description: 'After last night\'s power cut the backup server stops at POST with a memory error.', reply: 'We have dispatched an engineer with a spare DIMM; ETA 1 hour.', note: 'DIMM B2 reports uncorrectable ECC errors.', field: F.memory },
  { kind: 'fault', category: 'network', title: 'Core switch high CPU', description: 'Users report intermittent network loss; core switch CPU at 95%.', reply: 'A broadcast storm was found on VLAN 20 and the loop has been removed.', note: 'Loop caused by an unmanaged switch in the warehouse office.', field: F.broadcast },
];

const OTHERS: Scenario[] = [
  { kind: 'consultation', title: '咨询存储扩容方案', description: '明年计划上线 PACS 二期,想了解现有存储的扩容方式。', reply: '已发送扩容参考方案:增加硬盘框并扩展存储池。', note: '客户预算约 30 万。' },
  { kind: 'consultation', title: '咨询数据库补丁', description: '询问 Oracle 19c 最新 RU 是否建议升级。', reply: '建议在下一个维护窗口升级到最新 RU,已附升级步骤。', note: '需确认应用厂商兼容性。' },
  { kind: 'complaint', title: '工程师未按约定时间到场', description: '约定上午 10 点到场,实际 11 点半才到,未提前告知。', reply: '非常抱歉,已调查原因并调整派工规则,今后延误将提前电话告知。', note: '交通拥堵,工程师未及时报备。' },
  { kind: 'upgrade', title: '申请升级交换机固件', description: '厂商发布安全公告,申请升级核心交换机固件。', reply: '已制定升级计划,安排在周六凌晨维护窗口实施。', note: '需要提前备份配置。' },
  { kind: 'service_request', title: '申请机房设备搬迁', description: '下月机房改造,需将 4 台服务器迁移到新机柜。', reply: '已安排工程师现场勘察并制定搬迁方案。', note: '需协调停机窗口。' },
  { kind: 'consultation', title: 'How to renew the maintenance contract', description: 'Our contract ends next quarter; what are the renewal options?', reply: 'We have sent the renewal proposal with 7x24 and business-hours options.', note: 'Customer prefers 7x24 for the WMS servers.' },
];

// The steps each kind's finished tickets went through, in order. A fault's path follows from its
// script: fixed remotely (with a proposal), on site, or on site and then with the vendor.
const REMOTE_PATH: TransitionTarget[] = ['accepted', 'remote_diagnosis', 'solution_proposed', 'restored', 'awaiting_confirmation', 'closed'];
const VISIT_PATH: TransitionTarget[] = ['accepted', 'remote_diagnosis', 'on_site', 'restored', 'awaiting_confirmation', 'closed'];
const VENDOR_PATH: TransitionTarget[] = ['accepted', 'remote_diagnosis', 'on_site', 'escalated', 'restored', 'awaiting_confirmation', 'closed'];
const PATHS: Record<Exclude<TicketKind, 'fault'>, TransitionTarget[]> = {
  consultation: ['accepted', 'answered', 'closed'],
  complaint: ['accepted', 'investigating', 'resolved', 'closed'],
  upgrade: ['accepted', 'in_progress', 'resolved', 'closed'],
  service_request: ['accepted', 'in_progress', 'resolved', 'closed'],
};

/** What the ticket loader produced. */
export interface DemoTicketCounts extends FieldCounts {
  tickets: number;
}

interface Share {
  deps: Deps;
  people: { agents: DemoPersonRef[]; engineers: DemoPersonRef[] };
  cast: FieldCast;
  customerIds: number[];
  teamIds: number[];
  assetsByCustomer: Map<number, DemoAsset[]>;
}

/**
 * Loads `count` tickets over the past year with their timelines: calls logged by agents, routing,
 * replies, internal notes and the workflow steps — most closed, the recent ones still open. Faults
 * get their field service (demo-field.ts): remote sessions, visits with signed service forms,
 * vendor escalations, resolutions and fault analysis reports.
 */
export async function loadDemoTickets(
  deps: Deps,
  people: { agents: DemoPersonRef[]; engineers: DemoPersonRef[] },
  cast: FieldCast,
  customerIds: number[],
  teamIds: number[],
  count: number,
  seed: number,
): Promise<DemoTicketCounts> {
  const system: RequestContext = { actor: null, ip: null, requestId: null, locale: 'zh-CN' };
  const assetsByCustomer = new Map<number, DemoAsset[]>();
  for (const id of customerIds) {
    const page = await listAssets(deps, system, { customerId: id, limit: 200 });
    assetsByCustomer.set(id, page.items.map((a) => ({ id: a.id, category: a.category, vendor: a.vendor, softwareVersion: a.softwareVersion, firmwareVersion: a.firmwareVersion })));
  }
  // Several workers take tickets at once, each with its own clock and random stream, so the result
  // is the same every time and on both engines: PostgreSQL runs them side by side, SQLite commits
  // their writes in groups (db/group-commit.ts). Not more than the pool's connections leave spare.
  const workers = 8;
  const shares = Array.from({ length: workers }, (_, w) => Math.floor(count / workers) + (w < count % workers ? 1 : 0));
  const share: Share = { deps, people, cast, customerIds, teamIds, assetsByCustomer };
  const done = await Promise.all(shares.map((n, w) => loadShare(share, n, seed + w)));
  const total: DemoTicketCounts = { tickets: 0, ...emptyFieldCounts() };
  for (const counts of done) for (const key of Object.keys(total) as (keyof DemoTicketCounts)[]) total[key] += counts[key];
  return total;
}

function faultPath(random: SeededRandom, script: FieldScript, hasVendor: boolean): TransitionTarget[] {
  if (!random.chance(script.visit)) return REMOTE_PATH;
  return hasVendor && random.chance(script.vendor) ? VENDOR_PATH : VISIT_PATH;
}

async function loadShare({ deps, people, cast, customerIds, teamIds, assetsByCustomer }: Share, count: number, seed: number): Promise<DemoTicketCounts> {
  const random = new SeededRandom(seed);
  const clock = new ManualClock();
  const at = (ms: number) => clock.set(ms);
  const d: Deps = { ...deps, clock, live: undefined };
  const now = deps.clock.now();
  const scene: DemoScene = { d, random, at, now, counts: emptyFieldCounts(), versions: new Map() };
  const start = now - 365 * 86_400_000;
  let created = 0;
  for (let i = 0; i < count; i++) {
    // Spread over the year, denser recently; business hours mostly.
    const when = start + Math.floor(Math.pow(random.next(), 0.8) * (now - start - 3_600_000));
    const scenario = random.chance(0.8) ? random.pick(FAULTS) : random.pick(OTHERS);
    const customerId = random.pick(customerIds);
    const assets = (assetsByCustomer.get(customerId) ?? []).filter((a) => !scenario.category || a.category === scenario.category);
    const asset = assets.length && scenario.kind === 'fault' && random.chance(0.85) ? random.pick(assets) : null;
    const agent = random.pick(people.agents);
    const engineer = random.pick(people.engineers);
    const grade: Grade = random.weighted([['general', 85], ['major', 13], ['emergency', 2]] as const);
    at(when);
    const ticket = await createTicket(d, contextOf(agent), {
      kind: scenario.kind,
      channel: random.weighted([['phone', 70], ['portal', 15], ['email', 10], ['api', 5]] as const),
      grade: scenario.kind === 'fault' ? grade : null,
      nonStopping: scenario.title.includes('缓慢'),
      title: scenario.title,
      description: scenario.description,
      customerId: asset ? undefined : customerId,
      assetId: asset?.id ?? null,
      callerName: random.pick(['徐明', '何静', '罗建国', '郭晓燕', 'Emma Smith', '值班人员']),
    });
    created++;
    const ctx = contextOf(engineer);
    let t = when + random.int(1, 8) * 60_000;
    if (ticket.ownerId === null) {
      at(t);
      await assignTicket(d, contextOf(agent), ticket.id, { teamId: random.pick(teamIds), ownerId: engineer.id });
    }
    const script = scenario.field;
    const vendor = script ? FaultWork.vendorFor(cast, script, asset) : null;
    const path = script ? faultPath(random, script, vendor !== null) : PATHS[scenario.kind as Exclude<TicketKind, 'fault'>];
    const fault = script
      ? new FaultWork(scene, cast, { id: ticket.id, customerId: ticket.customerId, title: scenario.title }, asset, script, { engineer, agent }, path, vendor)
      : null;
    // Tickets of the last few days are still being worked; older ones ran their whole path.
    const age = now - when;
    // A good share of the recent faults that need a visit wait for it, so engineers have jobs open.
    const cut = age < 10 * 86_400_000 && random.chance(0.6) ? (path.includes('on_site') && random.chance(0.6) ? path.indexOf('on_site') : random.int(0, path.length - 1)) : path.length;
    const steps = path.slice(0, cut);
    let reachedNow = false;
    for (const [n, to] of steps.entries()) {
      // Most steps come quickly (the promises are mostly kept, R4); some take hours.
      const usual = (n === 0 ? random.int(2, 25) : random.chance(0.85) ? random.int(5, 35) : random.int(40, 300)) * 60_000;
      t += fault ? fault.gapBefore(to, usual) : usual;
      if (t >= now) {
        await fault?.stopAtNow();
        reachedNow = true;
        break;
      }
      at(t);
      if (n === 1) await addMessage(d, ctx, ticket.id, 'reply', scenario.reply);
      if (n === 2 && random.chance(0.6)) await addMessage(d, ctx, ticket.id, 'note', scenario.note);
      const comment = to === 'solution_proposed' ? scenario.reply : undefined;
      if (fault) {
        try {
          t = await fault.step(to, t, comment);
        } catch (error) {
          if (!(error instanceof NowReached)) throw error;
          await fault.stopAtNow();
          reachedNow = true;
          break;
        }
        continue;
      }
      // A complaint is resolved only with its investigation and the answer given (R17).
      if (to === 'resolved' && scenario.kind === 'complaint') await updateTicket(d, ctx, ticket.id, { investigation: scenario.note, answer: scenario.reply });
      await transitionTicket(d, ctx, ticket.id, to, comment);
    }
    if (!fault) continue;
    if (!reachedNow) t = await fault.settle(path[steps.length], t);
    // Fault analysis reports went out within a few days of most restorations (R10).
    if (fault.restoredAt !== null) {
      const deliveredAt = fault.restoredAt + random.int(4, random.chance(0.9) ? 60 : 100) * 3_600_000;
      await fault.report(t, deliveredAt);
    }
  }
  return { tickets: created, ...scene.counts };
}
