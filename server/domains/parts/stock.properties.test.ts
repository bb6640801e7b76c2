import fc from 'fast-check';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.js';
import { faultOnSite } from '../../test/field.js';
import { unique, useHarness, type Harness, type SignedInUser } from '../../test/harness.js';
import { createPart, createStore, type TestPart, type TestStore } from '../../test/parts.js';

/**
 * The ledger is the truth (issue 7 acceptance): after any sequence of movements — refused ones
 * included, 20 at most after an opening stock — every stock level equals the sum of its ledger rows, nothing is negative, no more is
 * reserved than on hand, serial-tracked units agree with the levels, and each movement was
 * accepted or refused exactly as a simple model of the stores says it should be.
 */

type Cmd =
  | { op: 'receive' | 'reserve' | 'unreserve' | 'issue' | 'use' | 'return_unused' | 'return_faulty'; p: number; s: number; q: number }
  | { op: 'transfer'; p: number; s: number; to: number; q: number }
  | { op: 'adjust'; p: number; s: number; d: number }
  | { op: 'scrap'; p: number; s: number; q: number; faulty: boolean }
  | { op: 'count'; p: number; s: number; c: number };

// Three parts (the third serial-tracked) in two stores: few enough pairs that a sequence keeps
// coming back to the same level, so reservations get issued, used and brought back.
const P = fc.integer({ min: 0, max: 2 });
const S = fc.integer({ min: 0, max: 1 });
const Q = fc.integer({ min: 1, max: 3 });
const step = <T extends Cmd['op']>(...ops: T[]) => fc.constantFrom(...ops);
const command: fc.Arbitrary<Cmd> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ op: step('receive'), p: P, s: S, q: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('transfer' as const), p: P, s: S, to: S, q: Q }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('adjust' as const), p: P, s: S, d: fc.integer({ min: -3, max: 3 }).filter((d) => d !== 0) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('scrap' as const), p: P, s: S, q: Q, faulty: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ op: step('reserve'), p: P, s: S, q: Q }) },
  { weight: 3, arbitrary: fc.record({ op: step('issue'), p: P, s: S, q: Q }) },
  { weight: 3, arbitrary: fc.record({ op: step('unreserve', 'use', 'return_unused'), p: P, s: S, q: fc.integer({ min: 1, max: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ op: step('return_faulty'), p: P, s: S, q: Q }) },
  // Counts of the bulk parts (0 and 1).
  { weight: 1, arbitrary: fc.record({ op: fc.constant('count' as const), p: fc.integer({ min: 0, max: 1 }), s: S, c: fc.integer({ min: 0, max: 8 }) }) },
);

/** A visit's parts on one level: reserved, issued, then used or brought back (some of them). */
const visit: fc.Arbitrary<Cmd[]> = fc
  .record({ p: P, s: S, q: Q, issued: Q, used: fc.integer({ min: 0, max: 2 }), back: fc.integer({ min: 0, max: 2 }) })
  .map(({ p, s, q, issued, used, back }) => [
    { op: 'reserve', p, s, q },
    { op: 'issue', p, s, q: issued },
    ...(used > 0 ? [{ op: 'use' as const, p, s, q: used }] : []),
    ...(back > 0 ? [{ op: 'return_unused' as const, p, s, q: back }] : []),
  ]);
const commands = fc.array(fc.oneof({ weight: 4, arbitrary: command.map((c) => [c]) }, { weight: 1, arbitrary: visit }), { minLength: 1, maxLength: 12 }).map((groups) => groups.flat().slice(0, 20));

/** Each run starts with stock everywhere: four units of each part in each store. */
const OPENING = [0, 1, 2].flatMap((p) => [0, 1].map((s): Cmd => ({ op: 'receive', p, s, q: 4 })));

interface ModelLevel {
  onHand: number;
  reserved: number;
  faulty: number;
  /** This visit's buckets: reserved for it, and issued to its engineer. */
  forVisit: number;
  withEngineer: number;
}

/** What the model expects of a command: accepted (and how the level changes), or refused with a code. */
function expectOf(cmd: Cmd, at: (p: number, s: number) => ModelLevel): { code: string | null; apply?: () => void } {
  const l = at(cmd.p, cmd.s);
  const available = l.onHand - l.reserved;
  const refuse = { code: 'stock_insufficient' };
  switch (cmd.op) {
    case 'receive':
      return { code: null, apply: () => void (l.onHand += cmd.q) };
    case 'transfer': {
      if (cmd.s === cmd.to) return { code: 'stock_movement_invalid' };
      const to = at(cmd.p, cmd.to);
      return available >= cmd.q ? { code: null, apply: () => ((l.onHand -= cmd.q), (to.onHand += cmd.q)) } : refuse;
    }
    case 'adjust':
      return cmd.d > 0 || available >= -cmd.d ? { code: null, apply: () => void (l.onHand += cmd.d) } : refuse;
    case 'scrap':
      if (cmd.faulty) return l.faulty >= cmd.q ? { code: null, apply: () => void (l.faulty -= cmd.q) } : refuse;
      return available >= cmd.q ? { code: null, apply: () => void (l.onHand -= cmd.q) } : refuse;
    case 'reserve':
      return available >= cmd.q ? { code: null, apply: () => ((l.reserved += cmd.q), (l.forVisit += cmd.q)) } : refuse;
    case 'unreserve':
      return l.forVisit >= cmd.q ? { code: null, apply: () => ((l.reserved -= cmd.q), (l.forVisit -= cmd.q)) } : refuse;
    case 'issue':
      return l.forVisit >= cmd.q ? { code: null, apply: () => ((l.onHand -= cmd.q), (l.reserved -= cmd.q), (l.forVisit -= cmd.q), (l.withEngineer += cmd.q)) } : refuse;
    case 'use':
      return l.withEngineer >= cmd.q ? { code: null, apply: () => void (l.withEngineer -= cmd.q) } : refuse;
    case 'return_unused':
      return l.withEngineer >= cmd.q ? { code: null, apply: () => ((l.withEngineer -= cmd.q), (l.onHand += cmd.q)) } : refuse;
    case 'return_faulty':
      return { code: null, apply: () => void (l.faulty += cmd.q) };
    case 'count': {
      const difference = cmd.c - l.onHand;
      return difference >= 0 || available >= -difference ? { code: null, apply: () => void (l.onHand = cmd.c) } : refuse;
    }
  }
}

interface World {
  keeper: SignedInUser;
  stores: TestStore[];
  visitId: number;
}

async function send(h: Harness, w: World, parts: TestPart[], cmd: Cmd) {
  const part = parts[cmd.p]!;
  const store = w.stores[cmd.s]!;
  const serials = (n: number) => (part.serialTracked ? { serials: Array.from({ length: n }, () => unique('U').toUpperCase()) } : {});
  const post = (url: string, payload: unknown) => h.request({ method: 'POST', url, cookie: w.keeper.cookie, payload: payload as Record<string, unknown> });
  const at = { partId: part.id, storeId: store.id };
  switch (cmd.op) {
    case 'receive':
      return post('/api/stock/receipts', { ...at, qty: cmd.q, ...serials(cmd.q) });
    case 'transfer':
      return post('/api/stock/transfers', { fromStoreId: store.id, toStoreId: w.stores[cmd.to]!.id, partId: part.id, qty: cmd.q });
    case 'adjust':
      return post('/api/stock/adjustments', { ...at, delta: cmd.d, reason: 'property', ...(cmd.d > 0 ? serials(cmd.d) : {}) });
    case 'scrap':
      return post('/api/stock/scrappings', { ...at, qty: cmd.q, faulty: cmd.faulty, reason: 'property' });
    case 'reserve':
      return post(`/api/dispatches/${w.visitId}/parts`, { ...at, qty: cmd.q });
    case 'return_faulty':
      return post(`/api/dispatches/${w.visitId}/parts/movements`, { kind: cmd.op, ...at, qty: cmd.q, ...serials(cmd.q) });
    case 'unreserve':
    case 'issue':
    case 'use':
    case 'return_unused':
      return post(`/api/dispatches/${w.visitId}/parts/movements`, { kind: cmd.op, ...at, qty: cmd.q });
    case 'count':
      return post(`/api/stores/${store.id}/counts`, { lines: [{ partId: part.id, counted: cmd.c }], apply: true });
  }
}

describeEachEngine('stock ledger properties', (db) => {
  const h = useHarness(db);

  it('keeps every level equal to a recount of the ledger, and never below zero, whatever the movements', { timeout: 600_000 }, async () => {
    const f = await faultOnSite(h());
    const keeper = await h().user(['storekeeper']);
    const stores = [await createStore(h(), keeper), await createStore(h(), keeper)];
    const w: World = { keeper, stores, visitId: f.visit.id };
    const sql = h().database.db;

    await fc.assert(
      fc.asyncProperty(commands, async (random) => {
        const cmds = [...OPENING, ...random];
        const parts = [await createPart(h(), keeper), await createPart(h(), keeper), await createPart(h(), keeper, { serialTracked: true })];
        const model = new Map<string, ModelLevel>();
        const at = (p: number, s: number) => {
          const key = `${p}:${s}`;
          if (!model.has(key)) model.set(key, { onHand: 0, reserved: 0, faulty: 0, forVisit: 0, withEngineer: 0 });
          return model.get(key)!;
        };

        for (const cmd of cmds) {
          const expected = expectOf(cmd, at);
          const res = await send(h(), w, parts, cmd);
          const code = res.statusCode < 300 ? null : (res.json().error?.code as string);
          expect({ cmd, code }, res.body).toEqual({ cmd, code: expected.code });
          expected.apply?.();
        }

        const ids = parts.map((p) => p.id);
        const levels = await sql.selectFrom('stock_levels').selectAll().where('part_id', 'in', ids).execute();
        const recount = await sql
          .selectFrom('stock_ledger')
          .select(['part_id', 'store_id'])
          .select((eb) => [eb.fn.sum<number>('qty_delta_on_hand').as('on_hand'), eb.fn.sum<number>('qty_delta_reserved').as('reserved'), eb.fn.sum<number>('qty_delta_faulty').as('faulty')])
          .where('part_id', 'in', ids)
          .groupBy(['part_id', 'store_id'])
          .execute();
        const key = (r: { part_id: number; store_id: number }) => `${r.part_id}:${r.store_id}`;
        const fromLedger = new Map(recount.map((r) => [key(r), { on_hand: Number(r.on_hand), reserved: Number(r.reserved), faulty: Number(r.faulty) }]));
        expect(levels.length).toBe(fromLedger.size);
        for (const l of levels) {
          expect({ at: key(l), on_hand: l.on_hand, reserved: l.reserved, faulty: l.faulty }).toEqual({ at: key(l), ...fromLedger.get(key(l)) });
          expect(l.on_hand).toBeGreaterThanOrEqual(l.reserved);
          expect(Math.min(l.on_hand, l.reserved, l.faulty)).toBeGreaterThanOrEqual(0);
        }
        for (const [k, m] of model) {
          const [p, s] = k.split(':').map(Number) as [number, number];
          const l = levels.find((r) => r.part_id === ids[p] && r.store_id === stores[s]!.id);
          expect({ k, on_hand: l?.on_hand ?? 0, reserved: l?.reserved ?? 0, faulty: l?.faulty ?? 0 }).toEqual({ k, on_hand: m.onHand, reserved: m.reserved, faulty: m.faulty });
        }

        // The serial-tracked part's units, counted by state and store, are its levels.
        const units = await sql.selectFrom('stock_units').select(['store_id', 'state']).where('part_id', '=', ids[2]!).execute();
        for (const [s, store] of stores.entries()) {
          const here = units.filter((u) => u.store_id === store.id);
          const m = at(2, s);
          expect({ s, inStore: here.filter((u) => u.state === 'in_stock' || u.state === 'reserved').length, reserved: here.filter((u) => u.state === 'reserved').length, faulty: here.filter((u) => u.state === 'faulty').length }).toEqual({
            s,
            inStore: m.onHand,
            reserved: m.reserved,
            faulty: m.faulty,
          });
        }
      }),
      { numRuns: 100 },
    );
  });
});
