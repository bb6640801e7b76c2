import { EditOutlined, FileAddOutlined, MailOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Collapse, Divider, Empty, Flex, Input, List, Skeleton, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  createServiceForm,
  getVisitForm,
  signServiceForm,
  updateDispatch,
  updateServiceForm,
  type DispatchDetail,
  type FormContent,
  type FormTexts,
  type ServiceForm,
  type SignInput,
} from '../../api/field';
import { ErrorAlert, errorText } from '../../components/ErrorAlert';
import { formatDateTime } from '../../components/format';
import { FormContentView, PdfLinks, SignatureView } from './FormContentView';
import { EmailPdfModal, SignLinkModal } from './FormMailModals';
import { FormStateTag } from './labels';
import { SigningPanel } from './SigningPanel';

export const visitKey = (id: number) => ['dispatch', id] as const;
export const visitFormKey = (id: number) => ['dispatch', id, 'form'] as const;

type Texts = Required<FormTexts>;
const TEXT_FIELDS = [
  { key: 'serviceContent', label: 'field.form.serviceContent', placeholder: 'field.form.serviceContentPlaceholder', testId: 'form-service-content', max: 10_000 },
  { key: 'workDone', label: 'field.form.workDone', placeholder: 'field.form.workDonePlaceholder', testId: 'form-work-done', max: 10_000 },
  { key: 'result', label: 'field.form.result', placeholder: 'field.form.resultPlaceholder', testId: 'form-result', max: 10_000 },
  { key: 'partsUsed', label: 'field.form.partsUsed', placeholder: 'field.form.partsUsedPlaceholder', testId: 'form-parts-used', max: 4000 },
] as const;

const textsOf = (c: FormContent): Texts => ({ serviceContent: c.serviceContent, workDone: c.workDone, result: c.result, partsUsed: c.partsUsed });

/** Only what changed, trimmed as the server stores it. */
function changes(before: Texts, after: Texts): FormTexts {
  const patch: FormTexts = {};
  for (const { key } of TEXT_FIELDS) if (after[key].trim() !== before[key].trim()) patch[key] = after[key];
  return patch;
}

function FormEditor({ texts, onChange }: { texts: Texts; onChange: (t: Texts) => void }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={12}>
      {TEXT_FIELDS.map((f) => (
        <div key={f.key}>
          <Typography.Text strong>{t(f.label)}</Typography.Text>
          <Input.TextArea
            value={texts[f.key]}
            onChange={(e) => onChange({ ...texts, [f.key]: e.target.value })}
            autoSize={{ minRows: 2, maxRows: 10 }}
            maxLength={f.max}
            placeholder={t(f.placeholder)}
            style={{ marginTop: 4 }}
            data-testid={f.testId}
          />
        </div>
      ))}
    </Flex>
  );
}

function useFormSaved(visit: DispatchDetail) {
  const qc = useQueryClient();
  return (form: ServiceForm) => {
    qc.setQueryData(visitFormKey(visit.id), form);
    void qc.invalidateQueries({ queryKey: visitKey(visit.id), exact: true });
    void qc.invalidateQueries({ queryKey: ['dispatches'] });
    void qc.invalidateQueries({ queryKey: ['ticket', visit.ticketId] });
  };
}

/** The form's other versions: a signed one that was changed is kept, with its PDF. */
function OlderVersions({ form }: { form: ServiceForm }) {
  const { t, i18n } = useTranslation();
  const older = form.versions.filter((v) => v.id !== form.id);
  if (older.length === 0) return null;
  return (
    <div data-testid="form-versions">
      <Typography.Text strong>{t('field.form.olderVersions')}</Typography.Text>
      <List
        size="small"
        dataSource={older}
        renderItem={(v) => (
          <List.Item key={v.id} extra={<PdfLinks formId={v.id} testIds={false} />}>
            <Space size={8} wrap>
              <span>{t('field.form.versionN', { version: v.version })}</span>
              <FormStateTag state={v.state} />
              {v.signedAt && <Typography.Text type="secondary">{formatDateTime(v.signedAt, i18n.language)}</Typography.Text>}
            </Space>
          </List.Item>
        )}
      />
    </div>
  );
}

/** A draft: the engineer's texts, then the customer's signature on this screen or by e-mailed link. */
function DraftForm({ form, visit, canRecord }: { form: ServiceForm; visit: DispatchDetail; canRecord: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const saved = useFormSaved(visit);
  const [texts, setTexts] = useState<Texts>(() => textsOf(form.content));
  const [linkOpen, setLinkOpen] = useState(false);
  const patch = changes(textsOf(form.content), texts);
  const dirty = Object.keys(patch).length > 0;

  const save = useMutation({
    mutationFn: () => updateServiceForm(form.id, patch),
    onSuccess: (f) => {
      saved(f);
      message.success(t('common.saved'));
    },
  });
  // texts typed but not saved go into the form before it is signed, so the signature covers them
  const sign = useMutation({
    mutationFn: async (input: SignInput) => {
      if (dirty) await updateServiceForm(form.id, patch);
      return signServiceForm(form.id, input);
    },
    onSuccess: (f) => {
      saved(f);
      message.success(t('field.sign.signedOk'));
    },
  });

  if (!canRecord) return <FormContentView content={form.content} number={form.number} version={form.version} />;
  return (
    <Flex vertical gap={16}>
      {form.version > 1 && <Alert type="info" showIcon title={t('field.form.newVersionDraft', { version: form.version })} />}
      <ErrorAlert error={save.error} style={{ marginBottom: 0 }} />
      <FormEditor texts={texts} onChange={setTexts} />
      <Flex justify="flex-end" gap={8} wrap>
        <Button icon={<SaveOutlined />} type={dirty ? 'primary' : 'default'} disabled={!dirty} loading={save.isPending} onClick={() => save.mutate()} data-testid="form-save">
          {t('field.form.save')}
        </Button>
      </Flex>
      <Divider style={{ margin: 0 }}>{t('field.sign.title')}</Divider>
      <SigningPanel
        onSign={(input) => sign.mutate(input)}
        pending={sign.isPending}
        error={sign.error}
        intro={<Typography.Text type="secondary">{t('field.sign.intro')}</Typography.Text>}
      />
      <Flex justify="space-between" align="center" gap={8} wrap>
        <PdfLinks formId={form.id} />
        <Button icon={<SendOutlined />} onClick={() => setLinkOpen(true)} data-testid="sign-link-open">
          {t('field.mail.linkOpen')}
        </Button>
      </Flex>
      <OlderVersions form={form} />
      <SignLinkModal formId={form.id} open={linkOpen} onClose={() => setLinkOpen(false)} />
    </Flex>
  );
}

/** A signed form: locked; a change makes the next version, to be signed again. */
function SignedForm({ form, visit, canRecord, canEmail }: { form: ServiceForm; visit: DispatchDetail; canRecord: boolean; canEmail: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const saved = useFormSaved(visit);
  const [editing, setEditing] = useState(false);
  const [texts, setTexts] = useState<Texts>(() => textsOf(form.content));
  const [mailOpen, setMailOpen] = useState(false);
  const patch = changes(textsOf(form.content), texts);
  const revise = useMutation({
    mutationFn: () => updateServiceForm(form.id, patch),
    onSuccess: (f) => {
      saved(f);
      message.success(t('field.form.newVersionMade', { version: f.version }));
    },
  });

  return (
    <Flex vertical gap={16}>
      <SignatureView form={form} />
      <Flex justify="space-between" align="center" gap={8} wrap>
        <PdfLinks formId={form.id} />
        <Space wrap>
          {canEmail && (
            <Button icon={<MailOutlined />} onClick={() => setMailOpen(true)} data-testid="form-email-open">
              {t('field.mail.pdfOpen')}
            </Button>
          )}
          {canRecord && !editing && (
            <Button
              icon={<EditOutlined />}
              onClick={() => {
                setTexts(textsOf(form.content));
                setEditing(true);
              }}
              data-testid="form-edit"
            >
              {t('field.form.edit')}
            </Button>
          )}
        </Space>
      </Flex>
      {editing ? (
        <Flex vertical gap={12}>
          <Alert type="warning" showIcon title={t('field.form.editSignedWarning', { version: form.version + 1 })} data-testid="form-edit-warning" />
          <ErrorAlert error={revise.error} style={{ marginBottom: 0 }} />
          <FormEditor texts={texts} onChange={setTexts} />
          <Flex justify="flex-end" gap={8}>
            <Button onClick={() => setEditing(false)}>{t('common.cancel')}</Button>
            <Button type="primary" icon={<SaveOutlined />} disabled={Object.keys(patch).length === 0} loading={revise.isPending} onClick={() => revise.mutate()} data-testid="form-save">
              {t('field.form.saveNewVersion')}
            </Button>
          </Flex>
        </Flex>
      ) : (
        <FormContentView content={form.content} number={form.number} version={form.version} />
      )}
      <OlderVersions form={form} />
      {canEmail && <EmailPdfModal formId={form.id} open={mailOpen} onClose={() => setMailOpen(false)} />}
    </Flex>
  );
}

/** 客户无法签字: why this visit has no signed form, which closing the fault otherwise needs. */
function NoFormReason({ visit, canRecord }: { visit: DispatchDetail; canRecord: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [reason, setReason] = useState(visit.noFormReason);
  const mutation = useMutation({
    mutationFn: () => updateDispatch(visit.id, { noFormReason: reason }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: visitKey(visit.id) });
      void qc.invalidateQueries({ queryKey: ['ticket', visit.ticketId] });
      message.success(t('common.saved'));
    },
    onError: (e) => message.error(errorText(e, t)),
  });
  if (!canRecord) {
    return visit.noFormReason ? <Alert type="warning" showIcon title={t('field.noForm.recorded')} description={visit.noFormReason} /> : null;
  }
  return (
    <Collapse
      size="small"
      defaultActiveKey={visit.noFormReason ? ['reason'] : []}
      items={[
        {
          key: 'reason',
          label: <span data-testid="no-form-reason-toggle">{t('field.noForm.title')}</span>,
          children: (
            <Flex vertical gap={8}>
              <Typography.Text type="secondary">{t('field.noForm.hint')}</Typography.Text>
              <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} placeholder={t('field.noForm.placeholder')} data-testid="no-form-reason" />
              <Flex justify="flex-end">
                <Button onClick={() => mutation.mutate()} loading={mutation.isPending} disabled={reason.trim() === visit.noFormReason.trim()} data-testid="no-form-reason-save">
                  {t('common.save')}
                </Button>
              </Flex>
            </Flex>
          ),
        },
      ]}
    />
  );
}

/**
 * 服务表格 (R9) of a visit: made once the engineer is on site, filled in, signed by the customer's
 * designated technician with their satisfaction, then locked by its hash; a PDF in either language.
 */
export function ServiceFormSection({ visit, canRecord, canEmail }: { visit: DispatchDetail; canRecord: boolean; canEmail: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const query = useQuery({ queryKey: visitFormKey(visit.id), queryFn: () => getVisitForm(visit.id) });
  const create = useMutation({
    mutationFn: () => createServiceForm(visit.id),
    onSuccess: (f) => {
      qc.setQueryData(visitFormKey(visit.id), f);
      void qc.invalidateQueries({ queryKey: visitKey(visit.id), exact: true });
      void qc.invalidateQueries({ queryKey: ['ticket', visit.ticketId] });
    },
  });
  const form = query.data;
  const arrived = visit.arrivedAt !== null && visit.state !== 'cancelled';

  let body: React.ReactNode;
  if (query.isPending) body = <Skeleton active paragraph={{ rows: 4 }} />;
  else if (!form) {
    body = (
      <Flex vertical align="center" gap={12}>
        <ErrorAlert error={create.error} style={{ marginBottom: 0, alignSelf: 'stretch' }} />
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={arrived ? t('field.form.none') : t('field.form.notArrived')} style={{ margin: 0 }} />
        {canRecord && arrived && (
          <Button type="primary" size="large" icon={<FileAddOutlined />} loading={create.isPending} onClick={() => create.mutate()} data-testid="form-create">
            {t('field.form.create')}
          </Button>
        )}
      </Flex>
    );
  } else if (form.state === 'draft') body = <DraftForm key={form.id} form={form} visit={visit} canRecord={canRecord} />;
  else body = <SignedForm key={form.id} form={form} visit={visit} canRecord={canRecord} canEmail={canEmail} />;

  return (
    <Card
      size="small"
      title={t('field.form.title')}
      extra={form ? <FormStateTag state={form.state} testId="form-state" /> : <span data-testid="form-state" data-state="none" />}
      data-testid="service-form"
    >
      <Flex vertical gap={16}>
        <ErrorAlert error={query.error} style={{ marginBottom: 0 }} />
        {body}
        {form?.state !== 'signed' && arrived && <NoFormReason key={visit.noFormReason} visit={visit} canRecord={canRecord} />}
      </Flex>
    </Card>
  );
}
