import { CarOutlined, RightOutlined, SendOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Flex, Form, Input, List, Modal, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { createDispatch, listTicketDispatches, type Dispatch } from '../../../api/field';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { UserSelect } from '../../../components/UserSelect';
import { formatDateTime } from '../../../components/format';
import { applyServerErrors } from '../../../components/serverErrors';
import { PdfLinks } from '../../field/FormContentView';
import { DispatchPartsSection } from '../../parts/DispatchParts';
import { DispatchStateTag, FormStateTag, SatisfactionTag } from '../../field/labels';
import { RecordListCard } from './RecordListCard';

export const dispatchesKey = (ticketId: number) => ['ticket', ticketId, 'dispatches'] as const;

interface Values {
  engineerIds: number[];
  plannedAt: Dayjs;
  bring?: string;
  notes?: string;
}

/** 派工: engineers, when, what to bring (R7: 携带所需的部件). */
function DispatchModal({ ticketId, open, onClose }: { ticketId: number; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue({ engineerIds: [], plannedAt: dayjs().add(30, 'minute').startOf('minute'), bring: '', notes: '' });
  }, [open, form]);
  const mutation = useMutation({
    mutationFn: (v: Values) => createDispatch(ticketId, { engineerIds: v.engineerIds, plannedAt: v.plannedAt.valueOf(), bring: v.bring?.trim() || undefined, notes: v.notes?.trim() || undefined }),
    onMutate: () => setError(null),
    onSuccess: (d) => {
      void qc.invalidateQueries({ queryKey: ['ticket', ticketId] });
      void qc.invalidateQueries({ queryKey: ['dispatches'] });
      message.success(t('field.dispatch.created', { number: d.number }));
      onClose();
    },
    onError: (e) => setError(applyServerErrors(form, e, ['engineerIds', 'plannedAt', 'bring', 'notes'])),
  });
  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={t('field.dispatch.title')}
      okText={t('field.dispatch.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      okButtonProps={{ loading: mutation.isPending, 'data-testid': 'dispatch-submit' }}
      destroyOnHidden
    >
      <ErrorAlert error={error} />
      <Form<Values> form={form} layout="vertical" onFinish={(v) => mutation.mutate(v)}>
        <Form.Item name="engineerIds" label={t('field.dispatch.engineers')} rules={[{ required: true, type: 'array', min: 1, message: t('field.dispatch.engineersRequired') }]}>
          <UserSelect mode="multiple" activeOnly staffOnly data-testid="dispatch-engineers" />
        </Form.Item>
        <Form.Item name="plannedAt" label={t('field.dispatch.plannedAt')} rules={[{ required: true, message: t('field.dispatch.plannedRequired') }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} data-testid="dispatch-planned" />
        </Form.Item>
        <Form.Item name="bring" label={t('field.dispatch.bring')} extra={t('field.dispatch.bringHint')} rules={[{ max: 4000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="dispatch-bring" />
        </Form.Item>
        <Form.Item name="notes" label={t('field.dispatch.notes')} rules={[{ max: 4000 }]} style={{ marginBottom: 0 }}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="dispatch-notes" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function VisitRow({ visit, staff }: { visit: Dispatch; staff: boolean }) {
  const { t, i18n } = useTranslation();
  const at = (ms: number | null) => formatDateTime(ms, i18n.language);
  const title = (
    <Space size={6} wrap>
      <Typography.Text strong>{visit.number}</Typography.Text>
      <DispatchStateTag state={visit.state} />
    </Space>
  );
  return (
    <List.Item key={visit.id} data-testid={`dispatch-${visit.id}`} data-state={visit.state}>
      <Flex vertical gap={4} style={{ width: '100%' }}>
        <Flex justify="space-between" align="center" gap={8} wrap>
          {staff ? (
            <Link to={`/field/visits/${visit.id}`} data-testid="dispatch-open">
              {title} <RightOutlined style={{ fontSize: 12 }} />
            </Link>
          ) : (
            title
          )}
          {visit.form ? (
            <Space size={4} wrap data-testid="dispatch-form">
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('field.form.short')}
              </Typography.Text>
              <FormStateTag state={visit.form.state} />
              {visit.form.satisfaction && <SatisfactionTag value={visit.form.satisfaction} />}
            </Space>
          ) : visit.noFormReason ? (
            <Typography.Text type="warning" style={{ fontSize: 12 }}>
              {t('field.noForm.short')}
            </Typography.Text>
          ) : null}
        </Flex>
        <Typography.Text>{visit.engineers.map((e) => e.name).join('、')}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('field.times.planned')} {at(visit.plannedAt)}
          {visit.arrivedAt !== null && ` · ${t('field.times.arrived')} ${at(visit.arrivedAt)}`}
          {visit.leftAt !== null && ` · ${t('field.times.left')} ${at(visit.leftAt)}`}
          {visit.cancelledAt !== null && ` · ${t('field.times.cancelled')} ${at(visit.cancelledAt)}`}
        </Typography.Text>
        {visit.bring && (
          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'pre-wrap' }}>
            {t('field.visit.bring')}: {visit.bring}
          </Typography.Text>
        )}
        {visit.form?.state === 'signed' && <PdfLinks formId={visit.form.id} testIds={false} />}
        {/* the parts the visit brings (R8): reserved here by the dispatcher, recorded on site */}
        {staff && <DispatchPartsSection visit={visit} />}
      </Flex>
    </List.Item>
  );
}

/** 上门服务: the ticket's visits, and sending engineers for those who dispatch (R7). */
export function DispatchesCard({ ticketId, canCreate, staff }: { ticketId: number; canCreate: boolean; staff: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const query = useQuery({ queryKey: dispatchesKey(ticketId), queryFn: () => listTicketDispatches(ticketId) });
  const items = query.data?.items ?? [];
  return (
    <RecordListCard
      icon={<CarOutlined />}
      title={t('field.dispatch.cardTitle')}
      action={
        canCreate && (
          <Button size="small" type="primary" icon={<SendOutlined />} onClick={() => setOpen(true)} data-testid="dispatch-create">
            {t('field.dispatch.create')}
          </Button>
        )
      }
      testId="ticket-dispatches"
      query={query}
      items={items}
      emptyText={t('field.dispatch.none')}
      renderItem={(v) => <VisitRow visit={v} staff={staff} />}
    >
      {canCreate && <DispatchModal ticketId={ticketId} open={open} onClose={() => setOpen(false)} />}
    </RecordListCard>
  );
}
