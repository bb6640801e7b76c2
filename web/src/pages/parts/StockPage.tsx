import { BarcodeOutlined, DeleteOutlined, DiffOutlined, DownOutlined, ImportOutlined, SwapOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Dropdown, Empty, Flex, List, Space, Table, Tag, Typography } from 'antd';
import type { MenuProps, TableColumnsType } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { listStock, type StockLevel } from '../../api/parts';
import { isCustomerContact } from '../../components/access';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { useCurrentUser } from '../../components/session';
import { useIsPhone } from '../../components/useIsPhone';
import { useKeysetList } from '../../components/useKeysetList';
import { canManageParts } from './access';
import { STOCK_KEY, SerialTrackedTag, StoreKindTag } from './labels';
import { PartSelect, StoreSelect } from './pickers';
import { StockMovementModal, type MovePreset, type StockMove } from './StockMovementModal';
import { UnitsDrawer, type UnitsTarget } from './UnitsDrawer';

const MOVE_ICONS: Record<StockMove, ReactNode> = {
  receive: <ImportOutlined />,
  transfer: <SwapOutlined />,
  adjust: <DiffOutlined />,
  scrap: <DeleteOutlined />,
};

const num = (n: number) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{n}</span>;

function BelowMinimumTag({ level }: { level: StockLevel }) {
  const { t } = useTranslation();
  if (!level.belowMinimum) return null;
  return (
    <Tag color="red" style={{ marginInlineEnd: 0 }} data-testid="below-minimum">
      {t('parts.stock.belowMinimum')}
    </Tag>
  );
}

/** One level as a card, for phones. */
function LevelCard({ level, actions, contact }: { level: StockLevel; actions: ReactNode; contact: boolean }) {
  const { t } = useTranslation();
  return (
    <List.Item style={{ display: 'block', paddingInline: 0 }} data-testid={`stock-row-${level.storeId}-${level.partId}`} data-below={level.belowMinimum ? '1' : '0'}>
      <Flex justify="space-between" align="flex-start" gap={8}>
        <div style={{ minWidth: 0 }}>
          <Space size={6} wrap>
            <Typography.Text strong>{level.partNumber}</Typography.Text>
            {!contact && <BelowMinimumTag level={level} />}
          </Space>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {level.description}
          </Typography.Text>
          <Typography.Text style={{ display: 'block', fontSize: 12 }}>{level.storeName}</Typography.Text>
        </div>
        <div style={{ textAlign: 'right', flex: 'none' }}>
          <Typography.Text strong style={{ fontSize: 20 }}>
            {level.available}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {t('parts.stock.available')} · {level.unit}
          </Typography.Text>
        </div>
      </Flex>
      <Flex justify="space-between" align="center" gap={8} wrap style={{ marginTop: 4 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {contact
            ? t('parts.stock.phoneLineContact', { onHand: level.onHand })
            : t('parts.stock.phoneLine', { onHand: level.onHand, reserved: level.reserved, faulty: level.faulty, minimum: level.minimum || '—' })}
        </Typography.Text>
        {actions}
      </Flex>
    </List.Item>
  );
}

/**
 * 库存: stock levels per store and part, derived from the ledger (issue 7 item 3), with the
 * storekeeper's movements. A customer contact reads the on-site spares of their own stores.
 */
export function StockPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const contact = isCustomerContact(me);
  const canMove = canManageParts(me);
  const isPhone = useIsPhone();
  const [params, setParams] = useSearchParams();
  const storeId = Number(params.get('storeId')) || undefined;
  const partId = Number(params.get('partId')) || undefined;
  const belowMinimum = params.get('below') === '1';
  const [move, setMove] = useState<MovePreset | null>(null);
  const [units, setUnits] = useState<UnitsTarget | null>(null);
  const list = useKeysetList([...STOCK_KEY, 'levels', storeId, partId, belowMinimum], (cursor) =>
    listStock({ storeId, partId, belowMinimum: belowMinimum || undefined, cursor, limit: 100 }),
  );

  const setFilter = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const rowActions = (l: StockLevel) => {
    const preset = { storeId: l.storeId, partId: l.partId, partNumber: l.partNumber, serialTracked: l.serialTracked };
    const items: MenuProps['items'] = [
      ...(canMove
        ? (['receive', 'transfer', 'adjust', 'scrap'] as const).map((m) => ({
            key: m,
            icon: MOVE_ICONS[m],
            danger: m === 'scrap',
            label: <span data-testid={`stock-row-${m}-${l.storeId}-${l.partId}`}>{t(`parts.move.short.${m}`)}</span>,
            onClick: () => setMove({ move: m, ...preset }),
          }))
        : []),
      ...(l.serialTracked && !contact
        ? [
            { type: 'divider' as const },
            { key: 'units', icon: <BarcodeOutlined />, label: <span data-testid={`stock-row-units-${l.storeId}-${l.partId}`}>{t('parts.units.open')}</span>, onClick: () => setUnits({ partId: l.partId, partNumber: l.partNumber, storeId: l.storeId }) },
          ]
        : []),
    ];
    if (items.length === 0) return null;
    return (
      <Dropdown menu={{ items }} trigger={['click']}>
        <Button size="small" data-testid={`stock-actions-${l.storeId}-${l.partId}`}>
          {t('common.actions')} <DownOutlined />
        </Button>
      </Dropdown>
    );
  };

  // The provider's own bookkeeping (reservations, faulty units, minimums) is not the customer's.
  const staffOnly = <T,>(cols: T[]): T[] => (contact ? [] : cols);
  const columns: TableColumnsType<StockLevel> = [
    {
      title: t('parts.partNumber'),
      dataIndex: 'partNumber',
      width: 140,
      fixed: 'left',
      render: (v: string, l) => (
        <Space size={4} wrap>
          <Typography.Text strong>{v}</Typography.Text>
          {l.serialTracked && !contact && <SerialTrackedTag />}
        </Space>
      ),
    },
    {
      title: t('parts.description'),
      dataIndex: 'description',
      width: 170,
      ellipsis: true,
      render: (v: string, l) => (
        <>
          {v || '—'}{' '}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            ({l.unit})
          </Typography.Text>
        </>
      ),
    },
    {
      title: t('parts.store'),
      dataIndex: 'storeName',
      width: 180,
      render: (v: string, l) => (
        <Space size={4} wrap>
          <span>{v}</span>
          <StoreKindTag kind={l.storeKind} />
        </Space>
      ),
    },
    { title: t('parts.stock.onHand'), dataIndex: 'onHand', width: 76, align: 'right', render: num },
    ...staffOnly<TableColumnsType<StockLevel>[number]>([{ title: t('parts.stock.reserved'), dataIndex: 'reserved', width: 84, align: 'right', render: num }]),
    {
      title: t('parts.stock.available'),
      dataIndex: 'available',
      width: contact ? 70 : 130,
      align: 'right',
      render: (v: number, l) => (
        <Space size={6}>
          {!contact && <BelowMinimumTag level={l} />}
          <Typography.Text strong type={l.belowMinimum && !contact ? 'danger' : undefined} data-testid="stock-available">
            {v}
          </Typography.Text>
        </Space>
      ),
    },
    ...staffOnly<TableColumnsType<StockLevel>[number]>([
      { title: t('parts.stock.faulty'), dataIndex: 'faulty', width: 66, align: 'right', render: (v: number) => (v ? <Typography.Text type="warning">{v}</Typography.Text> : num(0)) },
      { title: t('parts.stock.minimumShort'), dataIndex: 'minimum', width: 66, align: 'right', render: (v: number) => (v ? num(v) : '—') },
      { title: '', key: 'actions', width: 100, fixed: 'right', render: (_: unknown, l: StockLevel) => rowActions(l) },
    ]),
  ];

  const filtered = !!(storeId || partId || belowMinimum);
  const emptyText = filtered ? t('parts.stock.noMatch') : contact ? t('parts.onSite.empty') : t('parts.stock.empty');
  return (
    <>
      <PageHeader
        title={contact ? t('parts.onSite.title') : t('parts.stock.title')}
        extra={
          canMove &&
          (['receive', 'transfer', 'adjust', 'scrap'] as const).map((m) => (
            <Button key={m} type={m === 'receive' ? 'primary' : 'default'} danger={m === 'scrap'} icon={MOVE_ICONS[m]} onClick={() => setMove({ move: m, storeId })} data-testid={`stock-${m}`}>
              {t(`parts.move.short.${m}`)}
            </Button>
          ))
        }
      />
      <Typography.Paragraph type="secondary" style={{ maxWidth: 820 }}>
        {contact ? t('parts.onSite.intro') : t('parts.stock.intro')}
      </Typography.Paragraph>
      {!canMove && !contact && <Alert type="info" showIcon title={t('parts.readOnly')} style={{ marginBottom: 16 }} />}
      <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
        <StoreSelect value={storeId} onChange={(v) => setFilter('storeId', v ? String(v) : undefined)} allowClear placeholder={t('parts.allStores')} style={{ width: 260, maxWidth: '100%' }} data-testid="stock-filter-store" />
        {!contact && (
          <PartSelect
            value={partId}
            known={partId ? { id: partId, partNumber: list.items.find((l) => l.partId === partId)?.partNumber ?? `#${partId}` } : null}
            onChange={(v) => setFilter('partId', v ? String(v) : undefined)}
            allowClear
            placeholder={t('parts.stock.searchPart')}
            style={{ width: 280, maxWidth: '100%' }}
            data-testid="stock-filter-part"
          />
        )}
        {!contact && (
          <Checkbox checked={belowMinimum} onChange={(e) => setFilter('below', e.target.checked ? '1' : undefined)} data-testid="stock-filter-below">
            {t('parts.stock.belowOnly')}
          </Checkbox>
        )}
      </Flex>
      <ErrorAlert error={list.error} />
      {isPhone ? (
        <Card size="small" styles={{ body: { paddingBlock: 0 } }}>
          <List
            dataSource={list.items}
            loading={list.isPending}
            rowKey={(l) => `${l.storeId}:${l.partId}`}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} /> }}
            renderItem={(l) => <LevelCard level={l} actions={rowActions(l)} contact={contact} />}
            data-testid="stock-table"
          />
        </Card>
      ) : (
        <div data-testid="stock-table">
          <Table<StockLevel>
            rowKey={(l) => `${l.storeId}:${l.partId}`}
            columns={columns}
            dataSource={list.items}
            loading={list.isPending}
            pagination={false}
            size="middle"
            scroll={{ x: contact ? 636 : 1012 }}
            onRow={(l) => ({ 'data-testid': `stock-row-${l.storeId}-${l.partId}`, 'data-below': l.belowMinimum ? '1' : '0' }) as React.HTMLAttributes<HTMLElement>}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} /> }}
          />
        </div>
      )}
      <LoadMore count={list.items.length} hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onLoadMore={() => void list.fetchNextPage()} />
      {canMove && <StockMovementModal preset={move} onClose={() => setMove(null)} />}
      {!contact && <UnitsDrawer target={units} onClose={() => setUnits(null)} />}
    </>
  );
}
