import { sql } from 'kysely';
import type { Engine, Executor } from '../../db/database.js';
import type { TicketEventRow, TicketRow } from '../../db/schema.js';
import { hasAtMostRows } from '../../db/range-size.js';
import { numberedInsert, preparedInsert, preparedSql, runPrepared, type Statement } from '../../db/statements.js';
import { fts5Query, tsQuery, type SearchTerms } from '../../shared/cjk-tokens.js';

export type TicketInsert = Omit<TicketRow, 'id'>;
export type TicketPatch = Partial<Omit<TicketRow, 'id' | 'number' | 'customer_id' | 'created_at'>> & { updated_at: number };
export type EventInsert = Omit<TicketEventRow, 'id'>;

/** Whether the ticket has service clocks (a merged duplicate has none left). */
export async function hasClocks(db: Executor, id: number): Promise<boolean> {
  return (await db.selectFrom('ticket_clocks').select('ticket_id').where('ticket_id', '=', id).limit(1).executeTakeFirst()) !== undefined;
}

export async function findTicketById(db: Executor, id: number): Promise<TicketRow | undefined> {
  return db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findTicketsByIds(db: Executor, ids: number[]): Promise<TicketRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('tickets').selectAll().where('id', 'in', ids).execute();
}

// The inserts of a new ticket, written once (db/statements.ts): this is the hot write path.
const TICKET_COLUMNS = {
  number: true, kind: true, channel: true, grade: true, non_stopping: true, cause_unknown: true, status: true, title: true, description: true,
  debug_info: true, customer_id: true, contact_id: true, caller_name: true, caller_phone: true, asset_id: true, contract_id: true, team_id: true,
  owner_id: true, parent_id: true, investigation: true, answer: true, created_by_user_id: true, created_at: true, updated_at: true,
  last_activity_at: true, closed_at: true, is_open: true,
} as const satisfies Record<keyof TicketInsert, true>;
const counterUpsert = preparedInsert<{ key: string; value: number }>(
  'ticket_counters',
  { key: true, value: true },
  'on conflict ("key") do update set "value" = "ticket_counters"."value" + 1 returning "value"',
);
const ticketInsert = preparedInsert<TicketInsert>('tickets', TICKET_COLUMNS, 'returning "id"');
const ticketWithIdInsert = preparedInsert<TicketRow>('tickets', { id: true, ...TICKET_COLUMNS });
const eventInsert = preparedInsert<EventInsert>('ticket_events', {
  ticket_id: true, customer_id: true, at: true, type: true, internal: true, actor_user_id: true, actor_name: true, body: true, data_json: true,
});

/**
 * The next number of a day's sequence for a prefix, e.g. 7 for the seventh GZ ticket of the day.
 * An atomic upsert on one counter row: concurrent instances on PostgreSQL serialise on that row
 * and never receive the same value.
 */
/**
 * SQLite: the day's next number, the ticket and `then` (its timeline entry, search document,
 * audit row, clocks; built with PLACEHOLDERS for the id and number), as one request to the writer
 * (db/statements.ts, numberedInsert), not yet executed.
 */
export function numberedTicketQuery(db: Executor, key: string, row: TicketInsert, then: Statement[]) {
  return numberedInsert(db, { counter: counterUpsert([{ key, value: 1 }]), prefix: `${key}-`, width: NUMBER_WIDTH, row: ticketInsert([row]), then });
}

/** Digits of a ticket number's sequence (`GZ-20261124-0007`); more once a day passes 9,999. */
export const NUMBER_WIDTH = 4;

/**
 * PostgreSQL: for each of `keys` (a day's sequence of a prefix, as many times as tickets want a
 * number of it), the next number and an id, in one round trip for all of them, so that their rows
 * can then be written in one statement. Each counter row is bumped once, by its count: concurrent
 * instances serialise on it and never receive the same numbers.
 */
export async function allocateTickets(db: Executor, keys: readonly string[]): Promise<{ sequence: number; id: number }[]> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  const { rows } = await runPrepared<{ counters: [string, number][]; ids: string[] }>(
    db,
    'postgres',
    allocation(JSON.stringify([...counts].map(([key, n]) => ({ key, n }))), keys.length),
  );
  // Each key's numbers end at its counter's new value, handed out in order.
  const next = new Map(rows[0]!.counters.map(([key, value]) => [key, Number(value) - counts.get(key)! + 1]));
  return keys.map((key, i) => {
    const sequence = next.get(key)!;
    next.set(key, sequence + 1);
    return { sequence, id: Number(rows[0]!.ids[i]) };
  });
}

const allocation = preparedSql`
  with c as (
    insert into ticket_counters (key, value) select key, n from json_to_recordset(${'counts'}::json) as x(key text, n bigint)
    on conflict (key) do update set value = ticket_counters.value + excluded.value
    returning key, value
  )
  select (select json_agg(json_build_array(c.key, c.value)) from c) as counters,
         (select array_agg(nextval(pg_get_serial_sequence('tickets', 'id'))) from generate_series(1, ${'count'}::int)) as ids`;

/** The insert of a ticket with its id already allocated, not yet executed (db/statements.ts). */
export function insertTicketQuery(row: TicketRow) {
  return ticketWithIdInsert([row]);
}

export async function updateTicketRow(db: Executor, id: number, patch: TicketPatch): Promise<void> {
  await db.updateTable('tickets').set(patch).where('id', '=', id).execute();
}

export async function insertEvent(db: Executor, row: EventInsert): Promise<number> {
  return (await db.insertInto('ticket_events').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** The insert of a timeline event, not yet executed (db/statements.ts). */
export function insertEventQuery(row: EventInsert) {
  return eventInsert([row]);
}

export async function findEventById(db: Executor, id: number): Promise<TicketEventRow | undefined> {
  return db.selectFrom('ticket_events').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A ticket's timeline, oldest first; customer contacts never see internal events. */
export async function findEvents(db: Executor, ticketId: number, f: { includeInternal: boolean; afterId?: number; limit: number }) {
  let q = db.selectFrom('ticket_events').selectAll().where('ticket_id', '=', ticketId);
  if (!f.includeInternal) q = q.where('internal', '=', 0);
  if (f.afterId !== undefined) q = q.where('id', '>', f.afterId);
  return q.orderBy('id').limit(f.limit).execute();
}

export async function findWatcherIds(db: Executor, ticketIds: number[]): Promise<Map<number, number[]>> {
  const map = new Map<number, number[]>();
  if (ticketIds.length === 0) return map;
  const rows = await db.selectFrom('ticket_watchers').select(['ticket_id', 'user_id']).where('ticket_id', 'in', ticketIds).execute();
  for (const r of rows) map.set(r.ticket_id, [...(map.get(r.ticket_id) ?? []), r.user_id]);
  return map;
}

export async function replaceWatchers(db: Executor, ticketId: number, userIds: number[]): Promise<void> {
  await db.deleteFrom('ticket_watchers').where('ticket_id', '=', ticketId).execute();
  if (userIds.length) await db.insertInto('ticket_watchers').values(userIds.map((user_id) => ({ ticket_id: ticketId, user_id }))).execute();
}

export interface TicketFilter {
  customerId?: number;
  ownerId?: number;
  unassigned?: boolean;
  teamIds?: number[];
  /** 'open' and 'closed' are the open flag; anything else is one status. */
  status?: string;
  kind?: string;
  grade?: string;
  assetId?: number;
  channel?: string;
  from?: number;
  to?: number;
  /** A running clock's deadline in [dueFrom, dueTo) (R4: "breached", "breaching within 1 h"). */
  dueFrom?: number;
  dueTo?: number;
  beforeId?: number;
  limit: number;
}

/**
 * The filters as a query on tickets. `createdOffIndex` (SQLite): the date range with the unary +,
 * which keeps the planner off the creation-time index, so it walks the ids.
 */
function applyFilter(db: Executor, f: Omit<TicketFilter, 'beforeId' | 'limit'>, createdOffIndex = false) {
  const created = createdOffIndex ? sql<number>`+created_at` : sql.ref<number>('created_at');
  let q = db.selectFrom('tickets');
  if (f.customerId !== undefined) q = q.where('customer_id', '=', f.customerId);
  if (f.ownerId !== undefined) q = q.where('owner_id', '=', f.ownerId);
  if (f.unassigned) q = q.where('owner_id', 'is', null);
  if (f.teamIds !== undefined) q = f.teamIds.length ? q.where('team_id', 'in', f.teamIds) : q.where(sql<boolean>`1 = 0`);
  if (f.status === 'open') q = q.where('is_open', '=', 1);
  else if (f.status === 'closed') q = q.where('is_open', '=', 0);
  else if (f.status !== undefined) q = q.where('status', '=', f.status);
  if (f.kind !== undefined) q = q.where('kind', '=', f.kind);
  if (f.grade !== undefined) q = q.where('grade', '=', f.grade);
  if (f.assetId !== undefined) q = q.where('asset_id', '=', f.assetId);
  if (f.channel !== undefined) q = q.where('channel', '=', f.channel);
  if (f.from !== undefined) q = q.where(created, '>=', f.from);
  if (f.to !== undefined) q = q.where(created, '<', f.to);
  if (f.dueTo !== undefined) {
    const { dueFrom, dueTo } = f;
    q = q.where('id', 'in', (eb) => {
      let due = eb.selectFrom('ticket_clocks').select('ticket_id').where('stopped_at', 'is', null).where('deadline', 'is not', null).where('deadline', '<', dueTo);
      if (dueFrom !== undefined) due = due.where('deadline', '>=', dueFrom);
      return due;
    });
  }
  return q;
}

/**
 * A date range at most this big is "narrow" and read along the creation-time index; a bigger one
 * is left to the id order, along which matches come soon.
 */
export const NARROW_DATE_RANGE = 50_000;

/**
 * Whether at most `narrowAt` tickets were opened in [from, to). SQLite counts them on the
 * creation-time index (db/range-size.ts); PostgreSQL asks its planner, whose statistics
 * of the column estimate a range closely (a month: 43,151 estimated, 42,012 there) in a
 * fraction of a millisecond, where counting took 2 ms.
 */
async function isNarrowDateRange(db: Executor, engine: Engine, from: number | undefined, to: number | undefined, narrowAt: number): Promise<boolean> {
  const lower = from ?? 0;
  const upper = to ?? Number.MAX_SAFE_INTEGER;
  if (engine === 'postgres') {
    const { rows } = await sql<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>`explain (format json)
      select 1 from tickets where created_at >= ${lower} and created_at < ${upper}`.execute(db);
    return (rows[0]?.['QUERY PLAN'][0].Plan['Plan Rows'] ?? 0) <= narrowAt;
  }
  return hasAtMostRows(db, 'tickets', sql<boolean>`created_at >= ${lower} and created_at < ${upper}`, narrowAt);
}

/**
 * A queue page, newest first by id (each narrowing filter has an index ending in id).
 *
 * A date range has no index ending in id, and neither planner can tell a narrow range from a
 * broad one here: SQLite plans without value statistics, and PostgreSQL, assuming matches spread
 * evenly over the ids, walks them from the newest even for a month two years back (160 ms at a
 * million tickets). So the range's size is found first (isNarrowDateRange). A narrow range is
 * read along the creation-time index, only its ids are sorted, and then the page's rows are read:
 * a month two years back took about 4 ms in either database (44 ms on SQLite and 160 ms on
 * PostgreSQL before). A broad one walks the ids from the newest, where its matches are dense.
 */
export async function findTickets(db: Executor, engine: Engine, f: TicketFilter, narrowAt = NARROW_DATE_RANGE): Promise<TicketRow[]> {
  const dated = f.from !== undefined || f.to !== undefined;
  if (dated && (await isNarrowDateRange(db, engine, f.from, f.to, narrowAt))) {
    // A lower bound every ticket meets: SQLite takes "before a day" alone for a quarter of all tickets.
    let inRange = applyFilter(db, { ...f, from: f.from ?? 0 }).select('id');
    if (f.beforeId !== undefined) inRange = inRange.where('id', '<', f.beforeId);
    // PostgreSQL would otherwise merge the subquery and walk the primary key for the order.
    const page =
      engine === 'postgres'
        ? db.selectFrom(inRange.offset(0).as('r')).select('r.id').orderBy('r.id', 'desc').limit(f.limit)
        : inRange.orderBy('id', 'desc').limit(f.limit);
    return db.selectFrom('tickets').selectAll().where('id', 'in', page).orderBy('id', 'desc').execute();
  }
  let q = applyFilter(db, f, dated && engine === 'sqlite').selectAll();
  if (f.beforeId !== undefined) q = q.where('id', '<', f.beforeId);
  return q.orderBy('id', 'desc').limit(f.limit).execute();
}

/**
 * A queue page by deadline (R4): tickets with a running clock, the soonest deadline first, each
 * once (by its soonest clock); keyset on (deadline, ticket id). Walks the running-clock deadline
 * index and keeps the tickets the filters allow.
 */
export async function findTicketsByDeadline(
  db: Executor,
  f: Omit<TicketFilter, 'beforeId'> & { after?: { deadline: number; ticketId: number } },
): Promise<{ ticket_id: number; kind: string; deadline: number }[]> {
  const { after, dueFrom, dueTo, limit, ...filters } = f;
  let q = db
    .selectFrom('ticket_clocks as c')
    .select(['c.ticket_id', 'c.kind', 'c.deadline'])
    .where('c.stopped_at', 'is', null)
    .where('c.deadline', 'is not', null)
    // The ticket's soonest running clock only (ties by kind), so a ticket comes once.
    .where('c.kind', '=', (eb) =>
      eb
        .selectFrom('ticket_clocks as n')
        .select('n.kind')
        .whereRef('n.ticket_id', '=', 'c.ticket_id')
        .where('n.stopped_at', 'is', null)
        .where('n.deadline', 'is not', null)
        .orderBy('n.deadline')
        .orderBy('n.kind')
        .limit(1),
    )
    .where('c.ticket_id', 'in', applyFilter(db, filters).select('id'));
  if (dueTo !== undefined) q = q.where('c.deadline', '<', dueTo);
  if (dueFrom !== undefined) q = q.where('c.deadline', '>=', dueFrom);
  if (after) {
    q = q.where((eb) => eb.or([eb('c.deadline', '>', after.deadline), eb.and([eb('c.deadline', '=', after.deadline), eb('c.ticket_id', '>', after.ticketId)])]));
  }
  const rows = await q.orderBy('c.deadline').orderBy('c.ticket_id').limit(limit).execute();
  return rows as { ticket_id: number; kind: string; deadline: number }[];
}

export async function countTickets(db: Executor, f: Omit<TicketFilter, 'beforeId' | 'limit'>): Promise<number> {
  const row = await applyFilter(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * SQLite: a search document's rowid is its ticket's id × 2^20 plus a number unique within the
 * ticket (migration 0007, insertSearchQuery), so FTS5's rowid order is ticket order and a search
 * reads newest first, stopping after a page.
 */
const ROWID_SHIFT = 2 ** 20;

/** Adds one search document (ticket text, a reply or a note) with its tokens. */
export async function insertSearchDocument(db: Executor, engine: Engine, doc: SearchDocument) {
  if (doc.tokens.length) await runPrepared(db, engine, insertSearchQuery(engine, doc));
}

export interface SearchDocument {
  ticketId: number;
  customerId: number;
  internal: boolean;
  tokens: string[];
}

const searchInsert = {
  // The tokens as a tsvector's text: lexemes separated by spaces. A token is letters and digits
  // only (shared/cjk-tokens.ts), so none needs quoting, and a new ticket's document can go in a
  // merged insert with its other rows (db/statements.ts, mergedInsert).
  postgres: preparedInsert<{ ticket_id: number; customer_id: number; internal: number; tokens: string }>('ticket_search', {
    ticket_id: true, customer_id: true, internal: true, tokens: true,
  }),
  // The document's place: how many timeline events the ticket has. Every document is written
  // right after its own event (the ticket's text after `created`, a reply after the reply…), so
  // the count grows with each and no two documents of a ticket share it. (FTS5 cannot find the
  // highest rowid of a range without scanning the whole table; the events' index counts at once.)
  sqlite: preparedSql`insert into ticket_search (rowid, tokens, ticket_id, customer_id, internal)
    values (${'ticketId'} * ${'shift'} + (select count(*) from ticket_events where ticket_id = ${'ticketId'}),
            ${'tokens'}, ${'ticketId'}, ${'customerId'}, ${'internal'})`,
};

/** The insert of a search document, not yet executed (db/statements.ts); `tokens` must not be empty. */
export function insertSearchQuery(engine: Engine, doc: SearchDocument) {
  const internal = doc.internal ? 1 : 0;
  if (engine === 'postgres') return searchInsert.postgres([{ ticket_id: doc.ticketId, customer_id: doc.customerId, internal, tokens: doc.tokens.join(' ') }]);
  return searchInsert.sqlite(doc.ticketId, ROWID_SHIFT, doc.ticketId, doc.tokens.join(' '), doc.ticketId, doc.customerId, internal);
}

/** On PostgreSQL, how many of the newest documents a search checks before asking the index. */
const RECENT_WINDOW = 4_000;

/**
 * Ticket ids whose documents hold every term, newest first. Internal documents (notes) count
 * only for staff; a customer contact's search is confined to their organisation.
 *
 * Both engines answer a page without collecting every match: SQLite walks the FTS5 index in
 * rowid (ticket) order from the newest; PostgreSQL first checks the newest documents by the
 * ticket index — where common terms fill a page at once — and only for rare terms goes to the
 * GIN index, whose few matches are cheap to sort.
 */
export async function searchTicketIds(
  db: Executor,
  engine: Engine,
  terms: SearchTerms,
  f: { customerId: number | null; includeInternal: boolean; beforeId?: number; limit: number; recentWindow?: number },
): Promise<number[]> {
  const customer = f.customerId === null ? sql`` : sql` and customer_id = ${f.customerId}`;
  const internal = f.includeInternal ? sql`` : sql` and internal = 0`;
  const ids: number[] = [];
  const add = (ticketId: number) => {
    if (ids[ids.length - 1] !== ticketId && !ids.includes(ticketId)) ids.push(ticketId);
  };
  if (engine === 'sqlite') {
    const match = fts5Query(terms);
    let below = (f.beforeId ?? Number.MAX_SAFE_INTEGER / ROWID_SHIFT) * ROWID_SHIFT;
    const chunk = Math.max(2 * f.limit, 20);
    for (;;) {
      const rows = await sql<{ rowid: number; ticket_id: number }>`
        select rowid, ticket_id from ticket_search
        where ticket_search match ${match} and rowid < ${below}${customer}${internal}
        order by rowid desc limit ${chunk}`.execute(db);
      for (const r of rows.rows) {
        add(Number(r.ticket_id));
        if (ids.length === f.limit) return ids;
      }
      if (rows.rows.length < chunk) return ids;
      below = Number(rows.rows[rows.rows.length - 1]!.rowid);
    }
  }
  const query = tsQuery(terms);
  const before = f.beforeId === undefined ? sql`` : sql` and ticket_id < ${f.beforeId}`;
  const windowSize = f.recentWindow ?? RECENT_WINDOW;
  const recent = await sql<{ ticket_id: number; hit: boolean }>`
    select ticket_id, tokens @@ ${query}::tsquery${customer}${internal} as hit from (
      select ticket_id, tokens, customer_id, internal from ticket_search
      where true${before} order by ticket_id desc limit ${windowSize}
    ) w`.execute(db);
  const window = recent.rows;
  // Tickets above the window's last id are wholly inside it; that ticket itself may not be.
  const edge = window.length === windowSize ? Number(window[window.length - 1]!.ticket_id) : null;
  for (const r of window) {
    if (r.hit && (edge === null || Number(r.ticket_id) > edge)) add(Number(r.ticket_id));
    if (ids.length === f.limit) return ids;
  }
  if (edge === null) return ids;
  const older = await sql<{ ticket_id: number }>`
    select distinct ticket_id from ticket_search
    where tokens @@ ${query}::tsquery and ticket_id <= ${edge}${customer}${internal}
    order by ticket_id desc limit ${f.limit - ids.length}`.execute(db);
  for (const r of older.rows) add(Number(r.ticket_id));
  return ids;
}

export async function findViews(db: Executor, userId: number) {
  return db.selectFrom('ticket_views').selectAll().where('user_id', '=', userId).orderBy('name').execute();
}

export async function findViewByName(db: Executor, userId: number, name: string) {
  return db.selectFrom('ticket_views').selectAll().where('user_id', '=', userId).where('name', '=', name).executeTakeFirst();
}

export async function insertView(db: Executor, row: { user_id: number; name: string; query_json: string; created_at: number }): Promise<number> {
  return (await db.insertInto('ticket_views').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** Deletes a user's own view; answers whether there was one. */
export async function deleteView(db: Executor, userId: number, id: number): Promise<boolean> {
  const result = await db.deleteFrom('ticket_views').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function insertLink(db: Executor, row: { ticket_id: number; linked_id: number; type: string; created_at: number }): Promise<void> {
  await db
    .insertInto('ticket_links')
    .values(row)
    .onConflict((oc) => oc.columns(['ticket_id', 'linked_id']).doUpdateSet({ type: row.type }))
    .execute();
}

/** Deletes the link between two tickets in either direction; answers the removed link's type, or null. */
export async function deleteLink(db: Executor, a: number, b: number): Promise<string | null> {
  const rows = await db
    .deleteFrom('ticket_links')
    .where((eb) => eb.or([eb.and([eb('ticket_id', '=', a), eb('linked_id', '=', b)]), eb.and([eb('ticket_id', '=', b), eb('linked_id', '=', a)])]))
    .returning('type')
    .execute();
  return rows[0]?.type ?? null;
}

/** Links from or to a ticket. */
export async function findLinks(db: Executor, ticketId: number) {
  return db
    .selectFrom('ticket_links')
    .selectAll()
    .where((eb) => eb.or([eb('ticket_id', '=', ticketId), eb('linked_id', '=', ticketId)]))
    .execute();
}

export async function findChildren(db: Executor, parentId: number) {
  return db.selectFrom('tickets').selectAll().where('parent_id', '=', parentId).orderBy('id').limit(500).execute();
}
