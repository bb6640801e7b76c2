import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.js';
import { useHarness } from '../../test/harness.js';

const MIN = 60_000;

describeEachEngine('test clock', (db) => {
  const h = useHarness(db, { WEIBAO_TEST_CLOCK: '1' });
  const plain = useHarness(db);

  it('moves time forward for a manager and sweeps at once: the owner hears of the breach', async () => {
    const manager = await h().user(['manager']);
    const owner = await h().user(['engineer']);
    const agent = await h().user(['agent']);
    const { customer } = await h().customerFile();
    const ticket = (await h().request({ method: 'POST', url: '/api/tickets', cookie: agent.cookie, payload: { kind: 'fault', title: '核心交换机宕机', customerId: customer.id, ownerId: owner.user.id } })).json();

    expect((await h().request({ method: 'POST', url: '/api/test/clock', cookie: agent.cookie, payload: { advanceMs: MIN } })).statusCode).toBe(403);
    expect((await h().request({ method: 'POST', url: '/api/test/clock', cookie: manager.cookie, payload: { advanceMs: -1 } })).statusCode).toBe(400);
    const before = h().clock.now();
    const moved = await h().request({ method: 'POST', url: '/api/test/clock', cookie: manager.cookie, payload: { advanceMs: 31 * MIN } });
    expect(moved.json().now).toBe(before + 31 * MIN);

    const clocks = (await h().request({ method: 'GET', url: `/api/tickets/${ticket.id}/clocks`, cookie: owner.cookie })).json().items;
    expect(clocks.find((c: { kind: string }) => c.kind === 'response').state).toBe('breached');
    const cookie = await h().signIn(owner.user.username, owner.password);
    const notes = (await h().request({ method: 'GET', url: '/api/notifications', cookie })).json().items;
    expect(notes).toContainEqual(expect.objectContaining({ ticketId: ticket.id, clockKind: 'response', kind: 'breach' }));
  });

  it('does not exist unless WEIBAO_TEST_CLOCK is on', async () => {
    const manager = await plain().user(['manager']);
    expect((await plain().request({ method: 'POST', url: '/api/test/clock', cookie: manager.cookie, payload: { advanceMs: MIN } })).statusCode).toBe(404);
  });
});
