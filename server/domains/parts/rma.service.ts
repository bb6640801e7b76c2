import type { Deps } from '../../deps.js';
import type { Executor } from '../../db/database.js';
import { writeTransaction } from '../../db/group-commit.js';
import type { PartRow, RmaCaseRow, StoreRow } from '../../db/schema.js';
import type { RequestContext } from '../../http/actor.js';
import { AppError } from '../../http/errors.js';
import { EXPORT_ROW_LIMIT } from '../../http/export.js';
import { decodeCursor, pageOf } from '../../http/pagination.js';
import { isIsoDay } from '../../shared/dates.js';
import { assetFacts, updateAssetIn } from '../assets/asset.service.js';
import { recordAudit } from '../audit/audit.service.js';
import { ticketChanged, ticketInScope } from '../tickets/ticket.service.js';
import { vendorForEscalation } from '../vendors/vendor.service.js';
import { nextCaseNumber, today } from './case-numbers.js';
import { loadPart, loadStore } from './catalogue.service.js';
import { applyMovement, type MovementLine } from './ledger.service.js';
import { partLineText, partsOnTimeline } from './parts-timeline.js';
import { presentRmas } from './rma.presenter.js';
import * as repo from './rma.repository.js';
import type { CreateRmaBody, EndRmaBody, ReceiveRmaBody, RmaDto, RmaExportQuery, RmaListQuery } from './rma.schemas.js';
import * as stockRepo from './stock.repository.js';

/**
 * RMA (issue 7 item 5; R6 将故障设备进行维修, R8 faulty parts sent to the vendor): the storekeeper
 * sends a store's faulty stock — or a customer's whole device — to its vendor, and takes back the
 * repaired unit or the vendor's replacement. Stock moves only through the ledger (rma_send,
 * rma_receive; rma_cancel and rma_close when nothing comes back); a device's status follows its case.
 */

const invalid = (summary: string) => new AppError('rma_invalid', { summary });

async function loadRma(db: Executor, id: number, lock?: { engine: Deps['engine'] }): Promise<RmaCaseRow> {
  const row = await repo.findRma(db, id, lock);
  if (!row) throw new AppError('rma_not_found');
  return row;
}

/** A case still with the vendor, locked for the transaction that ends it. */
async function openRma(trx: Executor, deps: Deps, id: number): Promise<RmaCaseRow> {
  const row = await loadRma(trx, id, { engine: deps.engine });
  if (row.state !== 'sent') throw new AppError('rma_not_open', { number: row.number, state: row.state }, { state: row.state });
  return row;
}

/**
 * Moves a case on from `sent` as it was read (what had come back of it included); another request
 * that got there first makes it `rma_not_open`.
 */
async function endRma(trx: Executor, deps: Deps, row: RmaCaseRow, patch: Parameters<typeof repo.updateRma>[3]): Promise<void> {
  if (!(await repo.updateRma(trx, row.id, 'sent', { ...patch, updated_at: deps.clock.now() }, row.received_qty))) {
    throw new AppError('rma_not_open', { number: row.number, state: 'ended' });
  }
}

/**
 * The case on its fault's timeline. A device's case concerns the customer, who sees it; a part's
 * is the store's business, kept internal.
 */
async function rmaOnTimeline(trx: Executor, deps: Deps, ctx: RequestContext, row: Pick<RmaCaseRow, 'id' | 'number' | 'ticket_id' | 'vendor_case_number' | 'asset_id' | 'serial' | 'qty'>, action: string, extra: { vendorName?: string; what: string; serial?: string | null; outcome?: string; received?: [number, number] }) {
  const serial = extra.serial ?? row.serial;
  return partsOnTimeline(trx, deps, ctx, row.ticket_id, {
    type: 'rma',
    internal: row.asset_id === null,
    body: [row.number, row.vendor_case_number, extra.what].filter(Boolean).join(' · '),
    data: { action, rmaId: row.id, number: row.number, caseNumber: row.vendor_case_number, vendorName: extra.vendorName ?? null, what: extra.what, serial, qty: row.qty, receivedQty: extra.received?.[0] ?? null, outcome: extra.outcome ?? null },
  });
}

/** What a case sent, as its timeline entries say it. */
async function rmaSubject(trx: Executor, row: RmaCaseRow, loaded?: PartRow): Promise<string> {
  if (row.part_id !== null) {
    const part = loaded ?? (await loadPart(trx, row.part_id));
    return partLineText(part.part_number, part.description, row.qty, row.serial ? [row.serial] : []);
  }
  const asset = (await assetFacts(trx, [row.asset_id!])).get(row.asset_id!);
  return [asset?.vendor, asset?.modelName, row.serial].filter(Boolean).join(' ');
}

async function getOne(deps: Deps, id: number): Promise<RmaDto> {
  return (await presentRmas(deps.db, [await loadRma(deps.db, id)], today(deps)))[0]!;
}

/** One RMA case. */
export async function getRma(deps: Deps, id: number): Promise<RmaDto> {
  return getOne(deps, id);
}

function listFilter(deps: Deps, query: Omit<RmaListQuery, 'cursor' | 'limit'>, defaultState?: 'open'): repo.RmaFilter {
  const state = query.state ?? defaultState;
  return {
    states: state === undefined ? undefined : state === 'open' ? ['sent'] : [state],
    overdueBefore: query.overdue ? today(deps) : undefined,
    vendorId: query.vendorId,
    storeId: query.storeId,
    ticketId: query.ticketId,
    limit: 0,
  };
}

/** RMA cases newest first: open ones (still with the vendor), a vendor's, the overdue ones. */
export async function listRmas(deps: Deps, query: RmaListQuery): Promise<{ items: RmaDto[]; nextCursor: string | null }> {
  const limit = query.limit ?? 50;
  const beforeId = query.cursor ? (decodeCursor(query.cursor, ['n'])[0] as number) : undefined;
  const rows = await repo.findRmas(deps.db, { ...listFilter(deps, query), beforeId, limit: limit + 1 });
  const page = pageOf(rows, limit, (r) => [r.id]);
  return { items: await presentRmas(deps.db, page.rows, today(deps)), nextCursor: page.nextCursor };
}

/** The cases an export holds: the open ones unless another state is asked for; export_too_large past the limit. */
export async function rmasForExport(deps: Deps, query: RmaExportQuery): Promise<RmaDto[]> {
  const rows = await repo.findRmas(deps.db, { ...listFilter(deps, query, 'open'), limit: EXPORT_ROW_LIMIT + 1 });
  if (rows.length > EXPORT_ROW_LIMIT) throw new AppError('export_too_large', { max: EXPORT_ROW_LIMIT });
  return presentRmas(deps.db, rows, today(deps));
}

/** The serial-tracked unit a part case sends: the one named, else the store's oldest faulty one. */
async function unitToSend(trx: Executor, part: PartRow, store: StoreRow, serial: string | undefined) {
  if (serial) return (await stockRepo.findUnitsBySerial(trx, part.id, [serial]))[0];
  return (await stockRepo.pickUnits(trx, { partId: part.id, storeId: store.id, states: ['faulty'], limit: 1 }))[0];
}

/**
 * Sends faulty stock of a part from a store (its faulty count goes down, a unit goes `at_vendor`),
 * or a customer's device (its status goes `under_repair`), to the vendor as a numbered case. A
 * failed unit's case is linked to the fault it was taken out on unless another ticket is named.
 */
export async function createRma(deps: Deps, ctx: RequestContext, input: CreateRmaBody): Promise<RmaDto> {
  if ((input.partId === undefined) === (input.assetId === undefined)) throw invalid('name a part (with its store) or a device, not both');
  if (input.expectedReturn !== undefined && !isIsoDay(input.expectedReturn)) throw new AppError('invalid_date', { value: input.expectedReturn });
  const { id, changed } = await writeTransaction(deps, async (trx) => {
    const vendor = await vendorForEscalation(trx, input.vendorId);
    if (!vendor.active) throw new AppError('vendor_inactive');
    const ticket = input.ticketId !== undefined ? await ticketInScope(trx, ctx, input.ticketId) : null;
    const number = await nextCaseNumber(trx, deps, 'RMA');
    const now = deps.clock.now();
    const common = {
      number,
      vendor_id: vendor.id,
      vendor_case_number: input.vendorCaseNumber?.trim() ?? '',
      state: 'sent',
      sent_at: now,
      expected_return: input.expectedReturn ?? null,
      notes: input.notes?.trim() ?? '',
      created_by_user_id: ctx.actor?.userId ?? null,
      actor_name: ctx.actor?.displayName ?? ctx.actor?.username ?? 'system',
      created_at: now,
      updated_at: now,
    };

    if (input.partId !== undefined) {
      if (input.storeId === undefined) throw invalid('name the store whose faulty stock goes to the vendor');
      const part = await loadPart(trx, input.partId);
      const store = await loadStore(trx, ctx, input.storeId);
      const serialTracked = part.serial_tracked === 1;
      const qty = input.qty ?? 1;
      if (serialTracked && qty !== 1) throw invalid(`part ${part.part_number} is serial-tracked: one case per unit`);
      if (!serialTracked && input.serial !== undefined) throw invalid(`part ${part.part_number} is not serial-tracked: leave out the serial`);
      const unit = serialTracked ? await unitToSend(trx, part, store, input.serial?.trim()) : undefined;
      const serial = serialTracked ? (unit?.serial ?? input.serial?.trim() ?? null) : null;
      const ticketId = ticket?.id ?? unit?.ticket_id ?? null;
      const id = await repo.insertRma(trx, { ...common, part_id: part.id, store_id: store.id, serial, qty, ticket_id: ticketId });
      // No faulty unit to pick: the ledger refuses with stock_insufficient, and nothing is kept.
      await applyMovement(trx, deps, ctx, [{ kind: 'rma_send', part, store, qty, serials: serial ? [serial] : undefined, ticketId, rmaId: id, reason: number }]);
      await recordAudit(trx, deps.clock, ctx, { action: 'rma.send', entityType: 'rma', entityId: id, after: { number, vendorId: vendor.id, partId: part.id, storeId: store.id, serial, qty, ticketId } });
      const what = partLineText(part.part_number, part.description, qty, serial ? [serial] : []);
      const changed = await rmaOnTimeline(trx, deps, ctx, { id, number, ticket_id: ticketId, vendor_case_number: common.vendor_case_number, asset_id: null, serial, qty }, 'sent', { vendorName: vendor.name, what });
      return { id, changed };
    }

    if (input.storeId !== undefined || input.serial !== undefined || (input.qty ?? 1) !== 1) throw invalid('a device goes as itself: leave out the store, serial and quantity');
    const assetId = input.assetId!;
    const asset = (await assetFacts(trx, [assetId])).get(assetId);
    if (!asset) throw new AppError('asset_not_found');
    if (asset.status === 'returned') throw invalid('the device is no longer at a customer’s site');
    if (ticket && ticket.customer_id !== asset.customerId) throw invalid('the ticket is not about this device’s customer');
    if ((await repo.findRmas(trx, { states: ['sent'], assetId, limit: 1 })).length > 0) throw invalid(`device ${asset.serialNumber} is already with the vendor`);
    const id = await repo.insertRma(trx, { ...common, asset_id: assetId, serial: asset.serialNumber, qty: 1, ticket_id: ticket?.id ?? null });
    await updateAssetIn(trx, deps, ctx, assetId, { status: 'under_repair', changeNote: number }, 'repair');
    await recordAudit(trx, deps.clock, ctx, { action: 'rma.send', entityType: 'rma', entityId: id, after: { number, vendorId: vendor.id, assetId, serial: asset.serialNumber, ticketId: ticket?.id ?? null } });
    const what = [asset.vendor, asset.modelName, asset.serialNumber].filter(Boolean).join(' ');
    const changed = await rmaOnTimeline(trx, deps, ctx, { id, number, ticket_id: ticket?.id ?? null, vendor_case_number: common.vendor_case_number, asset_id: assetId, serial: asset.serialNumber, qty: 1 }, 'sent', { vendorName: vendor.name, what });
    return { id, changed };
  });
  if (changed) ticketChanged(deps, changed);
  return getOne(deps, id);
}

/**
 * Takes back what the vendor returned. A part's units come into a store's good stock (by default
 * the one they left): the repaired unit under its own serial, or the replacement under its new one
 * — the unit sent then stays with the vendor. A device goes back in service, under its new serial
 * when it was replaced.
 */
export async function receiveRma(deps: Deps, ctx: RequestContext, id: number, input: ReceiveRmaBody): Promise<RmaDto> {
  const changed = await writeTransaction(deps, async (trx) => {
    const row = await openRma(trx, deps, id);
    const newSerial = input.serial?.trim();
    const replaced = input.outcome === 'replaced';
    if (newSerial !== undefined && !replaced && newSerial !== row.serial) throw invalid('a repaired unit comes back under its own serial; a new serial makes it a replacement');
    if (replaced && newSerial !== undefined && newSerial === row.serial) throw invalid('a replacement comes under a new serial; the same serial makes it a repair');
    const now = deps.clock.now();
    const notes = input.notes?.trim() ? [row.notes, input.notes.trim()].filter(Boolean).join('\n') : row.notes;
    // A bulk part's case comes back in instalments; it ends when the last of it is back.
    const outstanding = row.qty - row.received_qty;
    const qty = input.qty ?? outstanding;
    const receivedQty = row.received_qty + qty;
    let part: PartRow | undefined;

    if (row.part_id !== null) {
      part = await loadPart(trx, row.part_id);
      const from = await loadStore(trx, ctx, row.store_id!);
      const into = await loadStore(trx, ctx, input.storeId ?? row.store_id!);
      if (into.active !== 1) throw new AppError('store_inactive', { name: into.name });
      const serialTracked = part.serial_tracked === 1;
      if (!serialTracked && newSerial !== undefined) throw invalid(`part ${part.part_number} is not serial-tracked: leave out the serial`);
      if (serialTracked && replaced && newSerial === undefined) throw invalid('name the serial of the replacement unit');
      const received = serialTracked ? (replaced ? newSerial! : row.serial!) : null;
      if (serialTracked && qty !== 1) throw invalid(`part ${part.part_number} is serial-tracked: its case is one unit`);
      if (qty > outstanding) throw invalid(`only ${outstanding} of the case's ${row.qty} are still with the vendor`);
      const ends = qty === outstanding;
      await endRma(trx, deps, row, {
        ...(ends && { state: replaced ? 'received_replaced' : 'received_repaired', received_at: now }),
        received_qty: receivedQty,
        received_serial: received,
        received_store_id: into.id,
        notes,
      });
      const common = { part, qty, ticketId: row.ticket_id, rmaId: row.id, reason: row.number };
      const lines: MovementLine[] = [];
      if (serialTracked && replaced) lines.push({ kind: 'rma_close', store: from, serials: [row.serial!], ...common });
      lines.push({ kind: 'rma_receive', store: into, serials: received ? [received] : undefined, ...common });
      await applyMovement(trx, deps, ctx, lines);
    } else {
      if (input.storeId !== undefined) throw invalid('a device goes back to its customer, not into a store');
      if (qty !== 1) throw invalid('a device comes back as itself: leave out the quantity');
      if (replaced && newSerial === undefined) throw invalid('name the serial of the replacement device');
      await endRma(trx, deps, row, { state: replaced ? 'received_replaced' : 'received_repaired', received_at: now, received_qty: receivedQty, received_serial: replaced ? newSerial! : row.serial, notes });
      const changeNote = `${row.number} ${replaced ? 'replaced' : 'repaired'}`;
      await updateAssetIn(trx, deps, ctx, row.asset_id!, { status: 'in_service', ...(replaced && { serialNumber: newSerial! }), changeNote }, 'repair');
    }
    await recordAudit(trx, deps.clock, ctx, { action: 'rma.receive', entityType: 'rma', entityId: id, before: { state: row.state, receivedQty: row.received_qty }, after: { outcome: input.outcome, serial: newSerial ?? row.serial, storeId: input.storeId ?? row.store_id, qty, receivedQty } });
    return rmaOnTimeline(trx, deps, ctx, row, receivedQty < row.qty ? 'received_part' : 'received', { what: await rmaSubject(trx, row, part), serial: newSerial ?? row.serial, outcome: input.outcome, received: [receivedQty, row.qty] });
  });
  if (changed) ticketChanged(deps, changed);
  return getOne(deps, id);
}

/**
 * Ends a case without anything coming back. Cancelled: it never reached the vendor, so a part's
 * units are the store's faulty stock again and a device is back in service. Closed: the vendor
 * keeps it (credited, written off), so a unit is gone for good and a device retired.
 */
export async function endRmaWithoutReturn(deps: Deps, ctx: RequestContext, id: number, how: 'cancelled' | 'closed', input: EndRmaBody): Promise<RmaDto> {
  const changed = await writeTransaction(deps, async (trx) => {
    const row = await openRma(trx, deps, id);
    const reason = input.reason?.trim() ?? '';
    if (how === 'cancelled' && row.received_qty > 0) throw invalid(`${row.received_qty} of the case have come back from the vendor: close the rest instead`);
    await endRma(trx, deps, row, { state: how, closing_reason: reason });
    if (row.part_id !== null) {
      const part = await loadPart(trx, row.part_id);
      const store = await loadStore(trx, ctx, row.store_id!);
      // Closing after instalments writes off what is still with the vendor.
      await applyMovement(trx, deps, ctx, [
        { kind: how === 'cancelled' ? 'rma_cancel' : 'rma_close', part, store, qty: row.qty - row.received_qty, serials: row.serial ? [row.serial] : undefined, ticketId: row.ticket_id, rmaId: row.id, reason: reason || row.number },
      ]);
    } else {
      const asset = (await assetFacts(trx, [row.asset_id!])).get(row.asset_id!);
      // A device someone has since put back in service by hand keeps the status it has.
      if (asset?.status === 'under_repair') {
        await updateAssetIn(trx, deps, ctx, row.asset_id!, { status: how === 'cancelled' ? 'in_service' : 'retired', changeNote: `${row.number} ${how}` }, 'repair');
      }
    }
    await recordAudit(trx, deps.clock, ctx, { action: how === 'cancelled' ? 'rma.cancel' : 'rma.close', entityType: 'rma', entityId: id, before: { state: row.state }, after: { state: how, reason } });
    const rest = how === 'closed' && row.received_qty > 0;
    return rmaOnTimeline(trx, deps, ctx, row, rest ? 'closed_rest' : how, { what: await rmaSubject(trx, row), ...(rest && { received: [row.received_qty, row.qty] as [number, number] }) });
  });
  if (changed) ticketChanged(deps, changed);
  return getOne(deps, id);
}
