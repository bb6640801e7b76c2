import { Card, Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { AssetList } from './AssetList';
import { ContractsTable } from './ContractsTable';
import { SitesTab } from './SitesTab';

const TABS = ['assets', 'contracts', 'sites'] as const;
type Tab = (typeof TABS)[number];

/** 我的设备: a customer contact's own organisation's assets, contracts and sites, read only. */
export function MyEquipmentPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'assets';
  return (
    <>
      <PageHeader title={t('nav.equipment')} />
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams({ tab: key }, { replace: true })}
          destroyOnHidden
          items={[
            { key: 'assets', label: <span data-testid="tab-assets">{t('customers.tabAssets')}</span>, children: <AssetList readOnly fullFilters /> },
            { key: 'contracts', label: <span data-testid="tab-contracts">{t('customers.tabContracts')}</span>, children: <ContractsTable readOnly /> },
            { key: 'sites', label: <span data-testid="tab-sites">{t('customers.tabSites')}</span>, children: <SitesTab readOnly /> },
          ]}
        />
      </Card>
    </>
  );
}
