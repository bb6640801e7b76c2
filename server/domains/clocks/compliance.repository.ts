import { sql, type ExpressionBuilder, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { DB, TicketClockRow } from '../../db/schema.js';

export interface ComplianceFilter {
  /** Clocks that started in [from, to). */
  from: number;
  to: number;
  /** Running clocks past their deadline at `now` count as breached. */
  now: number;
  clockKind?: string;
  grade?: string;
  customerId?: number;
  contractId?: number;
  teamId?: number;
  ticketKind?: string;
}

/** The column a report groups by, or month buckets as [start, end) instants. */
export type ComplianceGrouping = { column: 'kind' | 'grade' | 'customer_id' | 'contract_id' | 'team_id' } | { buckets: number[] };

type ClockQuery<O> = SelectQueryBuilder<DB, 'ticket_clocks', O>;

function filtered<O>(q: ClockQuery<O>, f: ComplianceFilter): ClockQuery<O> {
  q = q.where('started_at', '>=', f.from).where('started_at', '<', f.to);
  if (f.clockKind) q = q.where('kind', '=', f.clockKind);
  if (f.grade) q = q.where('grade', '=', f.grade);
  if (f.customerId !== undefined) q = q.where('customer_id', '=', f.customerId);
  if (f.contractId !== undefined) q = q.where('contract_id', '=', f.contractId);
  if (f.teamId !== undefined) q = q.where('team_id', '=', f.teamId);
  if (f.ticketKind) q = q.where('ticket_kind', '=', f.ticketKind);
  return q;
}

// Met: stopped by its deadline. Breached: stopped after it, or still running past it now. The
// stored state of a stopped clock is final; a running one is judged against `now`.
const isMet = sql<boolean>`stopped_at is not null and state = 'met'`;
function isBreached(now: number): RawBuilder<boolean> {
  return sql<boolean>`((stopped_at is not null and state = 'breached') or (stopped_at is null and deadline is not null and deadline < ${now}))`;
}

function keyOf(grouping: ComplianceGrouping): RawBuilder<string | number | null> {
  if ('column' in grouping) return sql<string | number | null>`${sql.ref(grouping.column)}`;
  // Month buckets as a CASE over started_at: portable, and a report spans a few dozen months.
  const b = grouping.buckets;
  const whens = b.slice(1).map((end, i) => sql`when started_at < ${end} then ${i}`);
  return sql<number>`case ${sql.join(whens, sql` `)} else null end`;
}

export interface ComplianceCount {
  key: string | number | null;
  met: number;
  breached: number;
  total: number;
}

/** Met, breached and all clocks per group, over the clocks that started in the period. */
export async function countCompliance(db: Executor, f: ComplianceFilter, grouping: ComplianceGrouping): Promise<ComplianceCount[]> {
  const key = keyOf(grouping);
  const q = filtered(
    db.selectFrom('ticket_clocks').select([
      key.as('key'),
      sql<number>`sum(case when ${isMet} then 1 else 0 end)`.as('met'),
      sql<number>`sum(case when ${isBreached(f.now)} then 1 else 0 end)`.as('breached'),
      sql<number>`count(*)`.as('total'),
    ]),
    f,
  );
  // By position: a CASE with parameters written twice is two different expressions to PostgreSQL.
  const rows = await q.groupBy(sql`1`).execute();
  return rows.map((r) => ({ key: r.key, met: Number(r.met), breached: Number(r.breached), total: Number(r.total) }));
}

export type BreachRow = Pick<TicketClockRow, 'ticket_id' | 'kind' | 'grade' | 'customer_id' | 'contract_id' | 'team_id' | 'owner_id' | 'started_at' | 'deadline' | 'stopped_at'>;

/** Breached clocks of the period, latest deadline first, after a keyset position. */
export async function findBreaches(db: Executor, f: ComplianceFilter, after: { deadline: number; ticketId: number; kind: string } | undefined, limit: number): Promise<BreachRow[]> {
  let q = filtered(
    db.selectFrom('ticket_clocks').select(['ticket_id', 'kind', 'grade', 'customer_id', 'contract_id', 'team_id', 'owner_id', 'started_at', 'deadline', 'stopped_at']),
    f,
  ).where(isBreached(f.now));
  if (after) {
    const { deadline, ticketId, kind } = after;
    q = q.where((eb: ExpressionBuilder<DB, 'ticket_clocks'>) =>
      eb.or([
        eb('deadline', '<', deadline),
        eb.and([eb('deadline', '=', deadline), eb('ticket_id', '<', ticketId)]),
        eb.and([eb('deadline', '=', deadline), eb('ticket_id', '=', ticketId), eb('kind', '<', kind)]),
      ]),
    );
  }
  return q.orderBy('deadline', 'desc').orderBy('ticket_id', 'desc').orderBy('kind', 'desc').limit(limit).execute();
}
