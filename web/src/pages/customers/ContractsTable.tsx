import { PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { contractsExportUrl, listContracts } from '../../api/client';
import type { Contract, ContractStatus, Coverage } from '../../api/types';
import { ContractStatusTag, enumLabel } from '../../components/assetLabels';
import { canWrite } from '../../components/access';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportButtons } from '../../components/ExportButtons';
import { LoadMore } from '../../components/LoadMore';
import { useCurrentUser } from '../../components/session';
import { useKeysetList } from '../../components/useKeysetList';
import { ContractFormDrawer } from './ContractFormDrawer';
import { useCustomerPaths } from './paths';

export function periodText(start: string | null, end: string | null): string {
  if (!start && !end) return '—';
  return `${start ?? '…'} ~ ${end ?? '…'}`;
}

interface Props {
  /** The customer whose contracts are listed; undefined lists what the user may see (the portal). */
  customer?: { id: number; name: string };
  readOnly?: boolean;
}

/** A customer's contracts: number, name, periods, coverage and status; a row opens the contract. */
export function ContractsTable({ customer, readOnly }: Props) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const paths = useCustomerPaths();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const list = useKeysetList(['contracts', 'list', customer?.id ?? null], (cursor) =>
    listContracts({ customerId: customer?.id, cursor, limit: 50 }),
  );
  const canCreate = !readOnly && !!customer && canWrite(me, 'contracts');
  // stable, so the open drawer does not reset its form on every render
  const preset = useMemo(() => (customer ? { customerId: customer.id, customerName: customer.name } : undefined), [customer?.id, customer?.name]);

  const columns: TableColumnsType<Contract> = [
    {
      title: t('contract.number'),
      dataIndex: 'number',
      width: 150,
      fixed: 'left',
      render: (v: string, c) => (
        <Link to={paths.contract(c.id)} onClick={(e) => e.stopPropagation()} data-testid={`contract-row-${v}`}>
          {v}
        </Link>
      ),
    },
    { title: t('contract.name'), dataIndex: 'name', width: 220, render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
    { title: t('contract.servicePeriod'), key: 'service', width: 210, render: (_, c) => periodText(c.serviceStart, c.serviceEnd) },
    { title: t('contract.warrantyPeriod'), key: 'warranty', width: 210, render: (_, c) => periodText(c.warrantyStart, c.warrantyEnd) },
    {
      title: t('contract.coverage'),
      dataIndex: 'coverage',
      width: 110,
      render: (v: Coverage) => <Tag color={v === '7x24' ? 'blue' : 'default'}>{enumLabel(t, 'coverage', v)}</Tag>,
    },
    { title: t('contract.status'), dataIndex: 'status', width: 100, render: (v: ContractStatus) => <ContractStatusTag status={v} /> },
  ];

  return (
    <>
      <Flex gap={8} wrap justify="flex-end" style={{ marginBottom: 12 }}>
        {customer && <ExportButtons testIdPrefix="contracts" urlFor={(format) => contractsExportUrl(format, customer.id)} />}
        {canCreate && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawerOpen(true)} data-testid="contracts-new">
            {t('contracts.new')}
          </Button>
        )}
      </Flex>
      <ErrorAlert error={list.error} />
      <div data-testid="contracts-table">
        <Table<Contract>
          rowKey="id"
          columns={columns}
          dataSource={list.items}
          loading={list.isPending}
          pagination={false}
          scroll={{ x: 1000 }}
          size="middle"
          locale={{ emptyText: <Empty description={t('contracts.empty')} /> }}
          onRow={(c) => ({ onClick: () => void navigate(paths.contract(c.id)), style: { cursor: 'pointer' } })}
        />
      </div>
      <LoadMore count={list.items.length} hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onLoadMore={() => void list.fetchNextPage()} />
      {canCreate && (
        <ContractFormDrawer
          open={drawerOpen}
          contract={null}
          preset={preset}
          onClose={() => setDrawerOpen(false)}
          onSaved={(c) => void navigate(paths.contract(c.id))}
        />
      )}
    </>
  );
}
