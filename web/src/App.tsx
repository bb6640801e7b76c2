import { App as AntApp, ConfigProvider, Result, Spin, Button } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { isApiError, setLanguageSource, setSessionProblemHandler } from './api/client';
import type { Role } from './api/types';
import { ADMIN_ACCESS, CLOCK_ACCESS, ROUTING_ACCESS, hasAnyRole, isCustomerContact } from './components/access';
import { AppShell } from './components/AppShell';
import { ComingSoon } from './components/ComingSoon';
import { ErrorAlert } from './components/ErrorAlert';
import { ME_KEY, useMe } from './components/session';
import { currentLanguage } from './i18n';
import { AccountPage } from './pages/AccountPage';
import { DashboardPage } from './pages/DashboardPage';
import { ForcedPasswordPage } from './pages/ForcedPasswordPage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { NotificationsPage } from './pages/NotificationsPage';

// Administration pages are a separate chunk: most people never open them.
const UsersPage = lazy(() => import('./pages/admin/UsersPage').then((m) => ({ default: m.UsersPage })));
const TeamsPage = lazy(() => import('./pages/admin/TeamsPage').then((m) => ({ default: m.TeamsPage })));
const TokensPage = lazy(() => import('./pages/admin/TokensPage').then((m) => ({ default: m.TokensPage })));
const RoutingRulesPage = lazy(() => import('./pages/admin/RoutingRulesPage').then((m) => ({ default: m.RoutingRulesPage })));
const AuditPage = lazy(() => import('./pages/admin/AuditPage').then((m) => ({ default: m.AuditPage })));
// Customers, contracts and assets: one chunk for the whole domain.
const customerPages = () => import('./pages/customers');
const CustomersPage = lazy(() => customerPages().then((m) => ({ default: m.CustomersPage })));
const CustomerPage = lazy(() => customerPages().then((m) => ({ default: m.CustomerPage })));
const ContractPage = lazy(() => customerPages().then((m) => ({ default: m.ContractPage })));
const AssetsPage = lazy(() => customerPages().then((m) => ({ default: m.AssetsPage })));
const AssetPage = lazy(() => customerPages().then((m) => ({ default: m.AssetPage })));
const MyEquipmentPage = lazy(() => customerPages().then((m) => ({ default: m.MyEquipmentPage })));
// The service desk: queue, hotline intake, ticket page and the portal's report form.
const ticketPages = () => import('./pages/tickets');
const QueuePage = lazy(() => ticketPages().then((m) => ({ default: m.QueuePage })));
const IntakePage = lazy(() => ticketPages().then((m) => ({ default: m.IntakePage })));
const TicketPage = lazy(() => ticketPages().then((m) => ({ default: m.TicketPage })));
const ReportPage = lazy(() => ticketPages().then((m) => ({ default: m.ReportPage })));
// Service clocks: policies, calendars and the compliance report.
const clockPages = () => import('./pages/clocks');
const ClockPoliciesPage = lazy(() => clockPages().then((m) => ({ default: m.ClockPoliciesPage })));
const CalendarsPage = lazy(() => clockPages().then((m) => ({ default: m.CalendarsPage })));
const CalendarPage = lazy(() => clockPages().then((m) => ({ default: m.CalendarPage })));
const CompliancePage = lazy(() => clockPages().then((m) => ({ default: m.CompliancePage })));

// Field service: the engineer's jobs and visits (a phone-sized page) in one chunk.
const fieldPages = () => import('./pages/field');
const MyJobsPage = lazy(() => fieldPages().then((m) => ({ default: m.MyJobsPage })));
const VisitPage = lazy(() => fieldPages().then((m) => ({ default: m.VisitPage })));
// The customer's sign page behind an e-mailed link: public, no session.
const SignPage = lazy(() => import('./pages/sign/SignPage').then((m) => ({ default: m.SignPage })));
const VendorsPage = lazy(() => import('./pages/vendors').then((m) => ({ default: m.VendorsPage })));
// Spare parts (R8): stock, catalogue, stores and the ledger in one chunk.
const partPages = () => import('./pages/parts');
const PartsLayout = lazy(() => partPages().then((m) => ({ default: m.PartsLayout })));
const StockPage = lazy(() => partPages().then((m) => ({ default: m.StockPage })));
const CataloguePage = lazy(() => partPages().then((m) => ({ default: m.CataloguePage })));
const StoresPage = lazy(() => partPages().then((m) => ({ default: m.StoresPage })));
const StorePage = lazy(() => partPages().then((m) => ({ default: m.StorePage })));
const StockCountPage = lazy(() => partPages().then((m) => ({ default: m.StockCountPage })));
const MovementsPage = lazy(() => partPages().then((m) => ({ default: m.MovementsPage })));
const RmaPage = lazy(() => import('./pages/parts/rma').then((m) => ({ default: m.RmaPage })));
const LoansPage = lazy(() => import('./pages/parts/loans').then((m) => ({ default: m.LoansPage })));

setLanguageSource(currentLanguage);

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      refetchOnWindowFocus: false,
      // 4xx answers will not change by asking again
      retry: (count, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
});

function FullPageSpin() {
  return (
    <div style={{ height: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

/** Reacts to the session ending (401) or needing a new password (403) on any call. */
function SessionWatcher() {
  const qc = useQueryClient();
  useEffect(() => {
    setSessionProblemHandler((error) => {
      if (error.code === 'unauthenticated') {
        if (qc.getQueryData(ME_KEY)) {
          qc.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
          qc.setQueryData(ME_KEY, null);
        }
      } else {
        void qc.invalidateQueries({ queryKey: ME_KEY });
      }
    });
  }, [qc]);
  return null;
}

function Forbidden() {
  const { t } = useTranslation();
  return <Result status="403" title="403" subTitle={t('error.forbiddenPage')} />;
}

function RequireRoles({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { data: user } = useMe();
  if (!hasAnyRole(user, roles)) return <Forbidden />;
  return <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>{children}</Suspense>;
}

function StaffOnly({ children }: { children: ReactNode }) {
  const { data: user } = useMe();
  return isCustomerContact(user) ? <Forbidden /> : <>{children}</>;
}

/** Pages of the customer portal; staff are sent to their own counterpart. */
function ContactsOnly({ to, children }: { to: string; children: ReactNode }) {
  const { data: user } = useMe();
  return isCustomerContact(user) ? <>{children}</> : <Navigate to={to} replace />;
}

/** Who takes hotline calls; mirrors the server's ticket policy (which still decides). */
const INTAKE_ROLES: readonly Role[] = ['admin', 'manager', 'dispatcher', 'agent', 'engineer'];

function Lazy({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>{children}</Suspense>;
}

/** Everything behind sign-in: the shell, or only the password page while one is required. */
function SignedIn() {
  const { t } = useTranslation();
  const location = useLocation();
  const { data: user, isPending, error, refetch } = useMe();
  if (isPending) return <FullPageSpin />;
  if (error && user === undefined) {
    return (
      <Result
        status="warning"
        title={t('error.loadSession')}
        extra={
          <>
            <ErrorAlert error={error} />
            <Button type="primary" onClick={() => void refetch()}>
              {t('common.retry')}
            </Button>
          </>
        }
      />
    );
  }
  if (!user) {
    return <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />;
  }
  if (user.mustChangePassword) return <ForcedPasswordPage user={user} />;
  return (
    <Routes>
      <Route element={<AppShell />}>
        <Route index element={<DashboardPage />} />
        <Route path="tickets">
          <Route index element={<Lazy><QueuePage /></Lazy>} />
          <Route path="new" element={<RequireRoles roles={INTAKE_ROLES}><IntakePage /></RequireRoles>} />
          <Route path="report" element={<ContactsOnly to="/tickets/new"><Lazy><ReportPage /></Lazy></ContactsOnly>} />
          <Route path=":id" element={<Lazy><TicketPage /></Lazy>} />
        </Route>
        {/* the service clocks live on tickets, queues and the bell; their report is under Reports */}
        <Route path="clocks/*" element={<Navigate to="/reports/compliance" replace />} />
        <Route path="field">
          <Route index element={<StaffOnly><Lazy><MyJobsPage /></Lazy></StaffOnly>} />
          <Route path="visits/:id" element={<StaffOnly><Lazy><VisitPage /></Lazy></StaffOnly>} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
        {/* a customer contact reads the stock of their own site stores (the server scopes it); the rest is staff's */}
        <Route path="parts" element={<Lazy><PartsLayout /></Lazy>}>
          <Route index element={<Lazy><StockPage /></Lazy>} />
          <Route path="catalogue" element={<StaffOnly><Lazy><CataloguePage /></Lazy></StaffOnly>} />
          <Route path="stores" element={<StaffOnly><Lazy><StoresPage /></Lazy></StaffOnly>} />
          <Route path="stores/:id" element={<StaffOnly><Lazy><StorePage /></Lazy></StaffOnly>} />
          <Route path="stores/:id/count" element={<StaffOnly><Lazy><StockCountPage /></Lazy></StaffOnly>} />
          <Route path="movements" element={<StaffOnly><Lazy><MovementsPage /></Lazy></StaffOnly>} />
          <Route path="rma" element={<StaffOnly><Lazy><RmaPage /></Lazy></StaffOnly>} />
          <Route path="loans" element={<StaffOnly><Lazy><LoansPage /></Lazy></StaffOnly>} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
        <Route path="customers">
          <Route index element={<StaffOnly><Lazy><CustomersPage /></Lazy></StaffOnly>} />
          <Route path="assets" element={<StaffOnly><Lazy><AssetsPage /></Lazy></StaffOnly>} />
          <Route path="assets/:id" element={<StaffOnly><Lazy><AssetPage /></Lazy></StaffOnly>} />
          <Route path="contracts" element={<Navigate to="/customers" replace />} />
          <Route path="contracts/:id" element={<StaffOnly><Lazy><ContractPage /></Lazy></StaffOnly>} />
          <Route path=":id" element={<StaffOnly><Lazy><CustomerPage /></Lazy></StaffOnly>} />
        </Route>
        {/* 我的设备: a customer contact's own organisation, read only (the server scopes every query) */}
        <Route path="equipment">
          <Route index element={<Lazy><MyEquipmentPage /></Lazy>} />
          <Route path="assets/:id" element={<Lazy><AssetPage /></Lazy>} />
          <Route path="contracts/:id" element={<Lazy><ContractPage /></Lazy>} />
        </Route>
        <Route path="reports">
          <Route index element={<Navigate to="/reports/compliance" replace />} />
          <Route path="compliance" element={<StaffOnly><Lazy><CompliancePage /></Lazy></StaffOnly>} />
          <Route path="*" element={<StaffOnly><ComingSoon titleKey="nav.reports" /></StaffOnly>} />
        </Route>
        <Route path="notifications" element={<NotificationsPage />} />
        <Route path="account" element={<AccountPage />} />
        <Route path="admin">
          <Route index element={<Navigate to="/" replace />} />
          <Route path="users" element={<RequireRoles roles={ADMIN_ACCESS.users}><UsersPage /></RequireRoles>} />
          <Route path="teams" element={<RequireRoles roles={ADMIN_ACCESS.teams}><TeamsPage /></RequireRoles>} />
          <Route path="routing" element={<RequireRoles roles={ROUTING_ACCESS.read}><RoutingRulesPage /></RequireRoles>} />
          <Route path="clock-policies" element={<RequireRoles roles={CLOCK_ACCESS.read}><ClockPoliciesPage /></RequireRoles>} />
          <Route path="calendars" element={<RequireRoles roles={CLOCK_ACCESS.read}><CalendarsPage /></RequireRoles>} />
          <Route path="calendars/:id" element={<RequireRoles roles={CLOCK_ACCESS.read}><CalendarPage /></RequireRoles>} />
          {/* every staff member may read the vendors; the page says who keeps them */}
          <Route path="vendors" element={<StaffOnly><Lazy><VendorsPage /></Lazy></StaffOnly>} />
          <Route path="tokens" element={<RequireRoles roles={ADMIN_ACCESS.tokens}><TokensPage /></RequireRoles>} />
          <Route path="audit" element={<RequireRoles roles={ADMIN_ACCESS.audit}><AuditPage /></RequireRoles>} />
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

/** Antd, dayjs and <html lang> follow the i18next language. */
function Localised({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const lang = i18n.resolvedLanguage === 'en' ? 'en' : 'zh-CN';
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = i18n.t('app.title');
    dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  }, [lang, i18n]);
  return (
    <ConfigProvider locale={lang === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#1677ff', borderRadius: 6 } }}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <Localised>
        <SessionWatcher />
        <BrowserRouter>
          <Routes>
            <Route path="/login" element={<LoginPage />} />
            <Route path="/sign/:id" element={<Suspense fallback={<FullPageSpin />}><SignPage /></Suspense>} />
            <Route path="/*" element={<SignedIn />} />
          </Routes>
        </BrowserRouter>
      </Localised>
    </QueryClientProvider>
  );
}

