import { BellOutlined, CheckOutlined } from '@ant-design/icons';
import { Badge, Button, Drawer, Empty, Flex, Popover, Skeleton, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { listNotifications, unreadNotificationCount } from '../api/client';
import { ErrorAlert } from './ErrorAlert';
import { NOTIFICATIONS_KEY, NotificationItem, UNREAD_KEY, useMarkRead } from './notifications';
import { useIsPhone } from './useIsPhone';

/** How often the bell asks for the unread count (and whenever the window regains focus). */
const UNREAD_POLL_MS = 30_000;
const LATEST = 8;

/** The latest notifications; `heading` shows the title (the phone's drawer has its own). */
function LatestList({ unread, onClose, heading = true }: { unread: number; onClose: () => void; heading?: boolean }) {
  const { t } = useTranslation();
  const latest = useQuery({ queryKey: [...NOTIFICATIONS_KEY, 'latest'], queryFn: () => listNotifications({ limit: LATEST }), refetchOnMount: 'always' });
  const { all } = useMarkRead();
  const items = latest.data?.items ?? [];
  // unread ones may lie beyond the latest few: the count decides
  const anyUnread = unread > 0 || items.some((n) => n.readAt === null);
  return (
    <div style={{ width: '100%' }} data-testid="notification-panel">
      <Flex justify={heading ? 'space-between' : 'flex-end'} align="center" style={{ padding: '4px 4px 8px' }}>
        {heading && <Typography.Text strong>{t('notifications.title')}</Typography.Text>}
        <Button size="small" type="link" icon={<CheckOutlined />} disabled={!anyUnread} loading={all.isPending} onClick={() => all.mutate()} data-testid="notifications-read-all">
          {t('notifications.readAll')}
        </Button>
      </Flex>
      <ErrorAlert error={latest.error ?? all.error} style={{ marginBottom: 8 }} />
      <div style={{ maxHeight: 420, overflowY: 'auto' }}>
        {latest.isPending ? (
          <Skeleton active paragraph={{ rows: 3 }} title={false} style={{ padding: 12 }} />
        ) : items.length === 0 ? (
          !latest.error && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />
        ) : (
          <Flex vertical gap={2} role="list">
            {items.map((n) => (
              <div role="listitem" key={n.id}>
                <NotificationItem n={n} onOpen={onClose} />
              </div>
            ))}
          </Flex>
        )}
      </div>
      <Flex justify="center" style={{ paddingTop: 8 }}>
        <Link to="/notifications" onClick={onClose} data-testid="notifications-all">
          {t('notifications.viewAll')}
        </Link>
      </Flex>
    </div>
  );
}

/** The header's bell: unread count, and the latest warnings, breaches and escalations (R4). */
export function NotificationBell() {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const [open, setOpen] = useState(false);
  const bellRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const unread = useQuery({ queryKey: UNREAD_KEY, queryFn: unreadNotificationCount, refetchInterval: UNREAD_POLL_MS, refetchOnWindowFocus: true });
  const count = unread.data?.unread ?? 0;
  const close = () => setOpen(false);
  const button = (
    <Button
      ref={bellRef}
      type="text"
      aria-label={count > 0 ? t('notifications.bellUnread', { count }) : t('notifications.bell')}
      aria-haspopup="dialog"
      aria-expanded={open}
      // the popover opens itself on click; the phone's drawer is opened here
      onClick={isPhone ? () => setOpen(true) : undefined}
      data-testid="notification-bell"
      data-unread={count}
      icon={
        <Badge count={count} size="small" overflowCount={99} offset={[2, -2]}>
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      }
    />
  );
  if (isPhone) {
    return (
      <>
        {button}
        <Drawer open={open} onClose={close} placement="right" size="100%" title={t('notifications.title')} destroyOnHidden styles={{ body: { padding: 12 } }}>
          <LatestList unread={count} onClose={close} heading={false} />
        </Drawer>
      </>
    );
  }
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      arrow={false}
      destroyOnHidden
      // the panel sits at the end of the page: take the keyboard there, Escape brings it back
      afterOpenChange={(visible) => {
        if (visible) panelRef.current?.focus();
      }}
      content={
        <div
          ref={panelRef}
          tabIndex={-1}
          style={{ width: 380, outline: 'none' }}
          onKeyDown={(e) => {
            if (e.key !== 'Escape') return;
            close();
            bellRef.current?.focus();
          }}
        >
          <LatestList unread={count} onClose={close} />
        </div>
      }
    >
      {button}
    </Popover>
  );
}
