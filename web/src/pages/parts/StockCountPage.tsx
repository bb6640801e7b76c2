import { ArrowLeftOutlined, CheckOutlined, PlusOutlined, SearchOutlined, UndoOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Flex, InputNumber, Popconfirm, Result, Skeleton, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { countStock, getStore, listStock, type CountResult, type Part, type StockLevel } from '../../api/parts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useCurrentUser } from '../../components/session';
import { canManageParts } from './access';
import { Delta, STOCK_KEY, STORES_KEY, SerialTrackedTag, StoreKindTag } from './labels';
import { PartSelect, SerialsInput } from './pickers';

interface Line {
  partId: number;
  partNumber: string;
  description: string;
  serialTracked: boolean;
  /** On hand by the ledger when the count started; null for a part the store never held. */
  expected: number | null;
  /** Bulk parts: the number counted; null while not counted. */
  counted: number | null;
  /** Serial-tracked parts: the serials found; null while not counted. */
  serials: string[] | null;
}

const countedOf = (l: Line): number | null => (l.serialTracked ? (l.serials?.length ?? null) : l.counted);

/** Every level of the store: a count covers the whole store, however many pages it takes. */
async function allLevels(storeId: number): Promise<StockLevel[]> {
  const items: StockLevel[] = [];
  let cursor: string | undefined;
  do {
    const page = await listStock({ storeId, cursor, limit: 200 });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

const fromLevel = (l: StockLevel): Line => ({
  partId: l.partId,
  partNumber: l.partNumber,
  description: l.description,
  serialTracked: l.serialTracked,
  expected: l.onHand,
  counted: null,
  serials: null,
});

/**
 * 盘点 (issue 7 item 3): what was counted in a store against what the ledger says is on hand. The
 * server reports the differences (and for serial-tracked parts the serials missing or not
 * expected); applying writes them as adjustments with the reason "stock count".
 */
export function StockCountPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const me = useCurrentUser();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const store = useQuery({ queryKey: [...STORES_KEY, 'one', id], queryFn: () => getStore(id), enabled: valid });
  const levels = useQuery({ queryKey: [...STOCK_KEY, 'count', id], queryFn: () => allLevels(id), enabled: valid, staleTime: Infinity, gcTime: 0 });
  const [lines, setLines] = useState<Line[]>([]);
  const [adding, setAdding] = useState<{ id?: number; part?: Part }>({});
  const [result, setResult] = useState<CountResult | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (levels.data) setLines(levels.data.map(fromLevel));
  }, [levels.data]);

  const update = (partId: number, patch: Partial<Line>) => {
    setResult(null);
    setLines((ls) => ls.map((l) => (l.partId === partId ? { ...l, ...patch } : l)));
  };
  const counted = lines.filter((l) => countedOf(l) !== null);

  const run = useMutation({
    mutationFn: (apply: boolean) =>
      countStock(
        id,
        counted.map((l) => (l.serialTracked ? { partId: l.partId, counted: l.serials!.length, serials: l.serials! } : { partId: l.partId, counted: l.counted! })),
        apply,
      ),
    onMutate: () => setError(null),
    onSuccess: (r) => {
      setResult(r);
      if (r.applied) {
        message.success(t('parts.count.appliedOk', { count: r.lines.filter((l) => l.difference !== 0 || l.missingSerials.length > 0 || l.unexpectedSerials.length > 0).length }));
        void qc.invalidateQueries({ queryKey: STOCK_KEY });
      }
    },
    onError: (e) => setError(e),
  });

  if (!valid || (isApiError(store.error) && store.error.status === 404)) {
    return <Result status="404" title={t('parts.stores.notFound')} extra={<Link to="/parts/stores"><Button type="primary">{t('parts.stores.back')}</Button></Link>} />;
  }
  if (!canManageParts(me)) return <Result status="403" title="403" subTitle={t('error.forbiddenPage')} />;
  if (store.isPending || levels.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (!store.data) return <ErrorAlert error={store.error} />;
  const s = store.data;
  const resultOf = (partId: number) => result?.lines.find((r) => r.partId === partId);

  const columns: TableColumnsType<Line> = [
    {
      title: t('parts.partNumber'),
      dataIndex: 'partNumber',
      width: 180,
      render: (v: string, l) => (
        <Flex vertical gap={2}>
          <Space size={4} wrap>
            <Typography.Text strong>{v}</Typography.Text>
            {l.serialTracked && <SerialTrackedTag />}
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {l.description}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('parts.count.expected'), dataIndex: 'expected', width: 90, align: 'right', render: (v: number | null, l) => (result && !result.applied ? resultOf(l.partId)?.expected : undefined) ?? v ?? 0 },
    {
      title: t('parts.count.counted'),
      key: 'counted',
      width: 320,
      render: (_, l) =>
        l.serialTracked ? (
          <Flex vertical gap={4}>
            <SerialsInput value={l.serials ?? []} onChange={(serials) => update(l.partId, { serials })} placeholder={t('parts.count.serialsPlaceholder')} data-testid={`count-serials-${l.partId}`} />
            <Space size={8}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {l.serials === null ? t('parts.count.notCounted') : t('parts.count.serialsCounted', { count: l.serials.length })}
              </Typography.Text>
              {l.serials === null ? (
                <Button size="small" type="link" onClick={() => update(l.partId, { serials: [] })} data-testid={`count-none-${l.partId}`}>
                  {t('parts.count.noneFound')}
                </Button>
              ) : (
                <Button size="small" type="link" icon={<UndoOutlined />} onClick={() => update(l.partId, { serials: null })}>
                  {t('parts.count.clear')}
                </Button>
              )}
            </Space>
          </Flex>
        ) : (
          <InputNumber
            min={0}
            max={1_000_000}
            precision={0}
            value={l.counted}
            onChange={(v) => update(l.partId, { counted: v })}
            placeholder={t('parts.count.notCounted')}
            inputMode="numeric"
            style={{ width: 120 }}
            data-testid={`count-qty-${l.partId}`}
          />
        ),
    },
    {
      title: t('parts.count.difference'),
      key: 'difference',
      width: 220,
      render: (_, l) => {
        const r = result && !result.applied ? resultOf(l.partId) : undefined;
        const c = countedOf(l);
        if (c === null) return <Typography.Text type="secondary">—</Typography.Text>;
        const difference = r ? r.difference : c - (l.expected ?? 0);
        return (
          <Flex vertical gap={2} data-testid={`count-diff-${l.partId}`} data-difference={difference}>
            {difference === 0 && !r?.missingSerials.length && !r?.unexpectedSerials.length ? <Tag color="green" style={{ marginInlineEnd: 0, width: 'fit-content' }}>{t('parts.count.matches')}</Tag> : <Delta value={difference} />}
            {r && r.missingSerials.length > 0 && (
              <Typography.Text type="danger" style={{ fontSize: 12 }}>
                {t('parts.count.missing', { serials: r.missingSerials.join(', ') })}
              </Typography.Text>
            )}
            {r && r.unexpectedSerials.length > 0 && (
              <Typography.Text type="warning" style={{ fontSize: 12 }}>
                {t('parts.count.unexpected', { serials: r.unexpectedSerials.join(', ') })}
              </Typography.Text>
            )}
          </Flex>
        );
      },
    },
  ];

  const differences = result?.lines.filter((l) => l.difference !== 0 || l.missingSerials.length > 0 || l.unexpectedSerials.length > 0).length ?? 0;
  return (
    <>
      <PageHeader
        title={
          <Space size={8} wrap>
            <Link to={`/parts/stores/${s.id}`} aria-label={t('common.back')}>
              <ArrowLeftOutlined />
            </Link>
            {t('parts.count.title', { name: s.name })}
            <StoreKindTag kind={s.kind} />
          </Space>
        }
      />
      <Typography.Paragraph type="secondary" style={{ maxWidth: 820 }}>
        {t('parts.count.intro')}
      </Typography.Paragraph>
      <ErrorAlert error={error ?? levels.error} />
      {result && (
        <Alert
          type={result.applied ? 'success' : differences > 0 ? 'warning' : 'success'}
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="count-result"
          data-applied={result.applied ? '1' : '0'}
          title={result.applied ? t('parts.count.appliedTitle', { count: differences }) : differences > 0 ? t('parts.count.differencesTitle', { count: differences }) : t('parts.count.noDifferences')}
          description={result.applied ? undefined : differences > 0 ? t('parts.count.applyHint') : undefined}
        />
      )}
      <Card size="small">
        <Table<Line>
          rowKey="partId"
          size="small"
          columns={columns}
          dataSource={lines}
          pagination={false}
          scroll={{ x: 820 }}
          onRow={(l) => ({ 'data-testid': `count-line-${l.partId}` }) as React.HTMLAttributes<HTMLElement>}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('parts.count.empty')} /> }}
        />
        <Flex gap={8} wrap align="center" style={{ marginTop: 16 }}>
          <PartSelect value={adding.id} onChange={(partId, part) => setAdding({ id: partId, part })} placeholder={t('parts.count.addPart')} style={{ width: 280, maxWidth: '100%' }} data-testid="count-add-part" />
          <Button
            icon={<PlusOutlined />}
            disabled={!adding.part || lines.some((l) => l.partId === adding.id)}
            onClick={() => {
              const p = adding.part!;
              setLines((ls) => [...ls, { partId: p.id, partNumber: p.partNumber, description: p.description, serialTracked: p.serialTracked, expected: null, counted: null, serials: null }]);
              setAdding({});
            }}
            data-testid="count-add"
          >
            {t('parts.count.add')}
          </Button>
        </Flex>
      </Card>
      <Flex gap={8} justify="flex-end" wrap style={{ marginTop: 16 }}>
        <Typography.Text type="secondary" style={{ alignSelf: 'center' }}>
          {t('parts.count.progress', { counted: counted.length, total: lines.length })}
        </Typography.Text>
        <Button icon={<SearchOutlined />} disabled={counted.length === 0} loading={run.isPending && run.variables === false} onClick={() => run.mutate(false)} data-testid="count-check">
          {t('parts.count.check')}
        </Button>
        <Popconfirm
          title={t('parts.count.applyConfirm')}
          description={t('parts.count.applyDetail')}
          okText={t('parts.count.apply')}
          okButtonProps={{ 'data-testid': 'confirm-ok' }}
          cancelText={t('common.cancel')}
          onConfirm={() => run.mutateAsync(true).catch(() => undefined)}
          disabled={counted.length === 0}
        >
          <Button type="primary" icon={<CheckOutlined />} disabled={counted.length === 0 || result?.applied} loading={run.isPending && run.variables === true} data-testid="count-apply">
            {t('parts.count.apply')}
          </Button>
        </Popconfirm>
      </Flex>
    </>
  );
}
