import { BarcodeOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Card, Col, Flex, Row, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { RoleTags } from '../components/RoleTags';
import { SerialLookup } from '../components/SerialLookup';
import { isCustomerContact } from '../components/access';
import { formatDateTime } from '../components/format';
import { ADMIN_NAV, MAIN_NAV, canSee, labelKeyFor, type NavEntry } from '../components/nav';
import { useCurrentUser } from '../components/session';

function greetingKey(): string {
  const hour = Number(new Intl.DateTimeFormat('en', { hour: 'numeric', hourCycle: 'h23', timeZone: 'Asia/Shanghai' }).format(new Date()));
  if (hour < 12) return 'dashboard.goodMorning';
  if (hour < 18) return 'dashboard.goodAfternoon';
  return 'dashboard.goodEvening';
}

export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const links: NavEntry[] = [...MAIN_NAV, ...ADMIN_NAV].filter((e) => e.id !== 'dashboard' && canSee(user, e));
  links.push({ id: 'account', path: '/account', labelKey: 'userMenu.account', icon: <UserOutlined />, forContacts: true });

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card data-testid="welcome-card">
        <Flex gap={16} align="center" wrap>
          <Avatar size={56} style={{ background: '#1677ff', fontSize: 24, flex: 'none' }}>
            {user.displayName.slice(0, 1).toUpperCase()}
          </Avatar>
          <div style={{ minWidth: 0 }}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t(greetingKey(), { name: user.displayName })}
            </Typography.Title>
            <Typography.Text type="secondary">{t('dashboard.intro')}</Typography.Text>
            <div style={{ marginTop: 8 }}>
              <RoleTags roles={user.roles} />
            </div>
            {user.lastSignInAt && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('dashboard.lastSignIn', { time: formatDateTime(user.lastSignInAt, i18n.language) })}
              </Typography.Text>
            )}
          </div>
        </Flex>
      </Card>
      {!isCustomerContact(user) && (
        <Card
          title={
            <span>
              <BarcodeOutlined /> {t('lookup.title')}
            </span>
          }
          data-testid="dashboard-serial-lookup"
        >
          <SerialLookup />
        </Card>
      )}
      <Card title={t('dashboard.quickLinks')}>
        <Row gutter={[12, 12]}>
          {links.map((e) => (
            <Col key={e.id} xs={12} sm={8} lg={6} xl={4}>
              <Link to={e.path} data-testid={`quick-${e.id}`}>
                <Card hoverable size="small" style={{ textAlign: 'center', height: '100%' }}>
                  <div style={{ fontSize: 24, color: '#1677ff', marginBottom: 4 }}>{e.icon}</div>
                  <Typography.Text>{t(labelKeyFor(user, e))}</Typography.Text>
                </Card>
              </Link>
            </Col>
          ))}
        </Row>
      </Card>
    </Space>
  );
}
