import type {
  ApiToken,
  AppNotification,
  CalendarInput,
  CalendarYear,
  ClockBreach,
  ClockPolicy,
  ClockPolicyInput,
  ComplianceFilters,
  ComplianceGroupBy,
  ComplianceReport,
  HolidayDay,
  NotificationListParams,
  ServiceCalendar,
  TicketClocks,
  Attachment,
  AuditEntry,
  AuditListParams,
  CreateUserInput,
  Asset,
  AssetChange,
  AssetDetail,
  AssetFilters,
  AssetInput,
  AssetListParams,
  Call,
  CallInput,
  Contact,
  ContactInput,
  ContactListParams,
  Contract,
  ContractInput,
  ContractListParams,
  Customer,
  CustomerDetail,
  CustomerInput,
  CustomerListParams,
  Entitlement,
  ImportKind,
  ImportResult,
  SheetFormat,
  Site,
  SiteInput,
  SiteListParams,
  Page,
  ProfileInput,
  RoutingRule,
  RoutingRuleInput,
  Team,
  TeamInput,
  Ticket,
  TicketCounts,
  TicketEvent,
  TicketFilters,
  TicketInput,
  TicketLinks,
  TicketListParams,
  TicketPatch,
  TicketView,
  LinkType,
  TransitionTarget,
  TeamListParams,
  TokenListParams,
  UpdateUserInput,
  User,
  UserListParams,
} from './types';

/** An error answered by the server as `{error:{code,message,details}}`, or a network failure. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details: unknown = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

type Listener = (error: ApiError) => void;

let languageOf: () => string = () => 'zh-CN';
let onSessionProblem: Listener = () => {};

/** The client asks the server for messages in the language the UI shows. */
export function setLanguageSource(fn: () => string): void {
  languageOf = fn;
}

/** Called on 401 unauthenticated and 403 password_change_required from any call. */
export function setSessionProblemHandler(fn: Listener): void {
  onSessionProblem = fn;
}

type Query = Record<string, string | number | boolean | undefined | null>;

/** A same-origin API address with its query, for links (exports, templates) rather than fetches. */
export function apiUrl(path: string, query?: Query): string {
  return withQuery(path, query);
}

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  body?: unknown;
  /** A file sent as it is (imports) instead of a JSON body. */
  rawBody?: { data: Blob; type: string };
  /** Do not report 401 to the session handler (the sign-in call and the initial /api/me). */
  quiet401?: boolean;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': languageOf() };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.rawBody) headers['Content-Type'] = options.rawBody.type;
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method: options.method ?? 'GET',
      credentials: 'same-origin',
      headers,
      body: options.rawBody ? options.rawBody.data : options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch (e) {
    throw new ApiError(0, 'network_error', e instanceof Error ? e.message : String(e));
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!response.ok) {
    const err = (data as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
    const error = new ApiError(
      response.status,
      err?.code ?? `http_${response.status}`,
      err?.message ?? (response.statusText || `HTTP ${response.status}`),
      err?.details ?? null,
    );
    const retryAfter = response.headers.get('Retry-After');
    if (retryAfter && error.details === null) (error as { details: unknown }).details = { retryAfter: Number(retryAfter) };
    const sessionProblem =
      (error.status === 401 && error.code === 'unauthenticated' && !options.quiet401) ||
      (error.status === 403 && error.code === 'password_change_required');
    if (sessionProblem) onSessionProblem(error);
    throw error;
  }
  return data as T;
}

// ---- auth and own account ----
export const signIn = (username: string, password: string) =>
  request<{ user: User }>('/api/auth/sign-in', { method: 'POST', body: { username, password }, quiet401: true });
export const signOut = () => request<void>('/api/auth/sign-out', { method: 'POST', quiet401: true });

/** The signed-in user, or null when there is no session. */
export async function getMe(): Promise<User | null> {
  try {
    return await request<User>('/api/me', { quiet401: true });
  } catch (e) {
    if (isApiError(e) && e.status === 401) return null;
    throw e;
  }
}
export const updateMe = (input: ProfileInput) => request<User>('/api/me', { method: 'PATCH', body: input });
export const changePassword = (currentPassword: string, newPassword: string) =>
  request<void>('/api/me/password', { method: 'POST', body: { currentPassword, newPassword } });

// ---- users ----
export const listUsers = (params: UserListParams = {}) => request<Page<User>>('/api/users', { query: { ...params } });
export const getUser = (id: number) => request<User>(`/api/users/${id}`);
export const createUser = (input: CreateUserInput) =>
  request<{ user: User; initialPassword: string | null }>('/api/users', { method: 'POST', body: input });
export const updateUser = (id: number, input: UpdateUserInput) =>
  request<User>(`/api/users/${id}`, { method: 'PATCH', body: input });
export const disableUser = (id: number) => request<User>(`/api/users/${id}/disable`, { method: 'POST' });
export const enableUser = (id: number) => request<User>(`/api/users/${id}/enable`, { method: 'POST' });
export const resetUserPassword = (id: number) =>
  request<{ initialPassword: string }>(`/api/users/${id}/reset-password`, { method: 'POST' });

// ---- teams ----
export const listTeams = (params: TeamListParams = {}) => request<Page<Team>>('/api/teams', { query: { ...params } });
export const createTeam = (input: TeamInput) => request<Team>('/api/teams', { method: 'POST', body: input });
export const updateTeam = (id: number, input: TeamInput) =>
  request<Team>(`/api/teams/${id}`, { method: 'PATCH', body: input });
export const deleteTeam = (id: number) => request<void>(`/api/teams/${id}`, { method: 'DELETE' });

// ---- API tokens ----
export const listTokens = (params: TokenListParams = {}) =>
  request<Page<ApiToken>>('/api/tokens', { query: { ...params } });
export const createToken = (input: { name: string; userId: number; expiresAt?: number | null }) =>
  request<{ token: ApiToken; secret: string }>('/api/tokens', { method: 'POST', body: input });
export const revokeToken = (id: number) => request<void>(`/api/tokens/${id}`, { method: 'DELETE' });

// ---- audit ----
export const listAudit = (params: AuditListParams = {}) =>
  request<Page<AuditEntry>>('/api/audit', { query: { ...params } });

// ---- customers ----
export const listCustomers = (params: CustomerListParams = {}) =>
  request<Page<Customer>>('/api/customers', { query: { ...params } });
export const getCustomer = (id: number) => request<CustomerDetail>(`/api/customers/${id}`);
export const createCustomer = (input: CustomerInput) => request<Customer>('/api/customers', { method: 'POST', body: input });
export const updateCustomer = (id: number, input: CustomerInput) =>
  request<Customer>(`/api/customers/${id}`, { method: 'PATCH', body: input });
export const customersExportUrl = (format: SheetFormat, q?: string) => apiUrl('/api/customers/export', { format, q });

// ---- contacts ----
export const listContacts = (params: ContactListParams = {}) =>
  request<Page<Contact>>('/api/contacts', { query: { ...params } });
export const createContact = (input: ContactInput) => request<Contact>('/api/contacts', { method: 'POST', body: input });
export const updateContact = (id: number, input: ContactInput) =>
  request<Contact>(`/api/contacts/${id}`, { method: 'PATCH', body: input });
export const deleteContact = (id: number) => request<void>(`/api/contacts/${id}`, { method: 'DELETE' });
export const createPortalAccount = (id: number, input: { username: string; locale?: 'zh-CN' | 'en' | null }) =>
  request<{ user: User; initialPassword: string }>(`/api/contacts/${id}/portal-account`, { method: 'POST', body: input });
export const contactsExportUrl = (format: SheetFormat, customerId?: number) =>
  apiUrl('/api/contacts/export', { format, customerId });

// ---- sites ----
export const listSites = (params: SiteListParams = {}) => request<Page<Site>>('/api/sites', { query: { ...params } });
export const createSite = (input: SiteInput) => request<Site>('/api/sites', { method: 'POST', body: input });
export const updateSite = (id: number, input: SiteInput) => request<Site>(`/api/sites/${id}`, { method: 'PATCH', body: input });
export const deleteSite = (id: number) => request<void>(`/api/sites/${id}`, { method: 'DELETE' });

// ---- contracts ----
export const listContracts = (params: ContractListParams = {}) =>
  request<Page<Contract>>('/api/contracts', { query: { ...params } });
export const getContract = (id: number) => request<Contract>(`/api/contracts/${id}`);
export const createContract = (input: ContractInput) => request<Contract>('/api/contracts', { method: 'POST', body: input });
export const updateContract = (id: number, input: ContractInput) =>
  request<Contract>(`/api/contracts/${id}`, { method: 'PATCH', body: input });
export const contractsExportUrl = (format: SheetFormat, customerId?: number) =>
  apiUrl('/api/contracts/export', { format, customerId });

// ---- assets ----
export const listAssets = (params: AssetListParams = {}) => request<Page<Asset>>('/api/assets', { query: { ...params } });
export const getAsset = (id: number) => request<AssetDetail>(`/api/assets/${id}`);
export const createAsset = (input: AssetInput) => request<Asset>('/api/assets', { method: 'POST', body: input });
export const updateAsset = (id: number, input: AssetInput) => request<Asset>(`/api/assets/${id}`, { method: 'PATCH', body: input });
export const listAssetHistory = (id: number, params: { cursor?: string; limit?: number } = {}) =>
  request<Page<AssetChange>>(`/api/assets/${id}/history`, { query: { ...params } });
export const assetsExportUrl = (format: SheetFormat, filters: AssetFilters = {}) =>
  apiUrl('/api/assets/export', { format, ...filters });
/** Exact serial number, or the first matches (≤ 10) of a prefix, with what the hotline needs (R5). */
export const lookupAssets = (by: { serial: string } | { prefix: string }) =>
  request<{ items: Entitlement[] }>('/api/assets/lookup', { query: { ...by } });

// ---- imports ----
export const importTemplateUrl = (kind: ImportKind, format: SheetFormat) =>
  apiUrl(`/api/imports/templates/${kind}`, { format });

const SHEET_TYPES: Record<SheetFormat, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The spreadsheet format of a file by its extension, or null when it is neither. */
export function sheetFormatOf(fileName: string): SheetFormat | null {
  const ext = fileName.toLowerCase().split('.').pop();
  return ext === 'csv' || ext === 'xlsx' ? ext : null;
}

/**
 * Sends a spreadsheet to the importer. A dry run only checks; a real run with row errors answers
 * 422 `import_invalid` (details.errors) and writes nothing.
 */
export function runImport(kind: ImportKind, file: File, dryRun: boolean): Promise<ImportResult> {
  const format = sheetFormatOf(file.name) ?? 'xlsx';
  return request<ImportResult>(`/api/imports/${kind}`, {
    method: 'POST',
    query: { dryRun },
    rawBody: { data: file, type: SHEET_TYPES[format] },
  });
}

// ---- the service desk ----
export const listTickets = (params: TicketListParams = {}) =>
  request<Page<Ticket>>('/api/tickets', { query: { ...params } });
export const ticketCounts = () => request<TicketCounts>('/api/tickets/counts');
export const searchTickets = (params: { q: string; cursor?: string; limit?: number }) =>
  request<Page<Ticket>>('/api/tickets/search', { query: { ...params } });
export const getTicket = (id: number) => request<Ticket>(`/api/tickets/${id}`);
export const createTicket = (input: TicketInput) => request<Ticket>('/api/tickets', { method: 'POST', body: input });
export const updateTicket = (id: number, input: TicketPatch) =>
  request<Ticket>(`/api/tickets/${id}`, { method: 'PATCH', body: input });
export const transitionTicket = (id: number, to: TransitionTarget, comment?: string) =>
  request<Ticket>(`/api/tickets/${id}/transitions`, { method: 'POST', body: { to, ...(comment ? { comment } : {}) } });
export const assignTicket = (id: number, input: { teamId?: number | null; ownerId?: number | null; reason?: string }) =>
  request<Ticket>(`/api/tickets/${id}/assign`, { method: 'POST', body: input });
export const listTicketEvents = (id: number, params: { cursor?: string; limit?: number } = {}) =>
  request<Page<TicketEvent>>(`/api/tickets/${id}/events`, { query: { ...params } });
export const replyToTicket = (id: number, body: string) =>
  request<TicketEvent>(`/api/tickets/${id}/replies`, { method: 'POST', body: { body } });
export const addTicketNote = (id: number, body: string) =>
  request<TicketEvent>(`/api/tickets/${id}/notes`, { method: 'POST', body: { body } });
/** Server-sent events announcing created and updated tickets. */
export const TICKET_STREAM_URL = '/api/tickets/stream';

// ---- the call log ----
export const logCall = (input: CallInput) => request<Call>('/api/calls', { method: 'POST', body: input });
export const listCalls = (params: { cursor?: string; limit?: number } = {}) =>
  request<Page<Call>>('/api/calls', { query: { ...params } });

// ---- attachments ----
export const listAttachments = (ticketId: number) => request<{ items: Attachment[] }>(`/api/tickets/${ticketId}/attachments`);
/**
 * Attaches a file: its bytes as the body (the server detects the type from them), its name in the
 * query. Larger than 20 MiB answers 413 body_too_large; markup 400 attachment_type_refused.
 */
export const uploadAttachment = (ticketId: number, file: Blob & { name: string }, options: { internal?: boolean } = {}) =>
  request<Attachment>(`/api/tickets/${ticketId}/attachments`, {
    method: 'POST',
    query: { name: file.name, internal: options.internal ? true : undefined },
    rawBody: { data: file, type: 'application/octet-stream' },
  });

// ---- links, merges, parent incidents ----
export const getTicketLinks = (ticketId: number) => request<TicketLinks>(`/api/tickets/${ticketId}/links`);
export const linkTicket = (ticketId: number, otherId: number, type: LinkType) =>
  request<TicketLinks>(`/api/tickets/${ticketId}/links`, { method: 'POST', body: { ticketId: otherId, type } });
/** Removes a related or duplicate link between two tickets (a merge stays). */
export const unlinkTicket = (ticketId: number, otherId: number) => request<TicketLinks>(`/api/tickets/${ticketId}/links/${otherId}`, { method: 'DELETE' });
/** Merges this ticket into another: linked as its duplicate and closed. */
export const mergeTicket = (ticketId: number, into: number) =>
  request<TicketLinks>(`/api/tickets/${ticketId}/merge`, { method: 'POST', body: { into } });

// ---- routing rules ----
export const listRoutingRules = () => request<{ items: RoutingRule[] }>('/api/routing-rules');
export const createRoutingRule = (input: RoutingRuleInput) => request<RoutingRule>('/api/routing-rules', { method: 'POST', body: input });
export const replaceRoutingRule = (id: number, input: RoutingRuleInput) =>
  request<RoutingRule>(`/api/routing-rules/${id}`, { method: 'PUT', body: input });
export const deleteRoutingRule = (id: number) => request<void>(`/api/routing-rules/${id}`, { method: 'DELETE' });

// ---- saved queue views ----
export const listTicketViews = () => request<{ items: TicketView[] }>('/api/ticket-views');
export const saveTicketView = (name: string, query: TicketFilters) =>
  request<TicketView>('/api/ticket-views', { method: 'POST', body: { name, query } });
export const deleteTicketView = (id: number) => request<void>(`/api/ticket-views/${id}`, { method: 'DELETE' });

// ---- service clocks (R4) ----
/** A ticket's clocks with deadlines and time left, and the server time (`now`) they were read at. */
export const getTicketClocks = (ticketId: number) => request<TicketClocks>(`/api/tickets/${ticketId}/clocks`);

export const listClockPolicies = () => request<{ items: ClockPolicy[] }>('/api/clock-policies');
export const createClockPolicy = (input: ClockPolicyInput) => request<ClockPolicy>('/api/clock-policies', { method: 'POST', body: input });
export const replaceClockPolicy = (id: number, input: ClockPolicyInput) =>
  request<ClockPolicy>(`/api/clock-policies/${id}`, { method: 'PUT', body: input });
export const deleteClockPolicy = (id: number) => request<void>(`/api/clock-policies/${id}`, { method: 'DELETE' });

export const listCalendars = () => request<{ items: ServiceCalendar[] }>('/api/calendars');
export const getCalendar = (id: number) => request<ServiceCalendar>(`/api/calendars/${id}`);
export const createCalendar = (input: CalendarInput) => request<ServiceCalendar>('/api/calendars', { method: 'POST', body: input });
/** Replaces a calendar's name, zone and hours; its holidays stay. */
export const replaceCalendar = (id: number, input: CalendarInput) =>
  request<ServiceCalendar>(`/api/calendars/${id}`, { method: 'PUT', body: input });
export const deleteCalendar = (id: number) => request<void>(`/api/calendars/${id}`, { method: 'DELETE' });
export const getCalendarYear = (id: number, year: number) => request<CalendarYear>(`/api/calendars/${id}/years/${year}`);
/** Replaces a year's holidays and make-up workdays as entered by hand. */
export const replaceCalendarYear = (id: number, year: number, days: HolidayDay[]) =>
  request<CalendarYear>(`/api/calendars/${id}/years/${year}`, { method: 'PUT', body: { days } });
/** Replaces a year from a holiday file; a bad line loads nothing (422 holiday_file_invalid, details.errors). */
export const importCalendarYear = (id: number, year: number, text: string) =>
  request<CalendarYear>(`/api/calendars/${id}/years/${year}/import`, { method: 'POST', body: { text } });

// ---- the notification centre ----
export const listNotifications = (params: NotificationListParams = {}) =>
  request<Page<AppNotification>>('/api/notifications', { query: { ...params } });
export const unreadNotificationCount = () => request<{ unread: number }>('/api/notifications/unread-count');
export const markNotificationRead = (id: number) => request<AppNotification>(`/api/notifications/${id}/read`, { method: 'POST' });
export const markAllNotificationsRead = () => request<{ marked: number }>('/api/notifications/read-all', { method: 'POST' });

// ---- clock compliance ----
export const clockCompliance = (filters: ComplianceFilters & { groupBy?: ComplianceGroupBy }) =>
  request<ComplianceReport>('/api/clock-compliance', { query: { ...filters } });
export const listClockBreaches = (filters: ComplianceFilters & { cursor?: string; limit?: number }) =>
  request<Page<ClockBreach>>('/api/clock-compliance/breaches', { query: { ...filters } });
export const complianceExportUrl = (filters: ComplianceFilters) => apiUrl('/api/clock-compliance/export', { format: 'xlsx', ...filters });
