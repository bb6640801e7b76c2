import { CompiledQuery, sql, type OperationNodeSource, type QueryResult, type RawBuilder } from 'kysely';
import { randomInt, randomUUID } from 'node:crypto';
import type { Engine, Executor } from './database.js';
import { NUMBERED_INSERT_SQL } from './sqlite-driver.js';
import type { NumberedInsert, WriterStatement } from './sqlite-writer.mjs';

/**
 * A statement whose SQL is written once: its text split at the parameters, the same string object
 * every time (for an insert, per number of rows), with the values of this call. The hot path of a
 * new ticket uses these instead of Kysely's builder, which parses the row objects and compiles a
 * fresh tree on every call (a sixth of the server's time on the ticket benchmark), and whose
 * fresh SQL strings the SQLite statement cache must hash again each time.
 *
 * On PostgreSQL they run as named prepared statements (see `statementName`): a new ticket's
 * one-statement write has some 190 parameters, and parsing and planning it anew cost PostgreSQL
 * more than executing it (on the benchmark machine a round trip of it took 2.0–2.5 ms unnamed,
 * 1.5 ms named).
 */
export interface PreparedStatement {
  readonly template: Template;
  readonly parameters: readonly unknown[];
  /** An insert made by preparedInsert: its target and rows, so inserts can be merged (mergedInsert). */
  readonly insert?: { readonly target: InsertTarget; readonly rows: readonly object[] };
}

/** The table and columns of a preparedInsert (and its tail: a conflict clause, `returning`). */
interface InsertTarget {
  readonly id: number;
  readonly table: string;
  readonly columns: readonly string[];
  readonly tail: string;
}

/** A write not yet executed: a Kysely insert/update builder, raw SQL or a prepared statement. */
export type Statement = OperationNodeSource | PreparedStatement;

let templates = 0;

class Template {
  readonly id = ++templates;
  /** The text with `?` placeholders (SQLite). */
  readonly sqlite: string;
  /** The text with `$1…` placeholders (PostgreSQL), alone. */
  readonly postgres: string;

  constructor(readonly chunks: readonly string[]) {
    this.sqlite = chunks.join('?');
    this.postgres = numbered(chunks, 0);
  }
}

/** The chunks joined with PostgreSQL's `$n` placeholders, numbered from `offset + 1`. */
function numbered(chunks: readonly string[], offset: number): string {
  let text = chunks[0]!;
  for (let i = 1; i < chunks.length; i++) text += `$${offset + i}${chunks[i]}`;
  return text;
}

/**
 * PostgreSQL: the texts that run as named prepared statements, and their names. Only the texts
 * built here are named — a fixed, small set (capped all the same) — never arbitrary queries,
 * whose plans may depend on their parameters (a generic plan for a search would be a bad one).
 */
const statementNames = new Map<string, string>();
const MAX_NAMED = 256;

function nameStatement(text: string): void {
  if (statementNames.size < MAX_NAMED && !statementNames.has(text)) statementNames.set(text, `weibao_${statementNames.size + 1}`);
}

/** The name a text runs under as a prepared statement on PostgreSQL, if it is one of ours. */
export function statementName(text: string): string | undefined {
  return statementNames.get(text);
}

/** Whether a statement is one written once here (preparedInsert, preparedSql), not a query builder. */
export function isPrepared(statement: Statement): statement is PreparedStatement {
  return 'template' in statement;
}

/**
 * An insert into `table` with exactly the columns of `Row` (the record makes the compiler check
 * that none is missing), optionally followed by a clause such as `on conflict … do nothing` or
 * `returning id`. Call the result with the rows to insert (at least one).
 */
export function preparedInsert<Row extends object>(table: string, columns: Record<keyof Row & string, true>, tail = ''): (rows: readonly Row[]) => PreparedStatement {
  const names = Object.keys(columns) as (keyof Row & string)[];
  const target: InsertTarget = { id: ++templates, table, columns: names, tail };
  const head = `insert into "${table}" (${names.map((n) => `"${n}"`).join(', ')}) values (`;
  const byCount = new Map<number, Template>();
  const templateFor = (count: number) => {
    let template = byCount.get(count);
    if (!template) {
      const chunks = [head];
      for (let r = 0; r < count; r++) {
        for (let c = 1; c < names.length; c++) chunks.push(', ');
        chunks.push(r === count - 1 ? `)${tail ? ` ${tail}` : ''}` : '), (');
      }
      template = new Template(chunks);
      byCount.set(count, template);
    }
    return template;
  };
  return (rows) => {
    const parameters: unknown[] = [];
    for (const row of rows) for (const name of names) parameters.push(row[name]);
    return { template: templateFor(rows.length), parameters, insert: { target, rows } };
  };
}

// The templates of merged inserts (mergedInsert), by the targets they insert into.
const mergedTemplates = new Map<string, Template>();

/**
 * PostgreSQL: inserts of any number of rows — from several callers' statements — as one
 * statement whose text depends only on the tables: the rows of each table go as one JSON
 * parameter, expanded by `json_populate_recordset` into the table's own column types, each table
 * a data-modifying CTE. The text is the same for the same tables however many rows there are, so
 * it runs as one named prepared statement (a VALUES list would be a new text to parse and plan for
 * every count). Null when a statement is not a preparedInsert.
 */
export function mergedInsert(statements: readonly PreparedStatement[]): PreparedStatement | null {
  const byTarget = new Map<InsertTarget, object[]>();
  for (const statement of statements) {
    if (!statement.insert) return null;
    const rows = byTarget.get(statement.insert.target);
    if (rows) rows.push(...statement.insert.rows);
    else byTarget.set(statement.insert.target, [...statement.insert.rows]);
  }
  if (byTarget.size === 0) return null;
  const targets = [...byTarget.keys()].sort((a, b) => a.id - b.id);
  const key = targets.map((t) => t.id).join(',');
  let template = mergedTemplates.get(key);
  if (!template) {
    const chunks = targets.map((t, i) => {
      const columns = t.columns.map((c) => `"${c}"`).join(', ');
      return `${i === 0 ? 'with ' : `)${targets[i - 1]!.tail ? ` ${targets[i - 1]!.tail}` : ''}), `}w${i} as (insert into "${t.table}" (${columns}) select ${columns} from json_populate_recordset(null::"${t.table}", `;
    });
    const last = targets[targets.length - 1]!;
    chunks.push(`)${last.tail ? ` ${last.tail}` : ''}) select 1`);
    template = new Template(chunks);
    if (mergedTemplates.size < MAX_NAMED) mergedTemplates.set(key, template);
  }
  return { template, parameters: targets.map((t) => JSON.stringify(byTarget.get(t))) };
}

/**
 * Raw SQL written once, as a template tag: the interpolations only name the parameters, in order;
 * call the result with their values.
 *
 *     const touch = preparedSql`update sessions set last_seen_at = ${'at'} where id = ${'id'}`;
 *     await runPrepared(db, engine, touch(now, id));
 */
export function preparedSql(strings: readonly string[], ...names: string[]): (...parameters: unknown[]) => PreparedStatement {
  const template = new Template([...strings]);
  return (...parameters) => {
    if (parameters.length !== names.length) throw new Error(`expected ${names.length} parameters (${names.join(', ')}), got ${parameters.length}`);
    return { template, parameters };
  };
}

/** Runs one prepared statement in the executor's connection or transaction. */
export function runPrepared<R = unknown>(db: Executor, engine: Engine, statement: PreparedStatement): Promise<QueryResult<R>> {
  if (engine === 'sqlite') return db.executeQuery<R>(CompiledQuery.raw(statement.template.sqlite, [...statement.parameters]));
  nameStatement(statement.template.postgres);
  return db.executeQuery<R>(CompiledQuery.raw(statement.template.postgres, [...statement.parameters]));
}

// The texts of prepared statements sent together (writeTogether), by the templates they combine.
const combined = new Map<string, string>();

function combinedText(writes: readonly PreparedStatement[]): string {
  const key = writes.map((w) => w.template.id).join(',');
  let text = combined.get(key);
  if (text === undefined) {
    let offset = 0;
    const parts = writes.map((w, i) => {
      const part = `w${i} as (${numbered(w.template.chunks, offset)})`;
      offset += w.template.chunks.length - 1;
      return part;
    });
    text = `with ${parts.join(', ')} select 1`;
    // Bounded like the names: past the cap, texts are built each time and run unnamed.
    if (combined.size < MAX_NAMED) combined.set(key, text);
  }
  return text;
}

/** A prepared statement as raw SQL, so Kysely can number its parameters inside a larger statement. */
function asRaw(write: PreparedStatement): RawBuilder<unknown> {
  const chunks = write.template.chunks;
  return sql(Object.assign([...chunks], { raw: chunks }) as TemplateStringsArray, ...write.parameters);
}

/**
 * Runs writes that belong together. On PostgreSQL they go as one statement — each a
 * data-modifying CTE — in one round trip: a single statement is atomic by itself, so nothing else
 * is needed to keep them together. On SQLite they run one after another; the caller holds the
 * transaction. Statements must not depend on each other's results (they see the same snapshot).
 */
export async function writeTogether(db: Executor, engine: Engine, statements: Statement[]): Promise<void> {
  if (statements.length === 0) return;
  if (engine === 'sqlite') {
    for (const statement of statements) {
      if (isPrepared(statement)) await runPrepared(db, engine, statement);
      else await sql`${statement}`.execute(db);
    }
    return;
  }
  if (statements.every(isPrepared)) {
    const text = combinedText(statements);
    nameStatement(text);
    await db.executeQuery(CompiledQuery.raw(text, statements.flatMap((w) => w.parameters)));
    return;
  }
  const parts = statements.map((statement, i) => sql`${sql.raw(`w${i}`)} as (${isPrepared(statement) ? asRaw(statement) : statement})`);
  await sql`with ${sql.join(parts)} select 1`.execute(db);
}

/**
 * SQLite: stand-ins for a new row's id and number in the statements of a numbered insert, built
 * before the row exists; the writer puts the real values in their place (sqlite-writer.d.mts,
 * NumberedInsert). Both are drawn at random when the process starts, so no text a user typed
 * can hold them.
 */
export const PLACEHOLDERS = { id: -(2 ** 52) + randomInt(2 ** 40), number: `#number-${randomUUID()}#` } as const;

/** A statement as SQLite text and values (for a numbered insert). */
function sqliteStatement(db: Executor, statement: Statement): WriterStatement {
  if (isPrepared(statement)) return { sql: statement.template.sqlite, parameters: statement.parameters };
  const compiled = sql`${statement}`.compile(db);
  return { sql: compiled.sql, parameters: compiled.parameters };
}

/**
 * SQLite: takes the next number of a counter, inserts the numbered row and writes the rows that
 * go with it, as one request to the writer connection (sqlite-writer.d.mts, NumberedInsert) —
 * for writeStatement (group-commit.ts), which needs no JavaScript between them. `then` may hold
 * PLACEHOLDERS. The query answers one row: the new row's id and number.
 */
export function numberedInsert(
  db: Executor,
  insert: { counter: PreparedStatement; prefix: string; width: number; row: PreparedStatement; then: Statement[] },
): CompiledQuery<{ id: number; number: string }> {
  const request: NumberedInsert = {
    counter: sqliteStatement(db, insert.counter),
    prefix: insert.prefix,
    width: insert.width,
    row: sqliteStatement(db, insert.row),
    then: insert.then.map((statement) => sqliteStatement(db, statement)),
    placeholders: PLACEHOLDERS,
  };
  return CompiledQuery.raw(NUMBERED_INSERT_SQL, [request]);
}
