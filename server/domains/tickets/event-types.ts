/**
 * The kinds of entry on a ticket's timeline. Pure, so the console imports the same list.
 */
export const EVENT_TYPES = [
  'created',
  'reply',
  'note',
  'call',
  'status',
  'assignment',
  'field',
  'attachment',
  // Written by field service (issue 6): data.action says which step of the record it is.
  'remote_session',
  'dispatch',
  'escalation',
  'resolution',
  'service_form',
  'report',
  // A spare for the device's model was in the customer's on-site store when the fault was opened
  // (R4, R8): data.value true starts the 4-hour hardware clock.
  'spare_on_site',
  // Written by spare parts (issue 7), data.action as above: a visit's parts reserved, used and
  // taken out faulty; an RMA case sent to the vendor and ended; a loaner lent and taken back.
  'parts',
  'rma',
  'loan',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];
