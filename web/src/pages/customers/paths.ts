import { isCustomerContact } from '../../components/access';
import { useCurrentUser } from '../../components/session';

/** Where asset and contract pages live: staff under /customers, customer contacts under /equipment. */
export interface CustomerPaths {
  asset: (id: number) => string;
  contract: (id: number) => string;
  /** The customer's file; null for customer contacts, who have no such page. */
  customer: ((id: number) => string) | null;
  assets: string;
}

const STAFF: CustomerPaths = {
  asset: (id) => `/customers/assets/${id}`,
  contract: (id) => `/customers/contracts/${id}`,
  customer: (id) => `/customers/${id}`,
  assets: '/customers/assets',
};

const CONTACT: CustomerPaths = {
  asset: (id) => `/equipment/assets/${id}`,
  contract: (id) => `/equipment/contracts/${id}`,
  customer: null,
  assets: '/equipment',
};

export function useCustomerPaths(): CustomerPaths {
  return isCustomerContact(useCurrentUser()) ? CONTACT : STAFF;
}
