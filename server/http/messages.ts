/**
 * Every error code the API can answer with, its HTTP status and its message in both languages.
 * `{name}` placeholders are filled from the error's params.
 */
export const ERRORS = {
  validation_failed: { status: 400, en: 'The request is not valid: {summary}', 'zh-CN': '请求内容不正确:{summary}' },
  malformed_json: { status: 400, en: 'The request body is not valid JSON.', 'zh-CN': '请求体不是有效的 JSON。' },
  unsupported_media_type: { status: 415, en: 'Send the request body as application/json.', 'zh-CN': '请求体须为 application/json 格式。' },
  body_too_large: { status: 413, en: 'The request body is larger than {limit} bytes.', 'zh-CN': '请求体超过 {limit} 字节的上限。' },
  route_not_found: { status: 404, en: 'There is no such API endpoint.', 'zh-CN': '没有这个接口。' },
  unauthenticated: { status: 401, en: 'Please sign in.', 'zh-CN': '请先登录。' },
  invalid_credentials: { status: 401, en: 'The user name or password is wrong.', 'zh-CN': '用户名或密码错误。' },
  invalid_token: { status: 401, en: 'The API token is not valid, expired or revoked.', 'zh-CN': 'API 令牌无效、已过期或已撤销。' },
  account_disabled: { status: 403, en: 'This account is disabled. Ask an administrator.', 'zh-CN': '该账号已停用,请联系管理员。' },
  too_many_attempts: { status: 429, en: 'Too many failed sign-ins. Try again in {retryAfter} seconds.', 'zh-CN': '登录失败次数过多,请 {retryAfter} 秒后再试。' },
  forbidden: { status: 403, en: 'You are not allowed to do this.', 'zh-CN': '您没有执行此操作的权限。' },
  password_change_required: { status: 403, en: 'Change your one-time password before going on.', 'zh-CN': '请先修改一次性密码。' },
  wrong_password: { status: 400, en: 'The current password is wrong.', 'zh-CN': '当前密码不正确。' },
  password_too_weak: { status: 400, en: 'The password does not meet the rules: {rules}', 'zh-CN': '密码不符合规则:{rules}' },
  password_reused: { status: 400, en: 'The new password must differ from the current one.', 'zh-CN': '新密码不能与当前密码相同。' },
  user_not_found: { status: 404, en: 'User not found.', 'zh-CN': '找不到该用户。' },
  username_taken: { status: 409, en: 'The user name "{username}" is already taken.', 'zh-CN': '用户名"{username}"已被使用。' },
  invalid_roles: { status: 400, en: 'Roles are not valid: {reason}', 'zh-CN': '角色设置不正确:{reason}' },
  customer_required: { status: 400, en: 'A customer contact must belong to a customer.', 'zh-CN': '客户联系人必须属于一个客户。' },
  customer_not_found: { status: 404, en: 'Customer not found.', 'zh-CN': '找不到该客户。' },
  customer_code_taken: { status: 409, en: 'The customer code "{code}" is already used.', 'zh-CN': '客户编号"{code}"已被使用。' },
  cannot_disable_self: { status: 400, en: 'You cannot disable your own account.', 'zh-CN': '不能停用自己的账号。' },
  last_admin: { status: 400, en: 'At least one active administrator must remain.', 'zh-CN': '至少需要保留一名有效的管理员。' },
  team_not_found: { status: 404, en: 'Team not found.', 'zh-CN': '找不到该团队。' },
  team_name_taken: { status: 409, en: 'A team named "{name}" already exists.', 'zh-CN': '名为"{name}"的团队已存在。' },
  team_lead_not_member: { status: 400, en: 'The team lead must be one of its members.', 'zh-CN': '团队负责人必须是团队成员。' },
  team_member_invalid: { status: 400, en: 'Only active staff can be team members: {ids}', 'zh-CN': '只有在职的员工账号可以加入团队:{ids}' },
  token_not_found: { status: 404, en: 'API token not found.', 'zh-CN': '找不到该 API 令牌。' },
  invalid_cursor: { status: 400, en: 'The page cursor is not valid.', 'zh-CN': '分页游标无效。' },
  contact_not_found: { status: 404, en: 'Contact not found.', 'zh-CN': '找不到该联系人。' },
  contact_has_account: { status: 409, en: 'This contact already has a portal account.', 'zh-CN': '该联系人已有门户账号。' },
  site_not_found: { status: 404, en: 'Site not found.', 'zh-CN': '找不到该地点。' },
  site_name_taken: { status: 409, en: 'The customer already has a site named "{name}".', 'zh-CN': '该客户已有名为"{name}"的地点。' },
  contract_not_found: { status: 404, en: 'Contract not found.', 'zh-CN': '找不到该合同。' },
  contract_number_taken: { status: 409, en: 'The contract number "{number}" is already used.', 'zh-CN': '合同编号"{number}"已被使用。' },
  invalid_period: { status: 400, en: 'The {period} ends before it starts.', 'zh-CN': '{period}的结束日期早于开始日期。' },
  invalid_date: { status: 400, en: '"{value}" is not a date (YYYY-MM-DD).', 'zh-CN': '"{value}"不是有效日期(YYYY-MM-DD)。' },
  engineer_invalid: { status: 400, en: 'Only active staff can be the contract’s engineers: {ids}', 'zh-CN': '只有在职员工可以担任合同工程师:{ids}' },
  asset_not_found: { status: 404, en: 'Asset not found.', 'zh-CN': '找不到该设备。' },
  serial_taken: { status: 409, en: 'Serial number {serial} of {vendor} is already registered.', 'zh-CN': '{vendor} 的序列号 {serial} 已登记。' },
  asset_link_invalid: { status: 400, en: 'The {link} belongs to another customer or does not exist.', 'zh-CN': '所选{link}不存在或属于其他客户。' },
  asset_parent_cycle: { status: 400, en: 'An asset cannot be a component of itself or of its own components.', 'zh-CN': '设备不能是自身或其下级部件的部件。' },
  import_invalid: { status: 422, en: 'The file has {count} problem(s); nothing was imported.', 'zh-CN': '文件中有 {count} 处问题,未导入任何数据。' },
  import_unreadable: { status: 400, en: 'The file could not be read as {format}.', 'zh-CN': '无法按 {format} 格式读取该文件。' },
  import_too_large: { status: 400, en: 'An import holds at most {max} rows.', 'zh-CN': '单次导入最多 {max} 行。' },
  ticket_not_found: { status: 404, en: 'Ticket not found.', 'zh-CN': '找不到该工单。' },
  invalid_transition: { status: 409, en: 'A {kind} ticket cannot go from "{from}" to "{to}" (or not by you).', 'zh-CN': '该{kind}工单不能由"{from}"变为"{to}"(或您无权执行)。' },
  ticket_link_invalid: { status: 400, en: 'The {link} does not belong to the ticket’s customer or does not exist.', 'zh-CN': '所选{link}不存在或不属于该工单的客户。' },
  ticket_kind_not_allowed: { status: 403, en: 'Customers can report faults, consultations and complaints only.', 'zh-CN': '客户只能提交故障、咨询和投诉。' },
  owner_invalid: { status: 400, en: 'The owner must be an active staff member.', 'zh-CN': '负责人必须是在职员工。' },
  customer_or_asset_required: { status: 400, en: 'Name the customer or the device.', 'zh-CN': '请指定客户或设备。' },
  complaint_answer_required: { status: 400, en: 'Record the investigation and the answer given before resolving a complaint.', 'zh-CN': '处理投诉前请先填写调查情况和处理答复。' },
  search_terms_required: { status: 400, en: 'The search has no searchable characters.', 'zh-CN': '搜索内容中没有可检索的字符。' },
  routing_rule_not_found: { status: 404, en: 'Routing rule not found.', 'zh-CN': '找不到该分派规则。' },
  view_not_found: { status: 404, en: 'Saved view not found.', 'zh-CN': '找不到该视图。' },
  view_name_taken: { status: 409, en: 'You already have a view named "{name}".', 'zh-CN': '已有名为"{name}"的视图。' },
  link_invalid: { status: 400, en: 'A ticket cannot be linked to itself or to another customer’s ticket.', 'zh-CN': '工单不能关联自身或其他客户的工单。' },
  link_not_found: { status: 404, en: 'These tickets are not linked.', 'zh-CN': '这两张工单之间没有关联。' },
  attachment_not_found: { status: 404, en: 'Attachment not found.', 'zh-CN': '找不到该附件。' },
  attachment_empty: { status: 400, en: 'The file is empty.', 'zh-CN': '文件内容为空。' },
  attachment_type_refused: { status: 400, en: 'Web pages, SVG and XML files cannot be attached (the content is checked, not the file name).', 'zh-CN': '不能上传网页、SVG 或 XML 文件(按文件内容判断,而非文件名)。' },
  attachment_media_type: { status: 415, en: 'Send the file itself as the request body (e.g. application/octet-stream), not as a form or text/plain.', 'zh-CN': '请将文件本身作为请求体上传(如 application/octet-stream),不要使用表单或 text/plain。' },
  policy_invalid: { status: 400, en: 'The clock policy is not valid: {summary}', 'zh-CN': '时限策略设置不正确:{summary}' },
  clock_policy_not_found: { status: 404, en: 'Clock policy not found.', 'zh-CN': '找不到该时限策略。' },
  clock_policy_name_taken: { status: 409, en: 'A clock policy named "{name}" already exists.', 'zh-CN': '名为"{name}"的时限策略已存在。' },
  clock_policy_in_use: { status: 409, en: 'Contracts still use this clock policy; give them another one first.', 'zh-CN': '仍有合同使用该时限策略,请先为这些合同更换策略。' },
  clock_policy_default: { status: 409, en: 'The default clock policy cannot be deleted; make another policy the default first.', 'zh-CN': '默认时限策略不能删除,请先将其他策略设为默认。' },
  calendar_invalid: { status: 400, en: 'The calendar is not valid: {summary}', 'zh-CN': '服务日历设置不正确:{summary}' },
  calendar_not_found: { status: 404, en: 'Calendar not found.', 'zh-CN': '找不到该服务日历。' },
  calendar_name_taken: { status: 409, en: 'A calendar named "{name}" already exists.', 'zh-CN': '名为"{name}"的服务日历已存在。' },
  calendar_in_use: { status: 409, en: 'Contracts still use this calendar; give them another one first.', 'zh-CN': '仍有合同使用该服务日历,请先为这些合同更换日历。' },
  calendar_builtin: { status: 409, en: 'A built-in calendar cannot be deleted or change its kind.', 'zh-CN': '内置服务日历不能删除,也不能更改类型。' },
  holiday_file_invalid: { status: 422, en: 'The holiday file has {count} problem(s); nothing was loaded.', 'zh-CN': '节假日文件中有 {count} 处问题,未导入任何数据。' },
  period_too_long: { status: 400, en: 'A report covers at most {max} days.', 'zh-CN': '报表的时间范围最多 {max} 天。' },
  notification_not_found: { status: 404, en: 'Notification not found.', 'zh-CN': '找不到该通知。' },
  // Field service (issue 6)
  proposal_required: { status: 400, en: 'Write down the proposed solution with this step.', 'zh-CN': '请填写提出的解决方案。' },
  field_service_not_applicable: { status: 400, en: 'Remote sessions and visits are for faults, upgrades and service requests.', 'zh-CN': '远程诊断和上门服务只适用于故障、升级和服务请求。' },
  ticket_closed: { status: 409, en: 'The ticket is closed; reopen it first.', 'zh-CN': '工单已关闭,请先重新打开。' },
  service_forms_missing: { status: 409, en: 'Visit(s) {numbers} have no signed service form and no reason why not.', 'zh-CN': '上门服务 {numbers} 既没有签署的服务表格,也没有说明原因。' },
  report_missing: { status: 409, en: 'The fault analysis report must be delivered or its clock running before closing.', 'zh-CN': '关闭前须已交付故障分析说明,或其时限仍在计时中。' },
  remote_session_not_found: { status: 404, en: 'Remote session not found.', 'zh-CN': '找不到该远程诊断记录。' },
  remote_session_invalid: { status: 400, en: 'The remote session is not valid: {summary}', 'zh-CN': '远程诊断记录不正确:{summary}' },
  dispatch_not_found: { status: 404, en: 'Dispatch not found.', 'zh-CN': '找不到该派工单。' },
  dispatch_invalid: { status: 400, en: 'The dispatch is not valid: {summary}', 'zh-CN': '派工单内容不正确:{summary}' },
  dispatch_invalid_step: { status: 409, en: 'The visit is {state}; it cannot be {step} now.', 'zh-CN': '该上门服务当前为"{state}",不能执行"{step}"。' },
  not_your_dispatch: { status: 403, en: 'Only the engineers sent on this visit (or a dispatcher) may record it.', 'zh-CN': '只有被派往该现场的工程师(或派工员)可以记录。' },
  resolution_invalid: { status: 400, en: 'The resolution is not valid: {summary}', 'zh-CN': '解决记录不正确:{summary}' },
  service_form_not_found: { status: 404, en: 'Service form not found.', 'zh-CN': '找不到该服务表格。' },
  service_form_exists: { status: 409, en: 'This visit already has a service form; change it to make a new version.', 'zh-CN': '该上门服务已有服务表格,如需修改会生成新版本。' },
  service_form_signed: { status: 409, en: 'This version of the service form is already signed or replaced; it cannot change.', 'zh-CN': '该版本服务表格已签署或已被新版本取代,不能再修改。' },
  visit_not_started: { status: 409, en: 'A service form is made once the engineer has arrived on site.', 'zh-CN': '工程师到达现场后才能填写服务表格。' },
  signature_invalid: { status: 400, en: 'The signature is not valid: {summary}', 'zh-CN': '签名不正确:{summary}' },
  sign_link_invalid: { status: 404, en: 'This sign link is not valid.', 'zh-CN': '该签署链接无效。' },
  sign_link_expired: { status: 410, en: 'This sign link has been used or has expired. Ask for a new one.', 'zh-CN': '该签署链接已使用或已过期,请重新索取。' },
  vendor_not_found: { status: 404, en: 'Vendor not found.', 'zh-CN': '找不到该厂商。' },
  vendor_name_taken: { status: 409, en: 'A vendor named "{name}" already exists.', 'zh-CN': '名为"{name}"的厂商已存在。' },
  vendor_inactive: { status: 409, en: 'This vendor is no longer active.', 'zh-CN': '该厂商已停用。' },
  escalation_not_found: { status: 404, en: 'Vendor escalation not found.', 'zh-CN': '找不到该厂商升级记录。' },
  escalation_closed: { status: 409, en: 'This vendor escalation is closed.', 'zh-CN': '该厂商升级记录已关闭。' },
  report_not_found: { status: 404, en: 'Fault analysis report not found.', 'zh-CN': '找不到该故障分析说明。' },
  report_exists: { status: 409, en: 'This ticket already has a fault analysis report.', 'zh-CN': '该工单已有故障分析说明。' },
  report_invalid_step: { status: 409, en: 'The report is {state}; it cannot be {step}.', 'zh-CN': '故障分析说明当前为"{state}",不能执行"{step}"。' },
  report_incomplete: { status: 400, en: 'Fill in {fields} before approving the report.', 'zh-CN': '审批前请填写:{fields}。' },
  // Spare parts (issue 7)
  part_not_found: { status: 404, en: 'Spare part not found.', 'zh-CN': '找不到该备件。' },
  part_number_taken: { status: 409, en: 'The part number "{partNumber}" is already in the catalogue.', 'zh-CN': '备件号"{partNumber}"已在目录中。' },
  part_inactive: { status: 409, en: 'Part {partNumber} is no longer active.', 'zh-CN': '备件 {partNumber} 已停用。' },
  part_has_stock: { status: 409, en: 'Part {partNumber} already has stock movements; whether it is serial-tracked can no longer change.', 'zh-CN': '备件 {partNumber} 已有出入库记录,不能再更改是否按序列号管理。' },
  store_not_found: { status: 404, en: 'Store not found.', 'zh-CN': '找不到该备件库。' },
  store_name_taken: { status: 409, en: 'A store named "{name}" already exists.', 'zh-CN': '名为"{name}"的备件库已存在。' },
  store_invalid: { status: 400, en: 'The store is not valid: {summary}', 'zh-CN': '备件库设置不正确:{summary}' },
  store_inactive: { status: 409, en: 'Store "{name}" is no longer active.', 'zh-CN': '备件库"{name}"已停用。' },
  stock_insufficient: { status: 409, en: 'Not enough {partNumber} in {storeName}: {available} available, {requested} needed.', 'zh-CN': '{storeName}的 {partNumber} 库存不足:可用 {available},需要 {requested}。' },
  stock_movement_invalid: { status: 400, en: 'The stock movement is not valid: {summary}', 'zh-CN': '出入库操作不正确:{summary}' },
  stock_reason_required: { status: 400, en: 'Adjusting or scrapping stock needs a reason.', 'zh-CN': '调整或报废库存须填写原因。' },
  stock_units_unavailable: { status: 409, en: 'Units {serials} of {partNumber} are not where this movement takes them from.', 'zh-CN': '{partNumber} 的序列号 {serials} 当前不在可执行此操作的位置或状态。' },
  stock_serial_exists: { status: 409, en: 'Units {serials} of {partNumber} are already recorded.', 'zh-CN': '{partNumber} 的序列号 {serials} 已登记。' },
  rma_not_found: { status: 404, en: 'RMA case not found.', 'zh-CN': '找不到该返修(RMA)单。' },
  rma_invalid: { status: 400, en: 'The RMA is not valid: {summary}', 'zh-CN': '返修(RMA)单不正确:{summary}' },
  rma_not_open: { status: 409, en: 'RMA {number} is no longer with the vendor ({state}).', 'zh-CN': '返修单 {number} 已不在厂商处({state})。' },
  loan_not_found: { status: 404, en: 'Loan not found.', 'zh-CN': '找不到该备用机借用记录。' },
  loan_invalid: { status: 400, en: 'The loan is not valid: {summary}', 'zh-CN': '备用机借用不正确:{summary}' },
  loan_returned: { status: 409, en: 'Loaner {number} has already been returned.', 'zh-CN': '备用机借用 {number} 已归还。' },
  export_too_large: { status: 400, en: 'The export would hold more than {max} rows; narrow the filters or the period.', 'zh-CN': '导出超过 {max} 行,请缩小筛选条件或时间范围。' },
  conflict: { status: 409, en: 'The change conflicts with existing data.', 'zh-CN': '该修改与已有数据冲突。' },
  mail_not_configured: { status: 503, en: 'No mail server is configured (SMTP_HOST).', 'zh-CN': '未配置邮件服务器（SMTP_HOST）。' },
  mail_failed: { status: 502, en: 'The mail server refused the message or could not be reached.', 'zh-CN': '邮件服务器拒绝了该邮件或无法连接。' },
  not_ready: { status: 503, en: 'The service is not ready.', 'zh-CN': '服务尚未就绪。' },
  internal_error: { status: 500, en: 'Something went wrong on our side. It has been logged.', 'zh-CN': '服务器内部错误,已记录。' },
} as const satisfies Record<string, { status: number; en: string; 'zh-CN': string }>;

export type ErrorCode = keyof typeof ERRORS;
export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

/** The message for a code in a language, with `{param}` placeholders filled. */
export function errorMessage(code: ErrorCode, locale: Locale, params: Record<string, unknown> = {}): string {
  return ERRORS[code][locale].replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  );
}

/**
 * The request's language: an explicit `lang` query parameter, else the first supported entry of
 * Accept-Language; Chinese is the default because the users are Chinese.
 */
export function pickLocale(acceptLanguage: string | undefined, explicit?: string): Locale {
  if (explicit) return explicit.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
  if (!acceptLanguage) return 'zh-CN';
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.find((p) => p.trim().startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .filter((entry) => entry.tag && entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}
