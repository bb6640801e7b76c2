import type { Executor } from '../../db/database.js';

/** The ledger read over a period, for the spare-parts reports and exports (issue 7 item 7). */

export interface PeriodFilter {
  /** Instants [from, to). */
  from: number;
  to: number;
}

/** Ledger rows of a period in the order they were written, along the (at, id) index. */
export async function findLedgerInPeriod(db: Executor, f: PeriodFilter & { storeId?: number; partId?: number; kind?: string; limit: number }) {
  let q = db
    .selectFrom('stock_ledger as e')
    .innerJoin('parts as p', 'p.id', 'e.part_id')
    .innerJoin('stores as s', 's.id', 'e.store_id')
    .selectAll('e')
    .select(['p.part_number', 'p.description', 's.name as store_name'])
    .where('e.at', '>=', f.from)
    .where('e.at', '<', f.to);
  if (f.storeId !== undefined) q = q.where('e.store_id', '=', f.storeId);
  if (f.partId !== undefined) q = q.where('e.part_id', '=', f.partId);
  if (f.kind !== undefined) q = q.where('e.kind', '=', f.kind);
  return q.orderBy('e.at').orderBy('e.id').limit(f.limit).execute();
}
export type PeriodLedgerRow = Awaited<ReturnType<typeof findLedgerInPeriod>>[number];

/**
 * Parts used on faults (`use` rows, which carry their ticket) per customer and part over a period:
 * the quantity and on how many tickets. The ticket's customer is read from the tickets table — a
 * report's one join across domains, rather than a round trip per ticket.
 */
export async function sumPartsUsed(db: Executor, f: PeriodFilter & { customerId?: number }) {
  let q = db
    .selectFrom('stock_ledger as e')
    .innerJoin('tickets as t', 't.id', 'e.ticket_id')
    .innerJoin('parts as p', 'p.id', 'e.part_id')
    .select((eb) => [
      't.customer_id',
      'e.part_id',
      'p.part_number',
      'p.description',
      'p.unit',
      eb.fn.sum<number | string>('e.qty').as('qty'),
      eb.fn.count<number | string>('e.ticket_id').distinct().as('tickets'),
    ])
    .where('e.kind', '=', 'use')
    .where('e.at', '>=', f.from)
    .where('e.at', '<', f.to);
  if (f.customerId !== undefined) q = q.where('t.customer_id', '=', f.customerId);
  const rows = await q.groupBy(['t.customer_id', 'e.part_id', 'p.part_number', 'p.description', 'p.unit']).execute();
  return rows.map((r) => ({ customerId: r.customer_id, partId: r.part_id, partNumber: r.part_number, description: r.description, unit: r.unit, qty: Number(r.qty), tickets: Number(r.tickets) }));
}
