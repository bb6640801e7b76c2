import type { Executor } from '../../db/database.js';
import * as repo from './field.repository.js';

/**
 * A ticket's field records as plain rows, for the domains that write about them — the vendor
 * escalation's brief and the fault analysis report (R6, R10) — so they read field service through
 * its own module rather than its tables.
 */

/** The ticket's remote sessions in the order they started. */
export async function remoteSessionsOf(db: Executor, ticketId: number) {
  return repo.findRemoteSessionsByStart(db, ticketId);
}

/** The ticket's visits that were not cancelled, each with its work log in order. */
export async function visitsWithLogsOf(db: Executor, ticketId: number) {
  const visits = (await repo.findDispatchesOfTicket(db, ticketId)).filter((v) => v.state !== 'cancelled');
  const logs = await repo.findVisitLogsOf(db, visits.map((v) => v.id));
  return visits.map((v) => ({ ...v, logs: logs.filter((l) => l.dispatch_id === v.id) }));
}

/** How the fault was fixed, if recorded. */
export async function resolutionOf(db: Executor, ticketId: number) {
  return (await repo.findResolution(db, ticketId)) ?? null;
}
