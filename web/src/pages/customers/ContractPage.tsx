import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Result, Skeleton, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { getContract, isApiError } from '../../api/client';
import type { EngineerRef } from '../../api/types';
import { ContractStatusTag, enumLabel } from '../../components/assetLabels';
import { canWrite } from '../../components/access';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../components/format';
import { useCurrentUser } from '../../components/session';
import { useIsPhone } from '../../components/useIsPhone';
import { AssetList } from './AssetList';
import { ContractFormDrawer } from './ContractFormDrawer';
import { periodText } from './ContractsTable';
import { useCustomerPaths } from './paths';

function person(p: EngineerRef | undefined, id: number): string {
  return p ? `${p.displayName} (${p.username})` : `#${id}`;
}

/** A maintenance contract: periods, coverage, inspection plan (R12), hand-over (R14), engineers, assets. */
export function ContractPage() {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const isPhone = useIsPhone();
  const paths = useCustomerPaths();
  const id = Number(useParams().id);
  const [editOpen, setEditOpen] = useState(false);
  const query = useQuery({ queryKey: ['contract', id], queryFn: () => getContract(id), enabled: Number.isInteger(id) && id > 0 });
  const c = query.data;
  const fixed = useMemo(() => ({ contractId: id }), [id]);

  if (!Number.isInteger(id) || id <= 0 || (isApiError(query.error) && query.error.status === 404)) {
    return <Result status="404" title={t('contracts.notFound')} extra={<Link to={paths.assets}><Button type="primary">{t('common.back')}</Button></Link>} />;
  }
  if (query.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (!c) return <ErrorAlert error={query.error} />;

  const engineers = new Map(c.engineers.map((e) => [e.id, e]));
  const back = paths.customer ? `${paths.customer(c.customerId)}?tab=contracts` : paths.assets;

  return (
    <>
      <PageHeader
        title={
          <Space size={8} wrap>
            <Link to={back} aria-label={t('common.back')}>
              <ArrowLeftOutlined />
            </Link>
            <span data-testid="contract-title">{c.number}</span>
            <Typography.Text type="secondary" style={{ fontSize: 14, fontWeight: 'normal' }}>
              {c.name}
            </Typography.Text>
            <ContractStatusTag status={c.status} />
          </Space>
        }
        extra={
          canWrite(me, 'contracts') && (
            <Button icon={<EditOutlined />} onClick={() => setEditOpen(true)} data-testid="contract-edit">
              {t('common.edit')}
            </Button>
          )
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={isPhone ? 1 : { md: 2, xl: 3 }} data-testid="contract-fields" styles={{ label: { whiteSpace: 'nowrap' } }}>
          <Descriptions.Item label={t('contract.number')}>{c.number}</Descriptions.Item>
          <Descriptions.Item label={t('contract.name')}>{c.name}</Descriptions.Item>
          <Descriptions.Item label={t('contract.customer')}>
            {paths.customer ? <Link to={paths.customer(c.customerId)}>{c.customerName}</Link> : c.customerName}
          </Descriptions.Item>
          <Descriptions.Item label={t('contract.servicePeriod')}>{periodText(c.serviceStart, c.serviceEnd)}</Descriptions.Item>
          <Descriptions.Item label={t('contract.warrantyPeriod')}>{periodText(c.warrantyStart, c.warrantyEnd)}</Descriptions.Item>
          <Descriptions.Item label={t('contract.status')}>
            <ContractStatusTag status={c.status} />
          </Descriptions.Item>
          <Descriptions.Item label={t('contract.coverage')}>
            <Tag color={c.coverage === '7x24' ? 'blue' : 'default'}>{enumLabel(t, 'coverage', c.coverage)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('contract.clockPolicy')}>
            <span data-testid="contract-clock-policy">{c.clockPolicyName ?? <Typography.Text type="secondary">{t('contracts.defaultPolicyPlain')}</Typography.Text>}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('contract.calendar')}>
            <span data-testid="contract-calendar">
              {c.calendarName ?? <Typography.Text type="secondary">{t('contracts.defaultCalendar', { coverage: enumLabel(t, 'coverage', c.coverage) })}</Typography.Text>}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('contract.sparesOnSite')}>
            {c.sparesOnSite ? <Tag color="green">{t('common.yes')}</Tag> : <Tag>{t('common.no')}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t('contract.inspectionFrequency')}>{enumLabel(t, 'inspection', c.inspectionFrequency)}</Descriptions.Item>
          <Descriptions.Item label={t('contract.handedOverOn')}>
            {c.handedOverOn ? t('contracts.handedOverTo', { day: c.handedOverOn }) : <Typography.Text type="secondary">{t('contracts.notHandedOver')}</Typography.Text>}
          </Descriptions.Item>
          <Descriptions.Item label={t('contract.ownerEngineer')}>
            {c.ownerEngineerId ? person(engineers.get(c.ownerEngineerId), c.ownerEngineerId) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('contract.residentEngineers')} span={isPhone ? 1 : 'filled'}>
            {c.residentEngineerIds.length ? (
              <Space size={4} wrap>
                {c.residentEngineerIds.map((eid) => (
                  <Tag key={eid}>{person(engineers.get(eid), eid)}</Tag>
                ))}
              </Space>
            ) : (
              '—'
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('contract.inspectionContent')} span={isPhone ? 1 : 'filled'}>
            {c.inspectionContent ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{c.inspectionContent}</Typography.Paragraph> : '—'}
          </Descriptions.Item>
          {c.notes && (
            <Descriptions.Item label={t('contract.notes')} span={isPhone ? 1 : 'filled'}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{c.notes}</Typography.Paragraph>
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('common.updatedAt')}>{formatDateTime(c.updatedAt, i18n.language)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={t('contracts.assets')}>
        <AssetList fixed={fixed} customer={{ id: c.customerId, name: c.customerName }} />
      </Card>
      <ContractFormDrawer open={editOpen} contract={c} onClose={() => setEditOpen(false)} />
    </>
  );
}
