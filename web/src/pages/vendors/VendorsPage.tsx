import { EditOutlined, MinusCircleOutlined, PhoneOutlined, PlusOutlined, ShopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Divider, Drawer, Flex, Form, Input, Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../api/types';
import { createVendor, listVendors, updateVendor, type Vendor, type VendorContact } from '../../api/vendors';
import { ErrorAlert, errorText } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { hasAnyRole } from '../../components/access';
import { applyServerErrors } from '../../components/serverErrors';
import { useCurrentUser } from '../../components/session';
import { useIsPhone } from '../../components/useIsPhone';
import { ActiveSegmented, ActiveToggle, activeOf, KeysetTable, type ActiveFilter } from '../../components/KeysetTable';
import { useKeysetList } from '../../components/useKeysetList';

/** Mirrors the server's vendor policy: all staff read, these roles keep the records. */
const VENDOR_MANAGERS: readonly Role[] = ['admin', 'manager', 'dispatcher'];

export const VENDORS_KEY = ['vendors'] as const;

interface ContactValues {
  id?: number;
  name: string;
  role?: string;
  phone?: string;
  email?: string;
}

interface Values {
  name: string;
  supportPhone?: string;
  supportEmail?: string;
  portalUrl?: string;
  notes?: string;
  contacts: ContactValues[];
}

// Problems with single contacts come back as body.contacts.N.x and are shown in the alert.
const FIELDS = ['name', 'supportPhone', 'supportEmail', 'portalUrl', 'notes'];
const CODE_FIELDS = { vendor_name_taken: 'name' };
const PHONE = /^[0-9+()\- ]*$/;

function VendorDrawer({ open, vendor, onClose }: { open: boolean; vendor: Vendor | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue({
      name: vendor?.name ?? '',
      supportPhone: vendor?.supportPhone ?? '',
      supportEmail: vendor?.supportEmail ?? '',
      portalUrl: vendor?.portalUrl ?? '',
      notes: vendor?.notes ?? '',
      contacts: vendor?.contacts.map((c) => ({ ...c })) ?? [],
    });
  }, [open, vendor, form]);

  const mutation = useMutation({
    mutationFn: (v: Values) => {
      const body = {
        name: v.name.trim(),
        supportPhone: v.supportPhone?.trim() ?? '',
        supportEmail: v.supportEmail?.trim() ?? '',
        portalUrl: v.portalUrl?.trim() ?? '',
        notes: v.notes?.trim() ?? '',
        contacts: (v.contacts ?? []).map((c) => ({
          ...(c.id !== undefined && { id: c.id }),
          name: c.name.trim(),
          role: c.role?.trim() ?? '',
          phone: c.phone?.trim() ?? '',
          email: c.email?.trim() ?? '',
        })),
      };
      return vendor ? updateVendor(vendor.id, body) : createVendor(body);
    },
    onMutate: () => setError(null),
    onSuccess: (saved) => {
      message.success(t('vendors.savedOk', { name: saved.name }));
      void qc.invalidateQueries({ queryKey: VENDORS_KEY });
      onClose();
    },
    onError: (e) => setError(applyServerErrors(form, e, FIELDS, CODE_FIELDS)),
  });

  const half = { flex: '1 1 200px', minWidth: 0 };
  return (
    <Drawer open={open} onClose={onClose} title={vendor ? t('vendors.editTitle', { name: vendor.name }) : t('vendors.newTitle')} size={isPhone ? '100%' : 560} destroyOnHidden>
      <ErrorAlert error={error} />
      <Form<Values> form={form} layout="vertical" onFinish={(v) => mutation.mutate(v)} scrollToFirstError>
        <Form.Item name="name" label={t('vendors.name')} rules={[{ required: true, whitespace: true, message: t('vendors.nameRequired') }, { max: 100 }]}>
          <Input autoFocus placeholder={t('vendors.namePlaceholder')} data-testid="vendor-form-name" />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="supportPhone" label={t('vendors.supportPhone')} style={half} rules={[{ max: 40 }, { pattern: PHONE, message: t('vendors.phoneInvalid') }]}>
            <Input inputMode="tel" placeholder="400-000-0000" data-testid="vendor-form-phone" />
          </Form.Item>
          <Form.Item name="supportEmail" label={t('vendors.supportEmail')} style={half} rules={[{ type: 'email', message: t('vendors.emailInvalid') }, { max: 200 }]}>
            <Input inputMode="email" data-testid="vendor-form-email" />
          </Form.Item>
        </Flex>
        <Form.Item name="portalUrl" label={t('vendors.portalUrl')} extra={t('vendors.portalUrlHint')} rules={[{ pattern: /^(https?:\/\/\S+)?$/, message: t('vendors.urlInvalid') }, { max: 500 }]}>
          <Input inputMode="url" placeholder="https://" data-testid="vendor-form-portal" />
        </Form.Item>
        <Form.Item name="notes" label={t('vendors.notes')} extra={t('vendors.notesHint')} rules={[{ max: 4000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="vendor-form-notes" />
        </Form.Item>
        <Divider titlePlacement="start" plain>
          {t('vendors.contacts')}
        </Divider>
        <Form.List name="contacts">
          {(fields, { add, remove }) => (
            <>
              {fields.length === 0 && (
                <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
                  {t('vendors.contactsHint')}
                </Typography.Paragraph>
              )}
              {fields.map((field) => (
                <div key={field.key} style={{ border: '1px solid rgba(5,5,5,0.06)', borderRadius: 8, padding: '12px 12px 0', marginBottom: 12 }} data-testid={`vendor-contact-${field.name}`}>
                  <Form.Item name={[field.name, 'id']} hidden>
                    <Input />
                  </Form.Item>
                  <Flex gap={8} wrap align="flex-start">
                    <Form.Item name={[field.name, 'name']} label={t('vendors.contactName')} style={half} rules={[{ required: true, whitespace: true, message: t('vendors.contactNameRequired') }, { max: 100 }]}>
                      <Input data-testid={`vendor-contact-name-${field.name}`} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'role']} label={t('vendors.contactRole')} style={half} rules={[{ max: 100 }]}>
                      <Input placeholder={t('vendors.contactRolePlaceholder')} data-testid={`vendor-contact-role-${field.name}`} />
                    </Form.Item>
                  </Flex>
                  <Flex gap={8} wrap align="flex-start">
                    <Form.Item name={[field.name, 'phone']} label={t('vendors.contactPhone')} style={half} rules={[{ max: 40 }, { pattern: PHONE, message: t('vendors.phoneInvalid') }]}>
                      <Input inputMode="tel" data-testid={`vendor-contact-phone-${field.name}`} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'email']} label={t('vendors.contactEmail')} style={half} rules={[{ type: 'email', message: t('vendors.emailInvalid') }, { max: 200 }]}>
                      <Input inputMode="email" data-testid={`vendor-contact-email-${field.name}`} />
                    </Form.Item>
                  </Flex>
                  <Flex justify="flex-end" style={{ marginTop: -8, marginBottom: 8 }}>
                    <Button size="small" type="text" danger icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} data-testid={`vendor-contact-remove-${field.name}`}>
                      {t('vendors.contactRemove')}
                    </Button>
                  </Flex>
                </div>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', role: '', phone: '', email: '' })} block style={{ marginBottom: 16 }} data-testid="vendor-contact-add">
                {t('vendors.contactAdd')}
              </Button>
            </>
          )}
        </Form.List>
        <Flex gap={8} justify="flex-end">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={mutation.isPending} data-testid="vendor-form-submit">
            {vendor ? t('common.save') : t('common.create')}
          </Button>
        </Flex>
      </Form>
    </Drawer>
  );
}

function ContactsCell({ contacts }: { contacts: VendorContact[] }) {
  const { t } = useTranslation();
  if (contacts.length === 0) return <Typography.Text type="secondary">{t('vendors.noContacts')}</Typography.Text>;
  return (
    <Flex vertical gap={4}>
      {contacts.map((c) => (
        <div key={c.id} style={{ lineHeight: 1.4 }}>
          <Typography.Text strong>{c.name}</Typography.Text>
          {c.role && <Typography.Text type="secondary"> · {c.role}</Typography.Text>}
          {(c.phone || c.email) && (
            <div style={{ fontSize: 12 }}>
              {c.phone && <a href={`tel:${c.phone.replace(/\s/g, '')}`}>{c.phone}</a>}
              {c.phone && c.email && ' · '}
              {c.email && <a href={`mailto:${c.email}`}>{c.email}</a>}
            </div>
          )}
        </div>
      ))}
    </Flex>
  );
}

/** 厂商 (R6): the vendors faults are escalated to, with their support lines and contacts. */
export function VendorsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const canManage = hasAnyRole(me, VENDOR_MANAGERS);
  const isPhone = useIsPhone();
  const qc = useQueryClient();
  const [q, setQ] = useState<string | undefined>();
  const [shown, setShown] = useState<ActiveFilter>('active');
  const [drawer, setDrawer] = useState<{ open: boolean; vendor: Vendor | null }>({ open: false, vendor: null });
  const active = activeOf(shown);
  const list = useKeysetList([...VENDORS_KEY, 'list', q, shown], (cursor) => listVendors({ q, active, cursor, limit: 50 }));

  const toggle = useMutation({
    mutationFn: (vendor: Vendor) => updateVendor(vendor.id, { active: !vendor.active }),
    onSuccess: (saved) => {
      message.success(t(saved.active ? 'vendors.activatedOk' : 'vendors.deactivatedOk', { name: saved.name }));
      void qc.invalidateQueries({ queryKey: VENDORS_KEY });
    },
    onError: (e) => message.error(errorText(e, t)),
  });

  const columns: TableColumnsType<Vendor> = useMemo(
    () => [
      {
        title: t('vendors.name'),
        dataIndex: 'name',
        width: 180,
        fixed: isPhone ? undefined : 'left',
        render: (v: string, r) => (
          <Space size={4} wrap>
            <Typography.Text strong type={r.active ? undefined : 'secondary'}>
              {v}
            </Typography.Text>
            {!r.active && <Tag style={{ marginInlineEnd: 0 }}>{t('vendors.inactive')}</Tag>}
          </Space>
        ),
      },
      {
        title: t('vendors.support'),
        key: 'support',
        width: 240,
        render: (_, r) =>
          r.supportPhone || r.supportEmail || r.portalUrl ? (
            <Flex vertical gap={2}>
              {r.supportPhone && (
                <a href={`tel:${r.supportPhone.replace(/\s/g, '')}`}>
                  <PhoneOutlined /> {r.supportPhone}
                </a>
              )}
              {r.supportEmail && <a href={`mailto:${r.supportEmail}`}>{r.supportEmail}</a>}
              {r.portalUrl && (
                <a href={r.portalUrl} target="_blank" rel="noreferrer noopener">
                  {t('vendors.portal')}
                </a>
              )}
            </Flex>
          ) : (
            '—'
          ),
      },
      { title: t('vendors.contacts'), dataIndex: 'contacts', width: 260, render: (contacts: VendorContact[]) => <ContactsCell contacts={contacts} /> },
      {
        title: t('vendors.notes'),
        dataIndex: 'notes',
        width: 220,
        render: (v: string) => (v ? <Typography.Paragraph type="secondary" ellipsis={{ rows: 3, tooltip: v }} style={{ marginBottom: 0 }}>{v}</Typography.Paragraph> : '—'),
      },
      ...(canManage
        ? [
            {
              title: t('common.actions'),
              key: 'actions',
              width: 170,
              fixed: isPhone ? undefined : ('right' as const),
              render: (_: unknown, r: Vendor) => (
                <Space size={0}>
                  <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setDrawer({ open: true, vendor: r })} data-testid={`vendor-edit-${r.id}`}>
                    {t('common.edit')}
                  </Button>
                  <ActiveToggle
                    active={r.active}
                    pending={toggle.isPending && toggle.variables?.id === r.id}
                    onToggle={() => toggle.mutateAsync(r)}
                    labels={{ deactivate: t('vendors.deactivate'), activate: t('vendors.activate'), confirmTitle: t('vendors.deactivateConfirm', { name: r.name }), confirmDetail: t('vendors.deactivateConfirmDetail') }}
                    testIds={{ deactivate: `vendor-deactivate-${r.id}`, activate: `vendor-activate-${r.id}` }}
                  />
                </Space>
              ),
            },
          ]
        : []),
    ],
    [t, isPhone, canManage, toggle],
  );

  return (
    <>
      <PageHeader
        title={
          <Space size={8}>
            <ShopOutlined />
            {t('vendors.title')}
          </Space>
        }
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ open: true, vendor: null })} data-testid="vendors-new">
              {t('vendors.new')}
            </Button>
          )
        }
      />
      <Typography.Paragraph type="secondary" style={{ maxWidth: 820 }}>
        {t('vendors.intro')}
      </Typography.Paragraph>
      {!canManage && <Alert type="info" showIcon title={t('vendors.readOnly')} style={{ marginBottom: 16 }} />}
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Input.Search allowClear placeholder={t('vendors.searchPlaceholder')} onSearch={(v) => setQ(v.trim() || undefined)} style={{ width: 260, maxWidth: '100%' }} data-testid="vendors-search" />
        <ActiveSegmented value={shown} onChange={setShown} labels={{ active: t('vendors.showActive'), inactive: t('vendors.showInactive'), all: t('vendors.showAll') }} testId="vendors-filter" />
      </Flex>
      <KeysetTable<Vendor>
        list={list}
        columns={columns}
        testId="vendors-table"
        rowProps={(r) => ({ 'data-testid': `vendor-row-${r.name}` })}
        scrollX={canManage ? 1070 : 900}
        empty={{ text: q ? t('vendors.noMatch') : t('vendors.empty'), action: canManage && !q ? { label: t('vendors.new'), onClick: () => setDrawer({ open: true, vendor: null }) } : undefined }}
      />
      {canManage && <VendorDrawer open={drawer.open} vendor={drawer.vendor} onClose={() => setDrawer((d) => ({ ...d, open: false }))} />}
    </>
  );
}

