import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, AutoComplete, Button, Col, DatePicker, Divider, Drawer, Flex, Form, Input, Row, Select, Spin } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createAsset, listAssets, updateAsset } from '../../api/client';
import { ASSET_CATEGORIES, ASSET_STATUSES, type Asset, type AssetCategory, type AssetInput, type AssetStatus } from '../../api/types';
import { CustomerSelect } from '../../components/CustomerSelect';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fromDay, toDay } from '../../components/days';
import { applyServerErrors } from '../../components/serverErrors';
import { useDebounced } from '../../components/useDebounced';
import { useIsPhone } from '../../components/useIsPhone';
import { useCustomerContracts, useCustomerSites } from './lookups';

interface Values {
  customerId?: number;
  serialNumber: string;
  vendor: string;
  model: string;
  category: AssetCategory;
  status: AssetStatus;
  contractId?: number | null;
  siteId?: number | null;
  parentId?: number | null;
  room?: string;
  rack?: string;
  unit?: string;
  softwareVersion?: string;
  firmwareVersion?: string;
  ipAddress?: string;
  hostname?: string;
  installDate?: Dayjs | null;
  warrantyEnd?: Dayjs | null;
  warrantyCardNo?: string;
  customFields?: { key?: string; value?: string }[];
  notes?: string;
  changeNote?: string;
}

const FIELDS = [
  'customerId', 'serialNumber', 'vendor', 'model', 'category', 'status', 'contractId', 'siteId', 'parentId', 'room', 'rack', 'unit',
  'softwareVersion', 'firmwareVersion', 'ipAddress', 'hostname', 'installDate', 'warrantyEnd', 'warrantyCardNo', 'customFields', 'notes',
  'changeNote',
];
const CODE_FIELDS = { serial_taken: 'serialNumber', customer_not_found: 'customerId', asset_parent_cycle: 'parentId' };

type Input = Required<Omit<AssetInput, 'changeNote'>>;

function inputOf(v: Values): Input {
  const customFields: Record<string, string> = {};
  for (const row of v.customFields ?? []) {
    const key = row.key?.trim();
    if (key) customFields[key] = row.value?.trim() ?? '';
  }
  const s = (x: string | undefined) => x?.trim() ?? '';
  return {
    customerId: v.customerId ?? 0,
    serialNumber: s(v.serialNumber),
    vendor: s(v.vendor),
    model: s(v.model),
    category: v.category,
    status: v.status,
    contractId: v.contractId ?? null,
    siteId: v.siteId ?? null,
    parentId: v.parentId ?? null,
    room: s(v.room),
    rack: s(v.rack),
    unit: s(v.unit),
    softwareVersion: s(v.softwareVersion),
    firmwareVersion: s(v.firmwareVersion),
    ipAddress: s(v.ipAddress),
    hostname: s(v.hostname),
    installDate: toDay(v.installDate),
    warrantyEnd: toDay(v.warrantyEnd),
    warrantyCardNo: s(v.warrantyCardNo),
    customFields,
    notes: s(v.notes),
  };
}

function valuesOf(a: Asset): Values {
  return {
    customerId: a.customerId,
    serialNumber: a.serialNumber,
    vendor: a.vendor,
    model: a.model,
    category: a.category,
    status: a.status,
    contractId: a.contractId,
    siteId: a.siteId,
    parentId: a.parentId,
    room: a.room,
    rack: a.rack,
    unit: a.unit,
    softwareVersion: a.softwareVersion,
    firmwareVersion: a.firmwareVersion,
    ipAddress: a.ipAddress,
    hostname: a.hostname,
    installDate: fromDay(a.installDate),
    warrantyEnd: fromDay(a.warrantyEnd),
    warrantyCardNo: a.warrantyCardNo,
    customFields: Object.entries(a.customFields ?? {}).map(([key, value]) => ({ key, value })),
    notes: a.notes,
  };
}

/** Only what changed, so the change history (维保专项档案) records real changes. */
function changedFields(before: Input, after: Input): AssetInput {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof Input)[]) {
    // an asset stays with its customer (the server does not move it)
    if (key === 'customerId') continue;
    if (JSON.stringify(after[key]) !== JSON.stringify(before[key])) out[key] = after[key];
  }
  return out as AssetInput;
}

/** Picks another asset of the same customer as the parent (e.g. the chassis of a blade). */
function ParentSelect({
  customerId,
  selfId,
  value,
  onChange,
  knownLabel,
}: {
  customerId?: number;
  selfId?: number;
  value?: number | null;
  onChange?: (v: number | null) => void;
  knownLabel?: string | null;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const serial = useDebounced(search.trim(), 250);
  const { data, isFetching } = useQuery({
    queryKey: ['assets', 'parent-picker', customerId, serial],
    queryFn: async () => (await listAssets({ customerId, serial: serial || undefined, limit: 30 })).items,
    enabled: !!customerId,
    staleTime: 30_000,
  });
  const options = useMemo(() => {
    const list = (data ?? []).filter((a) => a.id !== selfId).map((a) => ({ value: a.id, label: `${a.serialNumber} · ${a.vendor} ${a.model}` }));
    if (value && knownLabel && !list.some((o) => o.value === value)) list.unshift({ value, label: knownLabel });
    return list;
  }, [data, selfId, value, knownLabel]);
  return (
    <Select<number | null>
      allowClear
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value ?? null}
      onChange={(v) => onChange?.(v ?? null)}
      options={options}
      disabled={!customerId}
      placeholder={t('asset.parentPlaceholder')}
      notFoundContent={isFetching ? <Spin size="small" /> : t('common.noData')}
      data-testid="asset-form-parentId"
    />
  );
}

interface Props {
  open: boolean;
  /** The asset to edit; null registers a new one. */
  asset: Asset | null;
  /** Known label of the asset's parent, shown before any search. */
  parentLabel?: string | null;
  /** Preset links for a new asset (from a customer or contract page). */
  preset?: { customerId?: number; customerName?: string; contractId?: number };
  onClose: () => void;
  onSaved?: (asset: Asset, created: boolean) => void;
}

export function AssetFormDrawer({ open, asset, parentLabel, preset, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const customerId = Form.useWatch('customerId', form);
  const siteId = Form.useWatch('siteId', form);
  const contracts = useCustomerContracts(customerId);
  const sites = useCustomerSites(customerId);
  const rooms = (sites.data ?? []).find((s) => s.id === siteId)?.rooms ?? [];
  const editing = asset !== null;

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue(
      asset
        ? valuesOf(asset)
        : { customerId: preset?.customerId, contractId: preset?.contractId, category: 'server', status: 'in_service', customFields: [] },
    );
  }, [open, asset, preset, form]);

  const mutation = useMutation({
    mutationFn: async (v: Values) => {
      const input = inputOf(v);
      if (asset) {
        const changes = changedFields(inputOf(valuesOf(asset)), input);
        const note = v.changeNote?.trim();
        if (Object.keys(changes).length === 0) return { asset, created: false, unchanged: true };
        return { asset: await updateAsset(asset.id, { ...changes, ...(note ? { changeNote: note } : {}) }), created: false, unchanged: false };
      }
      const body: AssetInput = { ...input };
      // leave out empty optional values on create
      for (const [k, val] of Object.entries(body)) {
        if (val === '' || val === null || (typeof val === 'object' && val !== null && Object.keys(val).length === 0)) {
          delete (body as Record<string, unknown>)[k];
        }
      }
      return { asset: await createAsset(body), created: true, unchanged: false };
    },
    onMutate: () => setError(null),
    onSuccess: ({ asset: saved, created, unchanged }) => {
      if (unchanged) {
        message.info(t('assets.noChanges'));
      } else {
        void qc.invalidateQueries({ queryKey: ['assets'] });
        void qc.invalidateQueries({ queryKey: ['asset', saved.id] });
        void qc.invalidateQueries({ queryKey: ['customer', saved.customerId] });
        message.success(created ? t('assets.createdOk', { serial: saved.serialNumber }) : t('common.saved'));
      }
      onClose();
      onSaved?.(saved, created);
    },
    onError: (e) => setError(applyServerErrors(form, e, FIELDS, CODE_FIELDS)),
  });

  const col = isPhone ? 24 : 12;
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={editing ? t('assets.editTitle', { serial: asset.serialNumber }) : t('assets.newTitle')}
      size={isPhone ? '100%' : 720}
      destroyOnHidden
      data-testid="asset-form"
    >
      <ErrorAlert error={error} />
      <Form<Values> form={form} layout="vertical" onFinish={(v) => mutation.mutate(v)} scrollToFirstError>
        <Row gutter={16}>
          <Col span={24}>
            <Form.Item name="customerId" label={t('asset.customer')} rules={[{ required: true, message: t('assets.customerRequired') }]}>
              <CustomerSelect
                known={
                  asset
                    ? { id: asset.customerId, name: asset.customerName }
                    : preset?.customerId
                      ? { id: preset.customerId, name: preset.customerName ?? `#${preset.customerId}` }
                      : null
                }
                disabled={editing}
                onChange={(id) => {
                  if (id !== form.getFieldValue('customerId')) form.setFieldsValue({ contractId: null, siteId: null, parentId: null });
                }}
                data-testid="asset-form-customerId"
              />
            </Form.Item>
          </Col>
          <Col span={col}>
            <Form.Item name="vendor" label={t('asset.vendor')} rules={[{ required: true, whitespace: true, message: t('assets.vendorRequired') }, { max: 100 }]}>
              <Input autoFocus={!editing} data-testid="asset-form-vendor" />
            </Form.Item>
          </Col>
          <Col span={col}>
            <Form.Item
              name="serialNumber"
              label={t('asset.serialNumber')}
              rules={[{ required: true, whitespace: true, message: t('assets.serialRequired') }, { max: 100 }]}
            >
              <Input autoComplete="off" spellCheck={false} data-testid="asset-form-serialNumber" />
            </Form.Item>
          </Col>
          <Col span={col}>
            <Form.Item name="model" label={t('asset.model')} rules={[{ required: true, whitespace: true, message: t('assets.modelRequired') }, { max: 200 }]}>
              <Input data-testid="asset-form-model" />
            </Form.Item>
          </Col>
          <Col span={isPhone ? 24 : 6}>
            <Form.Item name="category" label={t('asset.category')} rules={[{ required: true }]}>
              <Select options={ASSET_CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))} data-testid="asset-form-category" />
            </Form.Item>
          </Col>
          <Col span={isPhone ? 24 : 6}>
            <Form.Item name="status" label={t('asset.status')} rules={[{ required: true }]}>
              <Select options={ASSET_STATUSES.map((s) => ({ value: s, label: t(`assetStatus.${s}`) }))} data-testid="asset-form-status" />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" plain>
          {t('assets.sectionPlacement')}
        </Divider>
        <Row gutter={16}>
          <Col span={col}>
            <Form.Item name="contractId" label={t('asset.contract')}>
              <Select<number | null>
                allowClear
                disabled={!customerId}
                loading={contracts.isLoading}
                showSearch={{ optionFilterProp: 'label' }}
                options={(contracts.data ?? []).map((c) => ({ value: c.id, label: `${c.number} · ${c.name}` }))}
                placeholder={customerId ? t('asset.contractPlaceholder') : t('assets.customerFirst')}
                data-testid="asset-form-contractId"
              />
            </Form.Item>
          </Col>
          <Col span={col}>
            <Form.Item name="siteId" label={t('asset.site')}>
              <Select<number | null>
                allowClear
                disabled={!customerId}
                loading={sites.isLoading}
                showSearch={{ optionFilterProp: 'label' }}
                options={(sites.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
                placeholder={customerId ? t('asset.sitePlaceholder') : t('assets.customerFirst')}
                data-testid="asset-form-siteId"
              />
            </Form.Item>
          </Col>
          <Col span={isPhone ? 24 : 8}>
            <Form.Item name="room" label={t('asset.room')} rules={[{ max: 60 }]}>
              <AutoComplete options={rooms.map((r) => ({ value: r }))} data-testid="asset-form-room" />
            </Form.Item>
          </Col>
          <Col span={isPhone ? 12 : 8}>
            <Form.Item name="rack" label={t('asset.rack')} rules={[{ max: 60 }]}>
              <Input data-testid="asset-form-rack" />
            </Form.Item>
          </Col>
          <Col span={isPhone ? 12 : 8}>
            <Form.Item name="unit" label={t('asset.unit')} rules={[{ max: 30 }]}>
              <Input data-testid="asset-form-unit" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="parentId" label={t('asset.parent')} extra={t('assets.parentHint')}>
              <ParentSelect customerId={customerId} selfId={asset?.id} knownLabel={parentLabel} />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" plain>
          {t('assets.sectionTechnical')}
        </Divider>
        <Row gutter={16}>
          <Col span={col}>
            <Form.Item name="softwareVersion" label={t('asset.softwareVersion')} rules={[{ max: 120 }]}>
              <Input data-testid="asset-form-softwareVersion" />
            </Form.Item>
          </Col>
          <Col span={col}>
            <Form.Item name="firmwareVersion" label={t('asset.firmwareVersion')} rules={[{ max: 120 }]}>
              <Input data-testid="asset-form-firmwareVersion" />
            </Form.Item>
          </Col>
          <Col span={col}>
            <Form.Item name="ipAddress" label={t('asset.ipAddress')} rules={[{ max: 100 }]}>
              <Input spellCheck={false} data-testid="asset-form-ipAddress" />
            </Form.Item>
          </Col>
          <Col span={col}>
            <Form.Item name="hostname" label={t('asset.hostname')} rules={[{ max: 200 }]}>
              <Input spellCheck={false} data-testid="asset-form-hostname" />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" plain>
          {t('assets.sectionWarranty')}
        </Divider>
        <Row gutter={16}>
          <Col span={isPhone ? 24 : 8}>
            <Form.Item name="installDate" label={t('asset.installDate')}>
              <DatePicker style={{ width: '100%' }} data-testid="asset-form-installDate" />
            </Form.Item>
          </Col>
          <Col span={isPhone ? 24 : 8}>
            <Form.Item name="warrantyEnd" label={t('asset.warrantyEnd')} extra={t('assets.warrantyEndHint')}>
              <DatePicker style={{ width: '100%' }} data-testid="asset-form-warrantyEnd" />
            </Form.Item>
          </Col>
          <Col span={isPhone ? 24 : 8}>
            <Form.Item name="warrantyCardNo" label={t('asset.warrantyCardNo')} rules={[{ max: 100 }]}>
              <Input data-testid="asset-form-warrantyCardNo" />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" plain>
          {t('asset.customFields')}
        </Divider>
        <Form.List name="customFields">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Flex key={field.key} gap={8} align="baseline">
                  <Form.Item
                    name={[field.name, 'key']}
                    style={{ flex: 2, marginBottom: 8 }}
                    rules={[
                      { required: true, whitespace: true, message: t('assets.customKeyRequired') },
                      { max: 60 },
                      {
                        validator: async (_, key: string | undefined) => {
                          const all = (form.getFieldValue('customFields') as Values['customFields']) ?? [];
                          if (key && all.filter((r) => r?.key?.trim() === key.trim()).length > 1) throw new Error(t('assets.customKeyDuplicate'));
                        },
                      },
                    ]}
                  >
                    <Input placeholder={t('assets.customKey')} data-testid={`asset-form-custom-key-${field.name}`} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'value']} style={{ flex: 3, marginBottom: 8 }} rules={[{ max: 500 }]}>
                    <Input placeholder={t('assets.customValue')} data-testid={`asset-form-custom-value-${field.name}`} />
                  </Form.Item>
                  <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label={t('common.delete')} />
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ key: '', value: '' })} block style={{ marginBottom: 16 }} data-testid="asset-form-custom-add">
                {t('assets.customAdd')}
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="notes" label={t('asset.notes')} rules={[{ max: 4000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="asset-form-notes" />
        </Form.Item>
        {editing && (
          <Form.Item name="changeNote" label={t('assets.changeNote')} extra={t('assets.changeNoteHint')} rules={[{ max: 500 }]}>
            <Input data-testid="asset-form-note" />
          </Form.Item>
        )}
        <Flex gap={8} justify="flex-end">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={mutation.isPending} data-testid="asset-form-submit">
            {editing ? t('common.save') : t('common.create')}
          </Button>
        </Flex>
      </Form>
    </Drawer>
  );
}
