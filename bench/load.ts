import fs from 'node:fs';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { HttpRequestSpec, Measurement } from './types.js';

/** Default cap on operations per run, so no loop is unbounded even on a very fast machine. */
export const DEFAULT_MAX_REQUESTS = 1_000_000;

/** Nearest-rank percentile of an ascending array (0 when empty). */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? 0;
}

/** The outcome of one timed operation: ok, or the error text to show as a sample. */
export type OpOutcome = { ok: true } | { ok: false; error: string };

export interface LoopOptions {
  /** Concurrent loops. */
  concurrency: number;
  /** Warm-up before measuring; operations started in it are not counted. */
  warmupMs: number;
  durationMs: number;
  /** Hard cap on operations started (warm-up included). */
  maxRequests: number;
  op(seq: number): Promise<OpOutcome>;
  /** Called once, when the warm-up is over and the measured window begins. */
  onMeasureStart?: () => void;
}

/**
 * Runs `concurrency` loops, each issuing one operation at a time until the warm-up plus the
 * duration have elapsed or `maxRequests` operations were started, whichever comes first.
 */
export async function runLoops(options: LoopOptions): Promise<Measurement> {
  const { concurrency, warmupMs, durationMs, maxRequests, op } = options;
  const latencies: number[] = [];
  let issued = 0;
  let requests = 0;
  let errors = 0;
  let sampleError: string | null = null;
  let lastMeasuredEnd = 0;

  const start = performance.now();
  const measureStart = start + warmupMs;
  const measureEnd = measureStart + durationMs;
  let cpuAtMeasureStart: NodeJS.CpuUsage | null = null;
  const cpuStartTimer = setTimeout(() => {
    cpuAtMeasureStart = process.cpuUsage();
    options.onMeasureStart?.();
  }, warmupMs);

  const loop = async () => {
    for (;;) {
      const t0 = performance.now();
      if (t0 >= measureEnd || issued >= maxRequests) return;
      const seq = issued++;
      let outcome: OpOutcome;
      try {
        outcome = await op(seq);
      } catch (error) {
        outcome = { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
      const t1 = performance.now();
      if (t0 < measureStart) continue;
      requests++;
      lastMeasuredEnd = Math.max(lastMeasuredEnd, t1);
      if (outcome.ok) latencies.push(t1 - t0);
      else {
        errors++;
        sampleError ??= outcome.error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, loop));
  clearTimeout(cpuStartTimer);

  const finished = performance.now();
  const seconds = Math.max(1e-9, (requests > 0 ? lastMeasuredEnd : finished) - measureStart) / 1000;
  const cpu = cpuAtMeasureStart ? process.cpuUsage(cpuAtMeasureStart) : null;
  const sorted = Float64Array.from(latencies).sort();
  const ok = latencies.length;
  return {
    requests,
    ok,
    errors,
    seconds,
    opsPerSec: ok / seconds,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted.length > 0 ? (sorted[sorted.length - 1] ?? 0) : 0,
    sampleError,
    cappedAtMaxRequests: issued >= maxRequests && finished < measureEnd,
    clientCpu: cpu ? (cpu.user + cpu.system) / 1000 / (seconds * 1000) : 0,
    serverCpu: null,
    serverCpuUsPerOp: null,
  };
}

/** Clock ticks per second of /proc's CPU times (USER_HZ): 100 on every Linux Node runs on. */
const USER_HZ = 100;

/**
 * CPU time a process has used so far, all its threads, in microseconds (user + system, from
 * /proc/PID/stat); null where there is no /proc (not Linux) or the process is gone.
 */
export function processCpuMicros(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces), from field 3 on: utime is 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1_000_000) / USER_HZ;
  } catch {
    return null;
  }
}

export interface HttpClient {
  /** Sends one request; resolves with the status and the whole body (the socket is reusable). */
  send(spec: HttpRequestSpec): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>;
  close(): void;
}

/** A keep-alive HTTP client with at most `connections` sockets and a per-request timeout. */
export function createHttpClient(baseUrl: string, connections: number, timeoutMs = 30_000): HttpClient {
  const url = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  return {
    send(spec) {
      let payload: Buffer | null = null;
      const headers: Record<string, string> = { accept: 'application/json', ...spec.headers };
      if (spec.body !== undefined) {
        if (typeof spec.body === 'string') payload = Buffer.from(spec.body);
        else if (Buffer.isBuffer(spec.body)) payload = spec.body;
        else {
          payload = Buffer.from(JSON.stringify(spec.body));
          headers['content-type'] ??= 'application/json';
        }
        headers['content-length'] = String(payload.length);
      }
      return new Promise((resolve, reject) => {
        const req = http.request(
          { agent, host: url.hostname, port: url.port, method: spec.method, path: spec.path, headers, timeout: timeoutMs },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }),
            );
            res.on('error', reject);
          },
        );
        req.on('timeout', () => req.destroy(new Error(`timed out after ${timeoutMs} ms`)));
        req.on('error', reject);
        req.end(payload ?? undefined);
      });
    },
    close() {
      agent.destroy();
    },
  };
}

export interface HttpLoadOptions {
  baseUrl: string;
  connections: number;
  warmupMs: number;
  durationMs: number;
  maxRequests: number;
  request(seq: number): HttpRequestSpec;
  /** The status that counts as success; default any 2xx. */
  expectStatus?: number;
  /** The server's process: its CPU time over the measured window is reported (Linux). */
  serverPid?: number;
}

/** A bounded closed-loop HTTP load: `connections` loops over keep-alive sockets. */
export async function runHttpLoad(options: HttpLoadOptions): Promise<Measurement> {
  const client = createHttpClient(options.baseUrl, options.connections);
  const { expectStatus } = options;
  let serverCpuAtStart: number | null = null;
  try {
    const measurement = await runLoops({
      onMeasureStart: () => (serverCpuAtStart = options.serverPid === undefined ? null : processCpuMicros(options.serverPid)),
      concurrency: options.connections,
      warmupMs: options.warmupMs,
      durationMs: options.durationMs,
      maxRequests: options.maxRequests,
      async op(seq) {
        const spec = options.request(seq);
        const res = await client.send(spec);
        const ok = expectStatus === undefined ? res.status >= 200 && res.status < 300 : res.status === expectStatus;
        return ok ? { ok: true } : { ok: false, error: `${spec.method} ${spec.path} → ${res.status} ${res.body.slice(0, 300)}` };
      },
    });
    const serverCpuAtEnd = options.serverPid === undefined ? null : processCpuMicros(options.serverPid);
    if (serverCpuAtStart !== null && serverCpuAtEnd !== null) {
      const used = serverCpuAtEnd - serverCpuAtStart;
      measurement.serverCpu = used / (measurement.seconds * 1_000_000);
      measurement.serverCpuUsPerOp = measurement.ok > 0 ? used / measurement.ok : null;
    }
    return measurement;
  } finally {
    client.close();
  }
}
