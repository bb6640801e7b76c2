import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.js';
import { unique, useHarness } from '../../test/harness.js';

describeEachEngine('teams', (db) => {
  const h = useHarness(db);

  it('creates a team with members and a lead, and every staff member can see it', async () => {
    const manager = await h().user(['manager']);
    const a = await h().user(['engineer'], { displayName: '张伟' });
    const b = await h().user(['engineer'], { displayName: '李华' });
    const name = unique('服务器与存储组');
    const res = await h().request({ method: 'POST', url: '/api/teams', cookie: manager.cookie, payload: { name, description: '服务器、存储', memberIds: [a.user.id, b.user.id], leadUserId: a.user.id } });
    expect(res.statusCode).toBe(201);
    const team = res.json();
    expect(team).toMatchObject({ name, leadUserId: a.user.id });
    expect(team.members.map((m: { id: number }) => m.id).sort()).toEqual([a.user.id, b.user.id].sort());

    const agent = await h().user(['agent']);
    const mine = await h().request({ method: 'GET', url: `/api/teams?memberId=${b.user.id}`, cookie: agent.cookie });
    expect(mine.json().items.map((t: { id: number }) => t.id)).toEqual([team.id]);
  });

  it('refuses a lead who is not a member, a customer contact as member and a taken name, changing nothing', async () => {
    const admin = await h().user(['admin']);
    const eng = await h().user(['engineer']);
    const { contact } = await h().customerWithContact();
    const name = unique('网络组');
    const notMember = await h().request({ method: 'POST', url: '/api/teams', cookie: admin.cookie, payload: { name, memberIds: [], leadUserId: eng.user.id } });
    expect(notMember.json().error.code).toBe('team_lead_not_member');
    const withContact = await h().request({ method: 'POST', url: '/api/teams', cookie: admin.cookie, payload: { name, memberIds: [eng.user.id, contact.user.id] } });
    expect(withContact.json().error).toMatchObject({ code: 'team_member_invalid', details: { ids: [contact.user.id] } });
    expect((await h().request({ method: 'GET', url: `/api/teams?q=${encodeURIComponent(name)}`, cookie: admin.cookie })).json().items).toEqual([]);

    await h().request({ method: 'POST', url: '/api/teams', cookie: admin.cookie, payload: { name } });
    const dup = await h().request({ method: 'POST', url: '/api/teams', cookie: admin.cookie, payload: { name } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('team_name_taken');
  });

  it('changes members and lead, renames, deletes — and audits each change with before and after', async () => {
    const admin = await h().user(['admin']);
    const a = await h().user(['engineer']);
    const b = await h().user(['engineer']);
    const team = (await h().request({ method: 'POST', url: '/api/teams', cookie: admin.cookie, payload: { name: unique('现场服务组'), memberIds: [a.user.id] } })).json();
    const newName = unique('驻场组');
    const patched = await h().request({ method: 'PATCH', url: `/api/teams/${team.id}`, cookie: admin.cookie, payload: { name: newName, memberIds: [b.user.id], leadUserId: b.user.id } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ name: newName, leadUserId: b.user.id, members: [{ id: b.user.id }] });

    const audit = (await h().request({ method: 'GET', url: `/api/audit?entityType=team&entityId=${team.id}`, cookie: admin.cookie })).json().items;
    const update = audit.find((e: { action: string }) => e.action === 'team.update');
    expect(update.before.members.map((m: { id: number }) => m.id)).toEqual([a.user.id]);
    expect(update.after.members.map((m: { id: number }) => m.id)).toEqual([b.user.id]);

    expect((await h().request({ method: 'DELETE', url: `/api/teams/${team.id}`, cookie: admin.cookie })).statusCode).toBe(204);
    const gone = await h().request({ method: 'GET', url: `/api/teams/${team.id}`, cookie: admin.cookie });
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.code).toBe('team_not_found');
  });

  it('lets a manager but not a dispatcher change teams', async () => {
    const dispatcher = await h().user(['dispatcher']);
    const res = await h().request({ method: 'POST', url: '/api/teams', cookie: dispatcher.cookie, payload: { name: unique('x') } });
    expect(res.statusCode).toBe(403);
  });
});
