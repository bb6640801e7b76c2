import { EditOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Input, Radio, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SATISFACTIONS, type Satisfaction, type SignInput } from '../../api/field';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SATISFACTION_ICONS, SATISFACTION_SOLID } from './labels';
import { SignaturePad } from './SignaturePad';

type Missing = 'signerName' | 'satisfaction' | 'signature';

/**
 * The customer's confirmation of a service form (R9): the designated technician's name, their
 * satisfaction (满意 / 一般 / 不满意), a comment and the drawn signature. Used on the engineer's
 * screen and on the public sign page; the caller sends it.
 */
export function SigningPanel({
  onSign,
  pending,
  error,
  intro,
}: {
  onSign: (input: SignInput) => void;
  pending: boolean;
  error: unknown;
  intro?: React.ReactNode;
}) {
  const { t } = useTranslation();
  const [signerName, setSignerName] = useState('');
  const [satisfaction, setSatisfaction] = useState<Satisfaction | null>(null);
  const [comment, setComment] = useState('');
  const [signature, setSignature] = useState<string | null>(null);
  const [missing, setMissing] = useState<Missing[]>([]);

  const submit = () => {
    const gaps: Missing[] = [];
    if (!signerName.trim()) gaps.push('signerName');
    if (!satisfaction) gaps.push('satisfaction');
    if (!signature) gaps.push('signature');
    setMissing(gaps);
    if (gaps.length > 0 || !satisfaction || !signature) return;
    onSign({ signerName: signerName.trim(), satisfaction, signature, ...(comment.trim() ? { comment: comment.trim() } : {}) });
  };
  const gap = (what: Missing) =>
    missing.includes(what) ? (
      <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid={`sign-missing-${what}`}>
        {t(`field.sign.missing.${what}`)}
      </Typography.Text>
    ) : null;

  return (
    <Flex vertical gap={16} data-testid="signing-panel">
      {intro}
      <ErrorAlert error={error} style={{ marginBottom: 0 }} />
      <div>
        <Typography.Text strong>{t('field.sign.signerName')}</Typography.Text>
        <Input
          size="large"
          value={signerName}
          onChange={(e) => {
            setSignerName(e.target.value);
            setMissing((m) => m.filter((x) => x !== 'signerName'));
          }}
          maxLength={100}
          autoComplete="name"
          placeholder={t('field.sign.signerNamePlaceholder')}
          status={missing.includes('signerName') ? 'error' : undefined}
          style={{ marginTop: 4 }}
          data-testid="signer-name"
        />
        {gap('signerName')}
      </div>
      <div>
        <Typography.Text strong>{t('field.sign.satisfaction')}</Typography.Text>
        <Radio.Group
          value={satisfaction}
          onChange={(e) => {
            setSatisfaction(e.target.value as Satisfaction);
            setMissing((m) => m.filter((x) => x !== 'satisfaction'));
          }}
          optionType="button"
          buttonStyle="solid"
          size="large"
          style={{ display: 'flex', width: '100%', marginTop: 4 }}
          data-testid="satisfaction"
        >
          {SATISFACTIONS.map((s) => (
            <Radio.Button
              key={s}
              value={s}
              style={{
                flex: '1 1 0',
                minWidth: 0,
                height: 72,
                paddingInline: 4,
                display: 'flex',
                alignItems: 'center',
                justifyContent: 'center',
                ...(satisfaction === s ? { background: SATISFACTION_SOLID[s], borderColor: SATISFACTION_SOLID[s] } : {}),
              }}
            >
              {/* icon over the word, so three fit side by side on a phone in either language */}
              <span data-testid={`satisfaction-${s}`} style={{ display: 'flex', flexDirection: 'column', alignItems: 'center', lineHeight: 1.25, fontSize: 16 }}>
                <span style={{ fontSize: 24 }}>{SATISFACTION_ICONS[s]}</span>
                {t(`field.satisfaction.${s}`)}
              </span>
            </Radio.Button>
          ))}
        </Radio.Group>
        {gap('satisfaction')}
      </div>
      <div>
        <Typography.Text strong>{t('field.sign.comment')}</Typography.Text>
        <Input.TextArea
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          autoSize={{ minRows: 2, maxRows: 6 }}
          maxLength={2000}
          placeholder={t('field.sign.commentPlaceholder')}
          style={{ marginTop: 4 }}
          data-testid="signer-comment"
        />
      </div>
      <div>
        <Typography.Text strong>{t('field.sign.signature')}</Typography.Text>
        <div style={{ marginTop: 4 }}>
          <SignaturePad
            disabled={pending}
            onChange={(url) => {
              setSignature(url);
              if (url) setMissing((m) => m.filter((x) => x !== 'signature'));
            }}
          />
        </div>
        {gap('signature')}
      </div>
      <Alert type="info" showIcon title={t('field.sign.lockNotice')} />
      <Button type="primary" size="large" block icon={<EditOutlined />} loading={pending} onClick={submit} data-testid="sign-submit">
        {t('field.sign.submit')}
      </Button>
    </Flex>
  );
}
