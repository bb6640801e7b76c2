import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';

/** The server's message (already in the UI language), or a generic one for non-API failures. */
export function errorText(error: unknown, t: (key: string) => string): string {
  if (isApiError(error)) return error.status === 0 ? t('error.network') : error.message;
  return t('error.unexpected');
}

export function ErrorAlert({ error, style }: { error: unknown; style?: React.CSSProperties }) {
  const { t } = useTranslation();
  if (!error) return null;
  return <Alert type="error" showIcon title={errorText(error, t)} style={{ marginBottom: 16, ...style }} />;
}
