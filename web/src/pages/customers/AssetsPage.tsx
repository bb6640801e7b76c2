import { TeamOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { AssetList } from './AssetList';

/** The asset registry (设备台账) across customers, with warranty filters. */
export function AssetsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader
        title={t('assets.title')}
        extra={
          <Link to="/customers">
            <Button icon={<TeamOutlined />} data-testid="assets-to-customers">
              {t('customers.title')}
            </Button>
          </Link>
        }
      />
      <AssetList fullFilters importable />
    </>
  );
}
