import { useQuery } from '@tanstack/react-query';
import { listCustomers } from '../api/client';
import type { Customer } from '../api/types';

/** Customers for pickers and labels. The console lists up to 200; search covers the rest later. */
export function useCustomers() {
  return useQuery({
    queryKey: ['customers', 'picker'],
    queryFn: async () => (await listCustomers({ limit: 200 })).items,
    staleTime: 60_000,
  });
}

export function customerLabel(c: Customer): string {
  return `${c.name} (${c.code})`;
}
