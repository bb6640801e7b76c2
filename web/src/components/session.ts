import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getMe } from '../api/client';
import type { User } from '../api/types';

export const ME_KEY = ['me'] as const;

/** The signed-in user (null when signed out); every page reads it from this one query. */
export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: getMe, staleTime: 5 * 60_000, retry: 1 });
}

/** The signed-in user, for pages that render only inside the signed-in shell. */
export function useCurrentUser(): User {
  const qc = useQueryClient();
  const user = qc.getQueryData<User | null>(ME_KEY);
  if (!user) throw new Error('useCurrentUser outside a session');
  return user;
}
