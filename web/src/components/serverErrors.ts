import type { FormInstance } from 'antd';
import { isApiError } from '../api/client';
import type { FieldProblem } from '../api/types';
import { errorText } from './ErrorAlert';

/**
 * Puts a server error next to the form fields it concerns. `validation_failed` carries
 * `{field:'body.x'}` problems; other codes name a field in `details.field` or map to one through `codeFields`. Returns the
 * error when something could not be placed on a field (the caller shows it in an alert), else null.
 */
export function applyServerErrors(
  form: FormInstance,
  error: unknown,
  fields: readonly string[],
  codeFields: Record<string, string> = {},
): unknown {
  if (!isApiError(error)) return error;
  if (error.code === 'validation_failed' && Array.isArray(error.details)) {
    const problems = error.details as FieldProblem[];
    const placed: { name: string; errors: string[] }[] = [];
    const left: FieldProblem[] = [];
    for (const p of problems) {
      const name = typeof p.field === 'string' ? p.field.replace(/^body[./]/, '').split(/[./[]/)[0] ?? '' : '';
      if (name && fields.includes(name)) {
        const existing = placed.find((x) => x.name === name);
        if (existing) existing.errors.push(p.message);
        else placed.push({ name, errors: [p.message] });
      } else left.push(p);
    }
    form.setFields(placed);
    return left.length ? error : null;
  }
  // Other errors may name the field they concern: details `{field: 'contractId'}`.
  const named = (error.details as { field?: unknown } | null)?.field;
  if (typeof named === 'string' && fields.includes(named)) {
    form.setFields([{ name: named, errors: [error.message] }]);
    return null;
  }
  const field = codeFields[error.code];
  if (field && fields.includes(field)) {
    form.setFields([{ name: field, errors: [error.message] }]);
    return null;
  }
  return error;
}

/**
 * A server error as one line for a message or an alert, where some codes read better in the
 * console's own words (a size limit in megabytes rather than the bytes the server quotes).
 * `byCode` maps an error code to the text to show instead; everything else shows the server's
 * message, which is already in the UI language.
 */
export function serverErrorText(error: unknown, t: (key: string) => string, byCode: Record<string, string> = {}): string {
  if (isApiError(error) && byCode[error.code]) return byCode[error.code]!;
  return errorText(error, t);
}
