import { CheckCircleOutlined, ClockCircleOutlined, ExclamationCircleOutlined, PauseCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClockKind, NextDeadline, TicketClock } from '../api/types';
import { formatCountdown, formatSpan } from './durations';
import { formatDateTime } from './format';
import { useServerNow } from './serverClock';

/** What a clock shows as: the server's state, moved on by the live clock (a deadline passing). */
export type ClockLook = 'pending' | 'running' | 'warning' | 'paused' | 'met' | 'breached' | 'overdue';

/**
 * A clock's look at `now`. A running clock past its deadline is overdue (breached and still
 * running) before the server says so; past its warning point it is a warning.
 */
export function clockLook(clock: Pick<TicketClock, 'state' | 'deadline' | 'warnAt' | 'stoppedAt'>, now: number): ClockLook {
  const counting = (clock.state === 'running' || clock.state === 'breached') && clock.stoppedAt === null && clock.deadline !== null;
  if (counting) {
    if (now > clock.deadline!) return 'overdue';
    if (clock.warnAt !== null && now >= clock.warnAt) return 'warning';
    return 'running';
  }
  return clock.state === 'breached' ? 'breached' : clock.state;
}

/** Antd tag colours per look: green while in time, orange past the warning, red once breached. */
export const LOOK_COLORS: Record<ClockLook, string> = {
  pending: 'default',
  running: 'green',
  warning: 'orange',
  paused: 'blue',
  met: 'default',
  breached: 'red',
  overdue: 'red',
};

/** Accent colours for a clock's row (left border, countdown digits). */
export const LOOK_ACCENTS: Record<ClockLook, string> = {
  pending: '#d9d9d9',
  running: '#52c41a',
  warning: '#fa8c16',
  paused: '#1677ff',
  met: '#8c8c8c',
  breached: '#f5222d',
  overdue: '#f5222d',
};

export const LOOK_ICONS: Record<ClockLook, ReactNode> = {
  pending: <ClockCircleOutlined />,
  running: <ClockCircleOutlined />,
  warning: <WarningOutlined />,
  paused: <PauseCircleOutlined />,
  met: <CheckCircleOutlined />,
  breached: <ExclamationCircleOutlined />,
  overdue: <ExclamationCircleOutlined />,
};

export function clockKindLabel(t: TFunction, kind: ClockKind | string | null | undefined): string {
  if (!kind) return '—';
  return t(`clockKind.${kind}`, { defaultValue: kind });
}

/** The state's word: 计时中, 即将超时, 已暂停, 已达标, 已超时, 未开始. */
export function ClockLookTag({ look, testId }: { look: ClockLook; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={LOOK_COLORS[look]} icon={LOOK_ICONS[look]} style={{ marginInlineEnd: 0 }} data-testid={testId} data-look={look}>
      {t(`clockLook.${look}`)}
    </Tag>
  );
}

/**
 * A queue row's nearest deadline: the clock and its time left, live, or how long it is overdue.
 * Orange within the hour, red once past.
 */
export function NextDeadlineTag({ next }: { next: NextDeadline | null | undefined }) {
  const { t, i18n } = useTranslation();
  const now = useServerNow();
  if (!next) return <span style={{ color: 'rgba(0,0,0,0.25)' }}>—</span>;
  const left = next.deadline - now;
  const overdue = next.state === 'breached' || left < 0;
  const soon = !overdue && left <= 60 * 60_000;
  // the server's word decides "breached"; a browser clock behind it cannot say by how much
  const text = overdue
    ? left < 0
      ? t('clocks.overdueBy', { span: formatSpan(left, t) })
      : t('clocks.overdue')
    : t('clocks.leftShort', { span: left < 60 * 60_000 ? formatCountdown(left, t) : formatSpan(left, t) });
  return (
    <Tooltip title={`${clockKindLabel(t, next.kind)} · ${t('clocks.deadline')} ${formatDateTime(next.deadline, i18n.language)}`}>
      <Tag
        color={overdue ? 'red' : soon ? 'orange' : 'green'}
        icon={overdue ? <ExclamationCircleOutlined /> : <ClockCircleOutlined />}
        style={{ marginInlineEnd: 0, fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}
        data-testid="next-deadline"
        data-due={overdue ? 'breached' : soon ? 'soon' : 'later'}
      >
        {clockKindLabel(t, next.kind)} {text}
      </Tag>
    </Tooltip>
  );
}
