import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Descriptions, Result, Skeleton, Space, Tabs, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { getCustomer, isApiError } from '../../api/client';
import { canWrite } from '../../components/access';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../components/format';
import { useCurrentUser } from '../../components/session';
import { useIsPhone } from '../../components/useIsPhone';
import { AssetList } from './AssetList';
import { ContactsTab } from './ContactsTab';
import { ContractsTable } from './ContractsTable';
import { CustomerFormDrawer } from './CustomerFormDrawer';
import { SitesTab } from './SitesTab';

const TABS = ['contacts', 'sites', 'contracts', 'assets'] as const;
type Tab = (typeof TABS)[number];

/** 用户档案: the customer's file with contacts, sites, contracts and assets. */
export function CustomerPage() {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const isPhone = useIsPhone();
  const id = Number(useParams().id);
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'contacts';
  const [editOpen, setEditOpen] = useState(false);
  const query = useQuery({ queryKey: ['customer', id], queryFn: () => getCustomer(id), enabled: Number.isInteger(id) && id > 0 });
  const customer = query.data;
  const fixed = useMemo(() => ({ customerId: id }), [id]);

  if (!Number.isInteger(id) || id <= 0 || (isApiError(query.error) && query.error.status === 404)) {
    return (
      <Result
        status="404"
        title={t('customers.notFound')}
        extra={
          <Link to="/customers">
            <Button type="primary">{t('customers.backToList')}</Button>
          </Link>
        }
      />
    );
  }
  if (query.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (!customer) return <ErrorAlert error={query.error} />;

  const count = (n: number) => <Badge count={n} showZero color="#d9d9d9" style={{ color: 'rgba(0,0,0,0.65)', marginInlineStart: 6 }} overflowCount={9999} />;

  return (
    <>
      <PageHeader
        title={
          <Space size={8} wrap>
            <Link to="/customers" aria-label={t('customers.backToList')}>
              <ArrowLeftOutlined />
            </Link>
            <span data-testid="customer-title">{customer.name}</span>
            <Typography.Text type="secondary" style={{ fontSize: 14, fontWeight: 'normal' }}>
              {customer.code}
            </Typography.Text>
          </Space>
        }
        extra={
          canWrite(me, 'customers') && (
            <Button icon={<EditOutlined />} onClick={() => setEditOpen(true)} data-testid="customer-edit">
              {t('common.edit')}
            </Button>
          )
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={isPhone ? 1 : { md: 2, xl: 3 }} data-testid="customer-fields">
          <Descriptions.Item label={t('customer.code')}>{customer.code}</Descriptions.Item>
          <Descriptions.Item label={t('customer.name')}>{customer.name}</Descriptions.Item>
          <Descriptions.Item label={t('customer.industry')}>{customer.industry || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('customer.phone')}>{customer.phone || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('customer.address')}>{customer.address || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('common.updatedAt')}>{formatDateTime(customer.updatedAt, i18n.language)}</Descriptions.Item>
          {customer.notes && (
            <Descriptions.Item label={t('customer.notes')} span={isPhone ? 1 : 3}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{customer.notes}</Typography.Paragraph>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams({ tab: key }, { replace: true })}
          destroyOnHidden
          items={[
            { key: 'contacts', label: <span data-testid="tab-contacts">{t('customers.tabContacts')}{count(customer.counts.contacts)}</span>, children: <ContactsTab customerId={id} /> },
            { key: 'sites', label: <span data-testid="tab-sites">{t('customers.tabSites')}{count(customer.counts.sites)}</span>, children: <SitesTab customerId={id} /> },
            {
              key: 'contracts',
              label: <span data-testid="tab-contracts">{t('customers.tabContracts')}{count(customer.counts.contracts)}</span>,
              children: <ContractsTable customer={{ id, name: customer.name }} />,
            },
            {
              key: 'assets',
              label: <span data-testid="tab-assets">{t('customers.tabAssets')}{count(customer.counts.assets)}</span>,
              children: <AssetList fixed={fixed} customer={{ id, name: customer.name }} />,
            },
          ]}
        />
      </Card>
      <CustomerFormDrawer open={editOpen} customer={customer} onClose={() => setEditOpen(false)} />
    </>
  );
}
