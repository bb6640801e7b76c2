import { CheckCircleOutlined, DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Modal, Select, Space, Table, Typography, Upload } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { importTemplateUrl, isApiError, runImport, sheetFormatOf } from '../api/client';
import { IMPORT_KINDS, type ImportKind, type ImportResult, type ImportRowError } from '../api/types';
import { ErrorAlert } from './ErrorAlert';

interface Props {
  open: boolean;
  onClose: () => void;
  /** The kind preselected when the modal opens. */
  defaultKind: ImportKind;
}

/** Which cached lists an import of each kind changes. */
const INVALIDATES: Record<ImportKind, string[]> = {
  customers: ['customers', 'customer'],
  contacts: ['contacts', 'customer'],
  assets: ['assets', 'asset', 'customer'],
};

type Outcome =
  | { step: 'checked'; result: ImportResult }
  | { step: 'imported'; result: ImportResult }
  | { step: 'rejected'; errors: ImportRowError[] };

/** Where a kind's field names are translated (the server names columns by field). */
const FIELD_GROUP: Record<ImportKind, string> = { customers: 'customer', contacts: 'contact', assets: 'asset' };

function RowErrors({ kind, errors }: { kind: ImportKind; errors: ImportRowError[] }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<ImportRowError> = [
    { title: t('importer.row'), dataIndex: 'row', width: 70 },
    {
      title: t('importer.column'),
      dataIndex: 'column',
      width: 140,
      render: (c: string) => (c ? t(`${FIELD_GROUP[kind]}.${c}`, { defaultValue: c }) : '—'),
    },
    { title: t('importer.message'), dataIndex: 'message' },
  ];
  return (
    <Table<ImportRowError>
      size="small"
      rowKey={(e) => `${e.row}|${e.column}|${e.message}`}
      columns={columns}
      dataSource={errors}
      pagination={errors.length > 50 ? { pageSize: 50, size: 'small', showSizeChanger: false } : false}
      scroll={{ x: 420, y: 280 }}
      data-testid="import-errors"
    />
  );
}

/** Spreadsheet import (customers, contacts, assets): template, dry-run check, then the import itself. */
export function ImportModal({ open, onClose, defaultKind }: Props) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [kind, setKind] = useState<ImportKind>(defaultKind);
  const [file, setFile] = useState<File | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);

  const reset = () => {
    setOutcome(null);
    setError(null);
  };

  const mutation = useMutation({
    mutationFn: ({ dryRun }: { dryRun: boolean }) => {
      if (!file) throw new Error('no file');
      return runImport(kind, file, dryRun);
    },
    onMutate: reset,
    onSuccess: (result) => {
      if (result.dryRun) {
        setOutcome({ step: 'checked', result });
      } else {
        setOutcome({ step: 'imported', result });
        for (const key of INVALIDATES[kind]) void qc.invalidateQueries({ queryKey: [key] });
      }
    },
    onError: (e) => {
      if (isApiError(e) && e.code === 'import_invalid') {
        const errors = (e.details as { errors?: ImportRowError[] } | null)?.errors;
        if (Array.isArray(errors)) {
          setOutcome({ step: 'rejected', errors });
          return;
        }
      }
      setError(e);
    },
  });

  const checkedClean = outcome?.step === 'checked' && outcome.result.errors.length === 0 && outcome.result.valid > 0;
  const imported = outcome?.step === 'imported';

  useEffect(() => {
    if (!open) return;
    setKind(defaultKind);
    setFile(null);
    setFileProblem(null);
    setOutcome(null);
    setError(null);
  }, [open, defaultKind]);

  const close = () => {
    onClose();
  };

  let resultView: React.ReactNode = null;
  if (outcome?.step === 'checked') {
    const r = outcome.result;
    resultView =
      r.errors.length === 0 ? (
        <Alert
          type={r.valid > 0 ? 'success' : 'warning'}
          showIcon
          title={r.valid > 0 ? t('importer.valid', { count: r.valid }) : t('importer.noRows')}
        />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Alert type="error" showIcon title={t('importer.hasErrors', { count: r.errors.length, total: r.total })} />
          <RowErrors kind={kind} errors={r.errors} />
        </Space>
      );
  } else if (outcome?.step === 'imported') {
    resultView = <Alert type="success" showIcon icon={<CheckCircleOutlined />} title={t('importer.created', { count: outcome.result.created })} />;
  } else if (outcome?.step === 'rejected') {
    resultView = (
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Alert type="error" showIcon title={t('importer.rejected', { count: outcome.errors.length })} />
        <RowErrors kind={kind} errors={outcome.errors} />
      </Space>
    );
  }

  return (
    <Modal
      open={open}
      onCancel={close}
      title={t('importer.title')}
      width={720}
      destroyOnHidden
      footer={
        <Flex gap={8} justify="flex-end" wrap>
          <Button onClick={close}>{imported ? t('importer.close') : t('common.cancel')}</Button>
          <Button
            onClick={() => mutation.mutate({ dryRun: true })}
            disabled={!file || imported}
            loading={mutation.isPending && mutation.variables?.dryRun === true}
            data-testid="import-dry-run"
          >
            {t('importer.dryRun')}
          </Button>
          <Button
            type="primary"
            onClick={() => mutation.mutate({ dryRun: false })}
            disabled={!checkedClean || imported}
            loading={mutation.isPending && mutation.variables?.dryRun === false}
            data-testid="import-run"
          >
            {t('importer.run')}
          </Button>
        </Flex>
      }
    >
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('importer.intro')}</Typography.Text>
        <Flex gap={8} wrap align="center">
          <Typography.Text>{t('importer.kind')}</Typography.Text>
          <Select<ImportKind>
            value={kind}
            onChange={(k) => {
              setKind(k);
              reset();
            }}
            options={IMPORT_KINDS.map((k) => ({ value: k, label: t(`importer.kinds.${k}`) }))}
            style={{ width: 180 }}
            data-testid="import-kind"
          />
          <Space.Compact>
            <Button icon={<DownloadOutlined />} href={importTemplateUrl(kind, 'xlsx')} download data-testid="import-template-xlsx">
              {t('importer.template')}
            </Button>
            <Button href={importTemplateUrl(kind, 'csv')} download data-testid="import-template-csv">
              CSV
            </Button>
          </Space.Compact>
        </Flex>
        <Flex gap={8} wrap align="center">
          <Upload
            accept=".xlsx,.csv"
            maxCount={1}
            showUploadList={false}
            beforeUpload={(f) => {
              if (!sheetFormatOf(f.name)) {
                setFileProblem(t('importer.badType'));
                setFile(null);
              } else {
                setFileProblem(null);
                setFile(f);
              }
              reset();
              return false;
            }}
            data-testid="import-file"
          >
            <Button icon={<UploadOutlined />}>{t('importer.pick')}</Button>
          </Upload>
          <Typography.Text type={file ? undefined : 'secondary'} ellipsis style={{ maxWidth: 360 }} data-testid="import-file-name">
            {file ? file.name : t('importer.noFile')}
          </Typography.Text>
        </Flex>
        {fileProblem && <Alert type="warning" showIcon title={fileProblem} />}
        <ErrorAlert error={error} style={{ marginBottom: 0 }} />
        {resultView && <div data-testid="import-result">{resultView}</div>}
      </Space>
    </Modal>
  );
}
