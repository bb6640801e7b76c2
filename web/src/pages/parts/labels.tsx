import { BarcodeOutlined } from '@ant-design/icons';
import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MovementKind, StoreKind, UnitState } from '../../api/parts';
import { enumLabel } from '../../components/assetLabels';

/** Query keys of the module: a movement refreshes everything under STOCK_KEY. */
export const PARTS_KEY = ['parts'] as const;
export const STORES_KEY = ['stores'] as const;
export const STOCK_KEY = ['stock'] as const;
export const dispatchPartsKey = (dispatchId: number) => ['dispatch-parts', dispatchId] as const;

const STORE_KIND_COLORS: Record<StoreKind, string> = { central: 'blue', site: 'green', project: 'purple' };

export function StoreKindTag({ kind }: { kind: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={STORE_KIND_COLORS[kind as StoreKind] ?? 'default'} style={{ marginInlineEnd: 0 }} data-kind={kind}>
      {enumLabel(t, 'parts.storeKind', kind)}
    </Tag>
  );
}

// Goods in are green, goods out red or orange, what only changes hands blue. Partial: a kind this
// build does not know yet (the ledger grows with RMAs and loaners) shows plain.
const MOVEMENT_COLORS: Partial<Record<MovementKind, string>> = {
  receive: 'green',
  transfer_out: 'geekblue',
  transfer_in: 'geekblue',
  reserve: 'cyan',
  unreserve: 'default',
  issue: 'blue',
  use: 'purple',
  return_unused: 'lime',
  return_faulty: 'orange',
  rma_send: 'magenta',
  rma_receive: 'green',
  rma_cancel: 'orange',
  rma_close: 'default',
  loan_out: 'volcano',
  loan_return: 'lime',
  scrap: 'red',
  adjust: 'gold',
};

export function MovementKindTag({ kind }: { kind: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={MOVEMENT_COLORS[kind as MovementKind] ?? 'default'} style={{ marginInlineEnd: 0 }} data-kind={kind}>
      {enumLabel(t, 'parts.movementKind', kind)}
    </Tag>
  );
}

const UNIT_COLORS: Partial<Record<UnitState, string>> = {
  in_stock: 'green',
  reserved: 'cyan',
  issued: 'blue',
  installed: 'purple',
  faulty: 'orange',
  at_vendor: 'magenta',
  on_loan: 'volcano',
  scrapped: 'default',
  lost: 'red',
};

export function UnitStateTag({ state }: { state: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={UNIT_COLORS[state as UnitState] ?? 'default'} style={{ marginInlineEnd: 0 }} data-state={state}>
      {enumLabel(t, 'parts.unitState', state)}
    </Tag>
  );
}

export function SerialTrackedTag() {
  const { t } = useTranslation();
  return (
    <Tag icon={<BarcodeOutlined />} style={{ marginInlineEnd: 0 }} data-testid="serial-tracked">
      {t('parts.serialTracked')}
    </Tag>
  );
}

/** A level change as +3 / −1, nothing for 0. */
export function Delta({ value }: { value: number }) {
  if (value === 0) return <Typography.Text type="secondary">·</Typography.Text>;
  return (
    <Typography.Text type={value > 0 ? 'success' : 'danger'} style={{ fontVariantNumeric: 'tabular-nums' }}>
      {value > 0 ? `+${value}` : `−${-value}`}
    </Typography.Text>
  );
}

