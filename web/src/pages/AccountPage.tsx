import { App, Button, Card, Col, Descriptions, Form, Input, Row, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { updateMe } from '../api/client';
import type { Locale, User } from '../api/types';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeader } from '../components/PageHeader';
import { PasswordChangeForm } from '../components/PasswordChangeForm';
import { RoleTags } from '../components/RoleTags';
import { formatDateTime } from '../components/format';
import { applyServerErrors } from '../components/serverErrors';
import { ME_KEY, useCurrentUser } from '../components/session';
import { setLanguage } from '../i18n';

interface ProfileValues {
  displayName: string;
  email: string;
  phone: string;
  locale: Locale | 'auto';
}

const FIELDS = ['displayName', 'email', 'phone', 'locale'];

export function AccountPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const qc = useQueryClient();
  const [form] = Form.useForm<ProfileValues>();
  const [error, setError] = useState<unknown>(null);

  const mutation = useMutation({
    mutationFn: (v: ProfileValues) =>
      updateMe({
        displayName: v.displayName.trim(),
        email: v.email?.trim() || null,
        phone: v.phone?.trim() || null,
        locale: v.locale === 'auto' ? null : v.locale,
      }),
    onMutate: () => setError(null),
    onSuccess: (updated: User) => {
      qc.setQueryData(ME_KEY, updated);
      if (updated.locale) setLanguage(updated.locale);
      message.success(t('common.saved'));
    },
    onError: (e) => setError(applyServerErrors(form, e, FIELDS)),
  });

  return (
    <>
      <PageHeader title={t('account.title')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('account.profile')}>
            <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
              <Descriptions.Item label={t('user.username')}>{user.username}</Descriptions.Item>
              <Descriptions.Item label={t('user.roles')}>
                <span>
                  <RoleTags roles={user.roles} />
                </span>
              </Descriptions.Item>
              <Descriptions.Item label={t('user.lastSignIn')}>{formatDateTime(user.lastSignInAt, i18n.language)}</Descriptions.Item>
            </Descriptions>
            <ErrorAlert error={error} />
            <Form<ProfileValues>
              form={form}
              layout="vertical"
              initialValues={{
                displayName: user.displayName,
                email: user.email ?? '',
                phone: user.phone ?? '',
                locale: user.locale ?? 'auto',
              }}
              onFinish={(v) => mutation.mutate(v)}
            >
              <Form.Item name="displayName" label={t('user.displayName')} rules={[{ required: true, whitespace: true, max: 100 }]}>
                <Input data-testid="account-displayName" />
              </Form.Item>
              <Form.Item name="email" label={t('user.email')} rules={[{ type: 'email', message: t('user.emailInvalid') }]}>
                <Input type="email" autoComplete="email" />
              </Form.Item>
              <Form.Item name="phone" label={t('user.phone')} rules={[{ pattern: /^[0-9+()\- ]{3,40}$/, message: t('user.phoneInvalid') }]}>
                <Input type="tel" autoComplete="tel" />
              </Form.Item>
              <Form.Item name="locale" label={t('user.locale')}>
                <Select
                  options={[
                    { value: 'auto', label: t('locale.auto') },
                    { value: 'zh-CN', label: '中文' },
                    { value: 'en', label: 'English' },
                  ]}
                />
              </Form.Item>
              <Form.Item style={{ marginBottom: 0 }}>
                <Button type="primary" htmlType="submit" loading={mutation.isPending} data-testid="account-submit">
                  {t('common.save')}
                </Button>
              </Form.Item>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('account.changePassword')}>
            <PasswordChangeForm username={user.username} onDone={() => void qc.invalidateQueries({ queryKey: ME_KEY })} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
