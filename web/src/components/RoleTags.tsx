import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '../api/types';

const COLORS: Record<Role, string> = {
  admin: 'red',
  manager: 'purple',
  dispatcher: 'geekblue',
  agent: 'cyan',
  engineer: 'green',
  storekeeper: 'orange',
  customer_contact: 'gold',
};

export function RoleTags({ roles }: { roles: readonly Role[] }) {
  const { t } = useTranslation();
  return (
    <>
      {roles.map((r) => (
        <Tag key={r} color={COLORS[r]} style={{ marginBlock: 2 }}>
          {t(`role.${r}`)}
        </Tag>
      ))}
    </>
  );
}
