/**
 * Warnings and breach escalation (R4: each clock "warns before it breaches … and escalates a
 * breach"), as pure rules over a stored clock: which alerts are due at an instant, and when the next
 * one falls due. The service stores that instant in `ticket_clocks.alert_due_at`, so the sweeper
 * finds due work by one index range, and both the service and the sweeper use these functions, so
 * they never disagree about what comes next.
 *
 * Each alert is raised at most once per clock: the warning once, and each breach step once.
 */

export const ESCALATION_TARGETS = ['owner', 'team_lead', 'manager'] as const;
/**
 * Who hears an alert. A target with nobody behind it (no owner, a team without a lead) passes the
 * alert up the chain owner → team lead → manager, so an alert always reaches someone who can act.
 */
export type EscalationTarget = (typeof ESCALATION_TARGETS)[number];

export interface EscalationStep {
  /** Minutes after the deadline; the first step is the breach itself (usually 0). */
  afterMinutes: number;
  to: readonly EscalationTarget[];
}

export interface EscalationPolicy {
  /** Who is warned when a running clock passes the policy's warning share; empty: no warnings. */
  warn: readonly EscalationTarget[];
  /**
   * The breach and its escalation, in order. Step 0 is raised when the clock breaches; later steps
   * only while the clock is still running (a restored fault needs no manager woken up).
   */
  breach: readonly EscalationStep[];
}

/** Owner warned at 75 % (the policy's warnFraction); on breach the owner, then the team lead after 30 min, the managers after 2 h. */
export const DEFAULT_ESCALATION: EscalationPolicy = Object.freeze({
  warn: Object.freeze(['owner'] as const),
  breach: Object.freeze([
    Object.freeze({ afterMinutes: 0, to: Object.freeze(['owner'] as const) }),
    Object.freeze({ afterMinutes: 30, to: Object.freeze(['team_lead'] as const) }),
    Object.freeze({ afterMinutes: 120, to: Object.freeze(['manager'] as const) }),
  ]),
});

export const MAX_ESCALATION_STEPS = 6;
// A week past the deadline is the last useful escalation; more is a typo.
export const MAX_ESCALATION_MINUTES = 7 * 24 * 60;

export interface EscalationProblem {
  code: 'unknown_target' | 'bad_step' | 'steps_out_of_order' | 'too_many_steps';
  path: string;
  message: string;
}

/** Every problem with an escalation policy, empty when it is usable. */
export function validateEscalation(escalation: EscalationPolicy): EscalationProblem[] {
  const problems: EscalationProblem[] = [];
  const targets = (list: unknown, path: string) => {
    if (!Array.isArray(list)) {
      problems.push({ code: 'unknown_target', path, message: `${path} must be a list of ${ESCALATION_TARGETS.join(', ')}` });
      return;
    }
    list.forEach((t, i) => {
      if (!(ESCALATION_TARGETS as readonly unknown[]).includes(t)) problems.push({ code: 'unknown_target', path: `${path}[${i}]`, message: `unknown target ${String(t)}` });
    });
  };
  targets(escalation?.warn, 'escalation.warn');
  const steps = Array.isArray(escalation?.breach) ? escalation.breach : [];
  if (!Array.isArray(escalation?.breach)) problems.push({ code: 'bad_step', path: 'escalation.breach', message: 'escalation.breach must be a list of steps' });
  if (steps.length > MAX_ESCALATION_STEPS) problems.push({ code: 'too_many_steps', path: 'escalation.breach', message: `at most ${MAX_ESCALATION_STEPS} steps` });
  steps.forEach((step, i) => {
    const path = `escalation.breach[${i}]`;
    const after = step?.afterMinutes;
    if (typeof after !== 'number' || !Number.isInteger(after) || after < 0 || after > MAX_ESCALATION_MINUTES) {
      problems.push({ code: 'bad_step', path: `${path}.afterMinutes`, message: `${path}.afterMinutes must be a whole number of minutes from 0 to ${MAX_ESCALATION_MINUTES}` });
    } else if (i > 0 && typeof steps[i - 1]?.afterMinutes === 'number' && after < steps[i - 1]!.afterMinutes) {
      problems.push({ code: 'steps_out_of_order', path: `${path}.afterMinutes`, message: `${path} comes before the step above it` });
    }
    targets(step?.to, `${path}.to`);
    if (Array.isArray(step?.to) && step.to.length === 0) problems.push({ code: 'bad_step', path: `${path}.to`, message: `${path} notifies nobody` });
  });
  return problems;
}

/** What the alert rules need of a stored clock. */
export interface AlertableClock {
  /** null while pending or paused. */
  deadline: number | null;
  warnAt: number | null;
  stoppedAt: number | null;
  /** When the warning was raised; null if not yet. */
  warnedAt: number | null;
  /** How many breach steps were raised. */
  breachStep: number;
}

export type AlertKind = 'warning' | 'breach' | 'escalation';

export interface DueAlert {
  kind: AlertKind;
  /** 0 for the warning and the breach; the escalation step's index otherwise. */
  step: number;
  to: readonly EscalationTarget[];
}

function stepDueAt(clock: AlertableClock, escalation: EscalationPolicy, step: number): number | null {
  const s = escalation.breach[step];
  if (!s || clock.deadline === null) return null;
  // A clock that stopped in time never breaches; one that stopped late still gets its breach
  // raised (the sweeper may not have seen it running), but no escalation after it stopped.
  if (clock.stoppedAt !== null && (step > 0 || clock.stoppedAt <= clock.deadline)) return null;
  return clock.deadline + s.afterMinutes * 60_000;
}

function warningDueAt(clock: AlertableClock, escalation: EscalationPolicy): number | null {
  if (clock.warnedAt !== null || escalation.warn.length === 0 || clock.stoppedAt !== null || clock.deadline === null) return null;
  return clock.warnAt;
}

/** When the clock's next alert falls due (the value of `alert_due_at`); null when none will. */
export function nextAlertAt(clock: AlertableClock, escalation: EscalationPolicy): number | null {
  const warning = warningDueAt(clock, escalation);
  const breach = stepDueAt(clock, escalation, clock.breachStep);
  if (warning === null) return breach;
  return breach === null ? warning : Math.min(warning, breach);
}

/**
 * The alerts due at `now`, and the clock's alert state after raising them. A warning whose breach
 * is due too is marked raised but not sent: the breach says more. Several breach steps come due
 * at once only after the sweeper was stopped for a while; each is raised.
 */
export function dueAlerts(
  clock: AlertableClock,
  escalation: EscalationPolicy,
  now: number,
): { alerts: DueAlert[]; warnedAt: number | null; breachStep: number; nextAlertAt: number | null } {
  const alerts: DueAlert[] = [];
  let warnedAt = clock.warnedAt;
  let breachStep = clock.breachStep;
  const warning = warningDueAt(clock, escalation);
  const breachDue = clock.deadline !== null && clock.deadline <= now;
  if (warning !== null && warning <= now) {
    warnedAt = now;
    if (!breachDue) alerts.push({ kind: 'warning', step: 0, to: escalation.warn });
  }
  for (;;) {
    const due = stepDueAt(clock, escalation, breachStep);
    if (due === null || due > now) break;
    alerts.push({ kind: breachStep === 0 ? 'breach' : 'escalation', step: breachStep, to: escalation.breach[breachStep]!.to });
    breachStep++;
  }
  const after = { ...clock, warnedAt, breachStep };
  return { alerts, warnedAt, breachStep, nextAlertAt: nextAlertAt(after, escalation) };
}
