/** The roles of REQUIREMENTS.md ("Who uses it"). A person may hold several staff roles. */
export const STAFF_ROLES = ['admin', 'manager', 'dispatcher', 'agent', 'engineer', 'storekeeper'] as const;
export const ROLES = [...STAFF_ROLES, 'customer_contact'] as const;

export type StaffRole = (typeof STAFF_ROLES)[number];
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/**
 * Why a set of roles cannot be given, or null when it can. A customer contact sees only their own
 * organisation's data, so the role is never combined with a staff role.
 */
export function rolesProblem(roles: readonly string[]): string | null {
  if (roles.length === 0) return 'at least one role is required';
  const unknown = roles.filter((r) => !isRole(r));
  if (unknown.length) return `unknown role ${unknown.join(', ')}`;
  if (new Set(roles).size !== roles.length) return 'a role is listed twice';
  if (roles.includes('customer_contact') && roles.length > 1) {
    return 'customer_contact cannot be combined with staff roles';
  }
  return null;
}
