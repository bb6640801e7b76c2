import { useInfiniteQuery } from '@tanstack/react-query';
import type { Page } from '../api/types';

/** A keyset-paginated list: pages are fetched with the previous page's nextCursor. */
export function useKeysetList<T>(key: readonly unknown[], fetchPage: (cursor: string | undefined) => Promise<Page<T>>) {
  const query = useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  return { ...query, items };
}
