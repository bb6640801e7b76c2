import { ArrowLeftOutlined, EditOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Descriptions, Flex, Form, Grid, Input, Modal, Result, Row, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { assignTicket, getTicket, getUser, isApiError, listTeams, transitionTicket, updateTicket } from '../../api/client';
import type { Ticket, TicketPatch, TicketStreamEvent, TransitionTarget } from '../../api/types';
import { ErrorAlert, errorText } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { UserSelect, type UserOption } from '../../components/UserSelect';
import { isCustomerContact } from '../../components/access';
import { enumLabel } from '../../components/assetLabels';
import { formatDateTime } from '../../components/format';
import { useCurrentUser } from '../../components/session';
import { useIsPhone } from '../../components/useIsPhone';
import { useCustomerPaths } from '../customers/paths';
import { FIELD_KINDS, canDispatch, canFieldWork } from '../field/labels';
import { EscalationsCard } from '../vendors/EscalationsCard';
import { DispatchesCard } from './field/DispatchesCard';
import { FaultReportCard } from './field/FaultReportCard';
import { RemoteSessionsCard } from './field/RemoteSessionsCard';
import { ResolutionCard } from './field/ResolutionCard';
import { TicketAttachments } from './TicketAttachments';
import { TicketClocksCard } from './TicketClocks';
import { TicketLinksCard } from './TicketLinks';
import { TicketTimeline } from './TicketTimeline';
import { FALLBACK_POLL_MS, useTicketStream } from './useTicketStream';
import { TicketGradeTag, TicketKindTag, TicketStatusTag, canWork, channelLabel } from './labels';

/** Steps that usually want a word of explanation: the comment box says so. */
const REASON_SUGGESTED: readonly string[] = ['waiting_customer', 'closed', 'reopened', 'escalated', 'resolved', 'restored', 'answered'];
/** Steps that end or pause work: shown as secondary buttons. */
const SECONDARY: readonly string[] = ['closed', 'reopened', 'waiting_customer'];

function TransitionModal({ ticket, to, onClose }: { ticket: Ticket; to: TransitionTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>(null);
  // R4 remote solution proposal: the server refuses solution_proposed without the proposal itself
  const proposal = to === 'solution_proposed';
  useEffect(() => {
    if (to) {
      setComment('');
      setError(null);
    }
  }, [to]);
  const mutation = useMutation({
    mutationFn: () => transitionTicket(ticket.id, to!, comment.trim() || undefined),
    onMutate: () => setError(null),
    onSuccess: (tk) => {
      qc.setQueryData(['ticket', ticket.id], tk);
      void qc.invalidateQueries({ queryKey: ['ticket', ticket.id] });
      void qc.invalidateQueries({ queryKey: ['tickets'] });
      message.success(t('ticketPage.transitioned', { status: enumLabel(t, 'ticketStatus', tk.status) }));
      onClose();
    },
    onError: (e) => {
      setError(e);
      if (isApiError(e) && e.code === 'invalid_transition') void qc.invalidateQueries({ queryKey: ['ticket', ticket.id] });
    },
  });
  return (
    <Modal
      open={to !== null}
      onCancel={onClose}
      title={to ? t('ticketPage.transitionTitle', { action: enumLabel(t, 'transition', to), number: ticket.number }) : ''}
      okText={to ? enumLabel(t, 'transition', to) : ''}
      cancelText={t('common.cancel')}
      onOk={() => mutation.mutate()}
      okButtonProps={{ loading: mutation.isPending, disabled: proposal && !comment.trim(), 'data-testid': 'transition-confirm' }}
      destroyOnHidden
    >
      <ErrorAlert error={error} />
      <Typography.Paragraph type="secondary">
        <TicketStatusTag status={ticket.status} /> → {to ? enumLabel(t, 'transition', to) : ''}
      </Typography.Paragraph>
      {proposal && (
        <Typography.Paragraph strong style={{ marginBottom: 8 }} data-testid="transition-proposal-required">
          {t('field.transition.proposalRequired')}
        </Typography.Paragraph>
      )}
      <Input.TextArea
        autoFocus
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        autoSize={{ minRows: 3, maxRows: 8 }}
        maxLength={4000}
        placeholder={proposal ? t('field.transition.proposalPlaceholder') : to && REASON_SUGGESTED.includes(to) ? t('ticketPage.commentSuggested') : t('ticketPage.commentOptional')}
        status={proposal && error !== null && !comment.trim() ? 'error' : undefined}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            mutation.mutate();
          }
        }}
        data-testid="transition-comment"
      />
    </Modal>
  );
}

interface AssignValues {
  teamId?: number | null;
  ownerId?: number | null;
  reason?: string;
}

function AssignModal({ ticket, open, onClose }: { ticket: Ticket; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<AssignValues>();
  const [error, setError] = useState<unknown>(null);
  const teams = useQuery({ queryKey: ['teams', 'picker'], queryFn: async () => (await listTeams({ limit: 200 })).items, staleTime: 60_000, enabled: open });
  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue({ teamId: ticket.teamId ?? undefined, ownerId: ticket.ownerId ?? undefined, reason: '' });
  }, [open, ticket, form]);
  const mutation = useMutation({
    mutationFn: (v: AssignValues) =>
      assignTicket(ticket.id, { teamId: v.teamId ?? null, ownerId: v.ownerId ?? null, reason: v.reason?.trim() || undefined }),
    onMutate: () => setError(null),
    onSuccess: (tk) => {
      qc.setQueryData(['ticket', ticket.id], tk);
      void qc.invalidateQueries({ queryKey: ['ticket', ticket.id] });
      void qc.invalidateQueries({ queryKey: ['tickets'] });
      message.success(t('ticketPage.assignedOk', { to: [tk.teamName, tk.ownerName].filter(Boolean).join(' / ') || t('tickets.unassigned') }));
      onClose();
    },
    onError: (e) => setError(e),
  });
  const known: UserOption[] = ticket.ownerId && ticket.ownerName ? [{ id: ticket.ownerId, username: '', displayName: ticket.ownerName }] : [];
  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={t('ticketPage.assignTitle', { number: ticket.number })}
      okText={t('ticketPage.assign')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      okButtonProps={{ loading: mutation.isPending, 'data-testid': 'assign-confirm' }}
      destroyOnHidden
    >
      <ErrorAlert error={error} />
      <Form<AssignValues> form={form} layout="vertical" onFinish={(v) => mutation.mutate(v)}>
        <Form.Item name="teamId" label={t('ticket.team')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'title' }}
            loading={teams.isPending}
            data-testid="assign-team"
            options={(teams.data ?? []).map((tm) => ({ value: tm.id, title: tm.name, label: <span data-testid={`assign-team-option-${tm.id}`}>{tm.name}</span> }))}
          />
        </Form.Item>
        <Form.Item name="ownerId" label={t('ticket.owner')}>
          <UserSelect allowClear activeOnly staffOnly known={known} data-testid="assign-owner" />
        </Form.Item>
        <Form.Item name="reason" label={t('ticketPage.assignReason')} rules={[{ max: 1000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="assign-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 投诉处理 (R17): what the investigation found and the answer given to the complainant. */
function ComplaintCard({ ticket, editable }: { ticket: Ticket; editable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [investigation, setInvestigation] = useState(ticket.investigation);
  const [answer, setAnswer] = useState(ticket.answer);
  const mutation = useMutation({
    mutationFn: (patch: TicketPatch) => updateTicket(ticket.id, patch),
    onSuccess: (tk) => {
      qc.setQueryData(['ticket', ticket.id], tk);
      void qc.invalidateQueries({ queryKey: ['ticket', ticket.id] });
      message.success(t('common.saved'));
      setEditing(false);
    },
    onError: (e) => message.error(errorText(e, t)),
  });
  const start = () => {
    setInvestigation(ticket.investigation);
    setAnswer(ticket.answer);
    setEditing(true);
  };
  const text = (v: string) => (v ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{v}</Typography.Paragraph> : <Typography.Text type="secondary">{t('ticketPage.notYet')}</Typography.Text>);
  return (
    <Card
      size="small"
      title={t('ticketPage.complaint')}
      extra={
        editable &&
        !editing && (
          <Button size="small" icon={<EditOutlined />} onClick={start} data-testid="complaint-edit">
            {t('common.edit')}
          </Button>
        )
      }
      data-testid="complaint-card"
    >
      {editing ? (
        <Flex vertical gap={12}>
          <div>
            <Typography.Text strong>{t('ticket.investigation')}</Typography.Text>
            <Input.TextArea value={investigation} onChange={(e) => setInvestigation(e.target.value)} autoSize={{ minRows: 3, maxRows: 10 }} maxLength={20000} data-testid="complaint-investigation" />
          </div>
          <div>
            <Typography.Text strong>{t('ticket.answer')}</Typography.Text>
            <Input.TextArea value={answer} onChange={(e) => setAnswer(e.target.value)} autoSize={{ minRows: 3, maxRows: 10 }} maxLength={20000} data-testid="complaint-answer" />
          </div>
          <Flex gap={8} justify="flex-end">
            <Button onClick={() => setEditing(false)}>{t('common.cancel')}</Button>
            <Button
              type="primary"
              loading={mutation.isPending}
              onClick={() => {
                const patch: TicketPatch = {};
                if (investigation !== ticket.investigation) patch.investigation = investigation;
                if (answer !== ticket.answer) patch.answer = answer;
                if (Object.keys(patch).length === 0) setEditing(false);
                else mutation.mutate(patch);
              }}
              data-testid="complaint-save"
            >
              {t('common.save')}
            </Button>
          </Flex>
        </Flex>
      ) : (
        <Descriptions size="small" column={1} styles={{ label: { whiteSpace: 'nowrap' } }}>
          <Descriptions.Item label={t('ticket.investigation')}>
            <span data-testid="complaint-investigation-view">{text(ticket.investigation)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('ticket.answer')}>
            <span data-testid="complaint-answer-view">{text(ticket.answer)}</span>
          </Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}

/** Watchers by name; staff may change the list. */
function Watchers({ ticket, editable }: { ticket: Ticket; editable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [ids, setIds] = useState<number[]>(ticket.watcherIds);
  const users = useQueries({
    queries: ticket.watcherIds.map((id) => ({ queryKey: ['users', 'one', id], queryFn: () => getUser(id), staleTime: 5 * 60_000, enabled: editable })),
  });
  const known: UserOption[] = users.flatMap((u) => (u.data ? [{ id: u.data.id, username: u.data.username, displayName: u.data.displayName }] : []));
  const mutation = useMutation({
    mutationFn: (watcherIds: number[]) => updateTicket(ticket.id, { watcherIds }),
    onSuccess: (tk) => {
      qc.setQueryData(['ticket', ticket.id], tk);
      void qc.invalidateQueries({ queryKey: ['ticket', ticket.id] });
      setEditing(false);
    },
    onError: (e) => message.error(errorText(e, t)),
  });
  if (editing) {
    return (
      <Flex vertical gap={6} style={{ width: '100%' }}>
        <UserSelect mode="multiple" value={ids} onChange={setIds} known={known} activeOnly staffOnly data-testid="ticket-watchers-select" />
        <Flex gap={6}>
          <Button size="small" type="primary" loading={mutation.isPending} onClick={() => mutation.mutate(ids)} data-testid="ticket-watchers-save">
            {t('common.save')}
          </Button>
          <Button size="small" onClick={() => setEditing(false)}>
            {t('common.cancel')}
          </Button>
        </Flex>
      </Flex>
    );
  }
  return (
    <Space size={4} wrap>
      {ticket.watcherIds.length === 0 && <Typography.Text type="secondary">—</Typography.Text>}
      {ticket.watcherIds.map((id, i) => (
        <Tag key={id} style={{ marginInlineEnd: 0 }}>
          {users[i]?.data?.displayName ?? `#${id}`}
        </Tag>
      ))}
      {editable && (
        <Button
          size="small"
          type="link"
          icon={<EditOutlined />}
          onClick={() => {
            setIds(ticket.watcherIds);
            setEditing(true);
          }}
          data-testid="ticket-watchers-edit"
          aria-label={t('common.edit')}
        />
      )}
    </Space>
  );
}

/** One ticket: what it is about, who has it, what may happen next, and its timeline. */
export function TicketPage() {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const staff = !isCustomerContact(me);
  const worker = canWork(me);
  const isPhone = useIsPhone();
  // beside the ticket on wide screens; above it where the columns stack, so the clocks stay in view
  const wide = !!Grid.useBreakpoint().xl;
  const paths = useCustomerPaths();
  const qc = useQueryClient();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const [transitionTo, setTransitionTo] = useState<TransitionTarget | null>(null);
  const [assignOpen, setAssignOpen] = useState(false);
  const query = useQuery({ queryKey: ['ticket', id], queryFn: () => getTicket(id), enabled: valid });

  const onEvent = useCallback(
    (e: TicketStreamEvent) => {
      if (e.id === id) void qc.invalidateQueries({ queryKey: ['ticket', id] });
    },
    [id, qc],
  );
  const { live } = useTicketStream(onEvent, valid);
  useEffect(() => {
    if (live || !valid) return;
    const timer = setInterval(() => void qc.invalidateQueries({ queryKey: ['ticket', id] }), FALLBACK_POLL_MS);
    return () => clearInterval(timer);
  }, [live, valid, id, qc]);

  if (!valid || (isApiError(query.error) && (query.error.status === 404 || query.error.status === 403))) {
    return (
      <Result
        status="404"
        title={t('ticketPage.notFound')}
        extra={
          <Link to="/tickets">
            <Button type="primary">{t('ticketPage.backToList')}</Button>
          </Link>
        }
      />
    );
  }
  if (query.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  const tk = query.data;
  if (!tk) return <ErrorAlert error={query.error} />;

  // a customer contact closing the ticket confirms the solution
  const transitionLabel = (to: TransitionTarget) => (!staff && to === 'closed' ? t('transition.confirmClose') : enumLabel(t, 'transition', to));
  const caller = [tk.callerName, tk.callerPhone].filter(Boolean).join(' · ');
  const fieldKind = FIELD_KINDS.includes(tk.kind);
  const actions = (
    <Flex gap={8} wrap data-testid="ticket-actions">
      {tk.allowedTransitions.map((to, i) => (
        <Button
          key={to}
          type={i === 0 && !SECONDARY.includes(to) ? 'primary' : 'default'}
          danger={to === 'escalated'}
          onClick={() => setTransitionTo(to)}
          data-testid={`ticket-transition-${to}`}
        >
          {transitionLabel(to)}
        </Button>
      ))}
      {worker && (
        <Button icon={<UserSwitchOutlined />} onClick={() => setAssignOpen(true)} data-testid="ticket-assign">
          {t('ticketPage.assignTransfer')}
        </Button>
      )}
    </Flex>
  );

  return (
    <>
      <PageHeader
        title={
          <Space size={8} wrap>
            <Link to="/tickets" aria-label={t('common.back')}>
              <ArrowLeftOutlined />
            </Link>
            <span data-testid="ticket-number">{tk.number}</span>
            <Typography.Text style={{ fontSize: 'inherit', fontWeight: 'inherit' }} data-testid="ticket-title">
              {tk.title}
            </Typography.Text>
          </Space>
        }
      />
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }} data-testid="ticket-flags">
        <TicketStatusTag status={tk.status} testId="ticket-status" />
        <TicketKindTag kind={tk.kind} />
        {tk.grade && <TicketGradeTag grade={tk.grade} />}
        {tk.nonStopping && <Tag color="orange">{t('ticket.nonStopping')}</Tag>}
        {tk.causeUnknown && <Tag color="purple">{t('ticket.causeUnknown')}</Tag>}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('ticketPage.openedAt', { time: formatDateTime(tk.createdAt, i18n.language), channel: channelLabel(t, tk.channel) })}
        </Typography.Text>
      </Flex>
      {(tk.allowedTransitions.length > 0 || worker) && <Card size="small" style={{ marginBottom: 16 }}>{actions}</Card>}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Flex vertical gap={16}>
            {!wide && <TicketClocksCard ticketId={tk.id} />}
            <Card size="small" title={t('ticket.description')}>
              {tk.description ? (
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} data-testid="ticket-description">
                  {tk.description}
                </Typography.Paragraph>
              ) : (
                <Typography.Text type="secondary">{t('ticketPage.noDescription')}</Typography.Text>
              )}
              {tk.debugInfo && (
                <>
                  <Typography.Title level={5} style={{ marginTop: 16 }}>
                    {t('ticket.debugInfo')}
                  </Typography.Title>
                  <pre style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', background: '#fafafa', padding: 8, borderRadius: 6, margin: 0, fontSize: 12 }} data-testid="ticket-debug">
                    {tk.debugInfo}
                  </pre>
                </>
              )}
            </Card>
            {tk.kind === 'complaint' && <ComplaintCard ticket={tk} editable={worker} />}
            {/* the fault handling flow (R6): remote diagnosis → on site → vendor → resolution → report */}
            {fieldKind && staff && <RemoteSessionsCard ticketId={tk.id} canEdit={canFieldWork(me) && tk.status !== 'closed'} />}
            {fieldKind && <DispatchesCard ticketId={tk.id} canCreate={canDispatch(me) && tk.status !== 'closed'} staff={staff} />}
            {fieldKind && staff && <EscalationsCard ticketId={tk.id} ticketClosed={tk.status === 'closed'} />}
            {tk.kind === 'fault' && staff && <ResolutionCard ticket={tk} canEdit={canFieldWork(me)} />}
            {tk.kind === 'fault' && <FaultReportCard ticket={tk} />}
            {/* who may reply may attach: the customer's contact, and staff who work tickets */}
            <TicketAttachments ticketId={tk.id} canUpload={!staff || worker} staff={staff} />
            <TicketTimeline ticketId={tk.id} canNote={worker} />
          </Flex>
        </Col>
        <Col xs={24} xl={8}>
          <Flex vertical gap={16}>
            {wide && <TicketClocksCard ticketId={tk.id} />}
            <Card size="small" title={t('ticketPage.details')}>
              <Descriptions size="small" column={1} styles={{ label: { whiteSpace: 'nowrap', width: isPhone ? undefined : 96 } }} data-testid="ticket-details">
                <Descriptions.Item label={t('ticket.customer')}>
                  {paths.customer ? <Link to={paths.customer(tk.customerId)}>{tk.customerName}</Link> : tk.customerName}
                </Descriptions.Item>
                <Descriptions.Item label={t('ticket.caller')}>{caller || '—'}</Descriptions.Item>
                <Descriptions.Item label={t('ticket.asset')}>
                  {tk.assetId ? (
                    <Link to={paths.asset(tk.assetId)} data-testid="ticket-asset">
                      {tk.assetSerial ?? `#${tk.assetId}`}
                      {tk.assetModel ? ` · ${tk.assetModel}` : ''}
                    </Link>
                  ) : (
                    '—'
                  )}
                </Descriptions.Item>
                <Descriptions.Item label={t('ticket.contract')}>
                  {tk.contractId ? <Link to={paths.contract(tk.contractId)}>{tk.contractNumber ?? `#${tk.contractId}`}</Link> : '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('ticket.team')}>
                  <span data-testid="ticket-team">{tk.teamName ?? '—'}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('ticket.owner')}>
                  <span data-testid="ticket-owner">{tk.ownerName ?? <Typography.Text type="secondary">{t('tickets.unassigned')}</Typography.Text>}</span>
                </Descriptions.Item>
                {staff && (
                  <Descriptions.Item label={t('ticket.watchers')}>
                    <Watchers key={tk.watcherIds.join(',')} ticket={tk} editable={worker} />
                  </Descriptions.Item>
                )}
                <Descriptions.Item label={t('ticket.channel')}>{channelLabel(t, tk.channel)}</Descriptions.Item>
                <Descriptions.Item label={t('common.createdAt')}>{formatDateTime(tk.createdAt, i18n.language)}</Descriptions.Item>
                <Descriptions.Item label={t('ticket.lastActivity')}>{formatDateTime(tk.lastActivityAt, i18n.language)}</Descriptions.Item>
                {tk.closedAt && <Descriptions.Item label={t('ticket.closedAt')}>{formatDateTime(tk.closedAt, i18n.language)}</Descriptions.Item>}
              </Descriptions>
            </Card>
            <TicketLinksCard ticket={tk} editable={worker} />
          </Flex>
        </Col>
      </Row>
      <TransitionModal ticket={tk} to={transitionTo} onClose={() => setTransitionTo(null)} />
      {worker && <AssignModal ticket={tk} open={assignOpen} onClose={() => setAssignOpen(false)} />}
    </>
  );
}
