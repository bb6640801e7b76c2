import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.js';
import { unique, useHarness } from '../../test/harness.js';

describeEachEngine('customer isolation', (db) => {
  const h = useHarness(db);

  it('shows a customer contact only their own organisation, in lists and by id', async () => {
    const a = await h().customerWithContact();
    const b = await h().customerWithContact();
    const list = await h().request({ method: 'GET', url: '/api/customers?limit=200', cookie: a.contact.cookie });
    expect(list.json().items.map((c: { id: number }) => c.id)).toEqual([a.customer.id]);
    const searched = await h().request({ method: 'GET', url: `/api/customers?q=${b.customer.code}`, cookie: a.contact.cookie });
    expect(searched.json().items).toEqual([]);

    const own = await h().request({ method: 'GET', url: `/api/customers/${a.customer.id}`, cookie: a.contact.cookie });
    expect(own.statusCode).toBe(200);
    const foreign = await h().request({ method: 'GET', url: `/api/customers/${b.customer.id}`, cookie: a.contact.cookie });
    const missing = await h().request({ method: 'GET', url: '/api/customers/987654321', cookie: a.contact.cookie });
    // Another customer's record answers exactly like one that does not exist.
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toEqual(missing.json());
  });

  it('refuses a contact creating customers, and a duplicate code for staff', async () => {
    const a = await h().customerWithContact();
    expect((await h().request({ method: 'POST', url: '/api/customers', cookie: a.contact.cookie, payload: { code: unique('X'), name: 'x' } })).statusCode).toBe(403);
    const manager = await h().user(['manager']);
    const dup = await h().request({ method: 'POST', url: '/api/customers', cookie: manager.cookie, payload: { code: a.customer.code.toLowerCase(), name: 'again' } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('customer_code_taken');
  });
});
