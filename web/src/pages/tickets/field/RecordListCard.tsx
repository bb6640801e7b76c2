import { Card, Empty, List, Skeleton, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { ErrorAlert } from '../../../components/ErrorAlert';

interface RecordListCardProps<T> {
  icon: ReactNode;
  title: ReactNode;
  /** The card's button (add, dispatch), for those who may. */
  action?: ReactNode;
  testId: string;
  query: { error: unknown; isPending: boolean };
  items: T[];
  emptyText: ReactNode;
  renderItem: (item: T) => ReactNode;
  /** Modals and drawers that belong to the card. */
  children?: ReactNode;
}

/** A card of a ticket's records of one kind (visits, remote sessions): count, loading, empty, list. */
export function RecordListCard<T>({ icon, title, action, testId, query, items, emptyText, renderItem, children }: RecordListCardProps<T>) {
  return (
    <Card
      size="small"
      title={
        <Space size={6}>
          {icon}
          {title}
          {items.length > 0 && <Typography.Text type="secondary">({items.length})</Typography.Text>}
        </Space>
      }
      extra={action}
      data-testid={testId}
    >
      <ErrorAlert error={query.error} />
      {query.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} style={{ margin: 0 }} />
      ) : (
        <List size="small" dataSource={items} renderItem={renderItem} />
      )}
      {children}
    </Card>
  );
}
