import { BellOutlined, CheckOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Segmented, Skeleton, Space } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listNotifications, unreadNotificationCount } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { LoadMore } from '../components/LoadMore';
import { PageHeader } from '../components/PageHeader';
import { NOTIFICATIONS_KEY, NotificationItem, UNREAD_KEY, useMarkRead } from '../components/notifications';
import { useKeysetList } from '../components/useKeysetList';

type Show = 'all' | 'unread';

/** 通知: every clock warning, breach and escalation that reached me, newest first (R4). */
export function NotificationsPage() {
  const { t } = useTranslation();
  const [show, setShow] = useState<Show>('all');
  const list = useKeysetList([...NOTIFICATIONS_KEY, 'page', show], (cursor) => listNotifications({ unread: show === 'unread' || undefined, cursor, limit: 30 }));
  const { all } = useMarkRead();
  // the bell's own count (polled there): unread ones may not be loaded on this page yet
  const unread = useQuery({ queryKey: UNREAD_KEY, queryFn: unreadNotificationCount });
  const anyUnread = (unread.data?.unread ?? 0) > 0 || list.items.some((n) => n.readAt === null);
  return (
    <>
      <PageHeader
        title={
          <Space size={8}>
            <BellOutlined />
            {t('notifications.title')}
          </Space>
        }
        extra={
          <Button icon={<CheckOutlined />} loading={all.isPending} onClick={() => all.mutate()} disabled={!anyUnread} data-testid="notifications-page-read-all">
            {t('notifications.readAll')}
          </Button>
        }
      />
      <Segmented<Show>
        value={show}
        onChange={setShow}
        options={[
          { value: 'all', label: t('notifications.showAll') },
          { value: 'unread', label: t('notifications.showUnread') },
        ]}
        style={{ marginBottom: 12 }}
        data-testid="notifications-show"
      />
      <ErrorAlert error={list.error ?? all.error} />
      <Card size="small" styles={{ body: { padding: 4 } }} data-testid="notifications-list">
        {list.isPending ? (
          <Skeleton active paragraph={{ rows: 6 }} title={false} style={{ padding: 12 }} />
        ) : list.items.length === 0 ? (
          !list.error && <Empty description={show === 'unread' ? t('notifications.emptyUnread') : t('notifications.empty')} style={{ padding: 24 }} />
        ) : (
          <Flex vertical gap={2} role="list">
            {list.items.map((n) => (
              <div role="listitem" key={n.id}>
                <NotificationItem n={n} />
              </div>
            ))}
          </Flex>
        )}
      </Card>
      <LoadMore count={list.items.length} hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onLoadMore={() => void list.fetchNextPage()} />
    </>
  );
}
