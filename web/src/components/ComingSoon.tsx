import { RocketOutlined } from '@ant-design/icons';
import { Button, Card, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** Placeholder for a domain that arrives in a later release. */
export function ComingSoon({ titleKey }: { titleKey: string }) {
  const { t } = useTranslation();
  return (
    <Card>
      <Result
        icon={<RocketOutlined style={{ color: '#1677ff' }} />}
        title={t(titleKey)}
        subTitle={t('comingSoon.subtitle')}
        extra={
          <Link to="/">
            <Button type="primary">{t('comingSoon.back')}</Button>
          </Link>
        }
        data-testid="coming-soon"
      />
    </Card>
  );
}
