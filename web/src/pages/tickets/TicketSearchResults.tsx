import { Empty, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { searchTickets } from '../../api/client';
import type { Ticket, TicketKind } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadMore } from '../../components/LoadMore';
import { useKeysetList } from '../../components/useKeysetList';
import { Highlight, excerpt } from './Highlight';
import { RelativeTime, TicketKindTag, TicketStatusTag } from './labels';

export function TicketNumberLink({ ticket }: { ticket: Ticket }) {
  return (
    <Link to={`/tickets/${ticket.id}`} data-testid={`ticket-row-${ticket.number}`} onClick={(e) => e.stopPropagation()} style={{ whiteSpace: 'nowrap' }}>
      {ticket.number}
    </Link>
  );
}

/** The fault archive's answers (故障处理档案): number, title with the matching text, status, customer. */
export function SearchResults({ q, staff }: { q: string; staff: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useKeysetList(['tickets', 'search', q], (cursor) => searchTickets({ q, cursor, limit: 30 }));
  const columns: TableColumnsType<Ticket> = [
    { title: t('ticket.number'), dataIndex: 'number', width: 170, render: (_: string, tk) => <TicketNumberLink ticket={tk} /> },
    {
      title: t('ticket.title'),
      dataIndex: 'title',
      render: (_: string, tk) => (
        <div style={{ minWidth: 200 }}>
          <Typography.Text strong>
            <Highlight text={tk.title} q={q} />
          </Typography.Text>
          {(tk.snippet || tk.description) && (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                <Highlight text={tk.snippet || excerpt(tk.description, q)} q={q} />
              </Typography.Text>
            </div>
          )}
        </div>
      ),
    },
    { title: t('ticket.kind'), dataIndex: 'kind', width: 100, render: (v: TicketKind) => <TicketKindTag kind={v} /> },
    { title: t('ticket.status'), dataIndex: 'status', width: 120, render: (_: string, tk) => <TicketStatusTag status={tk.status} /> },
    ...(staff ? [{ title: t('ticket.customer'), dataIndex: 'customerName', width: 200, ellipsis: true }] : []),
    { title: t('common.createdAt'), dataIndex: 'createdAt', width: 120, render: (v: number) => <RelativeTime ms={v} /> },
  ];
  return (
    <div data-testid="tickets-search-results">
      <Typography.Paragraph type="secondary">{t('tickets.searchFor', { q })}</Typography.Paragraph>
      <ErrorAlert error={list.error} />
      <Table<Ticket>
        rowKey="id"
        columns={columns}
        dataSource={list.items}
        loading={list.isPending && !list.error}
        pagination={false}
        scroll={{ x: 800 }}
        size="middle"
        locale={{ emptyText: <Empty description={t('tickets.searchEmpty')} /> }}
        onRow={(tk) => ({ onClick: () => void navigate(`/tickets/${tk.id}`), style: { cursor: 'pointer' } })}
      />
      <LoadMore count={list.items.length} hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onLoadMore={() => void list.fetchNextPage()} />
    </div>
  );
}
