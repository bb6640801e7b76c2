import { DownOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Button, Drawer, Dropdown, Flex, Layout, Menu, Typography, theme } from 'antd';
import type { MenuProps } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { signOut } from '../api/client';
import { isCustomerContact } from './access';
import { LangSwitch } from './LangSwitch';
import { NotificationBell } from './NotificationBell';
import { ADMIN_ICON, ADMIN_NAV, API_DOCS_ICON, MAIN_NAV, activeEntry, canSee, labelKeyFor, type NavEntry } from './nav';
import { ME_KEY, useCurrentUser } from './session';
import { useIsPhone } from './useIsPhone';

const { Header, Sider, Content } = Layout;
const COLLAPSED_KEY = 'weibao.siderCollapsed';

function Brand({ compact }: { compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <Flex align="center" gap={8} style={{ minWidth: 0 }}>
      <span
        aria-hidden
        style={{
          width: 28,
          height: 28,
          borderRadius: 6,
          background: '#1677ff',
          color: '#fff',
          display: 'inline-flex',
          alignItems: 'center',
          justifyContent: 'center',
          fontWeight: 600,
          flex: 'none',
        }}
      >
        维
      </span>
      {!compact && (
        <Typography.Text strong style={{ fontSize: 16, whiteSpace: 'nowrap', color: 'inherit', minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis' }}>
          {t('app.name')}
        </Typography.Text>
      )}
    </Flex>
  );
}

/** The signed-in frame: menu at the left (a drawer on phones), header, and the page. */
export function AppShell() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const location = useLocation();
  const qc = useQueryClient();
  const { token } = theme.useToken();
  const [collapsed, setCollapsed] = useState(() => localStorage.getItem(COLLAPSED_KEY) === '1');
  const [drawerOpen, setDrawerOpen] = useState(false);

  const toItem = (e: NavEntry) => ({
    key: e.path,
    icon: e.icon,
    label: <span data-testid={`nav-${e.id}`}>{t(labelKeyFor(user, e))}</span>,
  });
  const adminItems = ADMIN_NAV.filter((e) => canSee(user, e)).map(toItem);
  const siderCollapsed = collapsed && !isPhone;
  const items: MenuProps['items'] = [
    ...MAIN_NAV.filter((e) => canSee(user, e)).map(toItem),
    ...(adminItems.length === 0
      ? []
      : siderCollapsed
        ? // a collapsed sider has no room for a group title: a divider marks the section
          [{ type: 'divider' as const }, ...adminItems]
        : [
            { type: 'divider' as const },
            {
              key: 'admin',
              type: 'group' as const,
              label: (
                <span>
                  {ADMIN_ICON} {t('nav.admin')}
                </span>
              ),
              children: adminItems,
            },
          ]),
  ];
  const selected = activeEntry(location.pathname);

  const menu = (
    <Menu
      mode="inline"
      theme="dark"
      items={items}
      selectedKeys={selected ? [selected.path] : []}
      onClick={({ key }) => {
        setDrawerOpen(false);
        void navigate(key);
      }}
      style={{ borderInlineEnd: 'none' }}
    />
  );

  const doSignOut = async () => {
    try {
      await signOut();
    } catch {
      // the session may already be gone; sign out locally anyway
    }
    qc.clear();
    qc.setQueryData(ME_KEY, null);
    void navigate('/login', { replace: true });
  };

  const userMenu: MenuProps['items'] = [
    {
      key: 'account',
      icon: <UserOutlined />,
      label: <span data-testid="nav-account">{t('userMenu.account')}</span>,
      onClick: () => void navigate('/account'),
    },
    ...(!isCustomerContact(user)
      ? [
          {
            key: 'docs',
            icon: API_DOCS_ICON,
            label: (
              <a href="/api/docs" target="_blank" rel="noreferrer" data-testid="nav-api-docs">
                {t('userMenu.apiDocs')}
              </a>
            ),
          },
        ]
      : []),
    { type: 'divider' },
    {
      key: 'signout',
      icon: <LogoutOutlined />,
      danger: true,
      label: <span data-testid="sign-out">{t('userMenu.signOut')}</span>,
      onClick: () => void doSignOut(),
    },
  ];

  const toggleCollapsed = (value: boolean) => {
    setCollapsed(value);
    localStorage.setItem(COLLAPSED_KEY, value ? '1' : '0');
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!isPhone && (
        <Sider
          collapsible
          collapsed={collapsed}
          onCollapse={toggleCollapsed}
          width={220}
          collapsedWidth={64}
          style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
        >
          <div style={{ height: 56, display: 'flex', alignItems: 'center', paddingInline: collapsed ? 18 : 20, color: '#fff' }}>
            <Brand compact={collapsed} />
          </div>
          {menu}
        </Sider>
      )}
      {isPhone && (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={260}
          closable={false}
          styles={{ body: { padding: 0, background: '#001529' }, header: { background: '#001529', color: '#fff', borderBottom: 'none' } }}
          title={<span style={{ color: '#fff' }}><Brand /></span>}
        >
          {menu}
        </Drawer>
      )}
      <Layout>
        <Header
          style={{
            background: token.colorBgContainer,
            paddingInline: isPhone ? 12 : 24,
            display: 'flex',
            alignItems: 'center',
            gap: isPhone ? 8 : 12,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
            position: 'sticky',
            top: 0,
            zIndex: 10,
            height: 56,
            lineHeight: '56px',
          }}
        >
          {isPhone && (
            <>
              <Button
                type="text"
                icon={<MenuOutlined />}
                onClick={() => setDrawerOpen(true)}
                aria-label={t('shell.openMenu')}
                data-testid="menu-toggle"
              />
              <Brand />
            </>
          )}
          {!isPhone && selected && (
            <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
              {t(labelKeyFor(user, selected))}
            </Typography.Text>
          )}
          <div style={{ flex: 1 }} />
          {/* clock warnings and breaches go to staff; customer contacts have none */}
          {!isCustomerContact(user) && <NotificationBell />}
          <LangSwitch />
          <Dropdown menu={{ items: userMenu }} trigger={['click']} placement="bottomRight">
            <Button type="text" data-testid="user-menu" style={{ paddingInline: 4 }}>
              <Avatar size="small" style={{ background: '#1677ff' }}>
                {user.displayName.slice(0, 1).toUpperCase()}
              </Avatar>
              {!isPhone && <span style={{ maxWidth: 160, overflow: 'hidden', textOverflow: 'ellipsis' }}>{user.displayName}</span>}
              <DownOutlined style={{ fontSize: 10 }} />
            </Button>
          </Dropdown>
        </Header>
        <Content style={{ padding: isPhone ? 12 : 24, minWidth: 0 }}>
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}
