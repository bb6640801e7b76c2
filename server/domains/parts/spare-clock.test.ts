import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.js';
import { useHarness, type Harness, type SignedInUser } from '../../test/harness.js';
import { createPart, createStore, receive } from '../../test/parts.js';

const HOUR = 3_600_000;

async function clocks(h: Harness, who: SignedInUser, ticketId: number): Promise<Record<string, { targetMs: number; state: string; deadline: number | null }>> {
  const res = await h.request({ method: 'GET', url: `/api/tickets/${ticketId}/clocks`, cookie: who.cookie });
  expect(res.statusCode, res.body).toBe(200);
  return Object.fromEntries((res.json().items as { kind: string; targetMs: number; state: string; deadline: number | null }[]).map((c) => [c.kind, c]));
}

async function openFault(h: Harness, agent: SignedInUser, customerId: number, assetId?: number) {
  const res = await h.request({ method: 'POST', url: '/api/tickets', cookie: agent.cookie, payload: { kind: 'fault', grade: 'general', title: '硬盘故障灯亮', customerId, ...(assetId && { assetId }) } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number };
}

/**
 * R4 (为本项目提供现场备件,确保发生硬件故障后四小时能恢复使用): a fault opened on a device whose
 * model has an available spare in one of its customer's site or project stores runs the 4-hour
 * hardware clock, even when the contract itself does not promise spares on site.
 */
describeEachEngine('the 4-hour hardware clock from spares on site', (db) => {
  const h = useHarness(db);

  it('gives a fault on a device with a spare for its model on the customer’s site the 4-hour hardware clock, and keeps it', async () => {
    const keeper = await h().user(['storekeeper']);
    const agent = await h().user(['agent']);
    const file = await h().customerFile();
    const disk = await createPart(h(), keeper, { models: [file.asset.model] });
    const onSite = await createStore(h(), keeper, { kind: 'site', siteId: file.site.id });
    await receive(h(), keeper, onSite.id, disk.id, 1);

    const opened = h().clock.now();
    const ticket = await openFault(h(), agent, file.customer.id, file.asset.id);
    let c = await clocks(h(), agent, ticket.id);
    expect(c.hardware_restore).toMatchObject({ targetMs: 4 * HOUR, state: 'running', deadline: opened + 4 * HOUR });
    const events = (await h().request({ method: 'GET', url: `/api/tickets/${ticket.id}/events`, cookie: agent.cookie })).json().items as { type: string; internal: boolean; data: Record<string, unknown> }[];
    expect(events.find((e) => e.type === 'spare_on_site')).toMatchObject({ internal: true, data: { value: true, partId: disk.id, storeId: onSite.id } });
    const seen = (await h().request({ method: 'GET', url: `/api/tickets/${ticket.id}/events`, cookie: file.contact.cookie })).json().items as { type: string }[];
    expect(seen.map((e) => e.type)).not.toContain('spare_on_site');

    // Later events recompute the clocks from the stored ones: the hardware clock stays.
    h().clock.advance(10 * 60_000);
    await h().request({ method: 'POST', url: `/api/tickets/${ticket.id}/replies`, cookie: agent.cookie, payload: { body: '已收到,备件在现场,工程师出发。' } });
    c = await clocks(h(), agent, ticket.id);
    expect(c.response).toMatchObject({ state: 'met' });
    expect(c.hardware_restore).toMatchObject({ state: 'running', deadline: opened + 4 * HOUR });
  });

  it('gives no hardware clock without a spare on the customer’s site, or to a fault on no device', async () => {
    const keeper = await h().user(['storekeeper']);
    const agent = await h().user(['agent']);
    const file = await h().customerFile();
    // A spare in the central warehouse, or one on site for another model, is not a spare on site.
    const disk = await createPart(h(), keeper, { models: [file.asset.model] });
    const central = await createStore(h(), keeper);
    await receive(h(), keeper, central.id, disk.id, 5);
    const other = await createPart(h(), keeper, { models: ['OceanStor 5500 V5'] });
    const onSite = await createStore(h(), keeper, { kind: 'site', siteId: file.site.id });
    await receive(h(), keeper, onSite.id, other.id, 2);

    expect((await clocks(h(), agent, (await openFault(h(), agent, file.customer.id, file.asset.id)).id)).hardware_restore).toBeUndefined();
    await receive(h(), keeper, onSite.id, disk.id, 1);
    expect((await clocks(h(), agent, (await openFault(h(), agent, file.customer.id)).id)).hardware_restore).toBeUndefined();
    const elsewhere = await h().customerFile();
    expect((await clocks(h(), agent, (await openFault(h(), agent, elsewhere.customer.id, elsewhere.asset.id)).id)).hardware_restore).toBeUndefined();
    expect((await clocks(h(), agent, (await openFault(h(), agent, file.customer.id, file.asset.id)).id)).hardware_restore).toMatchObject({ targetMs: 4 * HOUR });
  });
});
