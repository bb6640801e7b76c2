/**
 * Clock policies (R4, R3): per fault grade, a target for each promise of the service commitment.
 * Plain data, stored as JSON; contracts pick one, tickets take their contract's or the default.
 */

export const CLOCK_KINDS = ['response', 'solution', 'dispatch', 'arrival', 'restore', 'hardware_restore', 'report'] as const;
/**
 * - response: first (phone) response, from the report (最快30分钟电话响应)
 * - solution: remote solution proposal, from the report (1小时内提出解决方案)
 * - dispatch: engineer dispatched when it cannot be solved remotely, from the report (2小时内派出)
 * - arrival: engineer on site, from the dispatch (1小时的现场响应时间)
 * - restore: service restored, from the report (6小时内 / 14小时内恢复)
 * - hardware_restore: hardware fault restored with on-site spares, from the report, only when
 *   the ticket is flagged as having spares on site (发生硬件故障后四小时能恢复使用)
 * - report: fault analysis report delivered, from restoration (故障解决后3天内)
 */
export type ClockKind = (typeof CLOCK_KINDS)[number];

// Same words as ticket.schemas.ts GRADES; kept here so the pure engine imports no HTTP schema.
export const FAULT_GRADES = ['general', 'major', 'emergency'] as const;
export type FaultGrade = (typeof FAULT_GRADES)[number];

export type ClockTargets = Readonly<Record<ClockKind, number>>;

export interface ClockPolicy {
  /** Minutes of working time per grade and clock. */
  targets: Readonly<Record<FaultGrade, ClockTargets>>;
  /** Share of the target after which a running clock warns, 0 < f < 1 (issue 5: e.g. 75 %). */
  warnFraction: number;
  /**
   * Clocks that count every hour whatever the contract's calendar says: the grades whose faults get
   * 7×24 support (R3: 重大灾害或特殊情况 … 7×24小时技术支持) and the clocks whose promise is in
   * calendar days (R10: 3天内 — days, not working days).
   */
  roundTheClock: {
    grades: readonly FaultGrade[];
    kinds: readonly ClockKind[];
  };
}

const HOUR = 60;
const DAY = 24 * HOUR;

/**
 * The seed's commitment. General: respond 30 min, propose a solution 1 h, dispatch 2 h, on site 1 h
 * after dispatch, restore 6 h, restore hardware with on-site spares 4 h, report 3 days after
 * restoration. Major: the same, but 14 h to restore (在14小时内恢复). The seed promises a major
 * fault an "immediate" solution and dispatch without a number, so the general figures stand until a
 * contract sets tighter ones. Emergency (重大灾害或特殊情况) has no figure in the seed at all: these
 * are this product's defaults, never longer than major's, tighter where "immediately" and "7×24"
 * call for it, and every one is configurable per policy.
 */
export const DEFAULT_POLICY: ClockPolicy = deepFreeze({
  targets: {
    general: { response: 30, solution: 1 * HOUR, dispatch: 2 * HOUR, arrival: 1 * HOUR, restore: 6 * HOUR, hardware_restore: 4 * HOUR, report: 3 * DAY },
    major: { response: 30, solution: 1 * HOUR, dispatch: 2 * HOUR, arrival: 1 * HOUR, restore: 14 * HOUR, hardware_restore: 4 * HOUR, report: 3 * DAY },
    emergency: { response: 15, solution: 30, dispatch: 1 * HOUR, arrival: 1 * HOUR, restore: 14 * HOUR, hardware_restore: 4 * HOUR, report: 3 * DAY },
  },
  warnFraction: 0.75,
  roundTheClock: { grades: ['emergency'], kinds: ['report'] },
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

export type PolicyProblemCode = 'missing_target' | 'bad_target' | 'unknown_kind' | 'unknown_grade' | 'bad_warn_fraction';

export interface PolicyProblem {
  code: PolicyProblemCode;
  /** Where: `targets.major.restore`, `warnFraction`. */
  path: string;
  message: string;
}

// A target beyond 90 days is a typo (minutes typed as seconds, say). On business hours 90 days of
// working time already spans about a year, well inside the calendar's three-year search.
export const MAX_TARGET_MINUTES = 90 * DAY;

/** Every problem with a policy, empty when it is usable (issue 5: a target must be positive). */
export function validatePolicy(policy: ClockPolicy): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const targets = (policy?.targets ?? {}) as Record<string, Record<string, unknown> | undefined>;
  for (const grade of Object.keys(targets)) {
    if (!(FAULT_GRADES as readonly string[]).includes(grade)) problems.push({ code: 'unknown_grade', path: `targets.${grade}`, message: `unknown grade ${grade}` });
  }
  for (const grade of FAULT_GRADES) {
    const perKind = targets[grade] ?? {};
    for (const kind of Object.keys(perKind)) {
      if (!(CLOCK_KINDS as readonly string[]).includes(kind)) problems.push({ code: 'unknown_kind', path: `targets.${grade}.${kind}`, message: `unknown clock ${kind}` });
    }
    for (const kind of CLOCK_KINDS) {
      const path = `targets.${grade}.${kind}`;
      const minutes = perKind[kind];
      if (minutes === undefined) problems.push({ code: 'missing_target', path, message: `${path} is missing` });
      else if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes <= 0 || minutes > MAX_TARGET_MINUTES) {
        problems.push({ code: 'bad_target', path, message: `${path} must be a whole number of minutes from 1 to ${MAX_TARGET_MINUTES}, not ${String(minutes)}` });
      }
    }
  }
  const f = policy?.warnFraction;
  if (typeof f !== 'number' || !(f > 0 && f < 1)) {
    problems.push({ code: 'bad_warn_fraction', path: 'warnFraction', message: `warnFraction must be between 0 and 1 (exclusive), not ${String(f)}` });
  }
  const rtc = policy?.roundTheClock ?? { grades: [], kinds: [] };
  (rtc.grades ?? []).forEach((g, i) => {
    if (!(FAULT_GRADES as readonly string[]).includes(g)) problems.push({ code: 'unknown_grade', path: `roundTheClock.grades[${i}]`, message: `unknown grade ${String(g)}` });
  });
  (rtc.kinds ?? []).forEach((k, i) => {
    if (!(CLOCK_KINDS as readonly string[]).includes(k)) problems.push({ code: 'unknown_kind', path: `roundTheClock.kinds[${i}]`, message: `unknown clock ${String(k)}` });
  });
  return problems;
}

/** Whether a clock of this kind and grade ignores the contract's business hours. */
export function countsRoundTheClock(policy: ClockPolicy, kind: ClockKind, grade: FaultGrade): boolean {
  return policy.roundTheClock.grades.includes(grade) || policy.roundTheClock.kinds.includes(kind);
}
