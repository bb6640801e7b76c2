import type { FastifyReply } from 'fastify';
import { Type } from '@sinclair/typebox';
import { CONTENT_TYPES, writeSheet, writeWorkbook, type SheetColumn, type SheetFormat, type SheetSpec } from '../shared/spreadsheet.js';

export const ExportFormat = Type.Union([Type.Literal('xlsx'), Type.Literal('csv')], { default: 'xlsx' });

/** The most rows one export holds; a larger list is narrowed with filters first. */
export const EXPORT_ROW_LIMIT = 100_000;

/**
 * Collects every page of a keyset list (up to the export limit), for exports that must hold the
 * same rows, under the same scope and filters, as the list on screen.
 */
export async function collectPages<T>(fetchPage: (cursor: string | undefined, limit: number) => Promise<{ items: T[]; nextCursor: string | null }>): Promise<T[]> {
  const rows: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor, 1000);
    rows.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && rows.length < EXPORT_ROW_LIMIT);
  return rows.slice(0, EXPORT_ROW_LIMIT);
}

function attachment(reply: FastifyReply, filename: string, contentType: string): FastifyReply {
  return reply
    .header('content-type', contentType)
    .header('content-disposition', `attachment; filename="${filename.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .header('cache-control', 'no-store');
}

/** Sends several sheets as one .xlsx download (numbers stay numbers). */
export async function sendWorkbook(reply: FastifyReply, name: string, sheets: SheetSpec[]): Promise<FastifyReply> {
  const body = await writeWorkbook(sheets);
  return attachment(reply, `${name}.xlsx`, CONTENT_TYPES.xlsx).send(body);
}

/** Sends rows as a spreadsheet download with a UTF-8 file name. */
export async function sendSheet(
  reply: FastifyReply,
  format: SheetFormat,
  name: string,
  columns: SheetColumn[],
  rows: Record<string, unknown>[],
): Promise<FastifyReply> {
  const body = await writeSheet(format, name, columns, rows);
  return attachment(reply, `${name}.${format}`, CONTENT_TYPES[format]).send(body);
}
