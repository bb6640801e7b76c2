import type { Deps } from '../../deps.js';
import type { RequestContext } from '../../http/actor.js';
import { AppError } from '../../http/errors.js';
import { collectPages, EXPORT_ROW_LIMIT } from '../../http/export.js';
import { addDays, daysBetween, isIsoDay } from '../../shared/dates.js';
import type { SheetSpec } from '../../shared/spreadsheet.js';
import { dayNumberOf, instantOf } from '../clocks/zone.js';
import { customerNames } from '../customers/customer.service.js';
import { ticketNumbers } from '../tickets/ticket.service.js';
import { today } from './case-numbers.js';
import { loadStore } from './catalogue.service.js';
import * as repo from './parts-reports.repository.js';
import {
  LEVEL_COLUMNS,
  MAX_REPORT_DAYS,
  MOVEMENT_COLUMNS,
  MOVEMENT_LABELS,
  PARTS_USED_COLUMNS,
  STORE_KIND_LABELS,
  type MovementExportQuery,
  type PartsUsedDto,
  type PartsUsedQuery,
  type StockExportQuery,
} from './parts-reports.schemas.js';
import { RMA_COLUMNS, RMA_STATE_LABELS, type RmaExportQuery } from './rma.schemas.js';
import { rmasForExport } from './rma.service.js';
import { listLevels } from './stock-query.service.js';
import type { MovementKind } from './stock-movements.js';

/**
 * Spare-parts reports and .xlsx exports (issue 7 item 7; R8, R19): stock levels, the ledger of a
 * period, parts used per customer, and the RMA cases still with the vendors. Headers, sheet names
 * and labels are in the request's language; times are in the display zone.
 */

type Lang = 'en' | 'zh';
/** A download: its file name (without .xlsx) and sheets. */
export interface Workbook {
  fileName: string;
  sheets: SheetSpec[];
}

const langOf = (ctx: RequestContext): Lang => (ctx.locale === 'en' ? 'en' : 'zh');

interface Period {
  fromDay: string;
  toDay: string;
  from: number;
  to: number;
}

/** A report's days as instants [from, to) in the display zone; the last 30 days by default. */
function periodOf(deps: Deps, ctx: RequestContext, q: { from?: string; to?: string }): Period {
  const toDay = q.to ?? today(deps);
  const fromDay = q.from ?? addDays(toDay, -29);
  for (const d of [fromDay, toDay]) if (!isIsoDay(d)) throw new AppError('invalid_date', { value: d });
  if (toDay < fromDay) throw new AppError('invalid_period', { period: ctx.locale === 'en' ? 'report period' : '报表期间' });
  if (daysBetween(fromDay, toDay) >= MAX_REPORT_DAYS) throw new AppError('period_too_long', { max: MAX_REPORT_DAYS });
  const zone = deps.config.timeZone;
  return { fromDay, toDay, from: instantOf(zone, dayNumberOf(fromDay), 0), to: instantOf(zone, dayNumberOf(toDay) + 1, 0) };
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

const yes = (lang: Lang, value: boolean) => (value ? (lang === 'en' ? 'Yes' : '是') : '');

/** Stock levels as one sheet, with the same filters as the list (a store's, a part's, those below minimum). */
export async function stockLevelsWorkbook(deps: Deps, ctx: RequestContext, q: StockExportQuery): Promise<Workbook> {
  const lang = langOf(ctx);
  const levels = await collectPages((cursor, limit) => listLevels(deps, ctx, { ...q, cursor, limit }));
  const sheets: SheetSpec[] = [
    {
      name: lang === 'en' ? 'Stock levels' : '库存',
      language: lang,
      columns: LEVEL_COLUMNS,
      rows: levels.map((l) => ({ ...l, storeKind: STORE_KIND_LABELS[l.storeKind]?.[lang] ?? l.storeKind, belowMinimum: yes(lang, l.belowMinimum) })),
    },
  ];
  return { fileName: `stock-levels-${today(deps)}`, sheets };
}

/** The ledger of a period (at most a year), oldest first; export_too_large past the export limit. */
export async function movementsWorkbook(deps: Deps, ctx: RequestContext, q: MovementExportQuery): Promise<Workbook> {
  const lang = langOf(ctx);
  const period = periodOf(deps, ctx, q);
  if (q.storeId !== undefined) await loadStore(deps.db, ctx, q.storeId);
  const rows = await repo.findLedgerInPeriod(deps.db, { ...period, storeId: q.storeId, partId: q.partId, kind: q.kind, limit: EXPORT_ROW_LIMIT + 1 });
  if (rows.length > EXPORT_ROW_LIMIT) throw new AppError('export_too_large', { max: EXPORT_ROW_LIMIT });
  const tickets = await ticketNumbers(deps.db, rows.flatMap((r) => (r.ticket_id === null ? [] : [r.ticket_id])));
  const zone = deps.config.timeZone;
  const sheets: SheetSpec[] = [
    {
      name: lang === 'en' ? 'Movements' : '出入库记录',
      language: lang,
      columns: MOVEMENT_COLUMNS,
      rows: rows.map((r) => ({
        at: localTime(r.at, zone),
        kind: MOVEMENT_LABELS[r.kind as MovementKind]?.[lang] ?? r.kind,
        partNumber: r.part_number,
        description: r.description,
        storeName: r.store_name,
        serial: r.serial,
        qty: r.qty,
        onHandDelta: r.qty_delta_on_hand,
        reservedDelta: r.qty_delta_reserved,
        faultyDelta: r.qty_delta_faulty,
        ticketNumber: r.ticket_id !== null ? (tickets.get(r.ticket_id) ?? '') : '',
        reason: r.reason,
        actorName: r.actor_name,
      })),
    },
  ];
  return { fileName: `stock-movements-${period.fromDay}_${period.toDay}`, sheets };
}

/** Parts used on faults per customer and part over a period (R8, R19), by customer then part number. */
export async function partsUsed(deps: Deps, ctx: RequestContext, q: PartsUsedQuery): Promise<PartsUsedDto> {
  const period = periodOf(deps, ctx, q);
  const sums = await repo.sumPartsUsed(deps.db, { ...period, customerId: q.customerId });
  const customers = await customerNames(deps.db, sums.map((s) => s.customerId));
  const items = sums
    .map((s) => ({ ...s, customerCode: customers.get(s.customerId)?.code ?? '', customerName: customers.get(s.customerId)?.name ?? '' }))
    .sort((a, b) => a.customerCode.localeCompare(b.customerCode) || a.partNumber.localeCompare(b.partNumber));
  return { from: period.fromDay, to: period.toDay, items };
}

/** The parts-used report as one sheet. */
export async function partsUsedWorkbook(deps: Deps, ctx: RequestContext, q: PartsUsedQuery): Promise<Workbook> {
  const lang = langOf(ctx);
  const report = await partsUsed(deps, ctx, q);
  return {
    fileName: `parts-used-${report.from}_${report.to}`,
    sheets: [{ name: lang === 'en' ? 'Parts used' : '备件用量', language: lang, columns: PARTS_USED_COLUMNS, rows: report.items }],
  };
}

/** The RMA cases still with the vendors (or another state asked for), overdue ones marked. */
export async function rmaWorkbook(deps: Deps, ctx: RequestContext, q: RmaExportQuery): Promise<Workbook> {
  const lang = langOf(ctx);
  const zone = deps.config.timeZone;
  const cases = await rmasForExport(deps, q);
  const sheets: SheetSpec[] = [
    {
      name: lang === 'en' ? 'RMA' : '返修',
      language: lang,
      columns: RMA_COLUMNS,
      rows: cases.map((c) => ({
        ...c,
        partNumber: c.partNumber ?? '',
        state: RMA_STATE_LABELS[c.state][lang],
        sentAt: localTime(c.sentAt, zone),
        receivedAt: localTime(c.receivedAt, zone),
        overdue: yes(lang, c.overdue),
      })),
    },
  ];
  return { fileName: `rma-${q.state ?? 'open'}-${today(deps)}`, sheets };
}
