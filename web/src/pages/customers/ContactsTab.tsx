import { DeleteOutlined, EditOutlined, PlusOutlined, UserAddOutlined } from '@ant-design/icons';
import { App, Button, Drawer, Empty, Flex, Form, Input, Modal, Popconfirm, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contactsExportUrl, createContact, createPortalAccount, deleteContact, listContacts, updateContact } from '../../api/client';
import type { Contact, Locale } from '../../api/types';
import { canWrite } from '../../components/access';
import { ErrorAlert, errorText } from '../../components/ErrorAlert';
import { ExportButtons } from '../../components/ExportButtons';
import { LoadMore } from '../../components/LoadMore';
import { OneTimeSecretModal } from '../../components/OneTimeSecretModal';
import { applyServerErrors } from '../../components/serverErrors';
import { useCurrentUser } from '../../components/session';
import { useIsPhone } from '../../components/useIsPhone';
import { useKeysetList } from '../../components/useKeysetList';

interface ContactValues {
  name: string;
  position?: string;
  phone?: string;
  mobile?: string;
  email?: string;
  wechat?: string;
  isDesignatedTechnician: boolean;
  notes?: string;
}

const CONTACT_FIELDS = ['name', 'position', 'phone', 'mobile', 'email', 'wechat', 'isDesignatedTechnician', 'notes'];
const PHONE = /^[0-9+()\- ]*$/;

function ContactFormDrawer({
  open,
  customerId,
  contact,
  onClose,
}: {
  open: boolean;
  customerId: number;
  contact: Contact | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const qc = useQueryClient();
  const [form] = Form.useForm<ContactValues>();
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue(
      contact
        ? {
            name: contact.name,
            position: contact.position,
            phone: contact.phone,
            mobile: contact.mobile,
            email: contact.email,
            wechat: contact.wechat,
            isDesignatedTechnician: contact.isDesignatedTechnician,
            notes: contact.notes,
          }
        : { isDesignatedTechnician: false },
    );
  }, [open, contact, form]);

  const mutation = useMutation({
    mutationFn: (v: ContactValues) => {
      const input = {
        name: v.name.trim(),
        position: v.position?.trim() ?? '',
        phone: v.phone?.trim() ?? '',
        mobile: v.mobile?.trim() ?? '',
        email: v.email?.trim() ?? '',
        wechat: v.wechat?.trim() ?? '',
        isDesignatedTechnician: v.isDesignatedTechnician,
        notes: v.notes?.trim() ?? '',
      };
      return contact ? updateContact(contact.id, input) : createContact({ ...input, customerId });
    },
    onMutate: () => setError(null),
    onSuccess: (saved) => {
      void qc.invalidateQueries({ queryKey: ['contacts'] });
      void qc.invalidateQueries({ queryKey: ['customer', customerId] });
      message.success(t('contacts.savedOk', { name: saved.name }));
      onClose();
    },
    onError: (e) => setError(applyServerErrors(form, e, CONTACT_FIELDS)),
  });

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={contact ? t('contacts.editTitle', { name: contact.name }) : t('contacts.newTitle')}
      size={isPhone ? '100%' : 480}
      destroyOnHidden
      data-testid="contact-form"
    >
      <ErrorAlert error={error} />
      <Form<ContactValues> form={form} layout="vertical" onFinish={(v) => mutation.mutate(v)} scrollToFirstError>
        <Form.Item name="name" label={t('contact.name')} rules={[{ required: true, whitespace: true, message: t('contacts.nameRequired') }, { max: 100 }]}>
          <Input autoFocus data-testid="contact-form-name" />
        </Form.Item>
        <Form.Item name="position" label={t('contact.position')} rules={[{ max: 100 }]}>
          <Input data-testid="contact-form-position" />
        </Form.Item>
        <Flex gap={12} wrap={isPhone}>
          <Form.Item name="phone" label={t('contact.phone')} style={{ flex: 1, minWidth: 160 }} rules={[{ max: 40 }, { pattern: PHONE, message: t('user.phoneInvalid') }]}>
            <Input type="tel" data-testid="contact-form-phone" />
          </Form.Item>
          <Form.Item name="mobile" label={t('contact.mobile')} style={{ flex: 1, minWidth: 160 }} rules={[{ max: 40 }, { pattern: PHONE, message: t('user.phoneInvalid') }]}>
            <Input type="tel" data-testid="contact-form-mobile" />
          </Form.Item>
        </Flex>
        <Form.Item name="email" label={t('contact.email')} rules={[{ type: 'email', message: t('user.emailInvalid') }, { max: 200 }]}>
          <Input type="email" data-testid="contact-form-email" />
        </Form.Item>
        <Form.Item name="wechat" label={t('contact.wechat')} rules={[{ max: 60 }]}>
          <Input data-testid="contact-form-wechat" />
        </Form.Item>
        <Form.Item name="isDesignatedTechnician" label={t('contact.designatedTechnician')} extra={t('contacts.designatedHint')} valuePropName="checked">
          <Switch data-testid="contact-form-designated" />
        </Form.Item>
        <Form.Item name="notes" label={t('contact.notes')} rules={[{ max: 4000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="contact-form-notes" />
        </Form.Item>
        <Flex gap={8} justify="flex-end">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={mutation.isPending} data-testid="contact-form-submit">
            {contact ? t('common.save') : t('common.create')}
          </Button>
        </Flex>
      </Form>
    </Drawer>
  );
}

interface PortalValues {
  username: string;
  locale: Locale | 'auto';
}

/** Asks for the portal user name and language; the one-time password is shown by the caller. */
function PortalAccountModal({
  contact,
  onClose,
  onCreated,
}: {
  contact: Contact | null;
  onClose: () => void;
  onCreated: (username: string, password: string) => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<PortalValues>();
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!contact) return;
    setError(null);
    form.resetFields();
    const suggestion = contact.email.includes('@') ? contact.email.split('@')[0]?.toLowerCase().replace(/[^a-z0-9._-]/g, '') : '';
    form.setFieldsValue({ username: suggestion ?? '', locale: 'auto' });
  }, [contact, form]);

  const mutation = useMutation({
    mutationFn: (v: PortalValues) => {
      if (!contact) throw new Error('no contact');
      return createPortalAccount(contact.id, { username: v.username.trim(), locale: v.locale === 'auto' ? null : v.locale });
    },
    onMutate: () => setError(null),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: ['contacts'] });
      void qc.invalidateQueries({ queryKey: ['users'] });
      onClose();
      onCreated(r.user.username, r.initialPassword);
    },
    onError: (e) => setError(applyServerErrors(form, e, ['username', 'locale'], { username_taken: 'username', contact_has_account: 'username' })),
  });

  return (
    <Modal
      open={contact !== null}
      onCancel={onClose}
      title={t('contacts.portalTitle', { name: contact?.name ?? '' })}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      okButtonProps={{ loading: mutation.isPending, 'data-testid': 'portal-submit' }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('contacts.portalIntro')}</Typography.Paragraph>
      <ErrorAlert error={error} />
      <Form<PortalValues> form={form} layout="vertical" onFinish={(v) => mutation.mutate(v)}>
        <Form.Item
          name="username"
          label={t('user.username')}
          extra={t('users.usernameHint')}
          rules={[
            { required: true, message: t('users.usernameRequired') },
            { pattern: /^[A-Za-z0-9][A-Za-z0-9._-]{1,39}$/, message: t('users.usernameInvalid') },
          ]}
        >
          <Input autoFocus autoComplete="off" autoCapitalize="none" data-testid="portal-username" />
        </Form.Item>
        <Form.Item name="locale" label={t('user.locale')}>
          <Select
            data-testid="portal-locale"
            options={[
              { value: 'auto', label: t('locale.auto') },
              { value: 'zh-CN', label: '中文' },
              { value: 'en', label: 'English' },
            ]}
          />
        </Form.Item>
        {/* Enter in the user name submits */}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}

/** The customer's contacts, the designated technician (指定技术人员) among them, and their portal accounts. */
export function ContactsTab({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const isPhone = useIsPhone();
  const qc = useQueryClient();
  const canEdit = canWrite(me, 'customers');
  const canPortal = canWrite(me, 'portalAccounts');
  const [drawer, setDrawer] = useState<{ open: boolean; contact: Contact | null }>({ open: false, contact: null });
  const [portalFor, setPortalFor] = useState<Contact | null>(null);
  const [secret, setSecret] = useState<{ username: string; password: string } | null>(null);
  const list = useKeysetList(['contacts', 'list', customerId], (cursor) => listContacts({ customerId, cursor, limit: 100 }));

  const remove = useMutation({
    mutationFn: (c: Contact) => deleteContact(c.id).then(() => c),
    onSuccess: (c) => {
      message.success(t('contacts.deletedOk', { name: c.name }));
      void qc.invalidateQueries({ queryKey: ['contacts'] });
      void qc.invalidateQueries({ queryKey: ['customer', customerId] });
    },
    onError: (e) => message.error(errorText(e, t)),
  });

  const dash = (v: string) => v || '—';
  const columns: TableColumnsType<Contact> = [
    {
      title: t('contact.name'),
      dataIndex: 'name',
      width: 150,
      fixed: 'left',
      render: (v: string, c) => (
        <Space size={4} wrap>
          <Typography.Text strong>{v}</Typography.Text>
          {c.isDesignatedTechnician && (
            <Tag color="gold" data-testid={`contact-designated-${c.id}`}>
              {t('contact.designatedTechnician')}
            </Tag>
          )}
        </Space>
      ),
    },
    { title: t('contact.position'), dataIndex: 'position', width: 120, render: dash },
    { title: t('contact.phone'), dataIndex: 'phone', width: 140, render: dash },
    { title: t('contact.mobile'), dataIndex: 'mobile', width: 140, render: dash },
    {
      title: t('contact.portalAccount'),
      key: 'portal',
      width: 170,
      render: (_, c) =>
        c.username ? (
          <Tag color="blue" data-testid={`contact-account-${c.id}`}>
            {c.username}
          </Tag>
        ) : canPortal ? (
          <Button type="link" size="small" icon={<UserAddOutlined />} onClick={() => setPortalFor(c)} data-testid={`contact-portal-${c.id}`} style={{ paddingInline: 0 }}>
            {t('contacts.createPortal')}
          </Button>
        ) : (
          <Typography.Text type="secondary">{t('contacts.noPortal')}</Typography.Text>
        ),
    },
    { title: t('contact.email'), dataIndex: 'email', width: 200, ellipsis: true, render: dash },
    { title: t('contact.wechat'), dataIndex: 'wechat', width: 120, render: dash },
    ...(canEdit
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: i18nWidth(t('common.edit') + t('common.delete')),
            fixed: isPhone ? undefined : ('right' as const),
            render: (_: unknown, c: Contact) => (
              <Space size={0}>
                <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setDrawer({ open: true, contact: c })} data-testid={`contact-edit-${c.id}`}>
                  {t('common.edit')}
                </Button>
                <Popconfirm
                  title={t('contacts.deleteConfirm', { name: c.name })}
                  description={c.username ? t('contacts.deleteConfirmAccount') : undefined}
                  okText={t('common.delete')}
                  okButtonProps={{ danger: true, 'data-testid': 'confirm-ok' }}
                  cancelText={t('common.cancel')}
                  onConfirm={() => remove.mutateAsync(c).catch(() => undefined)}
                >
                  <Button type="link" size="small" danger icon={<DeleteOutlined />} data-testid={`contact-delete-${c.id}`}>
                    {t('common.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <Flex gap={8} wrap justify="flex-end" style={{ marginBottom: 12 }}>
        <ExportButtons testIdPrefix="contacts" urlFor={(format) => contactsExportUrl(format, customerId)} />
        {canEdit && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ open: true, contact: null })} data-testid="contacts-new">
            {t('contacts.new')}
          </Button>
        )}
      </Flex>
      <ErrorAlert error={list.error} />
      <div data-testid="contacts-table">
        <Table<Contact>
          rowKey="id"
          columns={columns}
          dataSource={list.items}
          loading={list.isPending}
          pagination={false}
          scroll={{ x: canEdit ? 1260 : 1100 }}
          size="middle"
          locale={{ emptyText: <Empty description={t('contacts.empty')} /> }}
        />
      </div>
      <LoadMore count={list.items.length} hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onLoadMore={() => void list.fetchNextPage()} />
      {canEdit && (
        <ContactFormDrawer open={drawer.open} customerId={customerId} contact={drawer.contact} onClose={() => setDrawer((d) => ({ ...d, open: false }))} />
      )}
      <PortalAccountModal contact={portalFor} onClose={() => setPortalFor(null)} onCreated={(username, password) => setSecret({ username, password })} />
      <OneTimeSecretModal
        open={secret !== null}
        title={t('contacts.portalCreatedTitle', { name: secret?.username ?? '' })}
        secret={secret?.password ?? null}
        hint={<Typography.Text type="secondary">{t('users.passwordOnceHint')}</Typography.Text>}
        onClose={() => setSecret(null)}
      />
    </>
  );
}

/** Room for two small link buttons in either language. */
function i18nWidth(labels: string): number {
  return labels.length > 8 ? 170 : 150;
}
