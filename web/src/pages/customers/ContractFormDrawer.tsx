import { Button, Col, DatePicker, Divider, Drawer, Flex, Form, Input, Radio, Row, Select, Switch } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createContract, listCalendars, listClockPolicies, updateContract } from '../../api/client';
import { COVERAGES, INSPECTION_FREQUENCIES, type Contract, type ContractInput, type Coverage, type InspectionFrequency } from '../../api/types';
import { CustomerSelect } from '../../components/CustomerSelect';
import { ErrorAlert } from '../../components/ErrorAlert';
import { UserSelect } from '../../components/UserSelect';
import { fromDay, toDay } from '../../components/days';
import { applyServerErrors } from '../../components/serverErrors';
import { useIsPhone } from '../../components/useIsPhone';

interface Values {
  customerId?: number;
  number: string;
  name: string;
  serviceStart?: Dayjs | null;
  serviceEnd?: Dayjs | null;
  warrantyStart?: Dayjs | null;
  warrantyEnd?: Dayjs | null;
  coverage: Coverage;
  clockPolicyId?: number | null;
  calendarId?: number | null;
  inspectionFrequency: InspectionFrequency;
  inspectionContent?: string;
  sparesOnSite: boolean;
  handedOverOn?: Dayjs | null;
  ownerEngineerId?: number | null;
  residentEngineerIds?: number[];
  notes?: string;
}

const FIELDS = [
  'customerId', 'number', 'name', 'serviceStart', 'serviceEnd', 'warrantyStart', 'warrantyEnd', 'coverage', 'clockPolicyId', 'calendarId',
  'inspectionFrequency', 'inspectionContent', 'sparesOnSite', 'handedOverOn', 'ownerEngineerId', 'residentEngineerIds', 'notes',
];
const CODE_FIELDS = {
  contract_number_taken: 'number',
  engineer_invalid: 'residentEngineerIds',
  customer_not_found: 'customerId',
  clock_policy_not_found: 'clockPolicyId',
  calendar_not_found: 'calendarId',
};

interface Props {
  open: boolean;
  /** The contract to edit; null creates one. */
  contract: Contract | null;
  /** The customer of a new contract, when created from the customer's page. */
  preset?: { customerId: number; customerName: string };
  onClose: () => void;
  onSaved?: (contract: Contract, created: boolean) => void;
}

/** An end day must not come before its start day (both optional until filled). */
function notBefore(startField: keyof Values, message: string) {
  return ({ getFieldValue }: { getFieldValue: (name: keyof Values) => unknown }) => ({
    validator: async (_: unknown, end: Dayjs | null | undefined) => {
      const start = getFieldValue(startField) as Dayjs | null | undefined;
      if (start && end && end.isBefore(start, 'day')) throw new Error(message);
    },
  });
}

export function ContractFormDrawer({ open, contract, preset, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const editing = contract !== null;
  const known = useMemo(() => contract?.engineers ?? [], [contract]);
  // the same cache as the clock settings pages
  const policies = useQuery({ queryKey: ['clock-policies'], queryFn: listClockPolicies, staleTime: 60_000, enabled: open });
  const calendars = useQuery({ queryKey: ['calendars'], queryFn: listCalendars, staleTime: 60_000, enabled: open });
  const coverage = Form.useWatch('coverage', form);
  const defaultPolicy = policies.data?.items.find((p) => p.isDefault);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue(
      contract
        ? {
            customerId: contract.customerId,
            number: contract.number,
            name: contract.name,
            serviceStart: fromDay(contract.serviceStart),
            serviceEnd: fromDay(contract.serviceEnd),
            warrantyStart: fromDay(contract.warrantyStart),
            warrantyEnd: fromDay(contract.warrantyEnd),
            coverage: contract.coverage,
            clockPolicyId: contract.clockPolicyId ?? undefined,
            calendarId: contract.calendarId ?? undefined,
            inspectionFrequency: contract.inspectionFrequency,
            inspectionContent: contract.inspectionContent,
            sparesOnSite: contract.sparesOnSite,
            handedOverOn: fromDay(contract.handedOverOn),
            ownerEngineerId: contract.ownerEngineerId,
            residentEngineerIds: contract.residentEngineerIds,
            notes: contract.notes,
          }
        : {
            customerId: preset?.customerId,
            coverage: '7x24',
            inspectionFrequency: 'quarterly',
            sparesOnSite: false,
            residentEngineerIds: [],
          },
    );
  }, [open, contract, preset, form]);

  const mutation = useMutation({
    mutationFn: async (v: Values) => {
      const input: ContractInput = {
        number: v.number.trim(),
        name: v.name.trim(),
        serviceStart: toDay(v.serviceStart) ?? undefined,
        serviceEnd: toDay(v.serviceEnd) ?? undefined,
        warrantyStart: toDay(v.warrantyStart),
        warrantyEnd: toDay(v.warrantyEnd),
        coverage: v.coverage,
        inspectionFrequency: v.inspectionFrequency,
        inspectionContent: v.inspectionContent?.trim() ?? '',
        sparesOnSite: v.sparesOnSite,
        handedOverOn: toDay(v.handedOverOn),
        ownerEngineerId: v.ownerEngineerId ?? null,
        residentEngineerIds: v.residentEngineerIds ?? [],
        notes: v.notes?.trim() ?? '',
        // empty: the default policy, and the built-in calendar of the coverage
        clockPolicyId: v.clockPolicyId ?? null,
        calendarId: v.calendarId ?? null,
      };
      if (contract) return { contract: await updateContract(contract.id, input), created: false };
      return { contract: await createContract({ ...input, customerId: v.customerId }), created: true };
    },
    onMutate: () => setError(null),
    onSuccess: ({ contract: saved, created }) => {
      void qc.invalidateQueries({ queryKey: ['contracts'] });
      void qc.invalidateQueries({ queryKey: ['contract', saved.id] });
      void qc.invalidateQueries({ queryKey: ['customer', saved.customerId] });
      // coverage feeds every asset's warranty state
      void qc.invalidateQueries({ queryKey: ['assets'] });
      void qc.invalidateQueries({ queryKey: ['asset'] });
      onClose();
      onSaved?.(saved, created);
    },
    onError: (e) => setError(applyServerErrors(form, e, FIELDS, CODE_FIELDS)),
  });

  const half = isPhone ? 24 : 12;
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={editing ? t('contracts.editTitle', { number: contract.number }) : t('contracts.newTitle')}
      size={isPhone ? '100%' : 640}
      destroyOnHidden
      data-testid="contract-form"
    >
      <ErrorAlert error={error} />
      <Form<Values> form={form} layout="vertical" onFinish={(v) => mutation.mutate(v)} scrollToFirstError>
        <Row gutter={16}>
          <Col span={24}>
            <Form.Item name="customerId" label={t('contract.customer')} rules={[{ required: true, message: t('assets.customerRequired') }]}>
              <CustomerSelect
                disabled={editing || !!preset}
                known={contract ? { id: contract.customerId, name: contract.customerName } : preset ? { id: preset.customerId, name: preset.customerName } : null}
                data-testid="contract-form-customerId"
              />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="number" label={t('contract.number')} rules={[{ required: true, whitespace: true, message: t('contracts.numberRequired') }, { max: 60 }]}>
              <Input autoFocus={!editing} autoComplete="off" data-testid="contract-form-number" />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="name" label={t('contract.name')} rules={[{ required: true, whitespace: true, message: t('contracts.nameRequired') }, { max: 200 }]}>
              <Input data-testid="contract-form-name" />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="serviceStart" label={t('contract.serviceStart')} rules={[{ required: true, message: t('contracts.dayRequired') }]}>
              <DatePicker style={{ width: '100%' }} data-testid="contract-form-serviceStart" />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item
              name="serviceEnd"
              label={t('contract.serviceEnd')}
              dependencies={['serviceStart']}
              rules={[{ required: true, message: t('contracts.dayRequired') }, notBefore('serviceStart', t('contracts.endBeforeStart'))]}
            >
              <DatePicker style={{ width: '100%' }} data-testid="contract-form-serviceEnd" />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="warrantyStart" label={t('contract.warrantyStart')}>
              <DatePicker style={{ width: '100%' }} data-testid="contract-form-warrantyStart" />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item
              name="warrantyEnd"
              label={t('contract.warrantyEnd')}
              dependencies={['warrantyStart']}
              rules={[notBefore('warrantyStart', t('contracts.endBeforeStart'))]}
            >
              <DatePicker style={{ width: '100%' }} data-testid="contract-form-warrantyEnd" />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" plain>
          {t('contracts.sectionService')}
        </Divider>
        <Row gutter={16}>
          <Col span={half}>
            <Form.Item name="coverage" label={t('contract.coverage')}>
              <Radio.Group
                optionType="button"
                options={COVERAGES.map((c) => ({ value: c, label: t(`coverage.${c}`) }))}
                data-testid="contract-form-coverage"
              />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="clockPolicyId" label={t('contract.clockPolicy')} extra={t('contracts.clockPolicyHint')}>
              <Select<number>
                allowClear
                loading={policies.isPending}
                placeholder={defaultPolicy ? t('contracts.defaultPolicy', { name: defaultPolicy.name }) : t('contracts.defaultPolicyPlain')}
                options={(policies.data?.items ?? []).map((p) => ({ value: p.id, label: <span data-testid={`contract-policy-option-${p.id}`}>{p.isDefault ? `${p.name} (${t('policies.default')})` : p.name}</span>, title: p.name }))}
                data-testid="contract-form-clockPolicyId"
              />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="calendarId" label={t('contract.calendar')} extra={t('contracts.calendarHint')}>
              <Select<number>
                allowClear
                loading={calendars.isPending}
                placeholder={t('contracts.defaultCalendar', { coverage: t(`coverage.${coverage ?? '7x24'}`) })}
                options={(calendars.data?.items ?? []).map((c) => ({ value: c.id, label: <span data-testid={`contract-calendar-option-${c.id}`}>{c.name}</span>, title: c.name }))}
                data-testid="contract-form-calendarId"
              />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="inspectionFrequency" label={t('contract.inspectionFrequency')}>
              <Select
                options={INSPECTION_FREQUENCIES.map((f) => ({ value: f, label: t(`inspection.${f}`) }))}
                data-testid="contract-form-inspectionFrequency"
              />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="sparesOnSite" label={t('contract.sparesOnSite')} valuePropName="checked">
              <Switch data-testid="contract-form-sparesOnSite" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="inspectionContent" label={t('contract.inspectionContent')} rules={[{ max: 4000 }]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} placeholder={t('contracts.inspectionContentHint')} data-testid="contract-form-inspectionContent" />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" plain>
          {t('contracts.sectionPeople')}
        </Divider>
        <Row gutter={16}>
          <Col span={half}>
            <Form.Item name="handedOverOn" label={t('contract.handedOverOn')} extra={t('contracts.handedOverHint')}>
              <DatePicker style={{ width: '100%' }} data-testid="contract-form-handedOverOn" />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="ownerEngineerId" label={t('contract.ownerEngineer')}>
              <UserSelect activeOnly staffOnly allowClear known={known} data-testid="contract-form-ownerEngineerId" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="residentEngineerIds" label={t('contract.residentEngineers')}>
              <UserSelect mode="multiple" activeOnly staffOnly known={known} data-testid="contract-form-residentEngineerIds" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="notes" label={t('contract.notes')} rules={[{ max: 4000 }]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="contract-form-notes" />
            </Form.Item>
          </Col>
        </Row>
        <Flex gap={8} justify="flex-end">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={mutation.isPending} data-testid="contract-form-submit">
            {editing ? t('common.save') : t('common.create')}
          </Button>
        </Flex>
      </Form>
    </Drawer>
  );
}
