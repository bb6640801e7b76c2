import { Drawer, Empty, Flex, Select, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { UNIT_STATES, listUnits, type StockUnit, type UnitState } from '../../api/parts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadMore } from '../../components/LoadMore';
import { formatDateTime } from '../../components/format';
import { useIsPhone } from '../../components/useIsPhone';
import { useKeysetList } from '../../components/useKeysetList';
import { STOCK_KEY, UnitStateTag } from './labels';
import { StoreSelect, useStores } from './pickers';

export interface UnitsTarget {
  partId: number;
  partNumber: string;
  storeId?: number;
}

/** A serial-tracked part's units one by one: where each is and in what state (issue 7 item 3). */
export function UnitsDrawer({ target, onClose }: { target: UnitsTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  return (
    <Drawer
      open={target !== null}
      onClose={onClose}
      title={target ? t('parts.units.title', { partNumber: target.partNumber }) : ''}
      size={isPhone ? '100%' : 720}
      destroyOnHidden
    >
      {target && (
        <div data-testid="units-drawer">
          <UnitsList key={`${target.partId}:${target.storeId ?? ''}`} target={target} />
        </div>
      )}
    </Drawer>
  );
}

function UnitsList({ target }: { target: UnitsTarget }) {
  const { t, i18n } = useTranslation();
  const stores = useStores();
  const [storeId, setStoreId] = useState<number | undefined>(target.storeId);
  const [state, setState] = useState<UnitState | undefined>();
  const list = useKeysetList([...STOCK_KEY, 'units', target.partId, storeId, state], (cursor) => listUnits({ partId: target.partId, storeId, state, cursor, limit: 100 }));
  const storeName = useMemo(() => new Map((stores.data ?? []).map((s) => [s.id, s.name])), [stores.data]);

  const columns: TableColumnsType<StockUnit> = [
    { title: t('parts.serial'), dataIndex: 'serial', render: (v: string) => <Typography.Text copyable>{v}</Typography.Text> },
    { title: t('parts.units.state'), dataIndex: 'state', width: 110, render: (v: string) => <UnitStateTag state={v} /> },
    { title: t('parts.store'), dataIndex: 'storeId', render: (v: number | null) => (v === null ? '—' : (storeName.get(v) ?? `#${v}`)) },
    {
      title: t('parts.units.where'),
      key: 'where',
      render: (_, u) => (
        <Flex vertical gap={2}>
          {u.dispatchId !== null && <Link to={`/field/visits/${u.dispatchId}`}>{t('parts.visitLink', { id: u.dispatchId })}</Link>}
          {u.ticketId !== null && <Link to={`/tickets/${u.ticketId}`}>{t('parts.ticketLink', { id: u.ticketId })}</Link>}
          {u.dispatchId === null && u.ticketId === null && '—'}
        </Flex>
      ),
    },
    { title: t('common.updatedAt'), dataIndex: 'updatedAt', width: 140, render: (v: number) => formatDateTime(v, i18n.language) },
  ];

  return (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <StoreSelect value={storeId} onChange={setStoreId} allowClear placeholder={t('parts.allStores')} style={{ width: 240, maxWidth: '100%' }} data-testid="units-store" />
        <Select<UnitState | undefined>
          value={state}
          onChange={setState}
          allowClear
          placeholder={t('parts.units.allStates')}
          options={UNIT_STATES.map((s) => ({ value: s, label: t(`parts.unitState.${s}`) }))}
          style={{ width: 160 }}
          data-testid="units-state"
        />
      </Flex>
      <ErrorAlert error={list.error} />
      <Table<StockUnit>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.items}
        loading={list.isPending}
        pagination={false}
        scroll={{ x: 640 }}
        onRow={(u) => ({ 'data-testid': `unit-${u.serial}`, 'data-state': u.state }) as React.HTMLAttributes<HTMLElement>}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('parts.units.empty')} /> }}
      />
      <LoadMore count={list.items.length} hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onLoadMore={() => void list.fetchNextPage()} />
    </>
  );
}
