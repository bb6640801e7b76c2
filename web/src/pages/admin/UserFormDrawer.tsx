import { Alert, Button, Drawer, Flex, Form, Input, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createUser, updateUser } from '../../api/client';
import { ROLES, type Locale, type Role, type User } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PasswordRulesHint } from '../../components/PasswordChangeForm';
import { customerLabel, useCustomers } from '../../components/lookups';
import { applyServerErrors } from '../../components/serverErrors';
import { useIsPhone } from '../../components/useIsPhone';

interface Values {
  username: string;
  displayName: string;
  email?: string;
  phone?: string;
  roles: Role[];
  customerId?: number;
  locale: Locale | 'auto';
  password?: string;
}

const FIELDS = ['username', 'displayName', 'email', 'phone', 'roles', 'customerId', 'locale', 'password'];
const CODE_FIELDS = {
  username_taken: 'username',
  invalid_roles: 'roles',
  customer_required: 'customerId',
  customer_not_found: 'customerId',
  password_too_weak: 'password',
};

/** customer_contact stands alone: picking it drops staff roles, picking a staff role drops it. */
export function normaliseRoles(previous: readonly Role[], next: Role[]): Role[] {
  const added = next.filter((r) => !previous.includes(r));
  if (added.includes('customer_contact')) return ['customer_contact'];
  if (added.length && next.includes('customer_contact')) return next.filter((r) => r !== 'customer_contact');
  return next;
}

interface Props {
  open: boolean;
  /** The user to edit; null creates a new one. */
  user: User | null;
  onClose: () => void;
  onCreated: (user: User, initialPassword: string | null) => void;
}

export function UserFormDrawer({ open, user, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const roles = Form.useWatch('roles', form) ?? [];
  const isContact = roles.includes('customer_contact');
  const customers = useCustomers();
  const editing = user !== null;

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue(
      user
        ? {
            displayName: user.displayName,
            email: user.email ?? '',
            phone: user.phone ?? '',
            roles: user.roles,
            customerId: user.customerId ?? undefined,
            locale: user.locale ?? 'auto',
          }
        : { roles: [], locale: 'auto' },
    );
  }, [open, user, form]);

  const mutation = useMutation({
    mutationFn: async (v: Values) => {
      const common = {
        displayName: v.displayName.trim(),
        email: v.email?.trim() || null,
        phone: v.phone?.trim() || null,
        roles: v.roles,
        customerId: v.roles.includes('customer_contact') ? (v.customerId ?? null) : null,
        locale: v.locale === 'auto' ? null : v.locale,
      };
      if (user) return { user: await updateUser(user.id, common), initialPassword: null, created: false };
      const created = await createUser({ ...common, username: v.username.trim(), password: v.password || undefined });
      return { ...created, created: true };
    },
    onMutate: () => setError(null),
    onSuccess: (result) => {
      void qc.invalidateQueries({ queryKey: ['users'] });
      onClose();
      if (result.created) onCreated(result.user, result.initialPassword);
    },
    onError: (e) => setError(applyServerErrors(form, e, FIELDS, CODE_FIELDS)),
  });

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={editing ? t('users.editTitle', { name: user.username }) : t('users.newTitle')}
      size={isPhone ? '100%' : 480}
      destroyOnHidden
      data-testid="user-form"
    >
      <ErrorAlert error={error} />
      <Form<Values> form={form} layout="vertical" onFinish={(v) => mutation.mutate(v)} scrollToFirstError>
        {!editing && (
          <Form.Item
            name="username"
            label={t('user.username')}
            extra={t('users.usernameHint')}
            rules={[
              { required: true, message: t('users.usernameRequired') },
              { pattern: /^[A-Za-z0-9][A-Za-z0-9._-]{1,39}$/, message: t('users.usernameInvalid') },
            ]}
          >
            <Input autoFocus autoComplete="off" autoCapitalize="none" data-testid="user-form-username" />
          </Form.Item>
        )}
        <Form.Item
          name="displayName"
          label={t('user.displayName')}
          rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }, { max: 100 }]}
        >
          <Input autoFocus={editing} data-testid="user-form-displayName" />
        </Form.Item>
        <Form.Item name="email" label={t('user.email')} rules={[{ type: 'email', message: t('user.emailInvalid') }]}>
          <Input type="email" autoComplete="off" data-testid="user-form-email" />
        </Form.Item>
        <Form.Item name="phone" label={t('user.phone')} rules={[{ pattern: /^[0-9+()\- ]{3,40}$/, message: t('user.phoneInvalid') }]}>
          <Input type="tel" autoComplete="off" data-testid="user-form-phone" />
        </Form.Item>
        <Form.Item
          name="roles"
          label={t('user.roles')}
          extra={t('users.rolesHint')}
          getValueFromEvent={(next: Role[]) => normaliseRoles(form.getFieldValue('roles') ?? [], next)}
          rules={[
            { required: true, type: 'array', min: 1, message: t('users.rolesRequired') },
            {
              validator: async (_, value: Role[] | undefined) => {
                if (value && value.includes('customer_contact') && value.length > 1) throw new Error(t('users.rolesContactAlone'));
              },
            },
          ]}
        >
          <Select<Role[]>
            mode="multiple"
            data-testid="user-form-roles"
            options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`), 'data-testid': `role-option-${r}` }))}
            placeholder={t('users.rolesPlaceholder')}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
        {isContact && (
          <Form.Item name="customerId" label={t('user.customer')} rules={[{ required: true, message: t('users.customerRequired') }]}>
            <Select<number>
              data-testid="user-form-customer"
              loading={customers.isLoading}
              showSearch={{ optionFilterProp: 'label' }}
              options={(customers.data ?? []).map((c) => ({ value: c.id, label: customerLabel(c), 'data-testid': `customer-option-${c.code}` }))}
              placeholder={t('users.customerPlaceholder')}
            />
          </Form.Item>
        )}
        <Form.Item name="locale" label={t('user.locale')}>
          <Select
            data-testid="user-form-locale"
            options={[
              { value: 'auto', label: t('locale.auto') },
              { value: 'zh-CN', label: '中文' },
              { value: 'en', label: 'English' },
            ]}
          />
        </Form.Item>
        {!editing && (
          <>
            <Form.Item name="password" label={t('users.password')} extra={t('users.passwordHint')}>
              <Input.Password autoComplete="new-password" data-testid="user-form-password" />
            </Form.Item>
            <PasswordRulesHint />
          </>
        )}
        {editing && user.mustChangePassword && (
          <Alert type="info" showIcon title={t('users.mustChangeNotice')} style={{ marginBottom: 16 }} />
        )}
        <Flex gap={8} justify="flex-end">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={mutation.isPending} data-testid="user-form-submit">
            {editing ? t('common.save') : t('users.create')}
          </Button>
        </Flex>
      </Form>
    </Drawer>
  );
}
