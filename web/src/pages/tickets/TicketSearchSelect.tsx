import { Select, Space, Spin, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listTickets, searchTickets } from '../../api/client';
import type { Ticket } from '../../api/types';
import { useDebounced } from '../../components/useDebounced';
import { TicketStatusTag } from './labels';

interface Props {
  /** The ticket the choice is for: left out of the options. */
  ticket: Ticket;
  value?: number;
  onChange?: (id: number | undefined, picked: Ticket | undefined) => void;
  /** Only tickets of the same customer may be chosen (links and merges); others show disabled. */
  sameCustomer?: boolean;
  autoFocus?: boolean;
  'data-testid'?: string;
}

/**
 * Finds a ticket by number or words with the fault archive's search; before anything is typed it
 * offers the customer's open tickets, the usual candidates for a duplicate.
 */
export function TicketSearchSelect({ ticket, value, onChange, sameCustomer, autoFocus, ...rest }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const found = useQuery({
    queryKey: ['tickets', 'picker', q, ticket.customerId],
    queryFn: async () => (q ? await searchTickets({ q, limit: 20 }) : await listTickets({ queue: 'all', customerId: ticket.customerId, status: 'open', limit: 20 })).items,
    staleTime: 15_000,
  });
  const [picked, setPicked] = useState<Map<number, Ticket>>(new Map());
  const options = useMemo(() => {
    const list = (found.data ?? []).filter((tk) => tk.id !== ticket.id);
    if (value && !list.some((tk) => tk.id === value) && picked.has(value)) list.unshift(picked.get(value)!);
    return list.map((tk) => {
      const other = tk.customerId !== ticket.customerId;
      return {
        value: tk.id,
        disabled: !!sameCustomer && other,
        title: `${tk.number} ${tk.title}`,
        label: (
          <Space size={6} style={{ maxWidth: '100%' }} data-testid={`ticket-option-${tk.number}`}>
            <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
              {tk.number}
            </Typography.Text>
            <TicketStatusTag status={tk.status} />
            <Typography.Text ellipsis style={{ maxWidth: 260 }}>
              {tk.title}
            </Typography.Text>
            {other && <Tag style={{ marginInlineEnd: 0 }}>{sameCustomer ? t('links.otherCustomer') : tk.customerName}</Tag>}
          </Space>
        ),
      };
    });
  }, [found.data, ticket, value, picked, sameCustomer, t]);

  return (
    <Select<number>
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value}
      onChange={(id) => {
        const tk = (found.data ?? []).find((x) => x.id === id) ?? picked.get(id);
        if (tk) setPicked((m) => new Map(m).set(tk.id, tk)); // keeps its label once the search changes
        onChange?.(id ?? undefined, tk);
      }}
      options={options}
      placeholder={t('links.searchPlaceholder')}
      notFoundContent={found.isFetching ? <Spin size="small" /> : q ? t('links.noMatch') : t('links.noOpenTickets')}
      autoFocus={autoFocus}
      allowClear
      style={{ width: '100%' }}
      onOpenChange={(open) => {
        if (!open) setSearch('');
      }}
      data-testid={rest['data-testid']}
    />
  );
}
