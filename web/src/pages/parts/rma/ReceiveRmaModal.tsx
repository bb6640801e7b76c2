import { App, Form, Input, InputNumber, Modal, Radio, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getPart } from '../../../api/parts';
import { cancelRma, closeRma, receiveRma, type Rma, type RmaOutcome } from '../../../api/rma';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { applyServerErrors } from '../../../components/serverErrors';
import { PARTS_KEY, STOCK_KEY } from '../labels';
import { StoreSelect } from '../pickers';
import { RMA_KEY } from './access';

interface Values {
  outcome: RmaOutcome;
  serial?: string;
  storeId?: number;
  qty?: number;
  notes?: string;
}

const FIELDS = ['outcome', 'serial', 'storeId', 'qty', 'notes'];
const CODE_FIELDS = { stock_units_unavailable: 'serial', stock_serial_exists: 'serial', serial_taken: 'serial', store_not_found: 'storeId', store_inactive: 'storeId' };

/**
 * What the vendor sent back: the repaired unit (its own serial) or a replacement (a new serial).
 * A part's units come into a store's good stock; a device goes back in service.
 */
export function ReceiveRmaModal({ rma, onClose }: { rma: Rma | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const part = useQuery({ queryKey: [...PARTS_KEY, 'one', rma?.partId], queryFn: () => getPart(rma!.partId!), enabled: !!rma?.partId });

  useEffect(() => {
    if (!rma) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue({ outcome: 'repaired', storeId: rma.storeId ?? undefined, qty: rma.qty - rma.receivedQty });
  }, [rma, form]);

  const outcome = Form.useWatch('outcome', form) ?? 'repaired';
  const isPart = rma?.subject === 'part';
  // A new serial: a replaced device, or a replaced unit of a serial-tracked part.
  const needsSerial = outcome === 'replaced' && (!isPart || part.data?.serialTracked === true);
  // A bulk part's case may come back in instalments: how many arrived now.
  const outstanding = rma ? rma.qty - rma.receivedQty : 0;
  const byQuantity = isPart && !rma?.serial && outstanding > 1;

  const mutation = useMutation({
    mutationFn: (v: Values) =>
      receiveRma(rma!.id, {
        outcome: v.outcome,
        serial: needsSerial ? v.serial?.trim() : undefined,
        storeId: isPart ? v.storeId : undefined,
        qty: byQuantity ? v.qty : undefined,
        notes: v.notes?.trim() || undefined,
      }),
    onMutate: () => setError(null),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: RMA_KEY });
      void qc.invalidateQueries({ queryKey: STOCK_KEY });
      message.success(r.state === 'sent' ? t('rma.receive.donePart', { number: r.number, received: r.receivedQty, qty: r.qty }) : t('rma.receive.done', { number: r.number }));
      onClose();
    },
    onError: (e) => setError(applyServerErrors(form, e, FIELDS, CODE_FIELDS)),
  });

  return (
    <Modal
      open={rma !== null}
      onCancel={onClose}
      title={t('rma.receive.title', { number: rma?.number ?? '' })}
      okText={t('rma.receive.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      okButtonProps={{ loading: mutation.isPending, 'data-testid': 'rma-receive-submit' }}
      destroyOnHidden
    >
      {rma && (
        <Typography.Paragraph type="secondary">
          {t('rma.receive.intro', { item: rma.partNumber ?? rma.description, serial: rma.serial ?? '—', qty: rma.qty, vendor: rma.vendorName })}
        </Typography.Paragraph>
      )}
      <ErrorAlert error={error} />
      <Form<Values> form={form} layout="vertical" onFinish={(v) => mutation.mutate(v)} data-testid="rma-receive-form">
        <Form.Item name="outcome" label={t('rma.receive.outcome')}>
          <Radio.Group optionType="button" buttonStyle="solid">
            <Radio.Button value="repaired">
              <span data-testid="rma-receive-outcome-repaired">{t('rma.outcome.repaired')}</span>
            </Radio.Button>
            <Radio.Button value="replaced">
              <span data-testid="rma-receive-outcome-replaced">{t('rma.outcome.replaced')}</span>
            </Radio.Button>
          </Radio.Group>
        </Form.Item>
        {needsSerial && (
          <Form.Item name="serial" label={t('rma.receive.newSerial')} rules={[{ required: true, whitespace: true, message: t('rma.receive.newSerialRequired') }]}>
            <Input maxLength={100} data-testid="rma-receive-serial" />
          </Form.Item>
        )}
        {byQuantity && (
          <Form.Item
            name="qty"
            label={t('rma.receive.qty')}
            extra={t('rma.receive.qtyHint', { outstanding, qty: rma!.qty })}
            rules={[{ required: true, message: t('parts.qtyRequired') }]}
          >
            <InputNumber min={1} max={outstanding} precision={0} inputMode="numeric" style={{ width: 160 }} data-testid="rma-receive-qty" />
          </Form.Item>
        )}
        {isPart && (
          <Form.Item name="storeId" label={t('rma.receive.intoStore')} rules={[{ required: true, message: t('parts.storeRequired') }]}>
            <StoreSelect activeOnly data-testid="rma-receive-store" />
          </Form.Item>
        )}
        <Form.Item name="notes" label={t('parts.notes')}>
          <Input.TextArea rows={2} maxLength={4000} data-testid="rma-receive-notes" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Cancel (it never reached the vendor) or close (the vendor keeps it) a case, with why. */
export function EndRmaModal({ target, onClose }: { target: { rma: Rma; how: 'cancel' | 'close' } | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setReason('');
    setError(null);
  }, [target]);
  const mutation = useMutation({
    mutationFn: () => (target!.how === 'cancel' ? cancelRma : closeRma)(target!.rma.id, reason.trim() || undefined),
    onMutate: () => setError(null),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: RMA_KEY });
      void qc.invalidateQueries({ queryKey: STOCK_KEY });
      message.success(t(`rma.end.done.${target!.how}`, { number: r.number }));
      onClose();
    },
    onError: setError,
  });
  const how = target?.how ?? 'cancel';
  return (
    <Modal
      open={target !== null}
      onCancel={onClose}
      title={t(`rma.end.title.${how}`, { number: target?.rma.number ?? '' })}
      okText={t(`rma.end.submit.${how}`)}
      cancelText={t('common.cancel')}
      onOk={() => mutation.mutate()}
      okButtonProps={{ loading: mutation.isPending, danger: true, 'data-testid': 'rma-end-submit' }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {how === 'close' && target && target.rma.receivedQty > 0
          ? t('rma.end.intro.closeRest', { rest: target.rma.qty - target.rma.receivedQty, qty: target.rma.qty })
          : t(`rma.end.intro.${how}`)}
      </Typography.Paragraph>
      <ErrorAlert error={error} />
      <Input.TextArea rows={2} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('rma.end.reason')} data-testid="rma-end-reason" />
    </Modal>
  );
}
