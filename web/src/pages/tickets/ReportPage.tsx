import { ArrowLeftOutlined, SendOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Form, Input, Radio, Space } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { createTicket } from '../../api/client';
import type { Entitlement, TicketKind } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { SerialLookup, type LookupLinks } from '../../components/SerialLookup';
import { applyServerErrors } from '../../components/serverErrors';

const PORTAL_KINDS = ['fault', 'consultation', 'complaint'] as const satisfies readonly TicketKind[];

interface ReportValues {
  kind: TicketKind;
  title: string;
  description?: string;
}

const CONTACT_LINKS: LookupLinks = {
  asset: (id) => `/equipment/assets/${id}`,
  contract: (id) => `/equipment/contracts/${id}`,
  customer: null,
};

/** 报告故障: a customer contact reports a fault, asks a question or complains (channel portal, their organisation). */
export function ReportPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<ReportValues>();
  const [error, setError] = useState<unknown>(null);
  const [asset, setAsset] = useState<Entitlement | null>(null);

  const mutation = useMutation({
    mutationFn: (v: ReportValues) =>
      createTicket({ kind: v.kind, title: v.title.trim(), description: v.description?.trim() || undefined, assetId: asset?.asset.id }),
    onMutate: () => setError(null),
    onSuccess: (tk) => {
      void qc.invalidateQueries({ queryKey: ['tickets'] });
      message.success(t('report.createdOk', { number: tk.number }));
      void navigate(`/tickets/${tk.id}`);
    },
    onError: (e) => setError(applyServerErrors(form, e, ['kind', 'title', 'description'])),
  });

  return (
    <>
      <PageHeader
        title={
          <Space size={8}>
            <Link to="/tickets" aria-label={t('common.back')}>
              <ArrowLeftOutlined />
            </Link>
            {t('report.title')}
          </Space>
        }
      />
      <Card style={{ maxWidth: 760 }}>
        <ErrorAlert error={error} />
        <Form<ReportValues> form={form} layout="vertical" initialValues={{ kind: 'fault' }} onFinish={(v) => mutation.mutate(v)}>
          <Form.Item name="kind" label={t('report.kind')}>
            <Radio.Group optionType="button" buttonStyle="solid">
              {PORTAL_KINDS.map((k) => (
                <Radio.Button key={k} value={k}>
                  <span data-testid={`report-kind-${k}`}>{t(`ticketKind.${k}`)}</span>
                </Radio.Button>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item name="title" label={t('ticket.title')} rules={[{ required: true, whitespace: true, message: t('intake.titleRequired') }, { max: 200 }]}>
            <Input autoFocus maxLength={200} placeholder={t('report.titlePlaceholder')} data-testid="report-title" />
          </Form.Item>
          <Form.Item name="description" label={t('ticket.description')} rules={[{ max: 20000 }]}>
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} placeholder={t('report.descriptionPlaceholder')} data-testid="report-description" />
          </Form.Item>
          <Form.Item label={t('report.device')} extra={t('report.deviceHint')}>
            {/* Enter in the lookup looks the serial number up; it must not send the report */}
            <div onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}>
            <SerialLookup
              links={CONTACT_LINKS}
              inputTestId="report-serial"
              onFound={(items) => setAsset(items[0] ?? null)}
              onClear={() => setAsset(null)}
              placeholder={t('intake.serialPlaceholder')}
            />
            </div>
          </Form.Item>
          <Flex gap={8} justify="flex-end">
            <Link to="/tickets">
              <Button>{t('common.cancel')}</Button>
            </Link>
            <Button type="primary" htmlType="submit" icon={<SendOutlined />} loading={mutation.isPending} data-testid="report-submit">
              {t('report.submit')}
            </Button>
          </Flex>
        </Form>
      </Card>
    </>
  );
}
