import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowedTransitions, mayTake, nextStatus, statusesOf, TICKET_KINDS, TICKET_STATUSES, type TicketKind, type TicketStatus } from './workflow.js';

describe('ticket workflow', () => {
  it.each([
    ['fault', 'new', 'accepted', 'accepted'],
    ['fault', 'accepted', 'remote_diagnosis', 'remote_diagnosis'],
    ['fault', 'remote_diagnosis', 'solution_proposed', 'solution_proposed'],
    ['fault', 'solution_proposed', 'on_site', 'on_site'],
    ['fault', 'on_site', 'escalated', 'escalated'],
    ['fault', 'escalated', 'restored', 'restored'],
    ['fault', 'restored', 'awaiting_confirmation', 'awaiting_confirmation'],
    ['fault', 'awaiting_confirmation', 'closed', 'closed'],
    ['fault', 'closed', 'reopened', 'accepted'],
    ['complaint', 'investigating', 'resolved', 'resolved'],
    ['complaint', 'closed', 'reopened', 'investigating'],
    ['consultation', 'new', 'answered', 'answered'],
  ] as const)('%s: %s → %s gives %s', (kind, from, to, expected) => {
    expect(nextStatus(kind, from, to)).toBe(expected);
  });

  it.each([
    ['fault', 'new', 'closed'],
    ['fault', 'new', 'restored'],
    ['fault', 'closed', 'accepted'],
    ['fault', 'accepted', 'reopened'],
    ['consultation', 'new', 'on_site'],
    ['complaint', 'new', 'resolved'],
  ] as const)('%s: %s → %s is refused', (kind, from, to) => {
    expect(nextStatus(kind, from, to)).toBeNull();
  });

  it('lets a customer contact only confirm a solved ticket or reopen a closed one', () => {
    expect(allowedTransitions('fault', 'awaiting_confirmation', 'contact')).toEqual(['closed']);
    expect(allowedTransitions('fault', 'closed', 'contact')).toEqual(['reopened']);
    expect(allowedTransitions('fault', 'on_site', 'contact')).toEqual([]);
    expect(mayTake('contact', 'new', 'accepted')).toBe(false);
  });

  it('never leads out of a kind’s own statuses, and every status but closed has a way on', () => {
    const kinds = fc.constantFrom(...TICKET_KINDS);
    const statuses = fc.constantFrom(...TICKET_STATUSES, 'reopened' as const);
    fc.assert(
      fc.property(kinds, statuses, statuses, (kind: TicketKind, from, to) => {
        if (from === 'reopened') return;
        const next = nextStatus(kind, from as TicketStatus, to);
        if (next !== null) expect(statusesOf(kind)).toContain(next);
      }),
    );
    for (const kind of TICKET_KINDS) {
      for (const status of statusesOf(kind)) {
        expect(allowedTransitions(kind, status, 'staff').length, `${kind} ${status}`).toBeGreaterThan(0);
      }
    }
  });
});
