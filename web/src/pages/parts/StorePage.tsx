import { ArrowLeftOutlined, AuditOutlined, EditOutlined, HistoryOutlined, ImportOutlined, SaveOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Empty, Flex, InputNumber, Result, Skeleton, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { getStore, listStock, setMinimum, type StockLevel } from '../../api/parts';
import { ErrorAlert, errorText } from '../../components/ErrorAlert';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { useCurrentUser } from '../../components/session';
import { useKeysetList } from '../../components/useKeysetList';
import { canManageParts } from './access';
import { STOCK_KEY, STORES_KEY, SerialTrackedTag, StoreKindTag } from './labels';
import { PartSelect } from './pickers';
import { StockMovementModal, type MovePreset } from './StockMovementModal';
import { StoreDrawer, StorePlace } from './StoresPage';

/** Sets a minimum (0 removes it); the server alerts the storekeepers when available falls below it. */
function useSetMinimum(storeId: number) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ partId, minQty }: { partId: number; minQty: number }) => setMinimum(storeId, partId, minQty),
    onSuccess: (level) => {
      message.success(level.minimum ? t('parts.minimums.savedOk', { partNumber: level.partNumber, minimum: level.minimum }) : t('parts.minimums.removedOk', { partNumber: level.partNumber }));
      void qc.invalidateQueries({ queryKey: STOCK_KEY });
    },
    onError: (e) => message.error(errorText(e, t)),
  });
}

function MinimumCell({ level, onSave, saving }: { level: StockLevel; onSave: (minQty: number) => void; saving: boolean }) {
  const [value, setValue] = useState<number | null>(level.minimum);
  const changed = (value ?? 0) !== level.minimum;
  return (
    <Space.Compact>
      <InputNumber
        min={0}
        max={1_000_000}
        precision={0}
        value={value}
        onChange={setValue}
        onPressEnter={() => changed && onSave(value ?? 0)}
        style={{ width: 90 }}
        inputMode="numeric"
        data-testid={`minimum-${level.partId}`}
      />
      <Button icon={<SaveOutlined />} disabled={!changed} loading={saving} onClick={() => onSave(value ?? 0)} data-testid={`minimum-save-${level.partId}`} />
    </Space.Compact>
  );
}

/** A minimum for a part the store does not list yet. */
function AddMinimum({ storeId }: { storeId: number }) {
  const { t } = useTranslation();
  const [partId, setPartId] = useState<number | undefined>();
  const [qty, setQty] = useState<number | null>(1);
  const mutation = useSetMinimum(storeId);
  return (
    <Flex gap={8} wrap align="center" data-testid="minimum-add">
      <PartSelect value={partId} onChange={(v) => setPartId(v)} style={{ width: 280, maxWidth: '100%' }} data-testid="minimum-add-part" />
      <Typography.Text>{t('parts.stock.minimum')}</Typography.Text>
      <InputNumber min={1} max={1_000_000} precision={0} value={qty} onChange={setQty} inputMode="numeric" style={{ width: 100 }} data-testid="minimum-add-qty" />
      <Button
        disabled={!partId || !qty}
        loading={mutation.isPending}
        onClick={() => mutation.mutate({ partId: partId!, minQty: qty! }, { onSuccess: () => setPartId(undefined) })}
        data-testid="minimum-add-submit"
      >
        {t('parts.minimums.add')}
      </Button>
    </Flex>
  );
}

/** One store: where it is kept, its parts with their levels and minimums, its count and its ledger. */
export function StorePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const canManage = canManageParts(me);
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const [editing, setEditing] = useState(false);
  const [move, setMove] = useState<MovePreset | null>(null);
  const store = useQuery({ queryKey: [...STORES_KEY, 'one', id], queryFn: () => getStore(id), enabled: valid });
  const levels = useKeysetList([...STOCK_KEY, 'levels', id, 'store'], (cursor) => listStock({ storeId: id, cursor, limit: 100 }));
  const minimum = useSetMinimum(id);

  if (!valid || (isApiError(store.error) && store.error.status === 404)) {
    return (
      <Result
        status="404"
        title={t('parts.stores.notFound')}
        extra={
          <Link to="/parts/stores">
            <Button type="primary">{t('parts.stores.back')}</Button>
          </Link>
        }
      />
    );
  }
  if (store.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  const s = store.data;
  if (!s) return <ErrorAlert error={store.error} />;

  const columns: TableColumnsType<StockLevel> = [
    {
      title: t('parts.partNumber'),
      dataIndex: 'partNumber',
      width: 170,
      render: (v: string, l) => (
        <Space size={4} wrap>
          <Typography.Text strong>{v}</Typography.Text>
          {l.serialTracked && <SerialTrackedTag />}
        </Space>
      ),
    },
    { title: t('parts.description'), dataIndex: 'description', width: 220, ellipsis: true },
    { title: t('parts.stock.onHand'), dataIndex: 'onHand', width: 80, align: 'right' },
    { title: t('parts.stock.reserved'), dataIndex: 'reserved', width: 80, align: 'right' },
    {
      title: t('parts.stock.available'),
      dataIndex: 'available',
      width: 80,
      align: 'right',
      render: (v: number, l) => (
        <Typography.Text strong type={l.belowMinimum ? 'danger' : undefined}>
          {v}
        </Typography.Text>
      ),
    },
    { title: t('parts.stock.faulty'), dataIndex: 'faulty', width: 80, align: 'right' },
    {
      title: t('parts.stock.minimum'),
      dataIndex: 'minimum',
      width: canManage ? 150 : 80,
      render: (v: number, l) =>
        canManage ? <MinimumCell key={v} level={l} saving={minimum.isPending && minimum.variables?.partId === l.partId} onSave={(minQty) => minimum.mutate({ partId: l.partId, minQty })} /> : v || '—',
    },
    {
      title: '',
      key: 'below',
      width: 100,
      render: (_, l) =>
        l.belowMinimum ? (
          <Tag color="red" style={{ marginInlineEnd: 0 }} data-testid="below-minimum">
            {t('parts.stock.belowMinimum')}
          </Tag>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader
        title={
          <Space size={8} wrap>
            <Link to="/parts/stores" aria-label={t('common.back')}>
              <ArrowLeftOutlined />
            </Link>
            <span data-testid="store-name">{s.name}</span>
            <StoreKindTag kind={s.kind} />
            {!s.active && <Tag>{t('parts.stores.closed')}</Tag>}
          </Space>
        }
        extra={
          <>
            <Link to={`/parts/movements?storeId=${s.id}`}>
              <Button icon={<HistoryOutlined />} data-testid="store-movements">
                {t('parts.stores.movements')}
              </Button>
            </Link>
            {canManage && (
              <>
                <Button icon={<ImportOutlined />} disabled={!s.active} onClick={() => setMove({ move: 'receive', storeId: s.id })} data-testid="store-receive">
                  {t('parts.move.short.receive')}
                </Button>
                <Link to={`/parts/stores/${s.id}/count`}>
                  <Button icon={<AuditOutlined />} data-testid="store-count">
                    {t('parts.count.open')}
                  </Button>
                </Link>
                <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="store-edit">
                  {t('common.edit')}
                </Button>
              </>
            )}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('parts.stores.place')}>
            <StorePlace store={s} />
          </Descriptions.Item>
          {s.notes && (
            <Descriptions.Item label={t('parts.notes')}>
              <span style={{ whiteSpace: 'pre-wrap' }}>{s.notes}</span>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card size="small" title={t('parts.minimums.title')} extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('parts.minimums.hint')}</Typography.Text>}>
        <ErrorAlert error={levels.error} />
        <Table<StockLevel>
          rowKey="partId"
          size="small"
          columns={columns}
          dataSource={levels.items}
          loading={levels.isPending}
          pagination={false}
          scroll={{ x: 960 }}
          onRow={(l) => ({ 'data-testid': `store-part-${l.partId}`, 'data-below': l.belowMinimum ? '1' : '0' }) as React.HTMLAttributes<HTMLElement>}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('parts.minimums.empty')} /> }}
        />
        <LoadMore count={levels.items.length} hasMore={!!levels.hasNextPage} loading={levels.isFetchingNextPage} onLoadMore={() => void levels.fetchNextPage()} />
        {canManage && (
          <div style={{ marginTop: 16 }}>
            <AddMinimum storeId={s.id} />
          </div>
        )}
      </Card>
      {canManage && <StoreDrawer open={editing} store={s} onClose={() => setEditing(false)} />}
      {canManage && <StockMovementModal preset={move} onClose={() => setMove(null)} />}
    </>
  );
}
