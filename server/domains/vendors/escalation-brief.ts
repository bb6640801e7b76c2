import type { Locale } from '../../http/messages.js';

/**
 * The hand-over for a vendor's engineers (R6: 同时提供用户的信息和已经执行的操作和结果): who the
 * customer is and where, the device with its versions, the fault, then every action taken and its
 * result in time order, one line each. Pure: the service gathers the facts, this writes the text
 * in the request's language for the engineer to edit before it is sent.
 */

export const BRIEF_TIME_ZONE = 'Asia/Shanghai';

export interface BriefFacts {
  ticket: { number: string; title: string; grade: string | null; description: string; debugInfo: string; createdAt: number };
  customer: { name: string; address: string; phone: string };
  site: { name: string; address: string } | null;
  caller: { name: string; phone: string };
  asset: { serialNumber: string; vendor: string; model: string; softwareVersion: string; firmwareVersion: string; hostname: string; ipAddress: string } | null;
  actions: BriefAction[];
}

export type BriefAction = { at: number; who: string } & (
  | { kind: 'note' | 'reply'; body: string }
  | { kind: 'call'; callerName: string; minutes: number | null; body: string }
  | { kind: 'status'; from: string; to: string; body: string }
  | { kind: 'remote'; method: string; findings: string; actions: string; result: string }
  | { kind: 'arrival'; visit: string }
  | { kind: 'visit_log'; visit: string; body: string }
  | { kind: 'escalation'; action: string; vendorName: string; caseNumber: string }
);

const STATUS: Record<string, [string, string]> = {
  new: ['新建', 'New'],
  accepted: ['已受理', 'Accepted'],
  remote_diagnosis: ['远程诊断', 'Remote diagnosis'],
  solution_proposed: ['已提出方案', 'Solution proposed'],
  on_site: ['现场处理', 'On site'],
  escalated: ['已上报厂商', 'Escalated to vendor'],
  restored: ['已恢复', 'Restored'],
  awaiting_confirmation: ['待客户确认', 'Awaiting confirmation'],
  waiting_customer: ['等待客户', 'Waiting for customer'],
  investigating: ['调查中', 'Investigating'],
  answered: ['已答复', 'Answered'],
  in_progress: ['处理中', 'In progress'],
  resolved: ['已处理', 'Resolved'],
  closed: ['已关闭', 'Closed'],
};
const GRADE: Record<string, [string, string]> = {
  general: ['一般故障', 'General fault'],
  major: ['重大故障', 'Major fault'],
  emergency: ['重大灾害或特殊情况', 'Emergency / disaster'],
};
const METHOD: Record<string, [string, string]> = { phone: ['电话', 'phone'], remote_login: ['远程登录', 'remote login'] };
const RESULT: Record<string, [string, string]> = {
  in_progress: ['进行中', 'in progress'],
  solved: ['已远程解决', 'solved remotely'],
  needs_visit: ['需上门', 'needs a visit'],
  needs_vendor: ['需厂商支持', "needs the vendor's support"],
};

const WORDS = {
  'zh-CN': {
    title: '故障上报',
    reported: '报修时间',
    customerSection: '【客户信息】',
    customer: '客户',
    site: '地点',
    contact: '联系人',
    deviceSection: '【设备信息】',
    device: '设备',
    noDevice: '未登记设备',
    serial: '序列号',
    software: '软件版本',
    firmware: '固件版本',
    host: '主机名 / IP',
    faultSection: '【故障情况】',
    fault: '故障',
    grade: '等级',
    description: '故障描述',
    debug: '调试信息',
    actionsSection: '【已执行的操作和结果】',
    noActions: '(暂无记录)',
    note: '备注',
    reply: '答复客户',
    call: '电话',
    minutes: '分钟',
    status: '状态',
    remote: '远程诊断',
    found: '发现',
    did: '操作',
    result: '结果',
    arrival: '到达现场',
    visit: '现场',
    escalation: { opened: '已上报厂商', sent: '发给厂商', received: '厂商答复', closed: '厂商支持结束' } as Record<string, string>,
    caseNumber: '案例号',
    colon: ':',
    sep: ';',
    open: '(',
    close: ')',
    list: '、',
  },
  en: {
    title: 'Fault escalation',
    reported: 'Reported',
    customerSection: '[Customer]',
    customer: 'Customer',
    site: 'Site',
    contact: 'Contact',
    deviceSection: '[Device]',
    device: 'Device',
    noDevice: 'no device recorded',
    serial: 'Serial number',
    software: 'Software version',
    firmware: 'Firmware version',
    host: 'Host / IP',
    faultSection: '[Fault]',
    fault: 'Fault',
    grade: 'Grade',
    description: 'Description',
    debug: 'Debugging information',
    actionsSection: '[Actions taken and results]',
    noActions: '(none recorded)',
    note: 'Note',
    reply: 'Reply to customer',
    call: 'Call',
    minutes: 'min',
    status: 'Status',
    remote: 'Remote diagnosis',
    found: 'found',
    did: 'did',
    result: 'result',
    arrival: 'Arrived on site',
    visit: 'On site',
    escalation: { opened: 'Escalated to', sent: 'Sent to', received: 'Answer from', closed: 'Closed the case with' } as Record<string, string>,
    caseNumber: 'case',
    colon: ': ',
    sep: '; ',
    open: ' (',
    close: ')',
    list: ', ',
  },
} as const;

const formats = new Map<string, Intl.DateTimeFormat>();

/** An instant as 'YYYY-MM-DD HH:mm' in China Standard Time, whatever the server's zone. */
export function briefTime(epochMs: number): string {
  let format = formats.get(BRIEF_TIME_ZONE);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone: BRIEF_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formats.set(BRIEF_TIME_ZONE, format);
  }
  const parts = format.formatToParts(new Date(epochMs));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

const MAX_LINE_TEXT = 500;

/** A text on one line, cut short when long: the brief is read at a glance, the ticket has the rest. */
function oneLine(text: string): string {
  const flat = text.replace(/\s*\n\s*/g, ' / ').replace(/\s+/g, ' ').trim();
  return flat.length > MAX_LINE_TEXT ? `${flat.slice(0, MAX_LINE_TEXT - 1)}…` : flat;
}

function label(table: Record<string, [string, string]>, key: string, locale: Locale): string {
  const pair = table[key];
  return pair ? pair[locale === 'en' ? 1 : 0] : key;
}

function joined(parts: (string | null | undefined | false)[], separator: string): string {
  return parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '').join(separator);
}

function describeAction(a: BriefAction, locale: Locale): string {
  const w = WORDS[locale];
  const said = (head: string, body: string) => (body.trim() ? `${head}${w.colon}${oneLine(body)}` : head);
  switch (a.kind) {
    case 'note':
      return said(w.note, a.body);
    case 'reply':
      return said(w.reply, a.body);
    case 'call': {
      const detail = joined([a.callerName, a.minutes !== null && `${a.minutes} ${w.minutes}`], w.list);
      return said(detail ? `${w.call}${w.open}${detail}${w.close}` : w.call, a.body);
    }
    case 'status':
      return said(`${w.status}${w.colon}${label(STATUS, a.from, locale)} → ${label(STATUS, a.to, locale)}`, a.body);
    case 'remote': {
      const detail = joined(
        [a.findings.trim() && `${w.found}${w.colon}${oneLine(a.findings)}`, a.actions.trim() && `${w.did}${w.colon}${oneLine(a.actions)}`, a.result && `${w.result}${w.colon}${label(RESULT, a.result, locale)}`],
        w.sep,
      );
      return `${w.remote}${w.open}${label(METHOD, a.method, locale)}${w.close}${detail ? w.colon + detail : ''}`;
    }
    case 'arrival':
      return `${w.arrival} ${a.visit}`;
    case 'visit_log':
      return said(`${w.visit} ${a.visit}`, a.body);
    case 'escalation': {
      const head = `${w.escalation[a.action] ?? a.action} ${a.vendorName}`;
      return a.caseNumber ? `${head}${w.open}${w.caseNumber} ${a.caseNumber}${w.close}` : head;
    }
  }
}

/** Writes the brief from the gathered facts, in Chinese or English. */
export function composeBrief(facts: BriefFacts, locale: Locale): string {
  const w = WORDS[locale];
  const line = (name: string, value: string | null | undefined) => (value && value.trim() ? `${name}${w.colon}${value.trim()}` : null);
  const block = (name: string, value: string) => (value.trim() ? `${name}${w.colon.trimEnd()}\n${value.trim()}` : null);
  const { ticket, customer, site, caller, asset } = facts;

  const place = site ? joined([site.name, site.address || customer.address], w.list) : customer.address;
  const contact = joined([caller.name, caller.phone], ' ') || customer.phone;
  const device = asset
    ? [
        line(w.device, joined([asset.vendor, asset.model], ' ')),
        line(w.serial, asset.serialNumber),
        line(w.software, asset.softwareVersion),
        line(w.firmware, asset.firmwareVersion),
        line(w.host, joined([asset.hostname, asset.ipAddress], ' / ')),
      ]
    : [line(w.device, w.noDevice)];
  const actions = [...facts.actions]
    .sort((a, b) => a.at - b.at)
    .map((a) => joined([briefTime(a.at), a.who, describeAction(a, locale)], ' '));

  const sections: (string | null)[][] = [
    [`${w.title} ${ticket.number}`, line(w.reported, briefTime(ticket.createdAt))],
    [w.customerSection, line(w.customer, customer.name), line(w.site, place), line(w.contact, contact)],
    [w.deviceSection, ...device],
    [w.faultSection, line(w.fault, ticket.title), line(w.grade, ticket.grade ? label(GRADE, ticket.grade, locale) : null), block(w.description, ticket.description), block(w.debug, ticket.debugInfo)],
    [w.actionsSection, ...(actions.length ? actions : [w.noActions])],
  ];
  return sections.map((s) => s.filter((l): l is string => l !== null).join('\n')).join('\n\n');
}
