import { sql, type Kysely } from 'kysely';
import type { Engine } from '../database.js';
import { idColumn, timeColumn, type WeibaoMigration } from './helpers.js';

/**
 * Service clocks (R4, issue 5): clock policies and calendars with their holidays and make-up
 * workdays, the contract's choice of both, every ticket's clocks with their deadlines, the clock
 * events they are computed from, in-app notifications, and the outbox that carries alerts from the
 * sweeper to them.
 *
 * The built-in default policy (the seed's commitment) and the two built-in calendars (7×24, and
 * business hours Monday to Friday 09:00–18:00 Asia/Shanghai with China's 2026 holidays) are
 * written here, as data frozen at this version: later changes to the code's defaults do not alter
 * a database migrated before them.
 */
export const clocks: WeibaoMigration = {
  name: '0008-clocks',
  async up(db: Kysely<unknown>, engine: Engine) {
    await db.schema
      .createTable('clock_policies')
      .addColumn('id', ...idColumn(engine))
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      // 1 for the policy tickets take when their contract names none; exactly one row has it.
      .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
      // { targets, warnFraction, roundTheClock } as domains/clocks/policy.ts defines ClockPolicy.
      .addColumn('policy_json', 'text', (c) => c.notNull())
      // { warn, breach } as domains/clocks/escalation.ts defines EscalationPolicy.
      .addColumn('escalation_json', 'text', (c) => c.notNull())
      .addColumn('created_at', ...timeColumn())
      .addColumn('updated_at', ...timeColumn())
      .execute();
    await db.schema.createIndex('clock_policies_default_idx').on('clock_policies').column('is_default').unique().where(sql.ref('is_default'), '=', 1).execute();

    await db.schema
      .createTable('clock_calendars')
      .addColumn('id', ...idColumn(engine))
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      // The built-in calendars: 'round_the_clock' (contracts with 7×24 coverage and no calendar
      // of their own) and 'business_hours' (business-hours contracts without one). Null for others.
      .addColumn('preset', 'text', (c) => c.unique())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('time_zone', 'text', (c) => c.notNull())
      // Working hours per weekday (calendar.ts WeekSchedule); '{}' for 7×24.
      .addColumn('week_json', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('created_at', ...timeColumn())
      // Bumped by every change, holidays included: services cache a compiled calendar by it.
      .addColumn('updated_at', ...timeColumn())
      .execute();

    // Public holidays and make-up workdays (调休), per calendar and day.
    await db.schema
      .createTable('calendar_days')
      .addColumn('calendar_id', 'bigint', (c) => c.notNull().references('clock_calendars.id').onDelete('cascade'))
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
      // A make-up workday's own hours ([{from,to}]); null: Monday's hours.
      .addColumn('hours_json', 'text')
      .addPrimaryKeyConstraint('calendar_days_pk', ['calendar_id', 'day'])
      .execute();

    // A contract picks its policy and calendar; null means the default policy and the built-in
    // calendar of its coverage. Deleting a policy or calendar a contract uses is refused.
    await db.schema.alterTable('contracts').addColumn('clock_policy_id', 'bigint', (c) => c.references('clock_policies.id')).execute();
    await db.schema.alterTable('contracts').addColumn('calendar_id', 'bigint', (c) => c.references('clock_calendars.id')).execute();
    await db.schema.createIndex('contracts_clock_policy_idx').on('contracts').column('clock_policy_id').execute();
    await db.schema.createIndex('contracts_calendar_idx').on('contracts').column('calendar_id').execute();

    // What each ticket's clocks are computed from: the clock-relevant part of its timeline
    // (domains/clocks/timeline.ts). Unique, so handing the same timeline over twice stores it once.
    await db.schema
      .createTable('ticket_clock_events')
      .addColumn('id', ...idColumn(engine))
      .addColumn('ticket_id', 'bigint', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
      .addColumn('at', ...timeColumn())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('arg', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    await db.schema.createIndex('ticket_clock_events_key_idx').on('ticket_clock_events').columns(['ticket_id', 'type', 'at', 'arg']).unique().execute();

    await db.schema
      .createTable('ticket_clocks')
      .addColumn('ticket_id', 'bigint', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      // Copied from the ticket at each refresh: compliance groups by them and alerts go to them.
      .addColumn('ticket_kind', 'text', (c) => c.notNull())
      .addColumn('customer_id', 'bigint', (c) => c.notNull())
      .addColumn('contract_id', 'bigint')
      .addColumn('team_id', 'bigint')
      .addColumn('owner_id', 'bigint')
      // The policy and calendar in force at the last refresh (the calendar only counts for
      // remaining time when round_the_clock is 0).
      .addColumn('policy_id', 'bigint')
      .addColumn('calendar_id', 'bigint')
      .addColumn('round_the_clock', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('grade', 'text', (c) => c.notNull())
      .addColumn('target_ms', 'bigint', (c) => c.notNull())
      // The engine's output at the last refresh (engine.ts ClockResult).
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('started_at', 'bigint')
      .addColumn('deadline', 'bigint')
      .addColumn('warn_at', 'bigint')
      .addColumn('stopped_at', 'bigint')
      .addColumn('breached_at', 'bigint')
      // Working time left at computed_at; while `counting` (started, not stopped, not paused) it
      // shrinks by the working time since then, so it is never rewritten just because time passed.
      .addColumn('remaining_ms', 'bigint')
      .addColumn('counting', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('computed_at', ...timeColumn())
      // The sweeper's record: when the warning was raised, how many breach steps were.
      .addColumn('warned_at', 'bigint')
      .addColumn('breach_step', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('breach_raised_at', 'bigint')
      // When the next warning or breach step falls due; null when none will (escalation.ts).
      .addColumn('alert_due_at', 'bigint')
      .addPrimaryKeyConstraint('ticket_clocks_pk', ['ticket_id', 'kind'])
      .execute();
    // The sweeper's one query is a range on this index; only clocks with an alert to come are in it.
    await db.schema.createIndex('ticket_clocks_alert_due_idx').on('ticket_clocks').column('alert_due_at').where(sql.ref('alert_due_at'), 'is not', null).execute();
    // Queues by nearest deadline, "breaching within 1 h", "breached": running clocks only.
    await db.schema
      .createIndex('ticket_clocks_open_deadline_idx')
      .on('ticket_clocks')
      .columns(['deadline', 'ticket_id'])
      .where((eb) => eb.and([eb(sql.ref('stopped_at'), 'is', null), eb(sql.ref('deadline'), 'is not', null)]))
      .execute();
    // Compliance reports are ranges of periods.
    await db.schema.createIndex('ticket_clocks_started_idx').on('ticket_clocks').column('started_at').execute();

    await db.schema
      .createTable('notifications')
      .addColumn('id', ...idColumn(engine))
      .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('ticket_id', 'bigint', (c) => c.references('tickets.id').onDelete('cascade'))
      // warning | breach | escalation
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('clock_kind', 'text')
      .addColumn('step', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('deadline', 'bigint')
      .addColumn('created_at', ...timeColumn())
      .addColumn('read_at', 'bigint')
      .execute();
    await db.schema.createIndex('notifications_user_idx').on('notifications').columns(['user_id', 'id']).execute();
    await db.schema.createIndex('notifications_unread_idx').on('notifications').columns(['user_id', 'id']).where(sql.ref('read_at'), 'is', null).execute();
    // One person hears one alert once, whoever delivers it.
    await db.schema.createIndex('notifications_alert_idx').on('notifications').columns(['user_id', 'ticket_id', 'clock_kind', 'kind', 'step']).unique().execute();

    // Work to do after a commit, written in the same transaction as its cause (DESIGN.md):
    // workers claim pending rows (FOR UPDATE SKIP LOCKED on PostgreSQL) and mark them done.
    await db.schema
      .createTable('outbox')
      .addColumn('id', ...idColumn(engine))
      .addColumn('topic', 'text', (c) => c.notNull())
      .addColumn('payload_json', 'text', (c) => c.notNull())
      .addColumn('created_at', ...timeColumn())
      .addColumn('available_at', ...timeColumn())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_error', 'text')
      .addColumn('done_at', 'bigint')
      .execute();
    await db.schema.createIndex('outbox_pending_idx').on('outbox').columns(['available_at', 'id']).where(sql.ref('done_at'), 'is', null).execute();

    const now = Date.now();
    const H = 60;
    const D = 24 * H;
    const policy = {
      targets: {
        general: { response: 30, solution: H, dispatch: 2 * H, arrival: H, restore: 6 * H, hardware_restore: 4 * H, report: 3 * D },
        major: { response: 30, solution: H, dispatch: 2 * H, arrival: H, restore: 14 * H, hardware_restore: 4 * H, report: 3 * D },
        emergency: { response: 15, solution: 30, dispatch: H, arrival: H, restore: 14 * H, hardware_restore: 4 * H, report: 3 * D },
      },
      warnFraction: 0.75,
      roundTheClock: { grades: ['emergency'], kinds: ['report'] },
    };
    const escalation = {
      warn: ['owner'],
      breach: [
        { afterMinutes: 0, to: ['owner'] },
        { afterMinutes: 30, to: ['team_lead'] },
        { afterMinutes: 120, to: ['manager'] },
      ],
    };
    await sql`insert into clock_policies (name, description, is_default, policy_json, escalation_json, created_at, updated_at)
      values (${'默认时限 Default'}, ${'服务承诺书的时限 / The service commitment: respond 30 min, propose 1 h, dispatch 2 h, on site 1 h after dispatch, restore 6 h (major 14 h), hardware with spares 4 h, report 3 days'}, 1,
        ${JSON.stringify(policy)}, ${JSON.stringify(escalation)}, ${now}, ${now})`.execute(db);

    const hours = [{ from: '09:00', to: '18:00' }];
    const week = { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours, sat: [], sun: [] };
    await sql`insert into clock_calendars (name, description, preset, kind, time_zone, week_json, created_at, updated_at)
      values (${'7×24'}, ${'全天候 / Every hour of every day'}, 'round_the_clock', '7x24', 'Asia/Shanghai', '{}', ${now}, ${now}),
             (${'工作日 Business hours'}, ${'周一至周五 09:00–18:00,法定节假日休息,调休上班 / Mon–Fri 09:00–18:00, public holidays off, make-up workdays on'}, 'business_hours', 'business_hours', 'Asia/Shanghai', ${JSON.stringify(week)}, ${now}, ${now})`.execute(db);
    // China 2026 (国务院办公厅关于2026年部分节假日安排的通知), as domains/clocks/holidays.ts.
    const days: [string, 'holiday' | 'workday', string][] = [];
    const run = (from: string, to: string, name: string) => {
      for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) days.push([d.toISOString().slice(0, 10), 'holiday', name]);
    };
    run('2026-01-01', '2026-01-03', '元旦');
    days.push(['2026-01-04', 'workday', '元旦调休上班']);
    run('2026-02-15', '2026-02-23', '春节');
    days.push(['2026-02-14', 'workday', '春节调休上班'], ['2026-02-28', 'workday', '春节调休上班']);
    run('2026-04-04', '2026-04-06', '清明节');
    run('2026-05-01', '2026-05-05', '劳动节');
    days.push(['2026-05-09', 'workday', '劳动节调休上班']);
    run('2026-06-19', '2026-06-21', '端午节');
    run('2026-09-25', '2026-09-27', '中秋节');
    run('2026-10-01', '2026-10-07', '国庆节');
    days.push(['2026-09-20', 'workday', '国庆节调休上班'], ['2026-10-10', 'workday', '国庆节调休上班']);
    for (const [day, kind, name] of days) {
      await sql`insert into calendar_days (calendar_id, day, kind, name)
        select id, ${day}, ${kind}, ${name} from clock_calendars where preset = 'business_hours'`.execute(db);
    }
  },
};
