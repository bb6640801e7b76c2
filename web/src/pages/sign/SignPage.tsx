import { CheckCircleOutlined, DisconnectOutlined, FieldTimeOutlined } from '@ant-design/icons';
import { Card, Flex, Result, Skeleton, Space, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { isApiError } from '../../api/client';
import { getFormByLink, signFormByLink, type ServiceForm } from '../../api/field';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LangSwitch } from '../../components/LangSwitch';
import { formatDateTime } from '../../components/format';
import { FormContentView, FormHash } from '../field/FormContentView';
import { SatisfactionTag } from '../field/labels';
import { SigningPanel } from '../field/SigningPanel';

function Frame({ children }: { children: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <div style={{ minHeight: '100vh', background: 'linear-gradient(160deg, #e6f0ff 0%, #f5f7fa 55%, #eef6f0 100%)' }}>
      <Flex justify="space-between" align="center" gap={12} style={{ maxWidth: 820, margin: '0 auto', padding: '12px 16px' }}>
        <Space size={8}>
          <span
            aria-hidden
            style={{ width: 32, height: 32, borderRadius: 8, background: '#1677ff', color: '#fff', fontWeight: 600, fontSize: 18, display: 'inline-flex', alignItems: 'center', justifyContent: 'center' }}
          >
            维
          </span>
          <Typography.Text strong>{t('app.name')}</Typography.Text>
        </Space>
        <LangSwitch size="middle" />
      </Flex>
      <div style={{ maxWidth: 820, margin: '0 auto', padding: '0 12px 32px' }}>{children}</div>
    </div>
  );
}

/** What is wrong with the link, in words the customer can act on. */
function LinkProblem({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (isApiError(error) && error.code === 'sign_link_expired') {
    return (
      <Card>
        <Result icon={<FieldTimeOutlined style={{ color: '#faad14' }} />} title={t('field.signPage.expiredTitle')} subTitle={t('field.signPage.expiredHint')} data-testid="sign-link-expired" />
      </Card>
    );
  }
  if (!error || (isApiError(error) && (error.code === 'sign_link_invalid' || error.code === 'validation_failed' || error.status === 404))) {
    return (
      <Card>
        <Result icon={<DisconnectOutlined style={{ color: '#ff4d4f' }} />} title={t('field.signPage.invalidTitle')} subTitle={t('field.signPage.invalidHint')} data-testid="sign-link-invalid" />
      </Card>
    );
  }
  return <ErrorAlert error={error} />;
}

function Signed({ form, justNow }: { form: ServiceForm; justNow: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <Card>
      <Result
        status="success"
        icon={<CheckCircleOutlined />}
        title={justNow ? t('field.signPage.thanks') : t('field.signPage.alreadySigned')}
        subTitle={
          <Space size={8} wrap style={{ justifyContent: 'center' }}>
            <span>{form.signerName}</span>
            <span>{formatDateTime(form.signedAt, i18n.language)}</span>
            <SatisfactionTag value={form.satisfaction} />
          </Space>
        }
        data-testid="sign-done"
      >
        <Flex vertical gap={8} style={{ maxWidth: 560, margin: '0 auto' }}>
          <Typography.Text type="secondary">{t('field.signPage.hashHint')}</Typography.Text>
          <FormHash form={form} />
        </Flex>
      </Result>
    </Card>
  );
}

/**
 * 服务表格签署 for the customer's designated technician, through an e-mailed one-time link: no
 * account, the token is the key. Shows the form read only, then takes name, satisfaction, comment
 * and signature.
 */
export function SignPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const token = useSearchParams()[0].get('token') ?? '';
  const valid = Number.isInteger(id) && id > 0 && token.length >= 10;
  const [signed, setSigned] = useState<ServiceForm | null>(null);
  // the link works once: after signing the form shown is the one the signature answered
  const query = useQuery({ queryKey: ['public-form', id, token], queryFn: () => getFormByLink(id, token), enabled: valid, staleTime: Infinity });
  const sign = useMutation({ mutationFn: (input: Parameters<typeof signFormByLink>[2]) => signFormByLink(id, token, input), onSuccess: setSigned });

  let body: React.ReactNode;
  if (!valid) body = <LinkProblem error={null} />;
  else if (signed) body = <Signed form={signed} justNow />;
  else if (query.isPending) body = <Skeleton active paragraph={{ rows: 10 }} />;
  else if (!query.data) body = <LinkProblem error={query.error} />;
  else {
    const form = query.data;
    body =
      form.state === 'signed' ? (
        <Signed form={form} justNow={false} />
      ) : form.state === 'superseded' ? (
        <Card>
          <Result status="info" title={t('field.signPage.supersededTitle')} subTitle={t('field.signPage.expiredHint')} data-testid="sign-superseded" />
        </Card>
      ) : (
        <Flex vertical gap={16}>
          <Card size="small" title={t('field.signPage.title', { number: form.number })}>
            <Flex vertical gap={12}>
              <Typography.Text type="secondary">{t('field.signPage.intro', { customer: form.content.customerName })}</Typography.Text>
              <FormContentView content={form.content} number={form.number} version={form.version} />
            </Flex>
          </Card>
          <Card size="small" title={t('field.sign.title')}>
            <SigningPanel onSign={(input) => sign.mutate(input)} pending={sign.isPending} error={sign.error} />
          </Card>
        </Flex>
      );
  }
  return <Frame>{body}</Frame>;
}
