import { DesktopOutlined, EditOutlined, PhoneOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Flex, Form, Input, List, Modal, Radio, Select, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  REMOTE_METHODS,
  REMOTE_RESULTS,
  createRemoteSession,
  listRemoteSessions,
  updateRemoteSession,
  type RemoteMethod,
  type RemoteResult,
  type RemoteSession,
} from '../../../api/field';
import { enumLabel } from '../../../components/assetLabels';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatDateTime } from '../../../components/format';
import { applyServerErrors } from '../../../components/serverErrors';
import { RecordListCard } from './RecordListCard';

export const remoteSessionsKey = (ticketId: number) => ['ticket', ticketId, 'remote-sessions'] as const;

const RESULT_COLORS: Record<RemoteResult, string> = { in_progress: 'processing', solved: 'green', needs_visit: 'purple', needs_vendor: 'volcano' };
const METHOD_ICONS: Record<RemoteMethod, React.ReactNode> = { phone: <PhoneOutlined />, remote_login: <DesktopOutlined /> };

interface Values {
  method: RemoteMethod;
  startedAt: Dayjs;
  endedAt?: Dayjs | null;
  findings?: string;
  actions?: string;
  result: RemoteResult;
}

const FIELDS = ['method', 'startedAt', 'endedAt', 'findings', 'actions', 'result'];

/** Records a session, or completes one: its end, findings, actions and result. */
function SessionModal({ ticketId, session, open, onClose }: { ticketId: number; session: RemoteSession | null; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue(
      session
        ? {
            method: session.method,
            startedAt: dayjs(session.startedAt),
            // completing a session: it ends now unless it already has an end
            endedAt: dayjs(session.endedAt ?? Date.now()),
            findings: session.findings,
            actions: session.actions,
            result: session.result,
          }
        : { method: 'phone', startedAt: dayjs(), endedAt: null, findings: '', actions: '', result: 'in_progress' },
    );
  }, [open, session, form]);
  const mutation = useMutation({
    mutationFn: (v: Values) => {
      const common = { endedAt: v.endedAt ? v.endedAt.valueOf() : null, findings: v.findings ?? '', actions: v.actions ?? '', result: v.result };
      return session ? updateRemoteSession(session.id, common) : createRemoteSession(ticketId, { method: v.method, startedAt: v.startedAt.valueOf(), ...common });
    },
    onMutate: () => setError(null),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['ticket', ticketId] });
      message.success(t('common.saved'));
      onClose();
    },
    onError: (e) => setError(applyServerErrors(form, e, FIELDS)),
  });
  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={session ? t('field.remote.editTitle') : t('field.remote.addTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      okButtonProps={{ loading: mutation.isPending, 'data-testid': 'remote-session-submit' }}
      destroyOnHidden
    >
      <ErrorAlert error={error} />
      <Form<Values> form={form} layout="vertical" onFinish={(v) => mutation.mutate(v)}>
        <Form.Item name="method" label={t('field.remote.method')}>
          <Radio.Group optionType="button" disabled={!!session} data-testid="remote-session-method">
            {REMOTE_METHODS.map((m) => (
              <Radio.Button key={m} value={m}>
                <span data-testid={`remote-session-method-${m}`}>
                  {METHOD_ICONS[m]} {enumLabel(t, 'field.remoteMethod', m)}
                </span>
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="startedAt" label={t('field.remote.startedAt')} rules={[{ required: true }]} style={{ flex: '1 1 200px' }}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabled={!!session} style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="endedAt" label={t('field.remote.endedAt')} style={{ flex: '1 1 200px' }}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" allowClear style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="remote-session-ended" />
          </Form.Item>
        </Flex>
        <Form.Item name="findings" label={t('field.remote.findings')} rules={[{ max: 10_000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} placeholder={t('field.remote.findingsPlaceholder')} data-testid="remote-session-findings" />
        </Form.Item>
        <Form.Item name="actions" label={t('field.remote.actions')} rules={[{ max: 10_000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} placeholder={t('field.remote.actionsPlaceholder')} data-testid="remote-session-actions" />
        </Form.Item>
        <Form.Item name="result" label={t('field.remote.result')} style={{ marginBottom: 0 }}>
          <Select
            data-testid="remote-session-result"
            options={REMOTE_RESULTS.map((r) => ({ value: r, label: <span data-testid={`remote-session-result-${r}`}>{enumLabel(t, 'field.remoteResult', r)}</span> }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function SessionItem({ s, canEdit, onEdit }: { s: RemoteSession; canEdit: boolean; onEdit: () => void }) {
  const { t, i18n } = useTranslation();
  const at = (ms: number | null) => formatDateTime(ms, i18n.language);
  const block = (label: string, text: string) =>
    text ? (
      <div>
        <Typography.Text type="secondary">{label}: </Typography.Text>
        <Typography.Text style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{text}</Typography.Text>
      </div>
    ) : null;
  return (
    <List.Item
      key={s.id}
      data-testid={`remote-session-${s.id}`}
      actions={canEdit ? [<Button key="edit" size="small" type="link" icon={<EditOutlined />} onClick={onEdit} data-testid={`remote-session-edit-${s.id}`} aria-label={t('common.edit')} />] : undefined}
    >
      <Flex vertical gap={4} style={{ width: '100%' }}>
        <Space size={6} wrap>
          <Tag icon={METHOD_ICONS[s.method]} style={{ marginInlineEnd: 0 }}>
            {enumLabel(t, 'field.remoteMethod', s.method)}
          </Tag>
          <Tag color={RESULT_COLORS[s.result] ?? 'default'} style={{ marginInlineEnd: 0 }} data-result={s.result}>
            {enumLabel(t, 'field.remoteResult', s.result)}
          </Tag>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {s.engineerName ?? ''} · {at(s.startedAt)}
            {s.endedAt !== null ? ` – ${at(s.endedAt)}` : ''}
          </Typography.Text>
        </Space>
        {block(t('field.remote.findings'), s.findings)}
        {block(t('field.remote.actions'), s.actions)}
      </Flex>
    </List.Item>
  );
}

/** 远程诊断 (R6: 电话联络或远程登录): calls and remote logins with what they found and did. */
export function RemoteSessionsCard({ ticketId, canEdit }: { ticketId: number; canEdit: boolean }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<RemoteSession | null>(null);
  const [open, setOpen] = useState(false);
  const query = useQuery({ queryKey: remoteSessionsKey(ticketId), queryFn: () => listRemoteSessions(ticketId) });
  const items = query.data?.items ?? [];
  return (
    <RecordListCard
      icon={<DesktopOutlined />}
      title={t('field.remote.title')}
      action={
        canEdit && (
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => {
              setEditing(null);
              setOpen(true);
            }}
            data-testid="remote-session-add"
          >
            {t('field.remote.add')}
          </Button>
        )
      }
      testId="ticket-remote-sessions"
      query={query}
      items={items}
      emptyText={t('field.remote.none')}
      renderItem={(s) => (
        <SessionItem
          s={s}
          canEdit={canEdit}
          onEdit={() => {
            setEditing(s);
            setOpen(true);
          }}
        />
      )}
    >
      {canEdit && <SessionModal ticketId={ticketId} session={editing} open={open} onClose={() => setOpen(false)} />}
    </RecordListCard>
  );
}
