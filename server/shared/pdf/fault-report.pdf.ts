import type { Locale } from '../../http/messages.js';
import { COLOR, createPdf, drawHeader, drawSection, drawTable, ensureSpace, finishPdf, formatDateTime } from './layout.js';

/** Everything printed on a fault analysis report (故障分析说明, R10), as display text. */
export interface FaultReportPdf {
  ticketNumber: string;
  title: string;
  customerName: string;
  asset: { serial: string; model: string } | null;
  grade: 'general' | 'major' | 'emergency' | null;
  /** Epoch ms. */
  reportedAt: number;
  restoredAt: number | null;
  summary: string;
  timeline: string;
  cause: string;
  handling: string;
  prevention: string;
  approvedBy: string | null;
  approvedAt: number | null;
  timeZone: string;
  providerName: string;
}

const LABELS = {
  'zh-CN': {
    title: '故障分析说明', ticket: (n: string) => `工单 ${n}`,
    subject: '故障标题', customer: '客户', asset: '设备', serial: '序列号', grade: '故障等级',
    reportedAt: '报告时间', restoredAt: '恢复时间', outage: '持续时长',
    grades: { general: '一般故障', major: '重大故障', emergency: '重大灾害或特殊情况' },
    duration: (h: number, m: number) => (h > 0 ? `${h} 小时 ${m} 分钟` : `${m} 分钟`),
    notRestored: '尚未恢复',
    summary: '摘要', timeline: '经过', cause: '原因', handling: '处理', prevention: '预防措施',
    approved: (by: string, at: string) => `审核：${by}    审核时间：${at}`, notApproved: '审核：未审核',
    generated: (at: string) => `生成时间 ${at}`, page: (n: number, total: number) => `第 ${n} / ${total} 页`,
  },
  en: {
    title: 'Fault analysis report', ticket: (n: string) => `Ticket ${n}`,
    subject: 'Fault', customer: 'Customer', asset: 'Device', serial: 'S/N', grade: 'Grade',
    reportedAt: 'Reported', restoredAt: 'Restored', outage: 'Duration',
    grades: { general: 'General fault', major: 'Major fault', emergency: 'Emergency' },
    duration: (h: number, m: number) => (h > 0 ? `${h} h ${m} min` : `${m} min`),
    notRestored: 'Not restored yet',
    summary: 'Summary', timeline: 'Timeline', cause: 'Root cause', handling: 'Handling', prevention: 'Prevention',
    approved: (by: string, at: string) => `Approved by ${by} on ${at}`, notApproved: 'Not approved yet',
    generated: (at: string) => `Generated ${at}`, page: (n: number, total: number) => `Page ${n} of ${total}`,
  },
} as const;

/** Renders a fault analysis report (故障分析说明) as an A4 PDF in the given language. */
export async function renderFaultReportPdf(report: FaultReportPdf, locale: Locale, now: number = Date.now()): Promise<Buffer> {
  const labels = LABELS[locale];
  const at = (ms: number | null) => formatDateTime(ms, report.timeZone);
  const doc = await createPdf(`${labels.title} ${report.ticketNumber}`);
  drawHeader(doc, { provider: report.providerName, title: labels.title, meta: [labels.ticket(report.ticketNumber)] });

  const minutes = report.restoredAt === null ? null : Math.max(0, Math.round((report.restoredAt - report.reportedAt) / 60_000));
  drawTable(doc, [
    { label: labels.subject, value: report.title },
    { label: labels.customer, value: report.customerName },
    { label: labels.asset, value: report.asset ? `${report.asset.model}  ${labels.serial} ${report.asset.serial}` : '—' },
    { label: labels.grade, value: report.grade ? labels.grades[report.grade] : '—' },
    [
      { label: labels.reportedAt, value: at(report.reportedAt) },
      { label: labels.restoredAt, value: report.restoredAt === null ? labels.notRestored : at(report.restoredAt) },
    ],
    { label: labels.outage, value: minutes === null ? '—' : labels.duration(Math.floor(minutes / 60), minutes % 60) },
  ]);
  drawSection(doc, labels.summary, report.summary);
  drawSection(doc, labels.timeline, report.timeline);
  drawSection(doc, labels.cause, report.cause);
  drawSection(doc, labels.handling, report.handling);
  drawSection(doc, labels.prevention, report.prevention);

  ensureSpace(doc, 30);
  const approval = report.approvedBy
    ? labels.approved(report.approvedBy, at(report.approvedAt))
    : labels.notApproved;
  const left = doc.page.margins.left;
  doc.save().strokeColor(COLOR.rule).lineWidth(0.5).moveTo(left, doc.y + 4).lineTo(doc.page.width - doc.page.margins.right, doc.y + 4).stroke().restore();
  doc.font('bold').fontSize(10).fillColor(COLOR.text).text(approval, left, doc.y + 12, { align: 'right', width: doc.page.width - left - doc.page.margins.right });

  return finishPdf(doc, {
    left: `${report.ticketNumber} · ${labels.generated(at(now))}`,
    page: labels.page,
  });
}
