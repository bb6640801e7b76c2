import { PhoneOutlined, UserOutlined } from '@ant-design/icons';
import { AutoComplete, Flex, Input, Spin, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { forwardRef, useMemo } from 'react';
import type { InputRef } from 'antd';
import { useTranslation } from 'react-i18next';
import { listContacts } from '../../api/client';
import type { Contact } from '../../api/types';
import { useDebounced } from '../../components/useDebounced';

const PICK = 'contact:';

interface Props {
  value?: string;
  onChange?: (v: string) => void;
  /** A known contact was chosen from the suggestions. */
  onPick: (c: Contact) => void;
  onBlur?: () => void;
  autoFocus?: boolean;
}

/** Contact's phone for calling back: mobile first, then the desk phone. */
export function contactPhone(c: Pick<Contact, 'phone' | 'mobile'>): string {
  return c.mobile || c.phone;
}

/**
 * 来电人: searches contacts by name or phone prefix as the agent types (200 ms debounce); free text
 * stays the caller's name when the caller is not on file.
 */
export const CallerInput = forwardRef<InputRef, Props>(function CallerInput({ value, onChange, onPick, onBlur, autoFocus }, ref) {
  const { t } = useTranslation();
  const text = (value ?? '').trim();
  const q = useDebounced(text, 200);
  const { data, isFetching } = useQuery({
    queryKey: ['contacts', 'caller', q],
    queryFn: async () => (await listContacts({ q, limit: 10 })).items,
    enabled: q.length > 0,
    staleTime: 15_000,
  });
  const byValue = useMemo(() => new Map((data ?? []).map((c) => [`${PICK}${c.id}`, c])), [data]);
  const options = useMemo(
    () =>
      (data ?? []).map((c) => ({
        value: `${PICK}${c.id}`,
        label: (
          <div data-testid={`caller-option-${c.id}`}>
            <Flex justify="space-between" gap={8}>
              <Typography.Text strong ellipsis>
                <UserOutlined /> {c.name}
                {c.position && (
                  <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
                    {' '}
                    · {c.position}
                  </Typography.Text>
                )}
              </Typography.Text>
              <Typography.Text type="secondary" ellipsis style={{ maxWidth: '50%' }}>
                {c.customerName}
              </Typography.Text>
            </Flex>
            {(c.phone || c.mobile) && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                <PhoneOutlined /> {[c.mobile, c.phone].filter(Boolean).join(' / ')}
              </Typography.Text>
            )}
          </div>
        ),
      })),
    [data],
  );

  return (
    <AutoComplete
      value={value}
      options={q.length > 0 ? options : []}
      onChange={(v: string) => {
        // a chosen suggestion arrives here as its key first; onSelect puts the name in
        if (!v.startsWith(PICK)) onChange?.(v);
      }}
      onSelect={(v: string) => {
        const c = byValue.get(v);
        if (c) onPick(c);
      }}
      notFoundContent={q && isFetching ? <Spin size="small" /> : null}
      style={{ width: '100%' }}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { minWidth: 320, maxWidth: 'calc(100vw - 24px)' } } }}
    >
      <Input
        ref={ref}
        autoFocus={autoFocus}
        allowClear
        prefix={<UserOutlined />}
        placeholder={t('intake.callerPlaceholder')}
        autoComplete="off"
        data-testid="intake-caller"
        onBlur={onBlur}
      />
    </AutoComplete>
  );
});
