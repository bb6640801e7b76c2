import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { ManualClock } from '../../server/clock.js';
import type { Deps } from '../../server/deps.js';
import { runClockSweep } from '../../server/jobs/clock-sweeper.js';
import type { BenchContext, InProcessBenchmark } from '../types.js';

/**
 * The clock sweeper (R4, issue 5) over 1,000,000 open tickets (`--size 100k` for a quick run),
 * in process, one sweep at a time, with a test clock:
 *
 * - `clock-sweep-idle`: a sweep when nothing is due — the range on `alert_due_at` and the outbox's
 *   pending range both come back empty. Target: p95 under 10 ms.
 * - `clock-sweep-due`: a sweep that finds 10,000 due clocks, raises their alerts into the outbox
 *   and delivers them as in-app notifications (claims, alert state, outbox rows, notifications, all
 *   committed). Target: p95 under 2 s.
 *
 * Seeding bypasses the services (as bench/ticket-seed.ts does): one INSERT … SELECT from a number
 * series (a recursive CTE on SQLite, generate_series on PostgreSQL) writes `n` open faults owned by
 * the demo company's engineers in its teams, and another writes three clocks per ticket, as
 * refreshTicketClocks would leave them an hour into a fault: the response met, the restoration
 * running, the fault analysis report pending. Only the running restorations have an alert to come,
 * so the sweeper's index holds `n` entries.
 *
 * Their alert times are laid out in one-minute windows of exactly 10,000 clocks each, so that every
 * measured sweep (the clock moved to the next window) has 10,000 due: first the warnings (windows
 * 0 … G−1, G = n / 10,000), then the breaches (G … 2G−1), then two escalation steps (a policy of
 * the bench's own escalates G and 2G minutes after the deadline: windows 2G … 4G−1). That is 4G
 * sweeps — 400 at a million — far more than a run of the default duration makes; the benchmark
 * stops with an error rather than time an empty sweep when they run out.
 */

const SIZES = { '1m': 1_000_000, '100k': 100_000 };
const PER_WINDOW = 10_000;
/** Numbers written into the seeding SQL as literals: PostgreSQL cannot type a bare parameter in a SELECT list. */
const lit = (value: number) => sql.lit(value);
const WINDOW = 60_000;

interface ClockSeed {
  /** The first window's start. */
  t0: number;
  windows: number;
  tickets: number;
  seconds: number;
}

let seed: ClockSeed | null = null;

async function setup(ctx: BenchContext): Promise<void> {
  seed = null;
  const started = performance.now();
  const { db, engine } = ctx.deps;
  const n = ctx.size.n;
  if (n % PER_WINDOW !== 0) throw new Error(`clock benchmarks need a multiple of ${PER_WINDOW} tickets`);
  const groups = n / PER_WINDOW;
  const now = ctx.deps.clock.now();
  // A day ahead, on a whole minute: nothing is due until the benchmark moves its clock there.
  const t0 = Math.ceil((now + 86_400_000) / WINDOW) * WINDOW;

  const customer = (await db.selectFrom('customers').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
  const members = await db.selectFrom('team_members').innerJoin('teams', 'teams.id', 'team_members.team_id').select(['team_members.team_id', 'team_members.user_id']).orderBy('team_members.user_id').execute();
  if (members.length === 0) throw new Error('the demo company has no team members');
  const owners = members.map((m) => m.user_id);
  const teams = members.map((m) => m.team_id);
  const policy = await db
    .insertInto('clock_policies')
    .values({
      name: 'bench',
      description: '',
      is_default: 0,
      policy_json: (await db.selectFrom('clock_policies').select('policy_json').where('is_default', '=', 1).executeTakeFirstOrThrow()).policy_json,
      escalation_json: JSON.stringify({
        warn: ['owner'],
        breach: [
          { afterMinutes: 0, to: ['owner'] },
          { afterMinutes: groups, to: ['team_lead'] },
          { afterMinutes: 2 * groups, to: ['manager'] },
        ],
      }),
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  const created = t0 - 3_600_000;
  const k = owners.length;
  await db.transaction().execute(async (trx) => {
    if (engine === 'postgres') {
      await sql`insert into tickets (number, kind, channel, grade, status, title, customer_id, team_id, owner_id, created_at, updated_at, last_activity_at, is_open)
        select 'BC-' || i, 'fault', 'phone', 'general', 'remote_diagnosis', '基准工单 ' || i, ${lit(customer)},
               (${teams}::bigint[])[1 + i % ${lit(k)}], (${owners}::bigint[])[1 + i % ${lit(k)}], ${lit(created)}, ${lit(created)}, ${lit(created)}, 1
        from generate_series(0, ${lit(n - 1)}) as i`.execute(trx);
    } else {
      await sql`with recursive seq(i) as (select 0 union all select i + 1 from seq where i < ${lit(n - 1)})
        insert into tickets (number, kind, channel, grade, status, title, customer_id, team_id, owner_id, created_at, updated_at, last_activity_at, is_open)
        select 'BC-' || i, 'fault', 'phone', 'general', 'remote_diagnosis', '基准工单 ' || i, ${lit(customer)},
               json_extract(${JSON.stringify(teams)}, '$[' || (i % ${lit(k)}) || ']'), json_extract(${JSON.stringify(owners)}, '$[' || (i % ${lit(k)}) || ']'),
               ${lit(created)}, ${lit(created)}, ${lit(created)}, 1
        from seq`.execute(trx);
    }
    const first = (await trx.selectFrom('tickets').select((eb) => eb.fn.min('id').as('id')).where('number', 'like', 'BC-%').executeTakeFirstOrThrow()).id as number;
    // Ticket ordinal i = id − first: its window is i / 10,000, and within the window it is 5 ms
    // after the previous one (10,000 × 5 ms = 50 s, inside the minute).
    const i = sql`(t.id - ${lit(first)})`;
    const warn = sql`(${lit(t0)} + (${i} / ${lit(PER_WINDOW)}) * ${lit(WINDOW)} + (${i} % ${lit(PER_WINDOW)}) * 5)`;
    const deadline = sql`(${warn} + ${lit(groups * WINDOW)})`;
    const common = sql`t.id, t.kind, t.customer_id, t.contract_id, t.team_id, t.owner_id, ${lit(policy.id)}, null, 1, 'general'`;
    const columns = sql.raw(
      'ticket_id, ticket_kind, customer_id, contract_id, team_id, owner_id, policy_id, calendar_id, round_the_clock, grade, kind, target_ms, state, started_at, deadline, warn_at, stopped_at, breached_at, remaining_ms, counting, computed_at, alert_due_at',
    );
    await sql`insert into ticket_clocks (${columns})
      select ${common}, 'response', 1800000, 'met', ${lit(created)}, ${lit(created + 1_800_000)}, ${lit(created + 1_350_000)}, ${lit(created + 600_000)}, null, 1200000, 0, ${lit(created + 600_000)}, null
      from tickets t where t.number like 'BC-%'`.execute(trx);
    await sql`insert into ticket_clocks (${columns})
      select ${common}, 'restore', ${lit(groups * WINDOW + 3_600_000)}, 'running', ${lit(created)}, ${deadline}, ${warn}, null, null, ${lit(groups * WINDOW)}, 1, ${lit(created + 600_000)}, ${warn}
      from tickets t where t.number like 'BC-%'`.execute(trx);
    await sql`insert into ticket_clocks (${columns})
      select ${common}, 'report', 259200000, 'pending', null, null, null, null, null, null, 0, ${lit(created + 600_000)}, null
      from tickets t where t.number like 'BC-%'`.execute(trx);
  });
  await sql`analyze`.execute(db);
  seed = { t0, windows: 4 * groups, tickets: n, seconds: (performance.now() - started) / 1000 };
  process.stdout.write(`seeded ${n.toLocaleString('en-US')} open tickets with ${(3 * n).toLocaleString('en-US')} clocks in ${seed.seconds.toFixed(1)} s … `);
}

function seedOf(benchmark: string): ClockSeed {
  if (!seed) throw new Error(`${benchmark}: setup did not run`);
  return seed;
}

async function rows(ctx: BenchContext): Promise<number> {
  const row = await ctx.deps.db.selectFrom('ticket_clocks').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

function withClock(ctx: BenchContext, clock: ManualClock): Deps {
  return { ...ctx.deps, clock };
}

export const clockSweepIdleBenchmark: InProcessBenchmark = {
  kind: 'in-process',
  name: 'clock-sweep-idle',
  description: 'clock sweep with nothing due (alert index range and outbox range, both empty)',
  sizes: SIZES,
  target: { p95MsMax: 10 },
  setup,
  rows,
  async run(ctx) {
    const s = seedOf('clock-sweep-idle');
    const clock = new ManualClock(s.t0 - WINDOW);
    const deps = withClock(ctx, clock);
    return async () => {
      const result = await runClockSweep(deps);
      if (result.clocks !== 0) throw new Error(`expected nothing due, swept ${result.clocks}`);
    };
  },
};

export const clockSweepDueBenchmark: InProcessBenchmark = {
  kind: 'in-process',
  name: 'clock-sweep-due',
  description: 'clock sweep with 10,000 due clocks: alerts raised into the outbox and delivered as notifications',
  sizes: SIZES,
  target: { p95MsMax: 2_000 },
  setup,
  rows,
  async run(ctx) {
    const s = seedOf('clock-sweep-due');
    const clock = new ManualClock(s.t0);
    const deps = withClock(ctx, clock);
    return async (seq) => {
      if (seq >= s.windows) throw new Error(`all ${s.windows} windows of due clocks are swept: run shorter (--duration) or larger (--size)`);
      // Inside window `seq`: its 10,000 alerts are due, the next window's not yet.
      clock.set(s.t0 + seq * WINDOW + 55_000);
      const result = await runClockSweep(deps);
      if (result.clocks !== PER_WINDOW || result.delivered !== PER_WINDOW) {
        throw new Error(`window ${seq}: swept ${result.clocks} clocks and delivered ${result.delivered} alerts, expected ${PER_WINDOW}`);
      }
    };
  },
};
