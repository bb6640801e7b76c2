import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.js';
import { dispatch, faultOnSite, openFault } from '../../test/field.js';
import { unique, useHarness, type Harness, type SignedInUser } from '../../test/harness.js';
import { createPart, createVendor, faultyStock, receive, stocked } from '../../test/parts.js';

interface Entry {
  type: string;
  internal: boolean;
  body: string;
  data: Record<string, unknown>;
}

async function timeline(h: Harness, who: SignedInUser, ticketId: number): Promise<Entry[]> {
  const res = await h.request({ method: 'GET', url: `/api/tickets/${ticketId}/events?limit=200`, cookie: who.cookie });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as Entry[];
}

const ofParts = (entries: Entry[]) => entries.filter((e) => ['parts', 'rma', 'loan'].includes(e.type)).map((e) => [e.type, e.data.action, e.internal]);

async function lookup(h: Harness, who: SignedInUser, serial: string): Promise<number[]> {
  const res = await h.request({ method: 'GET', url: `/api/assets/lookup?serial=${encodeURIComponent(serial)}`, cookie: who.cookie });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as { asset: { id: number } }[]).map((i) => i.asset.id);
}

/**
 * A fault's history keeps its parts (R13): what the visit reserved, fitted and took out faulty,
 * the RMA case that sent the failed part to the vendor, and the loaner that stood in. The contact
 * sees the loaner at their site, not the store's business.
 */
describeEachEngine('parts on the ticket timeline', (db) => {
  const h = useHarness(db);

  it('records the visit’s parts, the failed part’s RMA and the loaner on the fault, showing the customer only the loaner', async () => {
    const s = await stocked(h(), 2, { serialTracked: true });
    const f = await faultOnSite(h());
    const at = { partId: s.part.id, storeId: s.store.id };
    const fitted = s.serials[0]!;
    const failed = unique('BAD').toUpperCase();
    const moves = `/api/dispatches/${f.visit.id}/parts/movements`;

    expect((await h().request({ method: 'POST', url: `/api/dispatches/${f.visit.id}/parts`, cookie: f.dispatcher.cookie, payload: { ...at, qty: 1, serials: [fitted] } })).statusCode).toBe(201);
    for (const kind of ['issue', 'use']) {
      const res = await h().request({ method: 'POST', url: moves, cookie: f.engineer.cookie, payload: { kind, ...at, qty: 1, serials: [fitted] } });
      expect(res.statusCode, res.body).toBe(200);
    }
    const out = await h().request({ method: 'POST', url: moves, cookie: f.engineer.cookie, payload: { kind: 'return_faulty', ...at, qty: 1, serials: [failed], reason: '电源模块无输出' } });
    expect(out.statusCode, out.body).toBe(200);

    // The failed unit goes to the vendor; its case belongs to the fault it came out on.
    const vendor = await createVendor(h());
    const rma = await h().request({ method: 'POST', url: '/api/rma', cookie: s.keeper.cookie, payload: { vendorId: vendor.id, ...at, serial: failed, vendorCaseNumber: 'HW-2026-1188' } });
    expect(rma.statusCode, rma.body).toBe(201);
    expect(rma.json().ticketId).toBe(f.ticket.id);
    const back = await h().request({ method: 'POST', url: `/api/rma/${rma.json().id}/receive`, cookie: s.keeper.cookie, payload: { outcome: 'repaired' } });
    expect(back.statusCode, back.body).toBe(200);

    // A loaner stands in at the customer's site meanwhile.
    const loanerPart = await createPart(h(), s.keeper, { serialTracked: true, models: ['FusionServer 2288H V6'] });
    const loanerSerial = unique('LN').toUpperCase();
    await receive(h(), s.keeper, s.store.id, loanerPart.id, 1, [loanerSerial]);
    const loan = await h().request({ method: 'POST', url: '/api/loans', cookie: s.keeper.cookie, payload: { partId: loanerPart.id, serial: loanerSerial, customerId: f.customer.id, replacesAssetId: f.asset.id, ticketId: f.ticket.id } });
    expect(loan.statusCode, loan.body).toBe(201);
    // While lent, the hotline finds it by serial, for the customer too.
    expect(await lookup(h(), f.contact, loanerSerial)).toEqual([loan.json().assetId]);
    const returned = await h().request({ method: 'POST', url: `/api/loans/${loan.json().id}/return`, cookie: s.keeper.cookie, payload: { storeId: s.store.id } });
    expect(returned.statusCode, returned.body).toBe(200);
    // Taken back, its serial no longer entitles the customer to anything.
    expect(await lookup(h(), f.agent, loanerSerial)).toEqual([]);
    expect(await lookup(h(), f.contact, loanerSerial)).toEqual([]);

    const staff = await timeline(h(), f.agent, f.ticket.id);
    expect(ofParts(staff)).toEqual([
      ['parts', 'reserve', true],
      ['parts', 'use', true],
      ['parts', 'return_faulty', true],
      ['rma', 'sent', true],
      ['rma', 'received', true],
      ['loan', 'lent', false],
      ['loan', 'returned', false],
    ]);
    const used = staff.find((e) => e.type === 'parts' && e.data.action === 'use')!;
    expect(used.data).toMatchObject({ number: f.visit.number, partNumber: s.part.partNumber, qty: 1, serials: [fitted], storeName: s.store.name });
    expect(used.body).toContain(fitted);
    expect(staff.find((e) => e.type === 'rma' && e.data.action === 'sent')!.data).toMatchObject({ vendorName: vendor.name, caseNumber: 'HW-2026-1188', serial: failed });
    expect(staff.find((e) => e.type === 'rma' && e.data.action === 'received')!.data).toMatchObject({ outcome: 'repaired' });
    expect(staff.find((e) => e.type === 'loan' && e.data.action === 'lent')!.data).toMatchObject({ serial: loanerSerial, replaces: f.asset.serialNumber });

    expect(ofParts(await timeline(h(), f.contact, f.ticket.id))).toEqual([
      ['loan', 'lent', false],
      ['loan', 'returned', false],
    ]);
  });

  it('shows the customer their device’s RMA; keeps a released reservation and a bulk case’s instalments and closing', async () => {
    const vendor = await createVendor(h());
    // The customer's own device goes to the vendor: their contact follows it on the fault.
    const f = await openFault(h());
    const keeper = await h().user(['storekeeper']);
    const device = await h().request({ method: 'POST', url: '/api/rma', cookie: keeper.cookie, payload: { vendorId: vendor.id, assetId: f.asset.id, ticketId: f.ticket.id, vendorCaseNumber: 'HW-77' } });
    expect(device.statusCode, device.body).toBe(201);
    const tooMany = await h().request({ method: 'POST', url: `/api/rma/${device.json().id}/receive`, cookie: keeper.cookie, payload: { outcome: 'repaired', qty: 2 } });
    expect([tooMany.statusCode, tooMany.json().error.code]).toEqual([400, 'rma_invalid']);
    expect((await h().request({ method: 'POST', url: `/api/rma/${device.json().id}/receive`, cookie: keeper.cookie, payload: { outcome: 'repaired' } })).statusCode).toBe(200);
    expect(ofParts(await timeline(h(), f.contact, f.ticket.id))).toEqual([
      ['rma', 'sent', false],
      ['rma', 'received', false],
    ]);

    // Bulk faulty stock from a fault comes back in instalments; the rest is written off.
    const s = await stocked(h(), 4);
    const g = await faultyStock(h(), s.keeper, s.store.id, s.part.id, 3);
    const at = { partId: s.part.id, storeId: s.store.id };
    const bulk = (await h().request({ method: 'POST', url: '/api/rma', cookie: s.keeper.cookie, payload: { vendorId: vendor.id, ...at, qty: 3, ticketId: g.ticket.id } })).json();
    expect((await h().request({ method: 'POST', url: `/api/rma/${bulk.id}/receive`, cookie: s.keeper.cookie, payload: { outcome: 'repaired', qty: 1 } })).statusCode).toBe(200);
    expect((await h().request({ method: 'POST', url: `/api/rma/${bulk.id}/close`, cookie: s.keeper.cookie, payload: { reason: '其余两件厂商核销' } })).statusCode).toBe(200);
    // A reservation made and released again on the same fault's next visit.
    const next = await dispatch(h(), g.ticket.id, g.dispatcher, [g.engineer]);
    expect((await h().request({ method: 'POST', url: `/api/dispatches/${next.id}/parts`, cookie: g.dispatcher.cookie, payload: { ...at, qty: 2 } })).statusCode).toBe(201);
    expect((await h().request({ method: 'POST', url: `/api/dispatches/${next.id}/parts/movements`, cookie: g.dispatcher.cookie, payload: { kind: 'unreserve', ...at, qty: 2 } })).statusCode).toBe(200);

    const staff = await timeline(h(), g.agent, g.ticket.id);
    expect(ofParts(staff)).toEqual([
      ['parts', 'return_faulty', true],
      ['rma', 'sent', true],
      ['rma', 'received_part', true],
      ['rma', 'closed_rest', true],
      ['parts', 'reserve', true],
      ['parts', 'unreserve', true],
    ]);
    expect(staff.find((e) => e.data.action === 'received_part')!.data).toMatchObject({ qty: 3, receivedQty: 1 });
    expect(staff.find((e) => e.data.action === 'closed_rest')!.data).toMatchObject({ qty: 3, receivedQty: 1 });
    expect(ofParts(await timeline(h(), g.contact, g.ticket.id))).toEqual([]);
  });

  it('writes a late RMA entry on a merged duplicate without starting its clocks again', async () => {
    const vendor = await createVendor(h());
    const f = await openFault(h());
    const keeper = await h().user(['storekeeper']);
    const rma = (await h().request({ method: 'POST', url: '/api/rma', cookie: keeper.cookie, payload: { vendorId: vendor.id, assetId: f.asset.id, ticketId: f.ticket.id } })).json();
    // Another caller's ticket about the same outage survives; this one is merged into it.
    const other = await h().request({ method: 'POST', url: '/api/tickets', cookie: f.agent.cookie, payload: { kind: 'fault', grade: 'general', title: '同一故障另一来电', customerId: f.customer.id } });
    const merged = await h().request({ method: 'POST', url: `/api/tickets/${f.ticket.id}/merge`, cookie: f.agent.cookie, payload: { into: other.json().id } });
    expect(merged.statusCode, merged.body).toBe(200);
    const clocks = async () => (await h().request({ method: 'GET', url: `/api/tickets/${f.ticket.id}/clocks`, cookie: f.agent.cookie })).json().items as unknown[];
    expect(await clocks()).toEqual([]);

    // Hours later the device comes back: the history gets it, the duplicate stays without clocks.
    h().clock.advance(6 * 3_600_000);
    expect((await h().request({ method: 'POST', url: `/api/rma/${rma.id}/receive`, cookie: keeper.cookie, payload: { outcome: 'repaired' } })).statusCode).toBe(200);
    expect(ofParts(await timeline(h(), f.agent, f.ticket.id))).toEqual([
      ['rma', 'sent', false],
      ['rma', 'received', false],
    ]);
    expect(await clocks()).toEqual([]);
  });
});
