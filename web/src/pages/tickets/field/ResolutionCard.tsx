import { EditOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Descriptions, Empty, Flex, Form, Input, Radio, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getAsset } from '../../../api/client';
import { HARDWARE_METHODS, SOFTWARE_METHODS, getResolution, recordResolution, type Resolution, type ResolutionMethod } from '../../../api/field';
import type { Ticket } from '../../../api/types';
import { enumLabel } from '../../../components/assetLabels';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatDateTime } from '../../../components/format';
import { applyServerErrors } from '../../../components/serverErrors';
import { useIsPhone } from '../../../components/useIsPhone';

export const resolutionKey = (ticketId: number) => ['ticket', ticketId, 'resolution'] as const;

interface Values {
  method: ResolutionMethod;
  details: string;
  rootCause?: string;
  restoredAt: Dayjs;
  versionField?: 'software' | 'firmware';
  versionBefore?: string;
  versionAfter?: string;
}

const FIELDS = ['method', 'details', 'rootCause', 'restoredAt', 'versionBefore', 'versionAfter', 'versionField'];

function ResolutionForm({ ticket, current, onDone }: { ticket: Ticket; current: Resolution | null; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const method = Form.useWatch('method', form);
  const versionField = Form.useWatch('versionField', form);
  // the device's current version is what a software update replaces
  const asset = useQuery({ queryKey: ['asset', ticket.assetId], queryFn: () => getAsset(ticket.assetId!), enabled: ticket.assetId !== null && method === 'software_update', staleTime: 60_000 });
  const assetVersion = versionField === 'firmware' ? asset.data?.firmwareVersion : asset.data?.softwareVersion;

  const mutation = useMutation({
    mutationFn: (v: Values) =>
      recordResolution(ticket.id, {
        method: v.method,
        details: v.details,
        rootCause: v.rootCause?.trim() || undefined,
        restoredAt: v.restoredAt.valueOf(),
        ...(v.method === 'software_update' ? { versionBefore: v.versionBefore?.trim() || undefined, versionAfter: v.versionAfter?.trim(), versionField: v.versionField ?? 'software' } : {}),
      }),
    onMutate: () => setError(null),
    onSuccess: (r) => {
      qc.setQueryData(resolutionKey(ticket.id), r);
      void qc.invalidateQueries({ queryKey: ['ticket', ticket.id] });
      if (ticket.assetId !== null) void qc.invalidateQueries({ queryKey: ['asset', ticket.assetId] });
      message.success(t('field.resolution.saved'));
      onDone();
    },
    onError: (e) => setError(applyServerErrors(form, e, FIELDS)),
  });

  const group = (kind: 'software' | 'hardware', methods: readonly ResolutionMethod[]) => ({
    label: t(`field.resolutionKind.${kind}`),
    title: kind,
    options: methods.map((m) => ({ value: m, label: <span data-testid={`resolution-method-${m}`}>{enumLabel(t, 'field.resolutionMethod', m)}</span> })),
  });

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={{
        method: current?.method,
        details: current?.details ?? '',
        rootCause: current?.rootCause ?? '',
        restoredAt: current ? dayjs(current.restoredAt) : dayjs(),
        versionField: 'software',
        versionBefore: current?.versionBefore ?? '',
        versionAfter: current?.versionAfter ?? '',
      }}
      onFinish={(v) => mutation.mutate(v)}
    >
      <ErrorAlert error={error} />
      <Form.Item name="method" label={t('field.resolution.method')} rules={[{ required: true, message: t('field.resolution.methodRequired') }]}>
        <Select options={[group('software', SOFTWARE_METHODS), group('hardware', HARDWARE_METHODS)]} placeholder={t('field.resolution.methodPlaceholder')} data-testid="resolution-method" />
      </Form.Item>
      <Form.Item name="details" label={t('field.resolution.details')} rules={[{ required: true, whitespace: true, message: t('field.resolution.detailsRequired') }, { max: 10_000 }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} placeholder={t('field.resolution.detailsPlaceholder')} data-testid="resolution-details" />
      </Form.Item>
      <Form.Item name="rootCause" label={t('field.resolution.rootCause')} rules={[{ max: 10_000 }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} placeholder={t('field.resolution.rootCausePlaceholder')} data-testid="resolution-root-cause" />
      </Form.Item>
      {method === 'software_update' && (
        <>
          <Form.Item name="versionField" label={t('field.resolution.versionField')}>
            <Radio.Group optionType="button" data-testid="resolution-version-field">
              <Radio.Button value="software">{t('asset.softwareVersion')}</Radio.Button>
              <Radio.Button value="firmware">{t('asset.firmwareVersion')}</Radio.Button>
            </Radio.Group>
          </Form.Item>
          <Flex gap={12} wrap>
            <Form.Item
              name="versionBefore"
              label={t('field.resolution.versionBefore')}
              extra={assetVersion ? t('field.resolution.assetHas', { version: assetVersion }) : undefined}
              rules={[{ max: 120 }]}
              style={{ flex: '1 1 180px' }}
            >
              <Input data-testid="resolution-version-before" placeholder={assetVersion ?? undefined} />
            </Form.Item>
            <Form.Item name="versionAfter" label={t('field.resolution.versionAfter')} rules={[{ required: true, whitespace: true, message: t('field.resolution.versionAfterRequired') }, { max: 120 }]} style={{ flex: '1 1 180px' }}>
              <Input data-testid="resolution-version-after" />
            </Form.Item>
          </Flex>
        </>
      )}
      <Form.Item name="restoredAt" label={t('field.resolution.restoredAt')} extra={t('field.resolution.restoredHint')} rules={[{ required: true, message: t('field.resolution.restoredRequired') }]}>
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="resolution-restored-at" />
      </Form.Item>
      <Flex justify="flex-end" gap={8}>
        {current && <Button onClick={onDone}>{t('common.cancel')}</Button>}
        <Button type="primary" htmlType="submit" loading={mutation.isPending} data-testid="resolution-save">
          {t('field.resolution.save')}
        </Button>
      </Flex>
    </Form>
  );
}

function ResolutionView({ r }: { r: Resolution }) {
  const { t, i18n } = useTranslation();
  const isPhone = useIsPhone();
  const text = (v: string) => (v ? <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{v}</span> : '—');
  return (
    <Descriptions size="small" column={1} styles={{ label: { whiteSpace: 'nowrap', width: isPhone ? undefined : 132 } }} data-testid="resolution-view">
      <Descriptions.Item label={t('field.resolution.method')}>
        <Space size={6} wrap>
          <Tag color={r.kind === 'software' ? 'geekblue' : 'orange'} style={{ marginInlineEnd: 0 }}>
            {t(`field.resolutionKind.${r.kind}`)}
          </Tag>
          <span data-testid="resolution-method-view">{enumLabel(t, 'field.resolutionMethod', r.method)}</span>
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label={t('field.resolution.details')}>{text(r.details)}</Descriptions.Item>
      <Descriptions.Item label={t('field.resolution.rootCause')}>{text(r.rootCause)}</Descriptions.Item>
      {r.versionBefore || r.versionAfter ? (
        <Descriptions.Item label={t('field.resolution.version')}>
          <Typography.Text code>{r.versionBefore || '—'}</Typography.Text> → <Typography.Text code>{r.versionAfter || '—'}</Typography.Text>
        </Descriptions.Item>
      ) : null}
      <Descriptions.Item label={t('field.resolution.restoredAt')}>
        <span data-testid="resolution-restored-view">{formatDateTime(r.restoredAt, i18n.language)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('field.resolution.recorded')}>
        {r.recordedBy ?? '—'} · {formatDateTime(r.recordedAt, i18n.language)}
      </Descriptions.Item>
    </Descriptions>
  );
}

/** 解决方式 (R6): how the fault was fixed — software or hardware — and when service came back (R4). */
export function ResolutionCard({ ticket, canEdit }: { ticket: Ticket; canEdit: boolean }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const query = useQuery({ queryKey: resolutionKey(ticket.id), queryFn: () => getResolution(ticket.id) });
  const r = query.data ?? null;
  const editable = canEdit && ticket.status !== 'closed';
  let body: React.ReactNode;
  if (query.isPending) body = <Skeleton active paragraph={{ rows: 2 }} />;
  else if (editable && editing) body = <ResolutionForm ticket={ticket} current={r} onDone={() => setEditing(false)} />;
  else if (r) body = <ResolutionView r={r} />;
  else {
    body = (
      <Flex vertical align="center" gap={8}>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('field.resolution.none')} style={{ margin: 0 }} />
        {editable && (
          <Button type="primary" onClick={() => setEditing(true)} data-testid="resolution-record">
            {t('field.resolution.record')}
          </Button>
        )}
      </Flex>
    );
  }
  return (
    <Card
      size="small"
      title={
        <Space size={6}>
          <SafetyCertificateOutlined />
          {t('field.resolution.title')}
        </Space>
      }
      extra={
        editable &&
        r &&
        !editing && (
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="resolution-edit">
            {t('common.edit')}
          </Button>
        )
      }
      data-testid="ticket-resolution"
    >
      <ErrorAlert error={query.error} />
      {body}
    </Card>
  );
}
