import type { Insertable, Updateable } from 'kysely';
import type { Engine, Executor } from '../../db/database.js';
import type { ServiceFormRow, ServiceFormsTable, SignLinkRow, SignLinksTable } from '../../db/schema.js';

export async function insertForm(db: Executor, row: Insertable<ServiceFormsTable>): Promise<number> {
  return (await db.insertInto('service_forms').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/**
 * Changes a form only while it is still a draft: the state is part of the WHERE, so a form signed
 * by someone else a moment ago is never overwritten. Returns whether a row changed.
 */
export async function updateDraftForm(db: Executor, id: number, patch: Updateable<ServiceFormsTable>): Promise<boolean> {
  const result = await db.updateTable('service_forms').set(patch).where('id', '=', id).where('state', '=', 'draft').executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function markSuperseded(db: Executor, id: number, at: number): Promise<void> {
  await db.updateTable('service_forms').set({ state: 'superseded', updated_at: at }).where('id', '=', id).where('state', '=', 'signed').execute();
}

export async function findForm(db: Executor, id: number, options: { engine?: Engine; lock?: boolean } = {}): Promise<ServiceFormRow | undefined> {
  let q = db.selectFrom('service_forms').selectAll().where('id', '=', id);
  if (options.lock && options.engine === 'postgres') q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Every version of a visit's form, oldest first. */
export async function findFormVersions(db: Executor, dispatchId: number): Promise<ServiceFormRow[]> {
  return db.selectFrom('service_forms').selectAll().where('dispatch_id', '=', dispatchId).orderBy('version').execute();
}

/** The latest version of each visit's form. */
export async function findLatestForms(db: Executor, dispatchIds: number[]): Promise<Map<number, ServiceFormRow>> {
  const map = new Map<number, ServiceFormRow>();
  if (dispatchIds.length === 0) return map;
  const rows = await db.selectFrom('service_forms').selectAll().where('dispatch_id', 'in', dispatchIds).orderBy('version').execute();
  for (const r of rows) map.set(r.dispatch_id, r);
  return map;
}

/** Signed (current) forms of some tickets, for the maintenance archive. */
export async function findFormsOfTickets(db: Executor, ticketIds: number[]): Promise<ServiceFormRow[]> {
  if (ticketIds.length === 0) return [];
  return db.selectFrom('service_forms').selectAll().where('ticket_id', 'in', ticketIds).orderBy('version').execute();
}

export async function insertSignLink(db: Executor, row: Insertable<SignLinksTable>): Promise<void> {
  await db.insertInto('sign_links').values(row).execute();
}

export async function findSignLink(db: Executor, tokenHash: string): Promise<SignLinkRow | undefined> {
  return db.selectFrom('sign_links').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** Uses a link once: only the first of two concurrent uses changes the row. */
export async function useSignLink(db: Executor, id: number, at: number): Promise<boolean> {
  const result = await db.updateTable('sign_links').set({ used_at: at }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Withdraws a link whose e-mail could not be sent. */
export async function expireSignLink(db: Executor, tokenHash: string, at: number): Promise<void> {
  await db.updateTable('sign_links').set({ expires_at: at }).where('token_hash', '=', tokenHash).execute();
}
