import type { Executor } from '../../db/database.js';
import type { PartRow, StoreRow } from '../../db/schema.js';
import { contractSummaries } from '../contracts/contract.service.js';
import { customerNames } from '../customers/customer.service.js';
import { siteNames } from '../sites/site.service.js';
import type { PartDto, StoreDto, StoreKind } from './parts.schemas.js';
import { findPartModels } from './parts.repository.js';
import type { LedgerListRow, LevelListRow } from './stock.repository.js';
import type { StockEntryDto, StockLevelDto } from './stock.schemas.js';
import type { MovementKind } from './stock-movements.js';

/** Rows → API shapes: the one place that decides what of the catalogue and stock leaves the server. */

export async function presentParts(db: Executor, rows: PartRow[]): Promise<PartDto[]> {
  const models = await findPartModels(db, rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id,
    partNumber: r.part_number,
    vendor: r.vendor,
    description: r.description,
    models: models.get(r.id) ?? [],
    unit: r.unit,
    serialTracked: r.serial_tracked === 1,
    active: r.active === 1,
    notes: r.notes,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

export async function presentStores(db: Executor, rows: StoreRow[]): Promise<StoreDto[]> {
  const ids = (pick: (r: StoreRow) => number | null) => rows.flatMap((r) => (pick(r) !== null ? [pick(r)!] : []));
  const customers = await customerNames(db, ids((r) => r.customer_id));
  const sites = await siteNames(db, ids((r) => r.site_id));
  const contracts = await contractSummaries(db, ids((r) => r.contract_id));
  return rows.map((r) => {
    const customer = r.customer_id !== null ? customers.get(r.customer_id) : undefined;
    const site = r.site_id !== null ? sites.get(r.site_id) : undefined;
    const contract = r.contract_id !== null ? contracts.get(r.contract_id) : undefined;
    return {
      id: r.id,
      name: r.name,
      kind: r.kind as StoreKind,
      customer: customer ? { id: r.customer_id!, name: customer.name } : null,
      site: site ? { id: r.site_id!, name: site.name } : null,
      contract: contract ? { id: contract.id, number: contract.number, name: contract.name } : null,
      notes: r.notes,
      active: r.active === 1,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  });
}

export function presentLevel(r: LevelListRow): StockLevelDto {
  const minimum = r.min_qty ?? 0;
  const available = r.on_hand - r.reserved;
  return {
    partId: r.part_id,
    partNumber: r.part_number,
    description: r.description,
    unit: r.unit,
    serialTracked: r.serial_tracked === 1,
    storeId: r.store_id,
    storeName: r.store_name,
    storeKind: r.store_kind as StoreKind,
    customerId: r.customer_id,
    onHand: r.on_hand,
    reserved: r.reserved,
    faulty: r.faulty,
    available,
    minimum,
    belowMinimum: available < minimum,
  };
}

export function presentEntry(r: LedgerListRow): StockEntryDto {
  return {
    id: r.id,
    at: r.at,
    kind: r.kind as MovementKind,
    partId: r.part_id,
    partNumber: r.part_number,
    storeId: r.store_id,
    storeName: r.store_name,
    serial: r.serial,
    qty: r.qty,
    onHandDelta: r.qty_delta_on_hand,
    reservedDelta: r.qty_delta_reserved,
    faultyDelta: r.qty_delta_faulty,
    dispatchId: r.dispatch_id,
    ticketId: r.ticket_id,
    rmaId: r.rma_id,
    loanId: r.loan_id,
    reason: r.reason,
    actorName: r.actor_name,
    batchId: r.batch_id,
  };
}
