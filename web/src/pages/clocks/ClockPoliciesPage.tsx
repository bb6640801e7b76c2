import { DeleteOutlined, EditOutlined, EyeOutlined, FieldTimeOutlined, PlusOutlined, StarOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, Flex, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { deleteClockPolicy, listClockPolicies, replaceClockPolicy } from '../../api/client';
import type { ClockPolicy } from '../../api/types';
import { ErrorAlert, errorText } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { CLOCK_ACCESS, hasAnyRole } from '../../components/access';
import { clockKindLabel } from '../../components/clocks';
import { formatMinutes } from '../../components/durations';
import { formatDateTime } from '../../components/format';
import { useCurrentUser } from '../../components/session';
import { useIsPhone } from '../../components/useIsPhone';
import { ClockPolicyDrawer, POLICIES_KEY } from './ClockPolicyDrawer';

/** "负责人 → 30 分钟后 组长 → 2 小时后 经理". */
function EscalationSummary({ policy }: { policy: ClockPolicy }) {
  const { t } = useTranslation();
  const who = (to: string[]) => to.map((x) => t(`escalationTarget.${x}`)).join('、');
  if (policy.escalation.breach.length === 0) return <Typography.Text type="secondary">{t('policies.noEscalation')}</Typography.Text>;
  return (
    <Typography.Text style={{ fontSize: 12 }}>
      {policy.escalation.breach
        .map((s) => (s.afterMinutes === 0 ? who(s.to) : t('policies.stepSummary', { after: formatMinutes(s.afterMinutes, t), who: who(s.to) })))
        .join(' → ')}
    </Typography.Text>
  );
}

/** 时限策略 (R4): the promises per grade that contracts pick; staff read, administrators and managers change. */
export function ClockPoliciesPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const canManage = hasAnyRole(me, CLOCK_ACCESS.manage);
  const isPhone = useIsPhone();
  const qc = useQueryClient();
  const [drawer, setDrawer] = useState<{ open: boolean; policy: ClockPolicy | null }>({ open: false, policy: null });
  const query = useQuery({ queryKey: POLICIES_KEY, queryFn: listClockPolicies });
  const policies = query.data?.items ?? [];
  const fallback = policies.find((p) => p.isDefault) ?? policies[0] ?? null;

  const remove = useMutation({
    mutationFn: (p: ClockPolicy) => deleteClockPolicy(p.id).then(() => p),
    onSuccess: (p) => {
      message.success(t('policies.deletedOk', { name: p.name }));
      void qc.invalidateQueries({ queryKey: POLICIES_KEY });
    },
    onError: (e) => message.error(errorText(e, t)),
  });
  const makeDefault = useMutation({
    mutationFn: (p: ClockPolicy) =>
      replaceClockPolicy(p.id, { name: p.name, description: p.description, isDefault: true, targets: p.targets, warnFraction: p.warnFraction, roundTheClock: p.roundTheClock, escalation: p.escalation }),
    onSuccess: (p) => {
      message.success(t('policies.defaultOk', { name: p.name }));
      void qc.invalidateQueries({ queryKey: POLICIES_KEY });
    },
    onError: (e) => message.error(errorText(e, t)),
  });

  const columns: TableColumnsType<ClockPolicy> = [
    {
      title: t('policies.name'),
      dataIndex: 'name',
      width: 220,
      render: (v: string, p) => (
        <div>
          <Space size={4} wrap>
            <Typography.Text strong>{v}</Typography.Text>
            {p.isDefault && (
              <Tag color="blue" icon={<StarOutlined />} style={{ marginInlineEnd: 0 }} data-testid="policy-default-tag">
                {t('policies.default')}
              </Tag>
            )}
          </Space>
          {p.description && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {p.description}
            </Typography.Text>
          )}
        </div>
      ),
    },
    {
      title: t('policies.keyTargets'),
      key: 'targets',
      width: 300,
      render: (_, p) => (
        <Flex vertical gap={2} style={{ fontSize: 12 }}>
          {(['general', 'major', 'emergency'] as const).map((g) => (
            <span key={g}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(`ticketGrade.${g}`)}:
              </Typography.Text>{' '}
              {clockKindLabel(t, 'response')} {formatMinutes(p.targets[g].response, t)} · {clockKindLabel(t, 'restore')} {formatMinutes(p.targets[g].restore, t)}
            </span>
          ))}
        </Flex>
      ),
    },
    { title: t('policies.warnPercent'), dataIndex: 'warnFraction', width: 90, render: (v: number) => `${Math.round(v * 100)} %` },
    { title: t('policies.escalation'), key: 'escalation', width: 260, render: (_, p) => <EscalationSummary policy={p} /> },
    { title: t('common.updatedAt'), dataIndex: 'updatedAt', width: 140, render: (v: number) => formatDateTime(v, i18n.language) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: canManage ? 250 : 90,
      fixed: isPhone ? undefined : 'right',
      render: (_, p) =>
        canManage ? (
          <Space size={0} wrap>
            <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setDrawer({ open: true, policy: p })} data-testid={`policy-edit-${p.id}`}>
              {t('common.edit')}
            </Button>
            {!p.isDefault && (
              <Button type="link" size="small" icon={<StarOutlined />} loading={makeDefault.isPending && makeDefault.variables?.id === p.id} onClick={() => makeDefault.mutate(p)} data-testid={`policy-make-default-${p.id}`}>
                {t('policies.makeDefault')}
              </Button>
            )}
            {!p.isDefault && (
              <Popconfirm
                title={t('policies.deleteConfirm', { name: p.name })}
                okText={t('common.delete')}
                okButtonProps={{ danger: true, 'data-testid': 'confirm-ok' }}
                cancelText={t('common.cancel')}
                onConfirm={() => remove.mutateAsync(p).catch(() => undefined)}
              >
                <Button type="link" size="small" danger icon={<DeleteOutlined />} data-testid={`policy-delete-${p.id}`}>
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        ) : (
          <Button type="link" size="small" icon={<EyeOutlined />} onClick={() => setDrawer({ open: true, policy: p })} data-testid={`policy-view-${p.id}`}>
            {t('common.view')}
          </Button>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={
          <Space size={8}>
            <FieldTimeOutlined />
            {t('nav.clockPolicies')}
          </Space>
        }
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ open: true, policy: null })} disabled={!fallback} data-testid="policies-new">
              {t('policies.new')}
            </Button>
          )
        }
      />
      <Typography.Paragraph type="secondary" style={{ maxWidth: 820 }}>
        {t('policies.intro')}
      </Typography.Paragraph>
      {!canManage && <Alert type="info" showIcon title={t('policies.readOnly')} style={{ marginBottom: 16 }} />}
      <ErrorAlert error={query.error} />
      <div data-testid="policies-table">
        <Table<ClockPolicy>
          rowKey="id"
          columns={columns}
          dataSource={policies}
          loading={query.isPending}
          pagination={false}
          scroll={{ x: 1200 }}
          size="middle"
          onRow={(p) => ({ 'data-testid': `policy-row-${p.name}` }) as React.HTMLAttributes<HTMLElement>}
          locale={{ emptyText: <Empty description={t('policies.empty')} /> }}
        />
      </div>
      <ClockPolicyDrawer
        open={drawer.open}
        policy={drawer.policy}
        template={fallback}
        readOnly={!canManage}
        onClose={() => setDrawer((d) => ({ ...d, open: false }))}
      />
    </>
  );
}
