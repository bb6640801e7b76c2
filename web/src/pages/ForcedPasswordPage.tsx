import { LogoutOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { signOut } from '../api/client';
import type { User } from '../api/types';
import { LangSwitch } from '../components/LangSwitch';
import { PasswordChangeForm } from '../components/PasswordChangeForm';
import { ME_KEY } from '../components/session';

/** Until a one-time password is replaced, this is the only page the app shows. */
export function ForcedPasswordPage({ user }: { user: User }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const leave = async () => {
    try {
      await signOut();
    } catch {
      // already signed out
    }
    qc.clear();
    qc.setQueryData(ME_KEY, null);
    void navigate('/login', { replace: true });
  };
  return (
    <Flex vertical align="center" style={{ minHeight: '100vh', padding: 16, background: '#f5f7fa' }}>
      <Flex justify="space-between" align="center" style={{ width: '100%', maxWidth: 480, marginBottom: 16 }} gap={8} wrap>
        <Typography.Text strong style={{ fontSize: 16 }}>
          {t('app.name')}
        </Typography.Text>
        <Flex gap={8} align="center">
          <LangSwitch />
          <Button size="small" icon={<LogoutOutlined />} onClick={() => void leave()} data-testid="sign-out">
            {t('userMenu.signOut')}
          </Button>
        </Flex>
      </Flex>
      <Card style={{ width: '100%', maxWidth: 480 }} title={t('password.forcedTitle')}>
        <Alert type="info" showIcon title={t('password.forcedIntro', { name: user.displayName })} style={{ marginBottom: 16 }} />
        <PasswordChangeForm
          username={user.username}
          onDone={() => {
            qc.setQueryData(ME_KEY, { ...user, mustChangePassword: false } satisfies User);
            void qc.invalidateQueries({ queryKey: ME_KEY });
          }}
        />
      </Card>
    </Flex>
  );
}
