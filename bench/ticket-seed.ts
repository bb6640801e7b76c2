/**
 * The service desk at benchmark size, shared by the ticket benchmarks (`ticket-create`,
 * `ticket-queue`, `ticket-search`): `n` tickets (1,000,000 by default) over the past two years for
 * the asset seed's 200 customers and their assets, with a `created` timeline entry and a search
 * document each, owned by engineers in teams.
 *
 * Seeding bypasses the services: rows go in with one INSERT … SELECT per 5,000 rows from a JSON
 * parameter (`json_each` on SQLite, `json_populate_recordset` / `json_to_recordset` on PostgreSQL),
 * all in one transaction. Through `createTicket` (routing, number counter, a transaction with five
 * writes and an audit row per ticket) a million tickets would take hours. The rows hold what the
 * services write — numbers `GZ-YYYYMMDD-NNNN` per kind and day (continuing the demo company's
 * counters, and the counters are brought up to date so new tickets never reuse a number), `is_open`
 * = status is not closed, the `created` event's `data_json` as `createTicket` builds it, and the
 * search document's tokens exactly as `insertSearchDocument` stores them (`documentTokens` of
 * "number title description debugInfo"; FTS5 gets them joined by spaces, PostgreSQL
 * `array_to_tsvector(tokens::text[])`; a self-check compares the first thousand with
 * `documentTokens` itself). Audit rows for the seeded tickets are left out: nothing measured reads
 * them. The server's own code answers every measured request.
 *
 * The data is the same on both engines (a seeded generator). On SQLite the FTS5 index is then
 * merged into one segment (`optimize`), as a nightly job would (set BENCH_FTS_OPTIMIZE=0 to
 * measure without it), and the database settles as after any bulk load (`settle`: ANALYZE, and
 * VACUUM and a checkpoint).
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { Executor } from '../server/db/database.js';
import { documentTokens } from '../server/shared/cjk-tokens.js';
import { dayIn } from '../server/shared/dates.js';
import { seedAssets, seededRandom } from './asset-seed.js';
import { FAULTS, IMPACTS, KIND_WEIGHTS, OTHERS, PLACES, type Category } from './ticket-phrases.js';
import type { BenchContext } from './types.js';

/** Assets the seeded customers have (the tickets point to them); the asset seed's smallest size. */
const ASSETS = 20_000;
const BATCH = 5_000;
const DAY = 86_400_000;
/** Two years of tickets. */
export const SPAN_DAYS = 730;

/** What the benchmarks need to build realistic requests against the seeded data. */
export interface TicketSeed {
  /** Seeded customers (the demo company's four are not among them), and assets to report on. */
  customerIds: number[];
  assets: { id: number; customerId: number }[];
  /** Teams with open tickets, for the team queue. */
  teamIds: number[];
  counts: { tickets: number; open: number; engineers: number; teams: number };
  /** Wall times in seconds: assets and staff, ticket inserts, FTS optimize (SQLite), ANALYZE and the rest of `settle`. */
  seconds: { base: number; tickets: number; optimize: number; analyze: number };
}

const PREFIX = { fault: 'GZ', consultation: 'ZX', complaint: 'TS', upgrade: 'SJ', service_request: 'FW' } as const;
type Kind = keyof typeof PREFIX;

/** Open statuses per kind (see server/domains/tickets/workflow.ts), weighted. */
const OPEN_STATUSES: Record<Kind, [string, number][]> = {
  fault: [
    ['new', 12],
    ['accepted', 10],
    ['remote_diagnosis', 20],
    ['solution_proposed', 5],
    ['on_site', 20],
    ['escalated', 8],
    ['restored', 7],
    ['awaiting_confirmation', 12],
    ['waiting_customer', 6],
  ],
  consultation: [
    ['new', 30],
    ['accepted', 40],
    ['answered', 30],
  ],
  complaint: [
    ['new', 20],
    ['accepted', 30],
    ['investigating', 40],
    ['resolved', 10],
  ],
  upgrade: [
    ['new', 20],
    ['accepted', 30],
    ['in_progress', 40],
    ['resolved', 10],
  ],
  service_request: [
    ['new', 20],
    ['accepted', 30],
    ['in_progress', 40],
    ['resolved', 10],
  ],
};

/** Teams by what they handle; the demo company's four plus three seeded ones, and seeded staff. */
const DEMO_TEAMS = { desk: '客户服务中心', server: '服务器与存储组', network: '网络与安全组', field: '现场服务组' };
const NEW_TEAMS: { key: string; name: string; description: string; engineers: number }[] = [
  { key: 'database', name: '数据库与中间件组', description: '数据库、中间件、虚拟化 / Databases, middleware, virtualisation', engineers: 6 },
  { key: 'facility', name: '动环与机房组', description: '空调、UPS、动环监控 / Cooling, UPS, facility monitoring', engineers: 4 },
  { key: 'office', name: '终端与办公设备组', description: '打印机、终端 / Printers and end-user devices', engineers: 4 },
];
/** Seeded engineers added to the demo teams. */
const EXTRA = { server: 8, network: 6, field: 5, desk: 6 };
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '涛', '明', '超', '秀英', '华', '平', '刚'];
const CALLERS = ['值班人员', '信息科', '网络管理员', '机房值班', '徐明', '何静', '罗建国', '郭晓燕', 'Emma Smith', '李老师', '王主任'];

function weighted<T>(items: [T, number][], rand: () => number): () => T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  return () => {
    let x = rand() * total;
    for (const [t, w] of items) {
      x -= w;
      if (x < 0) return t;
    }
    return items[items.length - 1]![0];
  };
}

/** `documentTokens(parts.join(' '))`, from cached per-part token lists: runs never span a space. */
function tokenCache() {
  const cache = new Map<string, string[]>();
  const of = (part: string, cacheable: boolean) => {
    const hit = cache.get(part);
    if (hit) return hit;
    const tokens = documentTokens(part);
    if (cacheable && cache.size < 500_000) cache.set(part, tokens);
    return tokens;
  };
  return (parts: [string, boolean][]): string[] => {
    const out = new Set<string>();
    for (const [part, cacheable] of parts) for (const t of of(part, cacheable)) out.add(t);
    return [...out];
  };
}

const TICKET_COLUMNS = [
  'number', 'kind', 'channel', 'grade', 'non_stopping', 'cause_unknown', 'status', 'title', 'description', 'debug_info',
  'customer_id', 'contact_id', 'caller_name', 'caller_phone', 'asset_id', 'contract_id', 'team_id', 'owner_id', 'parent_id',
  'investigation', 'answer', 'created_by_user_id', 'created_at', 'updated_at', 'last_activity_at', 'closed_at', 'is_open',
] as const;
const EVENT_COLUMNS = ['ticket_id', 'customer_id', 'at', 'type', 'internal', 'actor_user_id', 'actor_name', 'body', 'data_json'] as const;

/** INSERT … SELECT from one JSON parameter holding an array of row objects. */
async function insertJson(trx: Executor, engine: 'sqlite' | 'postgres', table: 'tickets' | 'ticket_events', columns: readonly string[], rows: object[], returning: boolean) {
  const list = sql.raw(columns.join(', '));
  const json = JSON.stringify(rows);
  const ret = returning ? sql` returning id, number` : sql``;
  if (engine === 'postgres') {
    return sql<{ id: number; number: string }>`insert into ${sql.table(table)} (${list})
      select ${list} from json_populate_recordset(null::${sql.table(table)}, ${json}::json)${ret}`.execute(trx);
  }
  const select = sql.raw(columns.map((c) => `value ->> '${c}'`).join(', '));
  return sql<{ id: number; number: string }>`insert into ${sql.table(table)} (${list}) select ${select} from json_each(${json})${ret}`.execute(trx);
}

async function insertSearch(trx: Executor, engine: 'sqlite' | 'postgres', docs: { i: number; c: number; t: string[] }[]) {
  if (engine === 'postgres') {
    await sql`insert into ticket_search (ticket_id, customer_id, internal, tokens)
      select i, c, 0, array_to_tsvector(t) from json_to_recordset(${JSON.stringify(docs)}::json) as d(i bigint, c bigint, t text[])`.execute(trx);
  } else {
    const rows = docs.map((d) => ({ i: d.i, c: d.c, t: d.t.join(' ') }));
    // One document per ticket: its rowid is the ticket's id × 2^20, as insertSearchDocument makes it.
    await sql`insert into ticket_search (rowid, tokens, ticket_id, customer_id, internal)
      select (value ->> 'i') * 1048576, value ->> 't', value ->> 'i', value ->> 'c', 0 from json_each(${JSON.stringify(rows)})`.execute(trx);
  }
}

/** Seeded staff: engineers in the demo teams and three more teams, straight into the tables. */
async function seedStaff(ctx: BenchContext, rand: () => number) {
  const db = ctx.deps.db;
  const now = ctx.deps.clock.now();
  const name = (i: number) => `${SURNAMES[i % SURNAMES.length]}${GIVEN[Math.floor(i / SURNAMES.length + i * 7) % GIVEN.length]}`;
  return db.transaction().execute(async (trx) => {
    const teams = await trx.selectFrom('teams').select(['id', 'name']).execute();
    const teamId = new Map(teams.map((t) => [t.name, t.id]));
    const members = await trx.selectFrom('team_members').select(['team_id', 'user_id']).execute();
    const byTeam = new Map<string, number[]>();
    const add = (key: string, userId: number) => byTeam.set(key, [...(byTeam.get(key) ?? []), userId]);
    for (const [key, name_] of Object.entries(DEMO_TEAMS)) {
      for (const m of members) if (m.team_id === teamId.get(name_)) add(key, m.user_id);
    }
    let seq = 0;
    const newUser = async (role: string) => {
      seq++;
      const user = await trx
        .insertInto('users')
        .values({
          username: `bench.${role}${String(seq).padStart(2, '0')}`,
          display_name: name(seq + Math.floor(rand() * 3)),
          email: null,
          phone: `139${String(10_000_000 + seq * 7919).slice(0, 8)}`,
          // Not a password hash: nobody signs in as the seeded staff.
          password_hash: '!',
          must_change_password: 0,
          disabled_at: null,
          customer_id: null,
          locale: null,
          last_sign_in_at: null,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.insertInto('user_roles').values({ user_id: user.id, role }).execute();
      return user.id;
    };
    for (const [key, count] of Object.entries(EXTRA)) {
      for (let i = 0; i < count; i++) {
        const id = await newUser(key === 'desk' ? 'agent' : 'engineer');
        await trx.insertInto('team_members').values({ team_id: teamId.get(DEMO_TEAMS[key as keyof typeof DEMO_TEAMS])!, user_id: id }).execute();
        add(key, id);
      }
    }
    for (const t of NEW_TEAMS) {
      const ids: number[] = [];
      for (let i = 0; i < t.engineers; i++) ids.push(await newUser('engineer'));
      const team = await trx
        .insertInto('teams')
        .values({ name: t.name, description: t.description, lead_user_id: ids[0]!, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.insertInto('team_members').values(ids.map((user_id) => ({ team_id: team.id, user_id }))).execute();
      teamId.set(t.name, team.id);
      for (const id of ids) add(t.key, id);
    }
    const idOf = (key: string) => teamId.get(key in DEMO_TEAMS ? DEMO_TEAMS[key as keyof typeof DEMO_TEAMS] : NEW_TEAMS.find((t) => t.key === key)!.name)!;
    const names = new Map((await trx.selectFrom('users').select(['id', 'username']).execute()).map((u) => [u.id, u.username]));
    return { byTeam, idOf, names, engineers: [...byTeam.values()].reduce((s, l) => s + l.length, 0), teams: byTeam.size };
  });
}

/** The team that handles a category of fault. */
const TEAM_OF: Record<Category, string> = { server: 'server', storage: 'server', network: 'network', security: 'network', software: 'database', other: 'facility' };

/** Seeds `n` tickets (and the asset seed's customers and 20,000 assets, and staff). */
export async function seedTickets(ctx: BenchContext, n: number): Promise<TicketSeed> {
  const { engine } = ctx.deps;
  const t0 = performance.now();
  const assetSeed = await seedAssets(ctx, ASSETS);
  const rand = seededRandom(20261125);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const chance = (p: number) => rand() < p;
  const staff = await seedStaff(ctx, rand);
  const db = ctx.deps.db;

  // Assets and contracts of the seeded customers, for the tickets to point to.
  const seeded = new Set(assetSeed.customerIds);
  const assetRows = await db.selectFrom('assets').select(['id', 'customer_id', 'contract_id', 'category', 'serial_number']).orderBy('id').execute();
  const assetsOf = new Map<number, typeof assetRows>();
  for (const a of assetRows) if (seeded.has(a.customer_id)) assetsOf.set(a.customer_id, [...(assetsOf.get(a.customer_id) ?? []), a]);
  const contractsOf = new Map<number, number[]>();
  for (const c of await db.selectFrom('contracts').select(['id', 'customer_id']).orderBy('id').execute()) {
    contractsOf.set(c.customer_id, [...(contractsOf.get(c.customer_id) ?? []), c.id]);
  }
  const counters = new Map((await db.selectFrom('ticket_counters').select(['key', 'value']).execute()).map((c) => [c.key, Number(c.value)]));
  const tBase = performance.now();

  // Creation times over two years, a little denser recently, in order (ids follow time).
  const now = ctx.deps.clock.now();
  const start = now - SPAN_DAYS * DAY;
  const times = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let t = start + Math.pow(rand(), 0.9) * (now - start - 60_000);
    // Two calls in three during office hours (Asia/Shanghai 08:30–18:00 ≈ 00:30–10:00 UTC).
    if (chance(0.66)) t = Math.floor(t / DAY) * DAY + 1_800_000 + rand() * 9.5 * 3_600_000;
    times[i] = Math.min(t, now - 60_000);
  }
  times.sort();

  const kindOf = weighted(KIND_WEIGHTS, rand);
  const fault = weighted(FAULTS.map((f) => [f, f.weight] as [(typeof FAULTS)[number], number]), rand);
  const grade = weighted<string>([['general', 85], ['major', 13], ['emergency', 2]], rand);
  const channel = weighted<string>([['phone', 70], ['portal', 15], ['email', 10], ['api', 5]], rand);
  const openStatus = Object.fromEntries(Object.entries(OPEN_STATUSES).map(([k, v]) => [k, weighted(v, rand)])) as Record<Kind, () => string>;
  const openChance = (ageDays: number) => (ageDays < 1 ? 0.95 : ageDays < 3 ? 0.6 : ageDays < 7 ? 0.3 : ageDays < 30 ? 0.08 : ageDays < 90 ? 0.01 : 0.002);
  const agents = staff.byTeam.get('desk')!;
  const tokensOf = tokenCache();
  const fill = (s: string) => s.replace('{n}', String(int(1, 9)));
  const dayKeys = new Map<number, string>();
  const dayOf = (t: number) => {
    // Time zones are whole quarter hours from UTC: the day is the same within a quarter hour.
    const q = Math.floor(t / 900_000);
    let d = dayKeys.get(q);
    if (d === undefined) dayKeys.set(q, (d = dayIn(t, ctx.deps.config.timeZone).replace(/-/g, '')));
    return d;
  };

  let open = 0;
  let checked = 0;
  const teamsWithOpen = new Set<number>();
  await db.transaction().execute(async (trx) => {
    for (let b = 0; b < n; b += BATCH) {
      const tickets: Record<string, unknown>[] = [];
      const pending: { number: string; customerId: number; tokens: string[]; event: Record<string, unknown>; text: string }[] = [];
      for (let i = b; i < Math.min(n, b + BATCH); i++) {
        const created = Math.round(times[i]!);
        const kind = kindOf() as Kind;
        const customerId = assetSeed.customerIds[Math.min(assetSeed.customerIds.length - 1, Math.floor(assetSeed.customerIds.length * rand() ** 2))]!;
        const key = `${PREFIX[kind]}-${dayOf(created)}`;
        const sequence = (counters.get(key) ?? 0) + 1;
        counters.set(key, sequence);
        const number = `${key}-${String(sequence).padStart(4, '0')}`;
        const place = chance(0.6) ? pick(PLACES) : '';
        let title: string;
        let description: string;
        let debug = '';
        let category: Category | null = null;
        let assetId: number | null = null;
        let contractId: number | null = null;
        let nonStopping = 0;
        let serial = '';
        if (kind === 'fault') {
          const f = fault();
          category = f.category;
          title = `${chance(0.3) ? place : ''}${pick(f.titles)}`;
          const impact = pick(IMPACTS);
          description = `${place}${fill(pick(f.symptoms))}${impact ? `,${impact}` : ''}。`;
          if (chance(0.4)) debug = fill(pick(f.debug));
          nonStopping = f.nonStopping ? 1 : 0;
          const own = assetsOf.get(customerId) ?? [];
          if (own.length > 0 && chance(0.85)) {
            const matching = own.filter((a) => a.category === f.category);
            const asset = matching.length > 0 && chance(0.9) ? pick(matching) : pick(own);
            assetId = asset.id;
            contractId = asset.contract_id;
            if (chance(0.25)) serial = asset.serial_number;
          }
        } else {
          const o = pick(OTHERS.filter((x) => x.kind === kind));
          title = o.title;
          description = `${place ? `${place}:` : ''}${o.description}`;
        }
        if (contractId === null && chance(0.7)) {
          const own = contractsOf.get(customerId) ?? [];
          if (own.length > 0) contractId = pick(own);
        }
        const teamKey = kind !== 'fault' ? (kind === 'complaint' || kind === 'consultation' ? 'desk' : 'field') : chance(0.1) ? 'field' : title.includes('打印机') ? 'office' : TEAM_OF[category!];
        const ageDays = (now - created) / DAY;
        const isOpen = chance(openChance(ageDays));
        const status = isOpen ? openStatus[kind]() : 'closed';
        // A few new tickets still wait in the unassigned queue (some not even routed to a team).
        const unassigned = status === 'new' && chance(0.4);
        const teamId = unassigned && chance(0.5) ? null : staff.idOf(teamKey);
        const ownerId = unassigned ? null : pick(staff.byTeam.get(teamKey)!);
        const agent = pick(agents);
        const closedAt = isOpen ? null : Math.min(now - 1, created + int(1, 72) * 3_600_000 + int(0, 3_599_999));
        const lastActivity = closedAt ?? Math.min(now - 1, created + int(0, Math.max(0, Math.floor((now - created) / 60_000))) * 60_000);
        const g = kind === 'fault' ? grade() : null;
        const ch = channel();
        if (serial) debug = `${debug ? `${debug}; ` : ''}SN ${serial}`;
        if (isOpen) {
          open++;
          if (teamId !== null) teamsWithOpen.add(teamId);
        }
        tickets.push({
          number, kind, channel: ch, grade: g, non_stopping: nonStopping, cause_unknown: kind === 'fault' && chance(0.02) ? 1 : 0,
          status, title, description, debug_info: debug, customer_id: customerId, contact_id: null,
          caller_name: pick(CALLERS), caller_phone: `027${int(10_000_000, 99_999_999)}`, asset_id: assetId, contract_id: contractId,
          team_id: teamId, owner_id: ownerId, parent_id: null, investigation: '', answer: '', created_by_user_id: agent,
          created_at: created, updated_at: lastActivity, last_activity_at: lastActivity, closed_at: closedAt, is_open: isOpen ? 1 : 0,
        });
        // As createTicket: documentTokens(`${number} ${title} ${description} ${debugInfo}`).
        const tokens = tokensOf([[number, false], [title, true], [description, true], [debug, !serial]]);
        pending.push({
          number,
          customerId,
          tokens,
          text: `${number} ${title} ${description} ${debug}`,
          event: {
            customer_id: customerId, at: created, type: 'created', internal: 0, actor_user_id: agent, actor_name: staff.names.get(agent)!, body: '',
            data_json: JSON.stringify({ number, kind, grade: g, channel: ch, teamId, ownerId }),
          },
        });
      }
      const inserted = await insertJson(trx, engine, 'tickets', TICKET_COLUMNS, tickets, true);
      const idOf = new Map(inserted.rows.map((r) => [r.number, Number(r.id)]));
      for (const p of pending) {
        if (checked < 1_000) {
          checked++;
          const expected = documentTokens(p.text);
          if (expected.join(' ') !== p.tokens.join(' ')) throw new Error(`ticket seed: tokens of ${p.number} differ from documentTokens`);
        }
      }
      await insertJson(trx, engine, 'ticket_events', EVENT_COLUMNS, pending.map((p) => ({ ticket_id: idOf.get(p.number)!, ...p.event })), false);
      await insertSearch(trx, engine, pending.map((p) => ({ i: idOf.get(p.number)!, c: p.customerId, t: p.tokens })));
    }
    // The day counters as createTicket would have left them: today's next number follows the seed's.
    const rows = [...counters].map(([key, value]) => ({ key, value }));
    for (let i = 0; i < rows.length; i += 500) {
      await trx
        .insertInto('ticket_counters')
        .values(rows.slice(i, i + 500))
        .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ value: eb.ref('excluded.value') })))
        .execute();
    }
  });
  const tTickets = performance.now();
  if (engine === 'sqlite' && process.env.BENCH_FTS_OPTIMIZE !== '0') {
    await sql`insert into ticket_search (ticket_search) values ('optimize')`.execute(db);
  }
  const tOptimize = performance.now();
  await settle(db, engine);
  const tAnalyze = performance.now();

  const assets = assetRows.filter((a) => seeded.has(a.customer_id)).map((a) => ({ id: a.id, customerId: a.customer_id }));
  return {
    customerIds: assetSeed.customerIds,
    assets,
    teamIds: [...teamsWithOpen].sort((a, b) => a - b),
    counts: { tickets: n, open, engineers: staff.engineers, teams: staff.teams },
    seconds: { base: (tBase - t0) / 1000, tickets: (tTickets - tBase) / 1000, optimize: (tOptimize - tTickets) / 1000, analyze: (tAnalyze - tOptimize) / 1000 },
  };
}

/**
 * After the bulk load, what a database administrator does before opening a loaded database to
 * users, so the measurement sees the server's steady state and not the load's aftermath: ANALYZE
 * (plans); on PostgreSQL VACUUM too (hint bits and the visibility map: otherwise the first reads
 * of a million fresh rows write them all again) and a CHECKPOINT (otherwise the checkpointer
 * writes the load's gigabyte of dirty pages out during the run); on SQLite a WAL checkpoint.
 */
async function settle(db: Executor, engine: BenchContext['engine']): Promise<void> {
  if (engine === 'sqlite') {
    await sql`analyze`.execute(db);
    await sql`pragma wal_checkpoint(truncate)`.execute(db);
    return;
  }
  await sql`vacuum (analyze)`.execute(db);
  // CHECKPOINT needs a superuser or pg_checkpoint; without, the checkpointer catches up on its own.
  await sql`checkpoint`.execute(db).catch(() => undefined);
}

/** The rows column of the ticket benchmarks: how many tickets there are. */
export async function countTickets(ctx: BenchContext): Promise<number> {
  const row = await ctx.deps.db.selectFrom('tickets').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One line for the progress output. */
export function describeTicketSeed(seed: TicketSeed): string {
  const s = seed.seconds;
  return (
    `seeded ${seed.counts.tickets.toLocaleString('en-US')} tickets (${seed.counts.open.toLocaleString('en-US')} open) in ${s.tickets.toFixed(1)} s ` +
    `(+ assets and staff ${s.base.toFixed(1)} s${s.optimize > 0.05 ? `, FTS optimize ${s.optimize.toFixed(1)} s` : ''}, settling (ANALYZE, VACUUM, checkpoint) ${s.analyze.toFixed(1)} s)`
  );
}
