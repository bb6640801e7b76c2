import type { RemoteSessionDto, ResolutionMethod } from '../domains/field/field.schemas.js';
import type { Satisfaction } from '../domains/field/service-form.schemas.js';
import { aircon, broadcast, database, failover, port, printer } from './demo-field-network.js';
import { controller, memory, psu, raid, slow } from './demo-field-servers.js';

/**
 * What the demo's engineers did about each kind of fault: the remote diagnosis, the visit's work
 * log, the parts, how it was fixed and why it happened, what the vendor answered, and what the
 * fault analysis report proposes against a repeat, in the words engineers write on a service form
 * (the scripts themselves are in demo-field-servers.ts and demo-field-network.ts). Also what
 * customers answer when they sign.
 */

/** One way a fault was fixed on site, with the visit that fixed it. */
export interface SiteFix {
  weight: number;
  method: ResolutionMethod;
  /** What to bring, for the dispatch order. */
  bring: string;
  /** The visit's work log, in order; a visit writes one to three of them. */
  logs: [string, string, string];
  partsUsed: string;
  /** The resolution's text and root cause; also the service form's result. */
  details: string;
  rootCause: string;
  /** A software update writes the new version into the asset record (firmware or software). */
  versionField?: 'software' | 'firmware';
  /** The versions when the device has none on record. */
  versions?: [string, string];
  /** What the report proposes against a repeat, when this fix calls for its own. */
  prevention?: string;
}

/** The fix when remote diagnosis was enough (R6: 远程诊断). */
export interface RemoteFix {
  /** Not a software update: those need a maintenance window and a visit. */
  method: Exclude<ResolutionMethod, 'software_update'>;
  findings: string;
  details: string;
  rootCause: string;
}

export interface FieldScript {
  english: boolean;
  /** How likely the fault needs a visit; the rest are fixed remotely. */
  visit: number;
  /** How likely a fault that needs a visit goes on to the vendor (given the device's vendor is on file). */
  vendor: number;
  /** The remote diagnosis before a visit. */
  remote: { method: RemoteSessionDto['method']; findings: string; actions: string };
  remoteFix: RemoteFix;
  fixes: SiteFix[];
  /** For faults escalated to the vendor: the first visit, the vendor's answer, the fix with the vendor's part. */
  escalation?: { logs: [string, string]; result: string; answer: string; fix: SiteFix; makers?: string[] };
  prevention: string[];
}

/** The scripts by fault, named for demo-tickets.ts. */
export const FIELD_SCRIPTS = { psu, controller, raid, slow, memory, port, failover, broadcast, database, aircon, printer };

/** Known upgrade steps for versions in the asset register; other versions step their last number. */
const UPGRADES: Record<string, string> = {
  'OceanStor 6.1.5': 'OceanStor 6.1.6',
  'Dorado 6.1.3': 'Dorado 6.1.5',
  V200R021C10SPC600: 'V200R022C00SPC500',
  V200R022C00SPC500: 'V200R022C10SPC500',
  V600R007C20SPC600: 'V600R007C20SPC700',
  'IOS XE 17.6.5': 'IOS XE 17.9.4a',
  'NX-OS 9.3(12)': 'NX-OS 10.2(5)',
  'FortiOS 7.0.15': 'FortiOS 7.2.8',
  'AF 8.0.75': 'AF 8.0.85',
  '19.21.0.0.0': '19.23.0.0.0',
};

/** The version an update moves a device to: the next patch (SPC500 → SPC600, 0.97 → 0.98). */
export function upgradeOf(version: string): string {
  const step = (n: string) => (n.length >= 3 && n.endsWith('00') ? 100 : 1);
  return UPGRADES[version] ?? version.replace(/(\d+)(\D*)$/, (_, n: string, tail: string) => `${String(Number(n) + step(n)).padStart(n.length, '0')}${tail}`);
}

/** How customers rate the visits: mostly satisfied (满意 / 一般 / 不满意). */
export const SATISFACTION: readonly (readonly [Satisfaction, number])[] = [
  ['satisfied', 85],
  ['average', 12],
  ['dissatisfied', 3],
];

/** Why a visit has no signed form, the rare time it has none. */
export const NO_FORM_REASON = '客户指定技术人员临时外出,处理结果已由值班人员电话确认,双方同意不另签服务表格。';

const COMMENTS = {
  zh: {
    satisfied: ['工程师响应迅速,处理专业。', '到场及时,讲解清楚,辛苦了!', '处理很彻底,还帮忙检查了其他设备。', '非常感谢,夜里也能及时赶到。'],
    average: ['到场比约定时间晚了半小时。', '希望备件能提前准备好。', '处理结果可以,沟通还可以更及时一些。'],
    dissatisfied: ['同样的故障已经出现两次,希望彻底解决。', '等待备件时间过长,影响了业务。'],
  },
  en: {
    satisfied: ['Quick and professional, thank you.', 'Clear explanation of what went wrong.', 'Arrived on time and fixed it fast.'],
    average: ['Arrived later than agreed.', 'Fine, but please bring the spare parts next time.'],
    dissatisfied: ['Second time this month; please find a lasting fix.'],
  },
} as const;

/** What a customer's technician may write when signing, if anything. */
export function commentFor(english: boolean, satisfaction: Satisfaction): readonly string[] {
  return COMMENTS[english ? 'en' : 'zh'][satisfaction];
}
