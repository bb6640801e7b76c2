import { Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import { useTranslation } from 'react-i18next';
import type { Role, TicketChannel, TicketGrade, TicketKind, TicketStatus, User } from '../../api/types';
import { hasAnyRole, isCustomerContact } from '../../components/access';
import { enumLabel } from '../../components/assetLabels';
import { formatDateTime } from '../../components/format';

dayjs.extend(relativeTime);

/** Who may take hotline calls and open tickets for customers; mirrors the server (which still decides). */
export const TICKET_ACCESS = {
  intake: ['admin', 'manager', 'dispatcher', 'agent', 'engineer'],
  /** Edit, internal notes, transfer. */
  work: ['admin', 'manager', 'dispatcher', 'agent', 'engineer'],
} as const satisfies Record<string, readonly Role[]>;

export function canIntake(user: User): boolean {
  return !isCustomerContact(user) && hasAnyRole(user, TICKET_ACCESS.intake);
}

export function canWork(user: User): boolean {
  return !isCustomerContact(user) && hasAnyRole(user, TICKET_ACCESS.work);
}

const STATUS_COLORS: Record<TicketStatus, string> = {
  new: 'blue',
  accepted: 'cyan',
  remote_diagnosis: 'geekblue',
  solution_proposed: 'geekblue',
  on_site: 'purple',
  escalated: 'volcano',
  restored: 'green',
  awaiting_confirmation: 'gold',
  waiting_customer: 'orange',
  investigating: 'geekblue',
  answered: 'green',
  in_progress: 'processing',
  resolved: 'green',
  closed: 'default',
};

const KIND_COLORS: Record<TicketKind, string> = {
  fault: 'magenta',
  consultation: 'blue',
  complaint: 'orange',
  upgrade: 'purple',
  service_request: 'cyan',
};

export function TicketStatusTag({ status, testId }: { status: TicketStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status] ?? 'default'} data-testid={testId} data-status={status} style={{ marginInlineEnd: 0 }}>
      {enumLabel(t, 'ticketStatus', status)}
    </Tag>
  );
}

export function TicketKindTag({ kind }: { kind: TicketKind }) {
  const { t } = useTranslation();
  return (
    <Tag color={KIND_COLORS[kind] ?? 'default'} style={{ marginInlineEnd: 0 }}>
      {enumLabel(t, 'ticketKind', kind)}
    </Tag>
  );
}

/** Major faults and emergencies stand out in red. */
export function TicketGradeTag({ grade }: { grade: TicketGrade | null }) {
  const { t } = useTranslation();
  if (!grade) return <Typography.Text type="secondary">—</Typography.Text>;
  const color = grade === 'general' ? 'default' : 'red';
  return (
    <Tag color={color} variant={grade === 'emergency' ? 'solid' : undefined} style={{ marginInlineEnd: 0 }} data-grade={grade}>
      {enumLabel(t, 'ticketGrade', grade)}
    </Tag>
  );
}

export function channelLabel(t: (k: string, o?: Record<string, unknown>) => string, channel: TicketChannel): string {
  return t(`ticketChannel.${channel}`, { defaultValue: channel });
}

/** "3 分钟前" with the exact time on hover. */
export function RelativeTime({ ms }: { ms: number | null | undefined }) {
  const { i18n } = useTranslation();
  if (ms === null || ms === undefined) return <>—</>;
  return (
    <Tooltip title={formatDateTime(ms, i18n.language)}>
      <span style={{ whiteSpace: 'nowrap' }}>{dayjs(ms).fromNow()}</span>
    </Tooltip>
  );
}

/** `05:07` or `1:02:03` for a running call. */
export function formatDuration(sec: number): string {
  const s = Math.max(0, Math.floor(sec));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(r)}` : `${pad(m)}:${pad(r)}`;
}
