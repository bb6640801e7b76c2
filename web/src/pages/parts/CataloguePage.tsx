import { BarcodeOutlined, EditOutlined, PlusOutlined, StockOutlined } from '@ant-design/icons';
import { Alert, App, AutoComplete, Button, Drawer, Flex, Form, Input, Select, Space, Switch, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { createPart, listParts, updatePart, type Part, type PartInput } from '../../api/parts';
import { listVendors } from '../../api/vendors';
import { ErrorAlert, errorText } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { applyServerErrors } from '../../components/serverErrors';
import { useCurrentUser } from '../../components/session';
import { useIsPhone } from '../../components/useIsPhone';
import { ActiveSegmented, ActiveToggle, activeOf, KeysetTable, type ActiveFilter } from '../../components/KeysetTable';
import { useKeysetList } from '../../components/useKeysetList';
import { canManageParts } from './access';
import { PARTS_KEY, SerialTrackedTag } from './labels';
import { UnitsDrawer, type UnitsTarget } from './UnitsDrawer';

interface Values {
  partNumber: string;
  vendor?: string;
  description?: string;
  models: string[];
  unit: string;
  serialTracked: boolean;
  notes?: string;
}

const FIELDS = ['partNumber', 'vendor', 'description', 'models', 'unit', 'serialTracked', 'notes'];
const CODE_FIELDS = { part_number_taken: 'partNumber', part_has_stock: 'serialTracked' };
const UNITS = ['个', '块', '条', '根', '台', '套', '片', '只'];

/** Vendor names for the vendor field: the vendors the desk escalates to, as suggestions. */
function useVendorNames() {
  return useQuery({
    queryKey: ['vendors', 'names'],
    queryFn: async () => (await listVendors({ active: true, limit: 200 })).items.map((v) => v.name),
    staleTime: 5 * 60_000,
  });
}

function PartDrawer({ open, part, onClose }: { open: boolean; part: Part | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const qc = useQueryClient();
  const vendors = useVendorNames();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue({
      partNumber: part?.partNumber ?? '',
      vendor: part?.vendor ?? '',
      description: part?.description ?? '',
      models: part?.models ?? [],
      unit: part?.unit ?? '个',
      serialTracked: part?.serialTracked ?? false,
      notes: part?.notes ?? '',
    });
  }, [open, part, form]);

  const mutation = useMutation({
    mutationFn: (v: Values) => {
      const body: PartInput & { partNumber: string } = {
        partNumber: v.partNumber.trim(),
        vendor: v.vendor?.trim() ?? '',
        description: v.description?.trim() ?? '',
        models: [...new Set(v.models.map((m) => m.trim()).filter(Boolean))],
        unit: v.unit.trim(),
        notes: v.notes?.trim() ?? '',
      };
      // Serial tracking is sent only when it changes: it is refused once the part has moved.
      if (!part || part.serialTracked !== v.serialTracked) body.serialTracked = v.serialTracked;
      return part ? updatePart(part.id, body) : createPart(body);
    },
    onMutate: () => setError(null),
    onSuccess: (saved) => {
      message.success(t('parts.catalogue.savedOk', { partNumber: saved.partNumber }));
      void qc.invalidateQueries({ queryKey: PARTS_KEY });
      onClose();
    },
    onError: (e) => setError(applyServerErrors(form, e, FIELDS, CODE_FIELDS)),
  });

  const half = { flex: '1 1 200px', minWidth: 0 };
  return (
    <Drawer open={open} onClose={onClose} title={part ? t('parts.catalogue.editTitle', { partNumber: part.partNumber }) : t('parts.catalogue.newTitle')} size={isPhone ? '100%' : 560} destroyOnHidden>
      <ErrorAlert error={error} />
      <Form<Values> form={form} layout="vertical" onFinish={(v) => mutation.mutate(v)} scrollToFirstError>
        <Flex gap={12} wrap>
          <Form.Item name="partNumber" label={t('parts.partNumber')} style={half} extra={t('parts.catalogue.partNumberHint')} rules={[{ required: true, whitespace: true, message: t('parts.catalogue.partNumberRequired') }, { max: 100 }]}>
            <Input autoFocus data-testid="part-form-number" />
          </Form.Item>
          <Form.Item name="vendor" label={t('parts.vendor')} style={half} rules={[{ max: 100 }]}>
            <AutoComplete
              options={(vendors.data ?? []).map((v) => ({ value: v }))}
              showSearch={{ filterOption: (input, o) => String(o?.value ?? '').toLowerCase().includes(input.toLowerCase()) }}
              data-testid="part-form-vendor"
            />
          </Form.Item>
        </Flex>
        <Form.Item name="description" label={t('parts.description')} rules={[{ max: 1000 }]}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} placeholder={t('parts.catalogue.descriptionPlaceholder')} data-testid="part-form-description" />
        </Form.Item>
        <Form.Item name="models" label={t('parts.models')} extra={t('parts.catalogue.modelsHint')} rules={[{ type: 'array', max: 100 }]}>
          <Select mode="tags" tokenSeparators={[',', '，', '\n']} open={false} suffixIcon={null} placeholder={t('parts.catalogue.modelsPlaceholder')} data-testid="part-form-models" />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="unit" label={t('parts.unit')} style={half} rules={[{ required: true, whitespace: true, message: t('parts.catalogue.unitRequired') }, { max: 20 }]}>
            <AutoComplete options={UNITS.map((u) => ({ value: u }))} data-testid="part-form-unit" />
          </Form.Item>
          <Form.Item
            name="serialTracked"
            label={t('parts.serialTracked')}
            style={half}
            valuePropName="checked"
            extra={part ? t('parts.catalogue.serialTrackedLocked') : t('parts.catalogue.serialTrackedHint')}
          >
            <Switch data-testid="part-form-serial" />
          </Form.Item>
        </Flex>
        <Form.Item name="notes" label={t('parts.notes')} rules={[{ max: 4000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="part-form-notes" />
        </Form.Item>
        <Flex gap={8} justify="flex-end">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={mutation.isPending} data-testid="part-form-submit">
            {part ? t('common.save') : t('common.create')}
          </Button>
        </Flex>
      </Form>
    </Drawer>
  );
}

/** 备件目录 (issue 7 item 1): part numbers, vendors, the models they fit, whether serial-tracked. */
export function CataloguePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const canManage = canManageParts(me);
  const isPhone = useIsPhone();
  const qc = useQueryClient();
  const [q, setQ] = useState<string | undefined>();
  const [model, setModel] = useState<string | undefined>();
  const [shown, setShown] = useState<ActiveFilter>('active');
  const [drawer, setDrawer] = useState<{ open: boolean; part: Part | null }>({ open: false, part: null });
  const [units, setUnits] = useState<UnitsTarget | null>(null);
  const active = activeOf(shown);
  const list = useKeysetList([...PARTS_KEY, 'list', q, model, shown], (cursor) => listParts({ q, model, active, cursor, limit: 50 }));

  const toggle = useMutation({
    mutationFn: (part: Part) => updatePart(part.id, { active: !part.active }),
    onSuccess: (saved) => {
      message.success(t(saved.active ? 'parts.catalogue.activatedOk' : 'parts.catalogue.deactivatedOk', { partNumber: saved.partNumber }));
      void qc.invalidateQueries({ queryKey: PARTS_KEY });
    },
    onError: (e) => message.error(errorText(e, t)),
  });

  const columns: TableColumnsType<Part> = [
    {
      title: t('parts.partNumber'),
      dataIndex: 'partNumber',
      width: 170,
      render: (v: string, p) => (
        <Space size={4} wrap>
          <Typography.Text strong type={p.active ? undefined : 'secondary'} copyable={{ text: v }}>
            {v}
          </Typography.Text>
          {!p.active && <Tag style={{ marginInlineEnd: 0 }}>{t('parts.inactive')}</Tag>}
        </Space>
      ),
    },
    { title: t('parts.vendor'), dataIndex: 'vendor', width: 110, render: (v: string) => v || '—' },
    { title: t('parts.description'), dataIndex: 'description', width: 200, render: (v: string) => v || '—' },
    {
      title: t('parts.models'),
      dataIndex: 'models',
      width: 220,
      render: (models: string[]) =>
        models.length === 0 ? (
          <Typography.Text type="secondary">{t('parts.catalogue.noModels')}</Typography.Text>
        ) : (
          <Flex gap={4} wrap>
            {models.map((m) => (
              <Tag key={m} style={{ marginInlineEnd: 0, cursor: 'pointer' }} onClick={() => setModel(m)}>
                {m}
              </Tag>
            ))}
          </Flex>
        ),
    },
    { title: t('parts.unit'), dataIndex: 'unit', width: 60 },
    { title: t('parts.tracking'), dataIndex: 'serialTracked', width: 110, render: (v: boolean) => (v ? <SerialTrackedTag /> : <Typography.Text type="secondary">{t('parts.byQuantity')}</Typography.Text>) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: canManage ? 180 : 120,
      fixed: isPhone ? undefined : 'right',
      render: (_, p) => (
        <Space size={0} wrap>
          <Link to={`/parts?partId=${p.id}`}>
            <Button type="link" size="small" icon={<StockOutlined />} data-testid={`part-stock-${p.id}`}>
              {t('parts.catalogue.stock')}
            </Button>
          </Link>
          {p.serialTracked && (
            <Button type="link" size="small" icon={<BarcodeOutlined />} onClick={() => setUnits({ partId: p.id, partNumber: p.partNumber })} data-testid={`part-units-${p.id}`}>
              {t('parts.units.open')}
            </Button>
          )}
          {canManage && (
            <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setDrawer({ open: true, part: p })} data-testid={`part-edit-${p.id}`}>
              {t('common.edit')}
            </Button>
          )}
          {canManage && (
            <ActiveToggle
              active={p.active}
              pending={toggle.isPending && toggle.variables?.id === p.id}
              onToggle={() => toggle.mutateAsync(p)}
              labels={{ deactivate: t('parts.catalogue.deactivate'), activate: t('parts.catalogue.activate'), confirmTitle: t('parts.catalogue.deactivateConfirm', { partNumber: p.partNumber }), confirmDetail: t('parts.catalogue.deactivateDetail') }}
              testIds={{ deactivate: `part-deactivate-${p.id}`, activate: `part-activate-${p.id}` }}
            />
          )}
        </Space>
      ),
    },
  ];

  const filtered = !!(q || model);
  return (
    <>
      <PageHeader
        title={t('parts.catalogue.title')}
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ open: true, part: null })} data-testid="parts-new">
              {t('parts.catalogue.new')}
            </Button>
          )
        }
      />
      <Typography.Paragraph type="secondary" style={{ maxWidth: 820 }}>
        {t('parts.catalogue.intro')}
      </Typography.Paragraph>
      {!canManage && <Alert type="info" showIcon title={t('parts.readOnly')} style={{ marginBottom: 16 }} />}
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Input.Search allowClear placeholder={t('parts.catalogue.searchPlaceholder')} onSearch={(v) => setQ(v.trim() || undefined)} style={{ width: 260, maxWidth: '100%' }} data-testid="parts-search" />
        <Input.Search
          key={model ?? ''}
          allowClear
          defaultValue={model}
          placeholder={t('parts.catalogue.modelPlaceholder')}
          onSearch={(v) => setModel(v.trim() || undefined)}
          style={{ width: 240, maxWidth: '100%' }}
          data-testid="parts-model"
        />
        <ActiveSegmented value={shown} onChange={setShown} labels={{ active: t('parts.showActive'), inactive: t('parts.showInactive'), all: t('parts.showAll') }} testId="parts-filter" />
      </Flex>
      <KeysetTable<Part>
        list={list}
        columns={columns}
        testId="parts-table"
        rowProps={(p) => ({ 'data-testid': `part-row-${p.partNumber}` })}
        scrollX={canManage ? 1050 : 990}
        empty={{ text: filtered ? t('parts.catalogue.noMatch') : t('parts.catalogue.empty'), action: canManage && !filtered ? { label: t('parts.catalogue.new'), onClick: () => setDrawer({ open: true, part: null }) } : undefined }}
      />
      {canManage && <PartDrawer open={drawer.open} part={drawer.part} onClose={() => setDrawer((d) => ({ ...d, open: false }))} />}
      <UnitsDrawer target={units} onClose={() => setUnits(null)} />
    </>
  );
}
