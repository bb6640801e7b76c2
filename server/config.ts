import path from 'node:path';

/** Every setting Weibao reads, taken from the environment once at start. */
export interface Config {
  /** TCP port of the HTTP server. */
  port: number;
  /** Address to listen on; 127.0.0.1 keeps a laptop install private. */
  host: string;
  /** Where SQLite files, uploads and generated documents live. */
  dataDir: string;
  /** `postgres://…` selects PostgreSQL; empty means SQLite in `dataDir`. */
  databaseUrl: string | null;
  /** Connections per instance in the PostgreSQL pool. */
  databasePoolSize: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Idle lifetime of a signed-in session. */
  sessionTtlMs: number;
  /** Send the session cookie only over HTTPS (set behind a TLS-terminating proxy). */
  cookieSecure: boolean;
  /** Trust X-Forwarded-For from a load balancer for the client address. */
  trustProxy: boolean;
  /** Largest accepted JSON body. */
  bodyLimitBytes: number;
  /** Failed sign-ins in a minute, per account and per address, before 429. */
  loginMaxFailures: number;
  /** Extra delay added per failed sign-in beyond the third, capped at 10 steps. */
  loginSlowdownMs: number;
  /** Built console to serve; absent in API-only deployments. */
  webDir: string;
  /** Display time zone and default calendar zone (data is UTC epoch ms). */
  timeZone: string;
  /** How often the clock sweeper looks for due warnings and breaches (R4); 0 turns it off. */
  clockSweepIntervalMs: number;
  /** Tests only: time can be moved forward through POST /api/test/clock. Never in production. */
  testClock: boolean;
}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be an integer ≥ ${min}, got "${raw}"`);
  }
  return value;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new Error(`${name} must be true or false, got "${env[name]}"`);
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Reads and validates the configuration; throws with the variable's name on a bad value. */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const logLevel = (env.LOG_LEVEL ?? 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL must start with postgres:// (leave it empty for SQLite)');
  }
  return {
    port: int(env, 'PORT', 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(cwd, env.DATA_DIR ?? 'data'),
    databaseUrl,
    databasePoolSize: int(env, 'DATABASE_POOL_SIZE', 10, 1),
    logLevel,
    sessionTtlMs: int(env, 'SESSION_TTL_HOURS', 12, 1) * 3_600_000,
    cookieSecure: bool(env, 'COOKIE_SECURE', false),
    trustProxy: bool(env, 'TRUST_PROXY', false),
    bodyLimitBytes: int(env, 'BODY_LIMIT_BYTES', 1_048_576, 1024),
    loginMaxFailures: int(env, 'LOGIN_MAX_FAILURES', 10, 1),
    loginSlowdownMs: int(env, 'LOGIN_SLOWDOWN_MS', 250),
    webDir: path.resolve(cwd, env.WEB_DIR ?? 'dist/web'),
    timeZone: env.TZ_DISPLAY ?? 'Asia/Shanghai',
    clockSweepIntervalMs: int(env, 'CLOCK_SWEEP_INTERVAL_MS', 15_000),
    testClock: bool(env, 'WEIBAO_TEST_CLOCK', false),
  };
}
