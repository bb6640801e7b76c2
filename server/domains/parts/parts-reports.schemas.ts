import { Type, type Static } from '@sinclair/typebox';
import { literalUnion } from '../../http/literals.js';
import type { SheetColumn } from '../../shared/spreadsheet.js';
import { MOVEMENT_KINDS, type MovementKind } from './stock-movements.js';

/** Spare-parts reports and .xlsx exports (issue 7 item 7; R8, R19): stock, the ledger, parts used. */

const Id = Type.Integer({ minimum: 1 });
const IsoDay = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Calendar day YYYY-MM-DD (TZ_DISPLAY)' });
const period = {
  from: Type.Optional({ ...IsoDay, description: 'First day, included; 29 days before `to` when absent' }),
  to: Type.Optional({ ...IsoDay, description: 'Last day, included; today when absent' }),
};

/** The longest period one report or export covers. */
export const MAX_REPORT_DAYS = 366;

export const StockExportQuery = Type.Object(
  { storeId: Type.Optional(Id), partId: Type.Optional(Id), belowMinimum: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export type StockExportQuery = Static<typeof StockExportQuery>;

export const MovementExportQuery = Type.Object(
  { ...period, storeId: Type.Optional(Id), partId: Type.Optional(Id), kind: Type.Optional(literalUnion(MOVEMENT_KINDS)) },
  { additionalProperties: false },
);
export type MovementExportQuery = Static<typeof MovementExportQuery>;

export const PartsUsedQuery = Type.Object({ ...period, customerId: Type.Optional(Id) }, { additionalProperties: false });
export type PartsUsedQuery = Static<typeof PartsUsedQuery>;

export const PartsUsedSchema = Type.Object(
  {
    from: Type.String(),
    to: Type.String(),
    items: Type.Array(
      Type.Object({
        customerId: Type.Integer(),
        customerCode: Type.String(),
        customerName: Type.String(),
        partId: Type.Integer(),
        partNumber: Type.String(),
        description: Type.String(),
        unit: Type.String(),
        qty: Type.Integer({ description: 'Units used (fitted on the customer’s devices)' }),
        tickets: Type.Integer({ description: 'On how many tickets' }),
      }),
    ),
  },
  { $id: 'PartsUsedReport' },
);
export type PartsUsedDto = Static<typeof PartsUsedSchema>;

export const LEVEL_COLUMNS: SheetColumn[] = [
  { key: 'storeName', en: 'Store', zh: '备件库', width: 24 },
  { key: 'storeKind', en: 'Kind', zh: '类型' },
  { key: 'partNumber', en: 'Part number', zh: '备件号' },
  { key: 'description', en: 'Description', zh: '描述', width: 30 },
  { key: 'unit', en: 'Unit', zh: '单位' },
  { key: 'onHand', en: 'On hand', zh: '在库' },
  { key: 'reserved', en: 'Reserved', zh: '已预留' },
  { key: 'available', en: 'Available', zh: '可用' },
  { key: 'faulty', en: 'Faulty', zh: '故障件' },
  { key: 'minimum', en: 'Minimum', zh: '最低库存' },
  { key: 'belowMinimum', en: 'Below minimum', zh: '低于最低库存' },
];

export const MOVEMENT_COLUMNS: SheetColumn[] = [
  { key: 'at', en: 'Time', zh: '时间', width: 18 },
  { key: 'kind', en: 'Movement', zh: '操作' },
  { key: 'partNumber', en: 'Part number', zh: '备件号' },
  { key: 'description', en: 'Description', zh: '描述', width: 30 },
  { key: 'storeName', en: 'Store', zh: '备件库', width: 24 },
  { key: 'serial', en: 'Serial number', zh: '序列号' },
  { key: 'qty', en: 'Qty', zh: '数量' },
  { key: 'onHandDelta', en: 'On hand ±', zh: '在库变化' },
  { key: 'reservedDelta', en: 'Reserved ±', zh: '预留变化' },
  { key: 'faultyDelta', en: 'Faulty ±', zh: '故障件变化' },
  { key: 'ticketNumber', en: 'Ticket', zh: '工单' },
  { key: 'reason', en: 'Reason', zh: '原因', width: 30 },
  { key: 'actorName', en: 'By', zh: '操作人' },
];

export const PARTS_USED_COLUMNS: SheetColumn[] = [
  { key: 'customerCode', en: 'Customer code', zh: '客户编号' },
  { key: 'customerName', en: 'Customer', zh: '客户', width: 24 },
  { key: 'partNumber', en: 'Part number', zh: '备件号' },
  { key: 'description', en: 'Description', zh: '描述', width: 30 },
  { key: 'qty', en: 'Qty used', zh: '用量' },
  { key: 'unit', en: 'Unit', zh: '单位' },
  { key: 'tickets', en: 'Tickets', zh: '工单数' },
];

export const MOVEMENT_LABELS: Record<MovementKind, { en: string; zh: string }> = {
  receive: { en: 'Received', zh: '入库' },
  transfer_out: { en: 'Transferred out', zh: '调出' },
  transfer_in: { en: 'Transferred in', zh: '调入' },
  reserve: { en: 'Reserved', zh: '预留' },
  unreserve: { en: 'Released', zh: '取消预留' },
  issue: { en: 'Issued', zh: '领用出库' },
  use: { en: 'Used', zh: '使用' },
  return_unused: { en: 'Returned unused', zh: '退回(未用)' },
  return_faulty: { en: 'Faulty part returned', zh: '故障件退回' },
  rma_send: { en: 'Sent to vendor (RMA)', zh: '送修(RMA)' },
  rma_receive: { en: 'Back from vendor (RMA)', zh: '返修入库(RMA)' },
  rma_cancel: { en: 'RMA cancelled', zh: '取消送修' },
  rma_close: { en: 'Kept by vendor (RMA)', zh: '厂商留存(RMA)' },
  loan_out: { en: 'Lent (loaner)', zh: '备用机借出' },
  loan_return: { en: 'Loaner returned', zh: '备用机归还' },
  scrap: { en: 'Scrapped', zh: '报废' },
  adjust: { en: 'Adjusted', zh: '调整' },
};

export const STORE_KIND_LABELS: Record<string, { en: string; zh: string }> = {
  central: { en: 'Central', zh: '中心库' },
  site: { en: 'Customer site', zh: '客户现场库' },
  project: { en: 'Project', zh: '项目库' },
};
