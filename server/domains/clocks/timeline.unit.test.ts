import { describe, expect, it } from 'vitest';
import { clockEventsOf, clockKindsOf, engineEventsOf, type TimelineEvent } from './timeline.js';

const T = Date.UTC(2026, 10, 24, 2, 0);
const MIN = 60_000;
const ticket = { createdAt: T, grade: 'general' };

function e(type: string, minutes: number, data: Record<string, unknown> = {}, extra: Partial<TimelineEvent> = {}): TimelineEvent {
  return { type, at: T + minutes * MIN, internal: false, data, ...extra };
}

function mapped(events: TimelineEvent[]): string[] {
  return clockEventsOf(ticket, events).map((c) => `${c.type}${c.arg ? `(${c.arg})` : ''}@${(c.at - T) / MIN}`);
}

describe('timeline → clock events', () => {
  it('maps the fault flow: response, solution, on site, restored, closed', () => {
    expect(
      mapped([
        e('created', 0, { grade: 'major' }),
        e('status', 5, { from: 'new', to: 'accepted' }),
        e('status', 20, { from: 'accepted', to: 'solution_proposed' }),
        e('status', 50, { from: 'solution_proposed', to: 'on_site' }),
        e('status', 200, { from: 'on_site', to: 'restored' }),
        e('status', 300, { from: 'restored', to: 'closed' }),
      ]),
    ).toEqual(['created(major)@0', 'responded@5', 'solution_proposed@20', 'dispatched@50', 'arrived@50', 'restored@200', 'resolved@300']);
  });

  it('counts a public staff reply as the response, not a note or a customer’s reply', () => {
    expect(
      mapped([
        e('reply', 1, {}, { actorIsStaff: false }),
        e('note', 2, {}, { internal: true, actorIsStaff: true }),
        e('reply', 3, {}, { internal: true, actorIsStaff: true }),
        e('reply', 4, {}, { actorIsStaff: true }),
      ]),
    ).toEqual(['responded@4']);
  });

  it('counts a call that started after the report, not the reporting call', () => {
    expect(mapped([e('call', 1, { startedAt: T - 5 * MIN }), e('call', 2, {}), e('call', 30, { startedAt: T + 25 * MIN })])).toEqual(['responded@30']);
  });

  it('pauses while waiting for the customer and resumes when work goes on', () => {
    expect(mapped([e('status', 10, { from: 'new', to: 'waiting_customer' }), e('status', 70, { from: 'waiting_customer', to: 'remote_diagnosis' })])).toEqual([
      'responded@10',
      'paused@10',
      'resumed@70',
      'responded@70',
    ]);
  });

  it('maps a grade change and ignores other field changes, assignments and attachments', () => {
    expect(mapped([e('field', 5, { field: 'grade', from: 'general', to: 'major' }), e('field', 6, { field: 'title', to: 'x' }), e('assignment', 7), e('attachment', 8)])).toEqual(['grade_changed(major)@5']);
  });

  it('maps a visit’s departure and arrival, a recorded restoration at its own time, and a delivered report', () => {
    expect(
      mapped([
        e('dispatch', 5, { action: 'created' }),
        e('dispatch', 10, { action: 'departed' }),
        e('dispatch', 50, { action: 'arrived' }),
        e('dispatch', 90, { action: 'left' }),
        e('resolution', 120, { restoredAt: T + 80 * MIN }),
        e('report', 200, { action: 'drafted' }),
        e('report', 900, { action: 'delivered' }),
      ]),
    ).toEqual(['dispatched@10', 'arrived@50', 'restored@80', 'report_delivered@900']);
  });

  it('passes through events named like the engine’s', () => {
    expect(mapped([e('dispatched', 5), e('arrived', 40), e('report_delivered', 900), e('spare_on_site', 1, { value: false })])).toEqual([
      'dispatched@5',
      'arrived@40',
      'report_delivered@900',
      'spare_on_site(0)@1',
    ]);
  });

  it('starts from the ticket’s creation and grade when no created event was stored', () => {
    const { grade, events } = engineEventsOf({ createdAt: T, grade: 'emergency' }, [], { sparesOnSite: true });
    expect(grade).toBe('emergency');
    expect(events).toEqual([
      { type: 'created', at: T },
      { type: 'spare_on_site', at: T, value: true },
    ]);
  });

  it('gives faults every clock, consultations the response, other kinds none', () => {
    expect(clockKindsOf('fault')).toBe('all');
    expect(clockKindsOf('consultation')).toEqual(['response']);
    expect(clockKindsOf('complaint')).toBeNull();
  });
});
