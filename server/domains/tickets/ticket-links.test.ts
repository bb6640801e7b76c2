import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.js';
import { unique, useHarness } from '../../test/harness.js';

describeEachEngine('routing rules, links, merges and saved views', (db) => {
  const h = useHarness(db);

  it('routes by the first matching rule: a major storage fault to the storage team’s lead', async () => {
    const manager = await h().user(['manager']);
    const lead = await h().user(['engineer']);
    const team = (await h().request({ method: 'POST', url: '/api/teams', cookie: manager.cookie, payload: { name: unique('存储组'), memberIds: [lead.user.id], leadUserId: lead.user.id } })).json();
    const { customer } = await h().customerFile();
    const rule = await h().request({
      method: 'POST',
      url: '/api/routing-rules',
      cookie: manager.cookie,
      payload: { position: 1, name: '重大存储故障', customerId: customer.id, kind: 'fault', category: 'storage', grade: 'major', teamId: team.id, ownerMode: 'fixed', ownerId: lead.user.id },
    });
    expect(rule.statusCode).toBe(201);
    const storage = (await h().request({ method: 'POST', url: '/api/assets', cookie: manager.cookie, payload: { customerId: customer.id, serialNumber: unique('ST'), vendor: 'Huawei', model: 'OceanStor 5510', category: 'storage' } })).json();
    const major = (await h().request({ method: 'POST', url: '/api/tickets', cookie: manager.cookie, payload: { kind: 'fault', grade: 'major', title: '存储宕机', assetId: storage.id } })).json();
    expect(major).toMatchObject({ teamId: team.id, ownerId: lead.user.id });
    const general = (await h().request({ method: 'POST', url: '/api/tickets', cookie: manager.cookie, payload: { kind: 'fault', grade: 'general', title: '存储告警', assetId: storage.id } })).json();
    expect(general).toMatchObject({ teamId: null, ownerId: null });
    const engineer = await h().user(['engineer']);
    expect((await h().request({ method: 'POST', url: '/api/routing-rules', cookie: engineer.cookie, payload: { position: 2, name: 'x' } })).statusCode).toBe(403);
    expect((await h().request({ method: 'DELETE', url: `/api/routing-rules/${rule.json().id}`, cookie: manager.cookie })).statusCode).toBe(204);
  });

  it('links related tickets, merges a duplicate (closing it) and groups callers under a major incident', async () => {
    const agent = await h().user(['agent']);
    const { customer, contact } = await h().customerFile();
    const make = async (title: string, extra: object = {}) =>
      (await h().request({ method: 'POST', url: '/api/tickets', cookie: agent.cookie, payload: { kind: 'fault', title, customerId: customer.id, ...extra } })).json();
    const incident = await make('全院网络中断', { grade: 'major' });
    const caller1 = await make('门诊无法上网', { parentId: incident.id });
    const caller2 = await make('住院部无法上网', { parentId: incident.id });
    const dup = await make('门诊网络断了');
    const related = await make('核心交换机告警');

    await h().request({ method: 'POST', url: `/api/tickets/${incident.id}/links`, cookie: agent.cookie, payload: { ticketId: related.id, type: 'related' } });
    const merged = await h().request({ method: 'POST', url: `/api/tickets/${dup.id}/merge`, cookie: agent.cookie, payload: { into: caller1.id } });
    expect(merged.statusCode).toBe(200);
    expect(merged.json().duplicateOf.id).toBe(caller1.id);
    expect((await h().request({ method: 'GET', url: `/api/tickets/${dup.id}`, cookie: agent.cookie })).json().status).toBe('closed');

    const links = (await h().request({ method: 'GET', url: `/api/tickets/${incident.id}/links`, cookie: agent.cookie })).json();
    expect(links.children.map((t: { id: number }) => t.id)).toEqual([caller1.id, caller2.id]);
    expect(links.related.map((t: { id: number }) => t.id)).toEqual([related.id]);
    expect((await h().request({ method: 'GET', url: `/api/tickets/${caller1.id}/links`, cookie: agent.cookie })).json().duplicates.map((t: { id: number }) => t.id)).toEqual([dup.id]);
    // The customer sees the grouping of their own tickets.
    expect((await h().request({ method: 'GET', url: `/api/tickets/${incident.id}/links`, cookie: contact.cookie })).json().children).toHaveLength(2);

    const other = await h().customerFile();
    const foreign = (await h().request({ method: 'POST', url: '/api/tickets', cookie: agent.cookie, payload: { kind: 'fault', title: 'x', customerId: other.customer.id } })).json();
    const cross = await h().request({ method: 'POST', url: `/api/tickets/${incident.id}/links`, cookie: agent.cookie, payload: { ticketId: foreign.id, type: 'related' } });
    expect(cross.json().error.code).toBe('link_invalid');
    expect((await h().request({ method: 'POST', url: `/api/tickets/${incident.id}/links`, cookie: agent.cookie, payload: { ticketId: incident.id, type: 'related' } })).json().error.code).toBe('link_invalid');

    // A link is removed from either end; the customer contact cannot remove it; a second removal finds nothing.
    expect((await h().request({ method: 'DELETE', url: `/api/tickets/${related.id}/links/${incident.id}`, cookie: contact.cookie })).statusCode).toBe(403);
    const unlinked = await h().request({ method: 'DELETE', url: `/api/tickets/${related.id}/links/${incident.id}`, cookie: agent.cookie });
    expect(unlinked.statusCode).toBe(200);
    expect((await h().request({ method: 'GET', url: `/api/tickets/${incident.id}/links`, cookie: agent.cookie })).json().related).toEqual([]);
    const again = await h().request({ method: 'DELETE', url: `/api/tickets/${related.id}/links/${incident.id}`, cookie: agent.cookie });
    expect([again.statusCode, again.json().error.code]).toEqual([404, 'link_not_found']);
  });

  it('keeps each person’s saved queue views to themselves', async () => {
    const a = await h().user(['agent']);
    const b = await h().user(['agent']);
    const saved = await h().request({ method: 'POST', url: '/api/ticket-views', cookie: a.cookie, payload: { name: '重大故障', query: { queue: 'all', grade: 'major', status: 'open' } } });
    expect(saved.statusCode).toBe(201);
    expect((await h().request({ method: 'POST', url: '/api/ticket-views', cookie: a.cookie, payload: { name: '重大故障', query: {} } })).json().error.code).toBe('view_name_taken');
    expect((await h().request({ method: 'POST', url: '/api/ticket-views', cookie: a.cookie, payload: { name: 'bad', query: { grade: 'huge' } } })).statusCode).toBe(400);
    expect((await h().request({ method: 'GET', url: '/api/ticket-views', cookie: a.cookie })).json().items).toEqual([expect.objectContaining({ name: '重大故障', query: { queue: 'all', grade: 'major', status: 'open' } })]);
    expect((await h().request({ method: 'GET', url: '/api/ticket-views', cookie: b.cookie })).json().items).toEqual([]);
    expect((await h().request({ method: 'DELETE', url: `/api/ticket-views/${saved.json().id}`, cookie: b.cookie })).statusCode).toBe(404);
    expect((await h().request({ method: 'DELETE', url: `/api/ticket-views/${saved.json().id}`, cookie: a.cookie })).statusCode).toBe(204);
  });
});
