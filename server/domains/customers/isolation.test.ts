import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.js';
import { useHarness, type Harness } from '../../test/harness.js';

type File = Awaited<ReturnType<Harness['customerFile']>>;

/**
 * A customer contact reads only their own organisation's records, through every endpoint, list
 * and export (R18, DESIGN.md): another customer's record answers exactly like a missing one.
 */
describeEachEngine('customer isolation across the records', (db) => {
  const h = useHarness(db);

  const byId = (f: File) => [
    `/api/customers/${f.customer.id}`,
    `/api/contacts/${f.person.id}`,
    `/api/sites/${f.site.id}`,
    `/api/contracts/${f.contract.id}`,
    `/api/assets/${f.asset.id}`,
    `/api/assets/${f.asset.id}/history`,
  ];

  it('lets a contact read their own records by id', async () => {
    const a = await h().customerFile();
    for (const url of byId(a)) {
      expect((await h().request({ method: 'GET', url, cookie: a.contact.cookie })).statusCode, url).toBe(200);
    }
  });

  it('answers "not found" for another customer’s records by id, exactly as for missing ones', async () => {
    const a = await h().customerFile();
    const b = await h().customerFile();
    const missing = { customers: 987654321, contacts: 987654321, sites: 987654321, contracts: 987654321, assets: 987654321 };
    for (const url of byId(b)) {
      const foreign = await h().request({ method: 'GET', url, cookie: a.contact.cookie });
      expect(foreign.statusCode, url).toBe(404);
      const ghostUrl = url.replace(/\/(\d+)(\/|$)/, `/${missing.assets}$2`);
      const ghost = await h().request({ method: 'GET', url: ghostUrl, cookie: a.contact.cookie });
      expect(foreign.json(), url).toEqual(ghost.json());
    }
  });

  it('finds nothing of another customer by serial number, exact or prefix', async () => {
    const a = await h().customerFile();
    const b = await h().customerFile();
    const exact = await h().request({ method: 'GET', url: `/api/assets/lookup?serial=${b.asset.serialNumber}`, cookie: a.contact.cookie });
    expect(exact.json().items).toEqual([]);
    const prefix = await h().request({ method: 'GET', url: `/api/assets/lookup?prefix=${b.asset.serialNumber.slice(0, 6)}`, cookie: a.contact.cookie });
    expect(prefix.json().items.every((e: { customer: { id: number } }) => e.customer.id === a.customer.id)).toBe(true);
    const own = await h().request({ method: 'GET', url: `/api/assets/lookup?serial=${a.asset.serialNumber}`, cookie: a.contact.cookie });
    expect(own.json().items).toHaveLength(1);
  });

  it('lists only the contact’s own records, even when asking for another customer by filter', async () => {
    const a = await h().customerFile();
    const b = await h().customerFile();
    const lists = ['/api/customers', '/api/contacts', '/api/sites', '/api/contracts', '/api/assets'];
    for (const list of lists) {
      const all = (await h().request({ method: 'GET', url: `${list}?limit=200`, cookie: a.contact.cookie })).json().items;
      expect(all.length, list).toBeGreaterThan(0);
      for (const row of all) expect(row.customerId ?? row.id, list).toBe(a.customer.id);
      if (list !== '/api/customers') {
        const asked = (await h().request({ method: 'GET', url: `${list}?customerId=${b.customer.id}`, cookie: a.contact.cookie })).json().items;
        expect(asked, list).toEqual([]);
      }
    }
    const bySerial = (await h().request({ method: 'GET', url: `/api/assets?serial=${b.asset.serialNumber}`, cookie: a.contact.cookie })).json().items;
    expect(bySerial).toEqual([]);
  });

  it('exports only the contact’s own records', async () => {
    const a = await h().customerFile();
    const b = await h().customerFile();
    for (const url of ['/api/customers/export', '/api/contacts/export', '/api/contracts/export', '/api/assets/export']) {
      const res = await h().request({ method: 'GET', url: `${url}?format=csv`, cookie: a.contact.cookie });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toContain(b.customer.name);
      expect(res.body, url).not.toContain(b.asset.serialNumber);
      expect(res.body, url).not.toContain(b.contract.number);
    }
    const assets = await h().request({ method: 'GET', url: '/api/assets/export?format=csv', cookie: a.contact.cookie });
    expect(assets.body).toContain(a.asset.serialNumber);
    const foreign = await h().request({ method: 'GET', url: `/api/assets/export?format=csv&customerId=${b.customer.id}`, cookie: a.contact.cookie });
    expect(foreign.body.split('\r\n').filter(Boolean)).toHaveLength(1);
  });

  it('refuses every write to a customer contact, changing nothing', async () => {
    const a = await h().customerFile();
    const cookie = a.contact.cookie;
    const writes = [
      { method: 'POST', url: '/api/customers', payload: { code: 'ZZ1', name: 'x' } },
      { method: 'PATCH', url: `/api/customers/${a.customer.id}`, payload: { name: 'hijacked' } },
      { method: 'POST', url: '/api/contacts', payload: { customerId: a.customer.id, name: 'x' } },
      { method: 'PATCH', url: `/api/contacts/${a.person.id}`, payload: { name: 'x' } },
      { method: 'DELETE', url: `/api/contacts/${a.person.id}` },
      { method: 'POST', url: `/api/contacts/${a.person.id}/portal-account`, payload: { username: 'sneaky' } },
      { method: 'POST', url: '/api/sites', payload: { customerId: a.customer.id, name: 'x' } },
      { method: 'PATCH', url: `/api/sites/${a.site.id}`, payload: { name: 'x' } },
      { method: 'DELETE', url: `/api/sites/${a.site.id}` },
      { method: 'POST', url: '/api/contracts', payload: { customerId: a.customer.id, number: 'X', name: 'x', serviceStart: '2026-01-01', serviceEnd: '2026-12-31' } },
      { method: 'PATCH', url: `/api/contracts/${a.contract.id}`, payload: { name: 'x' } },
      { method: 'POST', url: '/api/assets', payload: { customerId: a.customer.id, serialNumber: 'X', vendor: 'x', model: 'x', category: 'server' } },
      { method: 'PATCH', url: `/api/assets/${a.asset.id}`, payload: { firmwareVersion: 'x' } },
    ] as const;
    for (const write of writes) {
      const res = await h().request({ ...write, cookie });
      expect(res.statusCode, `${write.method} ${write.url}`).toBe(403);
    }
    const customer = (await h().request({ method: 'GET', url: `/api/customers/${a.customer.id}`, cookie })).json();
    expect(customer.name).toBe(a.customer.name);
    expect(customer.counts).toEqual({ contacts: 1, sites: 1, contracts: 1, assets: 1 });
  });
});
