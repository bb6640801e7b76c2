import { FormatRegistry } from '@sinclair/typebox';
import { Value, ValueErrorType, type ValueError } from '@sinclair/typebox/value';
import type { Deps } from '../../deps.js';
import type { RequestContext } from '../../http/actor.js';
import { AppError, isAppError } from '../../http/errors.js';
import { bilingualHeader, matchHeaders, readSheet, type ParsedSheet, type SheetColumn } from '../../shared/spreadsheet.js';
import { flag, KINDS, type Draft, type KindSpec, type Problem } from './import.kinds.js';
import { rowMessage } from './import.messages.js';
import { IMPORT_ROW_LIMIT, type ImportKind, type ImportResult, type ImportRowError } from './import.schemas.js';

// TypeBox checks `format` only for formats it has been given; this is ajv-formats' `email`, the
// rule the JSON API applies, so a file accepts exactly the addresses the contact form does.
if (!FormatRegistry.Has('email')) {
  const EMAIL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;
  FormatRegistry.Set('email', (value) => EMAIL.test(value));
}

const FORMAT_NAMES = 'Excel (.xlsx) / CSV';

function isZip(data: Buffer): boolean {
  return data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04;
}

/**
 * CSV text as UTF-8. Excel on a Chinese Windows saves "CSV" in GB18030 (GBK), so text that is not
 * valid UTF-8 is read as GB18030 rather than turned into replacement characters; a NUL byte means
 * the file is not text at all (an old .xls, a picture).
 */
function csvAsUtf8(data: Buffer): Buffer {
  if (data.includes(0)) throw new AppError('import_unreadable', { format: 'CSV' });
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(data);
    return data;
  } catch {
    return Buffer.from(new TextDecoder('gb18030').decode(data), 'utf8');
  }
}

/** Reads an uploaded .xlsx (by its ZIP signature) or .csv; anything else is `import_unreadable`. */
async function readImportFile(data: Buffer | undefined): Promise<ParsedSheet> {
  if (!data || data.length === 0) throw new AppError('import_unreadable', { format: FORMAT_NAMES });
  if (isZip(data)) {
    try {
      return await readSheet('xlsx', data);
    } catch {
      throw new AppError('import_unreadable', { format: 'Excel (.xlsx)' });
    }
  }
  const text = csvAsUtf8(data);
  try {
    return await readSheet('csv', text);
  } catch {
    throw new AppError('import_unreadable', { format: 'CSV' });
  }
}

interface HeaderCheck {
  keys: (string | null)[];
  /** Required columns the header lacks; their cells are reported once, at the header. */
  missing: string[];
  errors: ImportRowError[];
}

function checkHeaders(headers: string[], columns: SheetColumn[], required: string[], ctx: RequestContext): HeaderCheck {
  const { keys } = matchHeaders(headers, columns);
  const errors: ImportRowError[] = [];
  const problem = (column: string, code: Problem['code'], params: Record<string, unknown>) =>
    errors.push({ row: 1, column, code, message: rowMessage(code, ctx.locale, params) });
  const seen = new Set<string>();
  keys.forEach((key, i) => {
    const header = headers[i] ?? '';
    if (key === null) {
      if (header) problem(header, 'unknown_column', { header });
    } else if (seen.has(key)) {
      problem(key, 'duplicate_column', { header });
      keys[i] = null;
    } else {
      seen.add(key);
    }
  });
  const missing = required.filter((key) => !seen.has(key));
  for (const key of missing) problem(key, 'missing_column', { header: bilingualHeader(columns.find((c) => c.key === key)!) });
  return { keys, missing, errors };
}

function problemOf(error: ValueError): Problem {
  const value = typeof error.value === 'string' ? error.value : String(error.value);
  switch (error.type) {
    case ValueErrorType.ObjectRequiredProperty:
      return { code: 'required', params: {} };
    case ValueErrorType.StringMaxLength:
      return { code: 'too_long', params: { max: (error.schema as { maxLength?: number }).maxLength } };
    default:
      return { code: 'invalid_format', params: { value } };
  }
}

/** Checks a row's body against the service's request schema; one problem per column at most. */
function checkSchema(spec: KindSpec, draft: Draft): void {
  for (const error of Value.Errors(spec.schema, draft.input)) {
    const field = error.path.split('/')[1] ?? '';
    const column = spec.fieldColumns[field] ?? field;
    if (draft.problems.has(column)) continue;
    const { code, params } = problemOf(error);
    flag(draft, column, code, params);
  }
}

/** Every problem of every row of a file, without writing anything. */
async function checkRows(deps: Deps, ctx: RequestContext, spec: KindSpec, sheet: ParsedSheet) {
  const header = checkHeaders(sheet.headers, spec.columns, spec.required, ctx);
  const drafts: Draft[] = sheet.rows.map(({ row, cells }) => {
    const byKey = new Map<string, string>();
    header.keys.forEach((key, i) => {
      const text = cells[i];
      if (key !== null && text) byKey.set(key, text);
    });
    return { row, cells: byKey, input: {}, problems: new Map() };
  });
  for (const d of drafts) spec.convert(d, ctx);
  await spec.resolve(deps, drafts);
  for (const d of drafts) checkSchema(spec, d);
  await spec.findDuplicates(deps, ctx, drafts);

  const order = new Map(spec.columns.map((c, i) => [c.key, i]));
  const rowErrors = drafts.flatMap((d) =>
    [...d.problems]
      .filter(([column]) => !header.missing.includes(column))
      .sort(([a], [b]) => (order.get(a) ?? 99) - (order.get(b) ?? 99))
      .map(([column, { code, params }]) => ({ row: d.row, column, code, message: rowMessage(code, ctx.locale, params) })),
  );
  const valid = header.missing.length ? 0 : drafts.filter((d) => d.problems.size === 0).length;
  return { drafts, valid, errors: [...header.errors, ...rowErrors] };
}

// A unique index can still refuse a row the checks passed, when another request registered the
// same serial or code in the meantime.
function isConstraintViolation(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === '23505' || code === '23503' || (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT'));
}

/**
 * Creates checked rows in one transaction: a service refusing any row (a serial registered
 * meanwhile) rolls back every row before it and answers `import_invalid` naming that row.
 */
export async function createRows(deps: Deps, ctx: RequestContext, kind: ImportKind, rows: { row: number; input: Record<string, unknown> }[]): Promise<number> {
  const spec = KINDS[kind];
  let current = 0;
  try {
    await deps.db.transaction().execute(async (trx) => {
      for (const { row, input } of rows) {
        current = row;
        await spec.create(trx, deps, ctx, input);
      }
    });
  } catch (error) {
    if (!isAppError(error) && !isConstraintViolation(error)) throw error;
    const code = isAppError(error) ? error.code : 'conflict';
    const field = isAppError(error) ? (error.details as { field?: unknown } | undefined)?.field : undefined;
    const column = typeof field === 'string' ? (spec.fieldColumns[field] ?? field) : code === 'customer_code_taken' ? 'code' : '';
    const message = rowMessage(code, ctx.locale, isAppError(error) ? error.params : {});
    throw new AppError('import_invalid', { count: 1 }, { errors: [{ row: current, column, code, message }] });
  }
  return rows.length;
}

/**
 * Imports customers, contacts or assets from a spreadsheet. Every row is checked first (cells,
 * references, duplicates within the file and against the register); a dry run returns that report.
 * Otherwise a file with any problem answers `import_invalid` and writes nothing, and a clean file
 * is created all in one transaction.
 */
export async function importFile(deps: Deps, ctx: RequestContext, kind: ImportKind, data: Buffer | undefined, dryRun: boolean): Promise<ImportResult> {
  const sheet = await readImportFile(data);
  if (sheet.rows.length > IMPORT_ROW_LIMIT) throw new AppError('import_too_large', { max: IMPORT_ROW_LIMIT });
  const { drafts, valid, errors } = await checkRows(deps, ctx, KINDS[kind], sheet);
  const total = drafts.length;
  if (dryRun) return { dryRun, total, valid, created: 0, errors };
  if (errors.length) throw new AppError('import_invalid', { count: errors.length }, { errors });
  const created = await createRows(deps, ctx, kind, drafts.map((d) => ({ row: d.row, input: d.input })));
  return { dryRun, total, valid, created, errors: [] };
}

/** The columns and example row of a kind's template; required columns are marked with `*`. */
export function templateOf(kind: ImportKind): { columns: SheetColumn[]; rows: Record<string, string>[] } {
  const spec = KINDS[kind];
  const columns = spec.columns.map((c) => (spec.required.includes(c.key) ? { ...c, zh: `*${c.zh}` } : c));
  return { columns, rows: [spec.example] };
}
