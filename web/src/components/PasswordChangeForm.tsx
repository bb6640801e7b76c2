import { InfoCircleOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { changePassword, isApiError } from '../api/client';
import type { PasswordRule } from '../api/types';
import { ErrorAlert } from './ErrorAlert';

export const PASSWORD_MIN_LENGTH = 10;

/** The rules the server enforces, checked here first so people learn them before submitting. */
export function passwordProblems(password: string, username: string): PasswordRule[] {
  const problems: PasswordRule[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) problems.push('min_length');
  if (password.length > 256) problems.push('max_length');
  if (!/[A-Za-z]/.test(password) || !/[0-9]/.test(password)) problems.push('letters_and_digits');
  if (username && password.toLowerCase().includes(username.toLowerCase())) problems.push('contains_username');
  return problems;
}

export function PasswordRulesHint() {
  const { t } = useTranslation();
  return (
    <Typography.Paragraph type="secondary" style={{ marginBottom: 16 }} data-testid="password-rules">
      <InfoCircleOutlined /> {t('password.rulesTitle')}
      <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
        <li>{t('password.rule.min_length', { min: PASSWORD_MIN_LENGTH })}</li>
        <li>{t('password.rule.letters_and_digits')}</li>
        <li>{t('password.rule.contains_username')}</li>
      </ul>
    </Typography.Paragraph>
  );
}

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Current, new and confirm; on success calls onDone (the server renews the session cookie). */
export function PasswordChangeForm({ username, onDone }: { username: string; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const ruleText = (r: string) => t(`password.rule.${r}`, { min: PASSWORD_MIN_LENGTH, defaultValue: r });

  const mutation = useMutation({
    mutationFn: (v: Values) => changePassword(v.currentPassword, v.newPassword),
    onMutate: () => setError(null),
    onSuccess: () => {
      form.resetFields();
      message.success(t('password.changed'));
      onDone();
    },
    onError: (e) => {
      if (isApiError(e) && e.code === 'wrong_password') {
        form.setFields([{ name: 'currentPassword', errors: [e.message] }]);
      } else if (isApiError(e) && e.code === 'password_too_weak') {
        const rules = (e.details as { rules?: string[] } | null)?.rules ?? [];
        form.setFields([{ name: 'newPassword', errors: rules.length ? rules.map(ruleText) : [e.message] }]);
      } else if (isApiError(e) && e.code === 'password_reused') {
        form.setFields([{ name: 'newPassword', errors: [e.message] }]);
      } else {
        setError(e);
      }
    },
  });

  return (
    <Form<Values> form={form} layout="vertical" onFinish={(v) => mutation.mutate(v)} requiredMark={false}>
      <PasswordRulesHint />
      <ErrorAlert error={error} />
      <Form.Item
        name="currentPassword"
        label={t('password.current')}
        rules={[{ required: true, message: t('password.currentRequired') }]}
      >
        <Input.Password autoComplete="current-password" data-testid="pw-current" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('password.new')}
        dependencies={['currentPassword']}
        rules={[
          { required: true, message: t('password.newRequired') },
          {
            validator: async (_, value: string | undefined) => {
              if (!value) return;
              const problems = passwordProblems(value, username);
              if (problems.length) throw new Error(problems.map(ruleText).join(' · '));
            },
          },
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="pw-new" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('password.confirm')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('password.confirmRequired') },
          ({ getFieldValue }) => ({
            validator: async (_, value: string | undefined) => {
              if (value && value !== getFieldValue('newPassword')) throw new Error(t('password.mismatch'));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="pw-confirm" />
      </Form.Item>
      <Form.Item style={{ marginBottom: 0 }}>
        <Button
          type="primary"
          htmlType="submit"
          loading={mutation.isPending}
          data-testid="pw-submit"
        >
          {t('password.submit')}
        </Button>
      </Form.Item>
    </Form>
  );
}
