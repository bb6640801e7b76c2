import { Alert, App, Flex, Form, Input, InputNumber, Modal, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getAsset, isApiError } from '../../api/client';
import type { Dispatch } from '../../api/field';
import { moveDispatchParts, reserveDispatchParts, type DispatchPartLine, type DispatchPartStep, type Store, type UnitState } from '../../api/parts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyServerErrors } from '../../components/serverErrors';
import { STOCK_KEY, dispatchPartsKey } from './labels';
import { LevelHint, PartSelect, SerialsInput, StoreSelect, useStores } from './pickers';

/** The forms of a visit's parts (issue 7 item 4); DispatchParts.tsx shows the lines. */

/** What the parts of a visit need to know of it. */
export type Visit = Pick<Dispatch, 'id' | 'state' | 'customerId' | 'site' | 'asset' | 'engineers'>;

/** The store a visit's parts come from unless the dispatcher picks another: the site's own store first. */
function defaultStore(stores: Store[], visit: Visit): number | undefined {
  const open = stores.filter((s) => s.active);
  return (
    open.find((s) => s.kind === 'site' && visit.site && s.site?.id === visit.site.id) ??
    open.find((s) => s.kind === 'project' && visit.site && s.site?.id === visit.site.id) ??
    open.find((s) => s.kind !== 'central' && s.customer?.id === visit.customerId) ??
    open.find((s) => s.kind === 'central')
  )?.id;
}

/** stock_insufficient spelled out; the server's message already names the part, store and numbers. */
function MoveError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (isApiError(error) && error.code === 'stock_insufficient') {
    return <Alert type="error" showIcon title={t('parts.insufficientTitle')} description={error.message} style={{ marginBottom: 16 }} data-testid="stock-insufficient" />;
  }
  return <ErrorAlert error={error} />;
}

function useApplyLines(dispatchId: number) {
  const qc = useQueryClient();
  return (result: { items: DispatchPartLine[] }) => {
    qc.setQueryData(dispatchPartsKey(dispatchId), result);
    void qc.invalidateQueries({ queryKey: STOCK_KEY });
  };
}

interface ReserveValues {
  storeId?: number;
  partId?: number;
  qty?: number;
  serials?: string[];
}

/** 预留备件: the dispatcher holds parts in a store for the visit to bring. */
export function ReserveModal({ visit, open, onClose }: { visit: Visit; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const stores = useStores();
  const applyLines = useApplyLines(visit.id);
  const [form] = Form.useForm<ReserveValues>();
  const [error, setError] = useState<unknown>(null);
  const [serialTracked, setSerialTracked] = useState(false);
  const storeId = Form.useWatch('storeId', form);
  const partId = Form.useWatch('partId', form);
  const serials = Form.useWatch('serials', form) ?? [];
  // The visit shows the device as "vendor model"; the catalogue's models are the asset's own model.
  const asset = useQuery({ queryKey: ['asset', visit.asset?.id], queryFn: () => getAsset(visit.asset!.id), enabled: open && !!visit.asset, staleTime: 5 * 60_000 });
  const model = asset.data?.model;

  useEffect(() => {
    if (!open) return;
    setError(null);
    setSerialTracked(false);
    form.resetFields();
    form.setFieldsValue({ qty: 1, serials: [] });
  }, [open, form]);
  // The stores may arrive after the modal opened: the default store is filled in then, once.
  const fallbackStore = stores.data ? defaultStore(stores.data, visit) : undefined;
  useEffect(() => {
    if (open && fallbackStore && !form.getFieldValue('storeId')) form.setFieldsValue({ storeId: fallbackStore });
  }, [open, fallbackStore, form]);

  const mutation = useMutation({
    mutationFn: (v: ReserveValues) => {
      const named = serialTracked && v.serials && v.serials.length > 0 ? v.serials : undefined;
      return reserveDispatchParts(visit.id, { storeId: v.storeId!, partId: v.partId!, qty: named ? named.length : (v.qty ?? 1), serials: named });
    },
    onMutate: () => setError(null),
    onSuccess: (result) => {
      applyLines(result);
      message.success(t('parts.visit.reservedOk'));
      onClose();
    },
    onError: (e) => setError(applyServerErrors(form, e, ['storeId', 'partId', 'qty', 'serials'], { part_inactive: 'partId', store_inactive: 'storeId', stock_units_unavailable: 'serials' })),
  });

  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={t('parts.visit.reserveTitle')}
      okText={t('parts.visit.reserve')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      okButtonProps={{ loading: mutation.isPending, 'data-testid': 'parts-reserve-submit' }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('parts.visit.reserveIntro')}</Typography.Paragraph>
      <MoveError error={error} />
      <Form<ReserveValues> form={form} layout="vertical" onFinish={(v) => mutation.mutate(v)} data-testid="parts-reserve-form">
        <Form.Item name="storeId" label={t('parts.store')} rules={[{ required: true, message: t('parts.storeRequired') }]}>
          <StoreSelect activeOnly data-testid="parts-reserve-store" />
        </Form.Item>
        <Form.Item
          name="partId"
          label={t('parts.part')}
          rules={[{ required: true, message: t('parts.partRequired') }]}
          extra={
            <Flex vertical gap={2}>
              {model && <span>{t('parts.visit.fitsHint', { model })}</span>}
              <LevelHint storeId={storeId} partId={partId} />
            </Flex>
          }
        >
          <PartSelect
            model={model}
            onChange={(_, part) => {
              setSerialTracked(part?.serialTracked ?? false);
              form.setFieldsValue({ serials: [] });
            }}
            data-testid="parts-reserve-part"
          />
        </Form.Item>
        {serialTracked && (
          <Form.Item name="serials" label={t('parts.serials')} extra={t('parts.visit.reserveSerialsHint')}>
            <SerialsInput units={partId && storeId ? { partId, storeId, state: 'in_stock' } : null} data-testid="parts-reserve-serials" />
          </Form.Item>
        )}
        {serialTracked && serials.length > 0 ? (
          <Typography.Paragraph>{t('parts.move.qtyFromSerials', { count: serials.length })}</Typography.Paragraph>
        ) : (
          <Form.Item name="qty" label={t('parts.qty')} rules={[{ required: true, message: t('parts.qtyRequired') }]} style={{ marginBottom: 0 }}>
            <InputNumber min={1} max={100_000} precision={0} inputMode="numeric" style={{ width: 160 }} data-testid="parts-reserve-qty" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** The units a step takes, by state; return_faulty brings in the failed unit by its serial. */
const STEP_FROM: Record<DispatchPartStep, UnitState | null> = {
  unreserve: 'reserved',
  issue: 'reserved',
  use: 'issued',
  return_unused: 'issued',
  return_faulty: null,
};

/** How many a step may take: the visit's reservation, or what its engineers hold. */
export function stepMax(kind: DispatchPartStep, line: DispatchPartLine): number {
  if (kind === 'unreserve' || kind === 'issue') return line.reserved;
  if (kind === 'use' || kind === 'return_unused') return line.issued;
  return 100_000;
}

interface StepValues {
  qty?: number;
  serials?: string[];
  reason?: string;
}

/** One movement of a line: release, hand out, use, or bring back unused or faulty. */
export function StepModal({ visitId, step, onClose }: { visitId: number; step: { kind: DispatchPartStep; line: DispatchPartLine } | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const applyLines = useApplyLines(visitId);
  const [form] = Form.useForm<StepValues>();
  const [error, setError] = useState<unknown>(null);
  const serials = Form.useWatch('serials', form) ?? [];
  const kind = step?.kind ?? 'use';
  const line = step?.line;
  const max = line ? stepMax(kind, line) : 1;
  const from = STEP_FROM[kind];
  const units = line && from ? line.units.filter((u) => u.state === from) : [];
  const serialsRequired = !!line?.serialTracked && kind === 'return_faulty';

  useEffect(() => {
    if (!step) return;
    setError(null);
    form.resetFields();
    // all of it by default: the usual case is one part, used or brought back whole
    form.setFieldsValue({ qty: step.kind === 'return_faulty' ? 1 : Math.max(1, stepMax(step.kind, step.line)), serials: [], reason: '' });
  }, [step, form]);

  const mutation = useMutation({
    mutationFn: (v: StepValues) => {
      const named = line!.serialTracked && v.serials && v.serials.length > 0 ? v.serials : undefined;
      return moveDispatchParts(visitId, { kind, partId: line!.partId, storeId: line!.storeId, qty: named ? named.length : (v.qty ?? 1), serials: named, reason: v.reason?.trim() || undefined });
    },
    onMutate: () => setError(null),
    onSuccess: (result) => {
      applyLines(result);
      message.success(t(`parts.visit.done.${kind}`, { partNumber: line?.partNumber }));
      onClose();
    },
    onError: (e) => setError(applyServerErrors(form, e, ['qty', 'serials', 'reason'], { stock_units_unavailable: 'serials', stock_serial_exists: 'serials' })),
  });

  return (
    <Modal
      open={step !== null}
      onCancel={onClose}
      title={line ? t(`parts.visit.stepTitle.${kind}`, { partNumber: line.partNumber }) : ''}
      okText={t(`parts.visit.step.${kind}`)}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      okButtonProps={{ loading: mutation.isPending, danger: kind === 'return_faulty', 'data-testid': 'part-step-submit' }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t(`parts.visit.stepIntro.${kind}`)}</Typography.Paragraph>
      <MoveError error={error} />
      <Form<StepValues> form={form} layout="vertical" onFinish={(v) => mutation.mutate(v)} data-testid={`part-step-${kind}`}>
        {line?.serialTracked && (
          <Form.Item
            name="serials"
            label={kind === 'return_faulty' ? t('parts.visit.faultySerial') : t('parts.serials')}
            extra={kind === 'return_faulty' ? t('parts.visit.faultySerialHint') : t('parts.visit.stepSerialsHint')}
            rules={serialsRequired ? [{ required: true, type: 'array', min: 1, message: t('parts.serialsRequired') }] : []}
          >
            {kind === 'return_faulty' ? (
              <SerialsInput data-testid="part-step-serials" />
            ) : (
              <SerialsInput data-testid="part-step-serials" placeholder={units.map((u) => u.serial).join(', ')} />
            )}
          </Form.Item>
        )}
        {line?.serialTracked && (serialsRequired || serials.length > 0) ? (
          <Typography.Paragraph>{t('parts.move.qtyFromSerials', { count: serials.length })}</Typography.Paragraph>
        ) : (
          <Form.Item name="qty" label={t('parts.qty')} extra={kind !== 'return_faulty' ? t('parts.visit.upTo', { count: max, unit: line?.unit ?? '' }) : undefined} rules={[{ required: true, message: t('parts.qtyRequired') }]}>
            <InputNumber min={1} max={Math.max(1, max)} precision={0} inputMode="numeric" style={{ width: 160 }} data-testid="part-step-qty" />
          </Form.Item>
        )}
        <Form.Item name="reason" label={t(kind === 'return_faulty' ? 'parts.visit.faultNote' : 'parts.visit.note')} rules={[{ max: 1000 }]} style={{ marginBottom: 0 }}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} data-testid="part-step-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
