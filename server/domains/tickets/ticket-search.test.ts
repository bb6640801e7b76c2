import { expect, it } from 'vitest';
import { queryTerms } from '../../shared/cjk-tokens.js';
import { describeEachEngine } from '../../test/engines.js';
import { unique, useHarness } from '../../test/harness.js';
import { searchTicketIds } from './ticket.repository.js';

/**
 * The archive's search reads newest first and stops after a page (see searchTicketIds). These
 * tests hold it to the plain definition: every ticket with a matching document, newest first,
 * each once — across pages, for tickets with several matching documents, and (on PostgreSQL)
 * whichever of its two paths answers.
 */
describeEachEngine('fault archive search order', (db, engine) => {
  const h = useHarness(db);

  it('pages through every matching ticket newest first, each once, however the page is found', async () => {
    const agent = await h().user(['agent']);
    const { customer } = await h().customerFile();
    const tag = unique('tag').replace(/[^a-z0-9]/gi, '');
    const ids: number[] = [];
    for (let i = 0; i < 14; i++) {
      // Every third ticket does not match; every second matching one also matches by its replies.
      const title = i % 3 === 2 ? `电源告警 ${tag}` : `机房漏水 ${tag}`;
      const ticket = (await h().request({ method: 'POST', url: '/api/tickets', cookie: agent.cookie, payload: { kind: 'fault', title, customerId: customer.id } })).json();
      ids.push(ticket.id);
      if (i % 2 === 0 && i % 3 !== 2) {
        for (const body of ['漏水点在空调下方', '漏水已止住']) {
          await h().request({ method: 'POST', url: `/api/tickets/${ticket.id}/replies`, cookie: agent.cookie, payload: { body: `${body} ${tag}` } });
        }
      }
    }
    const expected = ids.filter((_, i) => i % 3 !== 2).reverse();
    const terms = queryTerms(`漏水 ${tag}`);

    for (const recentWindow of engine === 'postgres' ? [2, 5, 1000] : [undefined]) {
      for (const limit of [1, 3, 50]) {
        const seen: number[] = [];
        let beforeId: number | undefined;
        for (let page = 0; page < 20; page++) {
          const got = await searchTicketIds(h().database.db, engine, terms, { customerId: null, includeInternal: true, beforeId, limit, recentWindow });
          seen.push(...got);
          if (got.length < limit) break;
          beforeId = got[got.length - 1];
        }
        expect(seen, `limit ${limit}, window ${recentWindow}`).toEqual(expected);
      }
    }
  });
});
