import { CloseOutlined } from '@ant-design/icons';
import { Empty, Flex, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { listMovements, type StockEntry } from '../../api/parts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../components/format';
import { useKeysetList } from '../../components/useKeysetList';
import { Delta, MovementKindTag, STOCK_KEY } from './labels';
import { PartSelect, StoreSelect } from './pickers';

/**
 * 出入库记录 (issue 7 item 3): the append-only ledger every level is derived from, newest first.
 * Serial-tracked parts have a row per unit; the rows of one movement share a batch.
 */
export function MovementsPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const storeId = Number(params.get('storeId')) || undefined;
  const partId = Number(params.get('partId')) || undefined;
  const dispatchId = Number(params.get('dispatchId')) || undefined;
  const list = useKeysetList([...STOCK_KEY, 'movements', storeId, partId, dispatchId], (cursor) => listMovements({ storeId, partId, dispatchId, cursor, limit: 100 }));

  const setFilter = (key: string, value: number | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, String(value));
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const columns: TableColumnsType<StockEntry> = [
    { title: t('parts.movements.at'), dataIndex: 'at', width: 140, render: (v: number) => formatDateTime(v, i18n.language) },
    { title: t('parts.movements.kind'), dataIndex: 'kind', width: 110, render: (v: string) => <MovementKindTag kind={v} /> },
    {
      title: t('parts.partNumber'),
      dataIndex: 'partNumber',
      width: 160,
      render: (v: string, e) => (
        <Typography.Link onClick={() => setFilter('partId', e.partId)} title={t('parts.movements.filterPart')}>
          {v}
        </Typography.Link>
      ),
    },
    {
      title: t('parts.store'),
      dataIndex: 'storeName',
      width: 160,
      render: (v: string, e) => (
        <Typography.Link onClick={() => setFilter('storeId', e.storeId)} title={t('parts.movements.filterStore')}>
          {v}
        </Typography.Link>
      ),
    },
    { title: t('parts.qty'), dataIndex: 'qty', width: 60, align: 'right' },
    {
      title: (
        <Tooltip title={t('parts.movements.deltasHint')}>
          <span>{t('parts.movements.deltas')}</span>
        </Tooltip>
      ),
      key: 'deltas',
      width: 190,
      render: (_, e) => (
        <Space size={10}>
          <span title={t('parts.stock.onHand')}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('parts.movements.onHandShort')}
            </Typography.Text>{' '}
            <Delta value={e.onHandDelta} />
          </span>
          <span title={t('parts.stock.reserved')}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('parts.movements.reservedShort')}
            </Typography.Text>{' '}
            <Delta value={e.reservedDelta} />
          </span>
          <span title={t('parts.stock.faulty')}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('parts.movements.faultyShort')}
            </Typography.Text>{' '}
            <Delta value={e.faultyDelta} />
          </span>
        </Space>
      ),
    },
    { title: t('parts.serial'), dataIndex: 'serial', width: 150, render: (v: string | null) => (v ? <Typography.Text code>{v}</Typography.Text> : '—') },
    {
      title: t('parts.movements.job'),
      key: 'job',
      width: 120,
      render: (_, e) => (
        <Flex vertical gap={0}>
          {e.dispatchId !== null && (
            <Link to={`/field/visits/${e.dispatchId}`} data-testid={`movement-visit-${e.id}`}>
              {t('parts.visitLink', { id: e.dispatchId })}
            </Link>
          )}
          {e.ticketId !== null && (
            <Link to={`/tickets/${e.ticketId}`} data-testid={`movement-ticket-${e.id}`}>
              {t('parts.ticketLink', { id: e.ticketId })}
            </Link>
          )}
          {/* the RMA and loan pages are their own; the ledger names the case */}
          {e.rmaId != null && <Typography.Text data-testid={`movement-rma-${e.id}`}>{t('parts.rmaLink', { id: e.rmaId })}</Typography.Text>}
          {e.loanId != null && <Typography.Text data-testid={`movement-loan-${e.id}`}>{t('parts.loanLink', { id: e.loanId })}</Typography.Text>}
          {e.dispatchId === null && e.ticketId === null && e.rmaId == null && e.loanId == null && '—'}
        </Flex>
      ),
    },
    { title: t('parts.movements.who'), dataIndex: 'actorName', width: 100 },
    {
      title: t('parts.movements.reason'),
      dataIndex: 'reason',
      width: 200,
      render: (v: string) => (v ? <Typography.Paragraph ellipsis={{ rows: 2, tooltip: v }} style={{ marginBottom: 0 }}>{v}</Typography.Paragraph> : '—'),
    },
  ];

  return (
    <>
      <PageHeader title={t('parts.movements.title')} />
      <Typography.Paragraph type="secondary" style={{ maxWidth: 820 }}>
        {t('parts.movements.intro')}
      </Typography.Paragraph>
      <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
        <StoreSelect value={storeId} onChange={(v) => setFilter('storeId', v)} allowClear placeholder={t('parts.allStores')} style={{ width: 260, maxWidth: '100%' }} data-testid="movements-filter-store" />
        <PartSelect
          value={partId}
          known={partId ? { id: partId, partNumber: list.items.find((e) => e.partId === partId)?.partNumber ?? `#${partId}` } : null}
          onChange={(v) => setFilter('partId', v)}
          allowClear
          placeholder={t('parts.allParts')}
          style={{ width: 260, maxWidth: '100%' }}
          data-testid="movements-filter-part"
        />
        {dispatchId && (
          <Tag closeIcon={<CloseOutlined />} onClose={() => setFilter('dispatchId', undefined)} data-testid="movements-filter-visit">
            {t('parts.visitLink', { id: dispatchId })}
          </Tag>
        )}
      </Flex>
      <ErrorAlert error={list.error} />
      <div data-testid="movements-table">
        <Table<StockEntry>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={list.items}
          loading={list.isPending}
          pagination={false}
          scroll={{ x: 1400 }}
          onRow={(e) => ({ 'data-testid': `movement-${e.id}`, 'data-kind': e.kind }) as React.HTMLAttributes<HTMLElement>}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('parts.movements.empty')} /> }}
        />
      </div>
      <LoadMore count={list.items.length} hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onLoadMore={() => void list.fetchNextPage()} />
    </>
  );
}
