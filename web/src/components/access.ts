import type { Role, User } from '../api/types';

/** Which roles may open each admin page; mirrors the server's policies (the server still decides). */
export const ADMIN_ACCESS = {
  users: ['admin'],
  teams: ['admin', 'manager'],
  tokens: ['admin'],
  audit: ['admin', 'manager'],
} as const satisfies Record<string, readonly Role[]>;

/**
 * Routing rules: the server lets every staff member read them and administrators and service
 * managers change them. The menu offers the page to those who change them and to the desk that
 * routes tickets by hand; other staff may still open it, read only.
 */
export const ROUTING_ACCESS = {
  manage: ['admin', 'manager'],
  menu: ['admin', 'manager', 'dispatcher', 'agent'],
  read: ['admin', 'manager', 'dispatcher', 'agent', 'engineer', 'storekeeper'],
} as const satisfies Record<string, readonly Role[]>;

/**
 * Service clocks (R4): every staff member may read policies, calendars and compliance; administrators
 * and service managers change policies and calendars. The menu offers the settings to those who
 * change them; other staff may still open them, read only.
 */
export const CLOCK_ACCESS = {
  manage: ['admin', 'manager'],
  menu: ['admin', 'manager'],
  read: ['admin', 'manager', 'dispatcher', 'agent', 'engineer', 'storekeeper'],
} as const satisfies Record<string, readonly Role[]>;

export function hasAnyRole(user: Pick<User, 'roles'> | null | undefined, roles: readonly Role[]): boolean {
  return !!user && user.roles.some((r) => roles.includes(r));
}

export function isCustomerContact(user: Pick<User, 'roles'> | null | undefined): boolean {
  return !!user && user.roles.includes('customer_contact');
}

/** Who may change customer files, contracts, assets and run imports; mirrors the server's policies. */
export const CUSTOMER_ACCESS = {
  customers: ['admin', 'manager', 'dispatcher', 'agent'],
  contracts: ['admin', 'manager'],
  assets: ['admin', 'manager', 'dispatcher', 'agent', 'engineer'],
  imports: ['admin', 'manager'],
  /** Portal accounts for contacts follow the customer files. */
  portalAccounts: ['admin', 'manager', 'dispatcher', 'agent'],
} as const satisfies Record<string, readonly Role[]>;

export type CustomerWrite = keyof typeof CUSTOMER_ACCESS;

export function canWrite(user: Pick<User, 'roles'> | null | undefined, what: CustomerWrite): boolean {
  return !isCustomerContact(user) && hasAnyRole(user, CUSTOMER_ACCESS[what]);
}
