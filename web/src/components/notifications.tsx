import { CarOutlined, ExclamationCircleOutlined, InboxOutlined, RiseOutlined, WarningOutlined } from '@ant-design/icons';
import { Badge, Flex, Typography, theme } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { markAllNotificationsRead, markNotificationRead } from '../api/client';
import type { AppNotification, NotificationKind } from '../api/types';
import { clockKindLabel } from './clocks';
import { formatDateTime } from './format';
import { serverNow } from './serverClock';

dayjs.extend(relativeTime);

/** Every notification query sits under this key: marking read refreshes the bell and the lists. */
export const NOTIFICATIONS_KEY = ['notifications'] as const;
export const UNREAD_KEY = [...NOTIFICATIONS_KEY, 'unread-count'] as const;

const KIND_ICONS: Record<NotificationKind, ReactNode> = {
  warning: <WarningOutlined style={{ color: '#fa8c16' }} />,
  breach: <ExclamationCircleOutlined style={{ color: '#f5222d' }} />,
  escalation: <RiseOutlined style={{ color: '#722ed1' }} />,
  dispatched: <CarOutlined style={{ color: '#1677ff' }} />,
  below_minimum: <InboxOutlined style={{ color: '#fa541c' }} />,
};

/** "响应即将超时", "恢复已超时", "到场超时升级(第 2 级)". */
export function notificationTitle(n: AppNotification, t: TFunction): string {
  const clock = clockKindLabel(t, n.clockKind);
  return t(`notifications.kind.${n.kind}`, { clock, step: n.step, partNumber: n.stock?.partNumber ?? '', store: n.stock?.storeName ?? '', defaultValue: `${clock} ${n.kind}` });
}

/** Marks one notification or all of them read, refreshing the bell and the lists. */
export function useMarkRead() {
  const qc = useQueryClient();
  const refresh = () => void qc.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
  const one = useMutation({ mutationFn: (id: number) => markNotificationRead(id), onSuccess: refresh });
  const all = useMutation({ mutationFn: () => markAllNotificationsRead(), onSuccess: refresh });
  return { one, all };
}

/**
 * One notification: what happened to which clock of which ticket (or to which part's stock), and
 * when. A link to the ticket or the stock level (keyboard reachable); following it marks the
 * notification read.
 */
export function NotificationItem({ n, onOpen }: { n: AppNotification; onOpen?: () => void }) {
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  const { one } = useMarkRead();
  const unread = n.readAt === null;
  const body = (
    <Flex gap={10} align="flex-start" style={{ padding: '8px 12px', minWidth: 0 }}>
      <span style={{ fontSize: 18, lineHeight: '22px', flex: 'none' }} aria-hidden>
        {KIND_ICONS[n.kind]}
      </span>
      <div style={{ minWidth: 0, flex: 1 }}>
        <Flex gap={6} align="center" wrap>
          {n.ticketNumber && (
            <Typography.Text strong={unread} style={{ color: token.colorLink, whiteSpace: 'nowrap' }}>
              {n.ticketNumber}
            </Typography.Text>
          )}
          <Typography.Text strong={unread}>{notificationTitle(n, t)}</Typography.Text>
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {n.deadline !== null && <>{t('notifications.deadline', { time: formatDateTime(n.deadline, i18n.language) })} · </>}
          {/* against the server's time; a browser clock behind it would say "in 3 minutes" */}
          <span title={formatDateTime(n.createdAt, i18n.language)}>{dayjs(Math.min(n.createdAt, serverNow())).from(serverNow())}</span>
        </Typography.Text>
      </div>
      {unread && <Badge status="processing" aria-label={t('notifications.unread')} style={{ flex: 'none' }} />}
    </Flex>
  );
  const style = { display: 'block', color: 'inherit', background: unread ? token.colorPrimaryBg : undefined, borderRadius: token.borderRadius };
  const open = () => {
    if (unread) one.mutate(n.id);
    onOpen?.();
  };
  // a ticket's notification opens the ticket; a stock one the part's level in the store
  const to = n.ticketId !== null ? `/tickets/${n.ticketId}` : n.stock ? `/parts?storeId=${n.stock.storeId}&partId=${n.stock.partId}` : null;
  return to !== null ? (
    <Link to={to} onClick={open} style={style} data-testid={`notification-${n.id}`} data-kind={n.kind} data-unread={unread ? '1' : '0'}>
      {body}
    </Link>
  ) : (
    <div style={style} data-testid={`notification-${n.id}`} data-kind={n.kind}>
      {body}
    </div>
  );
}
