import type { Deps } from '../../deps.js';
import { enqueue, type OutboxMessage } from '../../jobs/outbox.js';
import { escalationsOf } from './clock-settings.service.js';
import { dueAlerts, type AlertKind, type EscalationTarget } from './escalation.js';
import * as repo from './ticket-clock.repository.js';

/** The outbox topic of clock warnings, breaches and escalations. */
export const CLOCK_ALERT_TOPIC = 'clock.alert';

/** One alert to deliver: what happened to which clock, and who should hear of it. */
export interface ClockAlert {
  ticketId: number;
  customerId: number;
  clockKind: string;
  kind: AlertKind;
  step: number;
  to: readonly EscalationTarget[];
  ownerId: number | null;
  teamId: number | null;
  deadline: number | null;
  raisedAt: number;
}

/**
 * Raises the warnings and breach steps due now (R4), each exactly once, however many instances
 * sweep at the same time: due clocks are found by a range on `alert_due_at`, claimed (on PostgreSQL
 * FOR UPDATE SKIP LOCKED), and in the same transaction their alert state moves on and one outbox
 * message per alert is written. Batches of `batchSize` clocks, until nothing is due.
 */
export async function sweepClocks(deps: Deps, options: { batchSize?: number } = {}): Promise<{ clocks: number; alerts: number }> {
  const batchSize = options.batchSize ?? 2000;
  let clocks = 0;
  let alerts = 0;
  for (;;) {
    const claimed = await deps.db.transaction().execute(async (trx) => {
      const now = deps.clock.now();
      const due = await repo.claimDueClocks(trx, deps.engine, now, batchSize);
      if (due.length === 0) return { count: 0, alerts: 0 };
      const escalations = await escalationsOf(trx, [...new Set(due.map((c) => c.policy_id))]);
      const updates: repo.AlertStateUpdate[] = [];
      const messages: OutboxMessage[] = [];
      for (const c of due) {
        const escalation = (c.policy_id !== null ? escalations.byId.get(c.policy_id) : undefined) ?? escalations.fallback;
        const state = { deadline: c.deadline, warnAt: c.warn_at, stoppedAt: c.stopped_at, warnedAt: c.warned_at, breachStep: c.breach_step };
        const result = dueAlerts(state, escalation, now);
        updates.push({
          ticketId: c.ticket_id,
          kind: c.kind,
          warnedAt: result.warnedAt,
          breachStep: result.breachStep,
          breachRaisedAt: c.breach_step === 0 && result.breachStep > 0 ? now : null,
          // A row claimed as due must leave the range, or the next batch would claim it again.
          alertDueAt: result.nextAlertAt !== null && result.nextAlertAt <= now ? null : result.nextAlertAt,
        });
        for (const a of result.alerts) {
          const payload: ClockAlert = {
            ticketId: c.ticket_id,
            customerId: c.customer_id,
            clockKind: c.kind,
            kind: a.kind,
            step: a.step,
            to: a.to,
            ownerId: c.owner_id,
            teamId: c.team_id,
            deadline: c.deadline,
            raisedAt: now,
          };
          messages.push({ topic: CLOCK_ALERT_TOPIC, payload });
        }
      }
      await repo.updateAlertStates(trx, deps.engine, updates);
      await enqueue(trx, now, messages);
      return { count: due.length, alerts: messages.length };
    });
    clocks += claimed.count;
    alerts += claimed.alerts;
    if (claimed.count < batchSize) return { clocks, alerts };
  }
}
