/**
 * The demo's asset register: servers, storage, switches, firewalls, databases, middleware and
 * operating systems from the model lines Chinese IT service providers maintain, with serial numbers
 * shaped as each vendor prints them, rack positions, versions, addresses, warranty ends and
 * components. Generated from a seeded random source, so it is the same on every load.
 */
import type { AssetCategory, AssetStatus, CreateAssetBody } from '../domains/assets/asset.schemas.js';
import { addDays } from '../shared/dates.js';
import type { DemoCustomerFile, DemoSite } from './demo-records.js';
import type { SeededRandom } from './random.js';

type Profile = 'cn' | 'intl';

interface Product {
  vendor: string;
  model: string;
  category: AssetCategory;
  /** How often each kind of customer runs it: Chinese public sector, foreign-invested company. */
  weight: Record<Profile, number>;
  serial: (r: SeededRandom) => string;
  firmware?: string[];
  software?: string[];
  /** Rack units; software has none. */
  height: number;
  host: string;
  /** Parts registered under the device (RAID cards, disk enclosures), with the chance of each. */
  parts?: { part: Part; chance: number; max: number }[];
}

interface Part {
  vendor: string;
  model: string;
  category: AssetCategory;
  serial: (r: SeededRandom) => string;
  firmware?: string;
  height: number;
}

const serials = {
  huawei: (r: SeededRandom) => `2102${r.pick(['311', '312', '313', '350'])}${r.alnum(3)}10${r.alnum(1)}${r.digits(7)}`,
  h3c: (r: SeededRandom) => `210235A${r.alnum(3)}H${r.digits(9)}`,
  inspur: (r: SeededRandom) => `21${r.pick(['8', '9'])}${r.digits(7)}`,
  lenovo: (r: SeededRandom) => `J${r.alnum(7)}`,
  dellTag: (r: SeededRandom) => r.alnum(7),
  hpe: (r: SeededRandom) => `CN7${r.digits(3)}${r.alnum(4)}`,
  nimble: (r: SeededRandom) => `AF-${r.digits(6)}`,
  cisco: (r: SeededRandom) => `${r.pick(['FOC', 'FDO', 'FCW'])}${r.digits(4)}${r.alnum(4)}`,
  fortinet: (r: SeededRandom) => `FG6H0E${r.digits(10)}`,
  hillstone: (r: SeededRandom) => `02${r.digits(14)}`,
  sangfor: (r: SeededRandom) => r.chars('0123456789ABCDEF', 10),
};

const LINUX = ['Red Hat Enterprise Linux 8.8', '银河麒麟高级服务器操作系统 V10 SP3', 'CentOS 7.9.2009', 'VMware ESXi 7.0 U3', 'openEuler 22.03 LTS SP2', 'Windows Server 2019 Standard'];

const RAID_BROADCOM: Part = { vendor: 'Broadcom', model: 'MegaRAID 9460-8i RAID 卡', category: 'other', serial: (r) => `SK${r.digits(8)}`, firmware: '51.20.0-4554', height: 0 };
const HBA_EMULEX: Part = { vendor: 'Broadcom', model: 'Emulex LPe32002 32Gb FC HBA 卡', category: 'other', serial: (r) => `FC${r.digits(8)}`, firmware: '14.0.505.11', height: 0 };
const RAID_PERC: Part = { vendor: 'Dell', model: 'PERC H755 RAID 卡', category: 'other', serial: (r) => `CN0${r.alnum(5)}${r.digits(7)}`, firmware: '52.16.1-4405', height: 0 };
const SHELF_HUAWEI: Part = { vendor: 'Huawei', model: 'OceanStor 2U 25 盘位 SAS 硬盘框', category: 'storage', serial: serials.huawei, height: 2 };
const SHELF_INSPUR: Part = { vendor: 'Inspur', model: 'AS5300G5 2U25 扩展柜', category: 'storage', serial: serials.inspur, height: 2 };
const SHELF_DELL: Part = { vendor: 'Dell', model: 'PowerStore ENS24 扩展柜', category: 'storage', serial: serials.dellTag, height: 2 };
const SHELF_NIMBLE: Part = { vendor: 'HPE', model: 'Nimble ES3 扩展柜', category: 'storage', serial: serials.nimble, height: 3 };

const serverParts = (raid: Part) => [
  { part: raid, chance: 0.12, max: 1 },
  { part: HBA_EMULEX, chance: 0.06, max: 1 },
];

const CATALOGUE: Product[] = [
  // Servers
  { vendor: 'Huawei', model: 'FusionServer 2288H V5', category: 'server', weight: { cn: 7, intl: 0 }, serial: serials.huawei, firmware: ['iBMC 3.01.12.01 / BIOS 0.97', 'iBMC 2.86 / BIOS 0.81'], software: LINUX, height: 2, host: 'app', parts: serverParts(RAID_BROADCOM) },
  { vendor: 'Huawei', model: 'FusionServer 2288H V6', category: 'server', weight: { cn: 8, intl: 0 }, serial: serials.huawei, firmware: ['iBMC 3.03.00.17 / BIOS 1.27', 'iBMC 3.05.00.05 / BIOS 1.36'], software: LINUX, height: 2, host: 'db', parts: serverParts(RAID_BROADCOM) },
  { vendor: 'Huawei', model: 'RH2288 V3', category: 'server', weight: { cn: 3, intl: 0 }, serial: serials.huawei, firmware: ['iBMC 2.56 / BIOS 3.82'], software: LINUX, height: 2, host: 'app' },
  { vendor: 'H3C', model: 'UniServer R4900 G5', category: 'server', weight: { cn: 6, intl: 0 }, serial: serials.h3c, firmware: ['HDM 2.80 / BIOS 2.00.45', 'HDM 3.10 / BIOS 2.00.56'], software: LINUX, height: 2, host: 'app', parts: serverParts(RAID_BROADCOM) },
  { vendor: 'Inspur', model: 'NF5280M6', category: 'server', weight: { cn: 6, intl: 0 }, serial: serials.inspur, firmware: ['BMC 4.24.02 / BIOS 06.00.02', 'BMC 4.31.05 / BIOS 06.01.01'], software: LINUX, height: 2, host: 'esxi', parts: serverParts(RAID_BROADCOM) },
  { vendor: 'Inspur', model: 'NF5270M6', category: 'server', weight: { cn: 4, intl: 0 }, serial: serials.inspur, firmware: ['BMC 4.24.02 / BIOS 06.00.02'], software: LINUX, height: 2, host: 'bak' },
  { vendor: 'Lenovo', model: 'ThinkSystem SR650 V2', category: 'server', weight: { cn: 3, intl: 3 }, serial: serials.lenovo, firmware: ['XCC 3.10 / UEFI 2.40', 'XCC 4.20 / UEFI 3.20'], software: LINUX, height: 2, host: 'app' },
  { vendor: 'Dell', model: 'PowerEdge R750', category: 'server', weight: { cn: 3, intl: 8 }, serial: serials.dellTag, firmware: ['iDRAC9 7.00.00.171 / BIOS 1.13.2', 'iDRAC9 6.10.80.00 / BIOS 1.10.2'], software: LINUX, height: 2, host: 'esxi', parts: serverParts(RAID_PERC) },
  { vendor: 'Dell', model: 'PowerEdge R740', category: 'server', weight: { cn: 2, intl: 6 }, serial: serials.dellTag, firmware: ['iDRAC9 6.10.30.20 / BIOS 2.19.1'], software: LINUX, height: 2, host: 'app', parts: serverParts(RAID_PERC) },
  { vendor: 'HPE', model: 'ProLiant DL380 Gen10', category: 'server', weight: { cn: 2, intl: 6 }, serial: serials.hpe, firmware: ['iLO 5 2.81 / System ROM U30 v2.80', 'iLO 5 3.01 / System ROM U30 v2.90'], software: LINUX, height: 2, host: 'db' },
  // Storage
  { vendor: 'Huawei', model: 'OceanStor 5310', category: 'storage', weight: { cn: 3, intl: 0 }, serial: serials.huawei, firmware: ['OceanStor 6.1.5', 'OceanStor 6.1.6'], height: 2, host: 'stor', parts: [{ part: SHELF_HUAWEI, chance: 0.6, max: 2 }] },
  { vendor: 'Huawei', model: 'OceanStor 5510', category: 'storage', weight: { cn: 2, intl: 0 }, serial: serials.huawei, firmware: ['OceanStor 6.1.5'], height: 2, host: 'stor', parts: [{ part: SHELF_HUAWEI, chance: 0.7, max: 2 }] },
  { vendor: 'Huawei', model: 'OceanStor Dorado 5000 V6', category: 'storage', weight: { cn: 2, intl: 0 }, serial: serials.huawei, firmware: ['Dorado 6.1.3', 'Dorado 6.1.5'], height: 2, host: 'stor' },
  { vendor: 'Inspur', model: 'AS5300G5', category: 'storage', weight: { cn: 2, intl: 0 }, serial: serials.inspur, firmware: ['InStorage V7.8.3.0'], height: 2, host: 'stor', parts: [{ part: SHELF_INSPUR, chance: 0.5, max: 1 }] },
  { vendor: 'Dell', model: 'PowerStore 1000T', category: 'storage', weight: { cn: 1, intl: 2 }, serial: serials.dellTag, firmware: ['PowerStoreOS 3.5.0.1'], height: 2, host: 'stor', parts: [{ part: SHELF_DELL, chance: 0.5, max: 1 }] },
  { vendor: 'HPE', model: 'Nimble Storage HF20', category: 'storage', weight: { cn: 1, intl: 2 }, serial: serials.nimble, firmware: ['NimbleOS 6.1.1.300'], height: 4, host: 'stor', parts: [{ part: SHELF_NIMBLE, chance: 0.5, max: 1 }] },
  // Switches
  { vendor: 'Huawei', model: 'CloudEngine S5735-L48T4X-A1', category: 'network', weight: { cn: 10, intl: 0 }, serial: serials.huawei, firmware: ['V200R022C00SPC500', 'V200R021C10SPC600'], height: 1, host: 'sw-acc' },
  { vendor: 'Huawei', model: 'CloudEngine S6730-H48X6C', category: 'network', weight: { cn: 4, intl: 0 }, serial: serials.huawei, firmware: ['V200R022C00SPC500'], height: 1, host: 'sw-agg' },
  { vendor: 'Huawei', model: 'CloudEngine CE6881-48S6CQ', category: 'network', weight: { cn: 3, intl: 0 }, serial: serials.huawei, firmware: ['V200R021C10SPC600', 'V200R022C10SPC500'], height: 1, host: 'sw-core' },
  { vendor: 'H3C', model: 'S6520X-30QC-EI', category: 'network', weight: { cn: 4, intl: 0 }, serial: serials.h3c, firmware: ['Comware 7.1.070, Release 6635P07'], height: 1, host: 'sw-agg' },
  { vendor: 'H3C', model: 'S5560X-54C-EI', category: 'network', weight: { cn: 6, intl: 0 }, serial: serials.h3c, firmware: ['Comware 7.1.070, Release 1325P02'], height: 1, host: 'sw-acc' },
  { vendor: 'Cisco', model: 'Catalyst 9300-48P', category: 'network', weight: { cn: 1, intl: 8 }, serial: serials.cisco, firmware: ['IOS XE 17.9.4a', 'IOS XE 17.6.5'], height: 1, host: 'sw-acc' },
  { vendor: 'Cisco', model: 'Catalyst 9500-48Y4C', category: 'network', weight: { cn: 1, intl: 3 }, serial: serials.cisco, firmware: ['IOS XE 17.9.4a'], height: 1, host: 'sw-core' },
  { vendor: 'Cisco', model: 'Nexus 93180YC-FX', category: 'network', weight: { cn: 1, intl: 3 }, serial: serials.cisco, firmware: ['NX-OS 10.2(5)', 'NX-OS 9.3(12)'], height: 1, host: 'sw-dc' },
  // Firewalls
  { vendor: 'Huawei', model: 'HiSecEngine USG6555E', category: 'security', weight: { cn: 3, intl: 0 }, serial: serials.huawei, firmware: ['V600R007C20SPC600'], height: 1, host: 'fw' },
  { vendor: 'H3C', model: 'SecPath F1000-AI-55', category: 'security', weight: { cn: 3, intl: 0 }, serial: serials.h3c, firmware: ['Comware 7.1.064, ESS 8860'], height: 1, host: 'fw' },
  { vendor: 'Fortinet', model: 'FortiGate 600E', category: 'security', weight: { cn: 1, intl: 3 }, serial: serials.fortinet, firmware: ['FortiOS 7.2.8', 'FortiOS 7.0.15'], height: 1, host: 'fw' },
  { vendor: 'Hillstone', model: 'SG-6000-E5760', category: 'security', weight: { cn: 2, intl: 0 }, serial: serials.hillstone, firmware: ['StoneOS 5.5R9P6'], height: 1, host: 'fw' },
  { vendor: 'Sangfor', model: 'AF-1000-B1350', category: 'security', weight: { cn: 3, intl: 0 }, serial: serials.sangfor, firmware: ['AF 8.0.85', 'AF 8.0.75'], height: 1, host: 'ngaf' },
  // Databases, middleware, virtualisation and operating systems, registered by licence number
  { vendor: 'Oracle', model: 'Oracle Database 19c Enterprise Edition', category: 'software', weight: { cn: 2, intl: 2 }, serial: (r) => `CSI-${r.digits(8)}`, software: ['19.21.0.0.0', '19.23.0.0.0'], height: 0, host: 'ora' },
  { vendor: '武汉达梦', model: '达梦数据库 DM8 企业版', category: 'software', weight: { cn: 3, intl: 0 }, serial: (r) => `DM8-${r.digits(4)}-${r.alnum(6)}`, software: ['DM8 V8.1.3.62', 'DM8 V8.1.2.192'], height: 0, host: 'dm' },
  { vendor: '人大金仓', model: 'KingbaseES V8 企业版', category: 'software', weight: { cn: 2, intl: 0 }, serial: (r) => `KES-V8-${r.digits(8)}`, software: ['V008R006C008B0014'], height: 0, host: 'kes' },
  { vendor: '东方通', model: 'TongWeb 7 企业版', category: 'software', weight: { cn: 3, intl: 0 }, serial: (r) => `TW7-${r.digits(8)}`, software: ['7.0.4.9', '7.0.4.2'], height: 0, host: 'tw' },
  { vendor: '东方通', model: 'TongLINK/Q 8.1 消息中间件', category: 'software', weight: { cn: 1, intl: 0 }, serial: (r) => `TLQ8-${r.digits(8)}`, software: ['8.1.15.0'], height: 0, host: 'tlq' },
  { vendor: 'Oracle', model: 'WebLogic Server 12c', category: 'software', weight: { cn: 1, intl: 2 }, serial: (r) => `CSI-${r.digits(8)}`, software: ['12.2.1.4.0'], height: 0, host: 'wls' },
  { vendor: 'VMware', model: 'vSphere 7 Enterprise Plus', category: 'software', weight: { cn: 2, intl: 3 }, serial: (r) => `VMW-${r.digits(10)}`, software: ['7.0 Update 3p'], height: 0, host: 'vc' },
  { vendor: 'Red Hat', model: 'Red Hat Enterprise Linux 8 Server', category: 'software', weight: { cn: 1, intl: 3 }, serial: (r) => `RHSUB-${r.digits(8)}`, software: ['8.8', '8.10'], height: 0, host: 'rhel' },
  { vendor: '麒麟软件', model: '银河麒麟高级服务器操作系统 Kylin V10', category: 'software', weight: { cn: 3, intl: 0 }, serial: (r) => `KY10-${r.alnum(10)}`, software: ['V10 SP3 2403', 'V10 SP2'], height: 0, host: 'ky' },
];

const STATUSES: [AssetStatus, number][] = [
  ['in_service', 90],
  ['under_repair', 5],
  ['retired', 3],
  ['on_loan', 2],
];

const REPAIR_NOTES = ['硬盘告警,已更换备盘待回收', '电源模块故障,等待厂商备件', '主板故障,已报修厂商', '端口光模块故障,已临时切换链路'];

/** An asset to register, and the parts to register under it once it has an id. */
export interface PlannedAsset {
  input: CreateAssetBody;
  parts: CreateAssetBody[];
}

/**
 * Plans a customer's register. `contractIds` maps a contract's seq to its id; each device is on
 * the contract that covers its category (a few are not under contract at all).
 */
export function planAssets(
  r: SeededRandom,
  file: DemoCustomerFile,
  ids: { customerId: number; contractIds: Map<string, number>; siteIds: Map<string, number> },
  today: string,
): PlannedAsset[] {
  const profile: Profile = file.code === 'GFLOG' ? 'intl' : 'cn';
  const products = CATALOGUE.filter((p) => p.weight[profile] > 0).map((p) => [p, p.weight[profile]] as const);
  const hostCount = new Map<string, number>();
  const nextUnit = new Map<string, number>();
  let address = 10;

  const place = (site: DemoSite, height: number, near?: { room: string; rack: string }) => {
    if (height === 0) return { room: near?.room ?? '', rack: near?.rack ?? '', unit: '' };
    const room = near?.room ?? (site.rooms.length > 1 && r.chance(0.3) ? r.pick(site.rooms.slice(1)) : site.rooms[0]!);
    const rack = near?.rack ?? `${r.pick(['A', 'B', 'C', 'D'])}${String(r.int(1, 12)).padStart(2, '0')}`;
    const key = `${site.name}|${room}|${rack}`;
    const low = nextUnit.get(key) ?? r.int(2, 8);
    nextUnit.set(key, low + height + r.int(0, 2));
    return { room, rack, unit: height === 1 ? `U${low}` : `U${low}-U${low + height - 1}` };
  };

  const planned: PlannedAsset[] = [];
  for (let i = 0; i < file.assets; i++) {
    const product = r.weighted(products);
    const site = r.chance(0.7) ? file.sites[0]! : r.pick(file.sites);
    const position = place(site, product.height);
    const installDate = addDays(today, -r.int(150, 2100));
    const contract = file.contracts.find((c) => c.covers.includes(product.category));
    let contractSeq = contract && r.chance(0.92) ? contract.seq : undefined;
    let warrantyEnd: string | undefined;
    // Every eleventh device is out of contract on its vendor warranty alone, ending within 30, 60
    // or 90 days: the renewals the expiring-warranty lists exist to show.
    if (i % 11 === 5) {
      contractSeq = undefined;
      warrantyEnd = addDays(today, r.pick([r.int(3, 29), r.int(31, 59), r.int(61, 89)]));
    } else if (product.category !== 'software' && r.chance(0.35)) {
      warrantyEnd = addDays(installDate, r.pick([3, 5]) * 365);
    }
    const status = r.weighted(STATUSES);
    const hostTag = `${file.code.toLowerCase()}-${product.host}`;
    const n = (hostCount.get(hostTag) ?? 0) + 1;
    hostCount.set(hostTag, n);
    const hostname = product.category === 'software' ? '' : `${hostTag}${String(n).padStart(2, '0')}`;
    const ipAddress = product.category === 'software' ? '' : `10.${file.net}.${Math.floor(address / 250) + 1}.${(address++ % 250) + 2}`;
    const input: CreateAssetBody = {
      customerId: ids.customerId,
      serialNumber: product.serial(r),
      vendor: product.vendor,
      model: product.model,
      category: product.category,
      siteId: ids.siteIds.get(site.name) ?? null,
      contractId: contractSeq ? (ids.contractIds.get(contractSeq) ?? null) : null,
      ...position,
      firmwareVersion: product.firmware ? r.pick(product.firmware) : '',
      softwareVersion: product.software ? r.pick(product.software) : '',
      ipAddress,
      hostname,
      installDate,
      warrantyEnd: warrantyEnd ?? null,
      warrantyCardNo: warrantyEnd ? `${/^[A-Za-z]{2}/.test(product.vendor) ? product.vendor.slice(0, 2).toUpperCase() : 'CN'}-${installDate.slice(0, 4)}-${r.digits(6)}` : '',
      status,
      notes: status === 'under_repair' ? r.pick(REPAIR_NOTES) : status === 'retired' ? '已下线,待资产处置' : '',
    };
    const parts: CreateAssetBody[] = [];
    for (const { part, chance, max } of product.parts ?? []) {
      for (let k = 0; k < max && r.chance(chance); k++) {
        parts.push({
          customerId: ids.customerId,
          serialNumber: part.serial(r),
          vendor: part.vendor,
          model: part.model,
          category: part.category,
          siteId: input.siteId,
          contractId: input.contractId,
          ...place(site, part.height, { room: position.room, rack: position.rack }),
          firmwareVersion: part.firmware ?? r.pick(product.firmware ?? ['']),
          installDate,
          status: status === 'retired' ? 'retired' : 'in_service',
        });
      }
    }
    planned.push({ input, parts });
  }
  return planned;
}
