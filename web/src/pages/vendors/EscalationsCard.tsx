import { CopyOutlined, ExportOutlined, ImportOutlined, ReloadOutlined, SendOutlined, ShopOutlined, SnippetsOutlined } from '@ant-design/icons';
import { App, AutoComplete, Button, Card, Empty, Flex, Form, Input, Modal, Segmented, Select, Skeleton, Space, Tag, Tooltip, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../api/types';
import {
  ENTRY_DIRECTIONS,
  ESCALATION_STATES,
  addEscalationEntry,
  getEscalationBrief,
  listEscalations,
  listVendors,
  openEscalation,
  updateEscalation,
  type EntryDirection,
  type Escalation,
  type EscalationEntry,
  type EscalationState,
} from '../../api/vendors';
import { ErrorAlert, errorText } from '../../components/ErrorAlert';
import { hasAnyRole, isCustomerContact } from '../../components/access';
import { copyText, formatDateTime } from '../../components/format';
import { applyServerErrors } from '../../components/serverErrors';
import { useCurrentUser } from '../../components/session';

/** Mirrors the server's escalation policy: the staff who handle faults. */
const ESCALATORS: readonly Role[] = ['admin', 'manager', 'dispatcher', 'agent', 'engineer'];

export const escalationsKey = (ticketId: number) => ['ticket', ticketId, 'escalations'] as const;

const STATE_COLORS: Record<EscalationState, string | undefined> = { open: 'blue', waiting_vendor: 'orange', answered: 'green', closed: undefined };
const DIRECTION_COLORS: Record<EntryDirection, string | undefined> = { sent: 'blue', received: 'green', note: undefined };
const DIRECTION_ICONS: Record<EntryDirection, React.ReactNode> = { sent: <ExportOutlined />, received: <ImportOutlined />, note: <SnippetsOutlined /> };

/** The ticket, its timeline and its escalations all change with an escalation step. */
function useRefresh(ticketId: number) {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: ['ticket', ticketId] });
    void qc.invalidateQueries({ queryKey: ['tickets'] });
  };
}

export function EscalationStateTag({ state }: { state: EscalationState }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLORS[state]} style={{ marginInlineEnd: 0 }}>
      {t(`vendors.state.${state}`)}
    </Tag>
  );
}

interface OpenValues {
  vendorId?: number;
  caseNumber?: string;
  contactName?: string;
  brief: string;
}

const OPEN_FIELDS = ['vendorId', 'caseNumber', 'contactName', 'brief'];
const OPEN_CODE_FIELDS = { vendor_inactive: 'vendorId', vendor_not_found: 'vendorId' };

function EscalateModal({ ticketId, open, onClose }: { ticketId: number; open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const refresh = useRefresh(ticketId);
  const [form] = Form.useForm<OpenValues>();
  const [error, setError] = useState<unknown>(null);
  const vendorId = Form.useWatch('vendorId', form);
  // The brief is compiled in the UI language; a fresh copy each time the dialog opens.
  const brief = useQuery({
    queryKey: ['ticket', ticketId, 'escalation-brief', i18n.language],
    queryFn: () => getEscalationBrief(ticketId),
    enabled: open,
    staleTime: 0,
    gcTime: 0,
  });
  const vendors = useQuery({ queryKey: ['vendors', 'picker'], queryFn: async () => (await listVendors({ active: true, limit: 200 })).items, enabled: open, staleTime: 60_000 });
  const vendor = vendors.data?.find((v) => v.id === vendorId);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setError(null);
  }, [open, form]);
  useEffect(() => {
    // Fill the brief once it arrives, unless the engineer has started writing their own.
    if (open && brief.data && !form.isFieldTouched('brief')) form.setFieldValue('brief', brief.data.text);
  }, [open, brief.data, form]);

  const mutation = useMutation({
    mutationFn: (v: OpenValues) =>
      openEscalation(ticketId, { vendorId: v.vendorId!, brief: v.brief.trim(), caseNumber: v.caseNumber?.trim() || undefined, contactName: v.contactName?.trim() || undefined }),
    onMutate: () => setError(null),
    onSuccess: (esc) => {
      message.success(t('vendors.escalatedOk', { vendor: esc.vendorName }));
      refresh();
      onClose();
    },
    onError: (e) => setError(applyServerErrors(form, e, OPEN_FIELDS, OPEN_CODE_FIELDS)),
  });

  const copyBrief = async () => {
    const text = (form.getFieldValue('brief') as string | undefined) ?? '';
    if (await copyText(text)) message.success(t('common.copied'));
    else message.error(t('common.copyFailed'));
  };
  const reloadBrief = () => {
    void brief.refetch().then((r) => r.data && form.setFieldValue('brief', r.data.text));
  };

  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={t('vendors.escalateTitle')}
      okText={t('vendors.escalateSubmit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      okButtonProps={{ loading: mutation.isPending, icon: <SendOutlined />, 'data-testid': 'escalation-submit' }}
      width={720}
      destroyOnHidden
    >
      <ErrorAlert error={error ?? brief.error ?? vendors.error} />
      <Typography.Paragraph type="secondary">{t('vendors.escalateIntro')}</Typography.Paragraph>
      <Form<OpenValues> form={form} layout="vertical" onFinish={(v) => mutation.mutate(v)} scrollToFirstError>
        <Form.Item
          name="vendorId"
          label={t('vendors.vendor')}
          rules={[{ required: true, message: t('vendors.vendorRequired') }]}
          extra={
            vendor && (vendor.supportPhone || vendor.supportEmail) ? (
              <span data-testid="escalation-vendor-support">{[vendor.supportPhone, vendor.supportEmail].filter(Boolean).join(' · ')}</span>
            ) : undefined
          }
        >
          <Select<number>
            showSearch={{ optionFilterProp: 'title' }}
            loading={vendors.isPending}
            placeholder={t('vendors.vendorPlaceholder')}
            options={(vendors.data ?? []).map((v) => ({ value: v.id, title: v.name, label: <span data-testid={`escalation-vendor-option-${v.id}`}>{v.name}</span> }))}
            notFoundContent={vendors.isPending ? undefined : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('vendors.noActiveVendors')} />}
            data-testid="escalation-vendor"
          />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="caseNumber" label={t('vendors.caseNumber')} extra={t('vendors.caseNumberHint')} style={{ flex: '1 1 220px', minWidth: 0 }} rules={[{ max: 100 }]}>
            <Input autoComplete="off" data-testid="escalation-case-number" />
          </Form.Item>
          <Form.Item name="contactName" label={t('vendors.sentTo')} style={{ flex: '1 1 220px', minWidth: 0 }} rules={[{ max: 100 }]}>
            <AutoComplete
              options={(vendor?.contacts ?? []).map((c) => ({ value: c.name, label: c.role ? `${c.name} · ${c.role}` : c.name }))}
              placeholder={t('vendors.sentToPlaceholder')}
              data-testid="escalation-contact"
            />
          </Form.Item>
        </Flex>
        <Form.Item
          label={t('vendors.brief')}
          required
          extra={t('vendors.briefHint')}
        >
          <Flex gap={4} wrap style={{ marginBottom: 8 }}>
            <Button size="small" icon={<CopyOutlined />} onClick={() => void copyBrief()} data-testid="escalation-brief-copy">
              {t('common.copy')}
            </Button>
            <Button size="small" icon={<ReloadOutlined />} onClick={reloadBrief} loading={brief.isFetching} data-testid="escalation-brief-reload">
              {t('vendors.briefReload')}
            </Button>
          </Flex>
          {brief.isPending && open ? (
            <Skeleton active paragraph={{ rows: 6 }} />
          ) : (
            <Form.Item name="brief" noStyle rules={[{ required: true, whitespace: true, message: t('vendors.briefRequired') }, { max: 50_000 }]}>
              <Input.TextArea autoSize={{ minRows: 8, maxRows: 18 }} spellCheck={false} style={{ fontFamily: 'inherit' }} data-testid="escalation-brief" />
            </Form.Item>
          )}
        </Form.Item>
      </Form>
    </Modal>
  );
}

function EntryRow({ entry }: { entry: EscalationEntry }) {
  const { t, i18n } = useTranslation();
  return (
    <div data-testid={`escalation-entry-${entry.id}`} style={{ borderInlineStart: '2px solid rgba(5,5,5,0.06)', paddingInlineStart: 10 }}>
      <Flex gap={6} wrap align="center">
        <Tag color={DIRECTION_COLORS[entry.direction]} icon={DIRECTION_ICONS[entry.direction]} style={{ marginInlineEnd: 0 }}>
          {t(`vendors.direction.${entry.direction}`)}
        </Tag>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatDateTime(entry.at, i18n.language)} · {entry.actorName}
        </Typography.Text>
      </Flex>
      <Typography.Paragraph
        style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', margin: '4px 0 0' }}
        ellipsis={{ rows: 4, expandable: 'collapsible', symbol: (expanded: boolean) => (expanded ? t('vendors.less') : t('vendors.more')) }}
      >
        {entry.body}
      </Typography.Paragraph>
    </div>
  );
}

function EntryForm({ escalation, onDone }: { escalation: Escalation; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ direction: EntryDirection; body: string }>();
  const [error, setError] = useState<unknown>(null);
  const mutation = useMutation({
    mutationFn: (v: { direction: EntryDirection; body: string }) => addEscalationEntry(escalation.id, { direction: v.direction, body: v.body.trim() }),
    onMutate: () => setError(null),
    onSuccess: (_, v) => {
      message.success(t(`vendors.entryOk.${v.direction}`));
      form.resetFields(['body']);
      onDone();
    },
    onError: (e) => setError(applyServerErrors(form, e, ['direction', 'body'])),
  });
  const id = escalation.id;
  return (
    <Form form={form} layout="vertical" initialValues={{ direction: 'received' }} onFinish={(v) => mutation.mutate(v)} style={{ marginTop: 8 }}>
      <ErrorAlert error={error} style={{ marginBottom: 8 }} />
      <Form.Item name="direction" style={{ marginBottom: 8 }}>
        <Segmented<EntryDirection>
          size="small"
          options={ENTRY_DIRECTIONS.map((d) => ({ value: d, label: <span data-testid={`escalation-direction-${id}-${d}`}>{t(`vendors.directionAdd.${d}`)}</span> }))}
          data-testid={`escalation-entry-direction-${id}`}
        />
      </Form.Item>
      <Form.Item name="body" style={{ marginBottom: 8 }} rules={[{ required: true, whitespace: true, message: t('vendors.entryRequired') }, { max: 20_000 }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} placeholder={t('vendors.entryPlaceholder')} data-testid={`escalation-entry-body-${id}`} />
      </Form.Item>
      <Flex justify="flex-end">
        <Button size="small" type="primary" htmlType="submit" loading={mutation.isPending} data-testid={`escalation-entry-submit-${id}`}>
          {t('vendors.entryAdd')}
        </Button>
      </Flex>
    </Form>
  );
}

function EscalationItem({ escalation, ticketId }: { escalation: Escalation; ticketId: number }) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const refresh = useRefresh(ticketId);
  const closed = escalation.state === 'closed';
  const patch = useMutation({
    mutationFn: (input: { caseNumber?: string; state?: EscalationState }) => updateEscalation(escalation.id, input),
    onSuccess: (saved, input) => {
      message.success(input.state === 'closed' ? t('vendors.closedOk', { vendor: saved.vendorName }) : t('common.saved'));
      refresh();
    },
    onError: (e) => message.error(errorText(e, t)),
  });
  const changeState = (state: EscalationState) => {
    if (state === escalation.state) return;
    if (state !== 'closed') return patch.mutate({ state });
    modal.confirm({
      title: t('vendors.closeConfirm', { vendor: escalation.vendorName }),
      content: t('vendors.closeConfirmDetail'),
      okText: t('vendors.closeEscalation'),
      okButtonProps: { 'data-testid': 'escalation-close-ok' },
      cancelText: t('common.cancel'),
      onOk: () => patch.mutateAsync({ state: 'closed' }).catch(() => undefined),
    });
  };
  // The first entry is the brief as sent; the rest follow it.
  return (
    <div data-testid={`escalation-${escalation.id}`} style={{ paddingBottom: 12 }}>
      <Flex justify="space-between" align="flex-start" gap={8} wrap>
        <div style={{ minWidth: 0 }}>
          <Space size={6} wrap>
            <Typography.Text strong>{escalation.vendorName}</Typography.Text>
            <EscalationStateTag state={escalation.state} />
          </Space>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('vendors.caseNumber')}:{' '}
            </Typography.Text>
            <Typography.Text
              style={{ fontSize: 12 }}
              copyable={escalation.caseNumber ? { text: escalation.caseNumber } : false}
              editable={
                closed
                  ? false
                  : {
                      text: escalation.caseNumber,
                      tooltip: t('vendors.caseNumberEdit'),
                      maxLength: 100,
                      onChange: (v) => {
                        if (v.trim() !== escalation.caseNumber) patch.mutate({ caseNumber: v.trim() });
                      },
                    }
              }
              data-testid={`escalation-case-${escalation.id}`}
            >
              {escalation.caseNumber || t('vendors.noCaseNumber')}
            </Typography.Text>
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('vendors.openedBy', { name: escalation.openedByName || '—', at: formatDateTime(escalation.openedAt, i18n.language) })}
            {escalation.closedAt !== null && ` · ${t('vendors.closedAt', { at: formatDateTime(escalation.closedAt, i18n.language) })}`}
          </Typography.Text>
        </div>
        {!closed && (
          <Select<EscalationState>
            size="small"
            value={escalation.state}
            onChange={changeState}
            loading={patch.isPending}
            style={{ minWidth: 150 }}
            aria-label={t('vendors.stateLabel')}
            options={ESCALATION_STATES.map((s) => ({ value: s, label: <span data-testid={`escalation-state-option-${escalation.id}-${s}`}>{t(`vendors.stateAction.${s}`)}</span> }))}
            data-testid={`escalation-state-${escalation.id}`}
          />
        )}
      </Flex>
      <Flex vertical gap={10} style={{ marginTop: 10 }}>
        {escalation.entries.map((e) => (
          <EntryRow key={e.id} entry={e} />
        ))}
      </Flex>
      {!closed && <EntryForm escalation={escalation} onDone={refresh} />}
    </div>
  );
}

/**
 * 厂商技术支援 (R6): a fault the engineers cannot locate goes to the vendor's support with the
 * customer's details and what was tried; the vendor's case number, each message either way and the
 * case's state are kept here. Staff who handle faults only; the customer never sees it.
 */
export function EscalationsCard({ ticketId, ticketClosed }: { ticketId: number; ticketClosed: boolean }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const allowed = !isCustomerContact(me) && hasAnyRole(me, ESCALATORS);
  const [open, setOpen] = useState(false);
  const query = useQuery({ queryKey: escalationsKey(ticketId), queryFn: () => listEscalations(ticketId), enabled: allowed });
  const items = useMemo(() => [...(query.data?.items ?? [])].sort((a, b) => Number(a.state === 'closed') - Number(b.state === 'closed') || b.id - a.id), [query.data]);
  if (!allowed) return null;

  const button = (
    <Button size="small" icon={<ShopOutlined />} onClick={() => setOpen(true)} disabled={ticketClosed} data-testid="escalate-vendor">
      {t('vendors.escalate')}
    </Button>
  );
  return (
    <Card
      size="small"
      title={
        <Space size={6}>
          <ShopOutlined />
          {t('vendors.escalations')}
        </Space>
      }
      extra={ticketClosed ? <Tooltip title={t('vendors.ticketClosed')}>{button}</Tooltip> : button}
      data-testid="ticket-escalations"
    >
      <ErrorAlert error={query.error} style={{ marginBottom: 0 }} />
      {query.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('vendors.noEscalations')} style={{ margin: 0 }} />
      ) : (
        <Flex vertical gap={12} style={{ minWidth: 0 }}>
          {items.map((e, i) => (
            <div key={e.id} style={i > 0 ? { borderTop: '1px solid rgba(5,5,5,0.06)', paddingTop: 12 } : undefined}>
              <EscalationItem escalation={e} ticketId={ticketId} />
            </div>
          ))}
        </Flex>
      )}
      <EscalateModal ticketId={ticketId} open={open} onClose={() => setOpen(false)} />
    </Card>
  );
}
