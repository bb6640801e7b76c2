import { Alert, App, Form, Input, InputNumber, Modal, Radio, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { adjustStock, receiveStock, scrapStock, transferStock, type MovementResult } from '../../api/parts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyServerErrors } from '../../components/serverErrors';
import { STOCK_KEY } from './labels';
import { LevelHint, PartSelect, SerialsInput, StoreSelect } from './pickers';

/** The storekeeper's movements outside a visit (issue 7 item 3). */
export const STOCK_MOVES = ['receive', 'transfer', 'adjust', 'scrap'] as const;
export type StockMove = (typeof STOCK_MOVES)[number];

export interface MovePreset {
  move: StockMove;
  storeId?: number;
  partId?: number;
  partNumber?: string;
  serialTracked?: boolean;
}

interface Values {
  storeId?: number;
  toStoreId?: number;
  partId?: number;
  qty?: number;
  serials?: string[];
  direction: 'found' | 'missing';
  which: 'good' | 'faulty';
  reason?: string;
}

const FIELDS = ['storeId', 'toStoreId', 'partId', 'qty', 'serials', 'reason'];
const CODE_FIELDS = {
  stock_reason_required: 'reason',
  stock_units_unavailable: 'serials',
  stock_serial_exists: 'serials',
  part_inactive: 'partId',
  part_not_found: 'partId',
  store_inactive: 'storeId',
  store_not_found: 'storeId',
};

/**
 * Receive (入库), transfer (调拨), adjust (盘盈/盘亏) and scrap (报废). Serial-tracked parts name
 * each unit coming in; going out, the units may be picked or left to the server (oldest first).
 */
export function StockMovementModal({ preset, onClose }: { preset: MovePreset | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [serialTracked, setSerialTracked] = useState(false);
  const [partNumber, setPartNumber] = useState('');
  const move = preset?.move ?? 'receive';
  const open = preset !== null;

  useEffect(() => {
    if (!preset) return;
    setError(null);
    setSerialTracked(preset.serialTracked ?? false);
    setPartNumber(preset.partNumber ?? '');
    form.resetFields();
    form.setFieldsValue({ storeId: preset.storeId, partId: preset.partId, qty: 1, serials: [], direction: 'found', which: 'good', reason: '' });
  }, [preset, form]);

  const storeId = Form.useWatch('storeId', form);
  const toStoreId = Form.useWatch('toStoreId', form);
  const partId = Form.useWatch('partId', form);
  const direction = Form.useWatch('direction', form) ?? 'found';
  const which = Form.useWatch('which', form) ?? 'good';
  const serials = Form.useWatch('serials', form) ?? [];

  // Units coming in are new to the ledger and must be named; going out the server may pick them.
  const serialsRequired = serialTracked && (move === 'receive' || (move === 'adjust' && direction === 'found'));
  const qtyFromSerials = serialTracked && (serialsRequired || serials.length > 0);
  const pickFrom =
    serialTracked && !serialsRequired && partId && storeId ? { partId, storeId, state: move === 'scrap' && which === 'faulty' ? ('faulty' as const) : ('in_stock' as const) } : null;

  const mutation = useMutation({
    mutationFn: (v: Values): Promise<MovementResult> => {
      const named = serialTracked && v.serials && v.serials.length > 0 ? v.serials : undefined;
      const qty = named ? named.length : (v.qty ?? 1);
      const reason = v.reason?.trim() || undefined;
      const common = { partId: v.partId!, serials: named };
      switch (move) {
        case 'receive':
          return receiveStock({ ...common, storeId: v.storeId!, qty, reason });
        case 'transfer':
          return transferStock({ ...common, fromStoreId: v.storeId!, toStoreId: v.toStoreId!, qty, reason });
        case 'adjust':
          return adjustStock({ ...common, storeId: v.storeId!, delta: v.direction === 'found' ? qty : -qty, reason: reason ?? '' });
        case 'scrap':
          return scrapStock({ ...common, storeId: v.storeId!, qty, faulty: v.which === 'faulty', reason: reason ?? '' });
      }
    },
    onMutate: () => setError(null),
    onSuccess: (result) => {
      void qc.invalidateQueries({ queryKey: STOCK_KEY });
      const level = result.levels.find((l) => l.storeId === (move === 'transfer' ? toStoreId : storeId)) ?? result.levels[0];
      const qty = result.entries.filter((e) => e.kind !== 'transfer_in').reduce((n, e) => n + e.qty, 0);
      message.success(
        t(`parts.move.done.${move}`, {
          qty,
          partNumber: level?.partNumber ?? partNumber,
          store: level?.storeName ?? '',
          available: level?.available ?? 0,
        }),
      );
      onClose();
    },
    onError: (e) => setError(applyServerErrors(form, e, FIELDS, CODE_FIELDS)),
  });

  const insufficient = isApiError(error) && error.code === 'stock_insufficient';
  const reasonRequired = move === 'adjust' || move === 'scrap';

  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={t(`parts.move.title.${move}`)}
      okText={t(`parts.move.submit.${move}`)}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      okButtonProps={{ loading: mutation.isPending, danger: move === 'scrap', 'data-testid': 'movement-submit' }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t(`parts.move.intro.${move}`)}</Typography.Paragraph>
      {insufficient ? (
        <Alert type="error" showIcon title={t('parts.insufficientTitle')} description={(error as Error).message} style={{ marginBottom: 16 }} data-testid="stock-insufficient" />
      ) : (
        <ErrorAlert error={error} />
      )}
      <Form<Values> form={form} layout="vertical" onFinish={(v) => mutation.mutate(v)} data-testid={`movement-form-${move}`}>
        <Form.Item name="storeId" label={t(move === 'transfer' ? 'parts.move.fromStore' : 'parts.store')} rules={[{ required: true, message: t('parts.storeRequired') }]}>
          <StoreSelect activeOnly={move === 'receive'} exclude={move === 'transfer' ? toStoreId : undefined} data-testid="movement-store" />
        </Form.Item>
        {move === 'transfer' && (
          <Form.Item name="toStoreId" label={t('parts.move.toStore')} rules={[{ required: true, message: t('parts.storeRequired') }]}>
            <StoreSelect activeOnly exclude={storeId} data-testid="movement-to-store" />
          </Form.Item>
        )}
        <Form.Item name="partId" label={t('parts.part')} rules={[{ required: true, message: t('parts.partRequired') }]} extra={<LevelHint storeId={storeId} partId={partId} />}>
          <PartSelect
            known={preset?.partId ? { id: preset.partId, partNumber: preset.partNumber ?? `#${preset.partId}` } : null}
            onChange={(_, part) => {
              if (!part) return;
              setSerialTracked(part.serialTracked);
              setPartNumber(part.partNumber);
              form.setFieldsValue({ serials: [] });
            }}
            data-testid="movement-part"
          />
        </Form.Item>
        {move === 'adjust' && (
          <Form.Item name="direction" label={t('parts.move.direction')}>
            <Radio.Group optionType="button" buttonStyle="solid" onChange={() => form.setFieldsValue({ serials: [] })}>
              <Radio.Button value="found">
                <span data-testid="movement-found">{t('parts.move.found')}</span>
              </Radio.Button>
              <Radio.Button value="missing">
                <span data-testid="movement-missing">{t('parts.move.missing')}</span>
              </Radio.Button>
            </Radio.Group>
          </Form.Item>
        )}
        {move === 'scrap' && (
          <Form.Item name="which" label={t('parts.move.which')}>
            <Radio.Group optionType="button" buttonStyle="solid" onChange={() => form.setFieldsValue({ serials: [] })}>
              <Radio.Button value="good">
                <span data-testid="movement-good">{t('parts.move.good')}</span>
              </Radio.Button>
              <Radio.Button value="faulty">
                <span data-testid="movement-faulty">{t('parts.move.faultyUnits')}</span>
              </Radio.Button>
            </Radio.Group>
          </Form.Item>
        )}
        {serialTracked && (
          <Form.Item
            name="serials"
            label={t('parts.serials')}
            extra={serialsRequired ? t('parts.move.serialsRequiredHint') : t('parts.move.serialsOptionalHint')}
            rules={serialsRequired ? [{ required: true, type: 'array', min: 1, message: t('parts.serialsRequired') }] : []}
          >
            <SerialsInput units={pickFrom} data-testid="movement-serials" />
          </Form.Item>
        )}
        {qtyFromSerials ? (
          <Typography.Paragraph data-testid="movement-qty-from-serials">{t('parts.move.qtyFromSerials', { count: serials.length })}</Typography.Paragraph>
        ) : (
          <Form.Item name="qty" label={t('parts.qty')} rules={[{ required: true, message: t('parts.qtyRequired') }]}>
            <InputNumber min={1} max={100_000} precision={0} inputMode="numeric" style={{ width: 160 }} data-testid="movement-qty" />
          </Form.Item>
        )}
        <Form.Item
          name="reason"
          label={t(reasonRequired ? 'parts.move.reason' : 'parts.move.reference')}
          extra={t(`parts.move.reasonHint.${move}`)}
          rules={[{ required: reasonRequired, whitespace: true, message: t('parts.move.reasonRequired') }, { max: 1000 }]}
          style={{ marginBottom: 0 }}
        >
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} data-testid="movement-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
