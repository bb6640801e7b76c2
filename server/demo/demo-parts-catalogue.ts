/**
 * The demo's spare parts (issue 7): the catalogue a provider of Wuhan's hospitals, utilities and
 * colleges keeps for the devices in the demo register (demo-assets.ts) — drives, memory, power
 * supplies, fans, boards, controllers, optics, cables and whole loaner servers — with the makers'
 * part numbers and unit serials as they print them; the stores; and the stock history's plan
 * (receipts, transfers, adjustments, the stock count, RMA cases and loaners) that demo-parts.ts
 * runs through the services. Days are counted back from the day the demo is loaded.
 */
import type { StoreKind } from '../domains/parts/parts.schemas.js';
import type { SeededRandom } from './random.js';

/** What a part is, as the visits' parts used say it (demo-field-*.ts), to pick the part a visit swapped. */
export type PartKind = 'disk' | 'ssd' | 'memory' | 'psu' | 'fan' | 'board' | 'controller' | 'raid' | 'optic' | 'cable' | 'loaner';

export interface DemoPartSpec {
  partNumber: string;
  /** The maker, written as the assets write it (and the vendors on file know it). */
  vendor: string;
  description: string;
  /** The demo register's models it fits. */
  models: readonly string[];
  unit: string;
  /** Serial-tracked parts: how the maker's unit serials look; null for parts counted in bulk. */
  serial: ((r: SeededRandom) => string) | null;
  kind: PartKind;
  /** The central warehouse: opening stock and minimum (0: none). */
  central: readonly [stock: number, minimum: number];
  notes?: string;
}

const sn = {
  huawei: (r: SeededRandom) => `2102${r.pick(['311', '312', '313', '350'])}${r.alnum(3)}10${r.alnum(1)}${r.digits(7)}`,
  h3c: (r: SeededRandom) => `210235A${r.alnum(3)}H${r.digits(9)}`,
  drive: (r: SeededRandom) => `${r.pick(['WFK', 'WBN', 'S4E', 'ZAD'])}${r.alnum(5)}`,
  dellPpid: (r: SeededRandom) => `CN0${r.alnum(5)}${r.digits(5)}${r.alnum(4)}`,
  dellTag: (r: SeededRandom) => r.alnum(7),
  inspurPart: (r: SeededRandom) => `IS${r.digits(2)}${r.alnum(4)}${r.digits(6)}`,
  inspur: (r: SeededRandom) => `21${r.pick(['8', '9'])}${r.digits(7)}`,
  lenovo: (r: SeededRandom) => `Y0${r.alnum(8)}`,
  hpe: (r: SeededRandom) => `${r.pick(['7CE', '2M2'])}${r.digits(3)}${r.alnum(4)}`,
  cisco: (r: SeededRandom) => `LIT${r.digits(4)}${r.alnum(4)}`,
  broadcom: (r: SeededRandom) => `SK${r.digits(8)}`,
};

const H5 = 'FusionServer 2288H V5';
const H6 = 'FusionServer 2288H V6';
const RH = 'RH2288 V3';
const R49 = 'UniServer R4900 G5';
const R750 = 'PowerEdge R750';
const R740 = 'PowerEdge R740';
const NF80 = 'NF5280M6';
const NF70 = 'NF5270M6';
const SR650 = 'ThinkSystem SR650 V2';
const DL380 = 'ProLiant DL380 Gen10';

export const DEMO_PARTS: readonly DemoPartSpec[] = [
  // Huawei servers and storage
  { partNumber: '02311HAP', vendor: 'Huawei', description: '1.2TB 10K SAS 硬盘(2.5 英寸,含托架)', models: [H5, H6, RH], unit: '块', serial: sn.drive, kind: 'disk', central: [8, 3] },
  { partNumber: '06200241', vendor: 'Huawei', description: '32GB DDR4 RDIMM 内存(2933MHz)', models: [H5, RH], unit: '条', serial: null, kind: 'memory', central: [12, 4] },
  { partNumber: '06200282', vendor: 'Huawei', description: '32GB DDR4 RDIMM 内存(3200MHz)', models: [H6], unit: '条', serial: null, kind: 'memory', central: [8, 4] },
  { partNumber: '02131449', vendor: 'Huawei', description: '900W 交流电源模块(铂金)', models: [H5, H6, RH], unit: '个', serial: sn.huawei, kind: 'psu', central: [6, 5] },
  { partNumber: '02312JFG', vendor: 'Huawei', description: '风扇模块(8038 对旋)', models: [H5, H6], unit: '个', serial: null, kind: 'fan', central: [6, 2] },
  { partNumber: '03024LNG', vendor: 'Huawei', description: '主板(2288H V6,BC83AMDA)', models: [H6], unit: '块', serial: sn.huawei, kind: 'board', central: [1, 1] },
  { partNumber: '02351BVN', vendor: 'Huawei', description: 'OceanStor 1.2TB 10K SAS 硬盘', models: ['OceanStor 5310', 'OceanStor 5510', 'OceanStor 2U 25 盘位 SAS 硬盘框'], unit: '块', serial: sn.drive, kind: 'disk', central: [6, 2] },
  { partNumber: '02353AGL', vendor: 'Huawei', description: 'OceanStor 1.92TB SAS SSD', models: ['OceanStor 5310', 'OceanStor 5510', 'OceanStor Dorado 5000 V6'], unit: '块', serial: sn.drive, kind: 'ssd', central: [4, 2] },
  { partNumber: '03058425', vendor: 'Huawei', description: 'OceanStor 5310 控制器(64GB 缓存)', models: ['OceanStor 5310'], unit: '个', serial: sn.huawei, kind: 'controller', central: [2, 1] },
  { partNumber: '02318169', vendor: 'Huawei', description: 'SFP+ 10G 多模光模块(850nm,300m,LC)', models: ['CloudEngine S5735-L48T4X-A1', 'CloudEngine S6730-H48X6C', 'CloudEngine CE6881-48S6CQ', 'HiSecEngine USG6555E'], unit: '个', serial: null, kind: 'optic', central: [20, 8] },
  { partNumber: '02312WXP', vendor: 'Huawei', description: '600W 交流电源模块(交换机)', models: ['CloudEngine S6730-H48X6C', 'CloudEngine CE6881-48S6CQ'], unit: '个', serial: sn.huawei, kind: 'psu', central: [3, 1] },
  { partNumber: 'BYJ-2288HV5', vendor: 'Huawei', description: 'FusionServer 2288H V5 整机备用机(2×Gold 5218/256GB/4×1.2TB)', models: [H5], unit: '台', serial: sn.huawei, kind: 'loaner', central: [2, 0], notes: '备用机,借出需登记借用单' },
  // H3C
  { partNumber: '0231A0LV', vendor: 'H3C', description: '1.2TB 10K SAS 硬盘(2.5 英寸)', models: [R49], unit: '块', serial: sn.drive, kind: 'disk', central: [6, 2] },
  { partNumber: '0231AC4X', vendor: 'H3C', description: '32GB DDR4 RDIMM 内存(3200MHz)', models: [R49], unit: '条', serial: null, kind: 'memory', central: [8, 3] },
  { partNumber: '0231A8B5', vendor: 'H3C', description: '800W 电源模块(铂金)', models: [R49], unit: '个', serial: sn.h3c, kind: 'psu', central: [4, 2] },
  { partNumber: '0231A68V', vendor: 'H3C', description: 'SFP+ 10G 多模光模块(SFP-XG-SX-MM850-A)', models: ['S6520X-30QC-EI', 'S5560X-54C-EI', 'SecPath F1000-AI-55'], unit: '个', serial: null, kind: 'optic', central: [16, 6] },
  { partNumber: '0231A5L9', vendor: 'H3C', description: '250W 交流电源模块(PSR250-12A1)', models: ['S5560X-54C-EI', 'S6520X-30QC-EI'], unit: '个', serial: sn.h3c, kind: 'psu', central: [3, 1] },
  { partNumber: 'BYJ-R4900G5', vendor: 'H3C', description: 'UniServer R4900 G5 整机备用机(2×Gold 5318Y/128GB)', models: [R49], unit: '台', serial: sn.h3c, kind: 'loaner', central: [1, 0], notes: '备用机,借出需登记借用单' },
  // Dell
  { partNumber: '400-ATJL', vendor: 'Dell', description: '1.2TB 10K SAS 硬盘(12Gbps,2.5 英寸)', models: [R750, R740], unit: '块', serial: sn.drive, kind: 'disk', central: [8, 3] },
  { partNumber: '370-AEVQ', vendor: 'Dell', description: '32GB DDR4 RDIMM 内存(3200MT/s)', models: [R750, R740], unit: '条', serial: null, kind: 'memory', central: [10, 4] },
  { partNumber: '450-AIQX', vendor: 'Dell', description: '1400W 电源模块(铂金,热插拔)', models: [R750, R740], unit: '个', serial: sn.dellPpid, kind: 'psu', central: [4, 4] },
  { partNumber: '405-AAZB', vendor: 'Dell', description: 'PERC H755 RAID 卡', models: [R750, 'PERC H755 RAID 卡'], unit: '块', serial: sn.dellPpid, kind: 'raid', central: [2, 1] },
  { partNumber: '384-BCRF', vendor: 'Dell', description: '风扇模块(高性能,金牌)', models: [R750], unit: '个', serial: null, kind: 'fan', central: [6, 2] },
  { partNumber: '400-BLCH', vendor: 'Dell', description: 'PowerStore 1.92TB NVMe SSD', models: ['PowerStore 1000T'], unit: '块', serial: sn.drive, kind: 'ssd', central: [3, 1] },
  { partNumber: 'BYJ-R750', vendor: 'Dell', description: 'PowerEdge R750 整机备用机(2×Silver 4314/128GB)', models: [R750], unit: '台', serial: sn.dellTag, kind: 'loaner', central: [2, 0], notes: '备用机 loaner; record every loan' },
  // Inspur
  { partNumber: 'YZCA-00419', vendor: 'Inspur', description: '1.2TB 10K SAS 硬盘(2.5 英寸)', models: [NF80, NF70], unit: '块', serial: sn.drive, kind: 'disk', central: [5, 2] },
  { partNumber: 'YZPW-00331', vendor: 'Inspur', description: '1300W 电源模块(铂金)', models: [NF80, NF70], unit: '个', serial: sn.inspurPart, kind: 'psu', central: [3, 1] },
  { partNumber: 'YZDK-00532', vendor: 'Inspur', description: 'AS5300G5 1.2TB 10K SAS 硬盘', models: ['AS5300G5', 'AS5300G5 2U25 扩展柜'], unit: '块', serial: sn.drive, kind: 'disk', central: [3, 1] },
  { partNumber: 'YZCT-01207', vendor: 'Inspur', description: 'AS5300G5 控制器(128GB 缓存)', models: ['AS5300G5'], unit: '个', serial: sn.inspurPart, kind: 'controller', central: [1, 1] },
  { partNumber: 'BYJ-NF5280M6', vendor: 'Inspur', description: 'NF5280M6 整机备用机(2×Gold 5318Y/128GB)', models: [NF80], unit: '台', serial: sn.inspur, kind: 'loaner', central: [1, 0], notes: '备用机,借出需登记借用单' },
  // Lenovo, HPE, Cisco
  { partNumber: '7XB7A00027', vendor: 'Lenovo', description: 'ThinkSystem 1.2TB 10K SAS 硬盘(2.5 英寸)', models: [SR650], unit: '块', serial: sn.drive, kind: 'disk', central: [3, 1] },
  { partNumber: '4P57A72671', vendor: 'Lenovo', description: 'ThinkSystem 1100W 电源模块(铂金)', models: [SR650], unit: '个', serial: sn.lenovo, kind: 'psu', central: [2, 1] },
  { partNumber: '872479-B21', vendor: 'HPE', description: '1.2TB 10K SAS 硬盘(SFF SC)', models: [DL380], unit: '块', serial: sn.drive, kind: 'disk', central: [4, 2] },
  { partNumber: 'P38995-B21', vendor: 'HPE', description: '800W Flex Slot 电源模块', models: [DL380], unit: '个', serial: sn.hpe, kind: 'psu', central: [3, 1] },
  { partNumber: 'SFP-10G-SR', vendor: 'Cisco', description: 'SFP+ 10G 多模光模块(850nm)', models: ['Catalyst 9300-48P', 'Catalyst 9500-48Y4C', 'Nexus 93180YC-FX'], unit: '个', serial: null, kind: 'optic', central: [10, 4] },
  { partNumber: 'PWR-C1-715WAC-P', vendor: 'Cisco', description: '715W 交流电源模块(Catalyst 9300)', models: ['Catalyst 9300-48P'], unit: '个', serial: sn.cisco, kind: 'psu', central: [2, 1] },
  // Broadcom cards and cabling
  { partNumber: '05-50077-00', vendor: 'Broadcom', description: 'MegaRAID 9460-8i RAID 卡(2GB 缓存)', models: [H5, H6, R49, NF80, 'MegaRAID 9460-8i RAID 卡'], unit: '块', serial: sn.broadcom, kind: 'raid', central: [3, 1] },
  { partNumber: 'CAT6A-3M', vendor: '通用', description: '超六类屏蔽网线(3 米)', models: [], unit: '根', serial: null, kind: 'cable', central: [40, 15] },
  { partNumber: 'LC-LC-MM-3M', vendor: '通用', description: 'LC-LC 多模光纤跳线(OM3,3 米)', models: [], unit: '根', serial: null, kind: 'cable', central: [30, 10] },
];

export type StoreKey = 'central' | 'whsy' | 'gflog' | 'cjsw';

export interface DemoStoreSpec {
  key: StoreKey;
  name: string;
  kind: StoreKind;
  /** The customer (by code) whose site or contract keeps it. */
  customer?: string;
  site?: string;
  /** The contract, by its seq (demo-records.ts). */
  contractSeq?: string;
  notes: string;
  /** Opening stock transferred from the central warehouse: part number → [quantity, minimum]. */
  stock: Record<string, readonly [number, number]>;
}

/**
 * The central warehouse and the stores kept for the contracts that promise spares on site
 * (demo-records.ts: WHSY 031, CJSW 042, GFLOG 005), each holding spares for that customer's models.
 */
export const DEMO_STORES: readonly DemoStoreSpec[] = [
  { key: 'central', name: '武汉中心备件库', kind: 'central', notes: '武汉市东西湖区金山大道 1309 号维保备件中心仓;收发货 8:30—17:30,急件 7×24 电话 13807140021', stock: {} },
  {
    key: 'whsy',
    name: '武汉市第三医院现场备件库',
    kind: 'site',
    customer: 'WHSY',
    site: '总院(江汉院区)',
    notes: '主楼3层机房备件柜(合同约定现场备件);钥匙由驻场工程师保管',
    stock: {
      '02311HAP': [2, 2],
      '02131449': [2, 1],
      '0231A0LV': [2, 2],
      '0231A8B5': [2, 1],
      '0231AC4X': [4, 2],
      '400-ATJL': [2, 2],
      '450-AIQX': [1, 1],
      '02351BVN': [2, 2],
      '0231A68V': [4, 2],
      'LC-LC-MM-3M': [6, 4],
      'CAT6A-3M': [10, 5],
    },
  },
  {
    key: 'gflog',
    name: 'Greenfield 阳逻现场备件库',
    kind: 'site',
    customer: 'GFLOG',
    site: 'Yangluo Logistics Park 阳逻物流园',
    notes: 'On-site spares cabinet in the 1F Server Room 一层机房; key with the IT Engineer (Wang Lei)',
    stock: {
      '400-ATJL': [3, 2],
      '450-AIQX': [2, 2],
      '370-AEVQ': [4, 2],
      '405-AAZB': [1, 1],
      '872479-B21': [2, 1],
      'P38995-B21': [1, 1],
      'SFP-10G-SR': [4, 2],
      'PWR-C1-715WAC-P': [1, 1],
      'LC-LC-MM-3M': [6, 3],
      'CAT6A-3M': [10, 5],
    },
  },
  {
    key: 'cjsw',
    name: '长江水务生产调度项目备件库',
    kind: 'project',
    customer: 'CJSW',
    site: '调度中心',
    contractSeq: '042',
    notes: '生产调度系统软硬件维保项目(2025—2028)专用备件,存放于调度中心主楼3层机房',
    stock: {
      '02311HAP': [3, 2],
      '02131449': [2, 1],
      '06200241': [4, 2],
      'YZCA-00419': [2, 1],
      'YZPW-00331': [1, 1],
      '400-ATJL': [2, 1],
      '872479-B21': [2, 1],
      '02318169': [5, 4],
      '0231A68V': [4, 2],
      'CAT6A-3M': [10, 5],
    },
  },
];

/** Goods in at the central warehouse after the opening stock: [days ago, part number, quantity, purchase order]. */
export const REPLENISHMENTS: readonly (readonly [number, string, number, string])[] = [
  [121, '02311HAP', 4, 'PO-HW-0412'],
  [121, '400-ATJL', 4, 'PO-DELL-0388'],
  [119, '0231A0LV', 3, 'PO-H3C-0215'],
  [118, '02318169', 10, 'PO-HW-0413'],
  [76, '370-AEVQ', 6, 'PO-DELL-0402'],
  [76, '0231AC4X', 4, 'PO-H3C-0231'],
  [74, 'CAT6A-3M', 20, 'PO-GEN-0077'],
  [74, 'LC-LC-MM-3M', 10, 'PO-GEN-0077'],
  [41, '872479-B21', 2, 'PO-HPE-0091'],
  [41, '02351BVN', 2, 'PO-HW-0447'],
  [39, 'SFP-10G-SR', 6, 'PO-CSCO-0063'],
  [13, '400-ATJL', 2, 'PO-DELL-0431'],
  [12, '02318169', 6, 'PO-HW-0468'],
];

/** Top-ups from the central warehouse: [days ago, part number, store, quantity]. */
export const TOP_UPS: readonly (readonly [number, string, StoreKey, number])[] = [
  [92, '02311HAP', 'whsy', 1],
  [91, '400-ATJL', 'gflog', 1],
  [62, '0231A68V', 'cjsw', 2],
  [61, 'LC-LC-MM-3M', 'gflog', 4],
  [11, '400-ATJL', 'whsy', 1],
];

/** Hand corrections with their reasons: [days ago, store, part number, delta, reason]. */
export const ADJUSTMENTS: readonly (readonly [number, StoreKey, string, number, string])[] = [
  [95, 'whsy', 'LC-LC-MM-3M', 1, '清点备件柜发现 1 根跳线未入账(上次调拨多发),补记入库'],
  [52, 'gflog', '450-AIQX', -1, '现场备件柜未找到 1 个电源模块,疑似借用未登记,已报损并追查 / PSU missing from the cabinet'],
  [33, 'central', 'CAT6A-3M', -5, '项目部领用 5 根网线未走出库流程,补记出库'],
];

/** A minimum raised after the contract's spares review: [days ago, store, part number, minimum]. */
export const MINIMUM_CHANGES: readonly (readonly [number, StoreKey, string, number])[] = [
  [30, 'whsy', '0231A0LV', 3],
];

/** The stock count (盘点) of the project store: days ago, and what was found off the books. */
export const STOCK_COUNT = { daysAgo: 20, store: 'cjsw' as StoreKey, differences: { '02318169': -2, 'CAT6A-3M': 1 } as Record<string, number> };

export type CaseEnd = 'open' | 'overdue' | 'repaired' | 'replaced' | 'cancelled';

/**
 * The RMA cases of failed parts: which kind of part a demo visit took out, how the case ends, and
 * the window (days ago) the visit falls in.
 */
export const RMA_PLAN: readonly { kind: PartKind; outcome: CaseEnd; days: readonly [number, number] }[] = [
  { kind: 'disk', outcome: 'repaired', days: [170, 90] },
  { kind: 'psu', outcome: 'replaced', days: [165, 80] },
  { kind: 'controller', outcome: 'repaired', days: [160, 60] },
  { kind: 'disk', outcome: 'replaced', days: [150, 70] },
  { kind: 'memory', outcome: 'replaced', days: [140, 60] },
  { kind: 'psu', outcome: 'repaired', days: [130, 55] },
  { kind: 'disk', outcome: 'cancelled', days: [110, 45] },
  { kind: 'disk', outcome: 'overdue', days: [45, 30] },
  { kind: 'psu', outcome: 'overdue', days: [48, 30] },
  { kind: 'disk', outcome: 'open', days: [20, 5] },
  { kind: 'memory', outcome: 'open', days: [22, 5] },
  { kind: 'optic', outcome: 'open', days: [25, 5] },
];

/**
 * Loaners (备用机) standing in for customers' servers: the loaner part, the customer and the model
 * it replaces, when (days ago), how long until it came back (null: still out), and whether the
 * faulty server went to its vendor (a device RMA, repaired or still open).
 */
export const LOAN_PLAN: readonly { loaner: string; customer: string; model: string; days: readonly [number, number]; back: number | null; due: number; deviceRma: 'repaired' | 'open' | null }[] = [
  { loaner: 'BYJ-2288HV5', customer: 'WHSY', model: 'FusionServer 2288H V5', days: [150, 120], back: 9, due: 14, deviceRma: null },
  { loaner: 'BYJ-R4900G5', customer: 'HZKJ', model: 'UniServer R4900 G5', days: [80, 55], back: 17, due: 21, deviceRma: 'repaired' },
  { loaner: 'BYJ-2288HV5', customer: 'CJSW', model: 'FusionServer 2288H V5', days: [30, 16], back: null, due: 35, deviceRma: 'open' },
  { loaner: 'BYJ-R750', customer: 'GFLOG', model: 'PowerEdge R750', days: [26, 15], back: null, due: 7, deviceRma: null },
  { loaner: 'BYJ-NF5280M6', customer: 'HZKJ', model: 'NF5280M6', days: [12, 4], back: null, due: 14, deviceRma: null },
];
