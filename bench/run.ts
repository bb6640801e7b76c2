/**
 * `npm run bench`: runs named benchmarks on SQLite and PostgreSQL and prints one table.
 *
 * For every engine × benchmark: a fresh database, migrations and the demo company, the benchmark's
 * own seed data, then either the server as a child process driven over HTTP from this process
 * (the second process) or an in-process operation against the database. See bench/README.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { systemClock } from '../server/clock.js';
import { loadConfig } from '../server/config.js';
import type { Database, Engine } from '../server/db/database.js';
import { migrateToLatest } from '../server/db/migrate.js';
import { loadDemoData } from '../server/demo/demo.js';
import { countUsers } from '../server/domains/users/user.repository.js';
import { BENCHMARKS } from './benchmarks/index.js';
import { createScratch, postgresBaseUrl, postgresUnavailable, redactUrl, removeAllScratch, type Scratch } from './engines.js';
import { createHttpClient, DEFAULT_MAX_REQUESTS, runHttpLoad, runLoops } from './load.js';
import { cpuReferenceMs } from './machine.js';
import { serverCommand, ServerFailed, startServer, type ServerHandle } from './server.js';
import type { BenchContext, Benchmark, DataSize, HttpRequestSpec, HttpTarget, Measurement } from './types.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS_FILE = path.join(ROOT, 'bench', 'results', 'latest.json');

const USAGE = `Usage: npm run bench -- [options]

  --only NAME[,NAME]    benchmarks to run (default: all; --list shows them)
  --engine ENGINE       sqlite, postgres or both (default both)
  --duration SECONDS    measured time per benchmark (default 10)
  --warmup SECONDS      unmeasured warm-up before it (default 1)
  --connections N       concurrent HTTP connections / loops (default 16, or the benchmark's own)
  --max-requests N      hard cap on requests per run (default ${DEFAULT_MAX_REQUESTS.toLocaleString('en-US')})
  --size NAME           named data size, for benchmarks that define it
  --list                list the benchmarks and exit
  --help                this text

PostgreSQL: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test.
A fresh database weibao_bench_<random> is created there for each run and dropped afterwards.`;

interface Options {
  only: string[] | null;
  engines: Engine[];
  durationMs: number;
  warmupMs: number;
  connections: number | null;
  maxRequests: number;
  size: string | null;
}

class UsageError extends Error {}

function positive(name: string, raw: string | undefined, fallback: number, integer: boolean): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new UsageError(`--${name} must be a positive ${integer ? 'integer' : 'number'}, got "${raw}"`);
  }
  return value;
}

function parseOptions(argv: string[]): Options | 'help' | 'list' {
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: 'string' },
      engine: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      'max-requests': { type: 'string' },
      size: { type: 'string' },
      list: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return 'help';
  if (values.list) return 'list';
  const engine = values.engine ?? 'both';
  if (!['sqlite', 'postgres', 'both'].includes(engine)) {
    throw new UsageError(`--engine must be sqlite, postgres or both, got "${engine}"`);
  }
  const only = values.only
    ? values.only
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : null;
  const unknown = (only ?? []).filter((n) => !BENCHMARKS.some((b) => b.name === n));
  if (unknown.length > 0) {
    throw new UsageError(`unknown benchmark ${unknown.join(', ')}; known: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
  }
  const warmup = values.warmup === '0' ? 0 : positive('warmup', values.warmup, 1, false);
  return {
    only,
    engines: engine === 'both' ? ['sqlite', 'postgres'] : [engine as Engine],
    durationMs: positive('duration', values.duration, 10, false) * 1000,
    warmupMs: warmup * 1000,
    connections: values.connections === undefined ? null : positive('connections', values.connections, 16, true),
    maxRequests: positive('max-requests', values['max-requests'], DEFAULT_MAX_REQUESTS, true),
    size: values.size ?? null,
  };
}

function dataSizeOf(bench: Benchmark, wanted: string | null): DataSize {
  const sizes = Object.entries(bench.sizes ?? {});
  const [first] = sizes;
  if (!first) return { name: 'demo', n: 0 };
  const picked = wanted === null ? first : sizes.find(([name]) => name === wanted);
  if (!picked) throw new Error(`${bench.name} has no data size "${wanted}"; it has ${sizes.map(([name]) => name).join(', ')}`);
  const [name, n] = picked;
  return { name, n };
}

interface Result {
  operation: string;
  engine: Engine;
  size: string;
  rows: number;
  measurement: Measurement | null;
  error: string | null;
  target: Benchmark['target'] | null;
  /** bench/machine.ts, taken just before the measurement: how fast the machine was at that moment. */
  cpuReferenceMs: number | null;
}

/** The server currently under test, so Ctrl-C can stop it before dropping its database. */
let currentServer: ServerHandle | null = null;

function httpTarget(baseUrl: string): HttpTarget {
  const client = createHttpClient(baseUrl, 1);
  const send = async (spec: HttpRequestSpec) => {
    const res = await client.send(spec);
    if (res.status < 200 || res.status >= 300) {
      throw new Error(`${spec.method} ${spec.path} answered ${res.status}: ${res.body.slice(0, 300)}`);
    }
    return res;
  };
  return {
    baseUrl,
    async signIn(username, password) {
      const res = await send({ method: 'POST', path: '/api/auth/sign-in', body: { username, password } });
      const cookies = res.headers['set-cookie'] ?? [];
      const session = cookies.map((c) => c.split(';')[0] ?? '').find((c) => c.startsWith('wb_session='));
      if (!session) throw new Error(`sign-in as ${username} set no wb_session cookie`);
      return session;
    },
    async fetchJson(spec) {
      const res = await send(spec);
      return res.body ? (JSON.parse(res.body) as unknown) : null;
    },
  };
}

async function runOne(bench: Benchmark, engine: Engine, options: Options, pgUrl: string): Promise<Result> {
  const target = bench.engineTargets?.[engine] ?? bench.target ?? null;
  const result: Result = { operation: bench.name, engine, size: '', rows: 0, measurement: null, error: null, target, cpuReferenceMs: null };
  let scratch: Scratch | null = null;
  let database: Database | null = null;
  try {
    const size = dataSizeOf(bench, options.size);
    result.size = size.name;
    scratch = await createScratch(engine, pgUrl);
    database = scratch.open();
    await migrateToLatest(database);
    const config = loadConfig({ ...scratch.serverEnv, LOG_LEVEL: 'warn', LOGIN_MAX_FAILURES: '1000000' }, ROOT);
    const ctx: BenchContext = { engine, size, deps: { db: database.db, engine: database.engine, clock: systemClock, config } };
    await loadDemoData(ctx.deps);
    await bench.setup?.(ctx);
    result.rows = bench.rows ? await bench.rows(ctx) : await countUsers(database.db);

    if (bench.kind === 'in-process') {
      const op = await bench.run(ctx);
      result.cpuReferenceMs = cpuReferenceMs();
      result.measurement = await runLoops({
        concurrency: options.connections ?? bench.concurrency ?? 1,
        warmupMs: options.warmupMs,
        durationMs: options.durationMs,
        maxRequests: options.maxRequests,
        async op(seq) {
          await op(seq);
          return { ok: true };
        },
      });
      return result;
    }

    // The server must own the database while it runs (SQLite: one writer process).
    await database.close();
    database = null;
    currentServer = await startServer({ root: ROOT, env: scratch.serverEnv });
    const load = await bench.load(httpTarget(currentServer.baseUrl));
    result.cpuReferenceMs = cpuReferenceMs();
    result.measurement = await runHttpLoad({
      baseUrl: currentServer.baseUrl,
      connections: options.connections ?? load.connections ?? 16,
      warmupMs: options.warmupMs,
      durationMs: options.durationMs,
      maxRequests: options.maxRequests,
      request: (seq) => load.request(seq),
      serverPid: currentServer.pid,
      ...(load.expectStatus === undefined ? {} : { expectStatus: load.expectStatus }),
    });
    return result;
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
    const output = error instanceof ServerFailed ? error.output : currentServer?.output();
    if (output) process.stderr.write(`\n--- server output (${bench.name}, ${engine}) ---\n${output.trimEnd()}\n--- end ---\n`);
    return result;
  } finally {
    if (currentServer) {
      await currentServer.stop();
      currentServer = null;
    }
    if (database) await database.close().catch(() => undefined);
    if (scratch) {
      await scratch.remove().catch((error: unknown) => {
        process.stderr.write(`bench: cleanup failed: ${error instanceof Error ? error.message : String(error)}\n`);
      });
    }
  }
}

// ---- output ----

function fmtMs(ms: number): string {
  if (ms < 10) return ms.toFixed(2);
  if (ms < 100) return ms.toFixed(1);
  return Math.round(ms).toLocaleString('en-US');
}

function fmtRate(rate: number): string {
  return rate < 100 ? rate.toFixed(1) : Math.round(rate).toLocaleString('en-US');
}

function table(results: Result[]): string {
  const header = ['operation', 'engine', 'rows', 'requests', 'ops/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors'];
  const rows = results.map((r) => {
    const m = r.measurement;
    return [
      r.operation,
      r.engine,
      r.rows.toLocaleString('en-US'),
      m ? m.requests.toLocaleString('en-US') : 'failed',
      m ? fmtRate(m.opsPerSec) : '-',
      m ? fmtMs(m.p50Ms) : '-',
      m ? fmtMs(m.p95Ms) : '-',
      m ? fmtMs(m.p99Ms) : '-',
      m ? m.errors.toLocaleString('en-US') : '-',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Targets a result missed, as sentences; empty when it met them all (or has none). */
function missedTargets(r: Result): string[] {
  const m = r.measurement;
  if (!r.target || !m) return [];
  const missed: string[] = [];
  if (r.target.p95MsMax !== undefined && m.p95Ms > r.target.p95MsMax) {
    missed.push(`p95 ${fmtMs(m.p95Ms)} ms > ${r.target.p95MsMax} ms`);
  }
  if (r.target.opsPerSecMin !== undefined && m.opsPerSec < r.target.opsPerSecMin) {
    missed.push(`${fmtRate(m.opsPerSec)} ops/s < ${r.target.opsPerSecMin.toLocaleString('en-US')} ops/s`);
  }
  return missed;
}

// ---- main ----

async function main(): Promise<number> {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`);
    return 2;
  }
  if (parsed === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (parsed === 'list') {
    const width = Math.max(...BENCHMARKS.map((b) => b.name.length));
    for (const b of BENCHMARKS) process.stdout.write(`${b.name.padEnd(width)}  ${b.kind.padEnd(10)}  ${b.description}\n`);
    return 0;
  }
  const options = parsed;
  const benches = BENCHMARKS.filter((b) => !options.only || options.only.includes(b.name));
  let exitCode = 0;

  const pgUrl = postgresBaseUrl();
  const skipped: string[] = [];
  let engines = options.engines;
  if (engines.includes('postgres')) {
    const reason = await postgresUnavailable(pgUrl);
    if (reason) {
      const note = `PostgreSQL half SKIPPED: ${redactUrl(pgUrl)} did not answer (${reason}).`;
      skipped.push(note);
      process.stdout.write(`${note}\n`);
      engines = engines.filter((e) => e !== 'postgres');
      if (process.env.CI === 'true') exitCode = 1;
    }
  }

  const cpus = os.cpus();
  process.stdout.write(
    `Weibao bench: node ${process.version}, ${cpus.length} × ${cpus[0]?.model.trim() ?? 'cpu'}, server ${serverCommand(ROOT).label}\n` +
      `${options.durationMs / 1000} s measured after ${options.warmupMs / 1000} s warm-up, ` +
      `${options.connections ?? 'default'} connections, at most ${options.maxRequests.toLocaleString('en-US')} requests per run\n` +
      `CPU reference ${fmtMs(cpuReferenceMs())} ms (bench/machine.ts: fixed work, lower is faster; compare figures from different machines or moments by it)\n\n`,
  );

  const results: Result[] = [];
  for (const engine of engines) {
    for (const bench of benches) {
      process.stdout.write(`  ${bench.name} on ${engine} … `);
      const r = await runOne(bench, engine, options, pgUrl);
      results.push(r);
      const m = r.measurement;
      const serverCpu = m?.serverCpu != null && m.serverCpuUsPerOp != null ? `, server CPU ${m.serverCpu.toFixed(2)} cores (${Math.round(m.serverCpuUsPerOp).toLocaleString('en-US')} µs per request)` : '';
      const reference = r.cpuReferenceMs === null ? '' : `, CPU reference ${fmtMs(r.cpuReferenceMs)} ms`;
      process.stdout.write(m ? `${fmtRate(m.opsPerSec)} ops/s, p95 ${fmtMs(m.p95Ms)} ms${serverCpu}${reference}\n` : `FAILED: ${r.error}\n`);
    }
  }

  process.stdout.write(`\n${table(results)}\n`);
  for (const note of skipped) process.stdout.write(`\n${note}\n`);

  const notes: string[] = [];
  for (const r of results) {
    const m = r.measurement;
    if (!m) {
      notes.push(`${r.operation} on ${r.engine} failed: ${r.error}`);
      exitCode = 1;
      continue;
    }
    if (m.errors > 0) {
      notes.push(`${r.operation} on ${r.engine}: ${m.errors} errors; first: ${m.sampleError}`);
      exitCode = 1;
    }
    for (const miss of missedTargets(r)) {
      notes.push(`${r.operation} on ${r.engine} missed its target: ${miss}`);
      exitCode = 1;
    }
    if (m.cappedAtMaxRequests) notes.push(`${r.operation} on ${r.engine} stopped at the --max-requests cap before the time was up`);
    if (m.clientCpu > 0.9) {
      notes.push(`${r.operation} on ${r.engine}: the load generator used ${Math.round(m.clientCpu * 100)} % of a core; it may be the bottleneck`);
    }
  }
  if (notes.length > 0) process.stdout.write(`\n${notes.map((n) => `• ${n}`).join('\n')}\n`);

  fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  const report = {
    finishedAt: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? null,
    server: serverCommand(ROOT).label,
    options: { ...options, postgres: redactUrl(pgUrl) },
    skipped,
    results: results.map((r) => ({ ...r, missedTargets: missedTargets(r) })),
  };
  fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`\nResults written to ${path.relative(process.cwd(), RESULTS_FILE) || RESULTS_FILE}\n`);
  return exitCode;
}

// Ctrl-C or a crash: stop the server under test, remove the scratch databases, then leave.
let leaving = false;
async function bail(code: number, why: string): Promise<never> {
  if (leaving) process.exit(code);
  leaving = true;
  process.stderr.write(`\nbench: ${why}; cleaning up…\n`);
  try {
    await currentServer?.stop();
  } catch {
    // killed on exit regardless
  }
  await removeAllScratch();
  process.exit(code);
}
process.on('SIGINT', () => void bail(130, 'interrupted'));
process.on('SIGTERM', () => void bail(143, 'terminated'));
process.on('uncaughtException', (error) => void bail(1, `crashed: ${error.stack ?? error.message}`));
process.on('unhandledRejection', (error) => void bail(1, `crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));

main().then(
  (code) => process.exit(code),
  (error: unknown) => void bail(1, `failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
);
