import { Type, type TSchema } from '@sinclair/typebox';
import { AppError } from './errors.js';

/** Query parameters every list takes: an opaque cursor from the previous page and a page size. */
export const PageQuery = {
  cursor: Type.Optional(Type.String({ maxLength: 500, description: 'nextCursor of the previous page' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
};

/** A page of results; `nextCursor` is null on the last page. */
export function Page<T extends TSchema>(item: T) {
  return Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });
}

export type CursorValue = string | number;

/** Encodes the sort key of the last row; lists continue strictly after it (keyset pagination). */
export function encodeCursor(values: readonly CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** Decodes a cursor whose values must match `shape` ('s' string, 'n' number), else invalid_cursor. */
export function decodeCursor(cursor: string, shape: readonly ('s' | 'n')[]): CursorValue[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new AppError('invalid_cursor');
  }
  if (
    !Array.isArray(values) ||
    values.length !== shape.length ||
    values.some((v, i) => (shape[i] === 'n' ? !Number.isSafeInteger(v) : typeof v !== 'string'))
  ) {
    throw new AppError('invalid_cursor');
  }
  return values as CursorValue[];
}

/** Splits one extra fetched row off into the next cursor: fetch `limit + 1`, return `limit`. */
export function pageOf<R>(rows: R[], limit: number, keyOf: (row: R) => CursorValue[]): { rows: R[]; nextCursor: string | null } {
  if (rows.length <= limit) return { rows, nextCursor: null };
  const pageRows = rows.slice(0, limit);
  return { rows: pageRows, nextCursor: encodeCursor(keyOf(pageRows[pageRows.length - 1]!)) };
}
