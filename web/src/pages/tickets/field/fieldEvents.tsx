import { AuditOutlined, CarOutlined, DesktopOutlined, FormOutlined, HddOutlined, InboxOutlined, LaptopOutlined, RiseOutlined, SafetyCertificateOutlined, SwapOutlined } from '@ant-design/icons';
import { Space, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import type { TicketEvent } from '../../../api/types';
import { enumLabel } from '../../../components/assetLabels';
import { formatDateTime } from '../../../components/format';
import { SatisfactionTag } from '../../field/labels';

/** Timeline entries written by field service, vendor escalation, fault reports and spare parts. */
export const FIELD_EVENT_ICONS: Record<string, ReactNode> = {
  remote_session: <DesktopOutlined />,
  dispatch: <CarOutlined />,
  escalation: <RiseOutlined />,
  resolution: <SafetyCertificateOutlined />,
  service_form: <FormOutlined />,
  report: <AuditOutlined />,
  spare_on_site: <InboxOutlined />,
  parts: <HddOutlined />,
  rma: <SwapOutlined />,
  loan: <LaptopOutlined />,
};

export const FIELD_EVENT_COLORS: Record<string, string> = {
  remote_session: '#2f54eb',
  dispatch: '#722ed1',
  escalation: '#fa541c',
  resolution: 'green',
  service_form: '#13c2c2',
  report: '#1677ff',
  spare_on_site: 'green',
  parts: '#08979c',
  rma: '#d46b08',
  loan: '#389e0d',
};

const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

function Head({ children }: { children: ReactNode }) {
  return (
    <Space size={6} wrap>
      {children}
    </Space>
  );
}

/**
 * The headline of a field service entry ("张伟 到达现场 GZ-…-D1", "服务表格已签署 · 满意"), and any
 * detail line under it; null for a type this module does not know. The entry's body is shown by
 * the caller, as for every other entry.
 */
export function fieldEventHead(e: TicketEvent, t: TFunction, lang: string): { head: ReactNode; detail?: ReactNode } | null {
  const d = e.data ?? {};
  const action = str(d.action);
  const number = str(d.number);
  const who = str(d.by) || e.actorName;
  const strong = (text: string) => <Typography.Text strong>{text}</Typography.Text>;
  switch (e.type) {
    case 'remote_session':
      return {
        head: (
          <Head>
            {strong(action === 'updated' ? t('field.event.remoteUpdated') : t('field.event.remote'))}
            {d.method ? <Tag style={{ marginInlineEnd: 0 }}>{enumLabel(t, 'field.remoteMethod', str(d.method))}</Tag> : null}
            {d.result ? (
              <Tag color={d.result === 'solved' ? 'green' : 'default'} style={{ marginInlineEnd: 0 }}>
                {enumLabel(t, 'field.remoteResult', str(d.result))}
              </Tag>
            ) : null}
          </Head>
        ),
      };
    case 'dispatch': {
      if (action === 'created') {
        return {
          head: <Head>{strong(t('field.event.dispatchCreated', { number }))}</Head>,
          detail: (
            <Typography.Text type="secondary">
              {t('field.event.dispatchPlan', { engineers: str(d.engineers), time: formatDateTime(typeof d.plannedAt === 'number' ? d.plannedAt : null, lang) })}
            </Typography.Text>
          ),
        };
      }
      if (action === 'log') return { head: <Head>{strong(t('field.event.dispatchLog', { number }))}</Head> };
      return { head: <Head>{strong(t(`field.event.dispatch.${action}`, { who, number, defaultValue: `${who} ${action} ${number}` }))}</Head> };
    }
    case 'escalation':
      return {
        head: (
          <Head>
            {strong(t(`field.event.escalation.${action}`, { vendor: str(d.vendorName), defaultValue: str(d.vendorName) }))}
            {d.caseNumber ? <Typography.Text code>{t('field.event.caseNumber', { number: str(d.caseNumber) })}</Typography.Text> : null}
          </Head>
        ),
      };
    case 'resolution': {
      const versions = str(d.versionBefore) || str(d.versionAfter) ? `${str(d.versionBefore) || '—'} → ${str(d.versionAfter) || '—'}` : '';
      return {
        head: <Head>{strong(t('field.event.resolution', { method: enumLabel(t, 'field.resolutionMethod', str(d.method)) }))}</Head>,
        detail: (
          <Typography.Text type="secondary">
            {t('field.event.restoredAt', { time: formatDateTime(typeof d.restoredAt === 'number' ? d.restoredAt : null, lang) })}
            {versions ? ` · ${t('field.event.versions', { versions })}` : ''}
            {str(d.rootCause) ? ` · ${t('field.event.rootCause', { cause: str(d.rootCause) })}` : ''}
          </Typography.Text>
        ),
      };
    }
    case 'service_form':
      if (action === 'signed') {
        return {
          head: (
            <Head>
              {strong(t('field.event.formSigned', { number }))}
              <SatisfactionTag value={str(d.satisfaction)} />
            </Head>
          ),
          detail: (
            <Typography.Text type="secondary">
              {t('field.event.formSigner', { name: str(d.signerName), via: enumLabel(t, 'field.signedVia', str(d.via)) })}
            </Typography.Text>
          ),
        };
      }
      return {
        head: <Head>{strong(t(`field.event.form.${action}`, { number, version: str(d.version), email: str(d.email), defaultValue: `${number} ${action}` }))}</Head>,
      };
    case 'report': {
      const emails = Array.isArray(d.emails) ? (d.emails as unknown[]).map(str).join(', ') : '';
      return {
        head: <Head>{strong(t(`field.event.report.${action}`, { defaultValue: action }))}</Head>,
        detail: emails ? <Typography.Text type="secondary">{t('field.event.reportSentTo', { to: emails })}</Typography.Text> : undefined,
      };
    }
    case 'spare_on_site':
      // R8: a spare fitting the device is in the customer's on-site store, so the 4-hour hardware clock applies.
      return { head: <Head>{strong(t('field.event.spareOnSite'))}</Head> };
    case 'parts':
      // The body says which part (number, description, quantity, serials); the head says what happened.
      return {
        head: <Head>{strong(t(`parts.event.parts.${action}`, { number, defaultValue: `${action} ${number}` }))}</Head>,
        detail: d.storeName ? <Typography.Text type="secondary">{t('parts.event.parts.from', { store: str(d.storeName) })}</Typography.Text> : undefined,
      };
    case 'rma':
      return {
        head: (
          <Head>
            {strong(t(`parts.event.rma.${action}`, { number, vendor: str(d.vendorName), received: str(d.receivedQty), qty: str(d.qty), defaultValue: `${number} ${action}` }))}
            {d.outcome ? <Tag style={{ marginInlineEnd: 0 }}>{enumLabel(t, 'rma.outcome', str(d.outcome))}</Tag> : null}
            {d.caseNumber ? <Typography.Text code>{t('field.event.caseNumber', { number: str(d.caseNumber) })}</Typography.Text> : null}
          </Head>
        ),
      };
    case 'loan':
      return {
        head: <Head>{strong(t(`parts.event.loan.${action}`, { number, serial: str(d.serial), defaultValue: `${number} ${action}` }))}</Head>,
        detail: d.replaces ? <Typography.Text type="secondary">{t('parts.event.loan.standsIn', { serial: str(d.replaces) })}</Typography.Text> : undefined,
      };
    default:
      return null;
  }
}
