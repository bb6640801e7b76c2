import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { literalUnion } from '../../http/literals.js';
import { PageQuery } from '../../http/pagination.js';
import type { SheetColumn } from '../../shared/spreadsheet.js';
import { CLOCK_KINDS, FAULT_GRADES } from './policy.js';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const IsoDay = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Calendar day YYYY-MM-DD (TZ_DISPLAY)' });

export const COMPLIANCE_GROUPINGS = ['clock', 'grade', 'customer', 'contract', 'team', 'month'] as const;
export type ComplianceGroupBy = (typeof COMPLIANCE_GROUPINGS)[number];

const filters = {
  from: Type.Optional({ ...IsoDay, description: 'First day of the period (clocks that started on it or later); 29 days before `to` when absent' }),
  to: Type.Optional({ ...IsoDay, description: 'Last day of the period, included; today when absent' }),
  clockKind: Type.Optional(literalUnion(CLOCK_KINDS)),
  grade: Type.Optional(literalUnion(FAULT_GRADES)),
  customerId: Type.Optional(Type.Integer({ minimum: 1 })),
  contractId: Type.Optional(Type.Integer({ minimum: 1 })),
  teamId: Type.Optional(Type.Integer({ minimum: 1 })),
  ticketKind: Type.Optional(literalUnion(['fault', 'consultation'] as const)),
};

export const ComplianceQuery = Type.Object({ ...filters, groupBy: Type.Optional(literalUnion(COMPLIANCE_GROUPINGS, { default: 'clock' })) }, { additionalProperties: false });
export type ComplianceQuery = Static<typeof ComplianceQuery>;

export const BreachListQuery = Type.Object({ ...filters, ...PageQuery }, { additionalProperties: false });
export type BreachListQuery = Static<typeof BreachListQuery>;

export const ComplianceExportQuery = Type.Object({ ...filters, format: Type.Optional(Type.Literal('xlsx', { default: 'xlsx' })) }, { additionalProperties: false });
export type ComplianceExportQuery = Static<typeof ComplianceExportQuery>;
export type ComplianceFilters = Omit<ComplianceExportQuery, 'format'>;

const Counts = {
  met: Type.Integer({ description: 'Stopped by the deadline' }),
  breached: Type.Integer({ description: 'Stopped after the deadline, or running past it' }),
  open: Type.Integer({ description: 'Still running in time or paused: not decided yet' }),
  total: Type.Integer(),
  compliance: Nullable(Type.Number({ description: 'met / (met + breached); null when nothing was decided' })),
};

export const ComplianceGroupSchema = Type.Object({ key: Nullable(Type.Union([Type.String(), Type.Integer()])), label: Type.String(), ...Counts });
export type ComplianceGroupDto = Static<typeof ComplianceGroupSchema>;

export const ComplianceReportSchema = Type.Object(
  {
    from: Type.String(),
    to: Type.String(),
    groupBy: literalUnion(COMPLIANCE_GROUPINGS),
    overall: Type.Object(Counts),
    groups: Type.Array(ComplianceGroupSchema),
  },
  { $id: 'ComplianceReport' },
);
export type ComplianceReportDto = Static<typeof ComplianceReportSchema>;

export const BreachSchema = Type.Object(
  {
    ticketId: Type.Integer(),
    ticketNumber: Nullable(Type.String()),
    clockKind: Type.String(),
    grade: Type.String(),
    customerId: Type.Integer(),
    customerName: Type.String(),
    contractId: Nullable(Type.Integer()),
    contractNumber: Nullable(Type.String()),
    teamId: Nullable(Type.Integer()),
    teamName: Nullable(Type.String()),
    ownerId: Nullable(Type.Integer()),
    ownerName: Nullable(Type.String()),
    startedAt: Type.Integer(),
    deadline: Type.Integer(),
    stoppedAt: Nullable(Type.Integer({ description: 'null: still running' })),
    overdueMs: Type.Integer({ description: 'Wall time from the deadline to the stop (or to now)' }),
  },
  { $id: 'ClockBreach' },
);
export type BreachDto = Static<typeof BreachSchema>;

export const GROUP_COLUMNS: SheetColumn[] = [
  { key: 'label', en: 'Group', zh: '分组', width: 32 },
  { key: 'met', en: 'Met', zh: '达标' },
  { key: 'breached', en: 'Breached', zh: '超时' },
  { key: 'open', en: 'Open', zh: '进行中' },
  { key: 'total', en: 'Clocks', zh: '时限数' },
  { key: 'compliance', en: 'Compliance %', zh: '达标率 %' },
];

export const BREACH_COLUMNS: SheetColumn[] = [
  { key: 'ticketNumber', en: 'Ticket', zh: '工单号', width: 20 },
  { key: 'clock', en: 'Clock', zh: '时限', width: 20 },
  { key: 'grade', en: 'Grade', zh: '等级' },
  { key: 'customerName', en: 'Customer', zh: '客户', width: 30 },
  { key: 'contractNumber', en: 'Contract', zh: '合同' },
  { key: 'teamName', en: 'Team', zh: '团队', width: 20 },
  { key: 'ownerName', en: 'Owner', zh: '负责人' },
  { key: 'startedAt', en: 'Started', zh: '开始时间', width: 20 },
  { key: 'deadline', en: 'Deadline', zh: '截止时间', width: 20 },
  { key: 'stoppedAt', en: 'Stopped', zh: '完成时间', width: 20 },
  { key: 'overdueMinutes', en: 'Overdue (min)', zh: '超时(分钟)' },
];

/** Clock and grade names for reports, in the users' words (R4, R3). */
export const CLOCK_LABELS: Record<string, { en: string; zh: string }> = {
  response: { en: 'First response', zh: '首次响应' },
  solution: { en: 'Remote solution proposal', zh: '提出解决方案' },
  dispatch: { en: 'Engineer dispatched', zh: '派出技术人员' },
  arrival: { en: 'On-site arrival', zh: '到达现场' },
  restore: { en: 'Service restored', zh: '恢复运行' },
  hardware_restore: { en: 'Hardware restored (spares on site)', zh: '硬件恢复(现场备件)' },
  report: { en: 'Fault analysis report', zh: '故障分析说明' },
};
export const GRADE_LABELS: Record<string, { en: string; zh: string }> = {
  general: { en: 'General fault', zh: '一般故障' },
  major: { en: 'Major fault', zh: '重大故障' },
  emergency: { en: 'Emergency', zh: '重大灾害或特殊情况' },
};
