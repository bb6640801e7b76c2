/** Shapes of the server's JSON API (see /api/docs). Times are UTC epoch milliseconds. */

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
