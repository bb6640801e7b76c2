import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { literalUnion } from '../../http/literals.js';
import { PageQuery } from '../../http/pagination.js';
import type { SheetColumn } from '../../shared/spreadsheet.js';

/**
 * RMA cases (issue 7 item 5; R6 将故障设备进行维修, R8): faulty stock of a part, or a customer's
 * whole device, sent to its vendor for repair, and what came back.
 */

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Id = Type.Integer({ minimum: 1 });
const IsoDay = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Calendar day YYYY-MM-DD' });
const Serial = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' });

export const RMA_STATES = ['sent', 'received_repaired', 'received_replaced', 'closed', 'cancelled'] as const;
export type RmaState = (typeof RMA_STATES)[number];
export const RMA_OUTCOMES = ['repaired', 'replaced'] as const;
export type RmaOutcome = (typeof RMA_OUTCOMES)[number];

export const RmaSchema = Type.Object(
  {
    id: Type.Integer(),
    number: Type.String({ description: 'RMA-YYYYMMDD-NNNN, by the day it was sent' }),
    vendorId: Type.Integer(),
    vendorName: Type.String(),
    vendorCaseNumber: Type.String({ description: 'The vendor’s own case or RMA number' }),
    subject: literalUnion(['part', 'asset'] as const, { description: 'Faulty stock of a part, or a customer’s whole device' }),
    partId: Nullable(Type.Integer()),
    partNumber: Nullable(Type.String()),
    description: Type.String({ description: 'The part’s description, or the device’s vendor and model' }),
    assetId: Nullable(Type.Integer()),
    customerId: Nullable(Type.Integer({ description: 'The device’s customer (asset cases)' })),
    serial: Nullable(Type.String({ description: 'The unit or device sent; null for parts not tracked by serial' })),
    qty: Type.Integer(),
    receivedQty: Type.Integer({ description: 'How many of qty have come back so far; a bulk part case stays open until all are back or the rest is closed' }),
    storeId: Nullable(Type.Integer({ description: 'The store the faulty stock left (part cases)' })),
    storeName: Nullable(Type.String()),
    ticketId: Nullable(Type.Integer()),
    ticketNumber: Nullable(Type.String()),
    state: literalUnion(RMA_STATES),
    sentAt: Type.Integer(),
    expectedReturn: Nullable(Type.String({ description: 'The day the vendor promised it back' })),
    overdue: Type.Boolean({ description: 'Still with the vendor after the expected day' }),
    receivedAt: Nullable(Type.Integer()),
    receivedSerial: Nullable(Type.String({ description: 'The serial that came back (a replacement’s may be new)' })),
    receivedStoreId: Nullable(Type.Integer()),
    receivedStoreName: Nullable(Type.String()),
    notes: Type.String(),
    closingReason: Type.String({ description: 'Why the case ended without a unit coming back (cancelled, or closed with the vendor keeping it)' }),
    actorName: Type.String({ description: 'Who sent it' }),
    createdAt: Type.Integer(),
    updatedAt: Type.Integer(),
  },
  { $id: 'Rma' },
);
export type RmaDto = Static<typeof RmaSchema>;

export const CreateRmaBody = Type.Object(
  {
    vendorId: Id,
    partId: Type.Optional(Id),
    storeId: Type.Optional(Type.Integer({ minimum: 1, description: 'The store whose faulty stock goes (part cases)' })),
    serial: Type.Optional(Type.String({ ...Serial, description: 'A serial-tracked part: the unit (else the oldest faulty one is taken)' })),
    qty: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1, description: 'Parts not tracked by serial: how many; a serial-tracked unit is one case' })),
    assetId: Type.Optional(Type.Integer({ minimum: 1, description: 'A whole device of a customer instead of stock' })),
    ticketId: Type.Optional(Id),
    vendorCaseNumber: Type.Optional(Type.String({ maxLength: 100 })),
    expectedReturn: Type.Optional(IsoDay),
    notes: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  { additionalProperties: false },
);
export type CreateRmaBody = Static<typeof CreateRmaBody>;

export const ReceiveRmaBody = Type.Object(
  {
    outcome: literalUnion(RMA_OUTCOMES),
    serial: Type.Optional(Type.String({ ...Serial, description: 'replaced: the new serial (required for serial-tracked parts and devices)' })),
    storeId: Type.Optional(Type.Integer({ minimum: 1, description: 'Part cases: the store the units come back into' })),
    qty: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, description: 'Parts not tracked by serial: how many came back now (default: all still out); the case stays open until all are back' })),
    notes: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  { additionalProperties: false },
);
export type ReceiveRmaBody = Static<typeof ReceiveRmaBody>;

/** Cancelling (it never reached the vendor) or closing (the vendor keeps it): why. */
export const EndRmaBody = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false });
export type EndRmaBody = Static<typeof EndRmaBody>;

const filters = {
  state: Type.Optional(literalUnion(['open', ...RMA_STATES] as const, { description: 'open: still with the vendor (sent)' })),
  overdue: Type.Optional(Type.Boolean({ description: 'Only cases still with the vendor after their expected return' })),
  vendorId: Type.Optional(Id),
  storeId: Type.Optional(Id),
  ticketId: Type.Optional(Id),
};

export const RmaListQuery = Type.Object({ ...PageQuery, ...filters }, { additionalProperties: false });
export type RmaListQuery = Static<typeof RmaListQuery>;

export const RmaExportQuery = Type.Object(filters, { additionalProperties: false });
export type RmaExportQuery = Static<typeof RmaExportQuery>;

export const RMA_COLUMNS: SheetColumn[] = [
  { key: 'number', en: 'RMA', zh: '返修单号' },
  { key: 'vendorName', en: 'Vendor', zh: '厂商' },
  { key: 'vendorCaseNumber', en: 'Vendor case', zh: '厂商案例号' },
  { key: 'partNumber', en: 'Part number', zh: '备件号' },
  { key: 'description', en: 'Description', zh: '描述', width: 30 },
  { key: 'serial', en: 'Serial number', zh: '序列号' },
  { key: 'qty', en: 'Qty', zh: '数量' },
  { key: 'receivedQty', en: 'Back so far', zh: '已返回数量' },
  { key: 'storeName', en: 'From store', zh: '发出库' },
  { key: 'ticketNumber', en: 'Ticket', zh: '工单' },
  { key: 'state', en: 'State', zh: '状态' },
  { key: 'sentAt', en: 'Sent', zh: '送修时间' },
  { key: 'expectedReturn', en: 'Expected back', zh: '预计返回' },
  { key: 'overdue', en: 'Overdue', zh: '超期' },
  { key: 'receivedAt', en: 'Received', zh: '收回时间' },
  { key: 'receivedSerial', en: 'Serial received', zh: '收回序列号' },
  { key: 'notes', en: 'Notes', zh: '备注', width: 30 },
];

export const RMA_STATE_LABELS: Record<RmaState, { en: string; zh: string }> = {
  sent: { en: 'With the vendor', zh: '送修中' },
  received_repaired: { en: 'Repaired', zh: '已修复返回' },
  received_replaced: { en: 'Replaced', zh: '已换新返回' },
  closed: { en: 'Closed', zh: '已关闭' },
  cancelled: { en: 'Cancelled', zh: '已取消' },
};
