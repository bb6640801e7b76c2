import type { Executor } from '../../db/database.js';
import type { CalendarDayRow, ClockCalendarRow, ClockPolicyRow } from '../../db/schema.js';

export type PolicyValues = Pick<ClockPolicyRow, 'name' | 'description' | 'policy_json' | 'escalation_json'>;
export type CalendarValues = Pick<ClockCalendarRow, 'name' | 'description' | 'kind' | 'time_zone' | 'week_json'>;

export async function findPolicies(db: Executor): Promise<ClockPolicyRow[]> {
  return db.selectFrom('clock_policies').selectAll().orderBy('is_default', 'desc').orderBy('name').execute();
}

export async function findPolicy(db: Executor, id: number): Promise<ClockPolicyRow | undefined> {
  return db.selectFrom('clock_policies').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findPoliciesByIds(db: Executor, ids: number[]): Promise<ClockPolicyRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('clock_policies').selectAll().where('id', 'in', [...new Set(ids)]).execute();
}

export async function findDefaultPolicy(db: Executor): Promise<ClockPolicyRow | undefined> {
  return db.selectFrom('clock_policies').selectAll().where('is_default', '=', 1).executeTakeFirst();
}

export async function findPolicyByName(db: Executor, name: string): Promise<ClockPolicyRow | undefined> {
  return db.selectFrom('clock_policies').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function insertPolicy(db: Executor, row: PolicyValues & { is_default: number; created_at: number; updated_at: number }): Promise<number> {
  return (await db.insertInto('clock_policies').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updatePolicy(db: Executor, id: number, row: Partial<PolicyValues> & { updated_at: number; is_default?: number }): Promise<void> {
  await db.updateTable('clock_policies').set(row).where('id', '=', id).execute();
}

/** Takes the default flag off every policy (before giving it to another, in the same transaction). */
export async function clearDefaultPolicy(db: Executor, now: number): Promise<void> {
  await db.updateTable('clock_policies').set({ is_default: 0, updated_at: now }).where('is_default', '=', 1).execute();
}

export async function deletePolicy(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('clock_policies').where('id', '=', id).execute();
}

export async function findCalendars(db: Executor): Promise<ClockCalendarRow[]> {
  return db.selectFrom('clock_calendars').selectAll().orderBy('preset').orderBy('name').execute();
}

export async function findCalendar(db: Executor, id: number): Promise<ClockCalendarRow | undefined> {
  return db.selectFrom('clock_calendars').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findCalendarsByIds(db: Executor, ids: number[]): Promise<ClockCalendarRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('clock_calendars').selectAll().where('id', 'in', [...new Set(ids)]).execute();
}

export async function findCalendarByPreset(db: Executor, preset: string): Promise<ClockCalendarRow | undefined> {
  return db.selectFrom('clock_calendars').selectAll().where('preset', '=', preset).executeTakeFirst();
}

export async function findCalendarByName(db: Executor, name: string): Promise<ClockCalendarRow | undefined> {
  return db.selectFrom('clock_calendars').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function insertCalendar(db: Executor, row: CalendarValues & { created_at: number; updated_at: number }): Promise<number> {
  return (await db.insertInto('clock_calendars').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateCalendar(db: Executor, id: number, row: Partial<CalendarValues> & { updated_at: number }): Promise<void> {
  await db.updateTable('clock_calendars').set(row).where('id', '=', id).execute();
}

export async function deleteCalendar(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('clock_calendars').where('id', '=', id).execute();
}

export async function findDays(db: Executor, calendarId: number, year?: number): Promise<CalendarDayRow[]> {
  let q = db.selectFrom('calendar_days').selectAll().where('calendar_id', '=', calendarId);
  if (year !== undefined) q = q.where('day', '>=', `${year}-01-01`).where('day', '<=', `${year}-12-31`);
  return q.orderBy('day').execute();
}

/** The years each calendar has days in. */
export async function findYears(db: Executor, calendarIds: number[]): Promise<Map<number, number[]>> {
  const map = new Map<number, number[]>();
  if (calendarIds.length === 0) return map;
  const rows = await db.selectFrom('calendar_days').select(['calendar_id', 'day']).where('calendar_id', 'in', calendarIds).orderBy('day').execute();
  for (const r of rows) {
    const year = Number(r.day.slice(0, 4));
    const list = map.get(r.calendar_id) ?? [];
    if (list[list.length - 1] !== year) list.push(year);
    map.set(r.calendar_id, list);
  }
  return map;
}

export async function replaceYear(db: Executor, calendarId: number, year: number, days: Omit<CalendarDayRow, 'calendar_id'>[]): Promise<void> {
  await db.deleteFrom('calendar_days').where('calendar_id', '=', calendarId).where('day', '>=', `${year}-01-01`).where('day', '<=', `${year}-12-31`).execute();
  if (days.length) await db.insertInto('calendar_days').values(days.map((d) => ({ calendar_id: calendarId, ...d }))).execute();
}
