import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';

export type SheetFormat = 'xlsx' | 'csv';

export interface SheetColumn {
  /** Stable key, also accepted as a header on import. */
  key: string;
  en: string;
  zh: string;
  width?: number;
}

export const CONTENT_TYPES: Record<SheetFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/** A header naming a column in both languages, e.g. `序列号 Serial number`. */
export function bilingualHeader(column: SheetColumn): string {
  return `${column.zh} ${column.en}`;
}

// A cell that a spreadsheet program would run as a formula (=, +, -, @, and tab or carriage return
// that some programs strip first) is written with a leading apostrophe: exported data stays data.
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralise(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Writes rows under bilingual headers as .xlsx or .csv (UTF-8 with BOM so Excel reads Chinese). */
export async function writeSheet(format: SheetFormat, sheetName: string, columns: SheetColumn[], rows: Record<string, unknown>[]): Promise<Buffer> {
  const text = (v: unknown) => (v === null || v === undefined ? '' : neutralise(String(v)));
  if (format === 'csv') {
    const lines = [columns.map((c) => csvCell(bilingualHeader(c))).join(',')];
    for (const row of rows) lines.push(columns.map((c) => csvCell(text(row[c.key]))).join(','));
    return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
  }
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Weibao';
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  sheet.columns = columns.map((c) => ({ header: bilingualHeader(c), key: c.key, width: c.width ?? Math.max(14, bilingualHeader(c).length + 2) }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const row of rows) sheet.addRow(Object.fromEntries(columns.map((c) => [c.key, text(row[c.key])])));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export interface SheetSpec {
  name: string;
  columns: SheetColumn[];
  rows: Record<string, unknown>[];
  /** Headers in one language (the request's) instead of both; for reports, not import templates. */
  language?: 'en' | 'zh';
}

function headerOf(column: SheetColumn, language: SheetSpec['language']): string {
  return language ? column[language] : bilingualHeader(column);
}

/** Writes several sheets into one .xlsx workbook (a report with its summary and its detail). */
export async function writeWorkbook(sheets: SheetSpec[]): Promise<Buffer> {
  const text = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'number' ? v : neutralise(String(v)));
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Weibao';
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(spec.name.slice(0, 31));
    sheet.columns = spec.columns.map((c) => ({ header: headerOf(c, spec.language), key: c.key, width: c.width ?? Math.max(14, headerOf(c, spec.language).length + 2) }));
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    for (const row of spec.rows) sheet.addRow(Object.fromEntries(spec.columns.map((c) => [c.key, text(row[c.key])])));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export interface ParsedSheet {
  headers: string[];
  /** Data rows as text, each with its 1-based row number in the file (the header is row 1). */
  rows: { row: number; cells: string[] }[];
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return value.result === undefined ? '' : String(value.result);
    return '';
  }
  return String(value);
}

/** Reads the first sheet of an .xlsx or a .csv file as text cells; throws on an unreadable file. */
export async function readSheet(format: SheetFormat, data: Buffer): Promise<ParsedSheet> {
  let table: string[][];
  if (format === 'csv') {
    table = parse(data.toString('utf8').replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: false }) as string[][];
  } else {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    table = [];
    sheet?.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      const values = row.values as ExcelJS.CellValue[];
      table[rowNumber - 1] = values.slice(1).map(cellText);
    });
    for (let i = 0; i < table.length; i++) table[i] ??= [];
  }
  const [headers = [], ...body] = table;
  const rows = body
    .map((cells, i) => ({ row: i + 2, cells: cells.map((c) => (c ?? '').trim()) }))
    .filter((r) => r.cells.some((c) => c !== ''));
  return { headers: headers.map((h) => (h ?? '').trim()), rows };
}

/**
 * Maps file headers to column keys. A header may be the key, the English or Chinese name, or the
 * bilingual header the template uses; matching ignores case and spaces.
 */
export function matchHeaders(headers: string[], columns: SheetColumn[]): { keys: (string | null)[]; unknown: string[] } {
  const norm = (s: string) => s.toLowerCase().replace(/[\s_*]/g, '');
  const byName = new Map<string, string>();
  for (const c of columns) for (const name of [c.key, c.en, c.zh, bilingualHeader(c)]) byName.set(norm(name), c.key);
  const keys = headers.map((h) => (h ? (byName.get(norm(h)) ?? null) : null));
  const unknown = headers.filter((h, i) => h && keys[i] === null);
  return { keys, unknown };
}
