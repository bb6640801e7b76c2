import { ClockCircleOutlined, InboxOutlined, PhoneOutlined, ReloadOutlined, SaveOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Empty,
  Flex,
  Form,
  Input,
  List,
  Radio,
  Row,
  Select,
  Space,
  Spin,
  Tag,
  Typography,
  Upload,
} from 'antd';
import type { InputRef, UploadFile } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { createTicket, listTeams, listTickets, logCall, uploadAttachment } from '../../api/client';
import {
  TICKET_CHANNELS,
  TICKET_GRADES,
  TICKET_KINDS,
  type Contact,
  type Entitlement,
  type Ticket,
  type TicketChannel,
  type TicketGrade,
  type TicketKind,
} from '../../api/types';
import { CustomerSelect } from '../../components/CustomerSelect';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { SerialLookup } from '../../components/SerialLookup';
import { UserSelect } from '../../components/UserSelect';
import { formatDateTime } from '../../components/format';
import { applyServerErrors } from '../../components/serverErrors';
import { useIsPhone } from '../../components/useIsPhone';
import { SpareOnSite } from '../parts/SpareOnSite';
import { CallerInput, contactPhone } from './CallerInput';
import { MAX_SIZE_TEXT, tooLarge, uploadErrorText } from './attachments';
import { RelativeTime, TicketStatusTag, formatDuration } from './labels';

interface IntakeValues {
  callerName?: string;
  callerPhone?: string;
  customerId?: number;
  kind: TicketKind;
  channel: TicketChannel;
  grade?: TicketGrade;
  nonStopping: boolean;
  causeUnknown: boolean;
  title: string;
  description?: string;
  debugInfo?: string;
  teamId?: number;
  ownerId?: number;
}

const FIELDS = [
  'callerName',
  'callerPhone',
  'customerId',
  'kind',
  'channel',
  'grade',
  'nonStopping',
  'causeUnknown',
  'title',
  'description',
  'debugInfo',
  'teamId',
  'ownerId',
];

const DEFAULTS: Partial<IntakeValues> = {
  kind: 'fault',
  channel: 'phone',
  grade: 'general',
  nonStopping: false,
  causeUnknown: false,
};

const PHONE_LIKE = /^[0-9+()\- ]{3,}$/;

/** The call being taken: when it started and how long it has run. */
function useCallClock() {
  const [startedAt, setStartedAt] = useState(() => Date.now());
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  const restart = useCallback(() => {
    const t = Date.now();
    setStartedAt(t);
    setNow(t);
  }, []);
  return { startedAt, elapsedSec: Math.max(0, Math.round((now - startedAt) / 1000)), restart };
}

type Done =
  | { kind: 'ticket'; ticket: Ticket; attachmentErrors: string[] }
  | { kind: 'call'; ticket: { id: number; number: string } | null };

/** 热线受理: an agent with a caller on the line records the call and opens the ticket (R1, R3, R5). */
export function IntakePage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const qc = useQueryClient();
  const [form] = Form.useForm<IntakeValues>();
  const callerRef = useRef<InputRef>(null);
  const clock = useCallClock();
  const [summary, setSummary] = useState('');
  const [contact, setContact] = useState<Contact | null>(null);
  const [entitlement, setEntitlement] = useState<Entitlement | null>(null);
  const [knownCustomer, setKnownCustomer] = useState<{ id: number; name: string } | null>(null);
  const [lookupKey, setLookupKey] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<Done | null>(null);
  // debugging files (logs, photos of the panel) go up right after the ticket exists
  const [files, setFiles] = useState<UploadFile[]>([]);

  const kind = Form.useWatch('kind', form) ?? 'fault';
  const customerId = Form.useWatch('customerId', form);

  const teams = useQuery({
    queryKey: ['teams', 'picker'],
    queryFn: async () => (await listTeams({ limit: 200 })).items,
    staleTime: 60_000,
  });
  const openTickets = useQuery({
    queryKey: ['tickets', 'list', 'open-of-customer', customerId],
    queryFn: () => listTickets({ customerId, status: 'open', limit: 5 }),
    enabled: !!customerId,
  });

  useEffect(() => {
    form.setFieldsValue(DEFAULTS);
  }, [form]);

  const reset = useCallback(() => {
    form.resetFields();
    form.setFieldsValue(DEFAULTS);
    setSummary('');
    setFiles([]);
    setContact(null);
    setEntitlement(null);
    setKnownCustomer(null);
    setError(null);
    setLookupKey((k) => k + 1);
    clock.restart();
    setTimeout(() => callerRef.current?.focus(), 0);
  }, [form, clock.restart]);

  const callInput = (ticketId?: number) => {
    const v = form.getFieldsValue();
    return {
      callerName: v.callerName?.trim() || undefined,
      callerPhone: v.callerPhone?.trim() || undefined,
      customerId: v.customerId ?? undefined,
      contactId: contact?.id,
      ticketId,
      startedAt: clock.startedAt,
      durationSec: clock.elapsedSec,
      summary: summary.trim() || undefined,
    };
  };

  const save = useMutation({
    mutationFn: async (v: IntakeValues) => {
      const ticket = await createTicket({
        kind: v.kind,
        channel: v.channel,
        ...(v.kind === 'fault' ? { grade: v.grade ?? 'general', nonStopping: v.nonStopping, causeUnknown: v.causeUnknown } : {}),
        title: v.title.trim(),
        description: v.description?.trim() || undefined,
        debugInfo: v.debugInfo?.trim() || undefined,
        customerId: v.customerId,
        contactId: contact?.id,
        callerName: v.callerName?.trim() || undefined,
        callerPhone: v.callerPhone?.trim() || undefined,
        assetId: entitlement?.asset.id,
        teamId: v.teamId,
        ownerId: v.ownerId,
      });
      // a hotline call is logged against the ticket it opened (R1)
      let callLogged: boolean | null = null;
      if (v.channel === 'phone') {
        try {
          await logCall(callInput(ticket.id));
          callLogged = true;
        } catch {
          callLogged = false;
        }
      }
      // the API takes files on an existing ticket: one upload each, a refused one does not undo the ticket
      const attachmentErrors: string[] = [];
      for (const f of files) {
        const file = f.originFileObj ?? (f as unknown as File);
        try {
          await uploadAttachment(ticket.id, file);
        } catch (e) {
          attachmentErrors.push(uploadErrorText(e, t, file.name));
        }
      }
      return { ticket, callLogged, attachmentErrors };
    },
    onMutate: () => setError(null),
    onSuccess: ({ ticket, callLogged, attachmentErrors }) => {
      void qc.invalidateQueries({ queryKey: ['tickets'] });
      message.success(t('intake.createdOk', { number: ticket.number }));
      if (callLogged === false) message.warning(t('intake.callNotLogged'));
      setDone({ kind: 'ticket', ticket, attachmentErrors });
      reset();
    },
    onError: (e) => setError(applyServerErrors(form, e, FIELDS)),
  });

  const logOnly = useMutation({
    mutationFn: async (target: { id: number; number: string } | null) => {
      await logCall(callInput(target?.id));
      return target;
    },
    onMutate: () => setError(null),
    onSuccess: (target) => {
      void qc.invalidateQueries({ queryKey: ['tickets'] });
      void qc.invalidateQueries({ queryKey: ['calls'] });
      message.success(target ? t('intake.callLoggedOn', { number: target.number }) : t('intake.callLogged'));
      setDone({ kind: 'call', ticket: target });
      reset();
    },
    onError: (e) => setError(e),
  });

  const busy = save.isPending || logOnly.isPending;
  const submit = () => {
    if (!busy) form.submit();
  };

  const pickContact = (c: Contact) => {
    setContact(c);
    setKnownCustomer({ id: c.customerId, name: c.customerName });
    form.setFieldsValue({ callerName: c.name, callerPhone: contactPhone(c), customerId: c.customerId });
    form.setFields([{ name: 'customerId', errors: [] }]);
  };

  const onFound = (items: Entitlement[]) => {
    if (items.length === 0) {
      setEntitlement(null);
      return;
    }
    const current = form.getFieldValue('customerId') as number | undefined;
    const e = items.find((x) => x.customer.id === current) ?? items[0]!;
    setEntitlement(e);
    if (!current) {
      setKnownCustomer({ id: e.customer.id, name: e.customer.name });
      form.setFieldsValue({ customerId: e.customer.id });
      form.setFields([{ name: 'customerId', errors: [] }]);
    }
  };

  const assetMismatch = entitlement && customerId && entitlement.customer.id !== customerId;

  const gradeOptions = TICKET_GRADES.map((g) => ({
    value: g,
    label: (
      <div data-testid={`intake-grade-${g}`} style={{ paddingBlock: 2 }}>
        <Typography.Text strong type={g === 'general' ? undefined : 'danger'}>
          {t(`ticketGrade.${g}`)}
        </Typography.Text>
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`intake.gradeHint.${g}`)}
          </Typography.Text>
        </div>
      </div>
    ),
  }));

  const half = isPhone ? 24 : 12;

  const formCard = (
    <Card size="small">
      <ErrorAlert error={error} />
      <Form<IntakeValues>
        form={form}
        layout="vertical"
        initialValues={DEFAULTS}
        onFinish={(v) => save.mutate(v)}
        scrollToFirstError
      >
        <Row gutter={12}>
          <Col span={half}>
            <Form.Item name="callerName" label={t('intake.caller')} extra={contact ? <Tag color="blue">{t('intake.knownContact', { customer: contact.customerName })}</Tag> : undefined} rules={[{ max: 100 }]}>
              <CallerInput
                ref={callerRef}
                autoFocus
                onPick={pickContact}
                onBlur={() => {
                  // a phone number typed into the caller box is the caller's phone
                  const v = (form.getFieldValue('callerName') as string | undefined)?.trim() ?? '';
                  if (!contact && PHONE_LIKE.test(v) && !form.getFieldValue('callerPhone')) {
                    form.setFieldsValue({ callerName: '', callerPhone: v });
                  }
                }}
              />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="callerPhone" label={t('intake.callerPhone')} rules={[{ max: 40 }]}>
              <Input type="tel" prefix={<PhoneOutlined />} autoComplete="off" data-testid="intake-caller-phone" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('intake.device')} extra={t('intake.deviceHint')}>
          <SerialLookup
            key={lookupKey}
            inputTestId="intake-serial"
            onFound={onFound}
            onClear={() => setEntitlement(null)}
            placeholder={t('intake.serialPlaceholder')}
          />
        </Form.Item>
        {assetMismatch && (
          <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('intake.assetOtherCustomer', { customer: entitlement.customer.name })} />
        )}
        {/* a fault on a known device: does a store at the customer hold a spare for it (R8, the hardware restore clock) */}
        {kind === 'fault' && entitlement && entitlement.asset.model && (
          <div style={{ marginTop: -8, marginBottom: 16 }}>
            <SpareOnSite model={entitlement.asset.model} customerId={entitlement.customer.id} />
          </div>
        )}
        <Row gutter={12}>
          <Col span={half}>
            <Form.Item name="customerId" label={t('ticket.customer')} rules={[{ required: true, message: t('intake.customerRequired') }]}>
              <CustomerSelect
                known={knownCustomer}
                allowClear
                data-testid="intake-customer"
                onChange={(id) => {
                  // the form stores the value; a caller from another customer is no longer "known"
                  if (contact && contact.customerId !== id) setContact(null);
                }}
              />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="channel" label={t('ticket.channel')}>
              <Select
                data-testid="intake-channel"
                options={TICKET_CHANNELS.map((c) => ({ value: c, label: <span data-testid={`channel-option-${c}`}>{t(`ticketChannel.${c}`)}</span> }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="kind" label={t('ticket.kind')}>
          <Radio.Group optionType="button" buttonStyle="solid" style={{ display: 'flex', flexWrap: 'wrap', rowGap: 8 }}>
            {TICKET_KINDS.map((k) => (
              <Radio.Button key={k} value={k}>
                <span data-testid={`intake-kind-${k}`}>{t(`ticketKind.${k}`)}</span>
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        {kind === 'fault' && (
          <>
            <Form.Item name="grade" label={t('ticket.grade')}>
              <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 6 }} options={gradeOptions} />
            </Form.Item>
            <Space size={16} wrap style={{ marginBottom: 16 }}>
              <Form.Item name="nonStopping" valuePropName="checked" noStyle>
                <Checkbox data-testid="intake-non-stopping">{t('ticket.nonStopping')}</Checkbox>
              </Form.Item>
              <Form.Item name="causeUnknown" valuePropName="checked" noStyle>
                <Checkbox data-testid="intake-cause-unknown">{t('ticket.causeUnknown')}</Checkbox>
              </Form.Item>
            </Space>
          </>
        )}
        <Form.Item
          name="title"
          label={t('ticket.title')}
          rules={[
            { required: true, whitespace: true, message: t('intake.titleRequired') },
            { max: 200 },
          ]}
        >
          <Input placeholder={t('intake.titlePlaceholder')} data-testid="intake-title" maxLength={200} />
        </Form.Item>
        <Form.Item name="description" label={t('ticket.description')} rules={[{ max: 20000 }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} placeholder={t('intake.descriptionPlaceholder')} data-testid="intake-description" />
        </Form.Item>
        <Form.Item name="debugInfo" label={t('ticket.debugInfo')} rules={[{ max: 20000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} placeholder={t('intake.debugPlaceholder')} data-testid="intake-debug" />
        </Form.Item>
        <Form.Item label={t('attachments.title')} extra={t('intake.attachmentsHint', { max: MAX_SIZE_TEXT })}>
          <div data-testid="intake-attachments">
            <Upload.Dragger
              multiple
              fileList={files}
              beforeUpload={(file) => {
                if (tooLarge(file)) {
                  message.error(t('attachments.failed', { name: file.name, reason: t('attachments.tooLarge', { max: MAX_SIZE_TEXT }) }));
                  return Upload.LIST_IGNORE;
                }
                setFiles((l) => [...l, file]);
                return false;
              }}
              onRemove={(file) => setFiles((l) => l.filter((x) => x.uid !== file.uid))}
            >
              <Flex align="center" justify="center" gap={8} style={{ padding: 4 }}>
                <InboxOutlined style={{ fontSize: 20, color: '#1677ff' }} />
                <Typography.Text>{isPhone ? t('attachments.tapToUpload') : t('attachments.dropHint')}</Typography.Text>
              </Flex>
            </Upload.Dragger>
          </div>
        </Form.Item>
        <Row gutter={12}>
          <Col span={half}>
            <Form.Item name="teamId" label={t('ticket.team')} extra={t('intake.routingHint')}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'title' }}
                loading={teams.isPending}
                placeholder={t('intake.teamAuto')}
                data-testid="intake-team"
                options={(teams.data ?? []).map((tm) => ({
                  value: tm.id,
                  title: tm.name,
                  label: <span data-testid={`team-option-${tm.id}`}>{tm.name}</span>,
                }))}
              />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="ownerId" label={t('ticket.owner')}>
              <UserSelect allowClear activeOnly staffOnly placeholder={t('intake.ownerAuto')} data-testid="intake-owner" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Card>
  );

  const callCard = (
    <Card
      size="small"
      title={
        <Space size={6}>
          <PhoneOutlined />
          {t('intake.thisCall')}
        </Space>
      }
      extra={
        <Button size="small" type="text" icon={<ReloadOutlined />} onClick={reset} data-testid="intake-reset">
          {t('intake.newCall')}
        </Button>
      }
      data-testid="intake-call"
    >
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">
          {t('intake.callStarted')}: {formatDateTime(clock.startedAt, i18n.language)}
        </Typography.Text>
        <Typography.Text strong style={{ fontSize: 20, fontVariantNumeric: 'tabular-nums' }} data-testid="intake-timer">
          <ClockCircleOutlined /> {formatDuration(clock.elapsedSec)}
        </Typography.Text>
      </Flex>
      <Input.TextArea
        value={summary}
        onChange={(e) => setSummary(e.target.value)}
        autoSize={{ minRows: 3, maxRows: 8 }}
        maxLength={4000}
        placeholder={t('intake.summaryPlaceholder')}
        aria-label={t('intake.summary')}
        data-testid="intake-summary"
      />
      <Flex vertical gap={8} style={{ marginTop: 12 }}>
        <Button type="primary" size="large" icon={<SaveOutlined />} onClick={submit} loading={save.isPending} disabled={logOnly.isPending} data-testid="intake-save" block>
          {t('intake.save')} <Typography.Text style={{ color: 'inherit', opacity: 0.75, fontSize: 12 }}>Ctrl+Enter</Typography.Text>
        </Button>
        <Button onClick={() => logOnly.mutate(null)} loading={logOnly.isPending && logOnly.variables === null} disabled={save.isPending} data-testid="intake-log-call" block>
          {t('intake.logCallOnly')}
        </Button>
      </Flex>
    </Card>
  );

  const openCard = customerId ? (
    <Card size="small" title={t('intake.openTickets')} data-testid="intake-open-tickets">
      {openTickets.isPending ? (
        <Spin />
      ) : openTickets.error ? (
        <ErrorAlert error={openTickets.error} style={{ marginBottom: 0 }} />
      ) : openTickets.data.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('intake.noOpenTickets')} />
      ) : (
        <List
          size="small"
          dataSource={openTickets.data.items}
          renderItem={(tk) => (
            <List.Item key={tk.id} data-testid={`intake-open-${tk.number}`} style={{ display: 'block' }}>
              <Flex justify="space-between" align="center" gap={8} wrap>
                <Space size={6} wrap>
                  <Link to={`/tickets/${tk.id}`} target="_blank" style={{ whiteSpace: 'nowrap' }}>
                    {tk.number}
                  </Link>
                  <TicketStatusTag status={tk.status} />
                </Space>
                <Button
                  size="small"
                  onClick={() => logOnly.mutate({ id: tk.id, number: tk.number })}
                  loading={logOnly.isPending && logOnly.variables?.id === tk.id}
                  disabled={busy}
                  data-testid={`intake-log-on-${tk.number}`}
                >
                  {t('intake.logOnTicket')}
                </Button>
              </Flex>
              <Typography.Text ellipsis style={{ display: 'block', maxWidth: '100%' }}>
                {tk.title}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                <RelativeTime ms={tk.createdAt} />
                {tk.ownerName ? ` · ${tk.ownerName}` : ''}
              </Typography.Text>
            </List.Item>
          )}
        />
      )}
    </Card>
  ) : null;

  const doneAlert = done && (
    <Alert
      type={done.kind === 'ticket' && done.attachmentErrors.length > 0 ? 'warning' : 'success'}
      showIcon
      closable={{ onClose: () => setDone(null) }}
      style={{ marginBottom: 16 }}
      data-testid="intake-success"
      title={
        done.kind === 'ticket' ? (
          <span>
            {t('intake.createdTitle')}{' '}
            <Link to={`/tickets/${done.ticket.id}`} data-testid="intake-success-link">
              {done.ticket.number}
            </Link>{' '}
            · {done.ticket.title}
            {done.ticket.teamName || done.ticket.ownerName ? (
              <Typography.Text type="secondary">
                {' '}
                → {[done.ticket.teamName, done.ticket.ownerName].filter(Boolean).join(' / ')}
              </Typography.Text>
            ) : null}
            {done.attachmentErrors.map((text) => (
              <Typography.Text key={text} type="danger" style={{ display: 'block' }} data-testid="intake-attachment-error">
                {text}
              </Typography.Text>
            ))}
          </span>
        ) : done.ticket ? (
          <span>
            {t('intake.callLoggedOnTitle')}{' '}
            <Link to={`/tickets/${done.ticket.id}`} data-testid="intake-success-link">
              {done.ticket.number}
            </Link>
          </span>
        ) : (
          t('intake.callLogged')
        )
      }
    />
  );

  return (
    <div
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          submit();
        }
      }}
      data-testid="intake-page"
    >
      <PageHeader title={t('intake.title')} extra={<Link to="/tickets"><Button>{t('tickets.title')}</Button></Link>} />
      {doneAlert}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          {formCard}
        </Col>
        <Col xs={24} lg={8}>
          <Flex vertical gap={16} style={isPhone ? undefined : { position: 'sticky', top: 72 }}>
            {callCard}
            {openCard}
          </Flex>
        </Col>
      </Row>
    </div>
  );
}
