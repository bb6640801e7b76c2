import { ArrowLeftOutlined, PhoneOutlined, SaveOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Descriptions, Flex, Input, Result, Row, Skeleton, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { getDispatch, updateDispatch, type DispatchDetail } from '../../api/field';
import type { TicketGrade, TicketStatus } from '../../api/types';
import { ErrorAlert, errorText } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../components/format';
import { useCurrentUser } from '../../components/session';
import { useIsPhone } from '../../components/useIsPhone';
import { DispatchPartsCard } from '../parts/DispatchParts';
import { TicketGradeTag, TicketStatusTag } from '../tickets/labels';
import { DispatchStateTag, canFieldWork, isOnVisit } from './labels';
import { ServiceFormSection, visitKey } from './ServiceFormSection';
import { VisitLog } from './VisitLog';
import { VisitSteps } from './VisitSteps';

/** The ticket, the customer, the site and the device at a glance, with the caller one tap away. */
function Glance({ visit }: { visit: DispatchDetail }) {
  const { t, i18n } = useTranslation();
  const isPhone = useIsPhone();
  const text = (v: string) => (v ? <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span> : '—');
  return (
    <Card size="small" data-testid="visit-glance">
      <Flex vertical gap={8}>
        <Link to={`/tickets/${visit.ticketId}`} data-testid="visit-ticket">
          <Typography.Text strong style={{ color: 'inherit' }}>
            {visit.ticketNumber}
          </Typography.Text>{' '}
          {visit.ticketTitle}
        </Link>
        <Space size={6} wrap>
          <TicketStatusTag status={visit.ticketStatus as TicketStatus} />
          {visit.grade && <TicketGradeTag grade={visit.grade as TicketGrade} />}
        </Space>
        <Descriptions size="small" column={1} styles={{ label: { whiteSpace: 'nowrap', width: isPhone ? 72 : 96 } }}>
          <Descriptions.Item label={t('field.visit.customer')}>{visit.customerName}</Descriptions.Item>
          <Descriptions.Item label={t('field.visit.site')}>
            {visit.site ? (
              <span>
                {visit.site.name}
                {visit.site.address && (
                  <Typography.Text type="secondary" style={{ display: 'block' }}>
                    {visit.site.address}
                  </Typography.Text>
                )}
              </span>
            ) : (
              '—'
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('field.visit.asset')}>
            {visit.asset ? (
              <Link to={`/customers/assets/${visit.asset.id}`} data-testid="visit-asset">
                {visit.asset.serial} · {visit.asset.model}
              </Link>
            ) : (
              '—'
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('field.visit.caller')}>
            {visit.callerName || visit.callerPhone ? (
              <Space size={8} wrap>
                {visit.callerName && <span>{visit.callerName}</span>}
                {visit.callerPhone && (
                  <a href={`tel:${visit.callerPhone.replace(/[^\d+]/g, '')}`} data-testid="visit-caller-phone">
                    <PhoneOutlined /> {visit.callerPhone}
                  </a>
                )}
              </Space>
            ) : (
              '—'
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('field.visit.planned')}>{formatDateTime(visit.plannedAt, i18n.language)}</Descriptions.Item>
          <Descriptions.Item label={t('field.visit.engineers')}>{visit.engineers.map((e) => e.name).join('、') || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('field.visit.bring')}>{text(visit.bring)}</Descriptions.Item>
          {visit.notes ? <Descriptions.Item label={t('field.visit.notes')}>{text(visit.notes)}</Descriptions.Item> : null}
        </Descriptions>
      </Flex>
    </Card>
  );
}

/** 使用部件 as the service form writes it (free text); the stock movements are the parts card's (R8). */
function PartsUsed({ visit, canRecord }: { visit: DispatchDetail; canRecord: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [parts, setParts] = useState(visit.partsUsed);
  const mutation = useMutation({
    mutationFn: () => updateDispatch(visit.id, { partsUsed: parts }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: visitKey(visit.id), exact: true });
      message.success(t('common.saved'));
    },
    onError: (e) => message.error(errorText(e, t)),
  });
  return (
    <Card size="small" title={t('field.visit.partsUsed')} data-testid="visit-parts">
      {canRecord ? (
        <Flex vertical gap={8}>
          <Input.TextArea value={parts} onChange={(e) => setParts(e.target.value)} autoSize={{ minRows: 2, maxRows: 8 }} maxLength={4000} placeholder={t('field.visit.partsPlaceholder')} data-testid="parts-used" />
          <Flex justify="flex-end">
            <Button icon={<SaveOutlined />} onClick={() => mutation.mutate()} loading={mutation.isPending} disabled={parts.trim() === visit.partsUsed.trim()} data-testid="parts-save">
              {t('common.save')}
            </Button>
          </Flex>
        </Flex>
      ) : (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{visit.partsUsed || '—'}</Typography.Paragraph>
      )}
    </Card>
  );
}

/** 派工单 for the engineer on site (R7, R9): steps, work log, parts and the service form. */
export function VisitPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const query = useQuery({ queryKey: visitKey(id), queryFn: () => getDispatch(id), enabled: valid });

  if (!valid || (isApiError(query.error) && (query.error.status === 404 || query.error.status === 403))) {
    return (
      <Result
        status="404"
        title={t('field.visit.notFound')}
        extra={
          <Link to="/field">
            <Button type="primary">{t('field.jobs.back')}</Button>
          </Link>
        }
      />
    );
  }
  if (query.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  const visit = query.data;
  if (!visit) return <ErrorAlert error={query.error} />;
  const canRecord = isOnVisit(me, visit.engineers);

  return (
    <>
      <PageHeader
        title={
          <Space size={8} wrap>
            <Link to="/field" aria-label={t('common.back')}>
              <ArrowLeftOutlined />
            </Link>
            <span data-testid="visit-number">{visit.number}</span>
            <DispatchStateTag state={visit.state} testId="visit-state" />
          </Space>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Flex vertical gap={16}>
            <Glance visit={visit} />
            <VisitSteps visit={visit} />
            <VisitLog visit={visit} canRecord={canRecord} />
          </Flex>
        </Col>
        <Col xs={24} xl={14}>
          <Flex vertical gap={16}>
            <DispatchPartsCard visit={visit} />
            <PartsUsed key={visit.partsUsed} visit={visit} canRecord={canRecord} />
            <ServiceFormSection visit={visit} canRecord={canRecord} canEmail={canFieldWork(me)} />
          </Flex>
        </Col>
      </Row>
    </>
  );
}
