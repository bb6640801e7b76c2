import { DeleteOutlined, SaveOutlined, StarOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Popconfirm, Select, Space, Tooltip } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { deleteTicketView, listTicketViews, saveTicketView } from '../../api/client';
import type { TicketFilters, TicketView } from '../../api/types';
import { ErrorAlert, errorText } from '../../components/ErrorAlert';
import { applyServerErrors } from '../../components/serverErrors';
import { useIsPhone } from '../../components/useIsPhone';

const VIEWS_KEY = ['ticket-views'] as const;

/** A view's query without empty values, in a stable order, so two queries compare as text. */
function normalise(q: TicketFilters): string {
  const entries = Object.entries(q).filter(([, v]) => v !== undefined && v !== null && v !== '');
  entries.sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify(entries);
}

function SaveViewModal({ open, query, onClose }: { open: boolean; query: TicketFilters; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ name: string }>();
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setError(null);
  }, [open, form]);
  const save = useMutation({
    mutationFn: (name: string) => saveTicketView(name.trim(), query),
    onMutate: () => setError(null),
    onSuccess: (view) => {
      message.success(t('views.savedOk', { name: view.name }));
      void qc.invalidateQueries({ queryKey: VIEWS_KEY });
      onClose();
    },
    onError: (e) => setError(applyServerErrors(form, e, ['name', 'query'], { view_name_taken: 'name' })),
  });
  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={t('views.saveTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'view-save-confirm' }}
      destroyOnHidden
    >
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v.name)}>
        <Form.Item name="name" label={t('views.name')} extra={t('views.saveHint')} rules={[{ required: true, whitespace: true, message: t('views.nameRequired') }, { max: 60 }]}>
          <Input autoFocus maxLength={60} placeholder={t('views.namePlaceholder')} data-testid="view-name" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * 保存的视图: the queue and its filters under a name, private to whoever saved them. The view that
 * matches the current filters shows as chosen; changing a filter leaves it.
 */
export function SavedViews({ query, onApply }: { query: TicketFilters; onApply: (q: TicketFilters) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const qc = useQueryClient();
  const [saveOpen, setSaveOpen] = useState(false);
  const views = useQuery({ queryKey: VIEWS_KEY, queryFn: listTicketViews, staleTime: 60_000 });
  const items = views.data?.items ?? [];
  const current = normalise(query);
  const active = items.find((v) => normalise(v.query) === current);
  const remove = useMutation({
    mutationFn: (v: TicketView) => deleteTicketView(v.id).then(() => v),
    onSuccess: (v) => {
      message.success(t('views.deletedOk', { name: v.name }));
      void qc.invalidateQueries({ queryKey: VIEWS_KEY });
    },
    onError: (e) => message.error(errorText(e, t)),
  });

  return (
    <>
      <Space.Compact style={{ maxWidth: '100%' }} data-testid="saved-views">
        <Select<number>
          value={active?.id}
          placeholder={
            <span>
              <StarOutlined /> {t('views.pick')}
            </span>
          }
          loading={views.isPending}
          status={views.error ? 'error' : undefined}
          notFoundContent={views.error ? errorText(views.error, t) : t('views.none')}
          options={items.map((v) => ({ value: v.id, label: <span data-testid={`view-option-${v.name}`}>{v.name}</span> }))}
          onChange={(id) => {
            const v = items.find((x) => x.id === id);
            if (v) onApply(v.query);
          }}
          style={{ width: isPhone ? 160 : 200 }}
          aria-label={t('views.pick')}
          data-testid="views-select"
        />
        <Tooltip title={t('views.saveHint')}>
          <Button icon={<SaveOutlined />} onClick={() => setSaveOpen(true)} disabled={!!active} data-testid="views-save">
            {isPhone ? null : t('views.save')}
          </Button>
        </Tooltip>
        {active && (
          <Popconfirm
            title={t('views.deleteConfirm', { name: active.name })}
            okText={t('common.delete')}
            okButtonProps={{ danger: true, 'data-testid': 'confirm-ok' }}
            cancelText={t('common.cancel')}
            onConfirm={() => remove.mutateAsync(active).catch(() => undefined)}
          >
            <Button danger icon={<DeleteOutlined />} loading={remove.isPending} aria-label={t('views.delete', { name: active.name })} data-testid="views-delete" />
          </Popconfirm>
        )}
      </Space.Compact>
      <SaveViewModal open={saveOpen} query={query} onClose={() => setSaveOpen(false)} />
    </>
  );
}
