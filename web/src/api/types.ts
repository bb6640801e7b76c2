/** Shapes of the server's JSON API (see /api/docs). Times are UTC epoch milliseconds. */
import type { ClockKind, FaultGrade } from '../../../server/domains/clocks/policy';
import type { EscalationTarget } from '../../../server/domains/clocks/escalation';
import type { EventType } from '../../../server/domains/tickets/event-types';
import type { TicketKind, TicketStatus, TransitionTarget } from '../../../server/domains/tickets/workflow';

export const ROLES = ['admin', 'manager', 'dispatcher', 'agent', 'engineer', 'storekeeper', 'customer_contact'] as const;
export type Role = (typeof ROLES)[number];
export const STAFF_ROLES = ROLES.filter((r) => r !== 'customer_contact');

export type Locale = 'zh-CN' | 'en';

export interface User {
  id: number;
  username: string;
  displayName: string;
  email: string | null;
  phone: string | null;
  roles: Role[];
  customerId: number | null;
  locale: Locale | null;
  disabled: boolean;
  disabledAt: number | null;
  mustChangePassword: boolean;
  lastSignInAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PageParams {
  cursor?: string;
  limit?: number;
}

export interface UserListParams extends PageParams {
  q?: string;
  role?: Role;
  status?: 'active' | 'disabled';
  customerId?: number;
}

export interface CreateUserInput {
  username: string;
  displayName: string;
  email?: string | null;
  phone?: string | null;
  roles: Role[];
  customerId?: number | null;
  locale?: Locale | null;
  password?: string;
}

export type UpdateUserInput = Partial<Omit<CreateUserInput, 'username' | 'password'>>;

export interface ProfileInput {
  displayName?: string;
  email?: string | null;
  phone?: string | null;
  locale?: Locale | null;
}

export interface TeamMember {
  id: number;
  username: string;
  displayName: string;
  disabled: boolean;
}

export interface Team {
  id: number;
  name: string;
  description: string;
  leadUserId: number | null;
  members: TeamMember[];
  createdAt: number;
  updatedAt: number;
}

export interface TeamListParams extends PageParams {
  q?: string;
  memberId?: number;
}

export interface TeamInput {
  name?: string;
  description?: string;
  memberIds?: number[];
  leadUserId?: number | null;
}

export interface ApiToken {
  id: number;
  name: string;
  userId: number;
  userName: string;
  prefix: string;
  createdAt: number;
  lastUsedAt: number | null;
  expiresAt: number | null;
  revokedAt: number | null;
}

export interface TokenListParams extends PageParams {
  userId?: number;
  includeRevoked?: boolean;
}

export interface AuditEntry {
  id: number;
  at: number;
  actorId: number | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

export interface AuditListParams extends PageParams {
  actorId?: number;
  action?: string;
  entityType?: string;
  entityId?: string;
  from?: number;
  to?: number;
}

export interface Customer {
  id: number;
  code: string;
  name: string;
  industry: string;
  address: string;
  phone: string;
  notes: string;
  createdAt: number;
  updatedAt: number;
}

export interface CustomerListParams extends PageParams {
  q?: string;
}

/** One failed check of a `validation_failed` error. */
export interface FieldProblem {
  field: string;
  rule?: string;
  message: string;
}

export type PasswordRule = 'min_length' | 'max_length' | 'letters_and_digits' | 'contains_username' | 'repeated';

// ---- customer files, contracts, warranty and the asset registry (R5, R12–R14, R18) ----

/** A calendar day, `YYYY-MM-DD`. */
export type IsoDay = string;

export interface CustomerDetail extends Customer {
  counts: { contacts: number; sites: number; contracts: number; assets: number };
}

export interface CustomerInput {
  code?: string;
  name?: string;
  industry?: string;
  address?: string;
  phone?: string;
  notes?: string;
}

export interface Contact {
  id: number;
  customerId: number;
  customerName: string;
  name: string;
  phone: string;
  mobile: string;
  email: string;
  wechat: string;
  position: string;
  isDesignatedTechnician: boolean;
  userId: number | null;
  username: string | null;
  notes: string;
  createdAt: number;
  updatedAt: number;
}

export interface ContactInput {
  customerId?: number;
  name?: string;
  phone?: string;
  mobile?: string;
  email?: string;
  wechat?: string;
  position?: string;
  isDesignatedTechnician?: boolean;
  notes?: string;
}

export interface ContactListParams extends PageParams {
  customerId?: number;
  q?: string;
}

export interface Site {
  id: number;
  customerId: number;
  name: string;
  address: string;
  rooms: string[];
  notes: string;
  createdAt: number;
  updatedAt: number;
}

export interface SiteInput {
  customerId?: number;
  name?: string;
  address?: string;
  rooms?: string[];
  notes?: string;
}

export interface SiteListParams extends PageParams {
  customerId?: number;
}

export const COVERAGES = ['7x24', 'business_hours'] as const;
export type Coverage = (typeof COVERAGES)[number];
export const INSPECTION_FREQUENCIES = ['none', 'monthly', 'quarterly', 'semiannual', 'annual'] as const;
export type InspectionFrequency = (typeof INSPECTION_FREQUENCIES)[number];
export const CONTRACT_STATUSES = ['upcoming', 'active', 'expired'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

export interface EngineerRef {
  id: number;
  username: string;
  displayName: string;
}

export interface Contract {
  id: number;
  customerId: number;
  customerName: string;
  number: string;
  name: string;
  serviceStart: IsoDay;
  serviceEnd: IsoDay;
  warrantyStart: IsoDay | null;
  warrantyEnd: IsoDay | null;
  coverage: Coverage;
  /** Free-text label from before policies were records; clockPolicyId is what counts. */
  clockPolicy: string;
  /** The clock policy (R4); null: the default policy. */
  clockPolicyId: number | null;
  clockPolicyName: string | null;
  /** The service calendar; null: the built-in calendar of the coverage. */
  calendarId: number | null;
  calendarName: string | null;
  inspectionFrequency: InspectionFrequency;
  inspectionContent: string;
  sparesOnSite: boolean;
  handedOverOn: IsoDay | null;
  ownerEngineerId: number | null;
  residentEngineerIds: number[];
  engineers: EngineerRef[];
  status: ContractStatus;
  notes: string;
  createdAt: number;
  updatedAt: number;
}

export interface ContractInput {
  customerId?: number;
  number?: string;
  name?: string;
  serviceStart?: IsoDay;
  serviceEnd?: IsoDay;
  warrantyStart?: IsoDay | null;
  warrantyEnd?: IsoDay | null;
  coverage?: Coverage;
  clockPolicy?: string;
  clockPolicyId?: number | null;
  calendarId?: number | null;
  inspectionFrequency?: InspectionFrequency;
  inspectionContent?: string;
  sparesOnSite?: boolean;
  handedOverOn?: IsoDay | null;
  ownerEngineerId?: number | null;
  residentEngineerIds?: number[];
  notes?: string;
}

export interface ContractListParams extends PageParams {
  customerId?: number;
  q?: string;
  status?: ContractStatus;
}

export const ASSET_CATEGORIES = ['server', 'storage', 'network', 'security', 'software', 'other'] as const;
export type AssetCategory = (typeof ASSET_CATEGORIES)[number];
export const ASSET_STATUSES = ['in_service', 'under_repair', 'on_loan', 'retired', 'returned'] as const;
export type AssetStatus = (typeof ASSET_STATUSES)[number];
export const WARRANTY_STATES = ['in_warranty', 'expired', 'not_covered'] as const;
export type WarrantyState = (typeof WARRANTY_STATES)[number];
export const CHANGE_SOURCES = ['manual', 'import', 'inspection', 'repair'] as const;
export type ChangeSource = (typeof CHANGE_SOURCES)[number];

export interface Warranty {
  state: WarrantyState;
  /** Last covered day, inclusive. */
  endsOn: IsoDay | null;
  /** Days from today to the last covered day; negative once expired. */
  daysLeft: number | null;
}

export interface Asset {
  id: number;
  customerId: number;
  customerName: string;
  contractId: number | null;
  contractNumber: string | null;
  siteId: number | null;
  siteName: string | null;
  parentId: number | null;
  serialNumber: string;
  vendor: string;
  model: string;
  category: AssetCategory;
  room: string;
  rack: string;
  unit: string;
  softwareVersion: string;
  firmwareVersion: string;
  ipAddress: string;
  hostname: string;
  installDate: IsoDay | null;
  warrantyEnd: IsoDay | null;
  warrantyCardNo: string;
  status: AssetStatus;
  customFields: Record<string, string>;
  notes: string;
  warranty: Warranty;
  createdAt: number;
  updatedAt: number;
}

export interface AssetComponent {
  id: number;
  serialNumber: string;
  vendor: string;
  model: string;
  category: AssetCategory;
  status: AssetStatus;
}

export interface AssetDetail extends Asset {
  components: AssetComponent[];
}

export interface AssetInput {
  customerId?: number;
  serialNumber?: string;
  vendor?: string;
  model?: string;
  category?: AssetCategory;
  contractId?: number | null;
  siteId?: number | null;
  parentId?: number | null;
  room?: string;
  rack?: string;
  unit?: string;
  softwareVersion?: string;
  firmwareVersion?: string;
  ipAddress?: string;
  hostname?: string;
  installDate?: IsoDay | null;
  warrantyEnd?: IsoDay | null;
  warrantyCardNo?: string;
  status?: AssetStatus;
  customFields?: Record<string, string>;
  notes?: string;
  /** Recorded with the change history entries of this edit. */
  changeNote?: string;
}

export interface AssetFilters {
  serial?: string;
  model?: string;
  customerId?: number;
  contractId?: number;
  siteId?: number;
  category?: AssetCategory;
  status?: AssetStatus;
  vendor?: string;
  expiringWithinDays?: number;
  warranty?: WarrantyState;
}

export interface AssetListParams extends PageParams, AssetFilters {}

export interface AssetChange {
  id: number;
  at: number;
  field: string;
  oldValue: string | null;
  newValue: string | null;
  source: ChangeSource;
  actorName: string;
  note: string;
}

/** What the hotline needs from a serial number (R5): the device, its customer, contract, site and cover. */
export interface Entitlement {
  asset: Asset;
  customer: { id: number; code: string; name: string };
  contract: {
    id: number;
    number: string;
    name: string;
    coverage: Coverage;
    serviceEnd: IsoDay;
    warrantyEnd: IsoDay | null;
    sparesOnSite: boolean;
  } | null;
  site: { id: number; name: string; address: string } | null;
  warranty: Warranty;
}

export const IMPORT_KINDS = ['customers', 'contacts', 'assets'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export type SheetFormat = 'xlsx' | 'csv';

export interface ImportRowError {
  row: number;
  column: string;
  message: string;
}

export interface ImportResult {
  dryRun: boolean;
  total: number;
  valid: number;
  created: number;
  errors: ImportRowError[];
}

// ---- the service desk: tickets, their timeline and the call log (R1–R3, R5, R17) ----

// The kinds, statuses and transition targets are the server's own definitions (a pure module).
export { TICKET_KINDS, TICKET_STATUSES } from '../../../server/domains/tickets/workflow';
export type { TicketKind, TicketStatus, TransitionTarget } from '../../../server/domains/tickets/workflow';
export const TICKET_CHANNELS = ['phone', 'portal', 'email', 'onsite', 'api'] as const;
export type TicketChannel = (typeof TICKET_CHANNELS)[number];
export const TICKET_GRADES = ['general', 'major', 'emergency'] as const;
export type TicketGrade = (typeof TICKET_GRADES)[number];
export const TICKET_QUEUES = ['mine', 'team', 'unassigned', 'all'] as const;
export type TicketQueue = (typeof TICKET_QUEUES)[number];
export type TicketEventType = EventType;

export interface Ticket {
  id: number;
  number: string;
  kind: TicketKind;
  channel: TicketChannel;
  grade: TicketGrade | null;
  nonStopping: boolean;
  causeUnknown: boolean;
  status: TicketStatus;
  title: string;
  description: string;
  debugInfo: string;
  customerId: number;
  customerName: string;
  contactId: number | null;
  callerName: string;
  callerPhone: string;
  assetId: number | null;
  assetSerial: string | null;
  assetModel: string | null;
  contractId: number | null;
  contractNumber: string | null;
  teamId: number | null;
  teamName: string | null;
  ownerId: number | null;
  ownerName: string | null;
  watcherIds: number[];
  parentId: number | null;
  investigation: string;
  answer: string;
  createdAt: number;
  updatedAt: number;
  lastActivityAt: number;
  closedAt: number | null;
  allowedTransitions: TransitionTarget[];
  /** A search hit's matching text, when the server sends one. */
  snippet?: string;
  /** The nearest clock not yet stopped (running or breached and still running); null when none. */
  nextDeadline?: NextDeadline | null;
}

export interface NextDeadline {
  kind: ClockKind;
  deadline: number;
  state: 'running' | 'breached';
}

export interface TicketInput {
  kind: TicketKind;
  channel?: TicketChannel;
  grade?: TicketGrade;
  nonStopping?: boolean;
  causeUnknown?: boolean;
  title: string;
  description?: string;
  debugInfo?: string;
  customerId?: number;
  contactId?: number;
  callerName?: string;
  callerPhone?: string;
  assetId?: number;
  teamId?: number;
  ownerId?: number;
  parentId?: number;
}

export interface TicketPatch {
  title?: string;
  description?: string;
  debugInfo?: string;
  grade?: TicketGrade | null;
  nonStopping?: boolean;
  causeUnknown?: boolean;
  investigation?: string;
  answer?: string;
  watcherIds?: number[];
  /** The major incident this ticket is one caller's report of; null detaches it. */
  parentId?: number | null;
}

export interface TicketFilters {
  queue?: TicketQueue;
  status?: TicketStatus | 'open' | 'closed';
  kind?: TicketKind;
  grade?: TicketGrade;
  customerId?: number;
  assetId?: number;
  ownerId?: number;
  teamId?: number;
  channel?: TicketChannel;
  from?: number;
  to?: number;
  /** age: newest first (the default); deadline: nearest running clock first. */
  sort?: TicketSort;
  /** breached: a clock is past its deadline; soon: a running clock falls due within the hour. */
  due?: TicketDue;
}

export const TICKET_SORTS = ['age', 'deadline'] as const;
export type TicketSort = (typeof TICKET_SORTS)[number];
export const TICKET_DUES = ['soon', 'breached'] as const;
export type TicketDue = (typeof TICKET_DUES)[number];

export interface TicketListParams extends PageParams, TicketFilters {}

export type TicketCounts = Record<TicketQueue, number>;

export interface TicketEvent {
  id: number;
  at: number;
  type: TicketEventType;
  internal: boolean;
  actorId: number | null;
  actorName: string;
  body: string;
  data: Record<string, unknown>;
}

export interface CallInput {
  callerName?: string;
  callerPhone?: string;
  customerId?: number;
  contactId?: number;
  ticketId?: number;
  /** Epoch ms. */
  startedAt: number;
  durationSec: number;
  summary?: string;
}

export interface Call {
  id: number;
  callerName: string;
  callerPhone: string;
  customerId: number | null;
  customerName: string | null;
  contactId: number | null;
  ticketId: number | null;
  ticketNumber: string | null;
  agentId: number;
  agentName: string;
  startedAt: number;
  durationSec: number;
  summary: string;
}

/** What `GET /api/tickets/stream` announces. */
export interface TicketStreamEvent {
  id: number;
  number: string;
  action: 'created' | 'updated';
}

// ---- attachments, links and merges, routing rules, saved views (issue 4) ----

/** The largest file one upload may carry (the server's ATTACHMENT_MAX_BYTES). */
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;

export interface Attachment {
  id: number;
  ticketId: number;
  name: string;
  /** Detected by the server from the content, not from the name. */
  contentType: string;
  size: number;
  sha256: string;
  /** Staff only; customer contacts never see it. */
  internal: boolean;
  uploadedBy: { id: number; name: string } | null;
  createdAt: number;
  /** Where to download it (same access as the ticket). */
  url: string;
}

export const LINK_TYPES = ['related', 'duplicate'] as const;
export type LinkType = (typeof LINK_TYPES)[number];

/** A ticket's related and duplicate tickets, its parent incident and that incident's children. */
export interface TicketLinks {
  related: Ticket[];
  /** Tickets merged into (or marked duplicates of) this one. */
  duplicates: Ticket[];
  duplicateOf: Ticket | null;
  parent: Ticket | null;
  children: Ticket[];
}

export const ROUTING_OWNER_MODES = ['none', 'fixed', 'contract_owner'] as const;
export type RoutingOwnerMode = (typeof ROUTING_OWNER_MODES)[number];

export interface RoutingRule {
  id: number;
  /** Rules are tried in ascending position; the first whose conditions all hold decides. */
  position: number;
  name: string;
  active: boolean;
  customerId: number | null;
  kind: TicketKind | null;
  category: AssetCategory | null;
  grade: TicketGrade | null;
  channel: TicketChannel | null;
  teamId: number | null;
  ownerMode: RoutingOwnerMode;
  ownerId: number | null;
}

export type RoutingRuleInput = Omit<RoutingRule, 'id'>;

/** A saved queue view: the queue and filters under a name, private to whoever saved it. */
export interface TicketView {
  id: number;
  name: string;
  query: TicketFilters;
  createdAt: number;
}

// ---- service clocks, calendars, notifications and compliance (issue 5, R4) ----

// The clock kinds, grades and escalation targets are the server's own (pure modules, no I/O).
export { CLOCK_KINDS, FAULT_GRADES, MAX_TARGET_MINUTES } from '../../../server/domains/clocks/policy';
export { ESCALATION_TARGETS, MAX_ESCALATION_MINUTES, MAX_ESCALATION_STEPS } from '../../../server/domains/clocks/escalation';
export type { ClockKind, EscalationTarget, FaultGrade };

export const CLOCK_STATES = ['pending', 'running', 'paused', 'met', 'breached'] as const;
export type ClockState = (typeof CLOCK_STATES)[number];

/** One of a ticket's clocks as `GET /api/tickets/:id/clocks` reads it at the server's `now`. */
export interface TicketClock {
  kind: ClockKind;
  grade: FaultGrade;
  state: ClockState;
  targetMs: number;
  /** Counts every hour, whatever the contract's calendar. */
  roundTheClock: boolean;
  startedAt: number | null;
  /** Null while pending or paused. */
  deadline: number | null;
  warnAt: number | null;
  stoppedAt: number | null;
  breachedAt: number | null;
  /** Working time left at `now`; negative when overdue; frozen while paused or stopped. */
  remainingMs: number | null;
  warnedAt: number | null;
  escalationStep: number;
}

export interface TicketClocks {
  now: number;
  items: TicketClock[];
}

export interface EscalationStep {
  afterMinutes: number;
  to: EscalationTarget[];
}

export interface EscalationPolicy {
  warn: EscalationTarget[];
  breach: EscalationStep[];
}

export type ClockTargets = Record<FaultGrade, Record<ClockKind, number>>;

export interface ClockPolicy {
  id: number;
  name: string;
  description: string;
  isDefault: boolean;
  /** Minutes of working time per grade and clock. */
  targets: ClockTargets;
  /** Share of the target after which a running clock warns, 0 < f < 1. */
  warnFraction: number;
  roundTheClock: { grades: FaultGrade[]; kinds: ClockKind[] };
  escalation: EscalationPolicy;
  createdAt: number;
  updatedAt: number;
}

export interface ClockPolicyInput {
  name: string;
  description?: string;
  isDefault?: boolean;
  targets: ClockTargets;
  warnFraction: number;
  roundTheClock?: { grades: FaultGrade[]; kinds: ClockKind[] };
  escalation?: EscalationPolicy;
}

/** One problem of a `policy_invalid` or `calendar_invalid` error, with where it is. */
export interface SettingProblem {
  code: string;
  /** `targets.major.restore`, `warnFraction`, `escalation.breach[1].afterMinutes`, `week.mon[0]`… */
  path: string;
  message: string;
}

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface WorkingHours {
  /** HH:MM */
  from: string;
  /** HH:MM, up to 24:00 */
  to: string;
}

export type Week = Partial<Record<Weekday, WorkingHours[]>>;

export const CALENDAR_KINDS = ['7x24', 'business_hours'] as const;
export type CalendarKind = (typeof CALENDAR_KINDS)[number];

export interface ServiceCalendar {
  id: number;
  name: string;
  description: string;
  /** Built-in: the calendar of contracts with this coverage and no calendar of their own. */
  preset: 'round_the_clock' | 'business_hours' | null;
  kind: CalendarKind;
  timeZone: string;
  week: Week | null;
  /** Years with holidays or make-up workdays loaded. */
  years: number[];
  createdAt: number;
  updatedAt: number;
}

export interface CalendarInput {
  name: string;
  description?: string;
  kind: CalendarKind;
  timeZone?: string;
  week?: Week;
}

export interface HolidayDay {
  /** YYYY-MM-DD */
  day: string;
  kind: 'holiday' | 'workday';
  name?: string;
  /** A make-up workday's own hours; Monday's when absent. */
  hours?: WorkingHours[];
}

export interface CalendarYear {
  calendarId: number;
  year: number;
  days: HolidayDay[];
  /** The same days in the holiday file format. */
  file: string;
}

/** One bad line of a holiday file (`holiday_file_invalid` details.errors). */
export interface HolidayFileError {
  line: number;
  message: string;
}

export const NOTIFICATION_KINDS = ['warning', 'breach', 'escalation', 'dispatched', 'below_minimum'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface AppNotification {
  id: number;
  kind: NotificationKind;
  clockKind: ClockKind | null;
  /** Escalation step (0 for the warning and the breach). */
  step: number;
  ticketId: number | null;
  ticketNumber: string | null;
  deadline: number | null;
  /** below_minimum: the part and the store whose available stock fell below its minimum. */
  stock: { partId: number; partNumber: string; storeId: number; storeName: string } | null;
  createdAt: number;
  readAt: number | null;
}

export interface NotificationListParams extends PageParams {
  unread?: boolean;
}

export const COMPLIANCE_GROUPINGS = ['clock', 'grade', 'customer', 'contract', 'team', 'month'] as const;
export type ComplianceGroupBy = (typeof COMPLIANCE_GROUPINGS)[number];

export interface ComplianceFilters {
  /** First day, YYYY-MM-DD; 29 days before `to` when absent. */
  from?: string;
  /** Last day included, YYYY-MM-DD; today when absent. */
  to?: string;
  clockKind?: ClockKind;
  grade?: FaultGrade;
  customerId?: number;
  contractId?: number;
  teamId?: number;
  ticketKind?: 'fault' | 'consultation';
}

export interface ComplianceCounts {
  met: number;
  breached: number;
  open: number;
  total: number;
  /** met / (met + breached); null when nothing was decided. */
  compliance: number | null;
}

export interface ComplianceGroup extends ComplianceCounts {
  key: string | number | null;
  label: string;
}

export interface ComplianceReport {
  from: string;
  to: string;
  groupBy: ComplianceGroupBy;
  overall: ComplianceCounts;
  groups: ComplianceGroup[];
}

export interface ClockBreach {
  ticketId: number;
  ticketNumber: string | null;
  clockKind: ClockKind;
  grade: FaultGrade;
  customerId: number;
  customerName: string;
  contractId: number | null;
  contractNumber: string | null;
  teamId: number | null;
  teamName: string | null;
  ownerId: number | null;
  ownerName: string | null;
  startedAt: number;
  deadline: number;
  /** null: still running. */
  stoppedAt: number | null;
  overdueMs: number;
}
