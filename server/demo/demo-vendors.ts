import type { Deps } from '../deps.js';
import type { RequestContext } from '../http/actor.js';
import { createVendor, listVendors } from '../domains/vendors/vendor.service.js';
import type { SeededRandom } from './random.js';

/**
 * The vendors (原厂) whose support the demo's faults are escalated to: the makers of the devices in
 * the asset register, with their support hotlines and portals and a named engineer or two each.
 * Portals are the vendors' public support sites; hotlines, people and addresses are the demo's own
 * (e-mail under .example, like every other address in the demo).
 */
interface DemoVendor {
  name: string;
  /** The `vendor` of the assets this vendor supports. */
  makes: string[];
  /** How the vendor's case numbers start (华为 HW-20261124xxxxx). */
  casePrefix: string;
  supportPhone: string;
  supportEmail: string;
  portalUrl: string;
  notes: string;
  contacts: { name: string; role: string; phone: string; email: string }[];
}

const VENDORS: DemoVendor[] = [
  {
    name: '华为 Huawei',
    makes: ['Huawei'],
    casePrefix: 'HW-',
    supportPhone: '400-822-9999',
    supportEmail: 'enterprise-support@huawei.example',
    portalUrl: 'https://support.huawei.com/enterprise/',
    notes: '企业业务技术支援中心 7×24。报障需提供设备序列号、一键收集日志;备件 4 小时到场(武汉备件库)。',
    contacts: [
      { name: '程立新', role: '二线技术支持(存储)', phone: '13871200101', email: 'cheng.lixin@huawei.example' },
      { name: '邓雅琴', role: '客户服务经理', phone: '13871200102', email: 'deng.yaqin@huawei.example' },
    ],
  },
  {
    name: '新华三 H3C',
    makes: ['H3C'],
    casePrefix: 'H3C-',
    supportPhone: '400-810-0504',
    supportEmail: 'service@h3c.example',
    portalUrl: 'https://www.h3c.com/cn/Service/',
    notes: '7×24 技术支持热线;交换机、防火墙、UniServer 服务器。',
    contacts: [{ name: '彭志刚', role: '湖北办事处技术经理', phone: '13971300201', email: 'peng.zhigang@h3c.example' }],
  },
  {
    name: '戴尔 Dell',
    makes: ['Dell'],
    casePrefix: 'DELL-',
    supportPhone: '400-886-8610',
    supportEmail: 'prosupport-cn@dell.example',
    portalUrl: 'https://www.dell.com/support/',
    notes: 'ProSupport Plus;报障需提供服务标签(Service Tag)和 SupportAssist 日志。',
    contacts: [
      { name: '林嘉豪', role: 'ProSupport 技术客户经理 (TAM)', phone: '13871400301', email: 'jiahao.lin@dell.example' },
      { name: 'Kevin Zhao', role: 'Field Engineer', phone: '13871400302', email: 'kevin.zhao@dell.example' },
    ],
  },
  {
    name: '联想 Lenovo',
    makes: ['Lenovo'],
    casePrefix: 'LNV-',
    supportPhone: '400-106-8888',
    supportEmail: 'dcg-support@lenovo.example',
    portalUrl: 'https://datacentersupport.lenovo.com/',
    notes: 'ThinkSystem 服务器;报障需提供机器类型与序列号、XCC 服务数据。',
    contacts: [{ name: '胡文斌', role: '数据中心二线支持', phone: '13971500401', email: 'hu.wenbin@lenovo.example' }],
  },
  {
    name: '浪潮 Inspur',
    makes: ['Inspur'],
    casePrefix: 'INSPUR-',
    supportPhone: '400-860-0011',
    supportEmail: 'service@inspur.example',
    portalUrl: 'https://www.inspur.com/',
    notes: '服务器与 AS 系列存储;湖北服务站可 4 小时到场。',
    contacts: [
      { name: '宋海涛', role: '湖北服务站站长', phone: '13871600501', email: 'song.haitao@inspur.example' },
      { name: '马俊', role: '存储二线工程师', phone: '13871600502', email: 'ma.jun@inspur.example' },
    ],
  },
  {
    name: '思科 Cisco',
    makes: ['Cisco'],
    casePrefix: 'CSCO-',
    supportPhone: '400-670-7878',
    supportEmail: 'tac-china@cisco.example',
    portalUrl: 'https://www.cisco.com/c/en/us/support/',
    notes: 'Smart Net Total Care; TAC cases opened by phone or in Support Case Manager.',
    contacts: [{ name: 'Alan Xu 徐岩', role: 'TAC Engineer (Routing & Switching)', phone: '13971700601', email: 'alan.xu@cisco.example' }],
  },
  {
    name: '慧与 HPE',
    makes: ['HPE'],
    casePrefix: 'HPE-',
    supportPhone: '400-810-1058',
    supportEmail: 'support-cn@hpe.example',
    portalUrl: 'https://support.hpe.com/',
    notes: 'ProLiant 与 Nimble 存储;InfoSight 已开启主动报障。',
    contacts: [{ name: '叶楠', role: '客户支持工程师', phone: '13871800701', email: 'ye.nan@hpe.example' }],
  },
  {
    name: '甲骨文 Oracle',
    makes: ['Oracle'],
    casePrefix: 'SR-',
    supportPhone: '400-699-8888',
    supportEmail: 'support-cn@oracle.example',
    portalUrl: 'https://support.oracle.com/',
    notes: 'My Oracle Support;SR 需提供 CSI 号、AWR/ASH 报告和 alert 日志。',
    contacts: [{ name: '钱俊峰', role: '数据库高级支持工程师', phone: '13971900801', email: 'qian.junfeng@oracle.example' }],
  },
];

/** A vendor on file and how its case numbers look. */
export interface DemoVendorRef {
  id: number;
  name: string;
  casePrefix: string;
  contacts: string[];
}

/** Adds the vendors with their support contacts (skipping any already on file); by asset vendor. */
export async function loadDemoVendors(deps: Deps, ctx: RequestContext): Promise<Map<string, DemoVendorRef>> {
  const existing = new Map((await listVendors(deps, { limit: 200 })).items.map((v) => [v.name, v.id]));
  const byMaker = new Map<string, DemoVendorRef>();
  for (const { makes, casePrefix, contacts, ...vendor } of VENDORS) {
    const id = existing.get(vendor.name) ?? (await createVendor(deps, ctx, { ...vendor, contacts })).id;
    for (const maker of makes) byMaker.set(maker, { id, name: vendor.name, casePrefix, contacts: contacts.map((c) => c.name) });
  }
  return byMaker;
}

/** A case number as the vendor's portal gives it: prefix, the local day and a sequence. */
export function caseNumber(vendor: DemoVendorRef, day: string, random: SeededRandom): string {
  return `${vendor.casePrefix}${day.replaceAll('-', '')}${random.digits(5)}`;
}

export const VENDOR_COUNT = VENDORS.length;
