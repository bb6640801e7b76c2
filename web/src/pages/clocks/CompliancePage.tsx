import { BarChartOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Empty, Flex, Progress, Row, Segmented, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { clockCompliance, complianceExportUrl, listClockBreaches, listTeams } from '../../api/client';
import {
  CLOCK_KINDS,
  COMPLIANCE_GROUPINGS,
  FAULT_GRADES,
  type ClockBreach,
  type ClockKind,
  type ComplianceFilters,
  type ComplianceGroup,
  type ComplianceGroupBy,
  type FaultGrade,
} from '../../api/types';
import { CustomerSelect } from '../../components/CustomerSelect';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportButtons } from '../../components/ExportButtons';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { clockKindLabel } from '../../components/clocks';
import { toDay } from '../../components/days';
import { formatSpan } from '../../components/durations';
import { formatDateTime } from '../../components/format';
import { useIsPhone } from '../../components/useIsPhone';
import { useKeysetList } from '../../components/useKeysetList';

interface Choices {
  range?: [Dayjs | null, Dayjs | null] | null;
  clockKind?: ClockKind;
  grade?: FaultGrade;
  customerId?: number;
  teamId?: number;
}

/** Green from 95 %, orange from 80 %, red below: how the service manager reads a share of clocks met. */
function shareColor(share: number): string {
  return share >= 0.95 ? '#52c41a' : share >= 0.8 ? '#fa8c16' : '#f5222d';
}

function percent(share: number | null): string {
  return share === null ? '—' : `${(Math.round(share * 1000) / 10).toFixed(1)} %`;
}

function ShareBar({ share }: { share: number | null }) {
  const { t } = useTranslation();
  if (share === null) return <Typography.Text type="secondary">{t('compliance.undecided')}</Typography.Text>;
  return (
    <Flex align="center" gap={8}>
      <Progress percent={share * 100} showInfo={false} strokeColor={shareColor(share)} size="small" style={{ flex: 1, margin: 0, minWidth: 80 }} aria-hidden />
      <span style={{ width: 60, textAlign: 'end', fontVariantNumeric: 'tabular-nums' }}>{percent(share)}</span>
    </Flex>
  );
}

/** 服务时限达标率 (R4, R19): share of clocks met per clock, grade, customer, contract, team or month, with the breaches. */
export function CompliancePage() {
  const { t, i18n } = useTranslation();
  const isPhone = useIsPhone();
  const [choices, setChoices] = useState<Choices>({});
  const [groupBy, setGroupBy] = useState<ComplianceGroupBy>('clock');
  const teams = useQuery({ queryKey: ['teams', 'picker'], queryFn: async () => (await listTeams({ limit: 200 })).items, staleTime: 60_000 });

  const filters = useMemo<ComplianceFilters>(() => {
    const [from, to] = choices.range ?? [null, null];
    return {
      from: toDay(from) ?? undefined,
      to: toDay(to) ?? undefined,
      clockKind: choices.clockKind,
      grade: choices.grade,
      customerId: choices.customerId,
      teamId: choices.teamId,
    };
  }, [choices]);
  // labels come in the request's language
  const lang = i18n.language;
  const report = useQuery({
    queryKey: ['clock-compliance', 'report', lang, filters, groupBy],
    queryFn: () => clockCompliance({ ...filters, groupBy }),
    placeholderData: keepPreviousData,
  });
  const breaches = useKeysetList(['clock-compliance', 'breaches', lang, filters], (cursor) => listClockBreaches({ ...filters, cursor, limit: 30 }));
  const overall = report.data?.overall;
  // Until a period is chosen, the picker shows the server's default (the last 30 days to today).
  const shownRange: [Dayjs | null, Dayjs | null] | null =
    choices.range ?? (report.data ? [dayjs(report.data.from), dayjs(report.data.to)] : null);
  const chosen = Object.values(choices).some((v) => v !== undefined && v !== null);

  const groupColumns: TableColumnsType<ComplianceGroup> = [
    {
      title: t(`compliance.groupBy.${groupBy}`),
      dataIndex: 'label',
      width: 240,
      ellipsis: true,
      // clocks and grades in the console's words; the rest are names
      render: (label: string, g) => (groupBy === 'clock' ? clockKindLabel(t, String(g.key)) : groupBy === 'grade' ? t(`ticketGrade.${g.key}`, { defaultValue: label }) : label),
    },
    { title: t('compliance.share'), dataIndex: 'compliance', width: 260, render: (v: number | null) => <ShareBar share={v} /> },
    { title: t('compliance.met'), dataIndex: 'met', width: 90, align: 'right' },
    { title: t('compliance.breached'), dataIndex: 'breached', width: 90, align: 'right', render: (v: number) => (v > 0 ? <Typography.Text type="danger">{v}</Typography.Text> : v) },
    { title: t('compliance.open'), dataIndex: 'open', width: 90, align: 'right' },
    { title: t('compliance.total'), dataIndex: 'total', width: 90, align: 'right' },
  ];

  const breachColumns: TableColumnsType<ClockBreach> = [
    {
      title: t('ticket.number'),
      dataIndex: 'ticketNumber',
      width: 170,
      render: (v: string | null, b) => (
        <Link to={`/tickets/${b.ticketId}`} data-testid={`breach-${v ?? b.ticketId}-${b.clockKind}`} style={{ whiteSpace: 'nowrap' }}>
          {v ?? `#${b.ticketId}`}
        </Link>
      ),
    },
    { title: t('compliance.clock'), dataIndex: 'clockKind', width: 110, render: (v: ClockKind) => clockKindLabel(t, v) },
    { title: t('ticket.grade'), dataIndex: 'grade', width: 170, render: (v: FaultGrade) => <Tag color={v === 'general' ? 'default' : 'red'} style={{ marginInlineEnd: 0 }}>{t(`ticketGrade.${v}`)}</Tag> },
    { title: t('ticket.customer'), dataIndex: 'customerName', width: 180, ellipsis: true },
    { title: t('ticket.team'), dataIndex: 'teamName', width: 140, ellipsis: true, render: (v: string | null) => v ?? '—' },
    { title: t('ticket.owner'), dataIndex: 'ownerName', width: 100, render: (v: string | null) => v ?? '—' },
    { title: t('clocks.deadline'), dataIndex: 'deadline', width: 150, render: (v: number) => formatDateTime(v, lang) },
    {
      title: t('compliance.stopped'),
      dataIndex: 'stoppedAt',
      width: 150,
      render: (v: number | null) => (v === null ? <Tag color="red" style={{ marginInlineEnd: 0 }}>{t('compliance.stillRunning')}</Tag> : formatDateTime(v, lang)),
    },
    { title: t('compliance.overdue'), dataIndex: 'overdueMs', width: 120, render: (v: number) => <Typography.Text type="danger">{formatSpan(v, t)}</Typography.Text> },
  ];

  const selectWidth = isPhone ? 'calc(50% - 4px)' : 160;
  return (
    <>
      <PageHeader
        title={
          <Space size={8}>
            <BarChartOutlined />
            {t('compliance.title')}
          </Space>
        }
        extra={<ExportButtons formats={['xlsx']} urlFor={() => complianceExportUrl(filters)} testIdPrefix="compliance" />}
      />
      <Flex gap={8} wrap style={{ marginBottom: 12 }} data-testid="compliance-filters">
        <DatePicker.RangePicker
          value={shownRange}
          onChange={(v) => setChoices((c) => ({ ...c, range: v }))}
          style={{ width: isPhone ? '100%' : 260 }}
          aria-label={t('compliance.period')}
          data-testid="compliance-period"
        />
        <Select<ClockKind>
          allowClear
          placeholder={t('compliance.clock')}
          value={choices.clockKind}
          onChange={(v) => setChoices((c) => ({ ...c, clockKind: v }))}
          options={CLOCK_KINDS.map((k) => ({ value: k, label: clockKindLabel(t, k) }))}
          style={{ width: selectWidth }}
          aria-label={t('compliance.clock')}
        />
        <Select<FaultGrade>
          allowClear
          placeholder={t('ticket.grade')}
          value={choices.grade}
          onChange={(v) => setChoices((c) => ({ ...c, grade: v }))}
          options={FAULT_GRADES.map((g) => ({ value: g, label: t(`ticketGrade.${g}`) }))}
          style={{ width: selectWidth }}
          aria-label={t('ticket.grade')}
        />
        <CustomerSelect allowClear value={choices.customerId} onChange={(v) => setChoices((c) => ({ ...c, customerId: v }))} style={{ width: isPhone ? '100%' : 220 }} />
        <Select<number>
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('ticket.team')}
          value={choices.teamId}
          onChange={(v) => setChoices((c) => ({ ...c, teamId: v }))}
          options={(teams.data ?? []).map((tm) => ({ value: tm.id, label: tm.name }))}
          loading={teams.isPending}
          style={{ width: isPhone ? '100%' : 180 }}
          aria-label={t('ticket.team')}
        />
        {chosen && (
          <Button icon={<ReloadOutlined />} onClick={() => setChoices({})}>
            {t('common.reset')}
          </Button>
        )}
      </Flex>
      <ErrorAlert error={report.error} />
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }} data-testid="compliance-overall">
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('compliance.share')}
              value={overall?.compliance === null || overall === undefined ? '—' : Math.round(overall.compliance * 1000) / 10}
              suffix={overall?.compliance !== null && overall !== undefined ? '%' : undefined}
              loading={report.isPending}
              styles={{ content: { color: overall?.compliance != null ? shareColor(overall.compliance) : undefined } }}
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('compliance.met')} value={overall?.met ?? 0} loading={report.isPending} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('compliance.breached')} value={overall?.breached ?? 0} loading={report.isPending} styles={{ content: { color: overall?.breached ? '#f5222d' : undefined } }} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('compliance.open')} value={overall?.open ?? 0} loading={report.isPending} />
          </Card>
        </Col>
      </Row>
      <Card
        size="small"
        title={t('compliance.byGroup')}
        extra={
          isPhone ? (
            <Select<ComplianceGroupBy>
              value={groupBy}
              onChange={setGroupBy}
              options={COMPLIANCE_GROUPINGS.map((g) => ({ value: g, label: t(`compliance.groupBy.${g}`) }))}
              style={{ width: 120 }}
              aria-label={t('compliance.groupByLabel')}
            />
          ) : (
            <Segmented<ComplianceGroupBy>
              value={groupBy}
              onChange={setGroupBy}
              options={COMPLIANCE_GROUPINGS.map((g) => ({ value: g, label: <span data-testid={`compliance-group-${g}`}>{t(`compliance.groupBy.${g}`)}</span> }))}
              aria-label={t('compliance.groupByLabel')}
            />
          )
        }
        style={{ marginBottom: 16 }}
      >
        <Table<ComplianceGroup>
          rowKey={(g) => String(g.key)}
          columns={groupColumns}
          dataSource={report.data?.groups ?? []}
          loading={report.isPending || (report.isFetching && report.isPlaceholderData)}
          pagination={false}
          size="small"
          scroll={{ x: 860 }}
          onRow={(g) => ({ 'data-testid': `compliance-row-${g.key}` }) as React.HTMLAttributes<HTMLElement>}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('compliance.empty')} /> }}
          data-testid="compliance-groups"
        />
      </Card>
      <Card size="small" title={t('compliance.breaches')} data-testid="compliance-breaches">
        <ErrorAlert error={breaches.error} />
        <Table<ClockBreach>
          rowKey={(b) => `${b.ticketId}-${b.clockKind}`}
          columns={breachColumns}
          dataSource={breaches.items}
          loading={breaches.isPending && !breaches.error}
          pagination={false}
          size="small"
          scroll={{ x: 1290 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('compliance.noBreaches')} /> }}
        />
        <LoadMore count={breaches.items.length} hasMore={!!breaches.hasNextPage} loading={breaches.isFetchingNextPage} onLoadMore={() => void breaches.fetchNextPage()} />
      </Card>
    </>
  );
}
