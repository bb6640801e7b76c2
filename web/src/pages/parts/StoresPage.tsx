import { EditOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, App, Button, Drawer, Flex, Form, Input, Radio, Select, Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { STORE_KINDS, createStore, listStores, updateStore, type Store, type StoreKind } from '../../api/parts';
import { CustomerSelect } from '../../components/CustomerSelect';
import { ErrorAlert, errorText } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { applyServerErrors } from '../../components/serverErrors';
import { useCurrentUser } from '../../components/session';
import { useIsPhone } from '../../components/useIsPhone';
import { ActiveSegmented, ActiveToggle, activeOf, KeysetTable, type ActiveFilter } from '../../components/KeysetTable';
import { useKeysetList } from '../../components/useKeysetList';
import { useCustomerContracts, useCustomerSites } from '../customers/lookups';
import { canManageParts } from './access';
import { STORES_KEY, StoreKindTag } from './labels';

interface Values {
  name: string;
  kind: StoreKind;
  customerId?: number;
  siteId?: number | null;
  contractId?: number | null;
  notes?: string;
}

const FIELDS = ['name', 'kind', 'customerId', 'siteId', 'contractId', 'notes'];
const CODE_FIELDS = { store_name_taken: 'name' };

/** Where a store is kept: no customer (central), a customer's site, or a contract (a project). */
export function StoreDrawer({ open, store, onClose }: { open: boolean; store: Store | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const kind = Form.useWatch('kind', form) ?? store?.kind ?? 'site';
  const customerId = Form.useWatch('customerId', form) ?? store?.customer?.id;
  const sites = useCustomerSites(kind === 'central' ? null : customerId);
  const contracts = useCustomerContracts(kind === 'central' ? null : customerId);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue({
      name: store?.name ?? '',
      kind: store?.kind ?? 'site',
      customerId: store?.customer?.id,
      siteId: store?.site?.id ?? null,
      contractId: store?.contract?.id ?? null,
      notes: store?.notes ?? '',
    });
  }, [open, store, form]);

  const mutation = useMutation({
    mutationFn: (v: Values) => {
      const placement = v.kind === 'central' ? {} : { siteId: v.siteId ?? null, contractId: v.contractId ?? null };
      const common = { name: v.name.trim(), notes: v.notes?.trim() ?? '', ...placement };
      return store ? updateStore(store.id, common) : createStore({ ...common, kind: v.kind, customerId: v.kind === 'central' ? null : (v.customerId ?? null) });
    },
    onMutate: () => setError(null),
    onSuccess: (saved) => {
      message.success(t('parts.stores.savedOk', { name: saved.name }));
      void qc.invalidateQueries({ queryKey: STORES_KEY });
      onClose();
    },
    onError: (e) => setError(applyServerErrors(form, e, FIELDS, CODE_FIELDS)),
  });

  return (
    <Drawer open={open} onClose={onClose} title={store ? t('parts.stores.editTitle', { name: store.name }) : t('parts.stores.newTitle')} size={isPhone ? '100%' : 520} destroyOnHidden>
      <ErrorAlert error={error} />
      <Form<Values> form={form} layout="vertical" onFinish={(v) => mutation.mutate(v)} scrollToFirstError>
        <Form.Item name="name" label={t('parts.stores.name')} rules={[{ required: true, whitespace: true, message: t('parts.stores.nameRequired') }, { max: 100 }]}>
          <Input autoFocus placeholder={t('parts.stores.namePlaceholder')} data-testid="store-form-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('parts.stores.kind')} extra={store ? t('parts.stores.kindFixed') : t(`parts.stores.kindHint.${kind}`)}>
          <Radio.Group optionType="button" buttonStyle="solid" disabled={!!store} onChange={() => form.setFieldsValue({ siteId: null, contractId: null })}>
            {STORE_KINDS.map((k) => (
              <Radio.Button key={k} value={k}>
                <span data-testid={`store-form-kind-${k}`}>{t(`parts.storeKind.${k}`)}</span>
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        {kind !== 'central' && (
          <>
            <Form.Item name="customerId" label={t('parts.customer')} rules={[{ required: true, message: t('parts.stores.customerRequired') }]} extra={store ? t('parts.stores.customerFixed') : undefined}>
              <CustomerSelect
                known={store?.customer ?? null}
                disabled={!!store}
                onChange={() => form.setFieldsValue({ siteId: null, contractId: null })}
                data-testid="store-form-customer"
              />
            </Form.Item>
            <Form.Item name="siteId" label={t('parts.site')} rules={kind === 'site' ? [{ required: true, message: t('parts.stores.siteRequired') }] : []}>
              <Select<number | null>
                allowClear={kind === 'project'}
                disabled={!customerId}
                loading={sites.isFetching}
                showSearch={{ optionFilterProp: 'title' }}
                placeholder={kind === 'project' ? t('parts.stores.siteOptional') : undefined}
                options={(sites.data ?? []).map((s) => ({ value: s.id, title: s.name, label: <span data-testid={`site-option-${s.id}`}>{s.name}</span> }))}
                data-testid="store-form-site"
              />
            </Form.Item>
            <Form.Item name="contractId" label={t('parts.contract')} rules={kind === 'project' ? [{ required: true, message: t('parts.stores.contractRequired') }] : []}>
              <Select<number | null>
                allowClear={kind === 'site'}
                disabled={!customerId}
                loading={contracts.isFetching}
                showSearch={{ optionFilterProp: 'title' }}
                placeholder={kind === 'site' ? t('parts.stores.contractOptional') : undefined}
                options={(contracts.data ?? []).map((c) => ({ value: c.id, title: `${c.number} ${c.name}`, label: <span data-testid={`contract-option-${c.id}`}>{c.number} · {c.name}</span> }))}
                data-testid="store-form-contract"
              />
            </Form.Item>
          </>
        )}
        <Form.Item name="notes" label={t('parts.notes')} extra={t('parts.stores.notesHint')} rules={[{ max: 4000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="store-form-notes" />
        </Form.Item>
        <Flex gap={8} justify="flex-end">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={mutation.isPending} data-testid="store-form-submit">
            {store ? t('common.save') : t('common.create')}
          </Button>
        </Flex>
      </Form>
    </Drawer>
  );
}

/** Where a store is kept, in a line. */
export function StorePlace({ store }: { store: Store }) {
  const { t } = useTranslation();
  if (store.kind === 'central') return <Typography.Text type="secondary">{t('parts.stores.centralPlace')}</Typography.Text>;
  return (
    <Flex vertical gap={0}>
      {store.customer && <span>{store.customer.name}</span>}
      {(store.site || store.contract) && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {[store.site?.name, store.contract ? `${store.contract.number} ${store.contract.name}` : null].filter(Boolean).join(' · ')}
        </Typography.Text>
      )}
    </Flex>
  );
}

/** 备件库 (issue 7 item 2): the central warehouse and the stores kept at customers' sites or per project. */
export function StoresPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const canManage = canManageParts(me);
  const qc = useQueryClient();
  const [q, setQ] = useState<string | undefined>();
  const [kind, setKind] = useState<StoreKind | undefined>();
  const [customerId, setCustomerId] = useState<number | undefined>();
  const [shown, setShown] = useState<ActiveFilter>('active');
  const [drawer, setDrawer] = useState<{ open: boolean; store: Store | null }>({ open: false, store: null });
  const active = activeOf(shown);
  const list = useKeysetList([...STORES_KEY, 'list', q, kind, customerId, shown], (cursor) => listStores({ q, kind, customerId, active, cursor, limit: 50 }));

  const toggle = useMutation({
    mutationFn: (store: Store) => updateStore(store.id, { active: !store.active }),
    onSuccess: (saved) => {
      message.success(t(saved.active ? 'parts.stores.reopenedOk' : 'parts.stores.closedOk', { name: saved.name }));
      void qc.invalidateQueries({ queryKey: STORES_KEY });
    },
    onError: (e) => message.error(errorText(e, t)),
  });

  const columns: TableColumnsType<Store> = [
    {
      title: t('parts.stores.name'),
      dataIndex: 'name',
      width: 220,
      render: (v: string, s) => (
        <Space size={4} wrap>
          <Link to={`/parts/stores/${s.id}`} data-testid={`store-open-${s.id}`}>
            <Typography.Text strong type={s.active ? undefined : 'secondary'} style={{ color: 'inherit' }}>
              {v}
            </Typography.Text>{' '}
            <RightOutlined style={{ fontSize: 10 }} />
          </Link>
          {!s.active && <Tag style={{ marginInlineEnd: 0 }}>{t('parts.stores.closed')}</Tag>}
        </Space>
      ),
    },
    { title: t('parts.stores.kind'), dataIndex: 'kind', width: 100, render: (v: string) => <StoreKindTag kind={v} /> },
    { title: t('parts.stores.place'), key: 'place', width: 280, render: (_, s) => <StorePlace store={s} /> },
    {
      title: t('parts.notes'),
      dataIndex: 'notes',
      width: 200,
      render: (v: string) => (v ? <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, tooltip: v }} style={{ marginBottom: 0 }}>{v}</Typography.Paragraph> : '—'),
    },
    ...(canManage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 170,
            render: (_: unknown, s: Store) => (
              <Space size={0}>
                <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setDrawer({ open: true, store: s })} data-testid={`store-edit-${s.id}`}>
                  {t('common.edit')}
                </Button>
                <ActiveToggle
                  active={s.active}
                  pending={toggle.isPending && toggle.variables?.id === s.id}
                  onToggle={() => toggle.mutateAsync(s)}
                  labels={{ deactivate: t('parts.stores.close'), activate: t('parts.stores.reopen'), confirmTitle: t('parts.stores.closeConfirm', { name: s.name }), confirmDetail: t('parts.stores.closeDetail') }}
                  testIds={{ deactivate: `store-close-${s.id}`, activate: `store-reopen-${s.id}` }}
                />
              </Space>
            ),
          },
        ]
      : []),
  ];

  const filtered = !!(q || kind || customerId);
  return (
    <>
      <PageHeader
        title={t('parts.stores.title')}
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ open: true, store: null })} data-testid="stores-new">
              {t('parts.stores.new')}
            </Button>
          )
        }
      />
      <Typography.Paragraph type="secondary" style={{ maxWidth: 820 }}>
        {t('parts.stores.intro')}
      </Typography.Paragraph>
      {!canManage && <Alert type="info" showIcon title={t('parts.readOnly')} style={{ marginBottom: 16 }} />}
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Input.Search allowClear placeholder={t('parts.stores.searchPlaceholder')} onSearch={(v) => setQ(v.trim() || undefined)} style={{ width: 220, maxWidth: '100%' }} data-testid="stores-search" />
        <Select<StoreKind | undefined>
          value={kind}
          onChange={setKind}
          allowClear
          placeholder={t('parts.stores.allKinds')}
          options={STORE_KINDS.map((k) => ({ value: k, label: t(`parts.storeKind.${k}`) }))}
          style={{ width: 150 }}
          data-testid="stores-kind"
        />
        <CustomerSelect value={customerId} onChange={setCustomerId} allowClear placeholder={t('parts.stores.anyCustomer')} style={{ width: 240, maxWidth: '100%' }} data-testid="stores-customer" />
        <ActiveSegmented value={shown} onChange={setShown} labels={{ active: t('parts.stores.showOpen'), inactive: t('parts.stores.showClosed'), all: t('parts.showAll') }} testId="stores-filter" />
      </Flex>
      <KeysetTable<Store>
        list={list}
        columns={columns}
        testId="stores-table"
        rowProps={(s) => ({ 'data-testid': `store-row-${s.name}` })}
        scrollX={canManage ? 970 : 800}
        empty={{ text: filtered ? t('parts.stores.noMatch') : t('parts.stores.empty'), action: canManage && !filtered ? { label: t('parts.stores.new'), onClick: () => setDrawer({ open: true, store: null }) } : undefined }}
      />
      {canManage && <StoreDrawer open={drawer.open} store={drawer.store} onClose={() => setDrawer((d) => ({ ...d, open: false }))} />}
    </>
  );
}
