import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Col, DatePicker, Empty, Form, Input, Row, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listAudit } from '../../api/client';
import type { AuditEntry, AuditListParams } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { UserSelect } from '../../components/UserSelect';
import { formatDateTime } from '../../components/format';
import { useKeysetList } from '../../components/useKeysetList';

/** Actions the console knows by name; others are shown by their code. */
export const KNOWN_ACTIONS = [
  'session.sign_in',
  'session.sign_out',
  'user.create',
  'user.update',
  'user.disable',
  'user.enable',
  'user.password_reset',
  'user.password_change',
  'user.profile_update',
  'user.admin_reset',
  'team.create',
  'team.update',
  'team.delete',
  'token.create',
  'token.revoke',
  'customer.create',
  'customer.update',
  'contact.create',
  'contact.update',
  'contact.delete',
  'contact.portal_account',
  'site.create',
  'site.update',
  'site.delete',
  'contract.create',
  'contract.update',
  'asset.create',
  'asset.update',
];
const ENTITY_TYPES = ['user', 'team', 'api_token', 'customer', 'contact', 'site', 'contract', 'asset'];
const ACTION_PATTERN = /^[a-z_]+(\.[a-z_]+)*(\.\*)?$/;

interface FilterValues {
  action?: string;
  entityType?: string;
  entityId?: string;
  actorId?: number;
  range?: [Dayjs | null, Dayjs | null] | null;
}

function actionColor(action: string): string {
  if (/delete|revoke|disable/.test(action)) return 'red';
  if (/create|enable/.test(action)) return 'green';
  if (action.startsWith('session.')) return 'default';
  return 'blue';
}

function Json({ value }: { value: unknown }) {
  const { t } = useTranslation();
  if (value === null || value === undefined) return <Typography.Text type="secondary">{t('audit.none')}</Typography.Text>;
  return (
    <pre
      style={{
        margin: 0,
        padding: 12,
        background: '#f6f8fa',
        border: '1px solid #eaeef2',
        borderRadius: 6,
        fontSize: 12,
        lineHeight: 1.5,
        fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
        whiteSpace: 'pre-wrap',
        wordBreak: 'break-all',
        maxHeight: 360,
        overflow: 'auto',
      }}
    >
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<FilterValues>();
  const [filters, setFilters] = useState<AuditListParams>({});
  const list = useKeysetList(['audit', 'list', filters], (cursor) => listAudit({ ...filters, cursor, limit: 50 }));

  const actionLabel = (action: string) => (KNOWN_ACTIONS.includes(action) ? t(`audit.action.${action}`) : action);

  const apply = (v: FilterValues) => {
    const [from, to] = v.range ?? [null, null];
    setFilters({
      action: v.action?.trim() || undefined,
      entityType: v.entityType?.trim() || undefined,
      entityId: v.entityId?.trim() || undefined,
      actorId: v.actorId ?? undefined,
      from: from ? from.startOf('day').valueOf() : undefined,
      // `to` is exclusive on the server: the day after the last chosen day
      to: to ? to.add(1, 'day').startOf('day').valueOf() : undefined,
    });
  };

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.time'), dataIndex: 'at', width: 150, render: (v: number) => formatDateTime(v, i18n.language) },
    { title: t('audit.actor'), dataIndex: 'actorName', width: 130, render: (v: string, e) => v || (e.actorId === null ? t('audit.system') : `#${e.actorId}`) },
    {
      title: t('audit.actionCol'),
      dataIndex: 'action',
      width: 200,
      render: (v: string) => (
        <span>
          <Tag color={actionColor(v)}>{actionLabel(v)}</Tag>
          {KNOWN_ACTIONS.includes(v) && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {v}
            </Typography.Text>
          )}
        </span>
      ),
    },
    {
      title: t('audit.entity'),
      key: 'entity',
      width: 160,
      render: (_, e) => (
        <span>
          {ENTITY_TYPES.includes(e.entityType) ? t(`audit.entityType.${e.entityType}`) : e.entityType}
          {e.entityId !== null && <Typography.Text type="secondary"> #{e.entityId}</Typography.Text>}
        </span>
      ),
    },
    { title: t('audit.ip'), dataIndex: 'ip', width: 130, render: (v: string | null) => v ?? '—' },
  ];

  return (
    <>
      <PageHeader title={t('nav.audit')} />
      <Form<FilterValues> form={form} layout="vertical" onFinish={apply} style={{ marginBottom: 8 }}>
        <Row gutter={12}>
          <Col xs={24} sm={12} lg={6}>
            <Form.Item
              name="action"
              label={t('audit.actionCol')}
              rules={[{ pattern: ACTION_PATTERN, message: t('audit.actionInvalid') }]}
            >
              <AutoComplete
                options={[...new Set(KNOWN_ACTIONS.map((a) => `${a.split('.')[0]}.*`)), ...KNOWN_ACTIONS].map((a) => ({
                  value: a,
                  label: a.endsWith('.*') ? a : `${a} · ${actionLabel(a)}`,
                }))}
                showSearch={{ filterOption: (input, option) => String(option?.value ?? '').includes(input.toLowerCase()) }}
                placeholder={t('audit.actionPlaceholder')}
                allowClear
                data-testid="audit-filter-action"
              />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6} lg={4}>
            <Form.Item name="entityType" label={t('audit.entityTypeCol')}>
              <AutoComplete
                options={ENTITY_TYPES.map((e) => ({ value: e, label: `${e} · ${t(`audit.entityType.${e}`)}` }))}
                allowClear
                placeholder="user"
                data-testid="audit-filter-entity-type"
              />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6} lg={3}>
            <Form.Item name="entityId" label={t('audit.entityId')}>
              <Input allowClear placeholder="42" data-testid="audit-filter-entity-id" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={5}>
            <Form.Item name="actorId" label={t('audit.actor')}>
              <UserSelect allowClear data-testid="audit-filter-actor" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={6}>
            <Form.Item name="range" label={t('audit.range')}>
              <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} data-testid="audit-filter-range" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item style={{ marginBottom: 16 }}>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="audit-search" style={{ marginInlineEnd: 8 }}>
            {t('common.search')}
          </Button>
          <Button
            icon={<ReloadOutlined />}
            onClick={() => {
              form.resetFields();
              setFilters({});
            }}
          >
            {t('common.reset')}
          </Button>
        </Form.Item>
      </Form>
      <ErrorAlert error={list.error} />
      <div data-testid="audit-table">
        <Table<AuditEntry>
          rowKey="id"
          columns={columns}
          dataSource={list.items}
          loading={list.isPending}
          pagination={false}
          scroll={{ x: 800 }}
          size="middle"
          locale={{ emptyText: <Empty description={t('audit.empty')} /> }}
          expandable={{
            expandedRowRender: (e) => (
              <Row gutter={[16, 16]}>
                <Col xs={24} md={12}>
                  <Typography.Text strong>{t('audit.before')}</Typography.Text>
                  <Json value={e.before} />
                </Col>
                <Col xs={24} md={12}>
                  <Typography.Text strong>{t('audit.after')}</Typography.Text>
                  <Json value={e.after} />
                </Col>
              </Row>
            ),
          }}
        />
      </div>
      <LoadMore count={list.items.length} hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onLoadMore={() => void list.fetchNextPage()} />
    </>
  );
}
