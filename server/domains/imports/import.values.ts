/**
 * Cell text → API values, for spreadsheets people fill in by hand: enumerations written as the
 * code, the Chinese or the English word; yes/no in either language; dates as Excel and WPS write
 * them. Pure functions, no I/O.
 */
import { ASSET_CATEGORIES, ASSET_STATUSES, type AssetCategory, type AssetStatus } from '../assets/asset.schemas.js';
import { isIsoDay } from '../../shared/dates.js';

export interface Choice<T extends string> {
  code: T;
  en: string;
  zh: string;
}

export const CATEGORY_CHOICES: Choice<AssetCategory>[] = [
  { code: 'server', en: 'Server', zh: '服务器' },
  { code: 'storage', en: 'Storage', zh: '存储' },
  { code: 'network', en: 'Network', zh: '网络' },
  { code: 'security', en: 'Security', zh: '安全' },
  { code: 'software', en: 'Software', zh: '软件' },
  { code: 'other', en: 'Other', zh: '其他' },
];

export const STATUS_CHOICES: Choice<AssetStatus>[] = [
  { code: 'in_service', en: 'In service', zh: '在用' },
  { code: 'under_repair', en: 'Under repair', zh: '维修中' },
  { code: 'on_loan', en: 'On loan', zh: '借出' },
  { code: 'retired', en: 'Retired', zh: '已报废' },
  { code: 'returned', en: 'Returned loaner', zh: '备用机已归还' },
];

// Every enumeration value must be importable under each of its names.
if (CATEGORY_CHOICES.length !== ASSET_CATEGORIES.length || STATUS_CHOICES.length !== ASSET_STATUSES.length) {
  throw new Error('import choices are out of step with the asset enumerations');
}

const squash = (s: string) => s.toLowerCase().replace(/[\s_-]/g, '');

/** The code an enumeration cell names (code, English or Chinese, any case or spacing), or null. */
export function parseChoice<T extends string>(choices: Choice<T>[], text: string): T | null {
  const wanted = squash(text);
  return choices.find((c) => [c.code, c.en, c.zh].some((name) => squash(name) === wanted))?.code ?? null;
}

/** The names a person may write, in their language, for an error message. */
export function choiceNames(choices: Choice<string>[], locale: 'zh-CN' | 'en'): string {
  return choices.map((c) => (locale === 'en' ? c.en : c.zh)).join(locale === 'en' ? ', ' : '、');
}

const YES = new Set(['y', 'yes', 'true', '1', '是', '√']);
const NO = new Set(['n', 'no', 'false', '0', '否', '×']);

/** Y/N, 是/否, true/false, 1/0 → boolean; null for anything else. */
export function parseFlag(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  if (YES.has(t)) return true;
  if (NO.has(t)) return false;
  return null;
}

// 2026-03-18, 2026/3/18, 2026.3.18, 2026年3月18日, optionally followed by a midnight time that
// some programs append when they save a date cell as text.
const DAY = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/;

/** A calendar day as YYYY-MM-DD, or null when the text is not a real day. */
export function parseDay(text: string): string | null {
  const m = DAY.exec(text.trim());
  if (!m) return null;
  const day = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isIsoDay(day) ? day : null;
}
