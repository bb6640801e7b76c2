import { DEMO_PASSWORD } from '../../server/demo/demo.js';
import { seededRandom } from '../asset-seed.js';
import { FAULTS, IMPACTS, PLACES, SEARCH_TERMS } from '../ticket-phrases.js';
import { countTickets, describeTicketSeed, seedTickets, SPAN_DAYS, type TicketSeed } from '../ticket-seed.js';
import type { BenchContext, HttpBenchmark, HttpTarget } from '../types.js';

/**
 * The service desk with 1,000,000 tickets (`--size 100k` for a quick run): opening a ticket over
 * HTTP, a queue page, and the fault archive's search. See bench/ticket-seed.ts for the data.
 *
 * Connections: `ticket-create` has a throughput target, so it runs 32 connections — enough
 * requests in flight to keep the server busy while each waits for the group commit (SQLite) or
 * batch (PostgreSQL) that writes it with the others opened at the same moment. `ticket-queue`
 * and `ticket-search` have response-time targets, so they run one connection, like the asset
 * benchmarks (bench/asset-seed.ts, CONNECTIONS): with 16 the p95 measures queueing in the server.
 */

const SIZES = { '1m': 1_000_000, '100k': 100_000 };

// The seed of the run in progress: `setup` makes it, `load` (same process, next step) uses it.
let seed: TicketSeed | null = null;

async function setup(ctx: BenchContext): Promise<void> {
  seed = null;
  seed = await seedTickets(ctx, ctx.size.n);
  process.stdout.write(`${describeTicketSeed(seed)} … `);
}

function seedOf(benchmark: string): TicketSeed {
  if (!seed) throw new Error(`${benchmark}: setup did not run`);
  return seed;
}

interface Page {
  items: { id: number }[];
}

/** One request outside the measurement: the seeded data answers as expected. */
async function expectRows(target: HttpTarget, cookie: string, path: string): Promise<void> {
  const page = (await target.fetchJson({ method: 'GET', path, headers: { cookie } })) as Page;
  if (page.items.length === 0) throw new Error(`GET ${path} found nothing`);
}

/**
 * POST /api/tickets as agent chenjing: a fault with a title and description from the hotline's
 * phrases, for a customer (half the requests) or one of its assets (the other half; the server
 * then finds the customer and contract from the asset). The server routes it, takes the day's
 * number, and writes the ticket, its `created` timeline entry, its search document, its audit row
 * and its service clocks together, then answers the ticket (201).
 */
export const ticketCreateBenchmark: HttpBenchmark = {
  kind: 'http',
  name: 'ticket-create',
  description: 'POST /api/tickets (fault; ticket, timeline entry, search document and audit row in one transaction)',
  sizes: SIZES,
  engineTargets: { sqlite: { opsPerSecMin: 2_000 }, postgres: { opsPerSecMin: 1_000 } },
  setup,
  rows: countTickets,
  async load(target) {
    const s = seedOf('ticket-create');
    const cookie = await target.signIn('chenjing', DEMO_PASSWORD);
    const rand = seededRandom(17);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
    return {
      expectStatus: 201,
      connections: 32,
      request(seq) {
        const f = pick(FAULTS);
        const place = pick(PLACES);
        const impact = pick(IMPACTS);
        const target = seq % 2 === 0 ? { customerId: pick(s.customerIds) } : { assetId: pick(s.assets).id };
        return {
          method: 'POST',
          path: '/api/tickets',
          headers: { cookie },
          body: {
            kind: 'fault',
            channel: 'phone',
            grade: seq % 10 === 0 ? 'major' : 'general',
            title: `${place}${pick(f.titles)}`,
            description: `${place}${pick(f.symptoms).replace('{n}', String(1 + (seq % 9)))}${impact ? `,${impact}` : ''}。`,
            callerName: '值班人员',
            callerPhone: '02768890001',
            ...target,
          },
        };
      },
    };
  },
};

/** The queue filters, one in five each (exported for ad-hoc per-filter measurements). */
export const QUEUE_FILTERS = ['all-open', 'customer', 'mine', 'team-open', 'complaints', 'month'] as const;

const DAY = 86_400_000;

export function queueQuery(s: TicketSeed, seq: number, rand: () => number): string {
  switch (seq % QUEUE_FILTERS.length) {
    case 0:
      return 'queue=all&status=open';
    case 1:
      return `customerId=${s.customerIds[Math.floor(rand() * s.customerIds.length)]}`;
    case 2:
      return 'queue=mine';
    case 3:
      return `teamId=${s.teamIds[Math.floor(seq / QUEUE_FILTERS.length) % s.teamIds.length]}&status=open`;
    case 4:
      return 'kind=complaint';
    default: {
      // Opened within 30 days, a random month of the seeded two years (the seed ends at about now).
      const from = Date.now() - Math.floor(30 + rand() * (SPAN_DAYS - 31)) * DAY;
      return `from=${from}&to=${from + 30 * DAY}`;
    }
  }
}

/**
 * GET /api/tickets?…&limit=50 as engineer zhangwei, rotating through six queues: all open
 * tickets; one customer's tickets (random, customers of very different sizes); my tickets (a few
 * tens of thousands, open and closed); one team's open tickets; complaints (3 % of tickets); the
 * tickets opened in a random month of the two years (some 40,000).
 */
export const ticketQueueBenchmark: HttpBenchmark = {
  kind: 'http',
  name: 'ticket-queue',
  description: 'GET /api/tickets?…&limit=50 (all open, customer, mine, team open, complaints, a month)',
  sizes: SIZES,
  target: { p95MsMax: 10 },
  setup,
  rows: countTickets,
  async load(target) {
    const s = seedOf('ticket-queue');
    const cookie = await target.signIn('zhangwei', DEMO_PASSWORD);
    const check = seededRandom(19);
    for (let seq = 0; seq < QUEUE_FILTERS.length; seq++) await expectRows(target, cookie, `/api/tickets?${queueQuery(s, seq, check)}&limit=50`);
    const rand = seededRandom(23);
    return {
      expectStatus: 200,
      connections: 1,
      request: (seq) => ({ method: 'GET', path: `/api/tickets?${queueQuery(s, seq, rand)}&limit=50`, headers: { cookie } }),
    };
  },
};

/** The search path of request `seq`. */
export function searchPath(seq: number): string {
  return `/api/tickets/search?q=${encodeURIComponent(SEARCH_TERMS[seq % SEARCH_TERMS.length]!)}&limit=50`;
}

/**
 * GET /api/tickets/search?q=… as engineer zhangwei (staff: notes count too), the first page of 50,
 * rotating through one-character (机, in most tickets; 告), two-character (漏水 — about one
 * ticket in fifty —, 宕机, 告警, 超时) and four-character (无法开机, 连接超时, 空调漏水) Chinese
 * terms, words (RAID, server: prefixes) and two terms (存储 告警).
 */
export const ticketSearchBenchmark: HttpBenchmark = {
  kind: 'http',
  name: 'ticket-search',
  description: 'GET /api/tickets/search?q=… (机, 漏水, 无法开机, RAID, …; first 50)',
  sizes: SIZES,
  target: { p95MsMax: 50 },
  setup,
  rows: countTickets,
  async load(target) {
    seedOf('ticket-search');
    const cookie = await target.signIn('zhangwei', DEMO_PASSWORD);
    for (let seq = 0; seq < SEARCH_TERMS.length; seq++) await expectRows(target, cookie, searchPath(seq));
    return {
      expectStatus: 200,
      connections: 1,
      request: (seq) => ({ method: 'GET', path: searchPath(seq), headers: { cookie } }),
    };
  },
};
