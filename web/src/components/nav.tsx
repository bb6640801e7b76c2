import { AlertOutlined, ApiOutlined, AppstoreOutlined, AuditOutlined, BarChartOutlined, BranchesOutlined, CalendarOutlined, ContactsOutlined, CustomerServiceOutlined, DashboardOutlined, FieldTimeOutlined, HddOutlined, HistoryOutlined, InboxOutlined, KeyOutlined, LaptopOutlined, PhoneOutlined, SettingOutlined, ShopOutlined, SwapOutlined, TeamOutlined, ToolOutlined, UserOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Role, User } from '../api/types';
import { ADMIN_ACCESS, CLOCK_ACCESS, ROUTING_ACCESS, hasAnyRole, isCustomerContact } from './access';

export interface NavEntry {
  /** Stable id, also used in data-testid="nav-<id>". */
  id: string;
  path: string;
  labelKey: string;
  /** What customer contacts read instead (their own view of the same page). */
  contactLabelKey?: string;
  icon: ReactNode;
  /** Roles allowed to see it; undefined = every staff member. */
  roles?: readonly Role[];
  /** Customer contacts see only the entries marked so. */
  forContacts?: boolean;
  /** Shown to customer contacts only (their own view of what staff see elsewhere). */
  contactsOnly?: boolean;
}

export const MAIN_NAV: NavEntry[] = [
  { id: 'dashboard', path: '/', labelKey: 'nav.dashboard', icon: <DashboardOutlined />, forContacts: true },
  { id: 'tickets', path: '/tickets', labelKey: 'nav.tickets', contactLabelKey: 'nav.myTickets', icon: <CustomerServiceOutlined />, forContacts: true },
  { id: 'intake', path: '/tickets/new', labelKey: 'nav.intake', icon: <PhoneOutlined />, roles: ['admin', 'manager', 'dispatcher', 'agent', 'engineer'] },
  { id: 'report', path: '/tickets/report', labelKey: 'nav.report', icon: <AlertOutlined />, forContacts: true, contactsOnly: true },
  { id: 'field', path: '/field', labelKey: 'nav.field', icon: <ToolOutlined /> },
  { id: 'parts', path: '/parts', labelKey: 'nav.parts', contactLabelKey: 'parts.nav.onSite', icon: <InboxOutlined />, roles: ['admin', 'manager', 'storekeeper', 'dispatcher', 'engineer'], forContacts: true },
  { id: 'customers', path: '/customers', labelKey: 'nav.customers', icon: <ContactsOutlined /> },
  { id: 'equipment', path: '/equipment', labelKey: 'nav.equipment', icon: <HddOutlined />, forContacts: true, contactsOnly: true },
  { id: 'reports', path: '/reports', labelKey: 'nav.reports', icon: <BarChartOutlined /> },
];

/**
 * The pages of the spare parts module (备件, R8), shown as its tabs. All staff may read them (the
 * menu offers the module to those who work with stock); a customer contact sees the stock of
 * their own site stores only.
 */
export const PARTS_NAV: NavEntry[] = [
  { id: 'parts-stock', path: '/parts', labelKey: 'parts.nav.stock', contactLabelKey: 'parts.nav.onSite', icon: <InboxOutlined />, forContacts: true },
  { id: 'parts-catalogue', path: '/parts/catalogue', labelKey: 'parts.nav.catalogue', icon: <AppstoreOutlined /> },
  { id: 'parts-stores', path: '/parts/stores', labelKey: 'parts.nav.stores', icon: <ShopOutlined /> },
  { id: 'parts-movements', path: '/parts/movements', labelKey: 'parts.nav.movements', icon: <HistoryOutlined /> },
  { id: 'parts-rma', path: '/parts/rma', labelKey: 'rma.nav.rma', icon: <SwapOutlined /> },
  { id: 'parts-loans', path: '/parts/loans', labelKey: 'rma.nav.loans', icon: <LaptopOutlined /> },
];

/** Vendors (厂商) are read by all staff; the menu offers them to those who keep them. */
const VENDOR_MENU: readonly Role[] = ['admin', 'manager', 'dispatcher'];

export const ADMIN_NAV: NavEntry[] = [
  { id: 'admin-users', path: '/admin/users', labelKey: 'nav.users', icon: <UserOutlined />, roles: ADMIN_ACCESS.users },
  { id: 'admin-teams', path: '/admin/teams', labelKey: 'nav.teams', icon: <TeamOutlined />, roles: ADMIN_ACCESS.teams },
  { id: 'admin-routing', path: '/admin/routing', labelKey: 'nav.routing', icon: <BranchesOutlined />, roles: ROUTING_ACCESS.menu },
  { id: 'admin-clock-policies', path: '/admin/clock-policies', labelKey: 'nav.clockPolicies', icon: <FieldTimeOutlined />, roles: CLOCK_ACCESS.menu },
  { id: 'admin-calendars', path: '/admin/calendars', labelKey: 'nav.calendars', icon: <CalendarOutlined />, roles: CLOCK_ACCESS.menu },
  { id: 'admin-vendors', path: '/admin/vendors', labelKey: 'field.nav.vendors', icon: <ShopOutlined />, roles: VENDOR_MENU },
  { id: 'admin-tokens', path: '/admin/tokens', labelKey: 'nav.tokens', icon: <KeyOutlined />, roles: ADMIN_ACCESS.tokens },
  { id: 'admin-audit', path: '/admin/audit', labelKey: 'nav.audit', icon: <AuditOutlined />, roles: ADMIN_ACCESS.audit },
];

export const ADMIN_ICON = <SettingOutlined />;
export const API_DOCS_ICON = <ApiOutlined />;

export function canSee(user: User, entry: NavEntry): boolean {
  if (isCustomerContact(user)) return !!entry.forContacts;
  if (entry.contactsOnly) return false;
  return entry.roles ? hasAnyRole(user, entry.roles) : true;
}

/** The entry's label key for this user. */
export function labelKeyFor(user: User, entry: NavEntry): string {
  return isCustomerContact(user) && entry.contactLabelKey ? entry.contactLabelKey : entry.labelKey;
}

/** The entry whose path is the longest prefix of the current location. */
export function activeEntry(pathname: string): NavEntry | undefined {
  let best: NavEntry | undefined;
  for (const e of [...MAIN_NAV, ...ADMIN_NAV]) {
    const matches = e.path === '/' ? pathname === '/' : pathname === e.path || pathname.startsWith(`${e.path}/`);
    if (matches && (!best || e.path.length > best.path.length)) best = e;
  }
  return best;
}
