import { AlertOutlined, FilterOutlined, PhoneOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Badge, Button, Col, DatePicker, Empty, Flex, Input, Row, Select, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { getCustomer, listTeams, listTickets, ticketCounts } from '../../api/client';
import {
  TICKET_CHANNELS,
  TICKET_DUES,
  TICKET_GRADES,
  TICKET_KINDS,
  TICKET_QUEUES,
  TICKET_SORTS,
  TICKET_STATUSES,
  type Ticket,
  type TicketChannel,
  type TicketDue,
  type TicketFilters,
  type TicketGrade,
  type TicketKind,
  type TicketQueue,
  type TicketSort,
  type TicketStreamEvent,
  type User,
} from '../../api/types';
import { CustomerSelect } from '../../components/CustomerSelect';
import { NextDeadlineTag } from '../../components/clocks';
import { UserSelect } from '../../components/UserSelect';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { isCustomerContact } from '../../components/access';
import { useCurrentUser } from '../../components/session';
import { useIsPhone } from '../../components/useIsPhone';
import { useKeysetList } from '../../components/useKeysetList';
import { QueueClockBar } from './QueueClockBar';
import { SavedViews } from './SavedViews';
import { SearchResults, TicketNumberLink } from './TicketSearchResults';
import { FALLBACK_POLL_MS, useTicketStream } from './useTicketStream';
import { RelativeTime, TicketGradeTag, TicketKindTag, TicketStatusTag, canIntake, channelLabel } from './labels';

type StatusFilter = TicketFilters['status'];

interface Filters {
  status?: StatusFilter;
  kind?: TicketKind;
  grade?: TicketGrade;
  customerId?: number;
  channel?: TicketChannel;
  teamId?: number;
  ownerId?: number;
  /** Only from a saved view (the asset page links its tickets); shown as a removable tag. */
  assetId?: number;
  range?: [Dayjs | null, Dayjs | null] | null;
}

function defaultQueue(user: User): TicketQueue {
  // engineers work their own tickets; the desk sees everything
  const desk = user.roles.some((r) => ['admin', 'manager', 'dispatcher', 'agent'].includes(r));
  return desk ? 'all' : 'mine';
}

/** The queue's filters as API parameters: days cover whole local days. */
function toParams(f: Filters): TicketFilters {
  const [from, to] = f.range ?? [null, null];
  return {
    status: f.status,
    kind: f.kind,
    grade: f.grade,
    customerId: f.customerId,
    channel: f.channel,
    teamId: f.teamId,
    ownerId: f.ownerId,
    assetId: f.assetId,
    from: from ? from.startOf('day').valueOf() : undefined,
    to: to ? to.add(1, 'day').startOf('day').valueOf() : undefined,
  };
}

/** A saved view's query back as the queue's filters: the inverse of toParams. */
function fromParams(q: TicketFilters): Filters {
  return {
    status: q.status,
    kind: q.kind,
    grade: q.grade,
    customerId: q.customerId,
    channel: q.channel,
    teamId: q.teamId,
    ownerId: q.ownerId,
    assetId: q.assetId,
    range: q.from || q.to ? [q.from ? dayjs(q.from) : null, q.to ? dayjs(q.to).subtract(1, 'day') : null] : undefined,
  };
}

/** 服务台 (staff) or 我的工单 (customer contacts): the live ticket queue, its filters and the fault archive search. */
export function QueuePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const contact = isCustomerContact(me);
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { notification } = App.useApp();
  const [params, setParams] = useSearchParams();
  const queueParam = params.get('queue');
  const queue: TicketQueue = (TICKET_QUEUES as readonly string[]).includes(queueParam ?? '') ? (queueParam as TicketQueue) : defaultQueue(me);
  const q = params.get('q')?.trim() ?? '';
  // the order and the clock filters live in the address, so a link can open "breached" directly
  const sortParam = params.get('sort');
  const sort: TicketSort = !contact && (TICKET_SORTS as readonly string[]).includes(sortParam ?? '') ? (sortParam as TicketSort) : 'age';
  const dueParam = params.get('due');
  const due: TicketDue | undefined = !contact && (TICKET_DUES as readonly string[]).includes(dueParam ?? '') ? (dueParam as TicketDue) : undefined;
  const [searchText, setSearchText] = useState(q);
  const [filters, setFilters] = useState<Filters>({});
  const [showFilters, setShowFilters] = useState(!isPhone);
  const apiFilters = useMemo<TicketFilters>(
    () => ({ ...toParams(filters), ...(sort !== 'age' && { sort }), ...(due && { due }) }),
    [filters, sort, due],
  );
  // what a saved view keeps: the queue (staff), the filters, the order and the clock filter
  const viewQuery = useMemo<TicketFilters>(() => ({ ...(contact ? {} : { queue }), ...apiFilters }), [contact, queue, apiFilters]);
  const teams = useQuery({ queryKey: ['teams', 'picker'], queryFn: async () => (await listTeams({ limit: 200 })).items, staleTime: 60_000, enabled: !contact });
  // a customer chosen by a saved view shows its name before any search
  const viewCustomer = useQuery({ queryKey: ['customers', 'one', filters.customerId], queryFn: () => getCustomer(filters.customerId!), enabled: !contact && !!filters.customerId, staleTime: 5 * 60_000 });

  const setParam = (key: string, value: string | null) => setParamsOf({ [key]: value });
  const setParamsOf = (values: Record<string, string | null | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(values)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: true });
  };

  const applyView = (q: TicketFilters) => {
    setFilters(fromParams(q));
    if (!contact) setParamsOf({ ...(q.queue && { queue: q.queue }), sort: q.sort && q.sort !== 'age' ? q.sort : null, due: q.due ?? null });
  };

  const onEvent = useCallback(
    (e: TicketStreamEvent) => {
      void qc.invalidateQueries({ queryKey: ['tickets'] });
      void qc.invalidateQueries({ queryKey: ['ticket', e.id] });
      if (e.action === 'created') {
        notification.info({
          key: `ticket-created-${e.id}`,
          title: t('tickets.newTicketToast'),
          description: (
            <a
              onClick={() => {
                notification.destroy(`ticket-created-${e.id}`);
                void navigate(`/tickets/${e.id}`);
              }}
              data-testid="new-ticket-toast"
            >
              {e.number}
            </a>
          ),
          placement: 'bottomRight',
          duration: 6,
        });
      }
    },
    [qc, notification, navigate, t],
  );
  const { live } = useTicketStream(onEvent);

  const listKey = contact ? ['tickets', 'list', 'own', apiFilters] : ['tickets', 'list', queue, apiFilters];
  const list = useKeysetList(listKey, (cursor) =>
    listTickets({ ...(contact ? {} : { queue }), ...apiFilters, cursor, limit: 50 }),
  );
  // the fallback while the stream is down: refresh the queue and its counts every 15 s
  useEffect(() => {
    if (live) return;
    const id = setInterval(() => void qc.invalidateQueries({ queryKey: ['tickets'] }), FALLBACK_POLL_MS);
    return () => clearInterval(id);
  }, [live, qc]);
  const counts = useQuery({ queryKey: ['tickets', 'counts'], queryFn: ticketCounts, enabled: !contact });

  const staffColumns: TableColumnsType<Ticket> = [
    { title: t('ticket.number'), dataIndex: 'number', width: 170, fixed: isPhone ? undefined : 'left', render: (_: string, tk) => <TicketNumberLink ticket={tk} /> },
    {
      title: t('ticket.title'),
      dataIndex: 'title',
      width: 260,
      ellipsis: true,
      render: (v: string, tk) => (
        <Space size={4}>
          {(tk.grade === 'major' || tk.grade === 'emergency') && <AlertOutlined style={{ color: '#cf1322' }} />}
          <span title={v}>{v}</span>
        </Space>
      ),
    },
    { title: t('ticket.kind'), dataIndex: 'kind', width: 100, render: (v: TicketKind) => <TicketKindTag kind={v} /> },
    { title: t('ticket.grade'), dataIndex: 'grade', width: 120, render: (v: TicketGrade | null) => <TicketGradeTag grade={v} /> },
    { title: t('ticket.status'), dataIndex: 'status', width: 120, render: (_: string, tk) => <TicketStatusTag status={tk.status} /> },
    { title: t('clocks.nextDeadline'), key: 'nextDeadline', width: 190, render: (_: unknown, tk) => <NextDeadlineTag next={tk.nextDeadline} /> },
    { title: t('ticket.customer'), dataIndex: 'customerName', width: 180, ellipsis: true },
    { title: t('ticket.owner'), dataIndex: 'ownerName', width: 110, render: (v: string | null) => v ?? <Typography.Text type="secondary">{t('tickets.unassigned')}</Typography.Text> },
    { title: t('ticket.team'), dataIndex: 'teamName', width: 140, ellipsis: true, render: (v: string | null) => v ?? '—' },
    { title: t('ticket.channel'), dataIndex: 'channel', width: 90, render: (v: TicketChannel) => channelLabel(t, v) },
    { title: t('common.createdAt'), dataIndex: 'createdAt', width: 120, render: (v: number) => <RelativeTime ms={v} /> },
    { title: t('ticket.lastActivity'), dataIndex: 'lastActivityAt', width: 120, render: (v: number) => <RelativeTime ms={v} /> },
  ];
  const contactColumns: TableColumnsType<Ticket> = [
    { title: t('ticket.number'), dataIndex: 'number', width: 170, render: (_: string, tk) => <TicketNumberLink ticket={tk} /> },
    { title: t('ticket.title'), dataIndex: 'title', width: 260, ellipsis: true },
    { title: t('ticket.kind'), dataIndex: 'kind', width: 100, render: (v: TicketKind) => <TicketKindTag kind={v} /> },
    { title: t('ticket.status'), dataIndex: 'status', width: 120, render: (_: string, tk) => <TicketStatusTag status={tk.status} /> },
    { title: t('ticket.owner'), dataIndex: 'ownerName', width: 120, render: (v: string | null) => v ?? '—' },
    { title: t('common.createdAt'), dataIndex: 'createdAt', width: 120, render: (v: number) => <RelativeTime ms={v} /> },
    { title: t('ticket.lastActivity'), dataIndex: 'lastActivityAt', width: 120, render: (v: number) => <RelativeTime ms={v} /> },
  ];

  const statusOptions = [
    { value: 'open', label: <span data-testid="filter-status-open">{t('tickets.statusOpen')}</span> },
    { value: 'closed', label: t('tickets.statusClosed') },
    ...TICKET_STATUSES.filter((s) => s !== 'closed').map((s) => ({ value: s, label: t(`ticketStatus.${s}`) })),
  ];
  const filterWidth = isPhone ? 'calc(50% - 4px)' : 150;
  const filtersActive = Object.values(filters).some((v) => v !== undefined && v !== null) || !!due;

  const filterBar = (
    <Flex gap={8} wrap style={{ marginBottom: 12 }} data-testid="tickets-filters">
      <Select<StatusFilter>
        allowClear
        placeholder={t('ticket.status')}
        value={filters.status}
        onChange={(v) => setFilters((f) => ({ ...f, status: v }))}
        options={statusOptions}
        style={{ width: filterWidth }}
        data-testid="tickets-filter-status"
      />
      <Select<TicketKind>
        allowClear
        placeholder={t('ticket.kind')}
        value={filters.kind}
        onChange={(v) => setFilters((f) => ({ ...f, kind: v }))}
        options={TICKET_KINDS.map((k) => ({ value: k, label: t(`ticketKind.${k}`) }))}
        style={{ width: filterWidth }}
        data-testid="tickets-filter-kind"
      />
      {!contact && (
        <>
          <Select<TicketGrade>
            allowClear
            placeholder={t('ticket.grade')}
            value={filters.grade}
            onChange={(v) => setFilters((f) => ({ ...f, grade: v }))}
            options={TICKET_GRADES.map((g) => ({ value: g, label: <span data-testid={`filter-grade-${g}`}>{t(`ticketGrade.${g}`)}</span> }))}
            style={{ width: filterWidth }}
            data-testid="tickets-filter-grade"
          />
          <Select<TicketChannel>
            allowClear
            placeholder={t('ticket.channel')}
            value={filters.channel}
            onChange={(v) => setFilters((f) => ({ ...f, channel: v }))}
            options={TICKET_CHANNELS.map((c) => ({ value: c, label: t(`ticketChannel.${c}`) }))}
            style={{ width: filterWidth }}
            data-testid="tickets-filter-channel"
          />
          <CustomerSelect
            allowClear
            value={filters.customerId}
            known={viewCustomer.data ? { id: viewCustomer.data.id, name: viewCustomer.data.name } : null}
            onChange={(v) => setFilters((f) => ({ ...f, customerId: v }))}
            style={{ width: isPhone ? '100%' : 220 }}
            data-testid="tickets-filter-customer"
          />
          <Select<number>
            allowClear
            showSearch={{ optionFilterProp: 'title' }}
            placeholder={t('ticket.team')}
            value={filters.teamId}
            onChange={(v) => setFilters((f) => ({ ...f, teamId: v }))}
            options={(teams.data ?? []).map((tm) => ({ value: tm.id, title: tm.name, label: tm.name }))}
            loading={teams.isPending}
            style={{ width: isPhone ? filterWidth : 180 }}
            data-testid="tickets-filter-team"
          />
          <UserSelect
            allowClear
            activeOnly
            staffOnly
            placeholder={t('ticket.owner')}
            value={filters.ownerId}
            onChange={(v) => setFilters((f) => ({ ...f, ownerId: v }))}
            style={{ width: isPhone ? filterWidth : 180 }}
            data-testid="tickets-filter-owner"
          />
        </>
      )}
      {filters.assetId && (
        <Tag closable onClose={() => setFilters((f) => ({ ...f, assetId: undefined }))} style={{ alignSelf: 'center' }} data-testid="tickets-filter-asset">
          {t('ticket.asset')} #{filters.assetId}
        </Tag>
      )}
      <DatePicker.RangePicker
        allowEmpty={[true, true]}
        value={filters.range ?? null}
        onChange={(v) => setFilters((f) => ({ ...f, range: v }))}
        style={{ width: isPhone ? '100%' : 250 }}
        data-testid="tickets-filter-range"
      />
      {filtersActive && (
        <Button
          icon={<ReloadOutlined />}
          onClick={() => {
            setFilters({});
            setParam('due', null);
          }}
          data-testid="tickets-filter-reset"
        >
          {t('common.reset')}
        </Button>
      )}
    </Flex>
  );

  const savedViews = <SavedViews query={viewQuery} onApply={applyView} />;
  const countOf = (k: TicketQueue) => counts.data?.[k];
  const liveBadge = (
    <Tooltip title={live ? t('tickets.liveHint') : t('tickets.pollingHint')}>
      <Badge status={live ? 'processing' : 'default'} text={<Typography.Text type="secondary">{live ? t('tickets.live') : t('tickets.polling')}</Typography.Text>} data-testid="tickets-live" data-live={live ? '1' : '0'} />
    </Tooltip>
  );

  return (
    <>
      <PageHeader
        title={contact ? t('tickets.myTitle') : t('tickets.title')}
        extra={
          contact ? (
            <Link to="/tickets/report">
              <Button type="primary" icon={<AlertOutlined />} data-testid="tickets-report">
                {t('report.title')}
              </Button>
            </Link>
          ) : (
            canIntake(me) && (
              <Link to="/tickets/new">
                <Button type="primary" icon={<PhoneOutlined />} data-testid="tickets-intake">
                  {t('intake.title')}
                </Button>
              </Link>
            )
          )
        }
      />
      <Row gutter={[8, 8]} align="middle" style={{ marginBottom: 12 }}>
        <Col flex="auto">
          <Input.Search
            allowClear
            enterButton
            placeholder={t('tickets.searchPlaceholder')}
            value={searchText}
            onChange={(e) => {
              setSearchText(e.target.value);
              if (!e.target.value) setParam('q', null);
            }}
            onSearch={(v) => setParam('q', v.trim() || null)}
            style={{ maxWidth: 520 }}
            data-testid="tickets-search"
          />
        </Col>
        {!q && (
          <Col>
            <Space size={12}>
              {liveBadge}
              {isPhone && (
                <Button icon={<FilterOutlined />} onClick={() => setShowFilters((s) => !s)} type={filtersActive ? 'primary' : 'default'} data-testid="tickets-filters-toggle">
                  {t('tickets.filters')}
                </Button>
              )}
            </Space>
          </Col>
        )}
      </Row>
      {q ? (
        <SearchResults q={q} staff={!contact} />
      ) : (
        <>
          {/* saved views sit on the queue tabs' bar; on a phone or without tabs, on their own line */}
          {(contact || isPhone) && <Flex style={{ marginBottom: 12 }}>{savedViews}</Flex>}
          {!contact && (
            <Tabs
              tabBarExtraContent={isPhone ? undefined : savedViews}
              activeKey={queue}
              onChange={(k) => setParam('queue', k)}
              style={{ marginBottom: 4 }}
              items={TICKET_QUEUES.map((k) => ({
                key: k,
                label: (
                  <span data-testid={`queue-${k}`}>
                    {t(`tickets.queue.${k}`)}{' '}
                    {countOf(k) !== undefined && (
                      <Badge
                        count={countOf(k)}
                        showZero
                        overflowCount={999}
                        color={k === 'unassigned' && (countOf(k) ?? 0) > 0 ? 'orange' : k === queue ? 'blue' : 'rgba(0,0,0,0.25)'}
                        data-testid={`queue-count-${k}`}
                      />
                    )}
                  </span>
                ),
              }))}
            />
          )}
          {!contact && <QueueClockBar sort={sort} due={due} onSort={(v) => setParam('sort', v === 'age' ? null : v)} onDue={(v) => setParam('due', v ?? null)} />}
          {(showFilters || !isPhone) && filterBar}
          <ErrorAlert error={list.error} />
          <div data-testid="tickets-table">
            <Table<Ticket>
              rowKey="id"
              columns={contact ? contactColumns : staffColumns}
              dataSource={list.items}
              loading={list.isPending && !list.error}
              pagination={false}
              scroll={{ x: contact ? 1000 : 1740 }}
              size="middle"
              locale={{
                emptyText: <Empty description={filtersActive ? t('tickets.emptyFiltered') : contact ? t('tickets.emptyOwn') : t('tickets.empty')} />,
              }}
              onRow={(tk) => ({ onClick: () => void navigate(`/tickets/${tk.id}`), style: { cursor: 'pointer' } })}
            />
          </div>
          <LoadMore count={list.items.length} hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onLoadMore={() => void list.fetchNextPage()} />
        </>
      )}
    </>
  );
}
