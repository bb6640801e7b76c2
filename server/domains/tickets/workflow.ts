/**
 * The ticket workflows (R6, R2, R17) as data: which status may follow which, per kind, and who may
 * take each step. Pure: the service asks, the tests read the tables.
 */

export const TICKET_KINDS = ['fault', 'consultation', 'complaint', 'upgrade', 'service_request'] as const;
export type TicketKind = (typeof TICKET_KINDS)[number];

export const TICKET_STATUSES = [
  'new',
  'accepted',
  'remote_diagnosis',
  'solution_proposed',
  'on_site',
  'escalated',
  'restored',
  'awaiting_confirmation',
  'waiting_customer',
  'investigating',
  'answered',
  'in_progress',
  'resolved',
  'closed',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** A transition target: a status, or `reopened`, which returns a closed ticket to work. */
export type TransitionTarget = TicketStatus | 'reopened';

type Flow = Partial<Record<TicketStatus, TicketStatus[]>>;

// The fault flow of the seed's 故障处理流程: remote diagnosis, then on site, then the vendor's
// support, until service is restored and the customer confirms (R6). Work may pause while
// waiting for the customer and resume where it makes sense.
const WORKING: TicketStatus[] = ['remote_diagnosis', 'solution_proposed', 'on_site', 'escalated', 'restored'];
const FAULT: Flow = {
  new: ['accepted', 'remote_diagnosis', 'on_site', 'waiting_customer'],
  accepted: ['remote_diagnosis', 'on_site', 'escalated', 'restored', 'waiting_customer'],
  remote_diagnosis: ['solution_proposed', 'on_site', 'escalated', 'restored', 'waiting_customer'],
  solution_proposed: ['remote_diagnosis', 'on_site', 'escalated', 'restored', 'waiting_customer'],
  on_site: ['remote_diagnosis', 'escalated', 'restored', 'waiting_customer'],
  escalated: ['on_site', 'restored', 'waiting_customer'],
  restored: ['awaiting_confirmation', 'remote_diagnosis', 'on_site', 'closed'],
  awaiting_confirmation: ['closed', 'remote_diagnosis', 'on_site'],
  waiting_customer: ['accepted', ...WORKING],
};

// Consultations (R2): answered by the expert line, then closed.
const CONSULTATION: Flow = {
  new: ['accepted', 'answered', 'waiting_customer'],
  accepted: ['answered', 'waiting_customer'],
  waiting_customer: ['accepted', 'answered'],
  answered: ['closed', 'accepted'],
};

// Complaints (R17): investigated, resolved with an answer to the complainant, then closed.
const COMPLAINT: Flow = {
  new: ['accepted', 'investigating'],
  accepted: ['investigating', 'waiting_customer'],
  investigating: ['resolved', 'waiting_customer'],
  waiting_customer: ['investigating'],
  resolved: ['closed', 'investigating'],
};

// Upgrade and service requests: taken on, worked, done.
const REQUEST: Flow = {
  new: ['accepted', 'in_progress', 'waiting_customer'],
  accepted: ['in_progress', 'waiting_customer'],
  in_progress: ['resolved', 'waiting_customer'],
  waiting_customer: ['accepted', 'in_progress'],
  resolved: ['closed', 'in_progress'],
};

const FLOWS: Record<TicketKind, Flow> = {
  fault: FAULT,
  consultation: CONSULTATION,
  complaint: COMPLAINT,
  upgrade: REQUEST,
  service_request: REQUEST,
};

/** Where a reopened ticket goes back to, per kind. */
const REOPEN_TO: Record<TicketKind, TicketStatus> = {
  fault: 'accepted',
  consultation: 'accepted',
  complaint: 'investigating',
  upgrade: 'in_progress',
  service_request: 'in_progress',
};

export type ActorKind = 'staff' | 'contact';

/** The status a transition leads to, or null when the flow of this kind does not allow it. */
export function nextStatus(kind: TicketKind, from: TicketStatus, to: TransitionTarget): TicketStatus | null {
  if (to === 'reopened') return from === 'closed' ? REOPEN_TO[kind] : null;
  return FLOWS[kind][from]?.includes(to) ? to : null;
}

/**
 * Whether this kind of person may take the step. Staff take every step the flow allows; a
 * customer contact only confirms a restored or answered ticket (closing it) or reopens a closed
 * one — the owner keeps a ticket until the customer is satisfied (R1).
 */
export function mayTake(actor: ActorKind, from: TicketStatus, to: TransitionTarget): boolean {
  if (actor === 'staff') return true;
  if (to === 'reopened') return from === 'closed';
  return to === 'closed' && ['awaiting_confirmation', 'answered', 'resolved', 'restored'].includes(from);
}

/** The steps a person may take from a status, for the ticket page's buttons. */
export function allowedTransitions(kind: TicketKind, from: TicketStatus, actor: ActorKind): TransitionTarget[] {
  const targets: TransitionTarget[] = [...(FLOWS[kind][from] ?? [])];
  if (from === 'closed') targets.push('reopened');
  return targets.filter((to) => mayTake(actor, from, to));
}

/** Every status a kind's flow can reach, for validation and reports. */
export function statusesOf(kind: TicketKind): TicketStatus[] {
  const flow = FLOWS[kind];
  return [...new Set(['new' as TicketStatus, ...Object.keys(flow), ...Object.values(flow).flat()])] as TicketStatus[];
}
