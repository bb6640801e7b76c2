import { InputNumber, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatMinutes } from '../../components/durations';

interface Props {
  /** Whole minutes. */
  value?: number | null;
  onChange?: (minutes: number | null) => void;
  /** What the two boxes are for, read out with "hours" and "minutes". */
  ariaLabel: string;
  disabled?: boolean;
  status?: 'error' | 'warning';
  /** Allow 0 (an escalation step at the deadline itself). */
  allowZero?: boolean;
  'data-testid'?: string;
}

/**
 * Minutes typed as hours and minutes (targets run from 15 minutes to days): `6 h 0 min` rather
 * than 360. Beyond a day the total is spelled out under the boxes ("3 d").
 */
export function MinutesInput({ value, onChange, ariaLabel, disabled, status, allowZero, 'data-testid': testId }: Props) {
  const { t } = useTranslation();
  const has = value !== null && value !== undefined;
  const hours = has ? Math.floor(value / 60) : null;
  const minutes = has ? value % 60 : null;
  const emit = (h: number | null, m: number | null) => {
    if (h === null && m === null) onChange?.(null);
    else onChange?.((h ?? 0) * 60 + (m ?? 0));
  };
  return (
    <div>
      <Space.Compact style={{ width: '100%' }}>
        <InputNumber<number>
          min={0}
          max={2160}
          precision={0}
          value={hours}
          onChange={(h) => emit(h, minutes)}
          suffix={t('duration.hUnit')}
          disabled={disabled}
          status={status}
          aria-label={`${ariaLabel} ${t('duration.hours')}`}
          style={{ width: '50%' }}
          data-testid={testId ? `${testId}-h` : undefined}
        />
        <InputNumber<number>
          min={0}
          max={59}
          precision={0}
          value={minutes}
          onChange={(m) => emit(hours, m)}
          suffix={t('duration.mUnit')}
          disabled={disabled}
          status={status}
          aria-label={`${ariaLabel} ${t('duration.minutes')}`}
          style={{ width: '50%' }}
          data-testid={testId ? `${testId}-m` : undefined}
        />
      </Space.Compact>
      {has && (value >= 24 * 60 || (value === 0 && allowZero)) && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {value === 0 ? t('policies.atDeadline') : `= ${formatMinutes(value, t)}`}
        </Typography.Text>
      )}
    </div>
  );
}
