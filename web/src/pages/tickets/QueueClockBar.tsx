import { ClockCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { Button, Flex, Select, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { TICKET_SORTS, type TicketDue, type TicketSort } from '../../api/types';
import { useIsPhone } from '../../components/useIsPhone';

interface Props {
  sort: TicketSort;
  due: TicketDue | undefined;
  onSort: (sort: TicketSort) => void;
  onDue: (due: TicketDue | undefined) => void;
}

/** 服务时限 on the queue: newest first or nearest deadline first, and the two clock filters (R4). */
export function QueueClockBar({ sort, due, onSort, onDue }: Props) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const dueButton = (value: TicketDue, icon: ReactNode) => (
    <Button
      size="small"
      shape="round"
      icon={icon}
      type={due === value ? 'primary' : 'default'}
      danger={value === 'breached' && due === value}
      aria-pressed={due === value}
      onClick={() => onDue(due === value ? undefined : value)}
      data-testid={`tickets-due-${value}`}
    >
      {t(`tickets.due.${value}`)}
    </Button>
  );
  return (
    <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }} data-testid="tickets-clock-bar">
      <Select<TicketSort>
        value={sort}
        onChange={onSort}
        options={TICKET_SORTS.map((v) => ({ value: v, label: <span data-testid={`sort-option-${v}`}>{t(`tickets.sort.${v}`)}</span> }))}
        style={{ width: isPhone ? 'calc(50% - 4px)' : 180 }}
        prefix={<Typography.Text type="secondary">{t('tickets.sortLabel')}</Typography.Text>}
        aria-label={t('tickets.sortLabel')}
        data-testid="tickets-sort"
      />
      {dueButton('soon', <ClockCircleOutlined />)}
      {dueButton('breached', <ExclamationCircleOutlined />)}
    </Flex>
  );
}
