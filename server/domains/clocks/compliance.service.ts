import type { Deps } from '../../deps.js';
import type { RequestContext } from '../../http/actor.js';
import { AppError } from '../../http/errors.js';
import { EXPORT_ROW_LIMIT } from '../../http/export.js';
import { decodeCursor, encodeCursor } from '../../http/pagination.js';
import { addDays, dayIn, daysBetween, isIsoDay } from '../../shared/dates.js';
import type { SheetSpec } from '../../shared/spreadsheet.js';
import { contractSummaries } from '../contracts/contract.service.js';
import { customerNames } from '../customers/customer.service.js';
import { teamNames } from '../teams/team.service.js';
import { ticketNumbers } from '../tickets/ticket.service.js';
import { userSummaries } from '../users/user.service.js';
import {
  BREACH_COLUMNS,
  CLOCK_LABELS,
  COMPLIANCE_GROUPINGS,
  GRADE_LABELS,
  GROUP_COLUMNS,
  type BreachDto,
  type BreachListQuery,
  type ComplianceFilters,
  type ComplianceGroupBy,
  type ComplianceGroupDto,
  type ComplianceQuery,
  type ComplianceReportDto,
} from './compliance.schemas.js';
import * as repo from './compliance.repository.js';
import { CLOCK_KINDS, FAULT_GRADES } from './policy.js';
import { dayNumberOf, instantOf } from './zone.js';

/** Three years: a report by month stays a few dozen buckets. */
const MAX_PERIOD_DAYS = 1100;

interface Period {
  fromDay: string;
  toDay: string;
  from: number;
  to: number;
}

/** The report's days in the display zone, as instants [from, to); today and 30 days by default. */
function periodOf(deps: Deps, ctx: RequestContext, q: { from?: string; to?: string }): Period {
  const toDay = q.to ?? dayIn(deps.clock.now(), deps.config.timeZone);
  const fromDay = q.from ?? addDays(toDay, -29);
  for (const d of [fromDay, toDay]) if (!isIsoDay(d)) throw new AppError('invalid_date', { value: d });
  if (toDay < fromDay) throw new AppError('invalid_period', { period: ctx.locale === 'en' ? 'report period' : '报表期间' });
  if (daysBetween(fromDay, toDay) >= MAX_PERIOD_DAYS) throw new AppError('period_too_long', { max: MAX_PERIOD_DAYS });
  const zone = deps.config.timeZone;
  return { fromDay, toDay, from: instantOf(zone, dayNumberOf(fromDay), 0), to: instantOf(zone, dayNumberOf(toDay) + 1, 0) };
}

function filterOf(deps: Deps, period: Period, q: ComplianceFilters): repo.ComplianceFilter {
  return {
    from: period.from,
    to: period.to,
    now: deps.clock.now(),
    clockKind: q.clockKind,
    grade: q.grade,
    customerId: q.customerId,
    contractId: q.contractId,
    teamId: q.teamId,
    ticketKind: q.ticketKind,
  };
}

/** The months of the period: bucket boundaries as instants and their YYYY-MM labels. */
function monthsOf(deps: Deps, period: Period): { buckets: number[]; labels: string[] } {
  const zone = deps.config.timeZone;
  const buckets = [period.from];
  const labels = [period.fromDay.slice(0, 7)];
  let [y, m] = period.fromDay.split('-').map(Number) as [number, number];
  for (;;) {
    m++;
    if (m > 12) [y, m] = [y + 1, 1];
    const start = `${y}-${String(m).padStart(2, '0')}-01`;
    if (start > period.toDay) break;
    buckets.push(instantOf(zone, dayNumberOf(start), 0));
    labels.push(start.slice(0, 7));
  }
  buckets.push(period.to);
  return { buckets, labels };
}

const COLUMN: Record<Exclude<ComplianceGroupBy, 'month'>, 'kind' | 'grade' | 'customer_id' | 'contract_id' | 'team_id'> = {
  clock: 'kind',
  grade: 'grade',
  customer: 'customer_id',
  contract: 'contract_id',
  team: 'team_id',
};

function counted(c: { met: number; breached: number; total: number }) {
  const decided = c.met + c.breached;
  return { met: c.met, breached: c.breached, open: c.total - decided, total: c.total, compliance: decided === 0 ? null : c.met / decided };
}

async function groupsOf(deps: Deps, ctx: RequestContext, period: Period, filter: repo.ComplianceFilter, groupBy: ComplianceGroupBy): Promise<ComplianceGroupDto[]> {
  const lang = ctx.locale === 'en' ? 'en' : 'zh';
  const none = lang === 'en' ? '(none)' : '(无)';
  if (groupBy === 'month') {
    const { buckets, labels } = monthsOf(deps, period);
    const counts = new Map((await repo.countCompliance(deps.db, filter, { buckets })).map((c) => [Number(c.key), c]));
    return labels.map((label, i) => ({ key: label, label, ...counted(counts.get(i) ?? { met: 0, breached: 0, total: 0 }) }));
  }
  const counts = await repo.countCompliance(deps.db, filter, { column: COLUMN[groupBy] });
  const ids = counts.flatMap((c) => (typeof c.key === 'number' ? [c.key] : []));
  let label: (key: string | number | null) => string;
  let order: (key: string | number | null) => number = () => 0;
  if (groupBy === 'clock') {
    label = (k) => CLOCK_LABELS[String(k)]?.[lang] ?? String(k);
    order = (k) => CLOCK_KINDS.indexOf(k as (typeof CLOCK_KINDS)[number]);
  } else if (groupBy === 'grade') {
    label = (k) => GRADE_LABELS[String(k)]?.[lang] ?? String(k);
    order = (k) => FAULT_GRADES.indexOf(k as (typeof FAULT_GRADES)[number]);
  } else if (groupBy === 'customer') {
    const names = await customerNames(deps.db, ids);
    label = (k) => (k === null ? none : (names.get(Number(k))?.name ?? `#${k}`));
  } else if (groupBy === 'contract') {
    const contracts = await contractSummaries(deps.db, ids);
    label = (k) => (k === null ? none : contracts.has(Number(k)) ? `${contracts.get(Number(k))!.number} ${contracts.get(Number(k))!.name}` : `#${k}`);
  } else {
    const names = await teamNames(deps.db, ids);
    label = (k) => (k === null ? none : (names.get(Number(k)) ?? `#${k}`));
  }
  const groups = counts.map((c) => ({ key: c.key, label: label(c.key), ...counted(c) }));
  // Fixed orders for clocks and grades; otherwise the worst first.
  return groups.sort((a, b) => order(a.key) - order(b.key) || b.breached - a.breached || a.label.localeCompare(b.label));
}

/** Share of clocks met per clock, grade, customer, contract, team or month (R4, R19). */
export async function complianceReport(deps: Deps, ctx: RequestContext, q: ComplianceQuery): Promise<ComplianceReportDto> {
  const period = periodOf(deps, ctx, q);
  const filter = filterOf(deps, period, q);
  const groupBy = q.groupBy ?? 'clock';
  const [groups, overall] = await Promise.all([groupsOf(deps, ctx, period, filter, groupBy), repo.countCompliance(deps.db, filter, { buckets: [period.from, period.to] })]);
  return { from: period.fromDay, to: period.toDay, groupBy, overall: counted(overall[0] ?? { met: 0, breached: 0, total: 0 }), groups };
}

/** The breached clocks of the period with their tickets, latest deadline first. */
export async function listBreaches(deps: Deps, ctx: RequestContext, q: BreachListQuery): Promise<{ items: BreachDto[]; nextCursor: string | null }> {
  const period = periodOf(deps, ctx, q);
  const filter = filterOf(deps, period, q);
  const limit = q.limit ?? 50;
  const after = q.cursor ? (decodeCursor(q.cursor, ['n', 'n', 's']) as [number, number, string]) : undefined;
  const rows = await repo.findBreaches(deps.db, filter, after && { deadline: after[0], ticketId: after[1], kind: after[2] }, limit + 1);
  const page = rows.slice(0, limit);
  const [numbers, customers, contracts, teams, owners] = await Promise.all([
    ticketNumbers(deps.db, page.map((r) => r.ticket_id)),
    customerNames(deps.db, page.map((r) => r.customer_id)),
    contractSummaries(deps.db, page.flatMap((r) => (r.contract_id !== null ? [r.contract_id] : []))),
    teamNames(deps.db, page.flatMap((r) => (r.team_id !== null ? [r.team_id] : []))),
    userSummaries(deps.db, page.flatMap((r) => (r.owner_id !== null ? [r.owner_id] : []))),
  ]);
  const items = page.map((r) => ({
    ticketId: r.ticket_id,
    ticketNumber: numbers.get(r.ticket_id) ?? null,
    clockKind: r.kind,
    grade: r.grade,
    customerId: r.customer_id,
    customerName: customers.get(r.customer_id)?.name ?? '',
    contractId: r.contract_id,
    contractNumber: r.contract_id !== null ? (contracts.get(r.contract_id)?.number ?? null) : null,
    teamId: r.team_id,
    teamName: r.team_id !== null ? (teams.get(r.team_id) ?? null) : null,
    ownerId: r.owner_id,
    ownerName: r.owner_id !== null ? (owners.get(r.owner_id)?.displayName ?? null) : null,
    startedAt: r.started_at!,
    deadline: r.deadline!,
    stoppedAt: r.stopped_at,
    overdueMs: (r.stopped_at ?? filter.now) - r.deadline!,
  }));
  const last = page[page.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor([last.deadline!, last.ticket_id, last.kind]) : null };
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();
function localTime(ms: number | null, zone: string): string {
  if (ms === null) return '';
  let f = timeFormats.get(zone);
  if (!f) {
    // sv-SE writes YYYY-MM-DD HH:MM.
    f = new Intl.DateTimeFormat('sv-SE', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    timeFormats.set(zone, f);
  }
  return f.format(ms);
}

/** The compliance report as a workbook: one sheet per grouping, and the breached clocks. */
export async function complianceWorkbook(deps: Deps, ctx: RequestContext, q: ComplianceFilters): Promise<SheetSpec[]> {
  const lang = ctx.locale === 'en' ? 'en' : 'zh';
  const sheetNames: Record<ComplianceGroupBy, { en: string; zh: string }> = {
    clock: { en: 'By clock', zh: '按时限' },
    grade: { en: 'By grade', zh: '按等级' },
    customer: { en: 'By customer', zh: '按客户' },
    contract: { en: 'By contract', zh: '按合同' },
    team: { en: 'By team', zh: '按团队' },
    month: { en: 'By month', zh: '按月份' },
  };
  const percent = (g: ComplianceGroupDto) => ({ ...g, compliance: g.compliance === null ? '' : Math.round(g.compliance * 1000) / 10 });
  const sheets: SheetSpec[] = [];
  for (const groupBy of COMPLIANCE_GROUPINGS) {
    const report = await complianceReport(deps, ctx, { ...q, groupBy });
    const total = { key: null, label: lang === 'en' ? 'All' : '合计', ...report.overall };
    sheets.push({ name: sheetNames[groupBy][lang], columns: GROUP_COLUMNS, rows: [...report.groups, total].map(percent) });
  }
  const breaches: BreachDto[] = [];
  let cursor: string | undefined;
  do {
    const page = await listBreaches(deps, ctx, { ...q, cursor, limit: 200 });
    breaches.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && breaches.length < EXPORT_ROW_LIMIT);
  const zone = deps.config.timeZone;
  sheets.push({
    name: lang === 'en' ? 'Breaches' : '超时明细',
    columns: BREACH_COLUMNS,
    rows: breaches.map((b) => ({
      ...b,
      clock: CLOCK_LABELS[b.clockKind]?.[lang] ?? b.clockKind,
      grade: GRADE_LABELS[b.grade]?.[lang] ?? b.grade,
      startedAt: localTime(b.startedAt, zone),
      deadline: localTime(b.deadline, zone),
      stoppedAt: localTime(b.stoppedAt, zone),
      overdueMinutes: Math.round(b.overdueMs / 60_000),
    })),
  });
  return sheets;
}
