import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Divider, Drawer, Flex, Form, Input, InputNumber, Select, Switch, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createClockPolicy, replaceClockPolicy } from '../../api/client';
import {
  CLOCK_KINDS,
  ESCALATION_TARGETS,
  FAULT_GRADES,
  MAX_ESCALATION_MINUTES,
  MAX_ESCALATION_STEPS,
  MAX_TARGET_MINUTES,
  type ClockKind,
  type ClockPolicy,
  type ClockPolicyInput,
  type ClockTargets,
  type EscalationTarget,
  type FaultGrade,
} from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { clockKindLabel } from '../../components/clocks';
import { applyServerErrors } from '../../components/serverErrors';
import { useIsPhone } from '../../components/useIsPhone';
import { MinutesInput } from './MinutesInput';
import { applyProblems } from './problems';

export const POLICIES_KEY = ['clock-policies'] as const;

interface StepValues {
  afterMinutes: number | null;
  to: EscalationTarget[];
}

interface Values {
  name: string;
  description?: string;
  isDefault: boolean;
  targets: Record<FaultGrade, Record<ClockKind, number | null>>;
  warnPercent: number | null;
  roundTheClock: { grades: FaultGrade[]; kinds: ClockKind[] };
  escalation: { warn: EscalationTarget[]; breach: StepValues[] };
}

const LIST_FIELDS = ['grades', 'kinds', 'warn', 'to'];

/** The form's field for a problem's path (policy.ts and escalation.ts name them), or null. */
function fieldOf(segments: (string | number)[]): (string | number)[] | null {
  const [head, a, b, c] = segments;
  if (head === 'name' || head === 'description' || head === 'isDefault') return [head];
  if (head === 'warnFraction') return ['warnPercent'];
  if (head === 'targets') {
    return (FAULT_GRADES as readonly unknown[]).includes(a) && (CLOCK_KINDS as readonly unknown[]).includes(b) ? ['targets', a!, b!] : null;
  }
  if (head === 'roundTheClock' && (a === 'grades' || a === 'kinds')) return ['roundTheClock', a];
  if (head === 'escalation' && a === 'warn') return ['escalation', 'warn'];
  if (head === 'escalation' && a === 'breach' && typeof b === 'number') {
    // a list of targets is one field: its element's index is dropped
    return c === 'afterMinutes' ? ['escalation', 'breach', b, 'afterMinutes'] : ['escalation', 'breach', b, LIST_FIELDS.includes(String(c)) ? String(c) : 'to'];
  }
  return null;
}

function valuesOf(p: Pick<ClockPolicy, 'name' | 'description' | 'isDefault' | 'targets' | 'warnFraction' | 'roundTheClock' | 'escalation'>): Values {
  return {
    name: p.name,
    description: p.description,
    isDefault: p.isDefault,
    targets: structuredClone(p.targets),
    warnPercent: Math.round(p.warnFraction * 100),
    roundTheClock: { grades: [...p.roundTheClock.grades], kinds: [...p.roundTheClock.kinds] },
    escalation: { warn: [...p.escalation.warn], breach: p.escalation.breach.map((s) => ({ afterMinutes: s.afterMinutes, to: [...s.to] })) },
  };
}

function inputOf(v: Values): ClockPolicyInput {
  return {
    name: v.name.trim(),
    description: v.description?.trim() ?? '',
    isDefault: v.isDefault,
    targets: v.targets as ClockTargets,
    warnFraction: (v.warnPercent ?? 0) / 100,
    roundTheClock: v.roundTheClock,
    escalation: { warn: v.escalation.warn, breach: v.escalation.breach.map((s) => ({ afterMinutes: s.afterMinutes ?? 0, to: s.to })) },
  };
}

interface Props {
  open: boolean;
  /** The policy to edit; null creates one from `template`. */
  policy: ClockPolicy | null;
  /** What a new policy starts from: the default policy's values. */
  template: ClockPolicy | null;
  readOnly: boolean;
  onClose: () => void;
}

/** A clock policy: targets per grade and clock, the warning point, clocks counted 7×24, escalation (R4). */
export function ClockPolicyDrawer({ open, policy, template, readOnly, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (policy) form.setFieldsValue(valuesOf(policy));
    else if (template) form.setFieldsValue({ ...valuesOf(template), name: '', description: '', isDefault: false });
  }, [open, policy, template, form]);

  const mutation = useMutation({
    mutationFn: (v: Values) => (policy ? replaceClockPolicy(policy.id, inputOf(v)) : createClockPolicy(inputOf(v))),
    onMutate: () => setError(null),
    onSuccess: (saved) => {
      message.success(t('policies.savedOk', { name: saved.name }));
      void qc.invalidateQueries({ queryKey: POLICIES_KEY });
      onClose();
    },
    onError: (e) => {
      const left = applyProblems(form, e, ['policy_invalid'], fieldOf);
      setError(applyServerErrors(form, left, ['name', 'description'], { clock_policy_name_taken: 'name' }));
    },
  });

  const targetRules = [
    {
      validator: async (_: unknown, v: number | null | undefined) => {
        if (v === null || v === undefined) throw new Error(t('policies.targetRequired'));
        if (v < 1 || v > MAX_TARGET_MINUTES) throw new Error(t('policies.targetRange'));
      },
    },
  ];

  const targetColumns: TableColumnsType<ClockKind> = [
    {
      title: t('policies.clock'),
      key: 'kind',
      width: 170,
      fixed: isPhone ? undefined : 'left',
      render: (_, kind) => (
        <div>
          <Typography.Text strong>{clockKindLabel(t, kind)}</Typography.Text>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {t(`policies.from.${kind}`)}
          </Typography.Text>
        </div>
      ),
    },
    ...FAULT_GRADES.map((grade) => ({
      title: t(`ticketGrade.${grade}`),
      key: grade,
      width: 210,
      render: (_: unknown, kind: ClockKind) => (
        <Form.Item name={['targets', grade, kind]} rules={targetRules} style={{ margin: 0 }}>
          <MinutesInput ariaLabel={`${t(`ticketGrade.${grade}`)} ${clockKindLabel(t, kind)}`} disabled={readOnly} data-testid={`target-${grade}-${kind}`} />
        </Form.Item>
      ),
    })),
  ];

  const targetOptions = ESCALATION_TARGETS.map((x) => ({ value: x, label: t(`escalationTarget.${x}`) }));
  const title = readOnly ? (policy?.name ?? '') : policy ? t('policies.editTitle', { name: policy.name }) : t('policies.newTitle');

  return (
    <Drawer open={open} onClose={onClose} title={title} size={isPhone ? '100%' : 940} destroyOnHidden data-testid="policy-form">
      <ErrorAlert error={error} />
      {readOnly && <Alert type="info" showIcon title={t('policies.readOnly')} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical" onFinish={(v) => mutation.mutate(v)} scrollToFirstError disabled={readOnly}>
        <Flex gap={12} wrap>
          <Form.Item name="name" label={t('policies.name')} style={{ flex: '1 1 260px' }} rules={[{ required: true, whitespace: true, message: t('policies.nameRequired') }, { max: 100 }]}>
            <Input autoFocus={!policy} placeholder={t('policies.namePlaceholder')} data-testid="policy-form-name" />
          </Form.Item>
          <Form.Item name="isDefault" label={t('policies.isDefault')} valuePropName="checked" tooltip={t('policies.isDefaultHint')}>
            {/* the default cannot be switched off: another policy is made the default instead */}
            <Switch disabled={readOnly || !!policy?.isDefault} data-testid="policy-form-default" />
          </Form.Item>
        </Flex>
        <Form.Item name="description" label={t('policies.description')} rules={[{ max: 1000 }]}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} data-testid="policy-form-description" />
        </Form.Item>

        <Divider titlePlacement="start" plain style={{ marginTop: 0 }}>
          {t('policies.targets')}
        </Divider>
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
          {t('policies.targetsHint')}
        </Typography.Paragraph>
        <Table<ClockKind>
          rowKey={(k) => k}
          columns={targetColumns}
          dataSource={[...CLOCK_KINDS]}
          pagination={false}
          size="small"
          scroll={{ x: 800 }}
          style={{ marginBottom: 16 }}
          data-testid="policy-targets"
        />

        <Divider titlePlacement="start" plain>
          {t('policies.warningAndHours')}
        </Divider>
        <Flex gap={12} wrap>
          <Form.Item
            name="warnPercent"
            label={t('policies.warnPercent')}
            tooltip={t('policies.warnPercentHint')}
            style={{ width: 180 }}
            rules={[{ required: true, message: t('policies.warnRequired') }, { type: 'integer', min: 1, max: 99, message: t('policies.warnRange') }]}
          >
            <InputNumber min={1} max={99} precision={0} suffix="%" style={{ width: '100%' }} data-testid="policy-form-warn" />
          </Form.Item>
          <Form.Item name={['escalation', 'warn']} label={t('policies.warnTo')} tooltip={t('policies.warnToHint')} style={{ flex: '1 1 240px' }}>
            <Select mode="multiple" allowClear options={targetOptions} placeholder={t('policies.noWarning')} data-testid="policy-form-warn-to" />
          </Form.Item>
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item name={['roundTheClock', 'grades']} label={t('policies.rtcGrades')} tooltip={t('policies.rtcHint')} style={{ flex: '1 1 260px' }}>
            <Select mode="multiple" allowClear options={FAULT_GRADES.map((g) => ({ value: g, label: t(`ticketGrade.${g}`) }))} placeholder={t('policies.none')} data-testid="policy-form-rtc-grades" />
          </Form.Item>
          <Form.Item name={['roundTheClock', 'kinds']} label={t('policies.rtcKinds')} tooltip={t('policies.rtcHint')} style={{ flex: '1 1 260px' }}>
            <Select mode="multiple" allowClear options={CLOCK_KINDS.map((k) => ({ value: k, label: clockKindLabel(t, k) }))} placeholder={t('policies.none')} data-testid="policy-form-rtc-kinds" />
          </Form.Item>
        </Flex>

        <Divider titlePlacement="start" plain>
          {t('policies.escalation')}
        </Divider>
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
          {t('policies.escalationHint')}
        </Typography.Paragraph>
        <Form.List name={['escalation', 'breach']}>
          {(fields, { add, remove }) => (
            <Flex vertical gap={8} data-testid="policy-steps">
              {fields.map((field, i) => (
                <Flex key={field.key} gap={8} align="flex-start" wrap>
                  <Typography.Text style={{ width: 96, paddingTop: 5 }}>{i === 0 ? t('policies.stepBreach') : t('policies.stepN', { n: i })}</Typography.Text>
                  <Form.Item
                    name={[field.name, 'afterMinutes']}
                    label={t('policies.afterDeadline')}
                    style={{ width: 200, marginBottom: 0 }}
                    rules={[
                      {
                        validator: async (_: unknown, v: number | null | undefined) => {
                          if (v === null || v === undefined) throw new Error(t('policies.targetRequired'));
                          if (v < 0 || v > MAX_ESCALATION_MINUTES) throw new Error(t('policies.stepRange'));
                        },
                      },
                    ]}
                  >
                    <MinutesInput allowZero ariaLabel={t('policies.stepAria', { n: i })} disabled={readOnly} data-testid={`policy-step-${i}-after`} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'to']}
                    label={t('policies.notify')}
                    style={{ flex: '1 1 220px', marginBottom: 0 }}
                    rules={[{ required: true, type: 'array', min: 1, message: t('policies.notifyRequired') }]}
                  >
                    <Select mode="multiple" options={targetOptions} data-testid={`policy-step-${i}-to`} />
                  </Form.Item>
                  {!readOnly && (
                    <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('policies.removeStep', { n: i })} style={{ marginTop: 30 }} />
                  )}
                </Flex>
              ))}
              {!readOnly && fields.length < MAX_ESCALATION_STEPS && (
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ afterMinutes: fields.length === 0 ? 0 : 120, to: ['manager'] })} style={{ alignSelf: 'flex-start' }} data-testid="policy-step-add">
                  {t('policies.addStep')}
                </Button>
              )}
            </Flex>
          )}
        </Form.List>

        <Flex gap={8} justify="flex-end" style={{ marginTop: 24 }}>
          <Button onClick={onClose} disabled={false}>
            {readOnly ? t('common.close') : t('common.cancel')}
          </Button>
          {!readOnly && (
            <Button type="primary" htmlType="submit" loading={mutation.isPending} data-testid="policy-form-submit">
              {policy ? t('common.save') : t('common.create')}
            </Button>
          )}
        </Flex>
      </Form>
    </Drawer>
  );
}
