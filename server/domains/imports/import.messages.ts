import { ERRORS, errorMessage, type ErrorCode, type Locale } from '../../http/messages.js';

/**
 * Messages for problems in one cell or header of an imported file. They never become an HTTP
 * error of their own (the file as a whole is `import_invalid`), so they live here rather than in
 * the shared error table; a row may also carry a shared code a service throws (`serial_taken`).
 */
const ROW_MESSAGES = {
  unknown_column: { en: 'Unknown column "{header}"; use the template’s column names.', 'zh-CN': '无法识别的列"{header}",请使用模板中的列名。' },
  duplicate_column: { en: 'The column "{header}" appears more than once.', 'zh-CN': '列"{header}"重复出现。' },
  missing_column: { en: 'The required column "{header}" is missing.', 'zh-CN': '缺少必填列"{header}"。' },
  required: { en: 'Required; the cell is empty.', 'zh-CN': '此项必填,单元格为空。' },
  too_long: { en: 'At most {max} characters.', 'zh-CN': '最多 {max} 个字符。' },
  invalid_format: { en: '"{value}" is not in a valid format.', 'zh-CN': '"{value}"格式不正确。' },
  invalid_choice: { en: '"{value}" is not one of: {choices}.', 'zh-CN': '"{value}"不是可选值({choices})之一。' },
  invalid_flag: { en: '"{value}" is not yes or no (Y/N, 是/否, true/false, 1/0).', 'zh-CN': '"{value}"不是"是"或"否"(可填 是/否、Y/N、true/false、1/0)。' },
  unknown_customer: { en: 'No customer has the code "{code}".', 'zh-CN': '没有客户编号为"{code}"的客户。' },
  unknown_contract: { en: 'No contract has the number "{number}".', 'zh-CN': '没有合同编号为"{number}"的合同。' },
  contract_of_other_customer: { en: 'Contract {number} belongs to another customer.', 'zh-CN': '合同 {number} 属于其他客户。' },
  unknown_site: { en: 'Customer {code} has no site named "{name}".', 'zh-CN': '客户 {code} 没有名为"{name}"的地点。' },
  duplicate_code_in_file: { en: 'Customer code {code} also appears in row {first}.', 'zh-CN': '客户编号 {code} 与第 {first} 行重复。' },
  duplicate_serial_in_file: { en: 'Serial number {serial} of {vendor} also appears in row {first}.', 'zh-CN': '{vendor} 的序列号 {serial} 与第 {first} 行重复。' },
} as const satisfies Record<string, Record<Locale, string>>;

export type RowProblemCode = keyof typeof ROW_MESSAGES;

/** The message for a row problem, or for a shared error code a service threw on that row. */
export function rowMessage(code: RowProblemCode | ErrorCode, locale: Locale, params: Record<string, unknown> = {}): string {
  if (code in ERRORS) return errorMessage(code as ErrorCode, locale, params);
  return ROW_MESSAGES[code as RowProblemCode][locale].replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  );
}
