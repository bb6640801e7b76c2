import { DownloadOutlined, DownOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Dropdown, Flex, Segmented, Select, Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { listRmas, rmaExportUrl, type Rma, type RmaFilters, type RmaState } from '../../../api/rma';
import { listVendors } from '../../../api/vendors';
import { enumLabel } from '../../../components/assetLabels';
import { formatDateTime } from '../../../components/format';
import { PageHeader } from '../../../components/PageHeader';
import { useCurrentUser } from '../../../components/session';
import { KeysetTable } from '../../../components/KeysetTable';
import { useKeysetList } from '../../../components/useKeysetList';
import { canWorkRma, RMA_KEY } from './access';
import { EndRmaModal, ReceiveRmaModal } from './ReceiveRmaModal';
import { SendRmaModal } from './SendRmaModal';

const STATE_COLORS: Record<RmaState, string> = { sent: 'magenta', received_repaired: 'green', received_replaced: 'cyan', closed: 'default', cancelled: 'default' };

export function RmaStateTag({ state }: { state: RmaState }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLORS[state]} style={{ marginInlineEnd: 0 }} data-state={state}>
      {enumLabel(t, 'rma.state', state)}
    </Tag>
  );
}

type Shown = 'open' | 'all';

/**
 * 返修 (RMA; R6, R8): faulty stock and devices with the vendors for repair — the open ones first,
 * overdue ones marked — and the storekeeper's send, receive, cancel and close.
 */
export function RmaPage() {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const canWork = canWorkRma(me);
  const [params, setParams] = useSearchParams();
  const shown: Shown = params.get('show') === 'all' ? 'all' : 'open';
  const overdue = params.get('overdue') === '1';
  const vendorId = Number(params.get('vendorId')) || undefined;
  const [sending, setSending] = useState(false);
  const [receiving, setReceiving] = useState<Rma | null>(null);
  const [ending, setEnding] = useState<{ rma: Rma; how: 'cancel' | 'close' } | null>(null);
  const vendors = useQuery({ queryKey: ['vendors', 'picker', 'all'], queryFn: async () => (await listVendors({ limit: 200 })).items, staleTime: 60_000 });

  const filters: RmaFilters = { state: shown === 'open' ? 'open' : undefined, overdue: overdue || undefined, vendorId };
  const list = useKeysetList([...RMA_KEY, 'list', filters], (cursor) => listRmas({ ...filters, cursor, limit: 50 }));

  const setFilter = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const actions = (r: Rma) => {
    if (!canWork || r.state !== 'sent') return null;
    return (
      <Space.Compact>
        <Button size="small" type="primary" onClick={() => setReceiving(r)} data-testid={`rma-receive-${r.id}`}>
          {t('rma.receive.action')}
        </Button>
        <Dropdown
          trigger={['click']}
          menu={{
            items: [
              // Once part of it has come back, the case did reach the vendor: it can only be closed.
              ...(r.receivedQty === 0 ? [{ key: 'cancel', label: <span data-testid={`rma-cancel-${r.id}`}>{t('rma.end.action.cancel')}</span>, onClick: () => setEnding({ rma: r, how: 'cancel' }) }] : []),
              { key: 'close', danger: true, label: <span data-testid={`rma-close-${r.id}`}>{t('rma.end.action.close')}</span>, onClick: () => setEnding({ rma: r, how: 'close' }) },
            ],
          }}
        >
          <Button size="small" icon={<DownOutlined />} data-testid={`rma-more-${r.id}`} />
        </Dropdown>
      </Space.Compact>
    );
  };

  const columns: TableColumnsType<Rma> = [
    {
      title: t('rma.number'),
      dataIndex: 'number',
      width: 170,
      fixed: 'left',
      render: (v: string, r) => (
        <>
          <Typography.Text strong copyable={{ text: v }}>
            {v}
          </Typography.Text>
          {r.vendorCaseNumber && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {t('rma.caseNumber')}: {r.vendorCaseNumber}
            </Typography.Text>
          )}
        </>
      ),
    },
    { title: t('rma.vendor'), dataIndex: 'vendorName', width: 130 },
    {
      title: t('rma.item'),
      key: 'item',
      width: 220,
      render: (_: unknown, r) => (
        <>
          {r.subject === 'part' ? <Typography.Text strong>{r.partNumber}</Typography.Text> : <Tag style={{ marginInlineEnd: 4 }}>{t('rma.subject.asset')}</Tag>}{' '}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.description}
          </Typography.Text>
          <Typography.Text style={{ display: 'block', fontSize: 12 }}>
            {r.serial ? `${t('parts.serial')}: ${r.serial}` : `× ${r.qty}`}
            {!r.serial && r.receivedQty > 0 && r.receivedQty < r.qty && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`rma-received-${r.id}`}>
                {' · '}
                {t('rma.receive.soFar', { received: r.receivedQty, qty: r.qty })}
              </Typography.Text>
            )}
          </Typography.Text>
        </>
      ),
    },
    { title: t('rma.fromStore'), dataIndex: 'storeName', width: 140, render: (v: string | null) => v ?? '—' },
    {
      title: t('rma.ticket'),
      dataIndex: 'ticketNumber',
      width: 150,
      render: (v: string | null, r) => (v && r.ticketId ? <Link to={`/tickets/${r.ticketId}`}>{v}</Link> : '—'),
    },
    { title: t('rma.sentAt'), dataIndex: 'sentAt', width: 140, render: (v: number) => formatDateTime(v, i18n.language) },
    {
      title: t('rma.expectedReturn'),
      dataIndex: 'expectedReturn',
      width: 150,
      render: (v: string | null, r) => (
        <Space size={4} wrap>
          <span>{v ?? '—'}</span>
          {r.overdue && (
            <Tag color="red" style={{ marginInlineEnd: 0 }} data-testid={`rma-overdue-${r.id}`}>
              {t('rma.overdue')}
            </Tag>
          )}
        </Space>
      ),
    },
    {
      title: t('rma.stateLabel'),
      dataIndex: 'state',
      width: 150,
      render: (v: RmaState, r) => (
        <>
          <RmaStateTag state={v} />
          {r.receivedSerial && r.state === 'received_replaced' && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {t('rma.newSerial', { serial: r.receivedSerial })}
            </Typography.Text>
          )}
          {r.closingReason && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {r.closingReason}
            </Typography.Text>
          )}
        </>
      ),
    },
    { title: '', key: 'actions', width: 130, fixed: 'right', render: (_: unknown, r) => actions(r) },
  ];

  return (
    <>
      <PageHeader
        title={t('rma.title')}
        extra={
          <>
            <Button icon={<DownloadOutlined />} href={rmaExportUrl({ state: 'open', vendorId, overdue: overdue || undefined })} download data-testid="rma-export">
              {t('rma.exportOpen')}
            </Button>
            {canWork && (
              <Button type="primary" icon={<SendOutlined />} onClick={() => setSending(true)} data-testid="rma-new">
                {t('rma.send.action')}
              </Button>
            )}
          </>
        }
      />
      <Typography.Paragraph type="secondary" style={{ maxWidth: 820 }}>
        {t('rma.intro')}
      </Typography.Paragraph>
      {!canWork && <Alert type="info" showIcon title={t('parts.readOnly')} style={{ marginBottom: 16 }} />}
      <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
        <Segmented<Shown>
          value={shown}
          onChange={(v) => setFilter('show', v === 'all' ? 'all' : undefined)}
          options={[
            { value: 'open', label: <span data-testid="rma-show-open">{t('rma.show.open')}</span> },
            { value: 'all', label: <span data-testid="rma-show-all">{t('rma.show.all')}</span> },
          ]}
        />
        <Select<number | undefined>
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          value={vendorId}
          onChange={(v) => setFilter('vendorId', v ? String(v) : undefined)}
          options={(vendors.data ?? []).map((v) => ({ value: v.id, label: v.name }))}
          placeholder={t('rma.allVendors')}
          style={{ width: 220 }}
          data-testid="rma-filter-vendor"
        />
        <Checkbox checked={overdue} onChange={(e) => setFilter('overdue', e.target.checked ? '1' : undefined)} data-testid="rma-filter-overdue">
          {t('rma.overdueOnly')}
        </Checkbox>
      </Flex>
      <KeysetTable<Rma>
        list={list}
        columns={columns}
        testId="rma-table"
        rowProps={(r) => ({ 'data-testid': `rma-row-${r.id}`, 'data-state': r.state, 'data-overdue': r.overdue ? '1' : '0' })}
        scrollX={1380}
        empty={{ text: shown === 'open' ? t('rma.emptyOpen') : t('rma.empty') }}
      />
      <SendRmaModal open={sending} onClose={() => setSending(false)} />
      <ReceiveRmaModal rma={receiving} onClose={() => setReceiving(null)} />
      <EndRmaModal target={ending} onClose={() => setEnding(null)} />
    </>
  );
}
