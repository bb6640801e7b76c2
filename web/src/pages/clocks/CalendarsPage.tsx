import { CalendarOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { deleteCalendar, listCalendars } from '../../api/client';
import type { ServiceCalendar } from '../../api/types';
import { ErrorAlert, errorText } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { CLOCK_ACCESS, hasAnyRole } from '../../components/access';
import { useCurrentUser } from '../../components/session';
import { useIsPhone } from '../../components/useIsPhone';
import { CalendarFormDrawer } from './CalendarFormDrawer';
import { CALENDARS_KEY, weekSummary } from './calendarLabels';

export function CalendarKindTag({ calendar }: { calendar: Pick<ServiceCalendar, 'kind' | 'preset'> }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      <Tag color={calendar.kind === '7x24' ? 'blue' : 'default'} style={{ marginInlineEnd: 0 }}>
        {t(`calendarKind.${calendar.kind}`)}
      </Tag>
      {calendar.preset && (
        <Tag color="gold" style={{ marginInlineEnd: 0 }}>
          {t('calendars.builtin')}
        </Tag>
      )}
    </Space>
  );
}

/** 服务日历 (R4): 7×24, or business hours per weekday with holidays and make-up workdays by year. */
export function CalendarsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const canManage = hasAnyRole(me, CLOCK_ACCESS.manage);
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [drawer, setDrawer] = useState<{ open: boolean; calendar: ServiceCalendar | null }>({ open: false, calendar: null });
  const query = useQuery({ queryKey: CALENDARS_KEY, queryFn: listCalendars });

  const remove = useMutation({
    mutationFn: (c: ServiceCalendar) => deleteCalendar(c.id).then(() => c),
    onSuccess: (c) => {
      message.success(t('calendars.deletedOk', { name: c.name }));
      void qc.invalidateQueries({ queryKey: CALENDARS_KEY });
    },
    onError: (e) => message.error(errorText(e, t)),
  });

  const columns: TableColumnsType<ServiceCalendar> = [
    {
      title: t('calendars.name'),
      dataIndex: 'name',
      width: 220,
      render: (v: string, c) => (
        <div>
          <Link to={`/admin/calendars/${c.id}`} onClick={(e) => e.stopPropagation()} data-testid={`calendar-link-${c.id}`}>
            {v}
          </Link>
          {c.description && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {c.description}
            </Typography.Text>
          )}
        </div>
      ),
    },
    { title: t('calendars.kind'), key: 'kind', width: 170, render: (_, c) => <CalendarKindTag calendar={c} /> },
    { title: t('calendars.timeZone'), dataIndex: 'timeZone', width: 150 },
    { title: t('calendars.week'), key: 'week', width: 300, render: (_, c) => <Typography.Text style={{ fontSize: 12 }}>{c.kind === '7x24' ? t('calendars.roundTheClock') : weekSummary(c.week, t)}</Typography.Text> },
    {
      title: t('calendars.holidays'),
      dataIndex: 'years',
      width: 160,
      render: (years: number[], c) =>
        c.kind === '7x24' ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : years.length === 0 ? (
          <Typography.Text type="warning">{t('calendars.noYears')}</Typography.Text>
        ) : (
          <Space size={4} wrap>
            {years.map((y) => (
              <Tag key={y} style={{ marginInlineEnd: 0 }}>
                {y}
              </Tag>
            ))}
          </Space>
        ),
    },
    ...(canManage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 170,
            fixed: isPhone ? undefined : ('right' as const),
            render: (_: unknown, c: ServiceCalendar) => (
              <Space size={0} onClick={(e) => e.stopPropagation()}>
                <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setDrawer({ open: true, calendar: c })} data-testid={`calendar-edit-${c.id}`}>
                  {t('common.edit')}
                </Button>
                {!c.preset && (
                  <Popconfirm
                    title={t('calendars.deleteConfirm', { name: c.name })}
                    okText={t('common.delete')}
                    okButtonProps={{ danger: true, 'data-testid': 'confirm-ok' }}
                    cancelText={t('common.cancel')}
                    onConfirm={() => remove.mutateAsync(c).catch(() => undefined)}
                  >
                    <Button type="link" size="small" danger icon={<DeleteOutlined />} data-testid={`calendar-delete-${c.id}`}>
                      {t('common.delete')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={
          <Space size={8}>
            <CalendarOutlined />
            {t('nav.calendars')}
          </Space>
        }
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ open: true, calendar: null })} data-testid="calendars-new">
              {t('calendars.new')}
            </Button>
          )
        }
      />
      <Typography.Paragraph type="secondary" style={{ maxWidth: 820 }}>
        {t('calendars.intro')}
      </Typography.Paragraph>
      {!canManage && <Alert type="info" showIcon title={t('calendars.readOnly')} style={{ marginBottom: 16 }} />}
      <ErrorAlert error={query.error} />
      <div data-testid="calendars-table">
        <Table<ServiceCalendar>
          rowKey="id"
          columns={columns}
          dataSource={query.data?.items ?? []}
          loading={query.isPending}
          pagination={false}
          scroll={{ x: canManage ? 1170 : 1000 }}
          size="middle"
          onRow={(c) => ({ onClick: () => void navigate(`/admin/calendars/${c.id}`), style: { cursor: 'pointer' }, 'data-testid': `calendar-row-${c.name}` }) as React.HTMLAttributes<HTMLElement>}
          locale={{ emptyText: <Empty description={t('calendars.empty')} /> }}
        />
      </div>
      <CalendarFormDrawer
        open={drawer.open}
        calendar={drawer.calendar}
        onClose={() => setDrawer((d) => ({ ...d, open: false }))}
        onSaved={(c) => {
          message.success(t('calendars.savedOk', { name: c.name }));
          if (!drawer.calendar && c.kind === 'business_hours') void navigate(`/admin/calendars/${c.id}`);
        }}
      />
    </>
  );
}
