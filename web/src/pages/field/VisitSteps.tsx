import { CarOutlined, CheckOutlined, CloseCircleOutlined, EnvironmentOutlined, LogoutOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Input, Modal, Steps, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { takeDispatchStep, type Dispatch, type DispatchStep } from '../../api/field';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../components/format';
import { visitKey } from './ServiceFormSection';

const STEP_ICONS: Record<DispatchStep, ReactNode> = {
  accept: <CheckOutlined />,
  depart: <CarOutlined />,
  arrive: <EnvironmentOutlined />,
  leave: <LogoutOutlined />,
  cancel: <CloseCircleOutlined />,
};

/** The visit's check-points so far (R7: dispatch, departure, arrival, leaving the site). */
function VisitTimes({ visit }: { visit: Dispatch }) {
  const { t, i18n } = useTranslation();
  const at = (ms: number | null) => (ms === null ? t('field.times.notYet') : formatDateTime(ms, i18n.language));
  const points = [
    { key: 'planned', time: visit.plannedAt, done: true },
    { key: 'accepted', time: visit.acceptedAt, done: visit.acceptedAt !== null },
    { key: 'departed', time: visit.departedAt, done: visit.departedAt !== null },
    { key: 'arrived', time: visit.arrivedAt, done: visit.arrivedAt !== null },
    { key: 'left', time: visit.leftAt, done: visit.leftAt !== null },
  ];
  const current = points.filter((p) => p.done).length - 1;
  return (
    <div data-testid="visit-times">
      <Steps
        orientation="vertical"
        size="small"
        current={current}
        status={visit.state === 'cancelled' ? 'error' : visit.state === 'done' ? 'finish' : 'process'}
        items={points.map((p) => ({
          title: t(`field.times.${p.key}`),
          content: <span data-testid={`visit-time-${p.key}`}>{at(p.time)}</span>,
        }))}
      />
      {visit.cancelledAt !== null && (
        <Typography.Text type="danger" data-testid="visit-time-cancelled">
          {t('field.times.cancelled')}: {formatDateTime(visit.cancelledAt, i18n.language)}
          {visit.cancelReason ? ` · ${visit.cancelReason}` : ''}
        </Typography.Text>
      )}
    </div>
  );
}

/**
 * The engineer's steps as big buttons — only those the server offers now — each confirmed before it
 * is recorded, and the times recorded so far.
 */
export function VisitSteps({ visit }: { visit: Dispatch }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [step, setStep] = useState<DispatchStep | null>(null);
  const [reason, setReason] = useState('');
  const mutation = useMutation({
    mutationFn: (s: DispatchStep) => takeDispatchStep(visit.id, s, s === 'cancel' ? reason.trim() || undefined : undefined),
    onSuccess: (_d, s) => {
      message.success(t(`field.stepDone.${s}`, { number: visit.number }));
      setStep(null);
      void qc.invalidateQueries({ queryKey: visitKey(visit.id) });
      void qc.invalidateQueries({ queryKey: ['dispatches'] });
      void qc.invalidateQueries({ queryKey: ['ticket', visit.ticketId] });
    },
    onError: (e) => {
      // someone else moved the visit on: show where it stands now
      if (isApiError(e) && e.code === 'dispatch_invalid_step') void qc.invalidateQueries({ queryKey: visitKey(visit.id) });
    },
  });
  const forward = visit.steps.filter((s) => s !== 'cancel');
  const open = (s: DispatchStep) => {
    mutation.reset();
    setReason('');
    setStep(s);
  };

  return (
    <Card size="small" title={t('field.visit.steps')} data-testid="visit-steps">
      <Flex vertical gap={16}>
        {forward.length > 0 && (
          <Flex vertical gap={10}>
            {forward.map((s, i) => (
              <Button
                key={s}
                type={i === 0 ? 'primary' : 'default'}
                size="large"
                block
                icon={STEP_ICONS[s]}
                onClick={() => open(s)}
                style={{ height: 56, fontSize: 18 }}
                data-testid={`step-${s}`}
              >
                {t(`field.step.${s}`)}
              </Button>
            ))}
          </Flex>
        )}
        <VisitTimes visit={visit} />
        {visit.steps.includes('cancel') && (
          <Button danger type="link" icon={STEP_ICONS.cancel} onClick={() => open('cancel')} style={{ alignSelf: 'flex-start', paddingInline: 0 }} data-testid="step-cancel">
            {t('field.step.cancel')}
          </Button>
        )}
      </Flex>
      <Modal
        open={step !== null}
        onCancel={() => setStep(null)}
        title={step ? t(`field.step.${step}`) : ''}
        okText={step ? t(`field.stepConfirmOk.${step}`) : ''}
        cancelText={t('common.cancel')}
        onOk={() => step && mutation.mutate(step)}
        okButtonProps={{ loading: mutation.isPending, danger: step === 'cancel', size: 'large', 'data-testid': 'step-confirm' }}
        cancelButtonProps={{ size: 'large' }}
        destroyOnHidden
      >
        <ErrorAlert error={mutation.error} />
        <Typography.Paragraph>{step ? t(`field.stepConfirm.${step}`, { number: visit.number }) : ''}</Typography.Paragraph>
        {step === 'cancel' && (
          <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} placeholder={t('field.visit.cancelReason')} data-testid="step-cancel-reason" />
        )}
      </Modal>
    </Card>
  );
}
