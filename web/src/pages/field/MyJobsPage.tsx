import { ClockCircleOutlined, EnvironmentOutlined, HddOutlined, PhoneOutlined, ReloadOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Segmented, Skeleton, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { listMyDispatches, type Dispatch, type MyJobsScope } from '../../api/field';
import type { TicketGrade } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../components/format';
import { TicketGradeTag } from '../tickets/labels';
import { DispatchStateTag, SatisfactionTag } from './labels';

const SCOPES: readonly MyJobsScope[] = ['today', 'open', 'done'];
// an engineer looks again on arriving somewhere: a minute's poll keeps new jobs coming in
const JOBS_POLL_MS = 60_000;

function Line({ icon, children }: { icon: React.ReactNode; children: React.ReactNode }) {
  return (
    <Flex gap={8} align="flex-start">
      <span style={{ color: '#8c8c8c', flex: 'none', width: 16 }}>{icon}</span>
      <div style={{ minWidth: 0, flex: 1, wordBreak: 'break-word' }}>{children}</div>
    </Flex>
  );
}

/** One job: tapping it opens the visit; the caller's number dials without opening it. */
function JobCard({ job }: { job: Dispatch }) {
  const { i18n } = useTranslation();
  const navigate = useNavigate();
  const to = `/field/visits/${job.id}`;
  return (
    <Card
      size="small"
      hoverable
      onClick={() => void navigate(to)}
      style={{ cursor: 'pointer' }}
      data-testid="job-card"
      data-dispatch-id={job.id}
      data-state={job.state}
    >
      <Flex vertical gap={6}>
        <Flex justify="space-between" align="center" gap={8} wrap>
          <Link to={to} onClick={(e) => e.stopPropagation()} style={{ fontWeight: 600 }} data-testid="job-number">
            {job.number}
          </Link>
          <Space size={4} wrap>
            {job.form?.satisfaction && <SatisfactionTag value={job.form.satisfaction} />}
            <DispatchStateTag state={job.state} />
          </Space>
        </Flex>
        <Line icon={<ClockCircleOutlined />}>
          <Typography.Text strong>{formatDateTime(job.plannedAt, i18n.language)}</Typography.Text>
        </Line>
        <Typography.Text>
          {job.grade && (
            <>
              <TicketGradeTag grade={job.grade as TicketGrade} />{' '}
            </>
          )}
          {job.ticketTitle}
        </Typography.Text>
        <Line icon={<UserOutlined />}>{job.customerName}</Line>
        {job.site && (
          <Line icon={<EnvironmentOutlined />}>
            {job.site.name}
            {job.site.address && (
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {job.site.address}
              </Typography.Text>
            )}
          </Line>
        )}
        {job.asset && (
          <Line icon={<HddOutlined />}>
            <Typography.Text code>{job.asset.serial}</Typography.Text> {job.asset.model}
          </Line>
        )}
        {(job.callerName || job.callerPhone) && (
          <Line icon={<PhoneOutlined />}>
            {job.callerName}
            {job.callerPhone && (
              <>
                {' '}
                <a href={`tel:${job.callerPhone.replace(/[^\d+]/g, '')}`} onClick={(e) => e.stopPropagation()} data-testid="job-call">
                  {job.callerPhone}
                </a>
              </>
            )}
          </Line>
        )}
      </Flex>
    </Card>
  );
}

function JobsSkeleton() {
  return (
    <Flex vertical gap={12} data-testid="jobs-loading">
      {[0, 1, 2].map((i) => (
        <Card key={i} size="small">
          <Skeleton active title={{ width: '50%' }} paragraph={{ rows: 3 }} />
        </Card>
      ))}
    </Flex>
  );
}

/** 我的派工: the signed-in engineer's visits, today's, open or done, as cards for a phone. */
export function MyJobsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const asked = params.get('scope') as MyJobsScope | null;
  const scope: MyJobsScope = asked && SCOPES.includes(asked) ? asked : 'open';
  const query = useQuery({ queryKey: ['dispatches', 'mine', scope], queryFn: () => listMyDispatches(scope), refetchInterval: JOBS_POLL_MS });
  const items = query.data?.items ?? [];

  return (
    <div style={{ maxWidth: 720, margin: '0 auto' }}>
      <PageHeader
        title={t('field.jobs.title')}
        extra={<Button icon={<ReloadOutlined />} onClick={() => void query.refetch()} loading={query.isFetching && !query.isPending} aria-label={t('field.jobs.refresh')} data-testid="jobs-refresh" />}
      />
      <Segmented<MyJobsScope>
        block
        size="large"
        value={scope}
        onChange={(v) => setParams(v === 'open' ? {} : { scope: v }, { replace: true })}
        options={SCOPES.map((s) => ({ value: s, label: <span data-testid={`jobs-tab-${s}`}>{t(`field.jobs.scope.${s}`)}</span> }))}
        style={{ marginBottom: 16 }}
      />
      <ErrorAlert error={query.error} />
      {query.isPending ? (
        <JobsSkeleton />
      ) : items.length === 0 ? (
        <Card>
          <Empty description={t(`field.jobs.empty.${scope}`)} data-testid="jobs-empty" />
        </Card>
      ) : (
        <Flex vertical gap={12} data-testid="jobs-list">
          {items.map((job) => (
            <JobCard key={job.id} job={job} />
          ))}
        </Flex>
      )}
    </div>
  );
}
