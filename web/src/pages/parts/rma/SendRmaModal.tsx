import { Alert, App, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Spin, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, listAssets } from '../../../api/client';
import { listUnits, type Part } from '../../../api/parts';
import { createRma, type Rma } from '../../../api/rma';
import { listVendors } from '../../../api/vendors';
import { toDay } from '../../../components/days';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { applyServerErrors } from '../../../components/serverErrors';
import { useDebounced } from '../../../components/useDebounced';
import { STOCK_KEY } from '../labels';
import { LevelHint, PartSelect, StoreSelect } from '../pickers';
import { RMA_KEY } from './access';

type Subject = 'part' | 'asset';

interface Values {
  subject: Subject;
  vendorId?: number;
  storeId?: number;
  partId?: number;
  serial?: string;
  qty?: number;
  assetId?: number;
  vendorCaseNumber?: string;
  expectedReturn?: dayjs.Dayjs | null;
  notes?: string;
}

const FIELDS = ['vendorId', 'storeId', 'partId', 'serial', 'qty', 'assetId', 'vendorCaseNumber', 'expectedReturn', 'notes'];
const CODE_FIELDS = {
  vendor_not_found: 'vendorId',
  vendor_inactive: 'vendorId',
  store_not_found: 'storeId',
  part_not_found: 'partId',
  asset_not_found: 'assetId',
  stock_units_unavailable: 'serial',
  invalid_date: 'expectedReturn',
};

/** Active vendors for the picker (a provider works with a few dozen). */
function useVendors(enabled: boolean) {
  return useQuery({ queryKey: ['vendors', 'picker'], queryFn: async () => (await listVendors({ active: true, limit: 200 })).items, enabled, staleTime: 60_000 });
}

/** The store's faulty units of a serial-tracked part: what can go to the vendor. */
function FaultyUnitSelect({ partId, storeId, value, onChange }: { partId?: number; storeId?: number; value?: string; onChange?: (v: string | undefined) => void }) {
  const { t } = useTranslation();
  const units = useQuery({
    queryKey: [...STOCK_KEY, 'units', 'faulty', partId, storeId],
    queryFn: async () => (await listUnits({ partId: partId!, storeId, state: 'faulty', limit: 200 })).items,
    enabled: !!partId && !!storeId,
  });
  return (
    <Select<string | undefined>
      showSearch
      allowClear
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      options={(units.data ?? []).map((u) => ({ value: u.serial, label: u.serial }))}
      loading={units.isFetching}
      placeholder={t('rma.send.serialPlaceholder')}
      notFoundContent={units.isFetching ? <Spin size="small" /> : t('rma.send.noFaultyUnits')}
      data-testid="rma-serial"
    />
  );
}

/** A customer's device by its serial number, searched on the server as the person types. */
function DeviceSelect({ value, onChange }: { value?: number; onChange?: (v: number | undefined) => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const serial = useDebounced(search.trim(), 250);
  const found = useQuery({
    queryKey: ['assets', 'picker', 'serial', serial],
    queryFn: async () => (await listAssets({ serial, limit: 20 })).items,
    enabled: serial.length >= 2,
  });
  const options = useMemo(
    () => (found.data ?? []).map((a) => ({ value: a.id, label: `${a.serialNumber} · ${a.vendor} ${a.model} · ${a.customerName}` })),
    [found.data],
  );
  return (
    <Select<number | undefined>
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      options={options}
      placeholder={t('rma.send.devicePlaceholder')}
      notFoundContent={found.isFetching ? <Spin size="small" /> : serial.length >= 2 ? t('common.noData') : null}
      data-testid="rma-device"
    />
  );
}

/** 送修: a store's faulty stock of a part, or a customer's whole device, goes to its vendor. */
export function SendRmaModal({ open, onClose, onSent }: { open: boolean; onClose: () => void; onSent?: (rma: Rma) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [part, setPart] = useState<Part | undefined>();
  const vendors = useVendors(open);

  useEffect(() => {
    if (!open) return;
    setError(null);
    setPart(undefined);
    form.resetFields();
    form.setFieldsValue({ subject: 'part', qty: 1 });
  }, [open, form]);

  const subject = Form.useWatch('subject', form) ?? 'part';
  const storeId = Form.useWatch('storeId', form);
  const partId = Form.useWatch('partId', form);
  const serialTracked = part?.serialTracked ?? false;

  const mutation = useMutation({
    mutationFn: (v: Values) =>
      createRma({
        vendorId: v.vendorId!,
        ...(v.subject === 'part'
          ? { partId: v.partId!, storeId: v.storeId!, ...(serialTracked ? { serial: v.serial || undefined } : { qty: v.qty ?? 1 }) }
          : { assetId: v.assetId! }),
        vendorCaseNumber: v.vendorCaseNumber?.trim() || undefined,
        expectedReturn: toDay(v.expectedReturn) ?? undefined,
        notes: v.notes?.trim() || undefined,
      }),
    onMutate: () => setError(null),
    onSuccess: (rma) => {
      void qc.invalidateQueries({ queryKey: RMA_KEY });
      void qc.invalidateQueries({ queryKey: STOCK_KEY });
      message.success(t('rma.send.done', { number: rma.number, vendor: rma.vendorName }));
      onSent?.(rma);
      onClose();
    },
    onError: (e) => setError(applyServerErrors(form, e, FIELDS, CODE_FIELDS)),
  });

  const insufficient = isApiError(error) && error.code === 'stock_insufficient';
  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={t('rma.send.title')}
      okText={t('rma.send.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      okButtonProps={{ loading: mutation.isPending, 'data-testid': 'rma-submit' }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('rma.send.intro')}</Typography.Paragraph>
      {insufficient ? (
        <Alert type="error" showIcon title={t('rma.send.noFaultyStock')} description={(error as Error).message} style={{ marginBottom: 16 }} data-testid="rma-insufficient" />
      ) : (
        <ErrorAlert error={error} />
      )}
      <Form<Values> form={form} layout="vertical" onFinish={(v) => mutation.mutate(v)} data-testid="rma-form">
        <Form.Item name="vendorId" label={t('rma.vendor')} rules={[{ required: true, message: t('rma.send.vendorRequired') }]}>
          <Select<number>
            showSearch={{ optionFilterProp: 'label' }}
            options={(vendors.data ?? []).map((v) => ({ value: v.id, label: v.name }))}
            loading={vendors.isPending}
            placeholder={t('rma.send.vendorPlaceholder')}
            data-testid="rma-vendor"
          />
        </Form.Item>
        <Form.Item name="subject" label={t('rma.send.what')}>
          <Radio.Group optionType="button" buttonStyle="solid">
            <Radio.Button value="part">
              <span data-testid="rma-subject-part">{t('rma.subject.part')}</span>
            </Radio.Button>
            <Radio.Button value="asset">
              <span data-testid="rma-subject-asset">{t('rma.subject.asset')}</span>
            </Radio.Button>
          </Radio.Group>
        </Form.Item>
        {subject === 'part' ? (
          <>
            <Form.Item name="storeId" label={t('rma.fromStore')} rules={[{ required: true, message: t('parts.storeRequired') }]}>
              <StoreSelect data-testid="rma-store" />
            </Form.Item>
            <Form.Item name="partId" label={t('parts.part')} rules={[{ required: true, message: t('parts.partRequired') }]} extra={<LevelHint storeId={storeId} partId={partId} />}>
              <PartSelect
                onChange={(_, p) => {
                  setPart(p);
                  form.setFieldsValue({ serial: undefined, qty: 1 });
                }}
                data-testid="rma-part"
              />
            </Form.Item>
            {serialTracked ? (
              <Form.Item name="serial" label={t('parts.serial')} extra={t('rma.send.serialHint')}>
                <FaultyUnitSelect partId={partId} storeId={storeId} />
              </Form.Item>
            ) : (
              <Form.Item name="qty" label={t('parts.qty')} rules={[{ required: true, message: t('parts.qtyRequired') }]}>
                <InputNumber min={1} max={10_000} precision={0} inputMode="numeric" style={{ width: 160 }} data-testid="rma-qty" />
              </Form.Item>
            )}
          </>
        ) : (
          <Form.Item name="assetId" label={t('rma.device')} rules={[{ required: true, message: t('rma.send.deviceRequired') }]} extra={t('rma.send.deviceHint')}>
            <DeviceSelect />
          </Form.Item>
        )}
        <Form.Item name="vendorCaseNumber" label={t('rma.caseNumber')}>
          <Input maxLength={100} placeholder={t('rma.send.caseNumberPlaceholder')} data-testid="rma-case-number" />
        </Form.Item>
        <Form.Item name="expectedReturn" label={t('rma.expectedReturn')}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} data-testid="rma-expected" />
        </Form.Item>
        <Form.Item name="notes" label={t('parts.notes')}>
          <Input.TextArea rows={2} maxLength={4000} data-testid="rma-notes" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
