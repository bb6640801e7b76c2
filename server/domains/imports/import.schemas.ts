import { Type, type Static } from '@sinclair/typebox';
import { ExportFormat } from '../../http/export.js';
import { literalUnion } from '../../http/literals.js';

export const IMPORT_KINDS = ['customers', 'contacts', 'assets'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** The most data rows one file may hold; a bigger register is split into several files. */
export const IMPORT_ROW_LIMIT = 5000;
/** The largest file accepted (an .xlsx of 5,000 full asset rows is well under 2 MiB). */
export const IMPORT_BODY_LIMIT = 10 * 1024 * 1024;

export const ImportKindParams = Type.Object({ kind: literalUnion(IMPORT_KINDS) }, { additionalProperties: false });
export type ImportKindParams = Static<typeof ImportKindParams>;

export const TemplateQuery = Type.Object({ format: ExportFormat }, { additionalProperties: false });
export type TemplateQuery = Static<typeof TemplateQuery>;

export const ImportQuery = Type.Object(
  { dryRun: Type.Boolean({ default: false, description: 'Only check the file and list its problems; write nothing' }) },
  { additionalProperties: false },
);
export type ImportQuery = Static<typeof ImportQuery>;

export const ImportRowErrorSchema = Type.Object({
  row: Type.Integer({ description: 'Line in the file; the header is row 1' }),
  column: Type.String({ description: 'Column key (e.g. serialNumber), or the header text of an unknown column' }),
  code: Type.String({ description: 'Stable problem code, e.g. required, invalid_choice, serial_taken' }),
  message: Type.String({ description: 'In the request language' }),
});
export type ImportRowError = Static<typeof ImportRowErrorSchema>;

export const ImportResultSchema = Type.Object({
  dryRun: Type.Boolean(),
  total: Type.Integer({ description: 'Data rows in the file' }),
  valid: Type.Integer({ description: 'Rows without a problem' }),
  created: Type.Integer({ description: 'Records created (0 for a dry run)' }),
  errors: Type.Array(ImportRowErrorSchema),
});
export type ImportResult = Static<typeof ImportResultSchema>;
