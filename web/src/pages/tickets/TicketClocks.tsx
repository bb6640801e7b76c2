import { FieldTimeOutlined } from '@ant-design/icons';
import { Card, Empty, Flex, Progress, Skeleton, Tag, Tooltip, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { getTicketClocks } from '../../api/client';
import type { TicketClock } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ClockLookTag, LOOK_ACCENTS, clockKindLabel, clockLook } from '../../components/clocks';
import { formatCountdown, formatSpan } from '../../components/durations';
import { formatDateTime } from '../../components/format';
import { noteServerNow, serverNow, useServerNow } from '../../components/serverClock';
import { useIsPhone } from '../../components/useIsPhone';

/** The clocks of a ticket; under the ticket's key, so whatever refreshes the ticket refreshes them. */
export const ticketClocksKey = (ticketId: number) => ['ticket', ticketId, 'clocks'] as const;

// Besides ticket events, a minute's poll catches a policy or calendar change and escalations.
const CLOCKS_POLL_MS = 60_000;

/** When a clock's look changes next on its own (its warning point or its deadline), or null. */
function nextBoundary(items: TicketClock[], now: number): number | null {
  let next: number | null = null;
  for (const c of items) {
    if (c.stoppedAt !== null || c.deadline === null || (c.state !== 'running' && c.state !== 'breached')) continue;
    for (const at of [c.warnAt, c.deadline]) if (at !== null && at > now && (next === null || at < next)) next = at;
  }
  return next;
}

function ClockRow({ clock }: { clock: TicketClock }) {
  const { t, i18n } = useTranslation();
  const isPhone = useIsPhone();
  const now = useServerNow();
  const look = clockLook(clock, now);
  const accent = LOOK_ACCENTS[look];
  const at = (ms: number | null) => formatDateTime(ms, i18n.language);
  const counting = look === 'running' || look === 'warning' || look === 'overdue';
  const left = clock.deadline !== null ? clock.deadline - now : 0;

  let detail: React.ReactNode;
  if (look === 'pending') detail = t(`clocks.startsWhen.${clock.kind}`, { defaultValue: t('clocks.notStarted') });
  else if (look === 'paused') detail = t('clocks.pausedLeft', { span: formatSpan(clock.remainingMs ?? 0, t) });
  else if (look === 'met') detail = t('clocks.metAt', { time: at(clock.stoppedAt) });
  else if (look === 'breached') detail = t('clocks.breachedStopped', { time: at(clock.stoppedAt), span: formatSpan((clock.stoppedAt ?? 0) - (clock.deadline ?? 0), t) });
  else if (look === 'overdue') detail = t('clocks.breachedAt', { time: at(clock.breachedAt ?? clock.deadline) });
  else detail = clock.warnAt !== null && look === 'running' ? t('clocks.warnsAt', { time: at(clock.warnAt) }) : t('clocks.pastWarning');

  const span = clock.deadline !== null && clock.startedAt !== null ? clock.deadline - clock.startedAt : 0;
  const used = span > 0 ? Math.min(100, Math.max(0, ((now - clock.startedAt!) / span) * 100)) : 100;

  return (
    <div
      style={{ borderInlineStart: `4px solid ${accent}`, paddingInlineStart: 12, paddingBlock: 6 }}
      data-testid={`clock-${clock.kind}`}
      data-look={look}
      data-state={clock.state}
    >
      <Flex justify="space-between" align="flex-start" gap={8} wrap>
        <div style={{ minWidth: 0, flex: '1 1 180px' }}>
          <Flex gap={6} align="center" wrap>
            <Typography.Text strong>{clockKindLabel(t, clock.kind)}</Typography.Text>
            <ClockLookTag look={look} testId={`clock-${clock.kind}-look`} />
            {!clock.roundTheClock && (
              <Tooltip title={t('clocks.workingTimeHint')}>
                <Tag bordered={false} style={{ marginInlineEnd: 0 }}>
                  {t('clocks.workingTime')}
                </Tag>
              </Tooltip>
            )}
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
            {t('clocks.target', { span: formatSpan(clock.targetMs, t) })}
            {clock.deadline !== null && (
              <>
                {' · '}
                <span style={{ whiteSpace: 'nowrap' }}>
                  {t('clocks.deadline')} <span data-testid={`clock-${clock.kind}-deadline`}>{at(clock.deadline)}</span>
                </span>
              </>
            )}
          </Typography.Text>
          <Typography.Text type={look === 'breached' || look === 'overdue' ? 'danger' : 'secondary'} style={{ fontSize: 12, display: 'block' }}>
            {detail}
          </Typography.Text>
        </div>
        {counting && (
          <div style={{ textAlign: isPhone ? 'start' : 'end', flex: 'none' }}>
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
              {look === 'overdue' ? t('clocks.overdue') : t('clocks.timeLeft')}
            </Typography.Text>
            <span
              role="timer"
              aria-label={`${clockKindLabel(t, clock.kind)} ${look === 'overdue' ? t('clocks.overdue') : t('clocks.timeLeft')} ${formatSpan(left, t)}`}
              style={{ fontSize: 20, fontWeight: 600, color: accent, fontVariantNumeric: 'tabular-nums' }}
              data-testid={`clock-${clock.kind}-countdown`}
            >
              {look === 'overdue' ? '+' : ''}
              {formatCountdown(left, t)}
            </span>
          </div>
        )}
      </Flex>
      {counting && <Progress percent={used} showInfo={false} size="small" strokeColor={accent} style={{ margin: 0 }} aria-hidden />}
    </div>
  );
}

/** 服务时限: each promise of the contract for this ticket, with its deadline and a live countdown (R4). */
export function TicketClocksCard({ ticketId }: { ticketId: number }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const query = useQuery({
    queryKey: ticketClocksKey(ticketId),
    queryFn: async () => {
      const clocks = await getTicketClocks(ticketId);
      noteServerNow(clocks.now);
      return clocks;
    },
    refetchInterval: CLOCKS_POLL_MS,
    refetchOnWindowFocus: true,
  });
  const items = query.data?.items;

  // Ask the server again just after a warning point or a deadline passes: it decides the state.
  useEffect(() => {
    if (!items) return;
    const at = nextBoundary(items, serverNow());
    if (at === null) return;
    const timer = setTimeout(() => void qc.invalidateQueries({ queryKey: ticketClocksKey(ticketId) }), Math.min(at - serverNow() + 1500, 2 ** 31 - 1));
    return () => clearTimeout(timer);
  }, [items, qc, ticketId]);

  return (
    <Card
      size="small"
      title={
        <span>
          <FieldTimeOutlined /> {t('clocks.title')}
        </span>
      }
      data-testid="ticket-clocks"
    >
      <ErrorAlert error={query.error} />
      {query.isPending ? (
        <Skeleton active paragraph={{ rows: 3 }} title={false} />
      ) : !items || items.length === 0 ? (
        !query.error && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('clocks.none')} />
      ) : (
        <Flex vertical gap={10}>
          {items.map((c) => (
            <ClockRow key={c.kind} clock={c} />
          ))}
        </Flex>
      )}
    </Card>
  );
}
