import { CheckCircleFilled, FrownOutlined, MehOutlined, SmileOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DispatchState, Satisfaction } from '../../api/field';
import type { Role, User } from '../../api/types';
import { hasAnyRole, isCustomerContact } from '../../components/access';
import { enumLabel } from '../../components/assetLabels';

/** Who does what in field service; mirrors server/domains/field/field.policy.ts (the server still decides). */
export const FIELD_ACCESS = {
  /** Remote sessions, resolutions, e-mailing forms. */
  work: ['admin', 'manager', 'dispatcher', 'agent', 'engineer'],
  /** Creating, re-planning and cancelling visits (派工). */
  dispatch: ['admin', 'manager', 'dispatcher'],
  /** Taking steps on a visit (checked per visit on the server). */
  visit: ['admin', 'manager', 'dispatcher', 'engineer'],
} as const satisfies Record<string, readonly Role[]>;

export function canFieldWork(user: User): boolean {
  return !isCustomerContact(user) && hasAnyRole(user, FIELD_ACCESS.work);
}

export function canDispatch(user: User): boolean {
  return !isCustomerContact(user) && hasAnyRole(user, FIELD_ACCESS.dispatch);
}

/** Whether this person may record on a visit: one of its engineers, or someone who dispatches. */
export function isOnVisit(user: User, engineers: readonly { id: number }[]): boolean {
  return canDispatch(user) || (!isCustomerContact(user) && hasAnyRole(user, FIELD_ACCESS.visit) && engineers.some((e) => e.id === user.id));
}

/** Ticket kinds that get remote diagnosis and visits. */
export const FIELD_KINDS: readonly string[] = ['fault', 'upgrade', 'service_request'];

const STATE_COLORS: Record<DispatchState, string> = {
  planned: 'blue',
  accepted: 'cyan',
  en_route: 'geekblue',
  on_site: 'purple',
  done: 'green',
  cancelled: 'default',
};

export function DispatchStateTag({ state, testId }: { state: string; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLORS[state as DispatchState] ?? 'default'} data-testid={testId} data-state={state} style={{ marginInlineEnd: 0 }}>
      {enumLabel(t, 'field.dispatchState', state)}
    </Tag>
  );
}

export const SATISFACTION_COLORS: Record<Satisfaction, string> = { satisfied: 'green', average: 'gold', dissatisfied: 'red' };
/** The chosen satisfaction button's fill: green, amber, red. */
export const SATISFACTION_SOLID: Record<Satisfaction, string> = { satisfied: '#389e0d', average: '#d48806', dissatisfied: '#cf1322' };
export const SATISFACTION_ICONS: Record<Satisfaction, ReactNode> = {
  satisfied: <SmileOutlined />,
  average: <MehOutlined />,
  dissatisfied: <FrownOutlined />,
};

export function SatisfactionTag({ value }: { value: string }) {
  const { t } = useTranslation();
  if (!value) return null;
  const s = value as Satisfaction;
  return (
    <Tag color={SATISFACTION_COLORS[s] ?? 'default'} icon={SATISFACTION_ICONS[s]} style={{ marginInlineEnd: 0 }} data-satisfaction={value}>
      {enumLabel(t, 'field.satisfaction', value)}
    </Tag>
  );
}

const FORM_STATE_COLORS: Record<string, string> = { draft: 'orange', signed: 'green', superseded: 'default' };

export function FormStateTag({ state, testId }: { state: string; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={FORM_STATE_COLORS[state] ?? 'default'}
      icon={state === 'signed' ? <CheckCircleFilled /> : undefined}
      data-testid={testId}
      data-state={state}
      style={{ marginInlineEnd: 0 }}
    >
      {enumLabel(t, 'field.formState', state)}
    </Tag>
  );
}
