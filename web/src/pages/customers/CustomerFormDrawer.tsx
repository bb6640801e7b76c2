import { Button, Drawer, Flex, Form, Input } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createCustomer, updateCustomer } from '../../api/client';
import type { Customer } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyServerErrors } from '../../components/serverErrors';
import { useIsPhone } from '../../components/useIsPhone';

interface Values {
  code: string;
  name: string;
  industry?: string;
  address?: string;
  phone?: string;
  notes?: string;
}

const FIELDS = ['code', 'name', 'industry', 'address', 'phone', 'notes'];
const CODE_FIELDS = { customer_code_taken: 'code' };

interface Props {
  open: boolean;
  /** The customer to edit; null creates one. */
  customer: Customer | null;
  onClose: () => void;
  onSaved?: (customer: Customer, created: boolean) => void;
}

export function CustomerFormDrawer({ open, customer, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (customer) {
      form.setFieldsValue({
        code: customer.code,
        name: customer.name,
        industry: customer.industry,
        address: customer.address,
        phone: customer.phone,
        notes: customer.notes,
      });
    }
  }, [open, customer, form]);

  const mutation = useMutation({
    mutationFn: async (v: Values) => {
      const input = {
        code: v.code.trim(),
        name: v.name.trim(),
        industry: v.industry?.trim() ?? '',
        address: v.address?.trim() ?? '',
        phone: v.phone?.trim() ?? '',
        notes: v.notes?.trim() ?? '',
      };
      if (customer) return { customer: await updateCustomer(customer.id, input), created: false };
      return { customer: await createCustomer(input), created: true };
    },
    onMutate: () => setError(null),
    onSuccess: ({ customer: saved, created }) => {
      void qc.invalidateQueries({ queryKey: ['customers'] });
      void qc.invalidateQueries({ queryKey: ['customer', saved.id] });
      onClose();
      onSaved?.(saved, created);
    },
    onError: (e) => setError(applyServerErrors(form, e, FIELDS, CODE_FIELDS)),
  });

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={customer ? t('customers.editTitle', { name: customer.name }) : t('customers.newTitle')}
      size={isPhone ? '100%' : 480}
      destroyOnHidden
      data-testid="customer-form"
    >
      <ErrorAlert error={error} />
      <Form<Values> form={form} layout="vertical" onFinish={(v) => mutation.mutate(v)} scrollToFirstError>
        <Form.Item
          name="code"
          label={t('customer.code')}
          extra={t('customers.codeHint')}
          rules={[
            { required: true, message: t('customers.codeRequired') },
            { pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/, message: t('customers.codeInvalid') },
          ]}
        >
          <Input autoFocus={!customer} autoComplete="off" autoCapitalize="characters" data-testid="customer-form-code" />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('customer.name')}
          rules={[{ required: true, whitespace: true, message: t('customers.nameRequired') }, { max: 200 }]}
        >
          <Input autoFocus={!!customer} data-testid="customer-form-name" />
        </Form.Item>
        <Form.Item name="industry" label={t('customer.industry')} rules={[{ max: 100 }]}>
          <Input data-testid="customer-form-industry" />
        </Form.Item>
        <Form.Item name="phone" label={t('customer.phone')} rules={[{ max: 60 }]}>
          <Input type="tel" data-testid="customer-form-phone" />
        </Form.Item>
        <Form.Item name="address" label={t('customer.address')} rules={[{ max: 500 }]}>
          <Input data-testid="customer-form-address" />
        </Form.Item>
        <Form.Item name="notes" label={t('customer.notes')} rules={[{ max: 4000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="customer-form-notes" />
        </Form.Item>
        <Flex gap={8} justify="flex-end">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={mutation.isPending} data-testid="customer-form-submit">
            {customer ? t('common.save') : t('common.create')}
          </Button>
        </Flex>
      </Form>
    </Drawer>
  );
}
