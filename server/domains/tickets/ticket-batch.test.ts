import { expect, it } from 'vitest';
import type { TicketRow } from '../../db/schema.js';
import { describeEachEngine } from '../../test/engines.js';
import { writeNewTicket } from './ticket-batch.js';
import * as repo from './ticket.repository.js';

// PostgreSQL writes new tickets in batches (ticket-batch.ts); SQLite in group commits on its writer
// thread (db/group-commit.ts, tested there).
describeEachEngine('new tickets written in batches', (get, engine) => {
  if (engine !== 'postgres') {
    it('is PostgreSQL’s path', () => expect(engine).toBe('sqlite'));
    return;
  }

  let customerId = 0;
  const now = Date.UTC(2026, 10, 24, 2);

  function ticket(id: number, number: string, customer = customerId): TicketRow {
    return {
      id, number, kind: 'fault', channel: 'phone', grade: 'general', non_stopping: 0, cause_unknown: 0, status: 'new', title: number, description: '',
      debug_info: '', customer_id: customer, contact_id: null, caller_name: '', caller_phone: '', asset_id: null, contract_id: null, team_id: null,
      owner_id: null, parent_id: null, investigation: '', answer: '', created_by_user_id: null, created_at: now, updated_at: now, last_activity_at: now,
      closed_at: null, is_open: 1,
    };
  }

  /** A new ticket of `key` whose rows are the ticket and its `created` entry; `customer` may point nowhere. */
  function write(key: string, customer?: number) {
    return writeNewTicket(get().db, {
      key,
      async build(sequence, id) {
        const row = ticket(id, `${key}-${String(sequence).padStart(4, '0')}`, customer);
        const event = repo.insertEventQuery({ ticket_id: id, customer_id: row.customer_id, at: now, type: 'created', internal: 0, actor_user_id: null, actor_name: 'test', body: '', data_json: '{}' });
        return { statements: [repo.insertTicketQuery(row), event], result: row };
      },
    });
  }

  it('numbers concurrent tickets of several days and kinds without a gap or a repeat, with all their rows', async () => {
    const [customer] = await get().db.insertInto('customers').values({ code: 'BATCH-1', name: '批量客户', industry: '', address: '', phone: '', notes: '', created_at: now, updated_at: now }).returning('id').execute();
    customerId = customer!.id;
    const keys = Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? 'ZX-20261124' : 'GZ-20261124'));
    const rows = await Promise.all(keys.map((key) => write(key)));
    const numbers = rows.map((r) => r.number);
    expect(new Set(numbers).size).toBe(30);
    expect(numbers.filter((n) => n.startsWith('ZX-')).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `ZX-20261124-${String(i + 1).padStart(4, '0')}`));
    expect(numbers.filter((n) => n.startsWith('GZ-')).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `GZ-20261124-${String(i + 1).padStart(4, '0')}`));
    const stored = await get().db.selectFrom('tickets').select(['id', 'number']).where('customer_id', '=', customerId).execute();
    expect(new Map(stored.map((s) => [s.id, s.number]))).toEqual(new Map(rows.map((r) => [r.id, r.number])));
    const events = await get().db.selectFrom('ticket_events').select('ticket_id').where('customer_id', '=', customerId).execute();
    expect(events.map((e) => e.ticket_id).sort()).toEqual(rows.map((r) => r.id).sort());
  });

  it('fails only the ticket whose rows cannot be written; the others of its batch are committed', async () => {
    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => write('FW-20261124', i === 5 ? 987_654_321 : undefined)));
    expect(results.map((r) => r.status)).toEqual(Array.from({ length: 8 }, (_, i) => (i === 5 ? 'rejected' : 'fulfilled')));
    expect(String((results[5] as PromiseRejectedResult).reason)).toMatch(/foreign key/);
    const stored = (await get().db.selectFrom('tickets').select('number').where('number', 'like', 'FW-20261124-%').execute()).map((r) => r.number);
    expect(stored).toHaveLength(7);
    // The failed ticket's number is a gap; no number is used twice.
    const failedNumber = `FW-20261124-${String(6).padStart(4, '0')}`;
    expect(stored).not.toContain(failedNumber);
    expect(await get().db.selectFrom('ticket_events').select('id').where('customer_id', '=', 987_654_321).execute()).toEqual([]);
  });

  it('fails only the ticket whose rows could not be built', async () => {
    const results = await Promise.allSettled(
      ['SJ-20261124', 'SJ-20261124', 'SJ-20261124'].map((key, i) =>
        i === 1
          ? writeNewTicket(get().db, {
              key,
              build: () => Promise.reject(new Error('no clock settings')),
            })
          : write(key),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
