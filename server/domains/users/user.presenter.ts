import type { UserRow } from '../../db/schema.js';
import type { Role } from './roles.js';
import type { UserDto } from './user.schemas.js';

/** The one place that decides which user fields leave the server (never the password hash). */
export function presentUser(row: UserRow, roles: Role[]): UserDto {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    email: row.email,
    phone: row.phone,
    roles,
    customerId: row.customer_id,
    locale: row.locale === 'en' || row.locale === 'zh-CN' ? row.locale : null,
    disabled: row.disabled_at !== null,
    disabledAt: row.disabled_at,
    mustChangePassword: row.must_change_password === 1,
    lastSignInAt: row.last_sign_in_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
