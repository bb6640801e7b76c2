import type { Deps } from '../../deps.js';
import type { Executor } from '../../db/database.js';
import type { TicketRow } from '../../db/schema.js';
import type { RequestContext } from '../../http/actor.js';
import type { EventType } from '../tickets/event-types.js';
import { recordOnTicket } from '../tickets/ticket.service.js';

/**
 * What spare parts write on a ticket's timeline (R13: one history per fault): the parts a visit
 * reserved, used and took out faulty, the RMA case that sent them or the device to the vendor,
 * and the loaner that stood in meanwhile. `data.action` says which step it was; the console
 * renders the entry from `data`, and `body` is the line the fault archive's search finds.
 *
 * A case often ends weeks after its fault was closed: the entry is history, and the ticket stays
 * where it is.
 */
export async function partsOnTimeline(
  trx: Executor,
  deps: Deps,
  ctx: RequestContext,
  ticketId: number | null,
  entry: { type: Extract<EventType, 'parts' | 'rma' | 'loan'>; internal: boolean; body: string; data: Record<string, unknown> },
): Promise<TicketRow | null> {
  if (ticketId === null) return null;
  return recordOnTicket(trx, deps, ctx, ticketId, { events: [entry] });
}

/** "FRU-00AR342 ×2 (SN1, SN2)": a part line as the timeline's text says it. */
export function partLineText(partNumber: string, description: string, qty: number, serials: string[]): string {
  const what = [partNumber, description].filter(Boolean).join(' ');
  return `${what} ×${qty}${serials.length > 0 ? ` (${serials.join(', ')})` : ''}`;
}
