import { EditOutlined, KeyOutlined, PlusOutlined, StopOutlined, CheckCircleOutlined } from '@ant-design/icons';
import { App, Button, Empty, Flex, Input, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { disableUser, enableUser, listUsers, resetUserPassword } from '../../api/client';
import { ROLES, type Role, type User } from '../../api/types';
import { ErrorAlert, errorText } from '../../components/ErrorAlert';
import { LoadMore } from '../../components/LoadMore';
import { OneTimeSecretModal } from '../../components/OneTimeSecretModal';
import { PageHeader } from '../../components/PageHeader';
import { RoleTags } from '../../components/RoleTags';
import { formatDateTime } from '../../components/format';
import { useCustomers } from '../../components/lookups';
import { useCurrentUser } from '../../components/session';
import { useKeysetList } from '../../components/useKeysetList';
import { useIsPhone } from '../../components/useIsPhone';
import { UserFormDrawer } from './UserFormDrawer';

interface Filters {
  q?: string;
  role?: Role;
  status?: 'active' | 'disabled';
}

export function UsersPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const isPhone = useIsPhone();
  const qc = useQueryClient();
  const [filters, setFilters] = useState<Filters>({});
  const [search, setSearch] = useState('');
  const [drawer, setDrawer] = useState<{ open: boolean; user: User | null }>({ open: false, user: null });
  const [secret, setSecret] = useState<{ title: string; value: string } | null>(null);
  const customers = useCustomers();
  const customerNames = useMemo(() => new Map((customers.data ?? []).map((c) => [c.id, c.name])), [customers.data]);

  const list = useKeysetList(['users', 'list', filters], (cursor) => listUsers({ ...filters, cursor, limit: 50 }));

  const toggle = useMutation({
    mutationFn: (u: User) => (u.disabled ? enableUser(u.id) : disableUser(u.id)),
    onSuccess: (u) => {
      message.success(u.disabled ? t('users.disabledOk', { name: u.username }) : t('users.enabledOk', { name: u.username }));
      void qc.invalidateQueries({ queryKey: ['users'] });
    },
    onError: (e) => message.error(errorText(e, t)),
  });
  const reset = useMutation({
    mutationFn: (u: User) => resetUserPassword(u.id).then((r) => ({ user: u, password: r.initialPassword })),
    onSuccess: ({ user, password }) => {
      setSecret({ title: t('users.resetDoneTitle', { name: user.username }), value: password });
      void qc.invalidateQueries({ queryKey: ['users'] });
    },
    onError: (e) => message.error(errorText(e, t)),
  });

  const columns: TableColumnsType<User> = [
    {
      title: t('user.username'),
      dataIndex: 'username',
      fixed: 'left',
      width: 130,
      render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
    },
    { title: t('user.displayName'), dataIndex: 'displayName', width: 140 },
    { title: t('user.roles'), dataIndex: 'roles', width: 220, render: (roles: Role[]) => <RoleTags roles={roles} /> },
    {
      title: t('user.customer'),
      dataIndex: 'customerId',
      width: 160,
      render: (id: number | null) => (id === null ? '—' : (customerNames.get(id) ?? `#${id}`)),
    },
    {
      title: t('user.status'),
      dataIndex: 'disabled',
      width: 110,
      render: (disabled: boolean, u) => (
        <Space size={4} wrap>
          {disabled ? <Tag color="default">{t('status.disabled')}</Tag> : <Tag color="success">{t('status.active')}</Tag>}
          {u.mustChangePassword && !disabled && (
            <Tooltip title={t('users.mustChangeTip')}>
              <Tag color="warning">{t('users.mustChange')}</Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      title: t('user.lastSignIn'),
      dataIndex: 'lastSignInAt',
      width: 150,
      render: (v: number | null) => formatDateTime(v, i18n.language),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: i18n.language === 'en' ? 300 : 230,
      fixed: isPhone ? undefined : 'right',
      render: (_, u) => (
        <Space size={0}>
          <Button
            type="link"
            size="small"
            icon={<EditOutlined />}
            onClick={() => setDrawer({ open: true, user: u })}
            data-testid={`user-edit-${u.username}`}
          >
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={u.disabled ? t('users.enableConfirm', { name: u.username }) : t('users.disableConfirm', { name: u.username })}
            description={u.disabled ? undefined : t('users.disableConfirmDetail')}
            okText={u.disabled ? t('users.enable') : t('users.disable')}
            okButtonProps={{ danger: !u.disabled, 'data-testid': 'confirm-ok' }}
            cancelText={t('common.cancel')}
            onConfirm={() => toggle.mutateAsync(u).catch(() => undefined)}
            disabled={u.id === me.id && !u.disabled}
          >
            <Button
              type="link"
              size="small"
              danger={!u.disabled}
              icon={u.disabled ? <CheckCircleOutlined /> : <StopOutlined />}
              disabled={u.id === me.id && !u.disabled}
              data-testid={`user-toggle-${u.username}`}
            >
              {u.disabled ? t('users.enable') : t('users.disable')}
            </Button>
          </Popconfirm>
          <Popconfirm
            title={t('users.resetConfirm', { name: u.username })}
            description={t('users.resetConfirmDetail')}
            okText={t('users.resetPassword')}
            okButtonProps={{ 'data-testid': 'confirm-ok' }}
            cancelText={t('common.cancel')}
            onConfirm={() => reset.mutateAsync(u).catch(() => undefined)}
          >
            <Button type="link" size="small" icon={<KeyOutlined />} data-testid={`user-reset-${u.username}`}>
              {t('users.resetPassword')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.users')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ open: true, user: null })} data-testid="users-new">
            {t('users.new')}
          </Button>
        }
      />
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('users.searchPlaceholder')}
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            if (!e.target.value) setFilters((f) => ({ ...f, q: undefined }));
          }}
          onSearch={(v) => setFilters((f) => ({ ...f, q: v.trim() || undefined }))}
          style={{ width: 260, maxWidth: '100%' }}
          data-testid="users-search"
        />
        <Select<Role>
          allowClear
          placeholder={t('users.filterRole')}
          value={filters.role}
          onChange={(role) => setFilters((f) => ({ ...f, role }))}
          options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          style={{ width: 180 }}
          data-testid="users-filter-role"
        />
        <Select<'active' | 'disabled'>
          allowClear
          placeholder={t('users.filterStatus')}
          value={filters.status}
          onChange={(status) => setFilters((f) => ({ ...f, status }))}
          options={[
            { value: 'active', label: t('status.active') },
            { value: 'disabled', label: t('status.disabled') },
          ]}
          style={{ width: 140 }}
          data-testid="users-filter-status"
        />
      </Flex>
      <ErrorAlert error={list.error} />
      <div data-testid="users-table">
        <Table<User>
          rowKey="id"
          columns={columns}
          dataSource={list.items}
          loading={list.isPending}
          pagination={false}
          scroll={{ x: 1250 }}
          size="middle"
          locale={{ emptyText: <Empty description={t('users.empty')} /> }}
          rowClassName={(u) => (u.disabled ? 'row-disabled' : '')}
        />
      </div>
      <LoadMore
        count={list.items.length}
        hasMore={!!list.hasNextPage}
        loading={list.isFetchingNextPage}
        onLoadMore={() => void list.fetchNextPage()}
      />
      <UserFormDrawer
        open={drawer.open}
        user={drawer.user}
        onClose={() => setDrawer((d) => ({ ...d, open: false }))}
        onCreated={(u, password) => {
          message.success(t('users.createdOk', { name: u.username }));
          if (password) setSecret({ title: t('users.createdTitle', { name: u.username }), value: password });
        }}
      />
      <OneTimeSecretModal
        open={secret !== null}
        title={secret?.title ?? ''}
        secret={secret?.value ?? null}
        hint={<Typography.Text type="secondary">{t('users.passwordOnceHint')}</Typography.Text>}
        onClose={() => setSecret(null)}
      />
    </>
  );
}
