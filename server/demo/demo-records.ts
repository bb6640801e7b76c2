/**
 * The demo customers' files: their sites and machine rooms, contacts, and service contracts. Days
 * are offsets from the day the demo is loaded, so contract states (active, expiring, expired)
 * stay the same whenever it is loaded.
 */
import { addDays } from '../shared/dates.js';

export interface DemoSite {
  name: string;
  address: string;
  rooms: string[];
}

export interface DemoContact {
  name: string;
  position: string;
  phone?: string;
  mobile?: string;
  email?: string;
  wechat?: string;
  /** 采购人指定技术人员: signs service forms (R9). */
  designated?: boolean;
  notes?: string;
}

export interface DemoContract {
  /** The contract's sequence in its year; the number is `WB-<year signed>-<seq>` (see contractNumber). */
  seq: string;
  name: string;
  /** Service period as days from today. */
  start: number;
  end: number;
  /** Warranty period as days from today, when the contract includes one. */
  warranty?: [number, number];
  coverage: '7x24' | 'business_hours';
  inspectionFrequency: 'monthly' | 'quarterly' | 'semiannual' | 'annual';
  inspectionContent: string;
  sparesOnSite: boolean;
  /** Hand-over to the customer's technical support centre, days from today (R14). */
  handedOver?: number;
  owner: string;
  residents: string[];
  /** Which asset categories the contract covers; the others are on the customer's other contract. */
  covers: string[];
  notes?: string;
}

export interface DemoCustomerFile {
  code: string;
  /** Second octet of the customer's management network, for device addresses. */
  net: number;
  sites: DemoSite[];
  contacts: DemoContact[];
  contracts: DemoContract[];
  /** Devices to register (components come on top). */
  assets: number;
}

/** A contract's number: signed about two weeks before its service starts, numbered in that year. */
export function contractNumber(contract: DemoContract, today: string): string {
  return `WB-${addDays(today, contract.start - 15).slice(0, 4)}-${contract.seq}`;
}

const ALL = ['server', 'storage', 'network', 'security', 'software', 'other'];

const SERVER_CHECKS = '服务器硬件状态与告警日志检查;RAID 与硬盘健康检查;BMC/带外管理检查;操作系统资源与补丁检查;机房温湿度与供电检查;出具巡检报告';
const NETWORK_CHECKS = '设备运行状态、CPU/内存与端口检查;日志与告警分析;配置备份;安全策略与特征库版本检查;链路冗余切换测试(半年一次)';
const DB_CHECKS = '数据库实例、表空间与备份检查;中间件运行状态与 JVM 检查;性能报告(AWR)分析;补丁建议;容灾切换演练(每年)';

export const CUSTOMER_FILES: DemoCustomerFile[] = [
  {
    code: 'WHSY',
    net: 20,
    sites: [
      { name: '总院(江汉院区)', address: '湖北省武汉市江汉区解放大道 241 号', rooms: ['主楼3层机房', '门诊楼1层弱电间', '住院部5层弱电间'] },
      { name: '光谷院区', address: '湖北省武汉市东湖高新区高新大道 666 号', rooms: ['灾备机房', '医技楼2层弱电间'] },
    ],
    contacts: [
      { name: '徐明(信息科)', position: '信息科科长', phone: '027-68890001', mobile: '13807145501', email: 'xuming@whsy.example', wechat: 'xuming_whsy', designated: true, notes: '采购人指定技术人员,签署服务单' },
      { name: '何静', position: '网络管理员', phone: '027-68890002', mobile: '13907145502', email: 'hejing@whsy.example' },
      { name: '王建华', position: '信息科副科长', mobile: '13607145503', email: 'wangjh@whsy.example', notes: '负责 HIS/PACS 系统' },
    ],
    contracts: [
      {
        seq: '031',
        name: '信息中心数据中心设备维保服务项目(2024—2027)',
        start: -590,
        end: 505,
        warranty: [-590, 505],
        coverage: '7x24',
        inspectionFrequency: 'monthly',
        inspectionContent: SERVER_CHECKS,
        sparesOnSite: true,
        handedOver: -560,
        owner: 'zhangwei',
        residents: ['zhoujie', 'wumin'],
        covers: ['server', 'storage', 'software', 'other'],
        notes: '7×24 小时服务,2 小时到场;现场备件库存放于主楼3层机房',
      },
      {
        seq: '017',
        name: '灾备中心网络与安全设备维保服务',
        start: -320,
        end: 45,
        coverage: 'business_hours',
        inspectionFrequency: 'quarterly',
        inspectionContent: NETWORK_CHECKS,
        sparesOnSite: false,
        handedOver: -300,
        owner: 'zhaolei',
        residents: [],
        covers: ['network', 'security'],
        notes: '合同即将到期,续签洽谈中',
      },
    ],
    assets: 85,
  },
  {
    code: 'CJSW',
    net: 30,
    sites: [
      { name: '调度中心', address: '湖北省武汉市江岸区沿江大道 68 号', rooms: ['主楼3层机房', '5层网络间'] },
      { name: '宗关水厂', address: '湖北省武汉市硚口区解放大道 35 号', rooms: ['中控室机房'] },
      { name: '青山灾备中心', address: '湖北省武汉市青山区和平大道 1188 号', rooms: ['灾备机房'] },
    ],
    contacts: [
      { name: '罗建国', position: '信息中心主任', phone: '027-85550001', mobile: '13807148801', email: 'luojg@cjsw.example' },
      { name: '陈晓峰', position: '系统管理员', phone: '027-85550016', mobile: '13971148802', email: 'chenxf@cjsw.example', wechat: 'cxf_cjsw', designated: true, notes: '采购人指定技术人员' },
      { name: '易红', position: '调度中心值班长', phone: '027-85550100', mobile: '18907148803' },
    ],
    contracts: [
      {
        seq: '008',
        name: '调度中心服务器及存储维保服务(2023—2025)',
        start: -1080,
        end: -20,
        warranty: [-1080, -20],
        coverage: 'business_hours',
        inspectionFrequency: 'quarterly',
        inspectionContent: SERVER_CHECKS,
        sparesOnSite: false,
        handedOver: -1050,
        owner: 'lihua',
        residents: [],
        covers: ['storage', 'other'],
        notes: '已到期,设备续保纳入新合同评估中',
      },
      {
        seq: '042',
        name: '生产调度系统软硬件维保服务(2025—2028)',
        start: -40,
        end: 1055,
        warranty: [-40, 690],
        coverage: '7x24',
        inspectionFrequency: 'monthly',
        inspectionContent: `${SERVER_CHECKS};${DB_CHECKS}`,
        sparesOnSite: true,
        handedOver: -30,
        owner: 'lihua',
        residents: ['sunqiang'],
        covers: ['server', 'network', 'security', 'software'],
      },
    ],
    assets: 72,
  },
  {
    code: 'HZKJ',
    net: 40,
    sites: [
      { name: '南校区信息中心', address: '湖北省武汉市洪山区珞喻路 1037 号', rooms: ['图书馆4层中心机房', '行政楼弱电间'] },
      { name: '北校区', address: '湖北省武汉市东西湖区金银湖路 18 号', rooms: ['实训楼1层机房'] },
    ],
    contacts: [
      { name: '郭晓燕', position: '网络中心主任', phone: '027-87770001', mobile: '13807146601', email: 'guoxy@hzkj.example' },
      { name: '刘博', position: '网络工程师', phone: '027-87770012', mobile: '15927146602', email: 'liubo@hzkj.example', wechat: 'liubo_net', designated: true },
    ],
    contracts: [
      {
        seq: '063',
        name: '校园网核心网络及数据中心维保服务',
        start: -210,
        end: 155,
        coverage: 'business_hours',
        inspectionFrequency: 'semiannual',
        inspectionContent: `${NETWORK_CHECKS};寒暑假前各巡检一次`,
        sparesOnSite: false,
        handedOver: -190,
        owner: 'zhaolei',
        residents: [],
        covers: ALL,
      },
    ],
    assets: 62,
  },
  {
    code: 'GFLOG',
    net: 50,
    sites: [
      { name: 'Yangluo Logistics Park 阳逻物流园', address: 'No. 8 Gangcheng Road, Xinzhou District, Wuhan 武汉市新洲区港城大道 8 号', rooms: ['1F Server Room 一层机房', '灾备机房'] },
      { name: 'Wuhan Office 武汉办公室', address: 'Room 2301, Tower B, 1 Zhongbei Road, Wuchang District 武昌区中北路 1 号 B 座 2301', rooms: ['IT Room 弱电间'] },
    ],
    contacts: [
      { name: 'Emma Smith', position: 'IT Manager', phone: '027-86660001', mobile: '13807147701', email: 'emma.smith@greenfield.example' },
      { name: '王磊 Wang Lei', position: 'IT Engineer', phone: '027-86660012', mobile: '13707147702', email: 'wang.lei@greenfield.example', designated: true, notes: 'Designated technician; signs service forms' },
      { name: 'Daniel Wu', position: 'Warehouse Operations Lead', mobile: '18607147703', email: 'daniel.wu@greenfield.example' },
    ],
    contracts: [
      {
        seq: '005',
        name: 'Greenfield WMS & data centre infrastructure support 仓储系统及机房设备维保',
        start: -95,
        end: 635,
        warranty: [-95, 270],
        coverage: '7x24',
        inspectionFrequency: 'quarterly',
        inspectionContent: `${SERVER_CHECKS};WMS 应用与数据库健康检查`,
        sparesOnSite: true,
        handedOver: -80,
        owner: 'david.chen',
        residents: ['wumin'],
        covers: ALL,
        notes: 'English-speaking engineer on call 英文服务',
      },
    ],
    assets: 50,
  },
];
