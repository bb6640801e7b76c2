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
  /** PostgreSQL: run the hot statements as named prepared statements (off behind a transaction-pooling proxy). */
  databasePreparedStatements: boolean;
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
  /** SMTP server that sends mail (service forms, reports); null means mail is not configured. */
  smtpHost: string | null;
  smtpPort: number;
  /** TLS from the first byte (usually port 465); false upgrades with STARTTLS when offered. */
  smtpSecure: boolean;
  smtpUser: string | null;
  smtpPassword: string | null;
  /** Sender of every mail, e.g. `Weibao <weibao@example.com>`. */
  mailFrom: string;
  /** Where links in e-mails point: the address people reach Weibao at, without a trailing slash. */
  publicUrl: string;
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

/** A trimmed value, or null when unset or blank. */
function optional(env: Env, name: string): string | null {
  return env[name]?.trim() || null;
}

/** An http(s) address without its trailing slash, so callers can append `/path`. */
function httpUrl(env: Env, name: string, fallback: string): string {
  const raw = env[name]?.trim() || fallback;
  const protocol = URL.canParse(raw) ? new URL(raw).protocol : '';
  if (protocol !== 'http:' && protocol !== 'https:') throw new Error(`${name} must be an http:// or https:// address, got "${raw}"`);
  return raw.replace(/\/+$/, '');
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
  const port = int(env, 'PORT', 3000);
  const smtpPort = int(env, 'SMTP_PORT', 587, 1);
  if (smtpPort > 65_535) throw new Error(`SMTP_PORT must be a port number (1–65535), got "${smtpPort}"`);
  const mailFrom = env.MAIL_FROM?.trim() || 'Weibao <weibao@localhost>';
  if (!mailFrom.includes('@')) throw new Error(`MAIL_FROM must hold an e-mail address, got "${mailFrom}"`);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(cwd, env.DATA_DIR ?? 'data'),
    databaseUrl,
    databasePoolSize: int(env, 'DATABASE_POOL_SIZE', 10, 1),
    databasePreparedStatements: bool(env, 'DATABASE_PREPARED_STATEMENTS', true),
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
    smtpHost: optional(env, 'SMTP_HOST'),
    smtpPort,
    smtpSecure: bool(env, 'SMTP_SECURE', false),
    smtpUser: optional(env, 'SMTP_USER'),
    // A password is taken as written; spaces may be part of it.
    smtpPassword: env.SMTP_PASSWORD || null,
    mailFrom,
    publicUrl: httpUrl(env, 'PUBLIC_URL', `http://localhost:${port}`),
  };
}
