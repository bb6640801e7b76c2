import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.js';
import { dispatch, openFault, step } from '../../test/field.js';
import { unique, useHarness, type Harness, type SignedInUser } from '../../test/harness.js';
import { createPart, level, receive, stocked } from '../../test/parts.js';

function reserve(h: Harness, who: SignedInUser, dispatchId: number, payload: Record<string, unknown>) {
  return h.request({ method: 'POST', url: `/api/dispatches/${dispatchId}/parts`, cookie: who.cookie, payload });
}

function move(h: Harness, who: SignedInUser, dispatchId: number, payload: Record<string, unknown>) {
  return h.request({ method: 'POST', url: `/api/dispatches/${dispatchId}/parts/movements`, cookie: who.cookie, payload });
}

/** The parts a visit brings (R7, R8; issue 7 item 4), through HTTP on both engines. */
describeEachEngine('dispatch parts', (db) => {
  const h = useHarness(db);

  it('lets only one of two dispatchers reserving the last unit at the same moment have it', async () => {
    const s = await stocked(h(), 1);
    const a = await openFault(h());
    const b = await openFault(h());
    const visitA = await dispatch(h(), a.ticket.id, a.dispatcher, [a.engineer]);
    const visitB = await dispatch(h(), b.ticket.id, b.dispatcher, [b.engineer]);

    const [first, second] = await Promise.all([
      reserve(h(), a.dispatcher, visitA.id, { partId: s.part.id, storeId: s.store.id, qty: 1 }),
      reserve(h(), b.dispatcher, visitB.id, { partId: s.part.id, storeId: s.store.id, qty: 1 }),
    ]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([201, 409]);
    const refused = first.statusCode === 409 ? first : second;
    expect(refused.json().error).toMatchObject({ code: 'stock_insufficient', details: { partNumber: s.part.partNumber, available: 0, requested: 1 } });
    expect(refused.json().error.message).toContain(s.part.partNumber);
    expect(await level(h(), s.keeper, s.store.id, s.part.id)).toMatchObject({ onHand: 1, reserved: 1, available: 0 });
  });

  it('gives exactly the units there are to many concurrent reservations, never going below zero', async () => {
    const s = await stocked(h(), 3);
    const visits = [];
    for (let i = 0; i < 4; i++) {
      const f = await openFault(h());
      visits.push({ f, visit: await dispatch(h(), f.ticket.id, f.dispatcher, [f.engineer]) });
    }
    const results = await Promise.all(
      visits.flatMap(({ f, visit }) => [0, 1].map(() => reserve(h(), f.dispatcher, visit.id, { partId: s.part.id, storeId: s.store.id, qty: 1 }))),
    );
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(3);
    expect(results.filter((r) => r.statusCode === 409).map((r) => r.json().error.code)).toEqual(Array(5).fill('stock_insufficient'));
    expect(await level(h(), s.keeper, s.store.id, s.part.id)).toMatchObject({ onHand: 3, reserved: 3, available: 0 });
  });

  it('lets the engineer on the visit take out what was reserved for it, and no one else', async () => {
    const s = await stocked(h(), 2);
    const f = await openFault(h());
    const visit = await dispatch(h(), f.ticket.id, f.dispatcher, [f.engineer]);
    const at = { partId: s.part.id, storeId: s.store.id };
    expect((await reserve(h(), f.dispatcher, visit.id, { ...at, qty: 1 })).statusCode).toBe(201);
    const stranger = await h().user(['engineer']);
    expect((await move(h(), stranger, visit.id, { kind: 'issue', ...at, qty: 1 })).json().error.code).toBe('not_your_dispatch');
    // Only what this visit reserved: the second unit in the store is not the engineer's to take.
    expect((await move(h(), f.engineer, visit.id, { kind: 'issue', ...at, qty: 2 })).json().error.code).toBe('stock_insufficient');
    expect((await move(h(), f.engineer, visit.id, { kind: 'issue', ...at, qty: 1 })).statusCode).toBe(200);
    expect(await level(h(), s.keeper, s.store.id, s.part.id)).toMatchObject({ onHand: 1, reserved: 0, available: 1 });
  });

  it('reserves, issues, uses, brings back unused and faulty parts, with the level following each step', async () => {
    const s = await stocked(h(), 4);
    const f = await openFault(h());
    const visit = await dispatch(h(), f.ticket.id, f.dispatcher, [f.engineer]);
    const at = { partId: s.part.id, storeId: s.store.id };

    expect((await reserve(h(), f.dispatcher, visit.id, { ...at, qty: 3 })).statusCode).toBe(201);
    expect((await move(h(), f.dispatcher, visit.id, { kind: 'unreserve', ...at, qty: 1 })).statusCode).toBe(200);
    // Handing parts out is the storekeeper's; more than this visit reserved is refused.
    expect((await move(h(), f.dispatcher, visit.id, { kind: 'issue', ...at, qty: 2 })).statusCode).toBe(403);
    const tooMany = await move(h(), s.keeper, visit.id, { kind: 'issue', ...at, qty: 3 });
    expect(tooMany.statusCode).toBe(409);
    expect(tooMany.json().error).toMatchObject({ code: 'stock_insufficient', details: { available: 2, requested: 3, bucket: 'reserved' } });
    expect((await move(h(), s.keeper, visit.id, { kind: 'issue', ...at, qty: 2 })).statusCode).toBe(200);
    expect(await level(h(), s.keeper, s.store.id, s.part.id)).toMatchObject({ onHand: 2, reserved: 0, available: 2 });

    // Use is recorded on site, by the engineer on the visit.
    const early = await move(h(), f.engineer, visit.id, { kind: 'use', ...at, qty: 1 });
    expect(early.json().error).toMatchObject({ code: 'dispatch_invalid_step', details: { state: 'planned', step: 'use' } });
    expect((await step(h(), visit.id, f.engineer, 'arrive')).statusCode).toBe(200);
    const stranger = await h().user(['engineer']);
    expect((await move(h(), stranger, visit.id, { kind: 'use', ...at, qty: 1 })).json().error.code).toBe('not_your_dispatch');
    expect((await move(h(), f.engineer, visit.id, { kind: 'use', ...at, qty: 1 })).statusCode).toBe(200);
    expect((await move(h(), f.engineer, visit.id, { kind: 'return_unused', ...at, qty: 2 })).json().error.code).toBe('stock_insufficient');
    expect((await move(h(), f.engineer, visit.id, { kind: 'return_unused', ...at, qty: 1 })).statusCode).toBe(200);
    const back = await move(h(), f.engineer, visit.id, { kind: 'return_faulty', ...at, qty: 1, reason: '7号盘介质错误' });
    expect(back.statusCode, back.body).toBe(200);

    expect(back.json().items).toEqual([
      expect.objectContaining({ partId: s.part.id, storeId: s.store.id, reserved: 0, issued: 0, used: 1, returnedUnused: 1, returnedFaulty: 1 }),
    ]);
    expect(await level(h(), s.keeper, s.store.id, s.part.id)).toMatchObject({ onHand: 3, reserved: 0, faulty: 1, available: 3 });
    const ledger = (await h().request({ method: 'GET', url: `/api/stock/movements?dispatchId=${visit.id}`, cookie: s.keeper.cookie })).json().items as { kind: string; ticketId: number | null }[];
    expect(ledger.map((e) => e.kind)).toEqual(['return_faulty', 'return_unused', 'use', 'issue', 'unreserve', 'reserve']);
    expect(ledger.find((e) => e.kind === 'use')?.ticketId).toBe(f.ticket.id);
  });

  it('reserves a named serial of a serial-tracked part and follows that unit', async () => {
    const s = await stocked(h(), 3, { serialTracked: true });
    const f = await openFault(h());
    const visit = await dispatch(h(), f.ticket.id, f.dispatcher, [f.engineer]);
    const at = { partId: s.part.id, storeId: s.store.id };
    const wanted = s.serials[1]!;

    const wrongCount = await reserve(h(), f.dispatcher, visit.id, { ...at, qty: 2, serials: [wanted] });
    expect(wrongCount.json().error.code).toBe('stock_movement_invalid');
    const unknown = await reserve(h(), f.dispatcher, visit.id, { ...at, qty: 1, serials: ['NOPE-1'] });
    expect(unknown.json().error).toMatchObject({ code: 'stock_units_unavailable' });
    const res = await reserve(h(), f.dispatcher, visit.id, { ...at, qty: 1, serials: [wanted] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().items[0]).toMatchObject({ reserved: 1, units: [{ serial: wanted, state: 'reserved' }] });
    // The same unit cannot be reserved twice; another one can.
    const other = await openFault(h());
    const visit2 = await dispatch(h(), other.ticket.id, other.dispatcher, [other.engineer]);
    expect((await reserve(h(), other.dispatcher, visit2.id, { ...at, qty: 1, serials: [wanted] })).json().error.code).toBe('stock_units_unavailable');
    const picked = await reserve(h(), other.dispatcher, visit2.id, { ...at, qty: 1 });
    expect(picked.json().items[0].units).toEqual([{ serial: s.serials[0], state: 'reserved' }]);

    const units = (await h().request({ method: 'GET', url: `/api/stock/units?partId=${s.part.id}`, cookie: s.keeper.cookie })).json().items as { serial: string; state: string; dispatchId: number | null }[];
    expect(units.map((u) => [u.serial, u.state, u.dispatchId])).toEqual([
      [s.serials[0], 'reserved', visit2.id],
      [wanted, 'reserved', visit.id],
      [s.serials[2], 'in_stock', null],
    ]);
    expect(await level(h(), s.keeper, s.store.id, s.part.id)).toMatchObject({ onHand: 3, reserved: 2, available: 1 });

    // Issued and fitted: the unit is installed on the ticket's device; the failed one comes back faulty.
    await move(h(), s.keeper, visit.id, { kind: 'issue', ...at, qty: 1 });
    await step(h(), visit.id, f.engineer, 'arrive');
    expect((await move(h(), f.engineer, visit.id, { kind: 'use', ...at, qty: 1, serials: [wanted] })).statusCode).toBe(200);
    const failed = unique('OLD').toUpperCase();
    expect((await move(h(), f.engineer, visit.id, { kind: 'return_faulty', ...at, qty: 1 })).json().error.code).toBe('stock_movement_invalid');
    const back = await move(h(), f.engineer, visit.id, { kind: 'return_faulty', ...at, qty: 1, serials: [failed] });
    expect(back.statusCode, back.body).toBe(200);
    const after = (await h().request({ method: 'GET', url: `/api/stock/units?partId=${s.part.id}`, cookie: s.keeper.cookie })).json().items as { serial: string; state: string; ticketId: number | null }[];
    expect(after.find((u) => u.serial === wanted)).toMatchObject({ state: 'installed', ticketId: f.ticket.id });
    expect(after.find((u) => u.serial === failed)).toMatchObject({ state: 'faulty', ticketId: f.ticket.id });
    expect(await level(h(), s.keeper, s.store.id, s.part.id)).toMatchObject({ onHand: 2, reserved: 1, faulty: 1, available: 1 });
  });

  it('releases what a visit reserved when it is cancelled; what the engineer already has stays with them', async () => {
    const bulk = await stocked(h(), 5);
    const tracked = await stocked(h(), 2, { serialTracked: true });
    const f = await openFault(h());
    const visit = await dispatch(h(), f.ticket.id, f.dispatcher, [f.engineer]);
    const b = { partId: bulk.part.id, storeId: bulk.store.id };
    expect((await reserve(h(), f.dispatcher, visit.id, { ...b, qty: 3 })).statusCode).toBe(201);
    expect((await move(h(), bulk.keeper, visit.id, { kind: 'issue', ...b, qty: 1 })).statusCode).toBe(200);
    expect((await reserve(h(), f.dispatcher, visit.id, { partId: tracked.part.id, storeId: tracked.store.id, qty: 1, serials: [tracked.serials[1]] })).statusCode).toBe(201);

    const res = await step(h(), visit.id, f.dispatcher, 'cancel', '客户改期');
    expect(res.statusCode, res.body).toBe(200);
    expect(await level(h(), bulk.keeper, bulk.store.id, bulk.part.id)).toMatchObject({ onHand: 4, reserved: 0, available: 4 });
    expect(await level(h(), tracked.keeper, tracked.store.id, tracked.part.id)).toMatchObject({ onHand: 2, reserved: 0, available: 2 });
    const lines = (await h().request({ method: 'GET', url: `/api/dispatches/${visit.id}/parts`, cookie: f.dispatcher.cookie })).json().items as { partId: number; reserved: number; issued: number; units: { serial: string; state: string }[] }[];
    expect(lines.find((l) => l.partId === bulk.part.id)).toMatchObject({ reserved: 0, issued: 1 });
    expect(lines.find((l) => l.partId === tracked.part.id)).toMatchObject({ reserved: 0, units: [] });
    const units = (await h().request({ method: 'GET', url: `/api/stock/units?partId=${tracked.part.id}`, cookie: tracked.keeper.cookie })).json().items as { serial: string; state: string; dispatchId: number | null }[];
    expect(units.map((u) => [u.serial, u.state, u.dispatchId])).toEqual([
      [tracked.serials[0], 'in_stock', null],
      [tracked.serials[1], 'in_stock', null],
    ]);
    const ledger = (await h().request({ method: 'GET', url: `/api/stock/movements?dispatchId=${visit.id}`, cookie: bulk.keeper.cookie })).json().items as { kind: string; qty: number; reason: string }[];
    expect(ledger.filter((e) => e.kind === 'unreserve').map((e) => [e.qty, e.reason]).sort()).toEqual([
      [1, '客户改期'],
      [2, '客户改期'],
    ]);
    // The engineer brings back what they were handed.
    expect((await move(h(), f.engineer, visit.id, { kind: 'return_unused', ...b, qty: 1 })).statusCode).toBe(200);
    expect(await level(h(), bulk.keeper, bulk.store.id, bulk.part.id)).toMatchObject({ onHand: 5, reserved: 0 });
  });

  it('refuses reservations on finished visits, of inactive parts, and by people who may not, changing nothing', async () => {
    const s = await stocked(h(), 2);
    const f = await openFault(h());
    const visit = await dispatch(h(), f.ticket.id, f.dispatcher, [f.engineer]);
    const at = { partId: s.part.id, storeId: s.store.id };
    expect((await reserve(h(), f.engineer, visit.id, { ...at, qty: 1 })).statusCode).toBe(403);
    expect((await reserve(h(), f.agent, visit.id, { ...at, qty: 1 })).statusCode).toBe(403);
    expect((await reserve(h(), f.contact, visit.id, { ...at, qty: 1 })).statusCode).toBe(403);
    expect((await reserve(h(), f.dispatcher, 999_999, { ...at, qty: 1 })).json().error.code).toBe('dispatch_not_found');
    expect((await reserve(h(), f.dispatcher, visit.id, { ...at, qty: 0 })).json().error.code).toBe('validation_failed');
    expect((await reserve(h(), f.dispatcher, visit.id, { ...at, storeId: 999_999, qty: 1 })).json().error.code).toBe('store_not_found');

    const retired = await createPart(h(), s.keeper);
    await receive(h(), s.keeper, s.store.id, retired.id, 1);
    await h().request({ method: 'PATCH', url: `/api/parts/${retired.id}`, cookie: s.keeper.cookie, payload: { active: false } });
    expect((await reserve(h(), f.dispatcher, visit.id, { partId: retired.id, storeId: s.store.id, qty: 1 })).json().error.code).toBe('part_inactive');

    expect((await reserve(h(), f.dispatcher, visit.id, { ...at, qty: 1 })).statusCode).toBe(201);
    await step(h(), visit.id, f.dispatcher, 'cancel', '客户改期');
    expect((await reserve(h(), f.dispatcher, visit.id, { ...at, qty: 1 })).json().error.code).toBe('dispatch_invalid_step');
    // Cancelling gave the reservation back already: there is nothing left to release.
    expect(await level(h(), s.keeper, s.store.id, s.part.id)).toMatchObject({ onHand: 2, reserved: 0 });
    expect((await move(h(), f.dispatcher, visit.id, { kind: 'unreserve', ...at, qty: 1 })).json().error).toMatchObject({ code: 'stock_insufficient', details: { bucket: 'reserved', available: 0 } });
    expect((await h().request({ method: 'GET', url: `/api/dispatches/${visit.id}/parts`, cookie: f.contact.cookie })).statusCode).toBe(403);
  });
});
