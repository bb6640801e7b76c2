import type { Executor } from '../../db/database.js';
import type { RmaCaseRow } from '../../db/schema.js';
import { assetFacts } from '../assets/asset.service.js';
import { ticketNumbers } from '../tickets/ticket.service.js';
import { vendorNames } from '../vendors/vendor.service.js';
import { isOverdue } from './case-numbers.js';
import * as partsRepo from './parts.repository.js';
import type { RmaDto, RmaState } from './rma.schemas.js';

/** RMA rows → API shape, with the names they point to loaded once per page. */
export async function presentRmas(db: Executor, rows: RmaCaseRow[], day: string): Promise<RmaDto[]> {
  const ids = <K extends keyof RmaCaseRow>(key: K) => rows.flatMap((r) => (r[key] === null ? [] : [r[key] as number]));
  const [vendors, parts, stores, tickets, assets] = await Promise.all([
    vendorNames(db, ids('vendor_id')),
    partsRepo.findPartsByIds(db, ids('part_id')),
    partsRepo.findStoresByIds(db, [...ids('store_id'), ...ids('received_store_id')]),
    ticketNumbers(db, ids('ticket_id')),
    assetFacts(db, ids('asset_id')),
  ]);
  const partById = new Map(parts.map((p) => [p.id, p]));
  const storeName = new Map(stores.map((s) => [s.id, s.name]));
  return rows.map((r) => {
    const part = r.part_id !== null ? partById.get(r.part_id) : undefined;
    const asset = r.asset_id !== null ? assets.get(r.asset_id) : undefined;
    return {
      id: r.id,
      number: r.number,
      vendorId: r.vendor_id,
      vendorName: vendors.get(r.vendor_id) ?? '',
      vendorCaseNumber: r.vendor_case_number,
      subject: r.part_id !== null ? 'part' : 'asset',
      partId: r.part_id,
      partNumber: part?.part_number ?? null,
      description: part?.description ?? asset?.model ?? '',
      assetId: r.asset_id,
      customerId: asset?.customerId ?? null,
      serial: r.serial,
      qty: r.qty,
      receivedQty: r.received_qty,
      storeId: r.store_id,
      storeName: r.store_id !== null ? (storeName.get(r.store_id) ?? null) : null,
      ticketId: r.ticket_id,
      ticketNumber: r.ticket_id !== null ? (tickets.get(r.ticket_id) ?? null) : null,
      state: r.state as RmaState,
      sentAt: r.sent_at,
      expectedReturn: r.expected_return,
      overdue: r.state === 'sent' && isOverdue(r.expected_return, day),
      receivedAt: r.received_at,
      receivedSerial: r.received_serial,
      receivedStoreId: r.received_store_id,
      receivedStoreName: r.received_store_id !== null ? (storeName.get(r.received_store_id) ?? null) : null,
      notes: r.notes,
      closingReason: r.closing_reason,
      actorName: r.actor_name,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  });
}
