import type { Deps } from '../../deps.js';
import type { Executor } from '../../db/database.js';
import type { Kysely, Transaction } from 'kysely';
import type { CalendarDayRow, ClockCalendarRow, ClockPolicyRow, DB } from '../../db/schema.js';
import type { RequestContext } from '../../http/actor.js';
import { AppError } from '../../http/errors.js';
import { ShortMemo } from '../../shared/memo.js';
import { recordAudit } from '../audit/audit.service.js';
import { DEFAULT_TIME_ZONE, ROUND_THE_CLOCK, WEEKDAYS, validateCalendar, type Calendar, type CalendarProblem, type WeekSchedule } from './calendar.js';
import type {
  CalendarBody,
  CalendarDaysBody,
  CalendarDto,
  CalendarYearDto,
  ClockPolicyBody,
  ClockPolicyDto,
  HolidayFileBody,
  WeekInput,
} from './clock-settings.schemas.js';
import * as repo from './clock-settings.repository.js';
import { DEFAULT_ESCALATION, validateEscalation, type EscalationPolicy } from './escalation.js';
import { formatHolidayFile, parseHolidayFile, type HolidayDay } from './holidays.js';
import { DEFAULT_POLICY, validatePolicy, type ClockPolicy } from './policy.js';

// ---------------------------------------------------------------------------------------------
// Parsing stored rows, cached: a ticket event resolves its policy and calendar every time, and a
// calendar with years of holidays is worth compiling once (calendar.ts caches per object).

interface ParsedPolicy {
  source: string;
  policy: ClockPolicy;
  escalation: EscalationPolicy;
}
const policies = new Map<number, ParsedPolicy>();
const calendars = new Map<number, { updatedAt: number; calendar: Calendar }>();

function parsePolicy(row: ClockPolicyRow): ParsedPolicy {
  const source = row.policy_json + row.escalation_json;
  let parsed = policies.get(row.id);
  if (!parsed || parsed.source !== source) {
    parsed = { source, policy: JSON.parse(row.policy_json) as ClockPolicy, escalation: JSON.parse(row.escalation_json) as EscalationPolicy };
    policies.set(row.id, parsed);
  }
  return parsed;
}

function weekOf(row: ClockCalendarRow): WeekSchedule {
  const stored = JSON.parse(row.week_json || '{}') as WeekInput;
  return Object.fromEntries(WEEKDAYS.map((d) => [d, stored[d] ?? []])) as unknown as WeekSchedule;
}

function buildCalendar(row: Pick<ClockCalendarRow, 'kind' | 'time_zone' | 'week_json'>, days: Pick<CalendarDayRow, 'day' | 'kind' | 'hours_json'>[]): Calendar {
  if (row.kind === '7x24') return { kind: '7x24', timeZone: row.time_zone };
  return {
    kind: 'business_hours',
    timeZone: row.time_zone,
    week: weekOf(row as ClockCalendarRow),
    holidays: days.filter((d) => d.kind === 'holiday').map((d) => d.day),
    makeUpWorkdays: days.filter((d) => d.kind === 'workday').map((d) => (d.hours_json ? { day: d.day, hours: JSON.parse(d.hours_json) } : { day: d.day })),
  };
}

async function calendarOfRow(db: Executor, row: ClockCalendarRow): Promise<Calendar> {
  const cached = calendars.get(row.id);
  if (cached && cached.updatedAt === row.updated_at) return cached.calendar;
  const calendar = buildCalendar(row, row.kind === '7x24' ? [] : await repo.findDays(db, row.id));
  calendars.set(row.id, { updatedAt: row.updated_at, calendar });
  return calendar;
}

/** A calendar's `updated_at` only grows, even within one millisecond: other instances' caches key on it. */
function bumped(row: ClockCalendarRow, now: number): number {
  return Math.max(now, row.updated_at + 1);
}

// ---------------------------------------------------------------------------------------------
// For other domains

/** What a contract says about its clocks (contracts domain). */
export interface ContractClockTerms {
  clockPolicyId: number | null;
  calendarId: number | null;
  coverage: string;
  sparesOnSite: boolean;
}

export interface ClockSettings {
  /** The policy row in force; null only if the database holds no default (then DEFAULT_POLICY). */
  policyId: number | null;
  policy: ClockPolicy;
  escalation: EscalationPolicy;
  calendarId: number | null;
  calendar: Calendar;
}

// Every ticket event resolves its contract's policy and calendar: each instance keeps what it
// resolved for a moment (shared/memo.ts), dropped at once after a change made here.
const settingsMemo = new ShortMemo<ClockSettings>(5_000);

/** Runs a change of policies or calendars, then drops this instance's resolved settings. */
async function changing<T>(deps: Deps, work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  try {
    return await deps.db.transaction().execute(work);
  } finally {
    settingsMemo.forget(deps.db);
  }
}

/**
 * resolveClockSettings, kept for a few seconds per database. Inside a transaction pass it as
 * `trx`: a load then runs in that transaction rather than taking a second pool connection.
 */
export function cachedClockSettings(db: Kysely<DB>, terms: ContractClockTerms | null, trx?: Executor): Promise<ClockSettings> {
  const key = `${terms?.clockPolicyId ?? ''}|${terms?.calendarId ?? ''}|${terms?.coverage === 'business_hours' ? 'b' : 'r'}`;
  if (trx && trx !== db) return settingsMemo.getInTransaction(db, key, () => resolveClockSettings(trx, terms));
  return settingsMemo.get(db, key, () => resolveClockSettings(db, terms));
}

/**
 * The policy and calendar a ticket's clocks run on: its contract's, else the default policy and the
 * built-in calendar of the contract's coverage (7×24 unless it is business hours); without a
 * contract, the default policy on 7×24 (R4: "7×24 by default").
 */
export async function resolveClockSettings(db: Executor, terms: ContractClockTerms | null): Promise<ClockSettings> {
  let policyRow = terms?.clockPolicyId ? await repo.findPolicy(db, terms.clockPolicyId) : undefined;
  policyRow ??= await repo.findDefaultPolicy(db);
  const parsed = policyRow ? parsePolicy(policyRow) : { policy: DEFAULT_POLICY, escalation: DEFAULT_ESCALATION };
  let calendarRow = terms?.calendarId ? await repo.findCalendar(db, terms.calendarId) : undefined;
  calendarRow ??= await repo.findCalendarByPreset(db, terms?.coverage === 'business_hours' ? 'business_hours' : 'round_the_clock');
  return {
    policyId: policyRow?.id ?? null,
    policy: parsed.policy,
    escalation: parsed.escalation,
    calendarId: calendarRow?.id ?? null,
    calendar: calendarRow ? await calendarOfRow(db, calendarRow) : ROUND_THE_CLOCK,
  };
}

/** Escalation policies by policy id (the default's for ids that no longer exist), for the sweeper. */
export async function escalationsOf(db: Executor, policyIds: (number | null)[]): Promise<{ byId: Map<number, EscalationPolicy>; fallback: EscalationPolicy }> {
  const rows = await repo.findPoliciesByIds(db, policyIds.filter((id): id is number => id !== null));
  const byId = new Map(rows.map((r) => [r.id, parsePolicy(r).escalation]));
  const defaultRow = await repo.findDefaultPolicy(db);
  return { byId, fallback: defaultRow ? parsePolicy(defaultRow).escalation : DEFAULT_ESCALATION };
}

/** Calendars by id, for counting the working time left on stored clocks. */
export async function calendarsOf(db: Executor, ids: number[]): Promise<Map<number, Calendar>> {
  const rows = await repo.findCalendarsByIds(db, ids);
  const map = new Map<number, Calendar>();
  for (const row of rows) map.set(row.id, await calendarOfRow(db, row));
  return map;
}

/** Checks the policy and calendar a contract picks exist (contracts domain). */
export async function assertClockSettingsExist(db: Executor, ids: { clockPolicyId?: number | null; calendarId?: number | null }): Promise<void> {
  if (ids.clockPolicyId && !(await repo.findPolicy(db, ids.clockPolicyId))) throw new AppError('clock_policy_not_found', {}, { field: 'clockPolicyId' });
  if (ids.calendarId && !(await repo.findCalendar(db, ids.calendarId))) throw new AppError('calendar_not_found', {}, { field: 'calendarId' });
}

/** Policy and calendar names by id, for the contract presenter. */
export async function clockSettingNames(db: Executor, policyIds: number[], calendarIds: number[]) {
  const [p, c] = await Promise.all([repo.findPoliciesByIds(db, policyIds), repo.findCalendarsByIds(db, calendarIds)]);
  return { policies: new Map(p.map((r) => [r.id, r.name])), calendars: new Map(c.map((r) => [r.id, r.name])) };
}

// ---------------------------------------------------------------------------------------------
// Policies

function presentPolicy(row: ClockPolicyRow): ClockPolicyDto {
  const { policy, escalation } = parsePolicy(row);
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    isDefault: row.is_default === 1,
    targets: policy.targets,
    warnFraction: policy.warnFraction,
    roundTheClock: policy.roundTheClock,
    escalation,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function isForeignKeyViolation(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

function problemSummary(problems: { message: string }[]): string {
  const shown = problems.slice(0, 5).map((p) => p.message).join('; ');
  return problems.length > 5 ? `${shown}; … (${problems.length} in all)` : shown;
}

/** The policy and escalation a body describes, or policy_invalid with every problem and its path. */
function policyOf(input: ClockPolicyBody): { policy: ClockPolicy; escalation: EscalationPolicy } {
  const policy = {
    targets: input.targets,
    warnFraction: input.warnFraction,
    roundTheClock: input.roundTheClock ?? DEFAULT_POLICY.roundTheClock,
  } as ClockPolicy;
  const escalation = (input.escalation ?? DEFAULT_ESCALATION) as EscalationPolicy;
  const problems = [...validatePolicy(policy), ...validateEscalation(escalation)];
  if (problems.length) throw new AppError('policy_invalid', { summary: problemSummary(problems) }, { problems });
  return { policy, escalation };
}

export async function listPolicies(deps: Deps): Promise<ClockPolicyDto[]> {
  return (await repo.findPolicies(deps.db)).map(presentPolicy);
}

async function loadPolicy(db: Executor, id: number): Promise<ClockPolicyRow> {
  const row = await repo.findPolicy(db, id);
  if (!row) throw new AppError('clock_policy_not_found');
  return row;
}

export async function getPolicy(deps: Deps, id: number): Promise<ClockPolicyDto> {
  return presentPolicy(await loadPolicy(deps.db, id));
}

/** Adds a clock policy (R4); making it the default takes the flag from the previous one. */
export async function createPolicy(deps: Deps, ctx: RequestContext, input: ClockPolicyBody): Promise<ClockPolicyDto> {
  const { policy, escalation } = policyOf(input);
  return changing(deps, async (trx) => {
    const name = input.name.trim();
    if (await repo.findPolicyByName(trx, name)) throw new AppError('clock_policy_name_taken', { name });
    const now = deps.clock.now();
    if (input.isDefault) await repo.clearDefaultPolicy(trx, now);
    const id = await repo.insertPolicy(trx, {
      name,
      description: input.description ?? '',
      is_default: input.isDefault ? 1 : 0,
      policy_json: JSON.stringify(policy),
      escalation_json: JSON.stringify(escalation),
      created_at: now,
      updated_at: now,
    });
    const dto = presentPolicy((await repo.findPolicy(trx, id))!);
    await recordAudit(trx, deps.clock, ctx, { action: 'clock_policy.create', entityType: 'clock_policy', entityId: id, after: dto });
    return dto;
  });
}

/**
 * Replaces a clock policy. Tickets already open keep their clocks until their next event, which
 * recomputes them under the new targets (from their original start, like a grade change).
 */
export async function replacePolicy(deps: Deps, ctx: RequestContext, id: number, input: ClockPolicyBody): Promise<ClockPolicyDto> {
  const { policy, escalation } = policyOf(input);
  return changing(deps, async (trx) => {
    const row = await loadPolicy(trx, id);
    const name = input.name.trim();
    if (name !== row.name && (await repo.findPolicyByName(trx, name))) throw new AppError('clock_policy_name_taken', { name });
    if (row.is_default === 1 && input.isDefault === false) {
      const problem = { code: 'default_required', path: 'isDefault', message: 'make another policy the default instead' };
      throw new AppError('policy_invalid', { summary: problem.message }, { problems: [problem] });
    }
    const now = deps.clock.now();
    if (input.isDefault && row.is_default !== 1) await repo.clearDefaultPolicy(trx, now);
    await repo.updatePolicy(trx, id, {
      name,
      description: input.description ?? row.description,
      ...(input.isDefault && { is_default: 1 }),
      policy_json: JSON.stringify(policy),
      escalation_json: JSON.stringify(escalation),
      updated_at: now,
    });
    const dto = presentPolicy((await repo.findPolicy(trx, id))!);
    await recordAudit(trx, deps.clock, ctx, { action: 'clock_policy.update', entityType: 'clock_policy', entityId: id, before: presentPolicy(row), after: dto });
    return dto;
  });
}

/** Deletes a policy no contract uses; the default cannot go. */
export async function deletePolicy(deps: Deps, ctx: RequestContext, id: number): Promise<void> {
  await changing(deps, async (trx) => {
    const row = await loadPolicy(trx, id);
    if (row.is_default === 1) throw new AppError('clock_policy_default');
    try {
      await repo.deletePolicy(trx, id);
    } catch (error) {
      // The contracts' foreign key decides "in use", in the same statement: no race with a contract
      // picking it meanwhile.
      if (isForeignKeyViolation(error)) throw new AppError('clock_policy_in_use');
      throw error;
    }
    await recordAudit(trx, deps.clock, ctx, { action: 'clock_policy.delete', entityType: 'clock_policy', entityId: id, before: presentPolicy(row) });
  });
}

// ---------------------------------------------------------------------------------------------
// Calendars

async function presentCalendars(db: Executor, rows: ClockCalendarRow[]): Promise<CalendarDto[]> {
  const years = await repo.findYears(db, rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    preset: r.preset as CalendarDto['preset'],
    kind: r.kind as CalendarDto['kind'],
    timeZone: r.time_zone,
    week: r.kind === '7x24' ? null : (weekOf(r) as WeekInput),
    years: years.get(r.id) ?? [],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

async function presentCalendar(db: Executor, row: ClockCalendarRow): Promise<CalendarDto> {
  return (await presentCalendars(db, [row]))[0]!;
}

async function loadCalendar(db: Executor, id: number): Promise<ClockCalendarRow> {
  const row = await repo.findCalendar(db, id);
  if (!row) throw new AppError('calendar_not_found');
  return row;
}

function assertCalendarValid(problems: CalendarProblem[]): void {
  if (problems.length) throw new AppError('calendar_invalid', { summary: problemSummary(problems) }, { problems });
}

function calendarValues(input: CalendarBody): repo.CalendarValues {
  const week = Object.fromEntries(WEEKDAYS.map((d) => [d, input.week?.[d] ?? []]));
  return {
    name: input.name.trim(),
    description: input.description ?? '',
    kind: input.kind,
    time_zone: input.timeZone ?? DEFAULT_TIME_ZONE,
    week_json: input.kind === '7x24' ? '{}' : JSON.stringify(week),
  };
}

export async function listCalendars(deps: Deps): Promise<CalendarDto[]> {
  return presentCalendars(deps.db, await repo.findCalendars(deps.db));
}

export async function getCalendar(deps: Deps, id: number): Promise<CalendarDto> {
  return presentCalendar(deps.db, await loadCalendar(deps.db, id));
}

/** Adds a calendar: 7×24, or business hours per weekday in a time zone (R4). */
export async function createCalendar(deps: Deps, ctx: RequestContext, input: CalendarBody): Promise<CalendarDto> {
  const values = calendarValues(input);
  assertCalendarValid(validateCalendar(buildCalendar(values, [])));
  return changing(deps, async (trx) => {
    if (await repo.findCalendarByName(trx, values.name)) throw new AppError('calendar_name_taken', { name: values.name });
    const now = deps.clock.now();
    const id = await repo.insertCalendar(trx, { ...values, created_at: now, updated_at: now });
    const dto = await presentCalendar(trx, (await repo.findCalendar(trx, id))!);
    await recordAudit(trx, deps.clock, ctx, { action: 'calendar.create', entityType: 'calendar', entityId: id, after: dto });
    return dto;
  });
}

/** Replaces a calendar's name, zone and hours; its holidays stay (checked against the new hours). */
export async function replaceCalendar(deps: Deps, ctx: RequestContext, id: number, input: CalendarBody): Promise<CalendarDto> {
  const values = calendarValues(input);
  return changing(deps, async (trx) => {
    const row = await loadCalendar(trx, id);
    // Built-in calendars stand for a coverage: a "7×24" one that counted business hours would
    // quietly change every 7×24 contract.
    if (row.preset !== null && values.kind !== row.kind) throw new AppError('calendar_builtin');
    if (values.name !== row.name && (await repo.findCalendarByName(trx, values.name))) throw new AppError('calendar_name_taken', { name: values.name });
    const days = values.kind === '7x24' ? [] : await repo.findDays(trx, id);
    assertCalendarValid(validateCalendar(buildCalendar(values, days)));
    await repo.updateCalendar(trx, id, { ...values, updated_at: bumped(row, deps.clock.now()) });
    const before = await presentCalendar(trx, row);
    const after = await presentCalendar(trx, (await repo.findCalendar(trx, id))!);
    await recordAudit(trx, deps.clock, ctx, { action: 'calendar.update', entityType: 'calendar', entityId: id, before, after });
    return after;
  });
}

/** Deletes a calendar no contract uses; the built-in ones stay. */
export async function deleteCalendar(deps: Deps, ctx: RequestContext, id: number): Promise<void> {
  await changing(deps, async (trx) => {
    const row = await loadCalendar(trx, id);
    if (row.preset !== null) throw new AppError('calendar_builtin');
    const before = await presentCalendar(trx, row);
    try {
      await repo.deleteCalendar(trx, id);
    } catch (error) {
      if (isForeignKeyViolation(error)) throw new AppError('calendar_in_use');
      throw error;
    }
    await recordAudit(trx, deps.clock, ctx, { action: 'calendar.delete', entityType: 'calendar', entityId: id, before });
  });
}

function presentDay(d: CalendarDayRow): HolidayDay {
  const day: HolidayDay = { day: d.day, kind: d.kind as HolidayDay['kind'], name: d.name };
  if (d.hours_json) day.hours = JSON.parse(d.hours_json);
  return day;
}

/** A calendar's holidays and make-up workdays of one year, also as a holiday file. */
export async function getCalendarYear(deps: Deps, id: number, year: number): Promise<CalendarYearDto> {
  await loadCalendar(deps.db, id);
  const days = (await repo.findDays(deps.db, id, year)).map(presentDay);
  return { calendarId: id, year, days, file: formatHolidayFile(days) };
}

async function replaceYear(deps: Deps, ctx: RequestContext, id: number, year: number, days: HolidayDay[], source: 'manual' | 'file'): Promise<CalendarYearDto> {
  return changing(deps, async (trx) => {
    const row = await loadCalendar(trx, id);
    if (row.kind === '7x24') {
      assertCalendarValid([{ code: 'unknown_kind', path: 'kind', message: 'a 7×24 calendar has no holidays or make-up workdays' }]);
    }
    const prefix = `${year}-`;
    const outside = days.flatMap((d, i) => (d.day.startsWith(prefix) ? [] : [{ code: 'bad_day' as const, path: `days[${i}]`, message: `days[${i}]: ${d.day} is not in ${year}` }]));
    assertCalendarValid(outside);
    const others = (await repo.findDays(trx, id)).filter((d) => !d.day.startsWith(prefix));
    const rows = days.map((d) => ({ day: d.day, kind: d.kind, name: d.name ?? '', hours_json: d.hours ? JSON.stringify(d.hours) : null }));
    // The whole calendar after the change must be valid: a day listed twice, a holiday that is
    // also a workday, hours that overlap.
    assertCalendarValid(validateCalendar(buildCalendar(row, [...others, ...rows.map((r) => ({ ...r, calendar_id: id }))])));
    const before = (await repo.findDays(trx, id, year)).map(presentDay);
    await repo.replaceYear(trx, id, year, rows);
    await repo.updateCalendar(trx, id, { updated_at: bumped(row, deps.clock.now()) });
    const after = (await repo.findDays(trx, id, year)).map(presentDay);
    await recordAudit(trx, deps.clock, ctx, { action: 'calendar.days.replace', entityType: 'calendar', entityId: id, before: { year, days: before }, after: { year, source, days: after } });
    return { calendarId: id, year, days: after, file: formatHolidayFile(after) };
  });
}

/** Sets a year's holidays and make-up workdays (调休) as entered by hand; the year is replaced whole. */
export async function replaceCalendarYear(deps: Deps, ctx: RequestContext, id: number, year: number, input: CalendarDaysBody): Promise<CalendarYearDto> {
  const days = input.days.map((d) => ({ day: d.day, kind: d.kind, name: d.name?.trim() ?? '', ...(d.hours && { hours: d.hours }) }));
  return replaceYear(deps, ctx, id, year, days, 'manual');
}

/** Loads a year from a holiday file (holidays.ts format); any bad line loads nothing (422 with the lines). */
export async function importCalendarYear(deps: Deps, ctx: RequestContext, id: number, year: number, input: HolidayFileBody): Promise<CalendarYearDto> {
  const parsed = parseHolidayFile(input.text, { year });
  if (!parsed.ok) throw new AppError('holiday_file_invalid', { count: parsed.errors.length }, { errors: parsed.errors });
  return replaceYear(deps, ctx, id, year, parsed.days, 'file');
}
