import { expect, it } from 'vitest';
import path from 'node:path';
import { openDatabase, type Database } from '../../db/database.js';
import { createLiveHub, type TicketSignal } from '../../http/live.js';
import { describeEachEngine } from '../../test/engines.js';
import { Harness } from '../../test/harness.js';

/** Two app instances on one database, as behind a load balancer. */
describeEachEngine('several instances', (db, engine, testDb) => {
  function secondDatabase(): Database {
    const env = testDb().env;
    return engine === 'postgres'
      ? openDatabase({ engine: 'postgres', url: env.DATABASE_URL!, poolSize: 5 })
      : openDatabase({ engine: 'sqlite', file: path.join(env.DATA_DIR!, 'weibao.sqlite') });
  }

  it('never hands out the same ticket number twice when two instances create tickets at once', async () => {
    const one = new Harness(db());
    const otherDb = secondDatabase();
    const two = new Harness(otherDb);
    await one.start();
    await two.start();
    try {
      const agent = await one.user(['agent']);
      const { customer } = await one.customerFile();
      const create = (h: Harness, i: number) =>
        h.request({ method: 'POST', url: '/api/tickets', cookie: agent.cookie, payload: { kind: 'fault', title: `并发 ${i}`, customerId: customer.id } });
      const responses = await Promise.all(Array.from({ length: 40 }, (_, i) => create(i % 2 ? one : two, i)));
      expect(responses.map((r) => r.statusCode)).toEqual(Array(40).fill(201));
      const numbers = responses.map((r) => r.json().number as string);
      expect(new Set(numbers).size).toBe(40);
    } finally {
      await two.close();
      await one.close();
      await otherDb.close();
    }
  });

  it('delivers a ticket signal published on one instance to listeners on the other', async () => {
    const otherDb = secondDatabase();
    const a = createLiveHub(db());
    const b = createLiveHub(otherDb);
    try {
      const heard = new Promise<TicketSignal>((resolve) => b.subscribe(resolve));
      const signal: TicketSignal = { id: 1, number: 'GZ-20261124-0001', customerId: 1, action: 'created' };
      if (engine === 'postgres') {
        // LISTEN needs a moment to be established on a fresh connection.
        await new Promise((r) => setTimeout(r, 300));
        a.publish(signal);
        await expect(heard).resolves.toEqual(signal);
      } else {
        // SQLite runs as one process: a signal stays in the instance that published it.
        b.publish(signal);
        await expect(heard).resolves.toEqual(signal);
      }
    } finally {
      await a.close();
      await b.close();
      await otherDb.close();
    }
  });
});

describeEachEngine('live ticket stream', (db) => {
  it('streams a created ticket to a signed-in agent as a server-sent event, and not to another customer', async () => {
    const h = new Harness(db());
    await h.start();
    const address = await h.app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const agent = await h.user(['agent']);
      const a = await h.customerFile();
      const b = await h.customerFile();
      const open = async (cookie: string) => {
        const controller = new AbortController();
        const res = await fetch(`${address}/api/tickets/stream`, { headers: { cookie }, signal: controller.signal });
        expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
        const reader = res.body!.getReader();
        let text = '';
        const until = async (pattern: RegExp, ms = 3000) => {
          const deadline = Date.now() + ms;
          while (!pattern.test(text) && Date.now() < deadline) {
            const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), 200))]);
            if (chunk && chunk.value) text += new TextDecoder().decode(chunk.value);
          }
          return pattern.test(text);
        };
        return { until, close: () => controller.abort(), text: () => text };
      };
      const staff = await open(agent.cookie);
      const outsider = await open(a.contact.cookie);
      await staff.until(/connected/);
      await outsider.until(/connected/);
      if (h.database.engine === 'postgres') await new Promise((r) => setTimeout(r, 300));
      const ticket = (await h.request({ method: 'POST', url: '/api/tickets', cookie: agent.cookie, payload: { kind: 'fault', title: '实时', customerId: b.customer.id } })).json();
      expect(await staff.until(new RegExp(`"number":"${ticket.number}"`))).toBe(true);
      expect(staff.text()).toContain('event: ticket');
      expect(await outsider.until(new RegExp(ticket.number), 800)).toBe(false);
      staff.close();
      outsider.close();
    } finally {
      await h.close();
    }
  });
});
