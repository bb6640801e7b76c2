import { DownloadOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SheetFormat } from '../api/types';

/** "Export xlsx | csv": plain links (the browser downloads with the session cookie). */
export function ExportButtons({
  urlFor,
  testIdPrefix,
  formats = ['xlsx', 'csv'],
}: {
  urlFor: (format: SheetFormat) => string;
  testIdPrefix: string;
  /** The formats the export offers; both unless it says otherwise. */
  formats?: readonly SheetFormat[];
}) {
  const { t } = useTranslation();
  return (
    <Space.Compact>
      {formats.includes('xlsx') && (
        <Button icon={<DownloadOutlined />} href={urlFor('xlsx')} download data-testid={`${testIdPrefix}-export-xlsx`}>
          {t('export.xlsx')}
        </Button>
      )}
      {formats.includes('csv') && (
        <Button href={urlFor('csv')} download data-testid={`${testIdPrefix}-export-csv`}>
          CSV
        </Button>
      )}
    </Space.Compact>
  );
}
