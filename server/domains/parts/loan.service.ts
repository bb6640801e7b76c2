import type { Deps } from '../../deps.js';
import type { Executor } from '../../db/database.js';
import { writeTransaction } from '../../db/group-commit.js';
import type { LoanRow } from '../../db/schema.js';
import type { RequestContext } from '../../http/actor.js';
import { AppError } from '../../http/errors.js';
import { decodeCursor, pageOf } from '../../http/pagination.js';
import { isIsoDay } from '../../shared/dates.js';
import { assetFacts, placeLoanerIn, updateAssetIn } from '../assets/asset.service.js';
import type { AssetCategory } from '../assets/asset.schemas.js';
import { recordAudit } from '../audit/audit.service.js';
import { assertCustomerExists } from '../customers/customer.service.js';
import { ticketChanged, ticketInScope } from '../tickets/ticket.service.js';
import { nextCaseNumber, today } from './case-numbers.js';
import { loadPart, loadStore } from './catalogue.service.js';
import { applyMovement } from './ledger.service.js';
import { partsOnTimeline } from './parts-timeline.js';
import { presentLoans } from './loan.presenter.js';
import * as repo from './loan.repository.js';
import type { CreateLoanBody, LoanDto, LoanListQuery, ReturnLoanBody } from './loan.schemas.js';
import * as partsRepo from './parts.repository.js';
import * as stockRepo from './stock.repository.js';

/**
 * Loaners (备用机; issue 7 item 6; R6: the vendor's or our equivalent device first, so the system
 * runs again, and the faulty one repaired afterwards). A loaner is a unit of a serial-tracked part
 * — the pool is the catalogue's serial-tracked parts, their units in the stores — so lending needs
 * no second inventory: the unit leaves the store through the ledger (`loan_out`, unit `on_loan`)
 * and, while lent, is one of the customer's assets at their site (status `on_loan`), where a fault
 * can be reported on it by serial (R5). Taken back (`loan_return`), the unit is in stock again and
 * the asset, status `returned`, drops out of the customer's list.
 */

const invalid = (summary: string) => new AppError('loan_invalid', { summary });

async function loadLoan(db: Executor, id: number, lock?: { engine: Deps['engine'] }): Promise<LoanRow> {
  const row = await repo.findLoan(db, id, lock);
  if (!row) throw new AppError('loan_not_found');
  return row;
}

/** The loaner on its fault's timeline, where the customer sees it too: it stands at their site. */
function loanOnTimeline(trx: Executor, deps: Deps, ctx: RequestContext, row: Pick<LoanRow, 'id' | 'number' | 'ticket_id' | 'serial'>, action: 'lent' | 'returned', extra: { model: string | null; replaces: string | null }) {
  return partsOnTimeline(trx, deps, ctx, row.ticket_id, {
    type: 'loan',
    internal: false,
    body: [row.number, extra.model, row.serial].filter(Boolean).join(' · '),
    data: { action, loanId: row.id, number: row.number, serial: row.serial, model: extra.model, replaces: extra.replaces },
  });
}

async function getOne(deps: Deps, id: number): Promise<LoanDto> {
  return (await presentLoans(deps.db, [await loadLoan(deps.db, id)], today(deps)))[0]!;
}

/** One loan. */
export async function getLoan(deps: Deps, id: number): Promise<LoanDto> {
  return getOne(deps, id);
}

/** Loans newest first: the open ones, a customer's, the overdue ones. */
export async function listLoans(deps: Deps, query: LoanListQuery): Promise<{ items: LoanDto[]; nextCursor: string | null }> {
  const limit = query.limit ?? 50;
  const beforeId = query.cursor ? (decodeCursor(query.cursor, ['n'])[0] as number) : undefined;
  const day = today(deps);
  const rows = await repo.findLoans(deps.db, { state: query.state, overdueBefore: query.overdue ? day : undefined, customerId: query.customerId, beforeId, limit: limit + 1 });
  const page = pageOf(rows, limit, (r) => [r.id]);
  return { items: await presentLoans(deps.db, page.rows, day), nextCursor: page.nextCursor };
}

/** The unit to lend: by id, or a part's unit by serial. */
async function unitToLend(trx: Executor, input: CreateLoanBody) {
  if ((input.unitId === undefined) === (input.partId === undefined || input.serial === undefined)) throw invalid('name the unit by unitId, or by partId and serial');
  const unit = input.unitId !== undefined ? await stockRepo.findUnitById(trx, input.unitId) : (await stockRepo.findUnitsBySerial(trx, input.partId!, [input.serial!.trim()]))[0];
  if (!unit) throw invalid(input.unitId !== undefined ? `there is no unit ${input.unitId}` : `part ${input.partId} has no unit with serial ${input.serial!.trim()}`);
  return unit;
}

/**
 * Lends a loaner unit in stock to a customer's site: the loan, the unit out of its store, and the
 * loaner registered (or, lent before, moved) as the customer's asset, linked to the faulty device
 * it stands in for — all in one transaction.
 */
export async function createLoan(deps: Deps, ctx: RequestContext, input: CreateLoanBody): Promise<LoanDto> {
  if (input.expectedReturn !== undefined && !isIsoDay(input.expectedReturn)) throw new AppError('invalid_date', { value: input.expectedReturn });
  const { id, changed } = await writeTransaction(deps, async (trx) => {
    // Two people lending the same unit at once: the second waits here and finds it on loan.
    const unit = (await stockRepo.findUnitById(trx, (await unitToLend(trx, input)).id, { engine: deps.engine }))!;
    const part = await loadPart(trx, unit.part_id);
    if (unit.state !== 'in_stock' || unit.store_id === null) throw new AppError('stock_units_unavailable', { partNumber: part.part_number, serials: unit.serial }, [{ serial: unit.serial, state: unit.state, storeId: unit.store_id }]);
    const store = await loadStore(trx, ctx, unit.store_id);
    await assertCustomerExists(trx, input.customerId);
    const replaced = input.replacesAssetId !== undefined ? (await assetFacts(trx, [input.replacesAssetId])).get(input.replacesAssetId) : undefined;
    if (input.replacesAssetId !== undefined && replaced?.customerId !== input.customerId) throw invalid('the faulty device is not one of the customer’s');
    const ticket = input.ticketId !== undefined ? await ticketInScope(trx, ctx, input.ticketId) : null;
    if (ticket && ticket.customer_id !== input.customerId) throw invalid('the ticket is not the customer’s');

    const number = await nextCaseNumber(trx, deps, 'JY');
    const now = deps.clock.now();
    const siteId = input.siteId ?? replaced?.siteId ?? null;
    const id = await repo.insertLoan(trx, {
      number,
      part_id: part.id,
      unit_id: unit.id,
      serial: unit.serial,
      store_id: store.id,
      customer_id: input.customerId,
      site_id: siteId,
      ticket_id: ticket?.id ?? null,
      replaces_asset_id: replaced?.id ?? null,
      state: 'open',
      lent_at: now,
      expected_return: input.expectedReturn ?? null,
      notes: input.notes?.trim() ?? '',
      created_by_user_id: ctx.actor?.userId ?? null,
      actor_name: ctx.actor?.displayName ?? ctx.actor?.username ?? 'system',
      created_at: now,
      updated_at: now,
    });
    await applyMovement(trx, deps, ctx, [{ kind: 'loan_out', part, store, qty: 1, serials: [unit.serial], ticketId: ticket?.id ?? null, loanId: id, reason: number }]);

    // The loaner as the customer sees it: what it is (the model the part fits, else the faulty
    // device's), under the faulty device's contract so a fault on it runs the same clocks.
    const models = (await partsRepo.findPartModels(trx, [part.id])).get(part.id) ?? [];
    const asset = await placeLoanerIn(trx, deps, ctx, {
      customerId: input.customerId,
      serialNumber: unit.serial,
      vendor: part.vendor || replaced?.vendor || part.part_number,
      model: input.model?.trim() || models[0] || replaced?.modelName || part.description || part.part_number,
      category: input.category ?? (replaced?.category as AssetCategory | undefined) ?? 'other',
      siteId,
      contractId: replaced?.contractId ?? null,
      notes: replaced ? `备用机 loaner ${number}, replaces ${replaced.serialNumber}` : `备用机 loaner ${number}`,
      customFields: { loan: number, ...(replaced && { replaces: replaced.serialNumber }) },
    });
    await repo.updateLoan(trx, id, 'open', { asset_id: asset.id });
    await recordAudit(trx, deps.clock, ctx, { action: 'loan.lend', entityType: 'loan', entityId: id, after: { number, unitId: unit.id, serial: unit.serial, storeId: store.id, customerId: input.customerId, siteId, assetId: asset.id, replacesAssetId: replaced?.id ?? null } });
    const changed = await loanOnTimeline(trx, deps, ctx, { id, number, ticket_id: ticket?.id ?? null, serial: unit.serial }, 'lent', { model: asset.model, replaces: replaced?.serialNumber ?? null });
    return { id, changed };
  });
  if (changed) ticketChanged(deps, changed);
  return getOne(deps, id);
}

/**
 * Takes a loaner back into a store: the unit is in stock again, and the asset it was at the
 * customer's site is `returned`, so their asset list no longer shows it (its history stays).
 */
export async function returnLoan(deps: Deps, ctx: RequestContext, id: number, input: ReturnLoanBody): Promise<LoanDto> {
  const changed = await writeTransaction(deps, async (trx) => {
    const row = await loadLoan(trx, id, { engine: deps.engine });
    if (row.state !== 'open') throw new AppError('loan_returned', { number: row.number });
    const store = await loadStore(trx, ctx, input.storeId);
    if (store.active !== 1) throw new AppError('store_inactive', { name: store.name });
    const part = await loadPart(trx, row.part_id);
    const now = deps.clock.now();
    const notes = input.notes?.trim() ? [row.notes, input.notes.trim()].filter(Boolean).join('\n') : row.notes;
    if (!(await repo.updateLoan(trx, id, 'open', { state: 'returned', returned_at: now, returned_store_id: store.id, notes, updated_at: now }))) {
      throw new AppError('loan_returned', { number: row.number });
    }
    await applyMovement(trx, deps, ctx, [{ kind: 'loan_return', part, store, qty: 1, serials: [row.serial], ticketId: row.ticket_id, loanId: id, reason: row.number }]);
    if (row.asset_id !== null) await updateAssetIn(trx, deps, ctx, row.asset_id, { status: 'returned', changeNote: `${row.number} returned` });
    await recordAudit(trx, deps.clock, ctx, { action: 'loan.return', entityType: 'loan', entityId: id, before: { state: row.state }, after: { state: 'returned', storeId: store.id } });
    return loanOnTimeline(trx, deps, ctx, row, 'returned', { model: null, replaces: null });
  });
  if (changed) ticketChanged(deps, changed);
  return getOne(deps, id);
}
