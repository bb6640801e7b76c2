import { ApartmentOutlined, DisconnectOutlined, LinkOutlined, MergeCellsOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Flex, Form, Modal, Popconfirm, Radio, Skeleton, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { getTicketLinks, linkTicket, mergeTicket, unlinkTicket, updateTicket } from '../../api/client';
import type { Ticket, TicketLinks } from '../../api/types';
import { ErrorAlert, errorText } from '../../components/ErrorAlert';
import { TicketSearchSelect } from './TicketSearchSelect';
import { TicketStatusTag } from './labels';

export const linksKey = (ticketId: number) => ['ticket', ticketId, 'links'] as const;

/** How the chosen ticket relates to this one. Parent and child go through the ticket's parentId. */
type Relation = 'related' | 'duplicate' | 'parent' | 'child';
const RELATIONS: readonly Relation[] = ['related', 'duplicate', 'parent', 'child'];

/** Removing a row: taking a caller's ticket out of an incident, or removing a related link. */
type Removal = 'detach' | 'unlink';

function TicketRow({ tk, current, onRemove, removing, removal = 'detach' }: { tk: Ticket; current: Ticket; onRemove?: () => void; removing?: boolean; removal?: Removal }) {
  const { t } = useTranslation();
  return (
    <Flex justify="space-between" align="flex-start" gap={8} data-testid={`linked-${tk.number}`}>
      <div style={{ minWidth: 0 }}>
        <Space size={6} wrap>
          <Link to={`/tickets/${tk.id}`} style={{ whiteSpace: 'nowrap' }}>
            {tk.number}
          </Link>
          <TicketStatusTag status={tk.status} />
        </Space>
        <Typography.Text ellipsis style={{ display: 'block', maxWidth: '100%' }} title={tk.title}>
          {tk.title}
        </Typography.Text>
        {tk.customerId !== current.customerId && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {tk.customerName}
          </Typography.Text>
        )}
      </div>
      {onRemove && (
        <Popconfirm
          title={t(removal === 'detach' ? 'links.detachConfirm' : 'links.unlinkConfirm', { number: tk.number })}
          okText={t(removal === 'detach' ? 'links.detach' : 'links.unlink')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true, 'data-testid': 'confirm-ok' }}
          onConfirm={onRemove}
        >
          <Button size="small" type="text" danger icon={<DisconnectOutlined />} loading={removing} aria-label={t(removal === 'detach' ? 'links.detachLabel' : 'links.unlinkLabel', { number: tk.number })} data-testid={`${removal}-${tk.number}`} />
        </Popconfirm>
      )}
    </Flex>
  );
}

function Section({ title, children, testId }: { title: string; children: React.ReactNode; testId: string }) {
  return (
    <div data-testid={testId}>
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginBottom: 4 }}>
        {title}
      </Typography.Text>
      <Flex vertical gap={8}>
        {children}
      </Flex>
    </div>
  );
}

function useRefresh(ticketId: number) {
  const qc = useQueryClient();
  return (others: number[] = []) => {
    for (const id of [ticketId, ...others]) void qc.invalidateQueries({ queryKey: ['ticket', id] });
    void qc.invalidateQueries({ queryKey: ['tickets'] });
  };
}

function LinkModal({ ticket, open, onClose }: { ticket: Ticket; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useRefresh(ticket.id);
  const [form] = Form.useForm<{ relation: Relation; otherId?: number }>();
  const relation = Form.useWatch('relation', form) ?? 'related';
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setError(null);
  }, [open, form]);
  const mutation = useMutation({
    mutationFn: async ({ relation, otherId }: { relation: Relation; otherId: number }) => {
      if (relation === 'parent') await updateTicket(ticket.id, { parentId: otherId });
      else if (relation === 'child') await updateTicket(otherId, { parentId: ticket.id });
      else await linkTicket(ticket.id, otherId, relation);
      return otherId;
    },
    onMutate: () => setError(null),
    onSuccess: (otherId) => {
      message.success(t('links.linkedOk'));
      refresh([otherId]);
      onClose();
    },
    onError: (e) => setError(e),
  });
  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={t('links.addTitle', { number: ticket.number })}
      okText={t('links.add')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      okButtonProps={{ loading: mutation.isPending, 'data-testid': 'link-confirm' }}
      destroyOnHidden
    >
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" initialValues={{ relation: 'related' }} onFinish={(v) => mutation.mutate({ relation: v.relation, otherId: v.otherId! })}>
        <Form.Item name="relation" label={t('links.relation')} extra={t(`links.relationHint.${relation}`)}>
          <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
            {RELATIONS.map((r) => (
              <Radio key={r} value={r} data-testid={`link-relation-${r}`}>
                {t(`links.relationLabel.${r}`)}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="otherId" label={t('links.ticket')} rules={[{ required: true, message: t('links.ticketRequired') }]}>
          {/* related and duplicate links join tickets of one customer; an incident may gather many */}
          <TicketSearchSelect ticket={ticket} sameCustomer={relation === 'related' || relation === 'duplicate'} data-testid="link-ticket" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function MergeModal({ ticket, open, onClose }: { ticket: Ticket; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const refresh = useRefresh(ticket.id);
  const [target, setTarget] = useState<Ticket | undefined>();
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!open) return;
    setTarget(undefined);
    setError(null);
  }, [open]);
  const mutation = useMutation({
    mutationFn: (into: Ticket) => mergeTicket(ticket.id, into.id).then(() => into),
    onMutate: () => setError(null),
    onSuccess: (into) => {
      message.success(t('links.mergedOk', { number: ticket.number, into: into.number }));
      refresh([into.id]);
      onClose();
    },
    onError: (e) => setError(e),
  });
  const confirm = () => {
    if (!target) return;
    modal.confirm({
      title: t('links.mergeConfirm', { number: ticket.number, into: target.number }),
      content: t('links.mergeConfirmDetail', { number: ticket.number, into: target.number }),
      okText: t('links.merge'),
      okButtonProps: { danger: true, 'data-testid': 'merge-confirm-ok' },
      cancelText: t('common.cancel'),
      onOk: () => mutation.mutateAsync(target).catch(() => undefined),
    });
  };
  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={t('links.mergeTitle', { number: ticket.number })}
      okText={t('links.merge')}
      cancelText={t('common.cancel')}
      onOk={confirm}
      okButtonProps={{ danger: true, disabled: !target, loading: mutation.isPending, 'data-testid': 'merge-submit' }}
      destroyOnHidden
    >
      <ErrorAlert error={error} />
      <Typography.Paragraph type="secondary">{t('links.mergeIntro')}</Typography.Paragraph>
      <TicketSearchSelect ticket={ticket} sameCustomer value={target?.id} onChange={(_, tk) => setTarget(tk)} autoFocus data-testid="merge-ticket" />
      {target && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 12 }}
          title={t('links.mergeConfirmDetail', { number: ticket.number, into: target.number })}
          data-testid="merge-warning"
        />
      )}
    </Modal>
  );
}

/**
 * 关联工单 (R1): related and duplicate tickets, the major incident this ticket belongs to and the
 * callers' tickets under it. Staff who work tickets link, merge and detach.
 */
export function TicketLinksCard({ ticket, editable }: { ticket: Ticket; editable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useRefresh(ticket.id);
  const [linkOpen, setLinkOpen] = useState(false);
  const [mergeOpen, setMergeOpen] = useState(false);
  const query = useQuery({ queryKey: linksKey(ticket.id), queryFn: () => getTicketLinks(ticket.id) });
  const detach = useMutation({
    mutationFn: (child: { id: number }) => updateTicket(child.id, { parentId: null }).then(() => child.id),
    onSuccess: (id) => {
      message.success(t('links.detachedOk'));
      refresh([id]);
    },
    onError: (e) => message.error(errorText(e, t)),
  });
  const unlink = useMutation({
    mutationFn: (other: { id: number }) => unlinkTicket(ticket.id, other.id).then(() => other.id),
    onSuccess: (id) => {
      message.success(t('links.unlinkedOk'));
      refresh([id]);
    },
    onError: (e) => message.error(errorText(e, t)),
  });

  const links: TicketLinks | undefined = query.data;
  const empty = !!links && !links.duplicateOf && !links.parent && links.children.length === 0 && links.related.length === 0 && links.duplicates.length === 0;
  // a customer contact sees the card only when there is something to show
  if (!editable && (query.isPending || empty || query.error)) return null;
  const removing = (id: number) => detach.isPending && detach.variables?.id === id;

  return (
    <Card
      size="small"
      title={
        <Space size={6}>
          <LinkOutlined />
          {t('links.title')}
        </Space>
      }
      extra={
        editable && (
          <Space size={4} wrap>
            <Button size="small" icon={<LinkOutlined />} onClick={() => setLinkOpen(true)} data-testid="links-add">
              {t('links.add')}
            </Button>
            {!links?.duplicateOf && (
              <Button size="small" icon={<MergeCellsOutlined />} onClick={() => setMergeOpen(true)} data-testid="links-merge">
                {t('links.mergeShort')}
              </Button>
            )}
          </Space>
        )
      }
      data-testid="ticket-links"
    >
      <ErrorAlert error={query.error} style={{ marginBottom: 0 }} />
      {query.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : links && empty ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('links.none')} style={{ margin: 0 }} />
      ) : links ? (
        <Flex vertical gap={16}>
          {links.duplicateOf && (
            <Section title={t('links.duplicateOf')} testId="links-duplicate-of">
              <TicketRow tk={links.duplicateOf} current={ticket} />
            </Section>
          )}
          {links.parent && (
            <Section title={t('links.parent')} testId="links-parent">
              <TicketRow tk={links.parent} current={ticket} onRemove={editable ? () => detach.mutate({ id: ticket.id }) : undefined} removing={removing(ticket.id)} />
            </Section>
          )}
          {links.children.length > 0 && (
            <Section title={t('links.children', { count: links.children.length })} testId="links-children">
              {links.children.map((c) => (
                <TicketRow key={c.id} tk={c} current={ticket} onRemove={editable ? () => detach.mutate({ id: c.id }) : undefined} removing={removing(c.id)} />
              ))}
            </Section>
          )}
          {links.duplicates.length > 0 && (
            <Section title={t('links.duplicates')} testId="links-duplicates">
              {links.duplicates.map((d) => (
                <TicketRow key={d.id} tk={d} current={ticket} />
              ))}
            </Section>
          )}
          {links.related.length > 0 && (
            <Section title={t('links.related')} testId="links-related">
              {links.related.map((r) => (
                <TicketRow key={r.id} tk={r} current={ticket} removal="unlink" onRemove={editable ? () => unlink.mutate({ id: r.id }) : undefined} removing={unlink.isPending && unlink.variables?.id === r.id} />
              ))}
            </Section>
          )}
        </Flex>
      ) : null}
      {editable && links && links.children.length === 0 && !links.parent && (
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 12 }}>
          <ApartmentOutlined /> {t('links.incidentHint')}
        </Typography.Text>
      )}
      {editable && <LinkModal ticket={ticket} open={linkOpen} onClose={() => setLinkOpen(false)} />}
      {editable && <MergeModal ticket={ticket} open={mergeOpen} onClose={() => setMergeOpen(false)} />}
    </Card>
  );
}
