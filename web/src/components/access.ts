import type { Role, User } from '../api/types';

/** Which roles may open each admin page; mirrors the server's policies (the server still decides). */
export const ADMIN_ACCESS = {
  users: ['admin'],
  teams: ['admin', 'manager'],
  tokens: ['admin'],
  audit: ['admin', 'manager'],
} as const satisfies Record<string, readonly Role[]>;

export function hasAnyRole(user: Pick<User, 'roles'> | null | undefined, roles: readonly Role[]): boolean {
  return !!user && user.roles.some((r) => roles.includes(r));
}

export function isCustomerContact(user: Pick<User, 'roles'> | null | undefined): boolean {
  return !!user && user.roles.includes('customer_contact');
}
