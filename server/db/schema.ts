import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Table types for Kysely. Times are UTC epoch milliseconds (bigint on PostgreSQL, parsed to
 * numbers by the pool; integer on SQLite). Flags are integers 0/1 so both engines agree.
 */
type Id = Generated<number>;

export interface CustomersTable {
  id: Id;
  code: string;
  name: string;
  industry: ColumnType<string, string | undefined, string>;
  address: ColumnType<string, string | undefined, string>;
  phone: ColumnType<string, string | undefined, string>;
  notes: ColumnType<string, string | undefined, string>;
  created_at: number;
  updated_at: number;
}

type Text = ColumnType<string, string | undefined, string>;

export interface CustomerContactsTable {
  id: Id;
  customer_id: number;
  name: string;
  phone: Text;
  mobile: Text;
  email: Text;
  wechat: Text;
  position: Text;
  is_designated_technician: ColumnType<number, number | undefined, number>;
  user_id: number | null;
  notes: Text;
  created_at: number;
  updated_at: number;
}

export interface SitesTable {
  id: Id;
  customer_id: number;
  name: string;
  address: Text;
  rooms_json: Text;
  notes: Text;
  created_at: number;
  updated_at: number;
}

export interface ContractsTable {
  id: Id;
  customer_id: number;
  number: string;
  name: string;
  service_start: string;
  service_end: string;
  warranty_start: string | null;
  warranty_end: string | null;
  coverage: Text;
  clock_policy: Text;
  inspection_frequency: Text;
  inspection_content: Text;
  spares_on_site: ColumnType<number, number | undefined, number>;
  handed_over_on: string | null;
  owner_engineer_id: number | null;
  notes: Text;
  /** The contract's clock policy and calendar; null: the defaults (domains/clocks). */
  clock_policy_id: ColumnType<number | null, number | null | undefined, number | null>;
  calendar_id: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: number;
  updated_at: number;
}

export interface ContractEngineersTable {
  contract_id: number;
  user_id: number;
}

export interface AssetsTable {
  id: Id;
  customer_id: number;
  contract_id: number | null;
  site_id: number | null;
  parent_id: number | null;
  serial_number: string;
  vendor: string;
  vendor_key: string;
  model: string;
  category: string;
  room: Text;
  rack: Text;
  unit: Text;
  software_version: Text;
  firmware_version: Text;
  ip_address: Text;
  hostname: Text;
  install_date: string | null;
  warranty_end: string | null;
  coverage_end: string | null;
  warranty_card_no: Text;
  status: Text;
  custom_fields_json: Text;
  notes: Text;
  created_at: number;
  updated_at: number;
}

export interface AssetChangesTable {
  id: Id;
  asset_id: number;
  customer_id: number;
  at: number;
  field: string;
  old_value: string | null;
  new_value: string | null;
  source: string;
  actor_user_id: number | null;
  actor_name: string;
  note: Text;
}

export interface UsersTable {
  id: Id;
  username: string;
  display_name: string;
  email: string | null;
  phone: string | null;
  password_hash: string;
  must_change_password: number;
  disabled_at: number | null;
  customer_id: number | null;
  locale: string | null;
  last_sign_in_at: number | null;
  sessions_valid_from: ColumnType<number, number | undefined, number>;
  created_at: number;
  updated_at: number;
}

export interface UserRolesTable {
  user_id: number;
  role: string;
}

export interface TeamsTable {
  id: Id;
  name: string;
  description: string;
  lead_user_id: number | null;
  created_at: number;
  updated_at: number;
}

export interface TeamMembersTable {
  team_id: number;
  user_id: number;
}

export interface SessionsTable {
  /** SHA-256 of the cookie's secret: a leaked table does not hand out sessions. */
  id: string;
  user_id: number;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: Id;
  name: string;
  user_id: number;
  token_hash: string;
  prefix: string;
  created_by_user_id: number | null;
  created_at: number;
  last_used_at: number | null;
  expires_at: number | null;
  revoked_at: number | null;
}

export interface LoginFailuresTable {
  id: Id;
  key: string;
  at: number;
}

export interface AuditLogTable {
  id: Id;
  at: number;
  actor_user_id: number | null;
  actor_name: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
  ip: string | null;
  request_id: string | null;
}

export interface TicketsTable {
  id: Id;
  number: string;
  kind: string;
  channel: string;
  grade: string | null;
  non_stopping: number;
  cause_unknown: number;
  status: string;
  title: string;
  description: Text;
  debug_info: Text;
  customer_id: number;
  contact_id: number | null;
  caller_name: Text;
  caller_phone: Text;
  asset_id: number | null;
  contract_id: number | null;
  team_id: number | null;
  owner_id: number | null;
  parent_id: number | null;
  investigation: Text;
  answer: Text;
  created_by_user_id: number | null;
  created_at: number;
  updated_at: number;
  last_activity_at: number;
  closed_at: number | null;
  is_open: number;
}

export interface TicketEventsTable {
  id: Id;
  ticket_id: number;
  customer_id: number;
  at: number;
  type: string;
  internal: number;
  actor_user_id: number | null;
  actor_name: string;
  body: Text;
  data_json: Text;
}

export interface TicketWatchersTable {
  ticket_id: number;
  user_id: number;
}

export interface TicketCountersTable {
  key: string;
  value: number;
}

export interface CallsTable {
  id: Id;
  caller_name: Text;
  caller_phone: Text;
  customer_id: number | null;
  contact_id: number | null;
  ticket_id: number | null;
  agent_user_id: number;
  started_at: number;
  duration_sec: number;
  summary: Text;
  created_at: number;
}

/** The fault archive's search documents (an FTS5 table on SQLite, tsvector on PostgreSQL). */
export interface TicketSearchTable {
  ticket_id: number;
  customer_id: number;
  internal: number;
  tokens: string;
}

export interface RoutingRulesTable {
  id: Id;
  position: number;
  name: string;
  active: number;
  customer_id: number | null;
  kind: string | null;
  category: string | null;
  grade: string | null;
  channel: string | null;
  team_id: number | null;
  owner_mode: string;
  owner_id: number | null;
  created_at: number;
  updated_at: number;
}

export interface TicketViewsTable {
  id: Id;
  user_id: number;
  name: string;
  query_json: string;
  created_at: number;
}

export interface TicketLinksTable {
  ticket_id: number;
  linked_id: number;
  type: string;
  created_at: number;
}

/** Files attached to tickets; the bytes are in blob storage under `storage_key`. */
export interface AttachmentsTable {
  id: Id;
  ticket_id: number;
  customer_id: number;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  storage_key: string;
  internal: number;
  uploaded_by_user_id: number | null;
  created_at: number;
}

export interface ClockPoliciesTable {
  id: Id;
  name: string;
  description: Text;
  is_default: ColumnType<number, number | undefined, number>;
  policy_json: string;
  escalation_json: string;
  created_at: number;
  updated_at: number;
}

export interface ClockCalendarsTable {
  id: Id;
  name: string;
  description: Text;
  preset: ColumnType<string | null, string | null | undefined, string | null>;
  kind: string;
  time_zone: string;
  week_json: Text;
  created_at: number;
  updated_at: number;
}

export interface CalendarDaysTable {
  calendar_id: number;
  day: string;
  kind: string;
  name: Text;
  hours_json: string | null;
}

export interface TicketClockEventsTable {
  id: Id;
  ticket_id: number;
  at: number;
  type: string;
  arg: Text;
}

/** Each ticket's clocks as the engine last computed them, plus the sweeper's alert state. */
export interface TicketClocksTable {
  ticket_id: number;
  kind: string;
  ticket_kind: string;
  customer_id: number;
  contract_id: number | null;
  team_id: number | null;
  owner_id: number | null;
  policy_id: number | null;
  calendar_id: number | null;
  round_the_clock: number;
  grade: string;
  target_ms: number;
  state: string;
  started_at: number | null;
  deadline: number | null;
  warn_at: number | null;
  stopped_at: number | null;
  breached_at: number | null;
  remaining_ms: number | null;
  counting: number;
  computed_at: number;
  warned_at: ColumnType<number | null, number | null | undefined, number | null>;
  breach_step: ColumnType<number, number | undefined, number>;
  breach_raised_at: ColumnType<number | null, number | null | undefined, number | null>;
  alert_due_at: number | null;
}

export interface NotificationsTable {
  id: Id;
  user_id: number;
  ticket_id: number | null;
  kind: string;
  clock_kind: string | null;
  step: ColumnType<number, number | undefined, number>;
  deadline: number | null;
  created_at: number;
  read_at: ColumnType<number | null, number | null | undefined, number | null>;
  /** The part and store of a below-minimum alert (0010-spare-parts). */
  part_id: ColumnType<number | null, number | null | undefined, number | null>;
  store_id: ColumnType<number | null, number | null | undefined, number | null>;
}

/** Work to do after a commit (jobs/outbox.ts). */
export interface OutboxTable {
  id: Id;
  topic: string;
  payload_json: string;
  created_at: number;
  available_at: number;
  attempts: ColumnType<number, number | undefined, number>;
  last_error: ColumnType<string | null, string | null | undefined, string | null>;
  done_at: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface RemoteSessionsTable {
  id: Id;
  ticket_id: number;
  customer_id: number;
  method: string;
  engineer_user_id: number | null;
  started_at: number;
  ended_at: number | null;
  findings: Text;
  actions: Text;
  result: Text;
  created_at: number;
  updated_at: number;
}

export interface DispatchesTable {
  id: Id;
  number: string;
  ticket_id: number;
  customer_id: number;
  site_id: number | null;
  state: string;
  planned_at: number;
  bring: Text;
  notes: Text;
  parts_used: Text;
  accepted_at: number | null;
  departed_at: number | null;
  arrived_at: number | null;
  left_at: number | null;
  cancelled_at: number | null;
  cancel_reason: Text;
  no_form_reason: Text;
  created_by_user_id: number | null;
  created_at: number;
  updated_at: number;
}

export interface DispatchEngineersTable {
  dispatch_id: number;
  user_id: number;
}

export interface VisitLogsTable {
  id: Id;
  dispatch_id: number;
  at: number;
  author_user_id: number | null;
  author_name: string;
  body: Text;
  attachment_id: number | null;
}

export interface TicketResolutionsTable {
  ticket_id: number;
  customer_id: number;
  method: string;
  details: Text;
  root_cause: Text;
  version_before: Text;
  version_after: Text;
  restored_at: number;
  recorded_by_user_id: number | null;
  recorded_at: number;
}

export interface ServiceFormsTable {
  id: Id;
  dispatch_id: number;
  ticket_id: number;
  customer_id: number;
  version: number;
  state: string;
  content_json: string;
  signer_name: Text;
  signer_contact_id: number | null;
  signed_by_user_id: number | null;
  signed_via: Text;
  signed_at: number | null;
  satisfaction: Text;
  comment: Text;
  signature_png: Text;
  content_hash: Text;
  created_by_user_id: number | null;
  created_at: number;
  updated_at: number;
}

export interface SignLinksTable {
  id: Id;
  form_id: number;
  customer_id: number;
  token_hash: string;
  email: string;
  expires_at: number;
  used_at: number | null;
  created_by_user_id: number | null;
  created_at: number;
}

export interface FaultReportsTable {
  id: Id;
  ticket_id: number;
  customer_id: number;
  state: string;
  summary: Text;
  timeline: Text;
  cause: Text;
  handling: Text;
  prevention: Text;
  drafted_by_user_id: number | null;
  approved_by_user_id: number | null;
  approved_at: number | null;
  delivered_at: number | null;
  delivered_to: Text;
  created_at: number;
  updated_at: number;
}

export interface VendorsTable {
  id: Id;
  name: string;
  support_phone: Text;
  support_email: Text;
  portal_url: Text;
  notes: Text;
  active: ColumnType<number, number | undefined, number>;
  created_at: number;
  updated_at: number;
}

export interface VendorContactsTable {
  id: Id;
  vendor_id: number;
  name: string;
  role: Text;
  phone: Text;
  email: Text;
  created_at: number;
}

export interface VendorEscalationsTable {
  id: Id;
  ticket_id: number;
  customer_id: number;
  vendor_id: number;
  case_number: Text;
  state: string;
  brief: Text;
  opened_by_user_id: number | null;
  opened_at: number;
  closed_at: number | null;
  updated_at: number;
}

// Spare parts (0010-spare-parts; issue 7, R8)

export interface PartsTable {
  id: Id;
  part_number: string;
  vendor: Text;
  description: Text;
  unit: Text;
  serial_tracked: ColumnType<number, number | undefined, number>;
  active: ColumnType<number, number | undefined, number>;
  notes: Text;
  created_at: number;
  updated_at: number;
}

export interface PartModelsTable {
  part_id: number;
  model: string;
  model_key: string;
}

export interface StoresTable {
  id: Id;
  name: string;
  /** central | site | project */
  kind: string;
  customer_id: number | null;
  site_id: number | null;
  contract_id: number | null;
  notes: Text;
  active: ColumnType<number, number | undefined, number>;
  created_at: number;
  updated_at: number;
}

export interface StoreMinimumsTable {
  store_id: number;
  part_id: number;
  min_qty: number;
  updated_at: number;
}

/** Append-only: rows are inserted, never updated or deleted. */
export interface StockLedgerTable {
  id: Id;
  at: number;
  kind: string;
  part_id: number;
  store_id: number;
  serial: string | null;
  qty: number;
  qty_delta_on_hand: number;
  qty_delta_reserved: number;
  qty_delta_faulty: number;
  dispatch_id: number | null;
  ticket_id: number | null;
  rma_id: number | null;
  loan_id: number | null;
  reason: Text;
  actor_user_id: number | null;
  actor_name: string;
  batch_id: string;
}

/** The ledger's sums per part and store, kept in the ledger rows' own transaction. */
export interface StockLevelsTable {
  part_id: number;
  store_id: number;
  on_hand: ColumnType<number, number | undefined, number>;
  reserved: ColumnType<number, number | undefined, number>;
  faulty: ColumnType<number, number | undefined, number>;
}

export interface StockUnitsTable {
  id: Id;
  part_id: number;
  serial: string;
  store_id: number | null;
  state: string;
  dispatch_id: number | null;
  ticket_id: number | null;
  updated_at: number;
}

export interface PartsCountersTable {
  key: string;
  value: number;
}

/** A faulty part's stock or a whole device sent to its vendor for repair (RMA). */
export interface RmaCasesTable {
  id: Id;
  number: string;
  vendor_id: number;
  vendor_case_number: Text;
  part_id: number | null;
  asset_id: number | null;
  serial: string | null;
  qty: number;
  /** How many of `qty` have come back so far (bulk parts return in instalments). */
  received_qty: ColumnType<number, number | undefined, number>;
  store_id: number | null;
  ticket_id: number | null;
  /** sent | received_repaired | received_replaced | closed | cancelled */
  state: string;
  sent_at: number;
  expected_return: string | null;
  received_at: number | null;
  received_serial: string | null;
  received_store_id: number | null;
  notes: Text;
  closing_reason: Text;
  created_by_user_id: number | null;
  actor_name: string;
  created_at: number;
  updated_at: number;
}

/** A loaner unit (备用机) lent to a customer's site. */
export interface LoansTable {
  id: Id;
  number: string;
  part_id: number;
  unit_id: number;
  serial: string;
  store_id: number;
  customer_id: number;
  site_id: number | null;
  ticket_id: number | null;
  asset_id: number | null;
  replaces_asset_id: number | null;
  /** open | returned */
  state: string;
  lent_at: number;
  expected_return: string | null;
  returned_at: number | null;
  returned_store_id: number | null;
  notes: Text;
  created_by_user_id: number | null;
  actor_name: string;
  created_at: number;
  updated_at: number;
}

export interface VendorEscalationEntriesTable {
  id: Id;
  escalation_id: number;
  at: number;
  direction: string;
  body: Text;
  actor_user_id: number | null;
  actor_name: string;
}

export interface DB {
  customers: CustomersTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_failures: LoginFailuresTable;
  audit_log: AuditLogTable;
  customer_contacts: CustomerContactsTable;
  sites: SitesTable;
  contracts: ContractsTable;
  contract_engineers: ContractEngineersTable;
  assets: AssetsTable;
  asset_changes: AssetChangesTable;
  tickets: TicketsTable;
  ticket_events: TicketEventsTable;
  ticket_watchers: TicketWatchersTable;
  ticket_counters: TicketCountersTable;
  calls: CallsTable;
  ticket_search: TicketSearchTable;
  routing_rules: RoutingRulesTable;
  ticket_views: TicketViewsTable;
  ticket_links: TicketLinksTable;
  attachments: AttachmentsTable;
  clock_policies: ClockPoliciesTable;
  clock_calendars: ClockCalendarsTable;
  calendar_days: CalendarDaysTable;
  ticket_clock_events: TicketClockEventsTable;
  ticket_clocks: TicketClocksTable;
  notifications: NotificationsTable;
  outbox: OutboxTable;
  remote_sessions: RemoteSessionsTable;
  dispatches: DispatchesTable;
  dispatch_engineers: DispatchEngineersTable;
  visit_logs: VisitLogsTable;
  ticket_resolutions: TicketResolutionsTable;
  service_forms: ServiceFormsTable;
  sign_links: SignLinksTable;
  fault_reports: FaultReportsTable;
  vendors: VendorsTable;
  vendor_contacts: VendorContactsTable;
  vendor_escalations: VendorEscalationsTable;
  vendor_escalation_entries: VendorEscalationEntriesTable;
  parts: PartsTable;
  part_models: PartModelsTable;
  stores: StoresTable;
  store_minimums: StoreMinimumsTable;
  stock_ledger: StockLedgerTable;
  stock_levels: StockLevelsTable;
  stock_units: StockUnitsTable;
  parts_counters: PartsCountersTable;
  rma_cases: RmaCasesTable;
  loans: LoansTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type TeamRow = Selectable<TeamsTable>;
export type SessionRow = Selectable<SessionsTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type CustomerRow = Selectable<CustomersTable>;
export type ContactRow = Selectable<CustomerContactsTable>;
export type SiteRow = Selectable<SitesTable>;
export type ContractRow = Selectable<ContractsTable>;
export type AssetRow = Selectable<AssetsTable>;
export type AssetChangeRow = Selectable<AssetChangesTable>;
export type TicketRow = Selectable<TicketsTable>;
export type TicketEventRow = Selectable<TicketEventsTable>;
export type CallRow = Selectable<CallsTable>;
export type RoutingRuleRow = Selectable<RoutingRulesTable>;
export type ClockPolicyRow = Selectable<ClockPoliciesTable>;
export type ClockCalendarRow = Selectable<ClockCalendarsTable>;
export type CalendarDayRow = Selectable<CalendarDaysTable>;
export type TicketClockRow = Selectable<TicketClocksTable>;
export type NotificationRow = Selectable<NotificationsTable>;
export type OutboxRow = Selectable<OutboxTable>;
export type { ColumnType };
export type RemoteSessionRow = Selectable<RemoteSessionsTable>;
export type DispatchRow = Selectable<DispatchesTable>;
export type VisitLogRow = Selectable<VisitLogsTable>;
export type TicketResolutionRow = Selectable<TicketResolutionsTable>;
export type ServiceFormRow = Selectable<ServiceFormsTable>;
export type SignLinkRow = Selectable<SignLinksTable>;
export type FaultReportRow = Selectable<FaultReportsTable>;
export type VendorRow = Selectable<VendorsTable>;
export type VendorContactRow = Selectable<VendorContactsTable>;
export type VendorEscalationRow = Selectable<VendorEscalationsTable>;
export type VendorEscalationEntryRow = Selectable<VendorEscalationEntriesTable>;
export type PartRow = Selectable<PartsTable>;
export type StoreRow = Selectable<StoresTable>;
export type StockLedgerRow = Selectable<StockLedgerTable>;
export type StockLevelRow = Selectable<StockLevelsTable>;
export type StockUnitRow = Selectable<StockUnitsTable>;
export type RmaCaseRow = Selectable<RmaCasesTable>;
export type LoanRow = Selectable<LoansTable>;
