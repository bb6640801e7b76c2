import { Alert, App, Form, Input, Modal, Radio, Select } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { emailServiceForm, sendSignLink, type PdfLang } from '../../api/field';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../components/format';
import { currentLanguage } from '../../i18n';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A mail failure in plain words: no mail server is the administrator's to fix, so it says so. */
function MailError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (isApiError(error) && error.code === 'mail_not_configured') {
    return <Alert type="warning" showIcon title={error.message} description={t('field.mail.notConfiguredHint')} style={{ marginBottom: 16 }} data-testid="mail-not-configured" />;
  }
  return <ErrorAlert error={error} />;
}

function LangChoice({ value, onChange }: { value: PdfLang; onChange: (v: PdfLang) => void }) {
  const { t } = useTranslation();
  return (
    <Radio.Group value={value} onChange={(e) => onChange(e.target.value as PdfLang)} optionType="button">
      <Radio.Button value="zh-CN">{t('field.form.pdfZh')}</Radio.Button>
      <Radio.Button value="en">{t('field.form.pdfEn')}</Radio.Button>
    </Radio.Group>
  );
}

/** 发送签署链接: a one-time link for the customer's designated technician to sign without an account. */
export function SignLinkModal({ formId, open, onClose }: { formId: number; open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [email, setEmail] = useState('');
  const [lang, setLang] = useState<PdfLang>(currentLanguage());
  const [invalid, setInvalid] = useState(false);
  const mutation = useMutation({
    mutationFn: () => sendSignLink(formId, email.trim(), lang),
    onSuccess: (r) => {
      message.success(t('field.mail.linkSent', { email: r.email, time: formatDateTime(r.expiresAt, i18n.language) }));
      onClose();
    },
  });
  const { reset } = mutation;
  useEffect(() => {
    if (!open) return;
    setEmail('');
    setInvalid(false);
    reset();
  }, [open, reset]);
  const submit = () => {
    if (!EMAIL.test(email.trim())) {
      setInvalid(true);
      return;
    }
    mutation.mutate();
  };
  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={t('field.mail.linkTitle')}
      okText={t('field.mail.send')}
      cancelText={t('common.cancel')}
      onOk={submit}
      okButtonProps={{ loading: mutation.isPending, 'data-testid': 'sign-link-submit' }}
      destroyOnHidden
    >
      <MailError error={mutation.error} />
      <Form layout="vertical" onFinish={submit}>
        <Form.Item label={t('field.mail.email')} extra={t('field.mail.linkHint')} validateStatus={invalid ? 'error' : undefined} help={invalid ? t('field.mail.emailInvalid') : undefined}>
          <Input
            type="email"
            inputMode="email"
            autoFocus
            value={email}
            onChange={(e) => {
              setEmail(e.target.value);
              setInvalid(false);
            }}
            onPressEnter={submit}
            data-testid="sign-link-email"
          />
        </Form.Item>
        <Form.Item label={t('field.mail.language')} style={{ marginBottom: 0 }}>
          <LangChoice value={lang} onChange={setLang} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 发送 PDF: the form as a PDF attachment to one or more addresses. */
export function EmailPdfModal({ formId, open, onClose }: { formId: number; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [to, setTo] = useState<string[]>([]);
  const [lang, setLang] = useState<PdfLang>(currentLanguage());
  const [invalid, setInvalid] = useState<string[]>([]);
  const mutation = useMutation({
    mutationFn: () => emailServiceForm(formId, to, lang),
    onSuccess: (r) => {
      if (r.sentTo.length === to.length) message.success(t('field.mail.pdfSent', { to: r.sentTo.join(', ') }));
      else message.warning(t('field.mail.pdfPartly', { to: r.sentTo.join(', ') || '—', refused: to.filter((x) => !r.sentTo.includes(x)).join(', ') }));
      onClose();
    },
  });
  const { reset } = mutation;
  useEffect(() => {
    if (!open) return;
    setTo([]);
    setInvalid([]);
    reset();
  }, [open, reset]);
  const submit = () => {
    const bad = to.filter((x) => !EMAIL.test(x));
    setInvalid(bad);
    if (bad.length === 0 && to.length > 0) mutation.mutate();
  };
  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={t('field.mail.pdfTitle')}
      okText={t('field.mail.send')}
      cancelText={t('common.cancel')}
      onOk={submit}
      okButtonProps={{ loading: mutation.isPending, disabled: to.length === 0, 'data-testid': 'form-email-submit' }}
      destroyOnHidden
    >
      <MailError error={mutation.error} />
      <Form layout="vertical">
        <Form.Item
          label={t('field.mail.recipients')}
          extra={t('field.mail.recipientsHint')}
          validateStatus={invalid.length ? 'error' : undefined}
          help={invalid.length ? t('field.mail.emailInvalidList', { list: invalid.join(', ') }) : undefined}
        >
          <Select
            mode="tags"
            value={to}
            onChange={(v: string[]) => {
              setTo(v.map((x) => x.trim()).filter(Boolean).slice(0, 10));
              setInvalid([]);
            }}
            tokenSeparators={[',', ';', ' ']}
            open={false}
            suffixIcon={null}
            data-testid="form-email-to"
          />
        </Form.Item>
        <Form.Item label={t('field.mail.language')} style={{ marginBottom: 0 }}>
          <LangChoice value={lang} onChange={setLang} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
