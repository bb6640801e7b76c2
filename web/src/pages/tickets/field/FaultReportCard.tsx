import { CheckOutlined, DownloadOutlined, FileAddOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Flex, Form, Input, Modal, Select, Skeleton, Space, Tag, Tooltip, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client';
import {
  approveReport,
  deliverReport,
  draftTicketReport,
  getTicketReport,
  REPORT_SECTIONS,
  reportPdfUrl,
  updateReport,
  type FaultReport,
  type ReportSection,
  type ReportState,
  type ReportTexts,
} from '../../../api/reports';
import type { Role, Ticket } from '../../../api/types';
import { hasAnyRole, isCustomerContact } from '../../../components/access';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatDateTime } from '../../../components/format';
import { useCurrentUser } from '../../../components/session';
import { currentLanguage } from '../../../i18n';

/** Who drafts, edits and delivers reports, and who approves them; mirrors the server's policy (which still decides). */
const REPORT_ACCESS = {
  write: ['admin', 'manager', 'dispatcher', 'agent', 'engineer'],
  approve: ['admin', 'manager'],
} as const satisfies Record<string, readonly Role[]>;

/** The ticket's report, under the ticket's key so whatever refreshes the ticket refreshes it. */
export const ticketReportKey = (ticketId: number) => ['ticket', ticketId, 'report'] as const;

const STATE_COLORS: Record<ReportState, string> = { draft: 'default', approved: 'blue', delivered: 'green' };

// Good enough to catch a typo before the server's own check.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The report, or null when the ticket has none (or, for a customer contact, none delivered yet). */
async function fetchReport(ticketId: number): Promise<FaultReport | null> {
  try {
    return await getTicketReport(ticketId);
  } catch (e) {
    if (isApiError(e) && e.code === 'report_not_found') return null;
    throw e;
  }
}

function textsOf(report: FaultReport): Record<ReportSection, string> {
  return Object.fromEntries(REPORT_SECTIONS.map((s) => [s, report[s]])) as Record<ReportSection, string>;
}

function useReportSaved(ticketId: number) {
  const qc = useQueryClient();
  return (report: FaultReport) => {
    qc.setQueryData(ticketReportKey(ticketId), report);
    // The timeline and the report clock move with the report's steps.
    void qc.invalidateQueries({ queryKey: ['ticket', ticketId] });
  };
}

function StateTag({ state }: { state: ReportState }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLORS[state]} style={{ marginInlineEnd: 0 }} data-testid="report-state" data-state={state}>
      {t(`reports.state.${state}`)}
    </Tag>
  );
}

function PdfButtons({ report }: { report: FaultReport }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const other = lang === 'en' ? 'zh-CN' : 'en';
  return (
    <Space.Compact>
      <Button icon={<DownloadOutlined />} href={reportPdfUrl(report.id, lang)} download data-testid="report-pdf">
        {t('reports.pdf')}
      </Button>
      <Tooltip title={t('reports.pdfIn', { language: t(`reports.language.${other}`) })}>
        <Button href={reportPdfUrl(report.id, other)} download data-testid="report-pdf-other">
          {t(`reports.language.${other}`)}
        </Button>
      </Tooltip>
    </Space.Compact>
  );
}

/** Who drafted, approved and delivered it, and when. */
function ReportMeta({ report }: { report: FaultReport }) {
  const { t, i18n } = useTranslation();
  const at = (ms: number | null) => formatDateTime(ms, i18n.language);
  const parts = [t('reports.draftedBy', { name: report.draftedByName ?? '—', time: at(report.createdAt) })];
  if (report.approvedAt !== null) parts.push(t('reports.approvedBy', { name: report.approvedByName ?? '—', time: at(report.approvedAt) }));
  if (report.deliveredAt !== null) {
    parts.push(report.deliveredTo.length ? t('reports.deliveredTo', { time: at(report.deliveredAt), emails: report.deliveredTo.join(', ') }) : t('reports.deliveredAt', { time: at(report.deliveredAt) }));
  }
  return (
    <Flex vertical gap={2}>
      {parts.map((p) => (
        <Typography.Text key={p} type="secondary" style={{ fontSize: 12 }}>
          {p}
        </Typography.Text>
      ))}
    </Flex>
  );
}

function ReadOnlySections({ report }: { report: FaultReport }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={12}>
      {REPORT_SECTIONS.map((s) => (
        <div key={s} data-testid={`report-${s}-view`}>
          <Typography.Text strong>{t(`reports.section.${s}`)}</Typography.Text>
          {report[s] ? (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0, overflowWrap: 'anywhere' }}>{report[s]}</Typography.Paragraph>
          ) : (
            <Typography.Text type="secondary" style={{ display: 'block' }}>
              {t('reports.empty')}
            </Typography.Text>
          )}
        </div>
      ))}
    </Flex>
  );
}

function DeliverModal({ report, open, onClose }: { report: FaultReport; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const saved = useReportSaved(report.ticketId);
  const [form] = Form.useForm<{ emails: string[] }>();
  const [error, setError] = useState<unknown>(null);
  const mutation = useMutation({
    mutationFn: (emails: string[]) => deliverReport(report.id, emails),
    onMutate: () => setError(null),
    onSuccess: (r) => {
      message.success(t('reports.deliveredOk'));
      saved(r);
      onClose();
    },
    onError: (e) => setError(e),
  });
  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={t('reports.deliverTitle', { number: report.ticketNumber })}
      okText={t('reports.deliverSubmit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      okButtonProps={{ loading: mutation.isPending, icon: <SendOutlined />, 'data-testid': 'report-deliver-submit' }}
      destroyOnHidden
      afterOpenChange={(visible) => {
        if (visible) setError(null);
      }}
    >
      <Typography.Paragraph type="secondary">{t('reports.deliverIntro')}</Typography.Paragraph>
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" initialValues={{ emails: [] }} onFinish={(v) => mutation.mutate(v.emails.map((e) => e.trim()).filter(Boolean))}>
        <Form.Item
          name="emails"
          label={t('reports.emails')}
          extra={t('reports.emailsHint')}
          rules={[
            {
              validator: async (_rule, value: string[] | undefined) => {
                const bad = (value ?? []).find((e) => !EMAIL.test(e.trim()));
                if (bad !== undefined) throw new Error(t('reports.emailInvalid', { value: bad }));
              },
            },
          ]}
        >
          <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', ';', ' ', '，', '；']} placeholder={t('reports.emailsPlaceholder')} data-testid="report-emails" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ReportBody({ report, writer, approver }: { report: FaultReport; writer: boolean; approver: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const saved = useReportSaved(report.ticketId);
  const [texts, setTexts] = useState(() => textsOf(report));
  const [error, setError] = useState<unknown>(null);
  const [delivering, setDelivering] = useState(false);
  const editable = writer && report.state !== 'delivered';
  const changes: ReportTexts = Object.fromEntries(REPORT_SECTIONS.flatMap((s) => (texts[s] !== report[s] ? [[s, texts[s]]] : [])));
  const dirty = Object.keys(changes).length > 0;

  const save = useMutation({
    mutationFn: () => updateReport(report.id, changes),
    onMutate: () => setError(null),
    onSuccess: (r) => {
      message.success(t('common.saved'));
      saved(r);
    },
    onError: (e) => setError(e),
  });
  const approve = useMutation({
    mutationFn: () => approveReport(report.id),
    onMutate: () => setError(null),
    onSuccess: (r) => {
      message.success(t('reports.approvedOk'));
      saved(r);
    },
    onError: (e) => setError(e),
  });

  return (
    <Flex vertical gap={12}>
      <ReportMeta report={report} />
      <ErrorAlert error={error} style={{ marginBottom: 0 }} />
      {editable ? (
        <>
          {report.state === 'approved' && <Alert type="info" showIcon title={t('reports.reapproveHint')} />}
          {REPORT_SECTIONS.map((s) => (
            <div key={s}>
              <Typography.Text strong>{t(`reports.section.${s}`)}</Typography.Text>
              <Input.TextArea
                value={texts[s]}
                onChange={(e) => setTexts((prev) => ({ ...prev, [s]: e.target.value }))}
                autoSize={{ minRows: s === 'prevention' || s === 'cause' ? 2 : 3, maxRows: 14 }}
                maxLength={20000}
                placeholder={t(`reports.placeholder.${s}`)}
                data-testid={`report-${s}`}
              />
            </div>
          ))}
        </>
      ) : (
        <ReadOnlySections report={report} />
      )}
      <Flex gap={8} wrap justify="flex-end">
        <PdfButtons report={report} />
        {editable && (
          <Button icon={<SaveOutlined />} disabled={!dirty} loading={save.isPending} onClick={() => save.mutate()} data-testid="report-save">
            {t('common.save')}
          </Button>
        )}
        {approver && report.state === 'draft' && (
          <Tooltip title={dirty ? t('reports.saveFirst') : undefined}>
            <Button icon={<CheckOutlined />} disabled={dirty} loading={approve.isPending} onClick={() => approve.mutate()} data-testid="report-approve">
              {t('reports.approve')}
            </Button>
          </Tooltip>
        )}
        {writer && report.state === 'approved' && (
          <Tooltip title={dirty ? t('reports.saveFirst') : undefined}>
            <Button type="primary" icon={<SendOutlined />} disabled={dirty} onClick={() => setDelivering(true)} data-testid="report-deliver">
              {t('reports.deliver')}
            </Button>
          </Tooltip>
        )}
      </Flex>
      {report.state === 'draft' && !approver && writer && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('reports.awaitingApproval')}
        </Typography.Text>
      )}
      <DeliverModal report={report} open={delivering} onClose={() => setDelivering(false)} />
    </Flex>
  );
}

/**
 * 故障分析说明 (R10) on a fault's page: drafted from the ticket, edited, approved by a manager and
 * delivered to the customer as a PDF within 3 days of restoration. A customer contact sees it once
 * delivered, with its download.
 */
export function FaultReportCard({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const contact = isCustomerContact(me);
  const writer = !contact && hasAnyRole(me, REPORT_ACCESS.write);
  const approver = !contact && hasAnyRole(me, REPORT_ACCESS.approve);
  const isFault = ticket.kind === 'fault';
  const saved = useReportSaved(ticket.id);
  const query = useQuery({ queryKey: ticketReportKey(ticket.id), queryFn: () => fetchReport(ticket.id), enabled: isFault });
  const draft = useMutation({
    mutationFn: () => draftTicketReport(ticket.id),
    onSuccess: (r) => {
      message.success(t('reports.draftedOk'));
      saved(r);
    },
  });

  if (!isFault) return null;
  // Until it is delivered, a customer's report does not exist for them.
  if (contact && !query.data) return null;
  const report = query.data;

  return (
    <Card size="small" title={t('reports.title')} extra={report && <StateTag state={report.state} />} data-testid="fault-report-card">
      {query.isPending ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : query.isError ? (
        <ErrorAlert error={query.error} style={{ marginBottom: 0 }} />
      ) : report ? (
        // Keyed by its version: a saved, approved or delivered report starts the form afresh.
        <ReportBody key={`${report.updatedAt}:${report.state}`} report={report} writer={writer} approver={approver} />
      ) : (
        <Flex vertical align="center" gap={8}>
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reports.none')} style={{ margin: 0 }} />
          <ErrorAlert error={draft.error} style={{ marginBottom: 0, alignSelf: 'stretch' }} />
          {writer && (
            <Button type="primary" icon={<FileAddOutlined />} loading={draft.isPending} onClick={() => draft.mutate()} data-testid="report-draft">
              {t('reports.draft')}
            </Button>
          )}
        </Flex>
      )}
    </Card>
  );
}
