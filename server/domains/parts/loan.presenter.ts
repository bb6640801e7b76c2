import type { Executor } from '../../db/database.js';
import type { LoanRow } from '../../db/schema.js';
import { assetFacts } from '../assets/asset.service.js';
import { customerNames } from '../customers/customer.service.js';
import { siteNames } from '../sites/site.service.js';
import { ticketNumbers } from '../tickets/ticket.service.js';
import { isOverdue } from './case-numbers.js';
import * as partsRepo from './parts.repository.js';
import type { LoanDto, LoanState } from './loan.schemas.js';

/** Loan rows → API shape, with the names they point to loaded once per page. */
export async function presentLoans(db: Executor, rows: LoanRow[], day: string): Promise<LoanDto[]> {
  const ids = <K extends keyof LoanRow>(key: K) => rows.flatMap((r) => (r[key] === null ? [] : [r[key] as number]));
  const [parts, stores, customers, sites, tickets, replaced] = await Promise.all([
    partsRepo.findPartsByIds(db, ids('part_id')),
    partsRepo.findStoresByIds(db, [...ids('store_id'), ...ids('returned_store_id')]),
    customerNames(db, ids('customer_id')),
    siteNames(db, ids('site_id')),
    ticketNumbers(db, ids('ticket_id')),
    assetFacts(db, ids('replaces_asset_id')),
  ]);
  const partById = new Map(parts.map((p) => [p.id, p]));
  const storeName = new Map(stores.map((s) => [s.id, s.name]));
  return rows.map((r) => {
    const part = partById.get(r.part_id);
    return {
      id: r.id,
      number: r.number,
      partId: r.part_id,
      partNumber: part?.part_number ?? '',
      description: part?.description ?? '',
      unitId: r.unit_id,
      serial: r.serial,
      storeId: r.store_id,
      storeName: storeName.get(r.store_id) ?? '',
      customerId: r.customer_id,
      customerName: customers.get(r.customer_id)?.name ?? '',
      siteId: r.site_id,
      siteName: r.site_id !== null ? (sites.get(r.site_id)?.name ?? null) : null,
      ticketId: r.ticket_id,
      ticketNumber: r.ticket_id !== null ? (tickets.get(r.ticket_id) ?? null) : null,
      assetId: r.asset_id,
      replacesAssetId: r.replaces_asset_id,
      replacesSerial: r.replaces_asset_id !== null ? (replaced.get(r.replaces_asset_id)?.serialNumber ?? null) : null,
      state: r.state as LoanState,
      lentAt: r.lent_at,
      expectedReturn: r.expected_return,
      overdue: r.state === 'open' && isOverdue(r.expected_return, day),
      returnedAt: r.returned_at,
      returnedStoreId: r.returned_store_id,
      returnedStoreName: r.returned_store_id !== null ? (storeName.get(r.returned_store_id) ?? null) : null,
      notes: r.notes,
      actorName: r.actor_name,
    };
  });
}
