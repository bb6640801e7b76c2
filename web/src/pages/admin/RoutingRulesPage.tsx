import { BranchesOutlined, DeleteOutlined, EditOutlined, PlusOutlined, SafetyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Divider, Drawer, Empty, Flex, Form, Input, InputNumber, Popconfirm, Radio, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createRoutingRule, deleteRoutingRule, getCustomer, getUser, listRoutingRules, listTeams, replaceRoutingRule } from '../../api/client';
import {
  ASSET_CATEGORIES,
  ROUTING_OWNER_MODES,
  TICKET_CHANNELS,
  TICKET_GRADES,
  TICKET_KINDS,
  type AssetCategory,
  type RoutingOwnerMode,
  type RoutingRule,
  type RoutingRuleInput,
  type TicketChannel,
  type TicketGrade,
  type TicketKind,
} from '../../api/types';
import { CustomerSelect } from '../../components/CustomerSelect';
import { ErrorAlert, errorText } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { UserSelect } from '../../components/UserSelect';
import { ROUTING_ACCESS, hasAnyRole } from '../../components/access';
import { applyServerErrors } from '../../components/serverErrors';
import { useCurrentUser } from '../../components/session';
import { useIsPhone } from '../../components/useIsPhone';

const RULES_KEY = ['routing-rules'] as const;

interface Values {
  name: string;
  position: number;
  active: boolean;
  customerId?: number;
  kind?: TicketKind;
  category?: AssetCategory;
  grade?: TicketGrade;
  channel?: TicketChannel;
  teamId?: number;
  ownerMode: RoutingOwnerMode;
  ownerId?: number;
}

const FIELDS = ['name', 'position', 'active', 'customerId', 'kind', 'category', 'grade', 'channel', 'teamId', 'ownerMode', 'ownerId'];
const CODE_FIELDS = { team_not_found: 'teamId', owner_invalid: 'ownerId', customer_not_found: 'customerId' };

/** A rule with no condition matches every ticket: placed last, it is the fallback. */
function isCatchAll(r: Pick<RoutingRule, 'customerId' | 'kind' | 'category' | 'grade' | 'channel'>): boolean {
  return r.customerId === null && r.kind === null && r.category === null && r.grade === null && r.channel === null;
}

/** Rules in the order the server tries them. */
function ordered(rules: RoutingRule[]): RoutingRule[] {
  return [...rules].sort((a, b) => a.position - b.position || a.id - b.id);
}

/** Names for the ids the rules hold: teams, customers and fixed owners. */
function useNames(rules: RoutingRule[]) {
  const teams = useQuery({ queryKey: ['teams', 'picker'], queryFn: async () => (await listTeams({ limit: 200 })).items, staleTime: 60_000 });
  const customerIds = [...new Set(rules.flatMap((r) => (r.customerId ? [r.customerId] : [])))];
  const ownerIds = [...new Set(rules.flatMap((r) => (r.ownerId ? [r.ownerId] : [])))];
  const customers = useQueries({ queries: customerIds.map((id) => ({ queryKey: ['customers', 'one', id], queryFn: () => getCustomer(id), staleTime: 5 * 60_000 })) });
  const owners = useQueries({ queries: ownerIds.map((id) => ({ queryKey: ['users', 'one', id], queryFn: () => getUser(id), staleTime: 5 * 60_000 })) });
  return {
    teams: teams.data ?? [],
    team: (id: number) => teams.data?.find((tm) => tm.id === id)?.name ?? `#${id}`,
    customer: (id: number) => customers.find((c) => c.data?.id === id)?.data?.name ?? `#${id}`,
    owner: (id: number) => owners.find((u) => u.data?.id === id)?.data?.displayName ?? `#${id}`,
  };
}

type Names = ReturnType<typeof useNames>;

function RuleDrawer({ open, rule, preset, names, onClose }: { open: boolean; rule: RoutingRule | null; preset: Partial<Values>; names: Names; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const ownerMode = Form.useWatch('ownerMode', form) ?? 'none';

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue(
      rule
        ? {
            name: rule.name,
            position: rule.position,
            active: rule.active,
            customerId: rule.customerId ?? undefined,
            kind: rule.kind ?? undefined,
            category: rule.category ?? undefined,
            grade: rule.grade ?? undefined,
            channel: rule.channel ?? undefined,
            teamId: rule.teamId ?? undefined,
            ownerMode: rule.ownerMode,
            ownerId: rule.ownerId ?? undefined,
          }
        : { active: true, ownerMode: 'none', ...preset },
    );
  }, [open, rule, preset, form]);

  const mutation = useMutation({
    mutationFn: (v: Values) => {
      const body: RoutingRuleInput = {
        name: v.name.trim(),
        position: v.position,
        active: v.active,
        customerId: v.customerId ?? null,
        kind: v.kind ?? null,
        category: v.category ?? null,
        grade: v.grade ?? null,
        channel: v.channel ?? null,
        teamId: v.teamId ?? null,
        ownerMode: v.ownerMode,
        ownerId: v.ownerMode === 'fixed' ? (v.ownerId ?? null) : null,
      };
      return rule ? replaceRoutingRule(rule.id, body) : createRoutingRule(body);
    },
    onMutate: () => setError(null),
    onSuccess: (saved) => {
      message.success(t('routing.savedOk', { name: saved.name }));
      void qc.invalidateQueries({ queryKey: RULES_KEY });
      onClose();
    },
    onError: (e) => setError(applyServerErrors(form, e, FIELDS, CODE_FIELDS)),
  });

  const any = t('routing.any');
  const knownCustomer = rule?.customerId ? { id: rule.customerId, name: names.customer(rule.customerId) } : null;
  const knownOwner = rule?.ownerId ? [{ id: rule.ownerId, username: '', displayName: names.owner(rule.ownerId) }] : [];

  return (
    <Drawer open={open} onClose={onClose} title={rule ? t('routing.editTitle', { name: rule.name }) : t('routing.newTitle')} size={isPhone ? '100%' : 520} destroyOnHidden>
      <ErrorAlert error={error} />
      <Form<Values> form={form} layout="vertical" onFinish={(v) => mutation.mutate(v)} scrollToFirstError>
        <Flex gap={12} wrap>
          <Form.Item name="name" label={t('routing.name')} style={{ flex: '1 1 240px' }} rules={[{ required: true, whitespace: true, message: t('routing.nameRequired') }, { max: 100 }]}>
            <Input autoFocus placeholder={t('routing.namePlaceholder')} data-testid="rule-form-name" />
          </Form.Item>
          <Form.Item
            name="position"
            label={t('routing.position')}
            tooltip={t('routing.positionHint')}
            style={{ width: 120 }}
            rules={[
              { required: true, message: t('routing.positionRequired') },
              { type: 'integer', min: 0, max: 1_000_000, message: t('routing.positionInvalid') },
            ]}
          >
            <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} data-testid="rule-form-position" />
          </Form.Item>
        </Flex>
        <Form.Item name="active" label={t('routing.active')} valuePropName="checked">
          <Switch data-testid="rule-form-active" />
        </Form.Item>
        <Divider titlePlacement="start" plain style={{ marginTop: 0 }}>
          {t('routing.conditions')}
        </Divider>
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
          {t('routing.conditionsHint')}
        </Typography.Paragraph>
        <Form.Item name="customerId" label={t('ticket.customer')}>
          <CustomerSelect allowClear known={knownCustomer} placeholder={any} data-testid="rule-form-customer" />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="kind" label={t('ticket.kind')} style={{ flex: '1 1 200px' }}>
            <Select allowClear placeholder={any} options={TICKET_KINDS.map((k) => ({ value: k, label: t(`ticketKind.${k}`) }))} data-testid="rule-form-kind" />
          </Form.Item>
          <Form.Item name="category" label={t('asset.category')} style={{ flex: '1 1 200px' }}>
            <Select allowClear placeholder={any} options={ASSET_CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))} data-testid="rule-form-category" />
          </Form.Item>
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item name="grade" label={t('ticket.grade')} style={{ flex: '1 1 200px' }}>
            <Select
              allowClear
              placeholder={any}
              options={TICKET_GRADES.map((g) => ({ value: g, label: <span data-testid={`rule-grade-option-${g}`}>{t(`ticketGrade.${g}`)}</span> }))}
              data-testid="rule-form-grade"
            />
          </Form.Item>
          <Form.Item name="channel" label={t('ticket.channel')} style={{ flex: '1 1 200px' }}>
            <Select
              allowClear
              placeholder={any}
              options={TICKET_CHANNELS.map((c) => ({ value: c, label: <span data-testid={`rule-channel-option-${c}`}>{t(`ticketChannel.${c}`)}</span> }))}
              data-testid="rule-form-channel"
            />
          </Form.Item>
        </Flex>
        <Divider titlePlacement="start" plain>
          {t('routing.target')}
        </Divider>
        <Form.Item
          name="teamId"
          label={t('ticket.team')}
          dependencies={['ownerMode']}
          rules={[
            {
              // a rule that names neither a team nor an owner would leave its tickets unassigned
              validator: (_, value) =>
                value || form.getFieldValue('ownerMode') !== 'none' ? Promise.resolve() : Promise.reject(new Error(t('routing.targetRequired'))),
            },
          ]}
        >
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'title' }}
            placeholder={t('routing.teamPlaceholder')}
            options={names.teams.map((tm) => ({ value: tm.id, title: tm.name, label: <span data-testid={`rule-team-option-${tm.id}`}>{tm.name}</span> }))}
            data-testid="rule-form-team"
          />
        </Form.Item>
        <Form.Item name="ownerMode" label={t('ticket.owner')}>
          <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
            {ROUTING_OWNER_MODES.map((m) => (
              <Radio key={m} value={m} data-testid={`rule-owner-mode-${m}`}>
                {t(`routing.ownerMode.${m}`)}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        {ownerMode === 'fixed' && (
          <Form.Item name="ownerId" label={t('routing.ownerPerson')} rules={[{ required: true, message: t('routing.ownerRequired') }]}>
            <UserSelect activeOnly staffOnly known={knownOwner} data-testid="rule-form-owner" />
          </Form.Item>
        )}
        <Flex gap={8} justify="flex-end">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={mutation.isPending} data-testid="rule-form-submit">
            {rule ? t('common.save') : t('common.create')}
          </Button>
        </Flex>
      </Form>
    </Drawer>
  );
}

/** 分派规则 (R1): where new tickets go, tried from the top; the first rule that matches decides. */
export function RoutingRulesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const canManage = hasAnyRole(me, ROUTING_ACCESS.manage);
  const isPhone = useIsPhone();
  const qc = useQueryClient();
  const [drawer, setDrawer] = useState<{ open: boolean; rule: RoutingRule | null; preset: Partial<Values> }>({ open: false, rule: null, preset: {} });
  const query = useQuery({ queryKey: RULES_KEY, queryFn: listRoutingRules });
  const rules = useMemo(() => ordered(query.data?.items ?? []), [query.data]);
  const names = useNames(rules);

  const remove = useMutation({
    mutationFn: (rule: RoutingRule) => deleteRoutingRule(rule.id).then(() => rule),
    onSuccess: (rule) => {
      message.success(t('routing.deletedOk', { name: rule.name }));
      void qc.invalidateQueries({ queryKey: RULES_KEY });
    },
    onError: (e) => message.error(errorText(e, t)),
  });
  const toggle = useMutation({
    mutationFn: (rule: RoutingRule) => {
      const { id, ...rest } = rule;
      return replaceRoutingRule(id, { ...rest, active: !rule.active });
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: RULES_KEY }),
    onError: (e) => message.error(errorText(e, t)),
  });

  // The first active rule without conditions catches everything; rules after it are never tried.
  const fallback = rules.find((r) => r.active && isCatchAll(r));
  const unreachable = new Set(fallback ? rules.filter((r) => r.active && (r.position > fallback.position || (r.position === fallback.position && r.id > fallback.id))).map((r) => r.id) : []);
  const nextPosition = (rules.length ? Math.max(...rules.map((r) => r.position)) : 0) + 10;
  const openNew = (preset: Partial<Values> = {}) => setDrawer({ open: true, rule: null, preset: { position: nextPosition, ...preset } });

  const conditionTags = (r: RoutingRule) => {
    if (isCatchAll(r)) return <Tag color="green">{t('routing.everyTicket')}</Tag>;
    return (
      <Flex wrap gap={4}>
        {r.customerId && <Tag style={{ marginInlineEnd: 0 }}>{t('ticket.customer')}: {names.customer(r.customerId)}</Tag>}
        {r.kind && <Tag style={{ marginInlineEnd: 0 }}>{t(`ticketKind.${r.kind}`)}</Tag>}
        {r.category && <Tag style={{ marginInlineEnd: 0 }}>{t('asset.category')}: {t(`category.${r.category}`)}</Tag>}
        {r.grade && (
          <Tag color={r.grade === 'general' ? undefined : 'red'} style={{ marginInlineEnd: 0 }}>
            {t(`ticketGrade.${r.grade}`)}
          </Tag>
        )}
        {r.channel && <Tag style={{ marginInlineEnd: 0 }}>{t(`ticketChannel.${r.channel}`)}</Tag>}
      </Flex>
    );
  };

  const target = (r: RoutingRule) => {
    const owner = r.ownerMode === 'fixed' && r.ownerId ? names.owner(r.ownerId) : r.ownerMode === 'contract_owner' ? t('routing.contractOwner') : null;
    if (!r.teamId && !owner) return <Typography.Text type="secondary">{t('tickets.unassigned')}</Typography.Text>;
    return (
      <Space size={4} wrap>
        {r.teamId && <Tag color="blue" style={{ marginInlineEnd: 0 }}>{names.team(r.teamId)}</Tag>}
        {owner && <Tag color="purple" style={{ marginInlineEnd: 0 }}>{owner}</Tag>}
      </Space>
    );
  };

  const columns: TableColumnsType<RoutingRule> = [
    { title: t('routing.position'), dataIndex: 'position', width: 70, align: 'right' },
    {
      title: t('routing.name'),
      dataIndex: 'name',
      width: 240,
      render: (v: string, r) => (
        <Space size={4} wrap>
          <Typography.Text strong type={r.active ? undefined : 'secondary'}>
            {v}
          </Typography.Text>
          {fallback?.id === r.id && (
            <Tag color="green" icon={<SafetyOutlined />} style={{ marginInlineEnd: 0 }}>
              {t('routing.fallback')}
            </Tag>
          )}
          {unreachable.has(r.id) && (
            <Tag color="warning" style={{ marginInlineEnd: 0 }} title={t('routing.unreachableHint')}>
              {t('routing.unreachable')}
            </Tag>
          )}
        </Space>
      ),
    },
    { title: t('routing.conditions'), key: 'conditions', width: 240, render: (_, r) => conditionTags(r) },
    { title: t('routing.target'), key: 'target', width: 200, render: (_, r) => target(r) },
    {
      title: t('routing.active'),
      dataIndex: 'active',
      width: 80,
      render: (v: boolean, r) =>
        canManage ? (
          <Switch size="small" checked={v} loading={toggle.isPending && toggle.variables?.id === r.id} onChange={() => toggle.mutate(r)} aria-label={t('routing.activeLabel', { name: r.name })} data-testid={`rule-active-${r.id}`} />
        ) : v ? (
          t('common.yes')
        ) : (
          t('common.no')
        ),
    },
    ...(canManage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 150,
            fixed: isPhone ? undefined : ('right' as const),
            render: (_: unknown, r: RoutingRule) => (
              <Space size={0}>
                <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setDrawer({ open: true, rule: r, preset: {} })} data-testid={`rule-edit-${r.id}`}>
                  {t('common.edit')}
                </Button>
                <Popconfirm
                  title={t('routing.deleteConfirm', { name: r.name })}
                  okText={t('common.delete')}
                  okButtonProps={{ danger: true, 'data-testid': 'confirm-ok' }}
                  cancelText={t('common.cancel')}
                  onConfirm={() => remove.mutateAsync(r).catch(() => undefined)}
                >
                  <Button type="link" size="small" danger icon={<DeleteOutlined />} data-testid={`rule-delete-${r.id}`}>
                    {t('common.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={
          <Space size={8}>
            <BranchesOutlined />
            {t('nav.routing')}
          </Space>
        }
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => openNew()} data-testid="rules-new">
              {t('routing.new')}
            </Button>
          )
        }
      />
      <Typography.Paragraph type="secondary" style={{ maxWidth: 820 }}>
        {t('routing.intro')}
      </Typography.Paragraph>
      {!canManage && <Alert type="info" showIcon title={t('routing.readOnly')} style={{ marginBottom: 16 }} />}
      {!query.isPending && !query.error && !fallback && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('routing.noFallback')}
          action={
            canManage && (
              <Button size="small" onClick={() => openNew({ name: t('routing.fallbackName'), position: Math.max(nextPosition, 1000) })} data-testid="rules-add-fallback">
                {t('routing.addFallback')}
              </Button>
            )
          }
          data-testid="rules-no-fallback"
        />
      )}
      <ErrorAlert error={query.error} />
      <div data-testid="rules-table">
        <Table<RoutingRule>
          rowKey="id"
          columns={columns}
          dataSource={rules}
          loading={query.isPending}
          pagination={false}
          scroll={{ x: canManage ? 980 : 830 }}
          size="middle"
          onRow={(r) => ({ 'data-testid': `rule-row-${r.name}`, style: r.active ? undefined : { opacity: 0.6 } }) as React.HTMLAttributes<HTMLElement>}
          locale={{
            emptyText: (
              <Empty description={t('routing.empty')}>
                {canManage && (
                  <Button type="primary" icon={<PlusOutlined />} onClick={() => openNew()}>
                    {t('routing.new')}
                  </Button>
                )}
              </Empty>
            ),
          }}
        />
      </div>
      <RuleDrawer open={drawer.open} rule={drawer.rule} preset={drawer.preset} names={names} onClose={() => setDrawer((d) => ({ ...d, open: false }))} />
    </>
  );
}
