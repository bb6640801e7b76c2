import { Badge, Space, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { AssetStatus, ContractStatus, Warranty } from '../api/types';

/** Days left under which a warranty is shown as ending soon. */
export const WARRANTY_SOON_DAYS = 30;

const ASSET_STATUS_COLORS: Record<AssetStatus, string> = {
  in_service: 'success',
  under_repair: 'warning',
  on_loan: 'processing',
  retired: 'default',
  returned: 'default',
};

const CONTRACT_STATUS_COLORS: Record<ContractStatus, string> = {
  upcoming: 'processing',
  active: 'success',
  expired: 'default',
};

/** Translates an enumeration value, falling back to the raw value for one this build does not know. */
export function enumLabel(t: TFunction, group: string, value: string | null | undefined): string {
  if (!value) return '—';
  return t(`${group}.${value}`, { defaultValue: value });
}

export function AssetStatusTag({ status }: { status: AssetStatus }) {
  const { t } = useTranslation();
  return <Tag color={ASSET_STATUS_COLORS[status] ?? 'default'}>{enumLabel(t, 'assetStatus', status)}</Tag>;
}

export function ContractStatusTag({ status }: { status: ContractStatus }) {
  const { t } = useTranslation();
  return <Tag color={CONTRACT_STATUS_COLORS[status] ?? 'default'}>{enumLabel(t, 'contractStatus', status)}</Tag>;
}

function warrantyColor(w: Warranty): 'success' | 'warning' | 'error' | 'default' {
  if (w.state === 'in_warranty') return w.daysLeft !== null && w.daysLeft <= WARRANTY_SOON_DAYS ? 'warning' : 'success';
  if (w.state === 'expired') return 'error';
  return 'default';
}

/** "12 days left", "last day", "expired 3 days ago" — or nothing when there is no end day. */
export function daysLeftText(t: TFunction, w: Warranty): string | null {
  if (w.daysLeft === null) return null;
  if (w.daysLeft > 0) return t('warranty.daysLeft', { count: w.daysLeft });
  if (w.daysLeft === 0) return t('warranty.lastDay');
  return t('warranty.expiredAgo', { count: -w.daysLeft });
}

/** A compact tag for tables: state and days left. */
export function WarrantyTag({ warranty }: { warranty: Warranty }) {
  const { t } = useTranslation();
  const days = warranty.state === 'in_warranty' ? daysLeftText(t, warranty) : null;
  return (
    <Tag color={warrantyColor(warranty)} style={{ marginInlineEnd: 0 }}>
      {enumLabel(t, 'warranty', warranty.state)}
      {days ? ` · ${days}` : ''}
    </Tag>
  );
}

/** The warranty badge (保修状态): state, last covered day and days left. */
export function WarrantyBadge({ warranty, testId = 'asset-warranty' }: { warranty: Warranty; testId?: string }) {
  const { t } = useTranslation();
  const days = daysLeftText(t, warranty);
  return (
    <Space size={8} wrap data-testid={testId} data-state={warranty.state}>
      <Badge status={warrantyColor(warranty)} text={<Typography.Text strong>{enumLabel(t, 'warranty', warranty.state)}</Typography.Text>} />
      {warranty.endsOn && <Typography.Text type="secondary">{t('warranty.endsOn', { day: warranty.endsOn })}</Typography.Text>}
      {days && (
        <Typography.Text type={warranty.state === 'expired' ? 'danger' : warrantyColor(warranty) === 'warning' ? 'warning' : 'secondary'}>
          {days}
        </Typography.Text>
      )}
    </Space>
  );
}

/** Room / rack / unit joined, e.g. "A301 · R12 · U20-22". */
export function locationText(a: { room: string; rack: string; unit: string }): string {
  return [a.room, a.rack, a.unit].filter(Boolean).join(' · ');
}
