import { Select, Spin } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listCustomers } from '../api/client';
import { useDebounced } from './useDebounced';

interface Props {
  value?: number | null;
  onChange?: (id: number | undefined) => void;
  /** The chosen customer's name, so it shows before any search. */
  known?: { id: number; name: string } | null;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  style?: React.CSSProperties;
  'data-testid'?: string;
}

/** Picks a customer by searching names and codes on the server as the person types. */
export function CustomerSelect({ value, onChange, known, placeholder, allowClear, disabled, style, ...rest }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const { data, isFetching } = useQuery({
    queryKey: ['customers', 'picker', q],
    queryFn: async () => (await listCustomers({ q: q || undefined, limit: 30 })).items,
    staleTime: 30_000,
  });
  const options = useMemo(() => {
    const list = (data ?? []).map((c) => ({ value: c.id, label: `${c.name} (${c.code})` }));
    if (value && !list.some((o) => o.value === value) && known && known.id === value) {
      list.unshift({ value: known.id, label: known.name });
    }
    return list;
  }, [data, value, known]);
  return (
    <Select<number | undefined>
      showSearch={{ filterOption: false, onSearch: setSearch }}
      options={options}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? undefined)}
      placeholder={placeholder ?? t('customers.pick')}
      notFoundContent={isFetching ? <Spin size="small" /> : t('common.noData')}
      allowClear={allowClear}
      disabled={disabled}
      style={{ width: '100%', ...style }}
      onOpenChange={(open) => {
        if (!open) setSearch('');
      }}
      data-testid={rest['data-testid']}
    />
  );
}
