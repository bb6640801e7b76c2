import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Drawer, Empty, Flex, Form, Input, Popconfirm, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { createToken, listTokens, revokeToken } from '../../api/client';
import type { ApiToken } from '../../api/types';
import { ErrorAlert, errorText } from '../../components/ErrorAlert';
import { LoadMore } from '../../components/LoadMore';
import { OneTimeSecretModal } from '../../components/OneTimeSecretModal';
import { PageHeader } from '../../components/PageHeader';
import { UserSelect } from '../../components/UserSelect';
import { formatDate, formatDateTime } from '../../components/format';
import { applyServerErrors } from '../../components/serverErrors';
import { useKeysetList } from '../../components/useKeysetList';
import { useIsPhone } from '../../components/useIsPhone';

interface Values {
  name: string;
  userId: number;
  expires?: Dayjs | null;
}

function statusOf(token: ApiToken, now: number): 'active' | 'revoked' | 'expired' {
  if (token.revokedAt !== null) return 'revoked';
  if (token.expiresAt !== null && token.expiresAt <= now) return 'expired';
  return 'active';
}

function TokenDrawer({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (secret: string, token: ApiToken) => void }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (open) {
      setError(null);
      form.resetFields();
    }
  }, [open, form]);

  const mutation = useMutation({
    mutationFn: (v: Values) =>
      createToken({
        name: v.name.trim(),
        userId: v.userId,
        // valid through the whole chosen day
        expiresAt: v.expires ? v.expires.endOf('day').valueOf() : null,
      }),
    onMutate: () => setError(null),
    onSuccess: ({ token, secret }) => {
      void qc.invalidateQueries({ queryKey: ['tokens'] });
      onClose();
      onCreated(secret, token);
    },
    onError: (e) => setError(applyServerErrors(form, e, ['name', 'userId', 'expiresAt'])),
  });

  return (
    <Drawer open={open} onClose={onClose} title={t('tokens.newTitle')} size={isPhone ? '100%' : 440} destroyOnHidden>
      <ErrorAlert error={error} />
      <Form<Values> form={form} layout="vertical" onFinish={(v) => mutation.mutate(v)}>
        <Form.Item name="name" label={t('tokens.name')} extra={t('tokens.nameHint')} rules={[{ required: true, whitespace: true, message: t('tokens.nameRequired') }, { max: 100 }]}>
          <Input autoFocus data-testid="token-form-name" />
        </Form.Item>
        <Form.Item name="userId" label={t('tokens.account')} extra={t('tokens.accountHint')} rules={[{ required: true, message: t('tokens.accountRequired') }]}>
          <UserSelect activeOnly staffOnly data-testid="token-form-account" />
        </Form.Item>
        <Form.Item name="expires" label={t('tokens.expires')} extra={t('tokens.expiresHint')}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} data-testid="token-form-expires" />
        </Form.Item>
        <Flex gap={8} justify="flex-end">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={mutation.isPending} data-testid="token-form-submit">
            {t('tokens.create')}
          </Button>
        </Flex>
      </Form>
    </Drawer>
  );
}

export function TokensPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const isPhone = useIsPhone();
  const [includeRevoked, setIncludeRevoked] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [secret, setSecret] = useState<{ name: string; value: string } | null>(null);
  const list = useKeysetList(['tokens', 'list', includeRevoked], (cursor) => listTokens({ includeRevoked, cursor, limit: 50 }));
  const now = Date.now();

  const revoke = useMutation({
    mutationFn: (token: ApiToken) => revokeToken(token.id).then(() => token),
    onSuccess: (token) => {
      message.success(t('tokens.revokedOk', { name: token.name }));
      void qc.invalidateQueries({ queryKey: ['tokens'] });
    },
    onError: (e) => message.error(errorText(e, t)),
  });

  const columns: TableColumnsType<ApiToken> = [
    { title: t('tokens.name'), dataIndex: 'name', width: 180, fixed: 'left', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
    { title: t('tokens.account'), dataIndex: 'userName', width: 140 },
    { title: t('tokens.prefix'), dataIndex: 'prefix', width: 130, render: (v: string) => <Typography.Text code>{v}…</Typography.Text> },
    { title: t('common.createdAt'), dataIndex: 'createdAt', width: 150, render: (v: number) => formatDateTime(v, i18n.language) },
    { title: t('tokens.lastUsed'), dataIndex: 'lastUsedAt', width: 150, render: (v: number | null) => (v ? formatDateTime(v, i18n.language) : t('tokens.neverUsed')) },
    { title: t('tokens.expires'), dataIndex: 'expiresAt', width: 120, render: (v: number | null) => (v ? formatDate(v, i18n.language) : t('tokens.noExpiry')) },
    {
      title: t('user.status'),
      key: 'status',
      width: 100,
      render: (_, token) => {
        const s = statusOf(token, now);
        return <Tag color={s === 'active' ? 'success' : s === 'expired' ? 'warning' : 'default'}>{t(`tokens.status.${s}`)}</Tag>;
      },
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      fixed: isPhone ? undefined : 'right',
      render: (_, token) =>
        token.revokedAt === null ? (
          <Popconfirm
            title={t('tokens.revokeConfirm', { name: token.name })}
            description={t('tokens.revokeConfirmDetail')}
            okText={t('tokens.revoke')}
            okButtonProps={{ danger: true, 'data-testid': 'confirm-ok' }}
            cancelText={t('common.cancel')}
            onConfirm={() => revoke.mutateAsync(token).catch(() => undefined)}
          >
            <Button type="link" size="small" danger icon={<DeleteOutlined />} data-testid={`token-revoke-${token.id}`}>
              {t('tokens.revoke')}
            </Button>
          </Popconfirm>
        ) : (
          <Typography.Text type="secondary">{formatDate(token.revokedAt, i18n.language)}</Typography.Text>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.tokens')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawerOpen(true)} data-testid="tokens-new">
            {t('tokens.new')}
          </Button>
        }
      />
      <Typography.Paragraph type="secondary">{t('tokens.intro')}</Typography.Paragraph>
      <Flex gap={8} align="center" style={{ marginBottom: 16 }}>
        <Switch checked={includeRevoked} onChange={setIncludeRevoked} data-testid="tokens-include-revoked" />
        <Typography.Text>{t('tokens.includeRevoked')}</Typography.Text>
      </Flex>
      <ErrorAlert error={list.error} />
      <div data-testid="tokens-table">
        <Table<ApiToken>
          rowKey="id"
          columns={columns}
          dataSource={list.items}
          loading={list.isPending}
          pagination={false}
          scroll={{ x: 1080 }}
          size="middle"
          locale={{ emptyText: <Empty description={t('tokens.empty')} /> }}
        />
      </div>
      <LoadMore count={list.items.length} hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onLoadMore={() => void list.fetchNextPage()} />
      <TokenDrawer open={drawerOpen} onClose={() => setDrawerOpen(false)} onCreated={(value, token) => setSecret({ name: token.name, value })} />
      <OneTimeSecretModal
        open={secret !== null}
        title={t('tokens.createdTitle', { name: secret?.name ?? '' })}
        secret={secret?.value ?? null}
        hint={
          <Typography.Text type="secondary">
            <Trans i18nKey="tokens.bearerHint" components={{ code: <Typography.Text code /> }} />
          </Typography.Text>
        }
        onClose={() => setSecret(null)}
      />
    </>
  );
}
