import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Drawer, Empty, Flex, Form, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createSite, deleteSite, listSites, updateSite } from '../../api/client';
import type { Site } from '../../api/types';
import { canWrite } from '../../components/access';
import { ErrorAlert, errorText } from '../../components/ErrorAlert';
import { LoadMore } from '../../components/LoadMore';
import { applyServerErrors } from '../../components/serverErrors';
import { useCurrentUser } from '../../components/session';
import { useIsPhone } from '../../components/useIsPhone';
import { useKeysetList } from '../../components/useKeysetList';

interface Values {
  name: string;
  address?: string;
  rooms?: string[];
  notes?: string;
}

const FIELDS = ['name', 'address', 'rooms', 'notes'];

function SiteFormDrawer({ open, customerId, site, onClose }: { open: boolean; customerId: number; site: Site | null; onClose: () => void }) {
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
    form.setFieldsValue(site ? { name: site.name, address: site.address, rooms: site.rooms, notes: site.notes } : { rooms: [] });
  }, [open, site, form]);

  const mutation = useMutation({
    mutationFn: (v: Values) => {
      const rooms = [...new Set((v.rooms ?? []).map((r) => r.trim()).filter(Boolean))];
      const input = { name: v.name.trim(), address: v.address?.trim() ?? '', rooms, notes: v.notes?.trim() ?? '' };
      return site ? updateSite(site.id, input) : createSite({ ...input, customerId });
    },
    onMutate: () => setError(null),
    onSuccess: (saved) => {
      void qc.invalidateQueries({ queryKey: ['sites'] });
      void qc.invalidateQueries({ queryKey: ['customer', customerId] });
      message.success(t('sites.savedOk', { name: saved.name }));
      onClose();
    },
    onError: (e) => setError(applyServerErrors(form, e, FIELDS, { site_name_taken: 'name' })),
  });

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={site ? t('sites.editTitle', { name: site.name }) : t('sites.newTitle')}
      size={isPhone ? '100%' : 480}
      destroyOnHidden
      data-testid="site-form"
    >
      <ErrorAlert error={error} />
      <Form<Values> form={form} layout="vertical" onFinish={(v) => mutation.mutate(v)} scrollToFirstError>
        <Form.Item name="name" label={t('site.name')} rules={[{ required: true, whitespace: true, message: t('sites.nameRequired') }, { max: 120 }]}>
          <Input autoFocus data-testid="site-form-name" />
        </Form.Item>
        <Form.Item name="address" label={t('site.address')} rules={[{ max: 500 }]}>
          <Input data-testid="site-form-address" />
        </Form.Item>
        <Form.Item
          name="rooms"
          label={t('site.rooms')}
          extra={t('sites.roomsHint')}
          rules={[{ type: 'array', max: 100 }, { validator: async (_, rooms: string[] | undefined) => {
            if ((rooms ?? []).some((r) => r.trim().length > 80)) throw new Error(t('sites.roomTooLong'));
          } }]}
        >
          <Select mode="tags" tokenSeparators={[',', '，', ';', '；']} placeholder={t('sites.roomsPlaceholder')} data-testid="site-form-rooms" />
        </Form.Item>
        <Form.Item name="notes" label={t('site.notes')} rules={[{ max: 4000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="site-form-notes" />
        </Form.Item>
        <Flex gap={8} justify="flex-end">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={mutation.isPending} data-testid="site-form-submit">
            {site ? t('common.save') : t('common.create')}
          </Button>
        </Flex>
      </Form>
    </Drawer>
  );
}

/** The customer's sites (地点) and their machine rooms (机房). */
export function SitesTab({ customerId, readOnly }: { customerId?: number; readOnly?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const isPhone = useIsPhone();
  const qc = useQueryClient();
  const canEdit = !readOnly && !!customerId && canWrite(me, 'customers');
  const [drawer, setDrawer] = useState<{ open: boolean; site: Site | null }>({ open: false, site: null });
  const list = useKeysetList(['sites', 'list', customerId ?? null], (cursor) => listSites({ customerId, cursor, limit: 100 }));

  const remove = useMutation({
    mutationFn: (s: Site) => deleteSite(s.id).then(() => s),
    onSuccess: (s) => {
      message.success(t('sites.deletedOk', { name: s.name }));
      void qc.invalidateQueries({ queryKey: ['sites'] });
      void qc.invalidateQueries({ queryKey: ['customer', customerId] });
    },
    onError: (e) => message.error(errorText(e, t)),
  });

  const columns: TableColumnsType<Site> = [
    { title: t('site.name'), dataIndex: 'name', width: 180, fixed: 'left', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
    { title: t('site.address'), dataIndex: 'address', width: 260, render: (v: string) => v || '—' },
    {
      title: t('site.rooms'),
      dataIndex: 'rooms',
      width: 260,
      render: (rooms: string[]) =>
        rooms.length ? (
          <Flex wrap gap={4}>
            {rooms.map((r) => (
              <Tag key={r} style={{ marginInlineEnd: 0 }}>
                {r}
              </Tag>
            ))}
          </Flex>
        ) : (
          '—'
        ),
    },
    { title: t('site.notes'), dataIndex: 'notes', ellipsis: true, render: (v: string) => v || '—' },
    ...(canEdit
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 170,
            fixed: isPhone ? undefined : ('right' as const),
            render: (_: unknown, s: Site) => (
              <Space size={0}>
                <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setDrawer({ open: true, site: s })} data-testid={`site-edit-${s.id}`}>
                  {t('common.edit')}
                </Button>
                <Popconfirm
                  title={t('sites.deleteConfirm', { name: s.name })}
                  okText={t('common.delete')}
                  okButtonProps={{ danger: true, 'data-testid': 'confirm-ok' }}
                  cancelText={t('common.cancel')}
                  onConfirm={() => remove.mutateAsync(s).catch(() => undefined)}
                >
                  <Button type="link" size="small" danger icon={<DeleteOutlined />} data-testid={`site-delete-${s.id}`}>
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
      {canEdit && (
        <Flex justify="flex-end" style={{ marginBottom: 12 }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ open: true, site: null })} data-testid="sites-new">
            {t('sites.new')}
          </Button>
        </Flex>
      )}
      <ErrorAlert error={list.error} />
      <div data-testid="sites-table">
        <Table<Site>
          rowKey="id"
          columns={columns}
          dataSource={list.items}
          loading={list.isPending}
          pagination={false}
          scroll={{ x: canEdit ? 1050 : 880 }}
          size="middle"
          locale={{ emptyText: <Empty description={t('sites.empty')} /> }}
        />
      </div>
      <LoadMore count={list.items.length} hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onLoadMore={() => void list.fetchNextPage()} />
      {canEdit && customerId && (
        <SiteFormDrawer open={drawer.open} customerId={customerId} site={drawer.site} onClose={() => setDrawer((d) => ({ ...d, open: false }))} />
      )}
    </>
  );
}
