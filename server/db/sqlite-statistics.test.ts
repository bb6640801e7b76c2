import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { openDatabase } from './database.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** Rows of `table`, or null when it does not exist. */
function count(file: string, table: string): number | null {
  const db = new SqliteDatabase(file, { readonly: true });
  try {
    if (!db.prepare(`select 1 from sqlite_schema where name = ?`).get(table)) return null;
    return (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

// better-sqlite3's SQLite has STAT4: with sqlite_stat4 filled, statements whose plans depend on a
// bound value are prepared anew at every execution (database.ts, planWithoutValueStatistics).
it('opens SQLite with the row-count statistics of ANALYZE but without its value samples', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weibao-stat-'));
  dirs.push(dir);
  const file = path.join(dir, 'weibao.sqlite');
  const raw = new SqliteDatabase(file);
  raw.exec('create table t (id integer primary key, k integer); create index t_k on t (k);');
  const insert = raw.prepare('insert into t (k) values (?)');
  for (let i = 0; i < 2_000; i++) insert.run(i % 50);
  raw.exec('analyze');
  raw.close();
  expect(count(file, 'sqlite_stat1')).toBeGreaterThan(0);
  expect(count(file, 'sqlite_stat4')).toBeGreaterThan(0);

  const database = openDatabase({ engine: 'sqlite', file });
  await database.close();
  expect(count(file, 'sqlite_stat1')).toBeGreaterThan(0);
  expect(count(file, 'sqlite_stat4')).toBe(0);
});
