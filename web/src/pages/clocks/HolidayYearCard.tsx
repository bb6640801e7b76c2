import { DeleteOutlined, DownloadOutlined, ImportOutlined, PlusOutlined, SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Empty, Flex, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getCalendarYear, replaceCalendarYear } from '../../api/client';
import type { HolidayDay, ServiceCalendar, WorkingHours } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useIsPhone } from '../../components/useIsPhone';
import { CALENDARS_KEY, TIME_PATTERN, hoursText, minutesOf } from './calendarLabels';
import { HolidayImportModal } from './HolidayImportModal';

/** A run of consecutive days of one kind and name ("国庆节 10-01 – 10-07"), as the year is shown. */
interface Run {
  first: string;
  last: string;
  kind: HolidayDay['kind'];
  name: string;
  hours?: WorkingHours[];
  count: number;
}

const WEEKDAY_OF = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

function runsOf(days: HolidayDay[]): Run[] {
  const sorted = [...days].sort((a, b) => a.day.localeCompare(b.day));
  const runs: Run[] = [];
  for (const d of sorted) {
    const last = runs[runs.length - 1];
    const key = JSON.stringify(d.hours ?? null);
    if (last && last.kind === d.kind && last.name === (d.name ?? '') && JSON.stringify(last.hours ?? null) === key && dayjs(last.last).add(1, 'day').format('YYYY-MM-DD') === d.day) {
      last.last = d.day;
      last.count++;
    } else runs.push({ first: d.day, last: d.day, kind: d.kind, name: d.name ?? '', ...(d.hours && { hours: d.hours }), count: 1 });
  }
  return runs;
}

/** "09:00-12:00,13:00-17:00" → hours, or null when it is not that. */
function parseHours(text: string): WorkingHours[] | null {
  const hours: WorkingHours[] = [];
  for (const part of text.split(/[,，]/).map((p) => p.trim())) {
    const [from = '', to = ''] = part.split(/[-–~]/).map((x) => x.trim());
    if (!TIME_PATTERN.test(from) || !TIME_PATTERN.test(to) || minutesOf(to) <= minutesOf(from)) return null;
    hours.push({ from, to });
  }
  return hours;
}

interface AddValues {
  range: [Dayjs | null, Dayjs | null] | null;
  kind: HolidayDay['kind'];
  name: string;
  hours: string;
}

const EMPTY_ADD: AddValues = { range: null, kind: 'holiday', name: '', hours: '' };

/** 节假日与调休: one year of a business-hours calendar, entered by hand or loaded from a file. */
export function HolidayYearCard({ calendar, canManage }: { calendar: ServiceCalendar; canManage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const qc = useQueryClient();
  const thisYear = dayjs().year();
  const [year, setYear] = useState(() => (calendar.years.includes(thisYear) || calendar.years.length === 0 ? thisYear : calendar.years[calendar.years.length - 1]!));
  const [draft, setDraft] = useState<HolidayDay[] | null>(null);
  const [add, setAdd] = useState<AddValues>(EMPTY_ADD);
  const [addError, setAddError] = useState<string | null>(null);
  const [importOpen, setImportOpen] = useState(false);
  const query = useQuery({ queryKey: [...CALENDARS_KEY, calendar.id, 'year', year], queryFn: () => getCalendarYear(calendar.id, year) });
  const days = draft ?? query.data?.days ?? [];
  const runs = useMemo(() => runsOf(days), [days]);
  const years = [...new Set([...calendar.years, thisYear - 1, thisYear, thisYear + 1])].sort((a, b) => a - b);

  const save = useMutation({
    mutationFn: (list: HolidayDay[]) => replaceCalendarYear(calendar.id, year, list),
    onSuccess: (result) => {
      message.success(t('holidays.savedOk', { year, count: result.days.length }));
      setDraft(null);
      void qc.invalidateQueries({ queryKey: CALENDARS_KEY });
    },
  });

  const changeYear = (y: number) => {
    setYear(y);
    setDraft(null);
    setAdd(EMPTY_ADD);
    setAddError(null);
    save.reset();
  };

  const addRun = () => {
    const [from, to] = add.range ?? [null, null];
    if (!from) return setAddError(t('holidays.dayRequired'));
    const hours = add.kind === 'workday' && add.hours.trim() ? parseHours(add.hours) : undefined;
    if (hours === null) return setAddError(t('holidays.hoursFormat'));
    const list: HolidayDay[] = [];
    for (let d = from; !d.isAfter(to ?? from, 'day'); d = d.add(1, 'day')) {
      list.push({ day: d.format('YYYY-MM-DD'), kind: add.kind, name: add.name.trim(), ...(hours && { hours }) });
    }
    const taken = list.find((d) => days.some((x) => x.day === d.day));
    if (taken) return setAddError(t('holidays.dayTaken', { day: taken.day }));
    setAddError(null);
    setDraft([...days, ...list].sort((a, b) => a.day.localeCompare(b.day)));
    setAdd({ ...EMPTY_ADD, kind: add.kind });
  };

  const removeRun = (r: Run) => setDraft(days.filter((d) => d.day < r.first || d.day > r.last));

  const dayText = (day: string) => `${day.slice(5)} ${t(`weekday.${WEEKDAY_OF[dayjs(day).day()]}`)}`;
  const columns: TableColumnsType<Run> = [
    {
      title: t('holidays.days'),
      key: 'days',
      width: 240,
      render: (_, r) => (
        <span style={{ fontVariantNumeric: 'tabular-nums' }}>
          {r.first === r.last ? dayText(r.first) : `${dayText(r.first)} – ${dayText(r.last)}`}
          {r.count > 1 && <Typography.Text type="secondary"> {t('holidays.dayCount', { count: r.count })}</Typography.Text>}
        </span>
      ),
    },
    {
      title: t('holidays.kind'),
      dataIndex: 'kind',
      width: 120,
      render: (k: HolidayDay['kind']) => (
        <Tag color={k === 'holiday' ? 'red' : 'blue'} style={{ marginInlineEnd: 0 }}>
          {t(`holidayKind.${k}`)}
        </Tag>
      ),
    },
    { title: t('holidays.name'), dataIndex: 'name', width: 180, render: (v: string) => v || '—' },
    {
      title: t('holidays.hours'),
      key: 'hours',
      width: 200,
      render: (_, r) => (r.kind === 'holiday' ? '—' : r.hours ? hoursText(r.hours) : <Typography.Text type="secondary">{t('holidays.mondayHours')}</Typography.Text>),
    },
    ...(canManage
      ? [
          {
            title: '',
            key: 'remove',
            width: 60,
            render: (_: unknown, r: Run) => <Button type="text" danger icon={<DeleteOutlined />} onClick={() => removeRun(r)} aria-label={t('holidays.remove', { day: r.first })} data-testid={`holiday-remove-${r.first}`} />,
          },
        ]
      : []),
  ];

  const file = query.data?.file ?? '';
  const yearStart = dayjs(`${year}-01-01`);
  return (
    <Card
      size="small"
      title={t('holidays.title')}
      extra={
        <Select<number>
          value={year}
          onChange={changeYear}
          options={years.map((y) => ({ value: y, label: <span data-testid={`holiday-year-${y}`}>{calendar.years.includes(y) ? `${y} ✓` : String(y)}</span> }))}
          style={{ width: 110 }}
          aria-label={t('holidays.year')}
          data-testid="holiday-year"
        />
      }
      data-testid="holiday-card"
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('holidays.intro')}
      </Typography.Paragraph>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        {canManage && (
          <Button icon={<ImportOutlined />} onClick={() => setImportOpen(true)} disabled={draft !== null} data-testid="holiday-import">
            {t('holidays.importFile')}
          </Button>
        )}
        {file.trim() && (
          <Button icon={<DownloadOutlined />} href={`data:text/plain;charset=utf-8,${encodeURIComponent(file)}`} download={`holidays-${calendar.id}-${year}.txt`} data-testid="holiday-download">
            {t('holidays.downloadFile')}
          </Button>
        )}
      </Flex>
      <ErrorAlert error={query.error ?? save.error} />
      <Table<Run>
        rowKey="first"
        columns={columns}
        dataSource={runs}
        loading={query.isPending}
        pagination={false}
        size="small"
        scroll={{ x: 700 }}
        onRow={(r) => ({ 'data-testid': `holiday-row-${r.first}` }) as React.HTMLAttributes<HTMLElement>}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('holidays.empty', { year })} /> }}
        data-testid="holiday-table"
      />
      {canManage && (
        <Flex vertical gap={8} style={{ marginTop: 12 }}>
          <Flex gap={8} wrap align="flex-start" data-testid="holiday-add">
            <DatePicker.RangePicker
              value={add.range}
              onChange={(v) => setAdd((a) => ({ ...a, range: v }))}
              allowEmpty={[false, true]}
              minDate={yearStart}
              maxDate={yearStart.endOf('year')}
              defaultPickerValue={[yearStart, yearStart]}
              style={{ width: isPhone ? '100%' : 260 }}
              aria-label={t('holidays.days')}
            />
            <Select<HolidayDay['kind']>
              value={add.kind}
              onChange={(kind) => setAdd((a) => ({ ...a, kind }))}
              options={(['holiday', 'workday'] as const).map((k) => ({ value: k, label: t(`holidayKind.${k}`) }))}
              style={{ width: 130 }}
              aria-label={t('holidays.kind')}
            />
            <Input value={add.name} onChange={(e) => setAdd((a) => ({ ...a, name: e.target.value }))} placeholder={t('holidays.namePlaceholder')} maxLength={100} style={{ width: 180 }} aria-label={t('holidays.name')} />
            {add.kind === 'workday' && (
              <Input value={add.hours} onChange={(e) => setAdd((a) => ({ ...a, hours: e.target.value }))} placeholder={t('holidays.hoursPlaceholder')} style={{ width: 220 }} aria-label={t('holidays.hours')} />
            )}
            <Button icon={<PlusOutlined />} onClick={addRun} data-testid="holiday-add-button">
              {t('holidays.add')}
            </Button>
          </Flex>
          {addError && <Typography.Text type="danger">{addError}</Typography.Text>}
          {draft !== null && (
            <Flex gap={8} justify="flex-end" align="center" wrap>
              <Typography.Text type="warning">{t('holidays.unsaved')}</Typography.Text>
              <Space>
                <Button icon={<UndoOutlined />} onClick={() => setDraft(null)}>
                  {t('holidays.discard')}
                </Button>
                <Button type="primary" icon={<SaveOutlined />} loading={save.isPending} onClick={() => save.mutate(draft)} data-testid="holiday-save">
                  {t('holidays.save', { year })}
                </Button>
              </Space>
            </Flex>
          )}
        </Flex>
      )}
      <HolidayImportModal open={importOpen} calendarId={calendar.id} year={year} initialText={file} onClose={() => setImportOpen(false)} />
    </Card>
  );
}
