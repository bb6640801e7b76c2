/**
 * The first draft of a fault analysis report (故障分析说明, R10) from what the ticket recorded: a
 * summary, the timeline one line per step, the cause and the handling from the resolution and the
 * visits; prevention is the engineer's to write. Pure: the service gathers the facts.
 *
 * The draft is written in the language of the person drafting it; it is text they edit, so it
 * does not change language afterwards (the PDF's headings do).
 */
import type { Locale } from '../../http/messages.js';
import type { ReportSection } from './fault-report.schemas.js';

export interface DraftSources {
  ticket: {
    title: string;
    customerName: string;
    assetSerial: string | null;
    assetModel: string | null;
    grade: string | null;
    createdAt: number;
  };
  /** When service came back: the recorded resolution's time, else the first step to `restored`. */
  restoredAt: number | null;
  /** Public timeline entries (created, status, call), oldest first; `data` parsed. */
  events: { at: number; type: string; body: string; data: Record<string, unknown> }[];
  remoteSessions: { method: string; started_at: number; ended_at: number | null; findings: string; actions: string; result: string }[];
  visits: { number: string; arrived_at: number | null; left_at: number | null; notes: string; parts_used: string; logs: string[] }[];
  resolution: { method: string; details: string; root_cause: string; version_before: string; version_after: string; restored_at: number } | null;
}

type Texts = Record<ReportSection, string>;

const WORDS = {
  'zh-CN': {
    fault: '故障',
    customer: '客户',
    device: '设备',
    serial: '序列号',
    grade: '故障等级',
    reportedAt: '报告时间',
    restoredAt: '恢复时间',
    notRestored: '尚未恢复',
    lasted: (text: string) => `(历时 ${text})`,
    duration: (h: number, m: number) => (h > 0 ? `${h} 小时 ${m} 分钟` : `${m} 分钟`),
    grades: { general: '一般故障', major: '重大故障', emergency: '重大灾害或特殊情况' } as Record<string, string>,
    reported: (title: string) => `报障:${title}`,
    status: (label: string) => `状态变为「${label}」`,
    reopened: '工单重新打开',
    call: (minutes: number) => `电话沟通(${minutes} 分钟)`,
    remote: (method: string) => `远程诊断(${method})`,
    remoteEnded: '远程诊断结束',
    arrived: (n: string) => `工程师到达现场(${n})`,
    left: (n: string) => `工程师离开现场(${n})`,
    restored: (method: string) => `服务恢复(${method})`,
    findings: '发现',
    result: '结果',
    version: (a: string, b: string) => `版本:${a || '—'} → ${b || '—'}`,
    visit: (n: string) => `上门服务 ${n}`,
    parts: '使用备件',
    colon: ':',
    sep: ';',
    statuses: {
      new: '新建', accepted: '已受理', remote_diagnosis: '远程诊断', solution_proposed: '已提出解决方案', on_site: '现场处理',
      escalated: '已上报厂商', restored: '已恢复', awaiting_confirmation: '待客户确认', waiting_customer: '等待客户', closed: '已关闭',
    } as Record<string, string>,
    methods: {
      phone: '电话', remote_login: '远程登录', config_change: '修改配置', software_update: '升级软件', repair: '硬件维修',
      part_replaced: '更换部件', device_replaced: '更换设备', loaner_installed: '安装备用设备',
    } as Record<string, string>,
  },
  en: {
    fault: 'Fault',
    customer: 'Customer',
    device: 'Device',
    serial: 'S/N',
    grade: 'Grade',
    reportedAt: 'Reported',
    restoredAt: 'Restored',
    notRestored: 'not restored yet',
    lasted: (text: string) => `(after ${text})`,
    duration: (h: number, m: number) => (h > 0 ? `${h} h ${m} min` : `${m} min`),
    grades: { general: 'General fault', major: 'Major fault', emergency: 'Emergency' } as Record<string, string>,
    reported: (title: string) => `Fault reported: ${title}`,
    status: (label: string) => `Status: ${label}`,
    reopened: 'Ticket reopened',
    call: (minutes: number) => `Phone call (${minutes} min)`,
    remote: (method: string) => `Remote diagnosis (${method})`,
    remoteEnded: 'Remote diagnosis ended',
    arrived: (n: string) => `Engineer arrived on site (${n})`,
    left: (n: string) => `Engineer left the site (${n})`,
    restored: (method: string) => `Service restored (${method})`,
    findings: 'Findings',
    result: 'Result',
    version: (a: string, b: string) => `Version: ${a || '—'} → ${b || '—'}`,
    visit: (n: string) => `Visit ${n}`,
    parts: 'Parts used',
    colon: ': ',
    sep: '; ',
    statuses: {
      new: 'new', accepted: 'accepted', remote_diagnosis: 'remote diagnosis', solution_proposed: 'solution proposed', on_site: 'on site',
      escalated: 'escalated to the vendor', restored: 'restored', awaiting_confirmation: 'awaiting confirmation', waiting_customer: 'waiting for the customer', closed: 'closed',
    } as Record<string, string>,
    methods: {
      phone: 'phone', remote_login: 'remote login', config_change: 'configuration changed', software_update: 'software updated', repair: 'repaired',
      part_replaced: 'part replaced', device_replaced: 'device replaced', loaner_installed: 'loaner device installed',
    } as Record<string, string>,
  },
} as const;

// Building an Intl.DateTimeFormat costs more than the rest of a draft; keep one per zone.
const formats = new Map<string, Intl.DateTimeFormat>();

/** `YYYY-MM-DD HH:mm` in the display zone. */
export function formatReportTime(ms: number, timeZone: string): string {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formats.set(timeZone, format);
  }
  const p = Object.fromEntries(format.formatToParts(ms).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** Several parts of a sentence, the empty ones left out. */
function joined(parts: string[], sep: string): string {
  return parts.map((p) => p.trim()).filter(Boolean).join(sep);
}

/** Composes the five sections of a new report in the drafter's language. */
export function draftReport(src: DraftSources, locale: Locale, timeZone: string): Texts {
  const w = WORDS[locale];
  const at = (ms: number) => formatReportTime(ms, timeZone);
  const method = (m: string) => w.methods[m] ?? m;
  const labelled = (label: string, text: string) => (text.trim() ? `${label}${w.colon}${text.trim()}` : '');

  const { ticket } = src;
  const summary: string[] = [`${w.fault}${w.colon}${ticket.title}`, `${w.customer}${w.colon}${ticket.customerName}`];
  if (ticket.assetSerial) summary.push(`${w.device}${w.colon}${joined([ticket.assetModel ?? '', `${w.serial} ${ticket.assetSerial}`], ' ')}`);
  if (ticket.grade) summary.push(`${w.grade}${w.colon}${w.grades[ticket.grade] ?? ticket.grade}`);
  summary.push(`${w.reportedAt}${w.colon}${at(ticket.createdAt)}`);
  if (src.restoredAt === null) {
    summary.push(`${w.restoredAt}${w.colon}${w.notRestored}`);
  } else {
    const minutes = Math.max(0, Math.round((src.restoredAt - ticket.createdAt) / 60_000));
    summary.push(`${w.restoredAt}${w.colon}${at(src.restoredAt)} ${w.lasted(w.duration(Math.floor(minutes / 60), minutes % 60))}`);
  }

  // Each step at the time it happened; ties keep the order they were recorded in.
  const steps: { at: number; text: string }[] = [];
  for (const e of src.events) {
    if (e.type === 'created') steps.push({ at: e.at, text: w.reported(ticket.title) });
    else if (e.type === 'status') {
      const head = e.data.reopened === true ? w.reopened : w.status(w.statuses[String(e.data.to)] ?? String(e.data.to));
      steps.push({ at: e.at, text: joined([head, e.body], w.colon) });
    } else if (e.type === 'call') {
      const startedAt = typeof e.data.startedAt === 'number' ? e.data.startedAt : e.at;
      const minutes = Math.max(1, Math.round(Number(e.data.durationSec ?? 0) / 60));
      steps.push({ at: startedAt, text: joined([w.call(minutes), String(e.data.summary ?? e.body ?? '')], w.colon) });
    }
  }
  for (const s of src.remoteSessions) {
    steps.push({ at: s.started_at, text: joined([w.remote(method(s.method)), labelled(w.findings, s.findings)], w.colon) });
    if (s.ended_at !== null) steps.push({ at: s.ended_at, text: joined([w.remoteEnded, labelled(w.result, s.result)], w.colon) });
  }
  for (const v of src.visits) {
    if (v.arrived_at !== null) steps.push({ at: v.arrived_at, text: w.arrived(v.number) });
    if (v.left_at !== null) steps.push({ at: v.left_at, text: w.left(v.number) });
  }
  if (src.resolution) steps.push({ at: src.resolution.restored_at, text: w.restored(method(src.resolution.method)) });
  const timeline = steps
    .map((s, i) => ({ ...s, i }))
    .sort((a, b) => a.at - b.at || a.i - b.i)
    .map((s) => `${at(s.at)}  ${s.text}`);

  const handling: string[] = [];
  const r = src.resolution;
  if (r) {
    const how = method(r.method);
    handling.push(joined([how.charAt(0).toUpperCase() + how.slice(1), r.details], w.colon));
    if (r.version_before || r.version_after) handling.push(w.version(r.version_before, r.version_after));
  }
  for (const s of src.remoteSessions) {
    const text = joined([s.actions, labelled(w.result, s.result)], w.sep);
    if (text) handling.push(`${w.remote(method(s.method))}${w.colon}${text}`);
  }
  for (const v of src.visits) {
    const text = joined([...v.logs, v.notes, labelled(w.parts, v.parts_used)], w.sep);
    if (text) handling.push(`${w.visit(v.number)}${w.colon}${text}`);
  }

  return {
    summary: summary.join('\n'),
    timeline: timeline.join('\n'),
    cause: r?.root_cause.trim() ?? '',
    handling: handling.join('\n'),
    prevention: '',
  };
}
