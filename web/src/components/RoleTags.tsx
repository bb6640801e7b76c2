import { Flex, Tag } from 'antd';
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
    <Flex wrap gap={4} component="span" style={{ display: 'inline-flex' }}>
      {roles.map((r) => (
        <Tag key={r} color={COLORS[r]} style={{ marginInlineEnd: 0 }}>
          {t(`role.${r}`)}
        </Tag>
      ))}
    </Flex>
  );
}
