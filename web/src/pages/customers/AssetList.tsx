import { FilterOutlined, ImportOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Input, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { assetsExportUrl, listAssets } from '../../api/client';
import {
  ASSET_CATEGORIES,
  ASSET_STATUSES,
  WARRANTY_STATES,
  type Asset,
  type AssetCategory,
  type AssetFilters,
  type AssetStatus,
  type WarrantyState,
} from '../../api/types';
import { AssetStatusTag, WarrantyTag, enumLabel, locationText } from '../../components/assetLabels';
import { canWrite, isCustomerContact } from '../../components/access';
import { CustomerSelect } from '../../components/CustomerSelect';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportButtons } from '../../components/ExportButtons';
import { ImportModal } from '../../components/ImportModal';
import { LoadMore } from '../../components/LoadMore';
import { useCurrentUser } from '../../components/session';
import { useDebounced } from '../../components/useDebounced';
import { useIsPhone } from '../../components/useIsPhone';
import { useKeysetList } from '../../components/useKeysetList';
import { AssetFormDrawer } from './AssetFormDrawer';
import { useCustomerPaths } from './paths';

interface Props {
  /** Filters the list is confined to (a customer's or a contract's assets). */
  fixed?: AssetFilters;
  /** The customer the list belongs to: presets a new asset and hides the customer column. */
  customer?: { id: number; name: string };
  /** Show the filter bar (the full asset list); otherwise only the serial search. */
  fullFilters?: boolean;
  /** Offer the spreadsheet import (the asset list page). */
  importable?: boolean;
  /** Never offer changes (the customer portal). */
  readOnly?: boolean;
}

const EXPIRING = [30, 60, 90] as const;

/** The asset registry table with filters, export, "load more" and "New asset". */
export function AssetList({ fixed = {}, customer, fullFilters, importable, readOnly }: Props) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const paths = useCustomerPaths();
  const [serialText, setSerialText] = useState('');
  const [modelText, setModelText] = useState('');
  const [vendorText, setVendorText] = useState('');
  const [picked, setPicked] = useState<AssetFilters>({});
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const isPhone = useIsPhone();
  const [filtersOpen, setFiltersOpen] = useState(false);
  const serial = useDebounced(serialText.trim(), 250);
  const model = useDebounced(modelText.trim(), 300);
  const vendor = useDebounced(vendorText.trim(), 300);

  const filters: AssetFilters = useMemo(
    () => ({
      ...picked,
      serial: serial || undefined,
      model: model || undefined,
      vendor: vendor || undefined,
      ...fixed,
    }),
    [picked, serial, model, vendor, fixed],
  );
  const list = useKeysetList(['assets', 'list', filters], (cursor) => listAssets({ ...filters, cursor, limit: 50 }));
  const canCreate = !readOnly && canWrite(me, 'assets');
  const filtered = Object.entries(filters).some(([k, v]) => v !== undefined && !(k in fixed));
  const activeFilters = Object.entries(filters).filter(([k, v]) => v !== undefined && k !== 'serial' && !(k in fixed)).length;
  const preset = useMemo(
    () => ({ customerId: customer?.id, customerName: customer?.name, contractId: fixed.contractId }),
    [customer?.id, customer?.name, fixed.contractId],
  );
  const showCustomer = !customer && !isCustomerContact(me);

  const columns: TableColumnsType<Asset> = [
    {
      title: t('asset.serialNumber'),
      dataIndex: 'serialNumber',
      width: 200,
      fixed: 'left',
      render: (v: string, a) => (
        <Link to={paths.asset(a.id)} data-testid={`asset-row-${v}`} onClick={(e) => e.stopPropagation()}>
          <Typography.Text strong style={{ color: 'inherit', wordBreak: 'keep-all' }}>
            {v}
          </Typography.Text>
        </Link>
      ),
    },
    { title: t('asset.vendor'), dataIndex: 'vendor', width: 100 },
    { title: t('asset.model'), dataIndex: 'model', width: 160 },
    { title: t('asset.category'), dataIndex: 'category', width: 80, render: (v: AssetCategory) => <Tag>{enumLabel(t, 'category', v)}</Tag> },
    ...(!showCustomer
      ? []
      : [{ title: t('asset.customer'), dataIndex: 'customerName', width: 170, ellipsis: true } as TableColumnsType<Asset>[number]]),
    { title: t('asset.status'), dataIndex: 'status', width: 90, render: (v: AssetStatus) => <AssetStatusTag status={v} /> },
    { title: t('asset.warranty'), key: 'warranty', width: 160, render: (_, a) => <WarrantyTag warranty={a.warranty} /> },
    {
      title: t('asset.siteLocation'),
      key: 'site',
      width: 180,
      render: (_, a) => {
        const loc = locationText(a);
        if (!a.siteName && !loc) return '—';
        return (
          <span>
            {a.siteName ?? ''}
            {loc && (
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {loc}
              </Typography.Text>
            )}
          </span>
        );
      },
    },
    { title: t('asset.firmwareVersion'), dataIndex: 'firmwareVersion', width: 120, render: (v: string) => v || '—' },
  ];

  const set = <K extends keyof AssetFilters>(key: K, value: AssetFilters[K]) => setPicked((f) => ({ ...f, [key]: value }));

  return (
    <>
      <Flex gap={8} wrap justify="space-between" style={{ marginBottom: fullFilters ? 8 : 16 }}>
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('assets.filterSerial')}
          value={serialText}
          onChange={(e) => setSerialText(e.target.value)}
          style={{ width: 240, maxWidth: '100%' }}
          autoComplete="off"
          spellCheck={false}
          data-testid="assets-filter-serial"
        />
        <Flex gap={8} wrap>
          <ExportButtons testIdPrefix="assets" urlFor={(format) => assetsExportUrl(format, filters)} />
          {importable && !readOnly && canWrite(me, 'imports') && (
            <Button icon={<ImportOutlined />} onClick={() => setImportOpen(true)} data-testid="import-open">
              {t('importer.open')}
            </Button>
          )}
          {canCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawerOpen(true)} data-testid="assets-new">
              {t('assets.new')}
            </Button>
          )}
        </Flex>
      </Flex>
      {fullFilters && isPhone && (
        <Button
          block
          icon={<FilterOutlined />}
          onClick={() => setFiltersOpen((o) => !o)}
          style={{ marginBottom: 8 }}
          data-testid="assets-filter-toggle"
        >
          {t('assets.moreFilters')}
          {activeFilters > 0 ? ` (${activeFilters})` : ''}
        </Button>
      )}
      {fullFilters && (!isPhone || filtersOpen) && (
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <Input
            allowClear
            placeholder={t('assets.filterModel')}
            value={modelText}
            onChange={(e) => setModelText(e.target.value)}
            style={{ width: 160, maxWidth: '100%' }}
            data-testid="assets-filter-model"
          />
          <Input
            allowClear
            placeholder={t('assets.filterVendor')}
            value={vendorText}
            onChange={(e) => setVendorText(e.target.value)}
            style={{ width: 130, maxWidth: '100%' }}
            data-testid="assets-filter-vendor"
          />
          {showCustomer && !fixed.customerId && (
            <CustomerSelect
              allowClear
              value={picked.customerId}
              onChange={(id) => set('customerId', id)}
              placeholder={t('assets.filterCustomer')}
              style={{ width: 220, maxWidth: '100%' }}
              data-testid="assets-filter-customer"
            />
          )}
          <Select<AssetCategory>
            allowClear
            placeholder={t('asset.category')}
            value={picked.category}
            onChange={(v) => set('category', v)}
            options={ASSET_CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))}
            style={{ width: 110 }}
            data-testid="assets-filter-category"
          />
          <Select<AssetStatus>
            allowClear
            placeholder={t('asset.status')}
            value={picked.status}
            onChange={(v) => set('status', v)}
            options={ASSET_STATUSES.map((st) => ({ value: st, label: t(`assetStatus.${st}`) }))}
            style={{ width: 120 }}
            data-testid="assets-filter-status"
          />
          <Select<WarrantyState>
            allowClear
            placeholder={t('assets.filterWarranty')}
            value={picked.warranty}
            onChange={(v) => set('warranty', v)}
            options={WARRANTY_STATES.map((st) => ({ value: st, label: t(`warranty.${st}`) }))}
            style={{ width: 130 }}
            data-testid="assets-filter-warranty"
          />
          <Select<number>
            allowClear
            placeholder={t('assets.filterExpiring')}
            value={picked.expiringWithinDays}
            onChange={(v) => set('expiringWithinDays', v)}
            options={EXPIRING.map((d) => ({ value: d, label: t('assets.expiringWithin', { count: d }) }))}
            style={{ width: 200 }}
            popupMatchSelectWidth={false}
            data-testid="assets-filter-expiring"
          />
          {filtered && (
            <Button
              type="link"
              onClick={() => {
                setPicked({});
                setSerialText('');
                setModelText('');
                setVendorText('');
              }}
              data-testid="assets-filter-reset"
            >
              {t('common.reset')}
            </Button>
          )}
        </Flex>
      )}
      <ErrorAlert error={list.error} />
      <div data-testid="assets-table">
        <Table<Asset>
          rowKey="id"
          columns={columns}
          dataSource={list.items}
          loading={list.isPending}
          pagination={false}
          scroll={{ x: showCustomer ? 1270 : 1100 }}
          size="middle"
          locale={{ emptyText: <Empty description={filtered ? t('assets.emptyFiltered') : t('assets.empty')} /> }}
          onRow={(a) => ({ onClick: () => void navigate(paths.asset(a.id)), style: { cursor: 'pointer' } })}
        />
      </div>
      <LoadMore count={list.items.length} hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onLoadMore={() => void list.fetchNextPage()} />
      {canCreate && (
        <AssetFormDrawer
          open={drawerOpen}
          asset={null}
          preset={preset}
          onClose={() => setDrawerOpen(false)}
        />
      )}
      {importable && <ImportModal open={importOpen} onClose={() => setImportOpen(false)} defaultKind="assets" />}
    </>
  );
}
