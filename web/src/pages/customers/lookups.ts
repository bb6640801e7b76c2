import { useQuery } from '@tanstack/react-query';
import { listContracts, listSites } from '../../api/client';

/** A customer's contracts for pickers (up to 200, the most one customer is expected to have). */
export function useCustomerContracts(customerId: number | undefined | null) {
  return useQuery({
    queryKey: ['contracts', 'picker', customerId],
    queryFn: async () => (await listContracts({ customerId: customerId ?? undefined, limit: 200 })).items,
    enabled: !!customerId,
    staleTime: 30_000,
  });
}

/** A customer's sites for pickers. */
export function useCustomerSites(customerId: number | undefined | null) {
  return useQuery({
    queryKey: ['sites', 'picker', customerId],
    queryFn: async () => (await listSites({ customerId: customerId ?? undefined, limit: 200 })).items,
    enabled: !!customerId,
    staleTime: 30_000,
  });
}
