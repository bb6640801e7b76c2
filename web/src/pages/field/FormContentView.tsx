import { CheckCircleOutlined, FilePdfOutlined, WarningOutlined } from '@ant-design/icons';
import { Descriptions, Flex, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { serviceFormPdfUrl, type FormContent, type ServiceForm } from '../../api/field';
import { enumLabel } from '../../components/assetLabels';
import { formatDateTime } from '../../components/format';
import { useIsPhone } from '../../components/useIsPhone';
import { SatisfactionTag } from './labels';

function Text({ value, testId }: { value: string; testId?: string }) {
  const { t } = useTranslation();
  if (!value) return <Typography.Text type="secondary">{t('field.form.empty')}</Typography.Text>;
  return (
    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', margin: 0 }} data-testid={testId}>
      {value}
    </Typography.Paragraph>
  );
}

/** A service form's content, read only: the visit's facts and the engineer's texts. */
export function FormContentView({ content, number, version }: { content: FormContent; number: string; version: number }) {
  const { t, i18n } = useTranslation();
  const isPhone = useIsPhone();
  const at = (ms: number | null) => formatDateTime(ms, i18n.language);
  const site = [content.siteName, content.siteAddress].filter(Boolean).join(' · ');
  const asset = content.asset ? `${content.asset.serial} · ${content.asset.model} (${enumLabel(t, 'category', content.asset.category)})` : '—';
  return (
    <Descriptions
      size="small"
      bordered
      column={1}
      layout={isPhone ? 'vertical' : 'horizontal'}
      styles={{ label: { whiteSpace: 'nowrap', width: isPhone ? undefined : 120 } }}
      data-testid="form-content"
    >
      <Descriptions.Item label={t('field.form.number')}>
        {number} · {t('field.form.versionN', { version })}
      </Descriptions.Item>
      <Descriptions.Item label={t('field.form.ticket')}>{content.ticketNumber}</Descriptions.Item>
      <Descriptions.Item label={t('field.form.customer')}>{content.customerName}</Descriptions.Item>
      <Descriptions.Item label={t('field.form.site')}>{site || '—'}</Descriptions.Item>
      <Descriptions.Item label={t('field.form.asset')}>{asset}</Descriptions.Item>
      <Descriptions.Item label={t('field.form.engineers')}>{content.engineers.join('、') || '—'}</Descriptions.Item>
      <Descriptions.Item label={t('field.form.times')}>
        <Flex vertical gap={2}>
          <span>
            {t('field.times.planned')}: {at(content.times.plannedAt)}
          </span>
          <span>
            {t('field.times.departed')}: {at(content.times.departedAt)}
          </span>
          <span>
            {t('field.times.arrived')}: {at(content.times.arrivedAt)}
          </span>
          <span>
            {t('field.times.left')}: {at(content.times.leftAt)}
          </span>
        </Flex>
      </Descriptions.Item>
      <Descriptions.Item label={t('field.form.serviceContent')}>
        <Text value={content.serviceContent} testId="form-view-service-content" />
      </Descriptions.Item>
      <Descriptions.Item label={t('field.form.workDone')}>
        <Text value={content.workDone} testId="form-view-work-done" />
      </Descriptions.Item>
      <Descriptions.Item label={t('field.form.result')}>
        <Text value={content.result} testId="form-view-result" />
      </Descriptions.Item>
      <Descriptions.Item label={t('field.form.partsUsed')}>
        <Text value={content.partsUsed} />
      </Descriptions.Item>
    </Descriptions>
  );
}

/** The hash that locks a signed form, and whether the stored form still matches it. */
export function FormHash({ form }: { form: Pick<ServiceForm, 'contentHash' | 'hashVerified'> }) {
  const { t } = useTranslation();
  if (!form.contentHash) return null;
  return (
    <Flex vertical gap={4}>
      <Typography.Text
        code
        copyable={{ text: form.contentHash }}
        style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 12, wordBreak: 'break-all' }}
        data-testid="form-hash"
      >
        {form.contentHash}
      </Typography.Text>
      {form.hashVerified === true && (
        <Tag color="green" icon={<CheckCircleOutlined />} style={{ alignSelf: 'flex-start' }} data-testid="form-hash-verified">
          {t('field.form.hashVerified')}
        </Tag>
      )}
      {form.hashVerified === false && (
        <Tag color="red" icon={<WarningOutlined />} style={{ alignSelf: 'flex-start' }} data-testid="form-hash-broken">
          {t('field.form.hashBroken')}
        </Tag>
      )}
    </Flex>
  );
}

/** Who signed, when, how satisfied, with the drawn signature and the hash. */
export function SignatureView({ form }: { form: ServiceForm }) {
  const { t, i18n } = useTranslation();
  const isPhone = useIsPhone();
  return (
    <Descriptions size="small" bordered column={1} layout={isPhone ? 'vertical' : 'horizontal'} styles={{ label: { whiteSpace: 'nowrap', width: isPhone ? undefined : 120 } }} data-testid="form-signature">
      <Descriptions.Item label={t('field.sign.signerName')}>
        <span data-testid="form-signer">{form.signerName}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('field.form.signedAt')}>
        {formatDateTime(form.signedAt, i18n.language)}
        {form.signedVia && (
          <Typography.Text type="secondary"> · {enumLabel(t, 'field.signedVia', form.signedVia)}</Typography.Text>
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('field.sign.satisfaction')}>
        <span data-testid="form-satisfaction">
          <SatisfactionTag value={form.satisfaction} />
        </span>
      </Descriptions.Item>
      {/* a ternary, not &&: an empty string would still make an (empty) row */}
      {form.comment ? (
        <Descriptions.Item label={t('field.sign.comment')}>
          <Text value={form.comment} />
        </Descriptions.Item>
      ) : null}
      {form.signatureDataUrl ? (
        <Descriptions.Item label={t('field.sign.signature')}>
          <img src={form.signatureDataUrl} alt={t('field.sign.signatureOf', { name: form.signerName })} style={{ maxWidth: '100%', maxHeight: 140, background: '#fff' }} data-testid="form-signature-image" />
        </Descriptions.Item>
      ) : null}
      <Descriptions.Item label={t('field.form.hash')}>
        <FormHash form={form} />
      </Descriptions.Item>
    </Descriptions>
  );
}

/** 下载 PDF: 中文 / English. */
export function PdfLinks({ formId, testIds = true }: { formId: number; testIds?: boolean }) {
  const { t } = useTranslation();
  return (
    <Space size={12} wrap>
      <Typography.Text type="secondary">
        <FilePdfOutlined /> {t('field.form.pdf')}
      </Typography.Text>
      {/* the server answers as an attachment: the browser downloads it */}
      <Typography.Link href={serviceFormPdfUrl(formId, 'zh-CN')} download data-testid={testIds ? 'form-pdf-zh' : undefined}>
        {t('field.form.pdfZh')}
      </Typography.Link>
      <Typography.Link href={serviceFormPdfUrl(formId, 'en')} download data-testid={testIds ? 'form-pdf-en' : undefined}>
        {t('field.form.pdfEn')}
      </Typography.Link>
    </Space>
  );
}
