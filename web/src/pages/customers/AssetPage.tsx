import { ArrowLeftOutlined, EditOutlined, HistoryOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Empty, Result, Row, Skeleton, Space, Table, Tag, Timeline, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { getAsset, isApiError, listAssetHistory } from '../../api/client';
import type { AssetChange, AssetComponent, AssetStatus, ChangeSource } from '../../api/types';
import { AssetStatusTag, WarrantyBadge, enumLabel } from '../../components/assetLabels';
import { canWrite } from '../../components/access';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../components/format';
import { useCurrentUser } from '../../components/session';
import { useIsPhone } from '../../components/useIsPhone';
import { useKeysetList } from '../../components/useKeysetList';
import { AssetFormDrawer } from './AssetFormDrawer';
import { AssetRepairs } from './AssetRepairs';
import { useCustomerPaths } from './paths';

const SOURCE_COLORS: Record<ChangeSource, string> = {
  manual: 'blue',
  import: 'purple',
  inspection: 'cyan',
  repair: 'orange',
};

function ChangeValue({ field, value }: { field: string; value: string | null }) {
  const { t } = useTranslation();
  if (value === null || value === '') return <Typography.Text type="secondary">{t('history.empty')}</Typography.Text>;
  // a status is stored as its code: show it in words
  const text = field === 'status' ? enumLabel(t, 'assetStatus', value) : value;
  return <Typography.Text code style={{ wordBreak: 'break-all' }}>{text}</Typography.Text>;
}

/** 维保专项档案 · 变更记录: every change to the device, newest first (R12, R13, R18). */
function AssetHistory({ assetId }: { assetId: number }) {
  const { t, i18n } = useTranslation();
  const list = useKeysetList(['asset', assetId, 'history'], (cursor) => listAssetHistory(assetId, { cursor, limit: 20 }));

  const item = (c: AssetChange) => {
    const created = c.field === 'created';
    return {
      key: c.id,
      color: created ? 'green' : SOURCE_COLORS[c.source] ?? 'gray',
      content: (
        <div data-testid={`history-${c.id}`}>
          <Space size={6} wrap>
            <Typography.Text strong>{enumLabel(t, 'changeField', c.field)}</Typography.Text>
            <Tag color={SOURCE_COLORS[c.source] ?? 'default'} style={{ marginInlineEnd: 0 }}>
              {enumLabel(t, 'changeSource', c.source)}
            </Tag>
          </Space>
          {!created && (
            <div style={{ marginTop: 4 }}>
              <ChangeValue field={c.field} value={c.oldValue} /> <Typography.Text type="secondary">→</Typography.Text> <ChangeValue field={c.field} value={c.newValue} />
            </div>
          )}
          {created && c.newValue && (
            <div style={{ marginTop: 4 }}>
              <ChangeValue field={c.field} value={c.newValue} />
            </div>
          )}
          {c.note && (
            <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }} type="secondary">
              {t('history.note')}: {c.note}
            </Typography.Paragraph>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDateTime(c.at, i18n.language)} · {c.actorName || t('audit.system')}
          </Typography.Text>
        </div>
      ),
    };
  };

  return (
    <Card
      size="small"
      title={
        <Space size={6}>
          <HistoryOutlined />
          {t('history.title')}
        </Space>
      }
    >
      <div data-testid="asset-history">
        <ErrorAlert error={list.error} />
        {list.isPending ? (
          <Skeleton active />
        ) : list.items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('history.none')} />
        ) : (
          <Timeline items={list.items.map(item)} />
        )}
        <LoadMore count={list.items.length} hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onLoadMore={() => void list.fetchNextPage()} />
      </div>
    </Card>
  );
}

/** One device: its record, warranty, place in the hierarchy, custom fields, repair records and change history. */
export function AssetPage() {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const isPhone = useIsPhone();
  const paths = useCustomerPaths();
  const id = Number(useParams().id);
  const [editOpen, setEditOpen] = useState(false);
  const valid = Number.isInteger(id) && id > 0;
  const query = useQuery({ queryKey: ['asset', id], queryFn: () => getAsset(id), enabled: valid });
  const a = query.data;
  const parentId = a?.parentId ?? null;
  const parent = useQuery({ queryKey: ['asset', parentId], queryFn: () => getAsset(parentId ?? 0), enabled: parentId !== null });

  if (!valid || (isApiError(query.error) && query.error.status === 404)) {
    return <Result status="404" title={t('assets.notFound')} extra={<Link to={paths.assets}><Button type="primary">{t('assets.backToList')}</Button></Link>} />;
  }
  if (query.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (!a) return <ErrorAlert error={query.error} />;

  const parentLabel = parent.data ? `${parent.data.serialNumber} · ${parent.data.vendor} ${parent.data.model}` : parentId ? `#${parentId}` : null;
  const customFields = Object.entries(a.customFields ?? {});
  const dash = (v: string | null | undefined) => (v ? v : '—');

  const componentColumns: TableColumnsType<AssetComponent> = [
    {
      title: t('asset.serialNumber'),
      dataIndex: 'serialNumber',
      width: 160,
      render: (v: string, c) => <Link to={paths.asset(c.id)}>{v}</Link>,
    },
    { title: t('asset.vendor'), dataIndex: 'vendor', width: 110 },
    { title: t('asset.model'), dataIndex: 'model', width: 160 },
    { title: t('asset.category'), dataIndex: 'category', width: 90, render: (v: string) => enumLabel(t, 'category', v) },
    { title: t('asset.status'), dataIndex: 'status', width: 100, render: (v: AssetStatus) => <AssetStatusTag status={v} /> },
  ];

  return (
    <>
      <PageHeader
        title={
          <Space size={8} wrap>
            <Link to={paths.customer ? `${paths.customer(a.customerId)}?tab=assets` : paths.assets} aria-label={t('common.back')}>
              <ArrowLeftOutlined />
            </Link>
            <span data-testid="asset-title">{a.serialNumber}</span>
            <Typography.Text type="secondary" style={{ fontSize: 14, fontWeight: 'normal' }}>
              {a.vendor} {a.model}
            </Typography.Text>
            <AssetStatusTag status={a.status} />
          </Space>
        }
        extra={
          canWrite(me, 'assets') && (
            <Button icon={<EditOutlined />} onClick={() => setEditOpen(true)} data-testid="asset-edit">
              {t('common.edit')}
            </Button>
          )
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card size="small" title={t('asset.warranty')}>
              <WarrantyBadge warranty={a.warranty} />
              <Descriptions size="small" column={isPhone ? 1 : 2} style={{ marginTop: 12 }}>
                <Descriptions.Item label={t('asset.warrantyEnd')}>{dash(a.warrantyEnd)}</Descriptions.Item>
                <Descriptions.Item label={t('asset.warrantyCardNo')}>{dash(a.warrantyCardNo)}</Descriptions.Item>
                <Descriptions.Item label={t('asset.installDate')}>{dash(a.installDate)}</Descriptions.Item>
                <Descriptions.Item label={t('asset.contract')}>
                  {a.contractId ? <Link to={paths.contract(a.contractId)}>{a.contractNumber ?? `#${a.contractId}`}</Link> : t('asset.noContract')}
                </Descriptions.Item>
              </Descriptions>
            </Card>
            <Card size="small" title={t('assets.details')}>
              <Descriptions size="small" column={isPhone ? 1 : 2} data-testid="asset-fields" styles={{ label: { whiteSpace: 'nowrap' } }}>
                <Descriptions.Item label={t('asset.serialNumber')}>
                  <Typography.Text copyable>{a.serialNumber}</Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label={t('asset.vendor')}>{a.vendor}</Descriptions.Item>
                <Descriptions.Item label={t('asset.model')}>{a.model}</Descriptions.Item>
                <Descriptions.Item label={t('asset.category')}>{enumLabel(t, 'category', a.category)}</Descriptions.Item>
                <Descriptions.Item label={t('asset.customer')}>
                  {paths.customer ? <Link to={paths.customer(a.customerId)}>{a.customerName}</Link> : a.customerName}
                </Descriptions.Item>
                <Descriptions.Item label={t('asset.site')}>{dash(a.siteName)}</Descriptions.Item>
                <Descriptions.Item label={t('asset.room')}>{dash(a.room)}</Descriptions.Item>
                <Descriptions.Item label={t('asset.rackUnit')}>{dash([a.rack, a.unit].filter(Boolean).join(' · '))}</Descriptions.Item>
                <Descriptions.Item label={t('asset.softwareVersion')}>{dash(a.softwareVersion)}</Descriptions.Item>
                <Descriptions.Item label={t('asset.firmwareVersion')}>
                  <span data-testid="asset-firmware">{dash(a.firmwareVersion)}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('asset.ipAddress')}>{dash(a.ipAddress)}</Descriptions.Item>
                <Descriptions.Item label={t('asset.hostname')}>{dash(a.hostname)}</Descriptions.Item>
                <Descriptions.Item label={t('asset.parent')} span={isPhone ? 1 : 2}>
                  {parentId ? (
                    <Link to={paths.asset(parentId)} data-testid="asset-parent">
                      {parentLabel}
                    </Link>
                  ) : (
                    '—'
                  )}
                </Descriptions.Item>
                <Descriptions.Item label={t('common.updatedAt')}>{formatDateTime(a.updatedAt, i18n.language)}</Descriptions.Item>
                {a.notes && (
                  <Descriptions.Item label={t('asset.notes')} span={isPhone ? 1 : 2}>
                    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{a.notes}</Typography.Paragraph>
                  </Descriptions.Item>
                )}
              </Descriptions>
            </Card>
            <Card size="small" title={t('asset.customFields')}>
              {customFields.length ? (
                <Descriptions size="small" column={1} bordered data-testid="asset-custom-fields">
                  {customFields.map(([k, v]) => (
                    <Descriptions.Item key={k} label={k}>
                      {v || '—'}
                    </Descriptions.Item>
                  ))}
                </Descriptions>
              ) : (
                <Typography.Text type="secondary">{t('assets.noCustomFields')}</Typography.Text>
              )}
            </Card>
            <Card size="small" title={t('assets.components', { count: a.components.length })}>
              <Table<AssetComponent>
                rowKey="id"
                size="small"
                columns={componentColumns}
                dataSource={a.components}
                pagination={false}
                scroll={{ x: 620 }}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('assets.noComponents')} /> }}
                data-testid="asset-components"
              />
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={10}>
          {/* 维保专项档案 (R13): repair records and satisfaction, then every change to the record */}
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <AssetRepairs assetId={a.id} />
            <AssetHistory assetId={a.id} />
          </Space>
        </Col>
      </Row>
      {canWrite(me, 'assets') && (
        <AssetFormDrawer open={editOpen} asset={a} parentLabel={parentLabel} onClose={() => setEditOpen(false)} />
      )}
    </>
  );
}
