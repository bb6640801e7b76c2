import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, Result, Skeleton, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { getCalendar, isApiError } from '../../api/client';
import { WEEKDAYS } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { CLOCK_ACCESS, hasAnyRole } from '../../components/access';
import { formatDateTime } from '../../components/format';
import { useCurrentUser } from '../../components/session';
import { useIsPhone } from '../../components/useIsPhone';
import { CalendarFormDrawer } from './CalendarFormDrawer';
import { CalendarKindTag } from './CalendarsPage';
import { HolidayYearCard } from './HolidayYearCard';
import { CALENDARS_KEY, hoursText } from './calendarLabels';

/** One service calendar: its zone and weekly hours, and its holidays and make-up workdays by year. */
export function CalendarPage() {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const canManage = hasAnyRole(me, CLOCK_ACCESS.manage);
  const isPhone = useIsPhone();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const [editOpen, setEditOpen] = useState(false);
  const query = useQuery({ queryKey: [...CALENDARS_KEY, id], queryFn: () => getCalendar(id), enabled: valid });
  const c = query.data;

  if (!valid || (isApiError(query.error) && query.error.status === 404)) {
    return (
      <Result
        status="404"
        title={t('calendars.notFound')}
        extra={
          <Link to="/admin/calendars">
            <Button type="primary">{t('common.back')}</Button>
          </Link>
        }
      />
    );
  }
  if (query.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (!c) return <ErrorAlert error={query.error} />;

  return (
    <>
      <PageHeader
        title={
          <Space size={8} wrap>
            <Link to="/admin/calendars" aria-label={t('common.back')}>
              <ArrowLeftOutlined />
            </Link>
            <span data-testid="calendar-title">{c.name}</span>
            <CalendarKindTag calendar={c} />
          </Space>
        }
        extra={
          canManage && (
            <Button icon={<EditOutlined />} onClick={() => setEditOpen(true)} data-testid="calendar-edit">
              {t('common.edit')}
            </Button>
          )
        }
      />
      <Flex vertical gap={16}>
        <Card size="small" title={t('calendars.week')}>
          <Descriptions size="small" column={isPhone ? 1 : 2} styles={{ label: { whiteSpace: 'nowrap' } }} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('calendars.timeZone')}>{c.timeZone}</Descriptions.Item>
            <Descriptions.Item label={t('common.updatedAt')}>{formatDateTime(c.updatedAt, i18n.language)}</Descriptions.Item>
            {c.description && (
              <Descriptions.Item label={t('calendars.description')} span={isPhone ? 1 : 2}>
                {c.description}
              </Descriptions.Item>
            )}
          </Descriptions>
          {c.kind === '7x24' ? (
            <Typography.Text>{t('calendars.roundTheClockHint')}</Typography.Text>
          ) : (
            <Descriptions size="small" bordered layout={isPhone ? 'horizontal' : 'vertical'} column={isPhone ? 1 : 7} styles={{ label: isPhone ? { width: 96 } : undefined }} data-testid="calendar-week">
              {WEEKDAYS.map((d) => {
                const hours = c.week?.[d] ?? [];
                return (
                  <Descriptions.Item key={d} label={t(`weekday.${d}`)}>
                    {hours.length ? <span style={{ fontVariantNumeric: 'tabular-nums' }}>{hoursText(hours)}</span> : <Typography.Text type="secondary">{t('calendars.dayOff')}</Typography.Text>}
                  </Descriptions.Item>
                );
              })}
            </Descriptions>
          )}
        </Card>
        {c.kind === 'business_hours' && <HolidayYearCard calendar={c} canManage={canManage} />}
      </Flex>
      <CalendarFormDrawer open={editOpen} calendar={c} onClose={() => setEditOpen(false)} />
    </>
  );
}
