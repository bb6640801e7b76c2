import { Select, Spin } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listUsers } from '../api/client';
import type { User } from '../api/types';
import { useDebounced } from './useDebounced';

export interface UserOption {
  id: number;
  username: string;
  displayName: string;
}

type Common = {
  /** Users already chosen, so their names show before any search. */
  known?: readonly UserOption[];
  activeOnly?: boolean;
  /** Leave out customer contacts (teams and tokens are for staff). */
  staffOnly?: boolean;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  'data-testid'?: string;
  onUsersSeen?: (users: UserOption[]) => void;
};

type Props =
  | (Common & { mode: 'multiple'; value?: number[]; onChange?: (v: number[]) => void })
  | (Common & { mode?: undefined; value?: number | null; onChange?: (v: number | undefined) => void });

const label = (u: UserOption) => `${u.displayName} (${u.username})`;

/** Picks users by searching the directory on the server as the person types. */
export function UserSelect(props: Props) {
  const { t } = useTranslation();
  const { known = [], activeOnly, staffOnly, onUsersSeen } = props;
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const [seen, setSeen] = useState<Map<number, UserOption>>(() => new Map());

  const { data, isFetching } = useQuery({
    queryKey: ['users', 'picker', q, !!activeOnly],
    queryFn: async () => (await listUsers({ q: q || undefined, status: activeOnly ? 'active' : undefined, limit: 30 })).items,
    staleTime: 30_000,
  });
  const found = useMemo(
    () => (data ?? []).filter((u: User) => !staffOnly || !u.roles.includes('customer_contact')),
    [data, staffOnly],
  );

  useEffect(() => {
    if (!found.length) return;
    setSeen((prev) => {
      const next = new Map(prev);
      for (const u of found) next.set(u.id, { id: u.id, username: u.username, displayName: u.displayName });
      return next;
    });
    onUsersSeen?.(found);
  }, [found, onUsersSeen]);

  const options = useMemo(() => {
    const map = new Map<number, UserOption>();
    for (const u of known) map.set(u.id, u);
    for (const [id, u] of seen) if (!map.has(id)) map.set(id, u);
    const selected = new Set<number>(
      props.mode === 'multiple' ? (props.value ?? []) : props.value ? [props.value] : [],
    );
    const foundIds = new Set(found.map((u) => u.id));
    return [...map.values()]
      .filter((u) => foundIds.has(u.id) || selected.has(u.id))
      .map((u) => ({ value: u.id, label: label(u) }));
  }, [known, seen, found, props.mode, props.value]);

  const common = {
    showSearch: { filterOption: false, onSearch: setSearch },
    options,
    placeholder: props.placeholder ?? t('userSelect.placeholder'),
    notFoundContent: isFetching ? <Spin size="small" /> : t('common.noData'),
    allowClear: props.allowClear,
    style: { width: '100%', ...props.style },
    'data-testid': props['data-testid'],
    onOpenChange: (open: boolean) => {
      if (!open) setSearch('');
    },
  };
  if (props.mode === 'multiple') {
    return <Select<number[]> {...common} mode="multiple" value={props.value} onChange={(v) => props.onChange?.(v)} />;
  }
  return (
    <Select<number | undefined>
      {...common}
      value={props.value ?? undefined}
      onChange={(v) => props.onChange?.(v ?? undefined)}
    />
  );
}
