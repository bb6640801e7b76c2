import { PlusOutlined, StopOutlined, UndoOutlined } from '@ant-design/icons';
import { Button, Empty, Popconfirm, Segmented, Table, type TableColumnsType } from 'antd';
import type { HTMLAttributes, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './ErrorAlert';
import { LoadMore } from './LoadMore';
import type { useKeysetList } from './useKeysetList';

type KeysetList<T> = Pick<ReturnType<typeof useKeysetList<T>>, 'items' | 'error' | 'isPending' | 'hasNextPage' | 'isFetchingNextPage' | 'fetchNextPage'>;

interface KeysetTableProps<T> {
  list: KeysetList<T>;
  columns: TableColumnsType<T>;
  /** The testid of the table's box; the rows get theirs from `rowProps`. */
  testId: string;
  rowProps: (row: T) => Record<`data-${string}`, string>;
  scrollX: number;
  /** What an empty list says, and the first record's "new" button when there is one to offer. */
  empty: { text: ReactNode; action?: { label: ReactNode; onClick: () => void } };
}

/**
 * A keyset-paginated list as a table: its error, the rows (loading while the first page comes), an
 * empty state that offers to make the first record, and "load more" below.
 */
export function KeysetTable<T extends { id: number }>({ list, columns, testId, rowProps, scrollX, empty }: KeysetTableProps<T>) {
  const emptyText = empty.action ? (
    <Empty description={empty.text}>
      <Button type="primary" icon={<PlusOutlined />} onClick={empty.action.onClick}>
        {empty.action.label}
      </Button>
    </Empty>
  ) : (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty.text} />
  );
  return (
    <>
      <ErrorAlert error={list.error} />
      <div data-testid={testId}>
        <Table<T>
          rowKey="id"
          columns={columns}
          dataSource={list.items}
          loading={list.isPending}
          pagination={false}
          scroll={{ x: scrollX }}
          size="middle"
          onRow={(row) => rowProps(row) as HTMLAttributes<HTMLElement>}
          locale={{ emptyText }}
        />
      </div>
      <LoadMore count={list.items.length} hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onLoadMore={() => void list.fetchNextPage()} />
    </>
  );
}

export type ActiveFilter = 'active' | 'inactive' | 'all';

/** The `active` query parameter a filter asks for. */
export const activeOf = (shown: ActiveFilter): boolean | undefined => (shown === 'all' ? undefined : shown === 'active');

/** Active / inactive / all records, as the catalogue and registers filter them. */
export function ActiveSegmented({ value, onChange, labels, testId }: { value: ActiveFilter; onChange: (v: ActiveFilter) => void; labels: Record<ActiveFilter, ReactNode>; testId: string }) {
  return (
    <Segmented<ActiveFilter>
      value={value}
      onChange={onChange}
      options={(['active', 'inactive', 'all'] as const).map((v) => ({ value: v, label: <span data-testid={`${testId}-${v}`}>{labels[v]}</span> }))}
      data-testid={testId}
    />
  );
}

interface ActiveToggleProps {
  active: boolean;
  /** This row's toggle is on its way. */
  pending: boolean;
  /** Deactivating asks first; the promise settles the confirmation. */
  onToggle: () => Promise<unknown>;
  labels: { deactivate: ReactNode; activate: ReactNode; confirmTitle: ReactNode; confirmDetail: ReactNode };
  testIds: { deactivate: string; activate: string };
}

/** A register's row action: deactivate (after a confirmation) or bring back into use. */
export function ActiveToggle({ active, pending, onToggle, labels, testIds }: ActiveToggleProps) {
  const { t } = useTranslation();
  if (!active) {
    return (
      <Button type="link" size="small" icon={<UndoOutlined />} loading={pending} onClick={() => void onToggle().catch(() => undefined)} data-testid={testIds.activate}>
        {labels.activate}
      </Button>
    );
  }
  return (
    <Popconfirm
      title={labels.confirmTitle}
      description={labels.confirmDetail}
      okText={labels.deactivate}
      okButtonProps={{ danger: true, 'data-testid': 'confirm-ok' }}
      cancelText={t('common.cancel')}
      onConfirm={() => onToggle().catch(() => undefined)}
    >
      <Button type="link" size="small" danger icon={<StopOutlined />} loading={pending} data-testid={testIds.deactivate}>
        {labels.deactivate}
      </Button>
    </Popconfirm>
  );
}
