import { HddOutlined, ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Empty, Flex, Input, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { customersExportUrl, listCustomers } from '../../api/client';
import type { Customer } from '../../api/types';
import { canWrite } from '../../components/access';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportButtons } from '../../components/ExportButtons';
import { ImportModal } from '../../components/ImportModal';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { useCurrentUser } from '../../components/session';
import { useKeysetList } from '../../components/useKeysetList';
import { CustomerFormDrawer } from './CustomerFormDrawer';

export function CustomersPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [search, setSearch] = useState('');
  const [q, setQ] = useState<string | undefined>();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const list = useKeysetList(['customers', 'list', q ?? ''], (cursor) => listCustomers({ q, cursor, limit: 50 }));

  const columns: TableColumnsType<Customer> = [
    {
      title: t('customer.code'),
      dataIndex: 'code',
      width: 120,
      fixed: 'left',
      render: (v: string, c) => (
        <Link to={`/customers/${c.id}`} data-testid={`customer-row-${c.code}`} onClick={(e) => e.stopPropagation()}>
          {v}
        </Link>
      ),
    },
    { title: t('customer.name'), dataIndex: 'name', width: 240, render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
    { title: t('customer.industry'), dataIndex: 'industry', width: 140, render: (v: string) => v || '—' },
    { title: t('customer.phone'), dataIndex: 'phone', width: 150, render: (v: string) => v || '—' },
    { title: t('customer.address'), dataIndex: 'address', ellipsis: true, render: (v: string) => v || '—' },
  ];

  return (
    <>
      <PageHeader
        title={t('customers.title')}
        extra={
          <>
            <Link to="/customers/assets">
              <Button icon={<HddOutlined />} data-testid="customers-to-assets">
                {t('assets.title')}
              </Button>
            </Link>
            <ExportButtons testIdPrefix="customers" urlFor={(format) => customersExportUrl(format, q)} />
            {canWrite(me, 'imports') && (
              <Button icon={<ImportOutlined />} onClick={() => setImportOpen(true)} data-testid="import-open">
                {t('importer.open')}
              </Button>
            )}
            {canWrite(me, 'customers') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawerOpen(true)} data-testid="customers-new">
                {t('customers.new')}
              </Button>
            )}
          </>
        }
      />
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('customers.searchPlaceholder')}
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            if (!e.target.value) setQ(undefined);
          }}
          onSearch={(v) => setQ(v.trim() || undefined)}
          style={{ width: 300, maxWidth: '100%' }}
          data-testid="customers-search"
        />
      </Flex>
      <ErrorAlert error={list.error} />
      <div data-testid="customers-table">
        <Table<Customer>
          rowKey="id"
          columns={columns}
          dataSource={list.items}
          loading={list.isPending}
          pagination={false}
          scroll={{ x: 900 }}
          size="middle"
          locale={{ emptyText: <Empty description={q ? t('customers.emptySearch') : t('customers.empty')} /> }}
          onRow={(c) => ({ onClick: () => void navigate(`/customers/${c.id}`), style: { cursor: 'pointer' } })}
        />
      </div>
      <LoadMore count={list.items.length} hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onLoadMore={() => void list.fetchNextPage()} />
      <CustomerFormDrawer
        open={drawerOpen}
        customer={null}
        onClose={() => setDrawerOpen(false)}
        onSaved={(c) => message.success(t('customers.createdOk', { name: c.name }))}
      />
      <ImportModal open={importOpen} onClose={() => setImportOpen(false)} defaultKind="customers" />
    </>
  );
}
