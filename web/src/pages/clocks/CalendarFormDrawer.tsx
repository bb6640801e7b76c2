import { CopyOutlined, DeleteOutlined, PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { Alert, Button, Divider, Drawer, Flex, Form, Input, Radio, Select, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createCalendar, replaceCalendar } from '../../api/client';
import { CALENDAR_KINDS, WEEKDAYS, type CalendarInput, type CalendarKind, type ServiceCalendar, type Weekday, type WorkingHours } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyServerErrors } from '../../components/serverErrors';
import { useIsPhone } from '../../components/useIsPhone';
import { CALENDARS_KEY, DEFAULT_TIME_ZONE, TIME_PATTERN, minutesOf, timeZones } from './calendarLabels';
import { applyProblems } from './problems';

interface Values {
  name: string;
  description?: string;
  kind: CalendarKind;
  timeZone: string;
  week: Record<Weekday, WorkingHours[]>;
}

const OFFICE: WorkingHours[] = [{ from: '09:00', to: '18:00' }];
const WORKDAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

function emptyWeek(): Record<Weekday, WorkingHours[]> {
  return Object.fromEntries(WEEKDAYS.map((d) => [d, []])) as unknown as Record<Weekday, WorkingHours[]>;
}

function officeWeek(): Record<Weekday, WorkingHours[]> {
  return Object.fromEntries(WEEKDAYS.map((d) => [d, WORKDAYS.includes(d) ? OFFICE.map((h) => ({ ...h })) : []])) as unknown as Record<Weekday, WorkingHours[]>;
}

/** The form's field for a calendar problem's path (calendar.ts names them), or null. */
function fieldOf(segments: (string | number)[]): (string | number)[] | null {
  const [head, day, index] = segments;
  if (head === 'timeZone' || head === 'kind' || head === 'name') return [head];
  if (head === 'week' && (WEEKDAYS as readonly unknown[]).includes(day) && typeof index === 'number') return ['week', day!, index, 'to'];
  return null;
}

interface Props {
  open: boolean;
  calendar: ServiceCalendar | null;
  onClose: () => void;
  onSaved?: (calendar: ServiceCalendar) => void;
}

/** A calendar's name, kind, zone and weekly working hours; its holidays are edited by year elsewhere. */
export function CalendarFormDrawer({ open, calendar, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [noHours, setNoHours] = useState(false);
  const kind = Form.useWatch('kind', form);
  const zones = useMemo(() => timeZones().map((z) => ({ value: z, label: z })), []);

  useEffect(() => {
    if (!open) return;
    setError(null);
    setNoHours(false);
    form.resetFields();
    form.setFieldsValue(
      calendar
        ? {
            name: calendar.name,
            description: calendar.description,
            kind: calendar.kind,
            timeZone: calendar.timeZone,
            week: { ...emptyWeek(), ...(calendar.week ?? officeWeek()) } as Values['week'],
          }
        : { kind: 'business_hours', timeZone: DEFAULT_TIME_ZONE, week: officeWeek() },
    );
  }, [open, calendar, form]);

  const mutation = useMutation({
    mutationFn: (v: Values) => {
      const input: CalendarInput = {
        name: v.name.trim(),
        description: v.description?.trim() ?? '',
        kind: v.kind,
        timeZone: v.timeZone,
        ...(v.kind === 'business_hours' && { week: Object.fromEntries(WEEKDAYS.map((d) => [d, v.week?.[d] ?? []])) }),
      };
      return calendar ? replaceCalendar(calendar.id, input) : createCalendar(input);
    },
    onMutate: () => setError(null),
    onSuccess: (saved) => {
      void qc.invalidateQueries({ queryKey: CALENDARS_KEY });
      onClose();
      onSaved?.(saved);
    },
    onError: (e) => {
      const left = applyProblems(form, e, ['calendar_invalid'], fieldOf);
      setError(applyServerErrors(form, left, ['name', 'description', 'kind', 'timeZone'], { calendar_name_taken: 'name', calendar_builtin: 'kind' }));
    },
  });

  const submit = (v: Values) => {
    // issue 5: a calendar must have working time
    const none = v.kind === 'business_hours' && WEEKDAYS.every((d) => (v.week?.[d] ?? []).length === 0);
    setNoHours(none);
    if (!none) mutation.mutate(v);
  };

  const copyMonday = () => {
    const mon = (form.getFieldValue(['week', 'mon']) as WorkingHours[] | undefined) ?? [];
    for (const d of WORKDAYS.slice(1)) form.setFieldValue(['week', d], mon.map((h) => ({ ...h })));
  };

  const timeRule = { pattern: TIME_PATTERN, message: t('calendars.timeFormat') };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={calendar ? t('calendars.editTitle', { name: calendar.name }) : t('calendars.newTitle')}
      size={isPhone ? '100%' : 640}
      destroyOnHidden
      data-testid="calendar-form"
    >
      <ErrorAlert error={error} />
      {noHours && <Alert type="error" showIcon title={t('calendars.noWorkingTime')} style={{ marginBottom: 16 }} data-testid="calendar-form-no-hours" />}
      <Form<Values> form={form} layout="vertical" onFinish={submit} scrollToFirstError>
        <Form.Item name="name" label={t('calendars.name')} rules={[{ required: true, whitespace: true, message: t('calendars.nameRequired') }, { max: 100 }]}>
          <Input autoFocus={!calendar} placeholder={t('calendars.namePlaceholder')} data-testid="calendar-form-name" />
        </Form.Item>
        <Form.Item name="description" label={t('calendars.description')} rules={[{ max: 1000 }]}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} data-testid="calendar-form-description" />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="kind" label={t('calendars.kind')} extra={calendar?.preset ? t('calendars.builtinKind') : undefined} style={{ flex: '1 1 240px' }}>
            <Radio.Group
              optionType="button"
              disabled={!!calendar?.preset}
              options={CALENDAR_KINDS.map((k) => ({ value: k, label: <span data-testid={`calendar-kind-${k}`}>{t(`calendarKind.${k}`)}</span> }))}
            />
          </Form.Item>
          <Form.Item name="timeZone" label={t('calendars.timeZone')} rules={[{ required: true }]} style={{ flex: '1 1 220px' }}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={zones} data-testid="calendar-form-zone" />
          </Form.Item>
        </Flex>
        {kind === 'business_hours' && (
          <>
            <Divider titlePlacement="start" plain style={{ marginTop: 0 }}>
              {t('calendars.week')}
            </Divider>
            <Flex gap={8} wrap style={{ marginBottom: 12 }}>
              <Button size="small" icon={<ThunderboltOutlined />} onClick={() => form.setFieldValue('week', officeWeek())} data-testid="calendar-office-hours">
                {t('calendars.officeHours')}
              </Button>
              <Button size="small" icon={<CopyOutlined />} onClick={copyMonday} data-testid="calendar-copy-monday">
                {t('calendars.copyMonday')}
              </Button>
            </Flex>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {t('calendars.weekHint')}
            </Typography.Paragraph>
            {WEEKDAYS.map((day) => (
              <Flex key={day} gap={8} align="flex-start" style={{ borderBottom: '1px solid #f0f0f0', paddingBlock: 6 }} data-testid={`calendar-day-${day}`}>
                <Typography.Text strong style={{ width: 56, paddingTop: 5, flex: 'none' }}>
                  {t(`weekday.${day}`)}
                </Typography.Text>
                <Form.List
                  name={['week', day]}
                  rules={[
                    {
                      validator: async (_, list: WorkingHours[] | undefined) => {
                        const sorted = [...(list ?? [])].filter((h) => h && TIME_PATTERN.test(h.from ?? '') && TIME_PATTERN.test(h.to ?? '')).sort((a, b) => minutesOf(a.from) - minutesOf(b.from));
                        for (let i = 1; i < sorted.length; i++) if (minutesOf(sorted[i]!.from) < minutesOf(sorted[i - 1]!.to)) throw new Error(t('calendars.overlap'));
                      },
                    },
                  ]}
                >
                  {(fields, { add, remove }, { errors }) => (
                    <Flex vertical gap={6} style={{ flex: 1, minWidth: 0 }}>
                      {fields.length === 0 && (
                        <Typography.Text type="secondary" style={{ paddingTop: 5 }}>
                          {t('calendars.dayOff')}
                        </Typography.Text>
                      )}
                      {fields.map((field, i) => (
                        <Flex key={field.key} gap={6} align="flex-start" wrap>
                          <Form.Item name={[field.name, 'from']} rules={[{ required: true, message: t('calendars.timeFormat') }, timeRule]} style={{ marginBottom: 0, width: 96 }}>
                            <Input placeholder="09:00" maxLength={5} aria-label={t('calendars.fromAria', { day: t(`weekday.${day}`), n: i + 1 })} data-testid={`calendar-${day}-${i}-from`} />
                          </Form.Item>
                          <span style={{ paddingTop: 5 }}>–</span>
                          <Form.Item
                            name={[field.name, 'to']}
                            dependencies={[['week', day, field.name, 'from']]}
                            rules={[
                              { required: true, message: t('calendars.timeFormat') },
                              timeRule,
                              ({ getFieldValue }) => ({
                                validator: async (_, to: string | undefined) => {
                                  const from = getFieldValue(['week', day, field.name, 'from']) as string | undefined;
                                  if (from && to && TIME_PATTERN.test(from) && TIME_PATTERN.test(to) && minutesOf(to) <= minutesOf(from)) throw new Error(t('calendars.endBeforeStart'));
                                },
                              }),
                            ]}
                            style={{ marginBottom: 0, width: 96 }}
                          >
                            <Input placeholder="18:00" maxLength={5} aria-label={t('calendars.toAria', { day: t(`weekday.${day}`), n: i + 1 })} data-testid={`calendar-${day}-${i}-to`} />
                          </Form.Item>
                          <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('calendars.removeHours', { day: t(`weekday.${day}`), n: i + 1 })} />
                        </Flex>
                      ))}
                      {fields.length < 8 && (
                        <Button
                          type="link"
                          size="small"
                          icon={<PlusOutlined />}
                          style={{ alignSelf: 'flex-start', paddingInline: 0 }}
                          onClick={() => add(fields.length === 0 ? { from: '09:00', to: '18:00' } : { from: '', to: '' })}
                          data-testid={`calendar-${day}-add`}
                        >
                          {t('calendars.addHours')}
                        </Button>
                      )}
                      <Form.ErrorList errors={errors} />
                    </Flex>
                  )}
                </Form.List>
              </Flex>
            ))}
          </>
        )}
        {kind === '7x24' && <Typography.Paragraph type="secondary">{t('calendars.roundTheClockHint')}</Typography.Paragraph>}
        <Flex gap={8} justify="flex-end" style={{ marginTop: 16 }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={mutation.isPending} data-testid="calendar-form-submit">
            {calendar ? t('common.save') : t('common.create')}
          </Button>
        </Flex>
      </Form>
    </Drawer>
  );
}
