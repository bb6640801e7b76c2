import type { Engine } from '../server/db/database.js';
import type { Deps } from '../server/deps.js';

/** A named data size a benchmark seeds, e.g. `{ name: '100k', n: 100_000 }`. */
export interface DataSize {
  name: string;
  n: number;
}

/** What `setup`, `rows` and in-process `run` get: the server's own services over a fresh database. */
export interface BenchContext {
  engine: Engine;
  /** The same `{ db, engine, clock, config }` the server hands its services. */
  deps: Deps;
  size: DataSize;
}

/** One HTTP request of a load. `body` objects are sent as JSON. */
export interface HttpRequestSpec {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer | object;
}

/** What an HTTP benchmark asks of the load generator. */
export interface HttpLoad {
  /** Builds request number `seq` (0, 1, 2, … across all connections). */
  request(seq: number): HttpRequestSpec;
  /** The status that counts as success; default any 2xx. */
  expectStatus?: number;
  /** Concurrent connections, used unless `--connections` is given. */
  connections?: number;
}

/** The running server under test, as seen from the bench process. */
export interface HttpTarget {
  baseUrl: string;
  /** Signs in and returns the `Cookie` header value carrying the session. */
  signIn(username: string, password: string): Promise<string>;
  /** One request outside the measurement (for preparation); throws on a non-2xx answer. */
  fetchJson(spec: HttpRequestSpec): Promise<unknown>;
}

/** Optional pass/fail targets from an issue ("p95 under 5 ms", "≥ 2,000/s"). */
export interface BenchTarget {
  p95MsMax?: number;
  opsPerSecMin?: number;
}

interface BenchmarkBase {
  /** Name used with `--only` and shown in the table's operation column. */
  name: string;
  /** One line: what is measured. */
  description: string;
  /** Named data sizes; the first is the default, `--size NAME` picks another. Absent: `demo`. */
  sizes?: Record<string, number>;
  /** Seeds data (the demo company is already loaded) through the server's services or `deps.db`. */
  setup?(ctx: BenchContext): Promise<void>;
  /** The data size reported in the rows column; default: the number of users. */
  rows?(ctx: BenchContext): Promise<number>;
  target?: BenchTarget;
  /** Per-engine targets, used instead of `target` on that engine ("≥ 2,000/s on SQLite, ≥ 1,000/s on PostgreSQL"). */
  engineTargets?: Partial<Record<Engine, BenchTarget>>;
}

/** Load from a second process: the bench starts the server as a child and drives it over HTTP. */
export interface HttpBenchmark extends BenchmarkBase {
  kind: 'http';
  load(target: HttpTarget): Promise<HttpLoad>;
}

/** Runs in the bench process against the database; `run` returns the operation to time. */
export interface InProcessBenchmark extends BenchmarkBase {
  kind: 'in-process';
  /** Concurrent operations in flight; default 1. */
  concurrency?: number;
  run(ctx: BenchContext): Promise<(seq: number) => Promise<unknown>>;
}

export type Benchmark = HttpBenchmark | InProcessBenchmark;

/** Latency summary of one measured run. */
export interface Measurement {
  /** Operations started inside the measured window (successes and errors). */
  requests: number;
  ok: number;
  errors: number;
  /** Seconds from the start of the window until the last measured operation finished. */
  seconds: number;
  opsPerSec: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  /** First error seen, e.g. `500 {"error":…}` or `ECONNRESET`. */
  sampleError: string | null;
  /** Whether the request cap, not the clock, ended the run. */
  cappedAtMaxRequests: boolean;
  /** CPU used by the bench process during the window, as a share of one core (1 = 100 %). */
  clientCpu: number;
  /** HTTP benchmarks on Linux: CPU the server process (all its threads) used during the window, as a share of one core; else null. */
  serverCpu: number | null;
  /** The same per successful request, in microseconds: steadier than ops/s on a noisy machine. */
  serverCpuUsPerOp: number | null;
}
