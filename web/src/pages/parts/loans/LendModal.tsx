import { Alert, App, DatePicker, Form, Input, Modal, Select, Spin, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listAssets, listSites } from '../../../api/client';
import { listUnits, type Part } from '../../../api/parts';
import { createLoan, type Loan } from '../../../api/rma';
import { CustomerSelect } from '../../../components/CustomerSelect';
import { toDay } from '../../../components/days';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { applyServerErrors } from '../../../components/serverErrors';
import { STOCK_KEY } from '../labels';
import { PartSelect } from '../pickers';
import { LOANS_KEY } from '../rma/access';

interface Values {
  partId?: number;
  unitId?: number;
  customerId?: number;
  replacesAssetId?: number;
  siteId?: number;
  expectedReturn?: dayjs.Dayjs | null;
  notes?: string;
}

const FIELDS = ['partId', 'unitId', 'customerId', 'replacesAssetId', 'siteId', 'expectedReturn', 'notes'];
const CODE_FIELDS = {
  stock_units_unavailable: 'unitId',
  serial_taken: 'unitId',
  customer_not_found: 'customerId',
  asset_link_invalid: 'siteId',
  invalid_date: 'expectedReturn',
};

/**
 * 借出备用机 (R6): a loaner unit in stock goes to a customer's site, where it shows as one of their
 * devices — standing in for the faulty one — until it is taken back.
 */
export function LendModal({ open, onClose, onLent }: { open: boolean; onClose: () => void; onLent?: (loan: Loan) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [part, setPart] = useState<Part | undefined>();

  useEffect(() => {
    if (!open) return;
    setError(null);
    setPart(undefined);
    form.resetFields();
  }, [open, form]);

  const partId = Form.useWatch('partId', form);
  const customerId = Form.useWatch('customerId', form);
  const units = useQuery({
    queryKey: [...STOCK_KEY, 'units', 'in_stock', partId],
    queryFn: async () => (await listUnits({ partId: partId!, state: 'in_stock', limit: 200 })).items,
    enabled: open && !!partId && part?.serialTracked === true,
  });
  const assets = useQuery({
    queryKey: ['assets', 'of-customer', customerId],
    queryFn: async () => (await listAssets({ customerId, limit: 200 })).items,
    enabled: open && !!customerId,
  });
  const sites = useQuery({
    queryKey: ['sites', 'of-customer', customerId],
    queryFn: async () => (await listSites({ customerId, limit: 200 })).items,
    enabled: open && !!customerId,
  });

  const mutation = useMutation({
    mutationFn: (v: Values) =>
      createLoan({
        unitId: v.unitId!,
        customerId: v.customerId!,
        replacesAssetId: v.replacesAssetId,
        siteId: v.siteId,
        expectedReturn: toDay(v.expectedReturn) ?? undefined,
        notes: v.notes?.trim() || undefined,
      }),
    onMutate: () => setError(null),
    onSuccess: (loan) => {
      void qc.invalidateQueries({ queryKey: LOANS_KEY });
      void qc.invalidateQueries({ queryKey: STOCK_KEY });
      void qc.invalidateQueries({ queryKey: ['assets'] });
      message.success(t('rma.loans.lend.done', { number: loan.number, serial: loan.serial, customer: loan.customerName }));
      onLent?.(loan);
      onClose();
    },
    onError: (e) => setError(applyServerErrors(form, e, FIELDS, CODE_FIELDS)),
  });

  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={t('rma.loans.lend.title')}
      okText={t('rma.loans.lend.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      okButtonProps={{ loading: mutation.isPending, 'data-testid': 'loan-submit' }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('rma.loans.lend.intro')}</Typography.Paragraph>
      <ErrorAlert error={error} />
      <Form<Values> form={form} layout="vertical" onFinish={(v) => mutation.mutate(v)} data-testid="loan-form">
        <Form.Item name="partId" label={t('rma.loans.loanerPart')} rules={[{ required: true, message: t('parts.partRequired') }]}>
          <PartSelect
            onChange={(_, p) => {
              setPart(p);
              form.setFieldsValue({ unitId: undefined });
            }}
            data-testid="loan-part"
          />
        </Form.Item>
        {part && !part.serialTracked && <Alert type="warning" showIcon title={t('rma.loans.lend.notSerialTracked')} style={{ marginBottom: 16 }} />}
        <Form.Item name="unitId" label={t('rma.loans.unit')} rules={[{ required: true, message: t('rma.loans.lend.unitRequired') }]}>
          <Select<number>
            showSearch={{ optionFilterProp: 'label' }}
            options={(units.data ?? []).map((u) => ({ value: u.id, label: u.serial }))}
            loading={units.isFetching}
            disabled={!part?.serialTracked}
            placeholder={t('rma.loans.lend.unitPlaceholder')}
            notFoundContent={units.isFetching ? <Spin size="small" /> : t('rma.loans.lend.noUnits')}
            data-testid="loan-unit"
          />
        </Form.Item>
        <Form.Item name="customerId" label={t('parts.customer')} rules={[{ required: true, message: t('rma.loans.lend.customerRequired') }]}>
          <CustomerSelect onChange={() => form.setFieldsValue({ replacesAssetId: undefined, siteId: undefined })} data-testid="loan-customer" />
        </Form.Item>
        <Form.Item name="replacesAssetId" label={t('rma.loans.replaces')} extra={t('rma.loans.lend.replacesHint')}>
          <Select<number>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            disabled={!customerId}
            options={(assets.data ?? []).map((a) => ({ value: a.id, label: `${a.serialNumber} · ${a.vendor} ${a.model}${a.siteName ? ` · ${a.siteName}` : ''}` }))}
            loading={assets.isFetching}
            data-testid="loan-replaces"
          />
        </Form.Item>
        <Form.Item name="siteId" label={t('parts.site')} extra={t('rma.loans.lend.siteHint')}>
          <Select<number>
            allowClear
            disabled={!customerId}
            options={(sites.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
            loading={sites.isFetching}
            data-testid="loan-site"
          />
        </Form.Item>
        <Form.Item name="expectedReturn" label={t('rma.expectedReturn')}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} data-testid="loan-expected" />
        </Form.Item>
        <Form.Item name="notes" label={t('parts.notes')}>
          <Input.TextArea rows={2} maxLength={4000} data-testid="loan-notes" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
