import { RollbackOutlined, SwapRightOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Flex, Form, Input, Modal, Segmented, Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { listLoans, returnLoan, type Loan, type LoanState } from '../../../api/rma';
import { enumLabel } from '../../../components/assetLabels';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatDateTime } from '../../../components/format';
import { PageHeader } from '../../../components/PageHeader';
import { applyServerErrors } from '../../../components/serverErrors';
import { useCurrentUser } from '../../../components/session';
import { KeysetTable } from '../../../components/KeysetTable';
import { useKeysetList } from '../../../components/useKeysetList';
import { STOCK_KEY } from '../labels';
import { StoreSelect } from '../pickers';
import { canLend, LOANS_KEY } from '../rma/access';
import { LendModal } from './LendModal';

type Shown = 'open' | 'returned' | 'all';

/** Takes a loaner back into a store: in stock again, and off the customer's device list. */
function ReturnLoanModal({ loan, onClose }: { loan: Loan | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ storeId?: number; notes?: string }>();
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!loan) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue({ storeId: loan.storeId });
  }, [loan, form]);
  const mutation = useMutation({
    mutationFn: (v: { storeId?: number; notes?: string }) => returnLoan(loan!.id, { storeId: v.storeId!, notes: v.notes?.trim() || undefined }),
    onMutate: () => setError(null),
    onSuccess: (l) => {
      void qc.invalidateQueries({ queryKey: LOANS_KEY });
      void qc.invalidateQueries({ queryKey: STOCK_KEY });
      void qc.invalidateQueries({ queryKey: ['assets'] });
      message.success(t('rma.loans.return.done', { number: l.number, store: l.returnedStoreName ?? '' }));
      onClose();
    },
    onError: (e) => setError(applyServerErrors(form, e, ['storeId', 'notes'], { store_not_found: 'storeId', store_inactive: 'storeId' })),
  });
  return (
    <Modal
      open={loan !== null}
      onCancel={onClose}
      title={t('rma.loans.return.title', { serial: loan?.serial ?? '' })}
      okText={t('rma.loans.return.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      okButtonProps={{ loading: mutation.isPending, 'data-testid': 'loan-return-submit' }}
      destroyOnHidden
    >
      {loan && <Typography.Paragraph type="secondary">{t('rma.loans.return.intro', { customer: loan.customerName })}</Typography.Paragraph>}
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" onFinish={(v) => mutation.mutate(v)} data-testid="loan-return-form">
        <Form.Item name="storeId" label={t('rma.loans.return.intoStore')} rules={[{ required: true, message: t('parts.storeRequired') }]}>
          <StoreSelect activeOnly data-testid="loan-return-store" />
        </Form.Item>
        <Form.Item name="notes" label={t('parts.notes')}>
          <Input.TextArea rows={2} maxLength={4000} data-testid="loan-return-notes" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * 备用机 (R6 先保证系统正常运转; R8): loaner units lent to customers' sites — the open ones first,
 * overdue ones marked — with lending and taking back.
 */
export function LoansPage() {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const mayLend = canLend(me);
  const [params, setParams] = useSearchParams();
  const shownParam = params.get('show');
  const shown: Shown = shownParam === 'returned' || shownParam === 'all' ? shownParam : 'open';
  const overdue = params.get('overdue') === '1';
  const [lending, setLending] = useState(false);
  const [returning, setReturning] = useState<Loan | null>(null);
  const state: LoanState | undefined = shown === 'all' ? undefined : shown;
  const list = useKeysetList([...LOANS_KEY, 'list', state, overdue], (cursor) => listLoans({ state, overdue: overdue || undefined, cursor, limit: 50 }));

  const setFilter = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const columns: TableColumnsType<Loan> = [
    {
      title: t('rma.loans.number'),
      dataIndex: 'number',
      width: 160,
      fixed: 'left',
      render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
    },
    {
      title: t('rma.loans.unit'),
      key: 'unit',
      width: 220,
      render: (_: unknown, l) => (
        <>
          <Typography.Text strong>{l.serial}</Typography.Text>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {l.partNumber} · {l.description}
          </Typography.Text>
        </>
      ),
    },
    {
      title: t('parts.customer'),
      key: 'customer',
      width: 200,
      render: (_: unknown, l) => (
        <>
          <span>{l.customerName}</span>
          {l.siteName && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {l.siteName}
            </Typography.Text>
          )}
        </>
      ),
    },
    {
      title: t('rma.loans.replaces'),
      key: 'replaces',
      width: 170,
      render: (_: unknown, l) =>
        l.replacesSerial ? (
          // Serials run to twenty characters: they wrap rather than run into the next column.
          <Space size={4} align="start" style={{ wordBreak: 'break-all' }}>
            <SwapRightOutlined />
            {l.replacesAssetId ? <Link to={`/customers/assets/${l.replacesAssetId}`}>{l.replacesSerial}</Link> : l.replacesSerial}
          </Space>
        ) : (
          '—'
        ),
    },
    { title: t('rma.ticket'), dataIndex: 'ticketNumber', width: 150, render: (v: string | null, l) => (v && l.ticketId ? <Link to={`/tickets/${l.ticketId}`}>{v}</Link> : '—') },
    { title: t('rma.loans.lentAt'), dataIndex: 'lentAt', width: 140, render: (v: number) => formatDateTime(v, i18n.language) },
    {
      title: t('rma.expectedReturn'),
      dataIndex: 'expectedReturn',
      width: 150,
      render: (v: string | null, l) => (
        <Space size={4} wrap>
          <span>{v ?? '—'}</span>
          {l.overdue && (
            <Tag color="red" style={{ marginInlineEnd: 0 }} data-testid={`loan-overdue-${l.id}`}>
              {t('rma.overdue')}
            </Tag>
          )}
        </Space>
      ),
    },
    {
      title: t('rma.stateLabel'),
      dataIndex: 'state',
      width: 170,
      render: (v: LoanState, l) => (
        <>
          <Tag color={v === 'open' ? 'volcano' : 'default'} style={{ marginInlineEnd: 0 }} data-state={v}>
            {enumLabel(t, 'rma.loans.state', v)}
          </Tag>
          {l.returnedAt && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {formatDateTime(l.returnedAt, i18n.language)} · {l.returnedStoreName}
            </Typography.Text>
          )}
        </>
      ),
    },
    {
      title: '',
      key: 'actions',
      width: 100,
      fixed: 'right',
      render: (_: unknown, l) =>
        mayLend && l.state === 'open' ? (
          <Button size="small" icon={<RollbackOutlined />} onClick={() => setReturning(l)} data-testid={`loan-return-${l.id}`}>
            {t('rma.loans.return.action')}
          </Button>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('rma.loans.title')}
        extra={
          mayLend && (
            <Button type="primary" onClick={() => setLending(true)} data-testid="loan-new">
              {t('rma.loans.lend.action')}
            </Button>
          )
        }
      />
      <Typography.Paragraph type="secondary" style={{ maxWidth: 820 }}>
        {t('rma.loans.intro')}
      </Typography.Paragraph>
      {!mayLend && <Alert type="info" showIcon title={t('parts.readOnly')} style={{ marginBottom: 16 }} />}
      <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
        <Segmented<Shown>
          value={shown}
          onChange={(v) => setFilter('show', v === 'open' ? undefined : v)}
          options={(['open', 'returned', 'all'] as const).map((v) => ({ value: v, label: <span data-testid={`loan-show-${v}`}>{t(`rma.loans.show.${v}`)}</span> }))}
        />
        <Checkbox checked={overdue} onChange={(e) => setFilter('overdue', e.target.checked ? '1' : undefined)} data-testid="loan-filter-overdue">
          {t('rma.overdueOnly')}
        </Checkbox>
      </Flex>
      <KeysetTable<Loan>
        list={list}
        columns={columns}
        testId="loan-table"
        rowProps={(l) => ({ 'data-testid': `loan-row-${l.id}`, 'data-state': l.state })}
        scrollX={1460}
        empty={{ text: shown === 'open' ? t('rma.loans.emptyOpen') : t('rma.loans.empty') }}
      />
      <LendModal open={lending} onClose={() => setLending(false)} />
      <ReturnLoanModal loan={returning} onClose={() => setReturning(null)} />
    </>
  );
}
