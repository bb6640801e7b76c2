import { CrownOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Drawer, Empty, Flex, Form, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createTeam, deleteTeam, listTeams, updateTeam } from '../../api/client';
import type { Team, TeamMember } from '../../api/types';
import { ErrorAlert, errorText } from '../../components/ErrorAlert';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { UserSelect, type UserOption } from '../../components/UserSelect';
import { applyServerErrors } from '../../components/serverErrors';
import { useKeysetList } from '../../components/useKeysetList';
import { useIsPhone } from '../../components/useIsPhone';

interface Values {
  name: string;
  description?: string;
  memberIds: number[];
  leadUserId?: number;
}

const FIELDS = ['name', 'description', 'memberIds', 'leadUserId'];
const CODE_FIELDS = { team_name_taken: 'name', team_lead_not_member: 'leadUserId', team_member_invalid: 'memberIds' };

function TeamDrawer({ open, team, onClose }: { open: boolean; team: Team | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [people, setPeople] = useState<Map<number, UserOption>>(new Map());
  const memberIds = Form.useWatch('memberIds', form) ?? [];

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    setPeople(new Map((team?.members ?? []).map((m) => [m.id, m])));
    form.setFieldsValue({
      name: team?.name ?? '',
      description: team?.description ?? '',
      memberIds: team?.members.map((m) => m.id) ?? [],
      leadUserId: team?.leadUserId ?? undefined,
    });
  }, [open, team, form]);

  const remember = useCallback((users: UserOption[]) => {
    setPeople((prev) => {
      if (users.every((u) => prev.has(u.id))) return prev;
      const next = new Map(prev);
      for (const u of users) next.set(u.id, { id: u.id, username: u.username, displayName: u.displayName });
      return next;
    });
  }, []);

  const mutation = useMutation({
    mutationFn: (v: Values) => {
      const body = {
        name: v.name.trim(),
        description: v.description?.trim() ?? '',
        memberIds: v.memberIds,
        leadUserId: v.leadUserId ?? null,
      };
      return team ? updateTeam(team.id, body) : createTeam(body);
    },
    onMutate: () => setError(null),
    onSuccess: (saved) => {
      message.success(t('teams.savedOk', { name: saved.name }));
      void qc.invalidateQueries({ queryKey: ['teams'] });
      onClose();
    },
    onError: (e) => setError(applyServerErrors(form, e, FIELDS, CODE_FIELDS)),
  });

  const leadOptions = memberIds.map((id) => {
    const p = people.get(id);
    return { value: id, label: p ? `${p.displayName} (${p.username})` : `#${id}` };
  });

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={team ? t('teams.editTitle', { name: team.name }) : t('teams.newTitle')}
      size={isPhone ? '100%' : 480}
      destroyOnHidden
    >
      <ErrorAlert error={error} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => mutation.mutate(v)}
        onValuesChange={(changed: Partial<Values>) => {
          // the lead must stay one of the members
          if (changed.memberIds && !changed.memberIds.includes(form.getFieldValue('leadUserId'))) {
            form.setFieldValue('leadUserId', undefined);
          }
        }}
      >
        <Form.Item name="name" label={t('teams.name')} rules={[{ required: true, whitespace: true, message: t('teams.nameRequired') }, { max: 80 }]}>
          <Input autoFocus data-testid="team-form-name" />
        </Form.Item>
        <Form.Item name="description" label={t('teams.description')} rules={[{ max: 1000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="team-form-description" />
        </Form.Item>
        <Form.Item name="memberIds" label={t('teams.members')} extra={t('teams.membersHint')}>
          <UserSelect
            mode="multiple"
            activeOnly
            staffOnly
            known={team?.members ?? []}
            onUsersSeen={remember}
            data-testid="team-form-members"
          />
        </Form.Item>
        <Form.Item name="leadUserId" label={t('teams.lead')}>
          <Select<number>
            allowClear
            options={leadOptions}
            placeholder={memberIds.length ? t('teams.leadPlaceholder') : t('teams.leadNeedsMembers')}
            disabled={!memberIds.length}
            data-testid="team-form-lead"
          />
        </Form.Item>
        <Flex gap={8} justify="flex-end">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={mutation.isPending} data-testid="team-form-submit">
            {team ? t('common.save') : t('teams.create')}
          </Button>
        </Flex>
      </Form>
    </Drawer>
  );
}

export function TeamsPage() {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [q, setQ] = useState<string | undefined>();
  const [drawer, setDrawer] = useState<{ open: boolean; team: Team | null }>({ open: false, team: null });
  const list = useKeysetList(['teams', 'list', q], (cursor) => listTeams({ q, cursor, limit: 50 }));

  const remove = useMutation({
    mutationFn: (team: Team) => deleteTeam(team.id).then(() => team),
    onSuccess: (team) => {
      message.success(t('teams.deletedOk', { name: team.name }));
      void qc.invalidateQueries({ queryKey: ['teams'] });
    },
    onError: (e) => message.error(errorText(e, t)),
  });

  const columns: TableColumnsType<Team> = useMemo(
    () => [
      { title: t('teams.name'), dataIndex: 'name', width: 160, fixed: 'left', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
      {
        title: t('teams.description'),
        dataIndex: 'description',
        width: 220,
        render: (v: string) => (v ? <Typography.Text type="secondary">{v}</Typography.Text> : '—'),
      },
      {
        title: t('teams.lead'),
        key: 'lead',
        width: 130,
        render: (_, team) => {
          const lead = team.members.find((m) => m.id === team.leadUserId);
          return lead ? (
            <Space size={4}>
              <CrownOutlined style={{ color: '#faad14' }} />
              {lead.displayName}
            </Space>
          ) : (
            '—'
          );
        },
      },
      {
        title: t('teams.members'),
        dataIndex: 'members',
        width: 320,
        render: (members: TeamMember[]) =>
          members.length ? (
            <Flex wrap gap={4}>
              {members.map((m) => (
                <Tag key={m.id} color={m.disabled ? 'default' : 'blue'} style={{ marginInlineEnd: 0 }}>
                  {m.displayName}
                  {m.disabled ? ` · ${t('status.disabled')}` : ''}
                </Tag>
              ))}
            </Flex>
          ) : (
            <Typography.Text type="secondary">{t('teams.noMembers')}</Typography.Text>
          ),
      },
      { title: t('teams.memberCount'), key: 'count', width: 90, align: 'right', render: (_, team) => team.members.length },
      {
        title: t('common.actions'),
        key: 'actions',
        width: 170,
        fixed: isPhone ? undefined : 'right',
        render: (_, team) => (
          <Space size={0}>
            <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setDrawer({ open: true, team })} data-testid={`team-edit-${team.id}`}>
              {t('common.edit')}
            </Button>
            <Popconfirm
              title={t('teams.deleteConfirm', { name: team.name })}
              description={t('teams.deleteConfirmDetail')}
              okText={t('common.delete')}
              okButtonProps={{ danger: true, 'data-testid': 'confirm-ok' }}
              cancelText={t('common.cancel')}
              onConfirm={() => remove.mutateAsync(team).catch(() => undefined)}
            >
              <Button type="link" size="small" danger icon={<DeleteOutlined />} data-testid={`team-delete-${team.id}`}>
                {t('common.delete')}
              </Button>
            </Popconfirm>
          </Space>
        ),
      },
    ],
    [t, isPhone, remove],
  );

  return (
    <>
      <PageHeader
        title={t('nav.teams')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ open: true, team: null })} data-testid="teams-new">
            {t('teams.new')}
          </Button>
        }
      />
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('teams.searchPlaceholder')}
          onSearch={(v) => setQ(v.trim() || undefined)}
          style={{ width: 260, maxWidth: '100%' }}
          data-testid="teams-search"
        />
      </Flex>
      <ErrorAlert error={list.error} />
      <div data-testid="teams-table">
        <Table<Team>
          rowKey="id"
          columns={columns}
          dataSource={list.items}
          loading={list.isPending}
          pagination={false}
          scroll={{ x: 1090 }}
          size="middle"
          locale={{ emptyText: <Empty description={t('teams.empty')} /> }}
        />
      </div>
      <LoadMore count={list.items.length} hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onLoadMore={() => void list.fetchNextPage()} />
      <TeamDrawer open={drawer.open} team={drawer.team} onClose={() => setDrawer((d) => ({ ...d, open: false }))} />
    </>
  );
}
