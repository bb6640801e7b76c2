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
  created_at: number;
  updated_at: number;
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
}

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type TeamRow = Selectable<TeamsTable>;
export type SessionRow = Selectable<SessionsTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type CustomerRow = Selectable<CustomersTable>;
export type { ColumnType };
