import type { Role, User } from '../../../api/types';
import { hasAnyRole, isCustomerContact } from '../../../components/access';

/**
 * Who works RMA cases and loaners; mirrors partsPolicy.rma and partsPolicy.loans in
 * server/domains/parts/parts.policy.ts (the server still decides). All staff read them.
 */
export const RMA_ACCESS = {
  rma: ['admin', 'manager', 'storekeeper'],
  loans: ['admin', 'manager', 'storekeeper', 'dispatcher'],
} as const satisfies Record<string, readonly Role[]>;

/** Sends faulty stock or devices to the vendor and takes them back. */
export function canWorkRma(user: User): boolean {
  return !isCustomerContact(user) && hasAnyRole(user, RMA_ACCESS.rma);
}

/** Lends loaners and takes them back. */
export function canLend(user: User): boolean {
  return !isCustomerContact(user) && hasAnyRole(user, RMA_ACCESS.loans);
}

/** Query keys: an RMA or a loan also moves stock, so STOCK_KEY is refreshed with them. */
export const RMA_KEY = ['rma'] as const;
export const LOANS_KEY = ['loans'] as const;
