import { ToolOutlined } from '@ant-design/icons';
import { Card, Col, Empty, Flex, List, Row, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { listAssetRepairs, type AssetRepairs as Repairs, type RepairRecord } from '../../api/field';
import type { TicketKind, TicketStatus } from '../../api/types';
import { enumLabel } from '../../components/assetLabels';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadMore } from '../../components/LoadMore';
import { formatDateTime } from '../../components/format';
import { DispatchStateTag, FormStateTag, SatisfactionTag } from '../field/labels';
import { TicketKindTag, TicketStatusTag } from '../tickets/labels';

const PAGE = 20;

function Counts({ counts }: { counts: Repairs['counts'] }) {
  const { t } = useTranslation();
  const cells = [
    { key: 'tickets', value: counts.tickets },
    { key: 'visits', value: counts.visits },
    { key: 'signedForms', value: counts.signedForms },
    { key: 'satisfied', value: counts.satisfied, color: '#389e0d' },
    { key: 'average', value: counts.average, color: '#d48806' },
    { key: 'dissatisfied', value: counts.dissatisfied, color: counts.dissatisfied > 0 ? '#cf1322' : undefined },
  ];
  return (
    <Row gutter={[12, 12]} data-testid="repairs-counts">
      {cells.map((c) => (
        <Col key={c.key} xs={8} sm={4}>
          <Statistic title={t(`field.repairs.count.${c.key}`)} value={c.value} styles={{ content: { fontSize: 20, color: c.color } }} data-testid={`repairs-count-${c.key}`} />
        </Col>
      ))}
    </Row>
  );
}

function RepairItem({ r }: { r: RepairRecord }) {
  const { t, i18n } = useTranslation();
  const at = (ms: number | null) => formatDateTime(ms, i18n.language);
  return (
    <List.Item key={r.ticketId} data-testid={`repair-${r.ticketId}`}>
      <Flex vertical gap={6} style={{ width: '100%' }}>
        <Flex justify="space-between" gap={8} wrap>
          <Link to={`/tickets/${r.ticketId}`}>
            <Typography.Text strong style={{ color: 'inherit' }}>
              {r.ticketNumber}
            </Typography.Text>{' '}
            {r.title}
          </Link>
          <Space size={4} wrap>
            <TicketKindTag kind={r.kind as TicketKind} />
            <TicketStatusTag status={r.status as TicketStatus} />
          </Space>
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {at(r.createdAt)}
          {r.closedAt !== null && ` – ${at(r.closedAt)}`}
        </Typography.Text>
        {r.resolution && (
          <div data-testid="repair-resolution">
            <Tag color="green" style={{ marginInlineEnd: 6 }}>
              {enumLabel(t, 'field.resolutionMethod', r.resolution.method)}
            </Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('field.repairs.restoredAt', { time: at(r.resolution.restoredAt) })}
            </Typography.Text>
            {r.resolution.rootCause && (
              <Typography.Paragraph type="secondary" style={{ margin: '2px 0 0', fontSize: 12, whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 2, expandable: true, symbol: t('field.repairs.more') }}>
                {t('field.repairs.rootCause', { cause: r.resolution.rootCause })}
              </Typography.Paragraph>
            )}
          </div>
        )}
        {r.visits.map((v) => (
          <Flex key={v.id} gap={6} align="center" wrap style={{ paddingInlineStart: 12, borderInlineStart: '2px solid #f0f0f0' }} data-testid={`repair-visit-${v.id}`}>
            <Typography.Text style={{ fontSize: 13 }}>{v.number}</Typography.Text>
            <DispatchStateTag state={v.state} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {v.engineers.join('、')}
              {v.arrivedAt !== null && ` · ${t('field.times.arrived')} ${at(v.arrivedAt)}`}
            </Typography.Text>
            {v.form && <FormStateTag state={v.form.state} />}
            {v.form?.satisfaction && <SatisfactionTag value={v.form.satisfaction} />}
          </Flex>
        ))}
      </Flex>
    </List.Item>
  );
}

/** 维保专项档案 · 现场维修记录 (R13): the device's tickets, visits and satisfaction, with counts. */
export function AssetRepairs({ assetId }: { assetId: number }) {
  const { t } = useTranslation();
  const query = useInfiniteQuery({
    queryKey: ['asset', assetId, 'repairs'],
    queryFn: ({ pageParam }) => listAssetRepairs(assetId, { cursor: pageParam, limit: PAGE }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const pages = query.data?.pages ?? [];
  const items = pages.flatMap((p) => p.items);
  const counts = pages[0]?.counts;
  return (
    <Card
      size="small"
      title={
        <Space size={6}>
          <ToolOutlined />
          {t('field.repairs.title')}
        </Space>
      }
      data-testid="asset-repairs"
    >
      <ErrorAlert error={query.error} />
      {query.isPending ? (
        <Skeleton active />
      ) : (
        <Flex vertical gap={12}>
          {counts && <Counts counts={counts} />}
          {items.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('field.repairs.none')} style={{ margin: 0 }} />
          ) : (
            <List size="small" dataSource={items} renderItem={(r) => <RepairItem r={r} />} />
          )}
        </Flex>
      )}
      <LoadMore count={items.length} hasMore={!!query.hasNextPage} loading={query.isFetchingNextPage} onLoadMore={() => void query.fetchNextPage()} />
    </Card>
  );
}
