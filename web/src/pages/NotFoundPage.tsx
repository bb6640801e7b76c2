import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('error.notFoundPage')}
      extra={
        <Link to="/">
          <Button type="primary">{t('comingSoon.back')}</Button>
        </Link>
      }
    />
  );
}
