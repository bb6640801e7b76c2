import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { isCustomerContact } from '../../components/access';
import { PARTS_NAV, canSee, labelKeyFor } from '../../components/nav';
import { useCurrentUser } from '../../components/session';

/** The spare parts module: its pages as tabs above the page (a customer contact has only one). */
export function PartsLayout() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const entries = PARTS_NAV.filter((e) => canSee(user, e));
  // The longest path the location starts with: /parts/stores/3 is under Stores.
  const active = [...entries].sort((a, b) => b.path.length - a.path.length).find((e) => pathname === e.path || pathname.startsWith(`${e.path}/`));
  return (
    <>
      {!isCustomerContact(user) && (
        <Tabs
          activeKey={active?.path}
          onChange={(key) => void navigate(key)}
          items={entries.map((e) => ({
            key: e.path,
            label: (
              <span data-testid={`nav-${e.id}`}>
                {e.icon} {t(labelKeyFor(user, e))}
              </span>
            ),
          }))}
          style={{ marginTop: -8, marginBottom: 8 }}
        />
      )}
      <Outlet />
    </>
  );
}
