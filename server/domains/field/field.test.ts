import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.js';
import { dispatch, faultOnSite, openFault, SIGNATURE, step, transition } from '../../test/field.js';
import { useHarness, type Harness } from '../../test/harness.js';

const MIN = 60_000;

async function clocks(h: Harness, cookie: string, ticketId: number): Promise<Record<string, { state: string; stoppedAt: number | null; startedAt: number | null }>> {
  const res = await h.request({ method: 'GET', url: `/api/tickets/${ticketId}/clocks`, cookie });
  return Object.fromEntries((res.json().items as { kind: string; state: string; stoppedAt: number | null; startedAt: number | null }[]).map((c) => [c.kind, c]));
}

async function ticketOf(h: Harness, cookie: string, id: number) {
  return (await h.request({ method: 'GET', url: `/api/tickets/${id}`, cookie })).json();
}

/** Remote diagnosis, dispatch and visits, resolution and closing (R6, R7, R9, R13) through HTTP. */
describeEachEngine('field service', (db) => {
  const h = useHarness(db);

  it('records a visit’s steps, which stop the dispatch and arrival clocks and put the ticket on site', async () => {
    const f = await openFault(h());
    const opened = h().clock.now();
    h().clock.advance(5 * MIN);
    const visit = await dispatch(h(), f.ticket.id, f.dispatcher, [f.engineer]);
    expect(visit).toMatchObject({ number: `${f.ticket.number}-D1`, state: 'planned', steps: ['accept', 'depart', 'arrive', 'cancel'] });

    h().clock.advance(15 * MIN);
    expect((await step(h(), visit.id, f.engineer, 'accept')).json()).toMatchObject({ state: 'accepted' });
    h().clock.advance(5 * MIN);
    expect((await step(h(), visit.id, f.engineer, 'depart')).json()).toMatchObject({ state: 'en_route', departedAt: opened + 25 * MIN });
    h().clock.advance(40 * MIN);
    const arrived = (await step(h(), visit.id, f.engineer, 'arrive')).json();
    expect(arrived).toMatchObject({ state: 'on_site', arrivedAt: opened + 65 * MIN, steps: ['leave'] });

    const c = await clocks(h(), f.agent.cookie, f.ticket.id);
    expect(c.dispatch).toMatchObject({ state: 'met', stoppedAt: opened + 25 * MIN });
    expect(c.arrival).toMatchObject({ startedAt: opened + 25 * MIN, stoppedAt: opened + 65 * MIN });
    expect((await ticketOf(h(), f.agent.cookie, f.ticket.id)).status).toBe('on_site');

    const events = (await h().request({ method: 'GET', url: `/api/tickets/${f.ticket.id}/events`, cookie: f.agent.cookie })).json().items as { type: string; data: { action?: string } }[];
    expect(events.filter((e) => e.type === 'dispatch').map((e) => e.data.action)).toEqual(['created', 'accepted', 'departed', 'arrived']);
  });

  it('refuses a step the visit’s state does not allow, and steps by someone not on the visit, changing nothing', async () => {
    const f = await openFault(h());
    const other = await h().user(['engineer']);
    const visit = await dispatch(h(), f.ticket.id, f.dispatcher, [f.engineer]);

    const early = await step(h(), visit.id, f.engineer, 'leave');
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({ code: 'dispatch_invalid_step', details: { state: 'planned', step: 'leave' } });
    const stranger = await step(h(), visit.id, other, 'depart');
    expect(stranger.statusCode).toBe(403);
    expect(stranger.json().error.code).toBe('not_your_dispatch');
    // Only those who dispatch may cancel.
    expect((await step(h(), visit.id, f.engineer, 'cancel')).statusCode).toBe(403);

    const now = (await h().request({ method: 'GET', url: `/api/dispatches/${visit.id}`, cookie: f.dispatcher.cookie })).json();
    expect(now).toMatchObject({ state: 'planned', departedAt: null, leftAt: null });
    expect((await step(h(), visit.id, f.dispatcher, 'cancel', '客户改期')).json()).toMatchObject({ state: 'cancelled', cancelReason: '客户改期', steps: [] });
    expect((await step(h(), visit.id, f.dispatcher, 'arrive')).statusCode).toBe(409);
  });

  it('refuses a dispatch with bad engineers, another customer’s site or on a closed or consultation ticket', async () => {
    const f = await openFault(h());
    const bad = await h().request({ method: 'POST', url: `/api/tickets/${f.ticket.id}/dispatches`, cookie: f.dispatcher.cookie, payload: { engineerIds: [999_999], plannedAt: h().clock.now() } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('dispatch_invalid');
    const elsewhere = await h().customerFile();
    const wrongSite = await h().request({
      method: 'POST',
      url: `/api/tickets/${f.ticket.id}/dispatches`,
      cookie: f.dispatcher.cookie,
      payload: { engineerIds: [f.engineer.user.id], plannedAt: h().clock.now(), siteId: elsewhere.site.id },
    });
    expect(wrongSite.json().error.code).toBe('dispatch_invalid');
    expect((await h().request({ method: 'POST', url: `/api/tickets/${f.ticket.id}/dispatches`, cookie: f.agent.cookie, payload: { engineerIds: [f.engineer.user.id], plannedAt: 1 } })).statusCode).toBe(403);
    const invalid = await h().request({ method: 'POST', url: `/api/tickets/${f.ticket.id}/dispatches`, cookie: f.dispatcher.cookie, payload: { engineerIds: [], plannedAt: 'tomorrow' } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.code).toBe('validation_failed');

    const question = (await h().request({ method: 'POST', url: '/api/tickets', cookie: f.agent.cookie, payload: { kind: 'consultation', title: '如何配置多路径', customerId: f.customer.id } })).json();
    const refused = await h().request({ method: 'POST', url: `/api/tickets/${question.id}/dispatches`, cookie: f.dispatcher.cookie, payload: { engineerIds: [f.engineer.user.id], plannedAt: 1 } });
    expect(refused.json().error.code).toBe('field_service_not_applicable');
    expect((await h().request({ method: 'GET', url: `/api/tickets/${f.ticket.id}/dispatches`, cookie: f.agent.cookie })).json().items).toEqual([]);
  });

  it('shows a customer contact their own visits without the work log, and another customer’s as not found', async () => {
    const f = await faultOnSite(h());
    await h().request({ method: 'POST', url: `/api/dispatches/${f.visit.id}/logs`, cookie: f.engineer.cookie, payload: { body: '检查阵列日志,7号盘介质错误' } });
    const own = (await h().request({ method: 'GET', url: `/api/dispatches/${f.visit.id}`, cookie: f.contact.cookie })).json();
    expect(own).toMatchObject({ id: f.visit.id, state: 'on_site', logs: [] });
    const staff = (await h().request({ method: 'GET', url: `/api/dispatches/${f.visit.id}`, cookie: f.dispatcher.cookie })).json();
    expect(staff.logs.map((l: { body: string }) => l.body)).toEqual(['检查阵列日志,7号盘介质错误']);

    const stranger = await h().customerWithContact();
    expect((await h().request({ method: 'GET', url: `/api/dispatches/${f.visit.id}`, cookie: stranger.contact.cookie })).json().error.code).toBe('dispatch_not_found');
    expect((await h().request({ method: 'GET', url: `/api/tickets/${f.ticket.id}/dispatches`, cookie: stranger.contact.cookie })).statusCode).toBe(404);
    expect((await h().request({ method: 'GET', url: `/api/tickets/${f.ticket.id}/remote-sessions`, cookie: f.contact.cookie })).statusCode).toBe(403);
  });

  it('keeps a work log with photos of the ticket only, and finds its text in the fault archive', async () => {
    const f = await faultOnSite(h());
    const other = await openFault(h());
    const upload = await h().request({
      method: 'POST',
      url: `/api/tickets/${other.ticket.id}/attachments?name=photo.png`,
      cookie: other.agent.cookie,
      headers: { 'content-type': 'application/octet-stream' },
      payload: Buffer.from(SIGNATURE_PNG, 'base64'),
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const foreign = await h().request({ method: 'POST', url: `/api/dispatches/${f.visit.id}/logs`, cookie: f.engineer.cookie, payload: { attachmentId: upload.json().id } });
    expect(foreign.statusCode).toBe(400);
    const empty = await h().request({ method: 'POST', url: `/api/dispatches/${f.visit.id}/logs`, cookie: f.engineer.cookie, payload: { body: '   ' } });
    expect(empty.json().error.code).toBe('dispatch_invalid');

    const ok = await h().request({ method: 'POST', url: `/api/dispatches/${f.visit.id}/logs`, cookie: f.engineer.cookie, payload: { body: '更换风扇模块后温度恢复正常' } });
    expect(ok.statusCode).toBe(201);
    const found = (await h().request({ method: 'GET', url: `/api/tickets/search?q=${encodeURIComponent('风扇模块')}`, cookie: f.agent.cookie })).json().items as { id: number }[];
    expect(found.map((t) => t.id)).toContain(f.ticket.id);
  });

  it('records remote sessions, which move a new fault into remote diagnosis, and refuses impossible times', async () => {
    const f = await openFault(h());
    const bad = await h().request({
      method: 'POST',
      url: `/api/tickets/${f.ticket.id}/remote-sessions`,
      cookie: f.engineer.cookie,
      payload: { method: 'remote_login', startedAt: h().clock.now() - 10 * MIN, endedAt: h().clock.now() - 20 * MIN },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('remote_session_invalid');
    expect((await ticketOf(h(), f.agent.cookie, f.ticket.id)).status).toBe('new');

    const created = await h().request({ method: 'POST', url: `/api/tickets/${f.ticket.id}/remote-sessions`, cookie: f.engineer.cookie, payload: { method: 'remote_login', findings: '控制器B日志报盘错误' } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ method: 'remote_login', result: 'in_progress', endedAt: null, engineerName: '张伟' });
    expect((await ticketOf(h(), f.agent.cookie, f.ticket.id)).status).toBe('remote_diagnosis');
    h().clock.advance(15 * MIN);
    const done = await h().request({ method: 'PATCH', url: `/api/remote-sessions/${created.json().id}`, cookie: f.engineer.cookie, payload: { endedAt: h().clock.now(), actions: '远程重置端口', result: 'needs_visit' } });
    expect(done.json()).toMatchObject({ result: 'needs_visit', actions: '远程重置端口', findings: '控制器B日志报盘错误' });
    expect((await h().request({ method: 'GET', url: `/api/tickets/${f.ticket.id}/remote-sessions`, cookie: f.agent.cookie })).json().items).toHaveLength(1);
  });

  it('takes the proposal with "solution proposed", which stops the solution clock', async () => {
    const f = await openFault(h());
    const opened = h().clock.now();
    await transition(h(), f.ticket.id, f.agent, 'remote_diagnosis');
    h().clock.advance(40 * MIN);
    const missing = await transition(h(), f.ticket.id, f.agent, 'solution_proposed');
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('proposal_required');
    expect((await transition(h(), f.ticket.id, f.agent, 'solution_proposed', '建议更换7号盘并重建RAID')).statusCode).toBe(200);
    expect((await clocks(h(), f.agent.cookie, f.ticket.id)).solution).toMatchObject({ state: 'met', stoppedAt: opened + 40 * MIN });
  });

  it('records a software update, which updates the asset and its history and stops the restore clock at the restoration', async () => {
    const f = await faultOnSite(h());
    const opened = (await ticketOf(h(), f.agent.cookie, f.ticket.id)).createdAt as number;
    h().clock.advance(90 * MIN);
    const future = await h().request({ method: 'PUT', url: `/api/tickets/${f.ticket.id}/resolution`, cookie: f.engineer.cookie, payload: { method: 'repair', details: 'x', restoredAt: h().clock.now() + MIN } });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.code).toBe('resolution_invalid');
    const noVersion = await h().request({ method: 'PUT', url: `/api/tickets/${f.ticket.id}/resolution`, cookie: f.engineer.cookie, payload: { method: 'software_update', details: '升级固件', restoredAt: h().clock.now() } });
    expect(noVersion.json().error.code).toBe('resolution_invalid');
    expect((await h().request({ method: 'GET', url: `/api/tickets/${f.ticket.id}/resolution`, cookie: f.agent.cookie })).json()).toBeNull();

    const restoredAt = h().clock.now() - 30 * MIN;
    const res = await h().request({
      method: 'PUT',
      url: `/api/tickets/${f.ticket.id}/resolution`,
      cookie: f.engineer.cookie,
      payload: { method: 'software_update', details: '升级 iBMC 固件修复风扇调速缺陷', rootCause: '固件缺陷', restoredAt, versionBefore: 'iBMC 3.01', versionAfter: 'iBMC 3.05', versionField: 'firmware' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ kind: 'software', method: 'software_update', restoredAt, recordedBy: '张伟' });
    expect((await ticketOf(h(), f.agent.cookie, f.ticket.id)).status).toBe('restored');
    expect((await clocks(h(), f.agent.cookie, f.ticket.id)).restore).toMatchObject({ state: 'met', stoppedAt: restoredAt });
    expect((await clocks(h(), f.agent.cookie, f.ticket.id)).report).toMatchObject({ state: 'running', startedAt: restoredAt });
    expect(restoredAt - opened).toBe(60 * MIN);

    const asset = (await h().request({ method: 'GET', url: `/api/assets/${f.asset.id}`, cookie: f.agent.cookie })).json();
    expect(asset.firmwareVersion).toBe('iBMC 3.05');
    const history = (await h().request({ method: 'GET', url: `/api/assets/${f.asset.id}/history`, cookie: f.agent.cookie })).json().items as { field: string; newValue: string; source: string }[];
    expect(history).toContainEqual(expect.objectContaining({ field: 'firmware_version', newValue: 'iBMC 3.05', source: 'repair' }));

    const question = (await h().request({ method: 'POST', url: '/api/tickets', cookie: f.agent.cookie, payload: { kind: 'consultation', title: '咨询', customerId: f.customer.id } })).json();
    const notFault = await h().request({ method: 'PUT', url: `/api/tickets/${question.id}/resolution`, cookie: f.engineer.cookie, payload: { method: 'repair', details: 'x', restoredAt: h().clock.now() } });
    expect(notFault.json().error.code).toBe('field_service_not_applicable');
  });

  it('refuses to close a fault while a visit has neither a signed form nor a reason, and closes it with a reason', async () => {
    const f = await faultOnSite(h());
    expect((await step(h(), f.visit.id, f.engineer, 'leave')).json()).toMatchObject({ state: 'done' });
    await h().request({ method: 'PUT', url: `/api/tickets/${f.ticket.id}/resolution`, cookie: f.engineer.cookie, payload: { method: 'part_replaced', details: '更换硬盘', restoredAt: h().clock.now() } });
    const refused = await transition(h(), f.ticket.id, f.agent, 'closed');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'service_forms_missing', details: { dispatches: [f.visit.number] } });
    expect((await ticketOf(h(), f.agent.cookie, f.ticket.id)).status).toBe('restored');

    // Only the engineers on the visit (or a dispatcher) record why there is no form.
    const other = await h().user(['engineer']);
    expect((await h().request({ method: 'PATCH', url: `/api/dispatches/${f.visit.id}`, cookie: other.cookie, payload: { noFormReason: 'x' } })).statusCode).toBe(403);
    await h().request({ method: 'PATCH', url: `/api/dispatches/${f.visit.id}`, cookie: f.engineer.cookie, payload: { noFormReason: '客户技术人员不在现场,次日补签' } });
    expect((await transition(h(), f.ticket.id, f.agent, 'closed')).statusCode).toBe(200);
  });

  it('lists the engineer’s jobs and the asset’s repair records with counts', async () => {
    const f = await faultOnSite(h());
    const second = await dispatch(h(), f.ticket.id, f.dispatcher, [f.engineer]);
    const mine = (await h().request({ method: 'GET', url: '/api/dispatches/mine', cookie: f.engineer.cookie })).json().items as { id: number }[];
    expect(mine.map((d) => d.id)).toEqual([f.visit.id, second.id]);
    expect((await h().request({ method: 'GET', url: '/api/dispatches/mine?scope=today', cookie: f.engineer.cookie })).json().items.length).toBeGreaterThanOrEqual(1);
    expect((await h().request({ method: 'GET', url: '/api/dispatches/mine', cookie: f.dispatcher.cookie })).json().items).toEqual([]);

    const repairs = (await h().request({ method: 'GET', url: `/api/assets/${f.asset.id}/repairs`, cookie: f.agent.cookie })).json();
    expect(repairs.counts).toMatchObject({ tickets: 1, visits: 2, signedForms: 0 });
    expect(repairs.items[0]).toMatchObject({ ticketId: f.ticket.id, visits: [{ id: f.visit.id, state: 'on_site', engineers: ['张伟'] }, { id: second.id }] });
    const stranger = await h().customerWithContact();
    expect((await h().request({ method: 'GET', url: `/api/assets/${f.asset.id}/repairs`, cookie: stranger.contact.cookie })).statusCode).toBe(404);
  });
});

// The test photo: a PNG's bytes (the signature helper's image will do).
const SIGNATURE_PNG = SIGNATURE.split(',')[1]!;
