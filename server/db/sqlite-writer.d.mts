import type SqliteDatabase from 'better-sqlite3';

/** A statement to run: its text with `?` placeholders and its values. */
export interface WriterStatement {
  sql: string;
  parameters: readonly unknown[];
}

/**
 * A row that takes the next number of a counter, and the rows that go with it, written in one
 * request: `counter` returns the sequence (its first column), the number is `prefix` followed by
 * the sequence padded to `width` digits; `row` inserts the numbered row (its id is its rowid, or
 * the first column it returns); then every statement of `then` runs. In their parameters (and
 * `row`'s), a value equal to `placeholders.id` becomes the new row's id, and within a string
 * `placeholders.number` becomes its number and the id's digits the id's (an id kept as text or
 * inside JSON).
 */
export interface NumberedInsert {
  counter: WriterStatement;
  prefix: string;
  width: number;
  row: WriterStatement;
  then: readonly WriterStatement[];
  placeholders: { id: number; number: string };
}

/** One request of a batch: a statement or a numbered insert. */
export type BatchItem = ({ op: 'query' } & WriterStatement) | { op: 'numbered'; insert: NumberedInsert };

/**
 * `units`: units in one transaction, committed; its rows are one BatchOutcome per item, in order.
 * On the writer thread the units of several requests that reach it while it is busy go in one
 * transaction (sqlite-writer.worker.mjs).
 */
export type WriterOp = BatchItem | { op: 'units'; items: BatchItem[] } | { op: 'begin' | 'commit' | 'rollback' | 'close' };

/** An error as it crosses from the writer thread. */
export interface ErrorDescription {
  name: string;
  message: string;
  code?: string;
}

export type BatchOutcome = ({ ok: true } & WriterResult) | { ok: false; error: ErrorDescription };

export interface WriterResult {
  rows?: unknown[];
  changes?: number;
  lastInsertRowid?: number;
}

export interface SqliteWriter {
  execute(request: WriterOp): WriterResult;
}

export function createWriter(db: SqliteDatabase.Database): SqliteWriter;

/** Prepares on `db`, keeping its most recent prepared statements. */
export function statementCache(db: SqliteDatabase.Database, size?: number): (text: string) => SqliteDatabase.Statement;

export function describe(error: unknown): ErrorDescription;
