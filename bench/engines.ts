import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database, type Engine } from '../server/db/database.js';

export const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** The PostgreSQL server to create bench databases on. */
export function postgresBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.BENCH_DATABASE_URL || env.TEST_DATABASE_URL || DEFAULT_PG_URL;
}

/** The same server and credentials, another database. */
function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Hides a password in a URL shown to the user. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

async function maintenance<T>(baseUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({
    connectionString: withDatabase(baseUrl, 'postgres'),
    connectionTimeoutMillis: 3_000,
    application_name: 'weibao-bench',
  });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Null when PostgreSQL answers; else why not, in one line. */
export async function postgresUnavailable(baseUrl: string): Promise<string | null> {
  try {
    await maintenance(baseUrl, (c) => c.query('select 1'));
    return null;
  } catch (error) {
    return error instanceof Error ? error.message || error.constructor.name : String(error);
  }
}

/** A fresh, empty database for one benchmark run, and how to remove it. */
export interface Scratch {
  engine: Engine;
  /** Environment for the server child: DATA_DIR or DATABASE_URL. */
  serverEnv: Record<string, string>;
  /** Opens it from the bench process (for migrations, seeding, in-process runs). */
  open(): Database;
  /** Removes the database; safe to call twice. */
  remove(): Promise<void>;
  /** Best effort, synchronous, for process exit: only what can be done without I/O waits. */
  removeSync(): void;
}

/** Everything created and not yet removed, for Ctrl-C and crashes. */
const live = new Set<Scratch>();

export async function removeAllScratch(): Promise<void> {
  for (const s of [...live]) await s.remove().catch(() => undefined);
}

process.on('exit', () => {
  for (const s of live) s.removeSync();
});

export async function createScratch(engine: Engine, pgBaseUrl: string): Promise<Scratch> {
  if (engine === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weibao-bench-'));
    const removeSync = () => {
      fs.rmSync(dir, { recursive: true, force: true });
      live.delete(scratch);
    };
    const scratch: Scratch = {
      engine,
      serverEnv: { DATA_DIR: dir },
      open: () => openDatabase({ engine: 'sqlite', file: path.join(dir, 'weibao.sqlite') }),
      remove: async () => removeSync(),
      removeSync,
    };
    live.add(scratch);
    return scratch;
  }

  const name = `weibao_bench_${crypto.randomBytes(6).toString('hex')}`;
  await maintenance(pgBaseUrl, (c) => c.query(`create database "${name}"`));
  const url = withDatabase(pgBaseUrl, name);
  let removed = false;
  const scratch: Scratch = {
    engine,
    serverEnv: { DATABASE_URL: url },
    open: () => openDatabase({ engine: 'postgres', url, poolSize: 10 }),
    async remove() {
      if (removed) return;
      // FORCE (PostgreSQL 13+) ends connections a killed server may have left behind.
      await maintenance(pgBaseUrl, (c) => c.query(`drop database if exists "${name}" with (force)`));
      removed = true;
      live.delete(scratch);
    },
    removeSync() {
      if (!removed) process.stderr.write(`bench: could not drop PostgreSQL database ${name}; drop it by hand.\n`);
    },
  };
  live.add(scratch);
  return scratch;
}
