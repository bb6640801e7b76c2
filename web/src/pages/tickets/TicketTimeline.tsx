import {
  ArrowRightOutlined,
  EditOutlined,
  FileTextOutlined,
  LockOutlined,
  MessageOutlined,
  PaperClipOutlined,
  PhoneOutlined,
  PlusCircleOutlined,
  SendOutlined,
  SwapOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Image, Input, Segmented, Skeleton, Space, Tag, Timeline, Typography, theme } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { addTicketNote, listTicketEvents, replyToTicket } from '../../api/client';
import type { TicketEvent } from '../../api/types';
import { ErrorAlert, errorText } from '../../components/ErrorAlert';
import { LoadMore } from '../../components/LoadMore';
import { enumLabel } from '../../components/assetLabels';
import { formatDateTime } from '../../components/format';
import { useKeysetList } from '../../components/useKeysetList';
import { attachmentUrl, formatBytes, isImageType } from './attachments';
import { FIELD_EVENT_COLORS, FIELD_EVENT_ICONS, fieldEventHead } from './field/fieldEvents';
import { formatDuration } from './labels';

const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

/** A field's value in words where it is a code (status, grade, kind, flags). */
function fieldValue(t: TFunction, field: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return t('history.empty');
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
  const groups: Record<string, string> = { status: 'ticketStatus', grade: 'ticketGrade', kind: 'ticketKind', channel: 'ticketChannel' };
  const group = groups[field];
  return group ? enumLabel(t, group, String(v)) : Array.isArray(v) ? v.join(', ') : String(v);
}

function Body({ text }: { text: string }) {
  if (!text) return null;
  return <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{text}</Typography.Paragraph>;
}

/** The file an attachment entry added: a thumbnail that opens a preview for pictures, else a link. */
function AttachmentEntry({ id, name, size, contentType }: { id: number; name: string; size: unknown; contentType: string }) {
  const { t } = useTranslation();
  const url = attachmentUrl(id);
  return (
    <Flex gap={10} align="center" style={{ marginTop: 4 }} data-testid={`event-attachment-${id}`}>
      {isImageType(contentType) && (
        <Image src={url} alt={name} width={56} height={56} style={{ objectFit: 'cover', borderRadius: 4 }} preview={{ mask: t('attachments.preview') }} />
      )}
      <span>
        <Typography.Link href={url} target="_blank" rel="noopener" style={{ wordBreak: 'break-all' }}>
          <PaperClipOutlined /> {name}
        </Typography.Link>
        {typeof size === 'number' && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {' '}
            · {formatBytes(size)}
          </Typography.Text>
        )}
      </span>
    </Flex>
  );
}

function EventContent({ e }: { e: TicketEvent }) {
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  const d = e.data ?? {};
  let head: ReactNode;
  let body: ReactNode = <Body text={e.body} />;
  let boxStyle: React.CSSProperties | undefined;
  switch (e.type) {
    case 'created':
      head = <Typography.Text strong>{t('event.created')}</Typography.Text>;
      break;
    case 'reply':
      head = (
        <Space size={6} wrap>
          <Tag color="blue" style={{ marginInlineEnd: 0 }}>
            {t('event.reply')}
          </Tag>
        </Space>
      );
      boxStyle = { background: token.colorInfoBg, border: `1px solid ${token.colorInfoBorder}` };
      break;
    case 'note':
      head = (
        <Tag color="gold" icon={<LockOutlined />} style={{ marginInlineEnd: 0 }}>
          {t('event.note')}
        </Tag>
      );
      boxStyle = { background: '#fffbe6', border: '1px solid #ffe58f' };
      break;
    case 'call': {
      const who = [str(d.callerName), str(d.callerPhone)].filter(Boolean).join(' · ');
      head = (
        <Space size={6} wrap>
          <Typography.Text strong>{t('event.call')}</Typography.Text>
          {who && <Typography.Text>{who}</Typography.Text>}
          {typeof d.durationSec === 'number' && <Tag style={{ marginInlineEnd: 0 }}>{formatDuration(d.durationSec)}</Tag>}
        </Space>
      );
      body = <Body text={str(d.summary) || e.body} />;
      break;
    }
    case 'status':
      head = (
        <Space size={6} wrap>
          <Typography.Text strong>{t('event.status')}</Typography.Text>
          <Tag style={{ marginInlineEnd: 0 }}>{enumLabel(t, 'ticketStatus', str(d.from))}</Tag>
          <ArrowRightOutlined style={{ color: token.colorTextSecondary }} />
          <Tag color="blue" style={{ marginInlineEnd: 0 }}>
            {enumLabel(t, 'ticketStatus', str(d.to))}
          </Tag>
          {d.mergedInto ? <Typography.Text data-testid="event-merged-into">{t('event.mergedInto', { number: str(d.mergedInto) })}</Typography.Text> : null}
        </Space>
      );
      break;
    case 'assignment': {
      const to = [str(d.teamName), str(d.ownerName)].filter(Boolean).join(' / ') || t('tickets.unassigned');
      head = (
        <Space size={6} wrap>
          <Typography.Text strong>{t('event.assignment')}</Typography.Text>
          <Typography.Text>{to}</Typography.Text>
        </Space>
      );
      body = <Body text={str(d.reason) || e.body} />;
      break;
    }
    case 'field': {
      const field = str(d.field);
      if (field === 'merged') {
        // another ticket was merged into this one as its duplicate
        head = <Typography.Text strong data-testid="event-merged-from">{t('event.mergedFrom', { number: str(d.to) })}</Typography.Text>;
        break;
      }
      head = (
        <Space size={6} wrap>
          <Typography.Text strong>{t('event.field', { field: enumLabel(t, 'ticketField', field) })}</Typography.Text>
        </Space>
      );
      // long texts (description, investigation…) come as the new text only
      const textOnly = (d.from === null || d.from === undefined) && (d.to === null || d.to === undefined) && !!e.body;
      body = textOnly ? (
        <Body text={e.body} />
      ) : (
        <div style={{ marginTop: 4 }}>
          <Typography.Text code style={{ wordBreak: 'break-all' }}>
            {fieldValue(t, field, d.from)}
          </Typography.Text>{' '}
          <Typography.Text type="secondary">→</Typography.Text>{' '}
          <Typography.Text code style={{ wordBreak: 'break-all' }}>
            {fieldValue(t, field, d.to)}
          </Typography.Text>
          <Body text={e.body} />
        </div>
      );
      break;
    }
    case 'attachment':
      head = <Typography.Text strong>{t('event.attachment')}</Typography.Text>;
      body = typeof d.attachmentId === 'number' ? <AttachmentEntry id={d.attachmentId} name={str(d.name) || e.body} size={d.size} contentType={str(d.contentType)} /> : <Body text={str(d.name) || e.body} />;
      break;
    default: {
      // remote diagnosis, visits, vendor escalations, resolutions, service forms, fault reports
      const field = fieldEventHead(e, t, i18n.language);
      head = field?.head ?? <Typography.Text strong>{e.type}</Typography.Text>;
      if (field?.detail) {
        body = (
          <>
            <div style={{ marginTop: 2 }}>{field.detail}</div>
            <Body text={e.body} />
          </>
        );
      }
    }
  }
  return (
    <div
      data-testid={`event-${e.type}`}
      data-internal={e.internal ? '1' : '0'}
      style={boxStyle ? { ...boxStyle, borderRadius: 6, padding: '8px 12px' } : undefined}
    >
      {head}
      {body}
      <div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {e.actorName || t('audit.system')} · {formatDateTime(e.at, i18n.language)}
          {e.internal && e.type !== 'note' ? ` · ${t('event.internal')}` : ''}
        </Typography.Text>
      </div>
    </div>
  );
}

const ICONS: Record<string, ReactNode> = {
  created: <PlusCircleOutlined />,
  reply: <MessageOutlined />,
  note: <LockOutlined />,
  call: <PhoneOutlined />,
  status: <SwapOutlined />,
  assignment: <UserSwitchOutlined />,
  field: <EditOutlined />,
  attachment: <PaperClipOutlined />,
  ...FIELD_EVENT_ICONS,
};
const COLORS: Record<string, string> = {
  created: 'green',
  reply: 'blue',
  note: 'gold',
  call: 'cyan',
  status: 'purple',
  assignment: 'orange',
  field: 'gray',
  attachment: 'gray',
  ...FIELD_EVENT_COLORS,
};

type Mode = 'reply' | 'note';

/** Reply to the customer or write an internal note; Ctrl+Enter sends. */
function Composer({ ticketId, canNote }: { ticketId: number; canNote: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [mode, setMode] = useState<Mode>(canNote ? 'note' : 'reply');
  const [text, setText] = useState('');
  const send = useMutation({
    mutationFn: ({ m, body }: { m: Mode; body: string }) => (m === 'note' ? addTicketNote(ticketId, body) : replyToTicket(ticketId, body)),
    onSuccess: (_, { m }) => {
      setText('');
      message.success(m === 'note' ? t('composer.noteSent') : t('composer.replySent'));
      void qc.invalidateQueries({ queryKey: ['ticket', ticketId] });
      void qc.invalidateQueries({ queryKey: ['tickets'] });
    },
    onError: (e) => message.error(errorText(e, t)),
  });
  const submit = () => {
    const body = text.trim();
    if (body && !send.isPending) send.mutate({ m: mode, body });
  };
  const note = mode === 'note';
  return (
    <div
      style={{
        borderRadius: 8,
        padding: 12,
        background: note ? '#fffbe6' : undefined,
        border: `1px solid ${note ? '#ffe58f' : '#d9d9d9'}`,
      }}
      data-testid="composer"
      data-mode={mode}
    >
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
        {canNote ? (
          <Segmented<Mode>
            value={mode}
            onChange={setMode}
            options={[
              { value: 'reply', label: <span data-testid="composer-mode-reply"><MessageOutlined /> {t('composer.reply')}</span> },
              { value: 'note', label: <span data-testid="composer-mode-note"><LockOutlined /> {t('composer.note')}</span> },
            ]}
          />
        ) : (
          <Typography.Text strong data-testid="composer-mode-reply">
            <MessageOutlined /> {t('composer.replyContact')}
          </Typography.Text>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {note ? t('composer.noteHint') : t('composer.replyHint')}
        </Typography.Text>
      </Flex>
      <Input.TextArea
        value={text}
        onChange={(e) => setText(e.target.value)}
        autoSize={{ minRows: 3, maxRows: 12 }}
        maxLength={20000}
        placeholder={note ? t('composer.notePlaceholder') : t('composer.replyPlaceholder')}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            submit();
          }
        }}
        data-testid="composer-input"
      />
      <Flex justify="flex-end" style={{ marginTop: 8 }}>
        <Button type="primary" icon={<SendOutlined />} onClick={submit} loading={send.isPending} disabled={!text.trim()} data-testid="composer-send">
          {note ? t('composer.sendNote') : t('composer.sendReply')} <Typography.Text style={{ color: 'inherit', opacity: 0.75, fontSize: 12 }}>Ctrl+Enter</Typography.Text>
        </Button>
      </Flex>
    </div>
  );
}

/** 处理记录: everything that happened to the ticket, oldest first, and the composer under it. */
export function TicketTimeline({ ticketId, canNote }: { ticketId: number; canNote: boolean }) {
  const { t } = useTranslation();
  const list = useKeysetList(['ticket', ticketId, 'events'], (cursor) => listTicketEvents(ticketId, { cursor, limit: 200 }));
  return (
    <Card
      size="small"
      title={
        <Space size={6}>
          <FileTextOutlined />
          {t('ticketPage.timeline')}
        </Space>
      }
    >
      <div data-testid="ticket-timeline">
        <ErrorAlert error={list.error} />
        {list.isPending ? (
          <Skeleton active />
        ) : list.items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ticketPage.noEvents')} />
        ) : (
          <Timeline
            items={list.items.map((e) => ({
              key: e.id,
              color: COLORS[e.type] ?? 'gray',
              icon: ICONS[e.type],
              content: <EventContent e={e} />,
            }))}
          />
        )}
        <LoadMore count={list.hasNextPage ? list.items.length : 0} hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onLoadMore={() => void list.fetchNextPage()} />
      </div>
      <Composer ticketId={ticketId} canNote={canNote} />
    </Card>
  );
}
