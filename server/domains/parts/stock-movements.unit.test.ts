import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  availableBefore,
  crossesBelowMinimum,
  dispatchAllows,
  dispatchBucket,
  drawsOnStock,
  issuedDelta,
  levelDeltas,
  MOVEMENT_KINDS,
  unitTransition,
  type MovementKind,
} from './stock-movements.js';

describe('stock movements', () => {
  it.each([
    ['receive', {}, { onHand: 3, reserved: 0, faulty: 0 }],
    ['transfer_out', {}, { onHand: -3, reserved: 0, faulty: 0 }],
    ['transfer_in', {}, { onHand: 3, reserved: 0, faulty: 0 }],
    ['reserve', {}, { onHand: 0, reserved: 3, faulty: 0 }],
    ['unreserve', {}, { onHand: 0, reserved: -3, faulty: 0 }],
    ['issue', {}, { onHand: -3, reserved: -3, faulty: 0 }],
    ['use', {}, { onHand: 0, reserved: 0, faulty: 0 }],
    ['return_unused', {}, { onHand: 3, reserved: 0, faulty: 0 }],
    ['return_faulty', {}, { onHand: 0, reserved: 0, faulty: 3 }],
    ['rma_send', {}, { onHand: 0, reserved: 0, faulty: -3 }],
    ['rma_receive', {}, { onHand: 3, reserved: 0, faulty: 0 }],
    ['rma_cancel', {}, { onHand: 0, reserved: 0, faulty: 3 }],
    ['rma_close', {}, { onHand: 0, reserved: 0, faulty: 0 }],
    ['loan_out', {}, { onHand: -3, reserved: 0, faulty: 0 }],
    ['loan_return', {}, { onHand: 3, reserved: 0, faulty: 0 }],
    ['scrap', {}, { onHand: -3, reserved: 0, faulty: 0 }],
    ['scrap', { faulty: true }, { onHand: 0, reserved: 0, faulty: -3 }],
    ['adjust', { sign: -1 }, { onHand: -3, reserved: 0, faulty: 0 }],
    ['adjust', { sign: 1 }, { onHand: 3, reserved: 0, faulty: 0 }],
  ] as const)('%s %j of 3 changes the level by %j', (kind, options, deltas) => {
    expect(levelDeltas(kind, 3, options)).toEqual(deltas);
  });

  it('sends every movement that lowers a number, or reserves, through the checked draw', () => {
    expect(MOVEMENT_KINDS.filter((k) => drawsOnStock(levelDeltas(k, 1)))).toEqual(['transfer_out', 'reserve', 'unreserve', 'issue', 'rma_send', 'loan_out', 'scrap']);
    expect(drawsOnStock(levelDeltas('adjust', 1, { sign: -1 }))).toBe(true);
    expect(drawsOnStock(levelDeltas('scrap', 1, { faulty: true }))).toBe(true);
  });

  it('a movement of n units is n movements of one unit (the ledger keeps serial units one per row)', () => {
    const kinds = fc.constantFrom(...MOVEMENT_KINDS);
    fc.assert(
      fc.property(kinds, fc.integer({ min: 1, max: 1000 }), fc.boolean(), fc.constantFrom(1 as const, -1 as const), (kind: MovementKind, n, faulty, sign) => {
        const one = levelDeltas(kind, 1, { faulty, sign });
        const many = levelDeltas(kind, n, { faulty, sign });
        expect(many).toEqual({ onHand: one.onHand * n, reserved: one.reserved * n, faulty: one.faulty * n });
        // Available never rises by reserving or falls by releasing more than the quantity.
        expect(Math.abs(many.onHand - many.reserved)).toBeLessThanOrEqual(n);
      }),
    );
  });

  it('tells the available count before a movement from the level after it', () => {
    const after = { onHand: 4, reserved: 1 };
    expect(availableBefore(after, levelDeltas('reserve', 2))).toBe(5);
    expect(availableBefore(after, levelDeltas('transfer_out', 2))).toBe(5);
    expect(availableBefore(after, levelDeltas('issue', 1))).toBe(3);
  });

  it('alerts only when a level crosses below its minimum', () => {
    expect(crossesBelowMinimum(3, 3, 2)).toBe(true);
    expect(crossesBelowMinimum(3, 5, 0)).toBe(true);
    expect(crossesBelowMinimum(3, 2, 1)).toBe(false); // already below
    expect(crossesBelowMinimum(3, 4, 3)).toBe(false); // at the minimum is enough
    expect(crossesBelowMinimum(0, 1, 0)).toBe(false); // no minimum
  });

  it('moves serial-tracked units between the states the kinds allow', () => {
    expect(unitTransition('receive')).toMatchObject({ from: { states: ['new'] }, to: 'in_stock', serialsRequired: true });
    expect(unitTransition('reserve')).toMatchObject({ from: { states: ['in_stock'], inStore: true, ofDispatch: false }, to: 'reserved' });
    expect(unitTransition('issue')).toMatchObject({ from: { states: ['reserved'], ofDispatch: true }, to: 'issued', place: 'store' });
    expect(unitTransition('use')).toMatchObject({ from: { states: ['issued'], ofDispatch: true }, to: 'installed', place: 'none' });
    expect(unitTransition('return_faulty')).toMatchObject({ from: { states: ['new', 'installed'] }, to: 'faulty', serialsRequired: true });
    expect(unitTransition('transfer_out')).toMatchObject({ to: 'in_stock', place: 'other_store' });
    expect(unitTransition('transfer_in')).toBeNull();
    expect(unitTransition('scrap', { faulty: true })).toMatchObject({ from: { states: ['faulty'] }, to: 'scrapped' });
    expect(unitTransition('adjust', { sign: -1 })).toMatchObject({ from: { states: ['in_stock'] }, to: 'lost' });
    expect(unitTransition('adjust', { sign: 1 })).toMatchObject({ from: { states: ['new', 'lost'] }, to: 'in_stock' });
  });

  it('sends faulty units to the vendor and takes back the repaired unit or a new one; cancelled, it is faulty again; kept, it is gone', () => {
    expect(unitTransition('rma_send')).toMatchObject({ from: { states: ['faulty'], inStore: true }, to: 'at_vendor', place: 'store' });
    expect(unitTransition('rma_receive')).toMatchObject({ from: { states: ['new', 'at_vendor'], inStore: false }, to: 'in_stock', place: 'store', serialsRequired: true });
    expect(unitTransition('rma_cancel')).toMatchObject({ from: { states: ['at_vendor'], inStore: true }, to: 'faulty', place: 'store' });
    expect(unitTransition('rma_close')).toMatchObject({ from: { states: ['at_vendor'], inStore: true }, to: 'scrapped', place: 'none' });
  });

  it('lends a named unit in stock out of its store as a loaner, and takes it back into any store', () => {
    // R6 备用机: only a good unit, never a reserved one, and always by its serial.
    expect(unitTransition('loan_out')).toMatchObject({ from: { states: ['in_stock'], inStore: true, ofDispatch: false }, to: 'on_loan', place: 'store', serialsRequired: true });
    expect(unitTransition('loan_return')).toMatchObject({ from: { states: ['on_loan'], inStore: false }, to: 'in_stock', place: 'store', serialsRequired: true });
    // Lent and back: the store's good stock is where it was, and nothing was faulty or reserved.
    const out = levelDeltas('loan_out', 1);
    const back = levelDeltas('loan_return', 1);
    expect({ onHand: out.onHand + back.onHand, reserved: out.reserved + back.reserved, faulty: out.faulty + back.faulty }).toEqual({ onHand: 0, reserved: 0, faulty: 0 });
    expect(drawsOnStock(out)).toBe(true);
    expect(drawsOnStock(back)).toBe(false);
  });

  it('every unit transition agrees with the level it changes: a unit in a store counts on hand, a faulty one as faulty', () => {
    // What one unit in a state adds to its store's level; issued, installed, at the vendor, lost: nothing.
    const counted = (state: string) => ({ onHand: ['in_stock', 'reserved'].includes(state) ? 1 : 0, reserved: state === 'reserved' ? 1 : 0, faulty: state === 'faulty' ? 1 : 0 });
    for (const kind of MOVEMENT_KINDS) {
      for (const options of [{}, { faulty: true }, { sign: -1 as const }]) {
        const t = unitTransition(kind, options);
        // A transfer's units leave one store for the other: each row counts its own store.
        if (!t || t.place === 'other_store') continue;
        for (const from of t.from.states) {
          const before = counted(from);
          const after = t.place === 'store' ? counted(t.to) : counted('gone');
          const d = levelDeltas(kind, 1, options);
          expect({ kind, from, d }).toEqual({ kind, from, d: { onHand: after.onHand - before.onHand, reserved: after.reserved - before.reserved, faulty: after.faulty - before.faulty } });
        }
      }
    }
  });

  it('lets a visit reserve only while open, bring parts back always, and use parts once on site', () => {
    expect(dispatchAllows('reserve', 'planned')).toBe(true);
    expect(dispatchAllows('reserve', 'done')).toBe(false);
    expect(dispatchAllows('unreserve', 'cancelled')).toBe(true);
    expect(dispatchAllows('return_unused', 'cancelled')).toBe(true);
    expect(dispatchAllows('use', 'planned')).toBe(false);
    expect(dispatchAllows('use', 'on_site')).toBe(true);
    expect(dispatchAllows('return_faulty', 'done')).toBe(true);
    expect(dispatchBucket('issue')).toBe('reserved');
    expect(dispatchBucket('use')).toBe('issued');
    expect(dispatchBucket('reserve')).toBeNull();
    expect(issuedDelta('issue', 2) + issuedDelta('use', 1) + issuedDelta('return_unused', 1)).toBe(0);
  });
});
