import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { signIn } from '../api/client';
import { errorText } from '../components/ErrorAlert';
import { LangSwitch } from '../components/LangSwitch';
import { ME_KEY, useMe } from '../components/session';
import i18n, { hasChosenLanguage } from '../i18n';

interface Values {
  username: string;
  password: string;
}

/** Where to go after signing in: the page that sent the user here, never an external URL. */
function targetFrom(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && !from.startsWith('/login') ? from : '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const me = useMe();
  const target = targetFrom(location.state);

  const mutation = useMutation({
    mutationFn: (v: Values) => signIn(v.username.trim(), v.password),
    onSuccess: ({ user }) => {
      // A language saved in the profile applies unless this browser has an explicit choice.
      if (user.locale && !hasChosenLanguage()) void i18n.changeLanguage(user.locale);
      qc.setQueryData(ME_KEY, user);
      void navigate(target, { replace: true });
    },
  });

  if (me.data && !mutation.isPending) return <Navigate to={target} replace />;

  return (
    <Flex
      vertical
      align="center"
      justify="center"
      style={{
        minHeight: '100vh',
        padding: 16,
        background: 'linear-gradient(160deg, #e6f0ff 0%, #f5f7fa 55%, #eef6f0 100%)',
      }}
    >
      <div style={{ position: 'absolute', top: 16, right: 16 }}>
        <LangSwitch size="middle" />
      </div>
      <Card style={{ width: '100%', maxWidth: 400, boxShadow: '0 8px 24px rgba(0,0,0,0.08)' }}>
        <Flex vertical align="center" style={{ marginBottom: 24 }}>
          <span
            aria-hidden
            style={{
              width: 48,
              height: 48,
              borderRadius: 10,
              background: '#1677ff',
              color: '#fff',
              fontSize: 26,
              fontWeight: 600,
              display: 'flex',
              alignItems: 'center',
              justifyContent: 'center',
              marginBottom: 12,
            }}
          >
            维
          </span>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('app.name')}
          </Typography.Title>
          <Typography.Text type="secondary" style={{ textAlign: 'center' }}>
            {t('app.tagline')}
          </Typography.Text>
        </Flex>
        {mutation.error && (
          <Alert type="error" showIcon title={errorText(mutation.error, t)} style={{ marginBottom: 16 }} data-testid="login-error" />
        )}
        <Form<Values> layout="vertical" onFinish={(v) => mutation.mutate(v)} requiredMark={false} size="large">
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoFocus autoComplete="username" autoCapitalize="none" data-testid="login-username" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Form.Item style={{ marginBottom: 0 }}>
            <Button type="primary" htmlType="submit" block loading={mutation.isPending} data-testid="login-submit">
              {t('login.submit')}
            </Button>
          </Form.Item>
        </Form>
      </Card>
      <Typography.Text type="secondary" style={{ marginTop: 24, fontSize: 12 }}>
        {t('login.footer')}
      </Typography.Text>
    </Flex>
  );
}
