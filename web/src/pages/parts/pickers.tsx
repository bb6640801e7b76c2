import { Select, Space, Spin, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listParts, listStock, listStores, listUnits, type Part, type Store, type UnitState } from '../../api/parts';
import { enumLabel } from '../../components/assetLabels';
import { useDebounced } from '../../components/useDebounced';
import { PARTS_KEY, STOCK_KEY, STORES_KEY } from './labels';

/**
 * Stores for pickers and labels, open ones first. A provider keeps a central warehouse and a store
 * per site or project; the console lists up to 200 (a customer contact: their own only).
 */
export function useStores() {
  return useQuery({
    queryKey: [...STORES_KEY, 'picker'],
    queryFn: async () => (await listStores({ limit: 200 })).items,
    staleTime: 60_000,
  });
}

export function storeLabel(t: TFunction, s: Store): string {
  const owner = s.site?.name ?? s.contract?.number ?? s.customer?.name;
  return `${s.name} · ${enumLabel(t, 'parts.storeKind', s.kind)}${owner ? ` · ${owner}` : ''}`;
}

interface StoreSelectProps {
  value?: number | null;
  onChange?: (id: number | undefined) => void;
  /** Leave this store out (a transfer's source). */
  exclude?: number;
  /** Offer only open stores (new stock goes only into those). */
  activeOnly?: boolean;
  allowClear?: boolean;
  placeholder?: string;
  style?: React.CSSProperties;
  'data-testid'?: string;
}

/** Picks a store by name, kind or the site, contract or customer it is kept for. */
export function StoreSelect({ value, onChange, exclude, activeOnly, allowClear, placeholder, style, ...rest }: StoreSelectProps) {
  const { t } = useTranslation();
  const stores = useStores();
  const options = useMemo(
    () =>
      (stores.data ?? [])
        .filter((s) => s.id !== exclude && (!activeOnly || s.active || s.id === value))
        .map((s) => ({
          value: s.id,
          title: storeLabel(t, s),
          label: (
            <span data-testid={`store-option-${s.id}`}>
              {s.name}{' '}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {enumLabel(t, 'parts.storeKind', s.kind)}
                {s.customer ? ` · ${s.customer.name}` : ''}
                {!s.active ? ` · ${t('parts.stores.closed')}` : ''}
              </Typography.Text>
            </span>
          ),
        })),
    [stores.data, exclude, activeOnly, value, t],
  );
  return (
    <Select<number | undefined>
      showSearch={{ optionFilterProp: 'title' }}
      options={options}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? undefined)}
      loading={stores.isPending}
      allowClear={allowClear}
      placeholder={placeholder ?? t('parts.pickStore')}
      notFoundContent={stores.isPending ? <Spin size="small" /> : t('common.noData')}
      style={{ width: '100%', ...style }}
      data-testid={rest['data-testid']}
    />
  );
}

interface PartSelectProps {
  value?: number | null;
  /** The chosen part comes along, so the form knows whether it is serial-tracked. */
  onChange?: (id: number | undefined, part: Part | undefined) => void;
  /** The chosen part's number, so it shows before any search. */
  known?: Pick<Part, 'id' | 'partNumber'> | null;
  /** A device model: the parts that fit it are offered first. */
  model?: string | null;
  allowClear?: boolean;
  placeholder?: string;
  style?: React.CSSProperties;
  'data-testid'?: string;
}

/** Picks an active part by searching part numbers and descriptions on the server as the person types. */
export function PartSelect({ value, onChange, known, model, allowClear, placeholder, style, ...rest }: PartSelectProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const found = useQuery({
    queryKey: [...PARTS_KEY, 'picker', q],
    queryFn: async () => (await listParts({ q: q || undefined, active: true, limit: 30 })).items,
    staleTime: 30_000,
  });
  const fitting = useQuery({
    queryKey: [...PARTS_KEY, 'picker', 'model', model],
    queryFn: async () => (await listParts({ model: model!, active: true, limit: 30 })).items,
    enabled: !!model,
    staleTime: 30_000,
  });
  const byId = useMemo(() => {
    const m = new Map<number, Part>();
    for (const p of [...(fitting.data ?? []), ...(found.data ?? [])]) m.set(p.id, p);
    return m;
  }, [found.data, fitting.data]);
  const options = useMemo(() => {
    const fits = new Set((fitting.data ?? []).map((p) => p.id));
    const matches = (p: Part) => !q || `${p.partNumber} ${p.description}`.toLowerCase().includes(q.toLowerCase());
    const ordered = [...(fitting.data ?? []).filter(matches), ...(found.data ?? []).filter((p) => !fits.has(p.id))];
    const list = ordered.map((p) => ({
      value: p.id,
      label: (
        <span data-testid={`part-option-${p.id}`}>
          <Typography.Text strong>{p.partNumber}</Typography.Text>{' '}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {p.description}
          </Typography.Text>
          {fits.has(p.id) && (
            <Tag color="green" style={{ marginInlineStart: 6 }}>
              {t('parts.fitsModel')}
            </Tag>
          )}
        </span>
      ),
    }));
    if (value && !list.some((o) => o.value === value) && known && known.id === value) list.unshift({ value: known.id, label: <span>{known.partNumber}</span> });
    return list;
  }, [found.data, fitting.data, q, value, known, t]);
  return (
    <Select<number | undefined>
      showSearch={{ filterOption: false, onSearch: setSearch }}
      options={options}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? undefined, v ? byId.get(v) : undefined)}
      placeholder={placeholder ?? t('parts.pickPart')}
      notFoundContent={found.isFetching ? <Spin size="small" /> : t('common.noData')}
      allowClear={allowClear}
      optionLabelProp="label"
      style={{ width: '100%', ...style }}
      onOpenChange={(open) => {
        if (!open) setSearch('');
      }}
      data-testid={rest['data-testid']}
    />
  );
}

interface SerialsInputProps {
  value?: string[];
  onChange?: (serials: string[]) => void;
  /** Offer the part's units in these states (in the store, when given) to pick from. */
  units?: { partId: number; storeId?: number; state: UnitState } | null;
  placeholder?: string;
  'data-testid'?: string;
}

/**
 * Serial numbers of a serial-tracked part: typed, scanned or pasted (one per line, or separated
 * by commas or spaces), or picked from the units the movement may take.
 */
export function SerialsInput({ value, onChange, units, placeholder, ...rest }: SerialsInputProps) {
  const { t } = useTranslation();
  const list = useQuery({
    queryKey: [...STOCK_KEY, 'units', 'picker', units],
    queryFn: async () => (await listUnits({ partId: units!.partId, storeId: units!.storeId, state: units!.state, limit: 200 })).items,
    enabled: !!units,
  });
  return (
    <Select<string[]>
      mode="tags"
      value={value ?? []}
      onChange={(v) => onChange?.([...new Set(v.map((s) => s.trim()).filter(Boolean))])}
      tokenSeparators={['\n', ',', '，', ' ', ';']}
      options={(list.data ?? []).map((u) => ({ value: u.serial, label: u.serial }))}
      loading={list.isFetching}
      placeholder={placeholder ?? t('parts.serialsPlaceholder')}
      notFoundContent={null}
      style={{ width: '100%' }}
      data-testid={rest['data-testid']}
    />
  );
}

/** A part's level in a store, for a form that is about to move it. */
export function useLevel(storeId: number | undefined, partId: number | undefined) {
  return useQuery({
    queryKey: [...STOCK_KEY, 'level', storeId, partId],
    queryFn: async () => (await listStock({ storeId, partId, limit: 1 })).items[0] ?? null,
    enabled: !!storeId && !!partId,
  });
}

/** "On hand 5 · reserved 1 · available 4 · faulty 2" for the chosen store and part. */
export function LevelHint({ storeId, partId }: { storeId: number | undefined; partId: number | undefined }) {
  const { t } = useTranslation();
  const level = useLevel(storeId, partId);
  if (!storeId || !partId) return null;
  if (level.isPending) return <Spin size="small" />;
  const l = level.data;
  return (
    <Space size={4} wrap data-testid="level-hint" data-available={l?.available ?? 0}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {l
          ? t('parts.levelHint', { onHand: l.onHand, reserved: l.reserved, available: l.available, faulty: l.faulty, unit: l.unit })
          : t('parts.levelNone')}
      </Typography.Text>
      {l?.belowMinimum && <Tag color="red">{t('parts.stock.belowMinimum')}</Tag>}
    </Space>
  );
}
