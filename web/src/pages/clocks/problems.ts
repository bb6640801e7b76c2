import type { FormInstance } from 'antd';
import { isApiError } from '../../api/client';
import type { SettingProblem } from '../../api/types';

type NamePath = (string | number)[];

/** `escalation.breach[1].afterMinutes` → ['escalation', 'breach', 1, 'afterMinutes']. */
export function pathSegments(path: string): NamePath {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((s) => s !== '')
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/**
 * Puts the problems of a `policy_invalid` or `calendar_invalid` answer next to their fields.
 * `fieldOf` turns a problem's path into the form's name for it, or null when the form has no such
 * field. Returns the error when some problem had no field (the caller shows it as an alert).
 */
export function applyProblems(form: FormInstance, error: unknown, codes: readonly string[], fieldOf: (segments: NamePath) => NamePath | null): unknown {
  if (!isApiError(error) || !codes.includes(error.code)) return error;
  const problems = ((error.details as { problems?: SettingProblem[] } | null)?.problems ?? []) as SettingProblem[];
  const placed = new Map<string, { name: NamePath; errors: string[] }>();
  let left = problems.length === 0;
  for (const p of problems) {
    const name = fieldOf(pathSegments(p.path));
    if (!name) {
      left = true;
      continue;
    }
    const key = JSON.stringify(name);
    const entry = placed.get(key) ?? { name, errors: [] };
    entry.errors.push(p.message);
    placed.set(key, entry);
  }
  form.setFields([...placed.values()]);
  return left ? error : null;
}
