import type { Executor } from '../../db/database.js';
import type { TicketEventRow, TicketRow } from '../../db/schema.js';
import type { Actor } from '../../http/actor.js';
import { isStaff } from '../../http/actor.js';
import { assetFacts } from '../assets/asset.service.js';
import { nearestDeadlines } from '../clocks/ticket-clock.service.js';
import { contractSummaries } from '../contracts/contract.service.js';
import { customerNames } from '../customers/customer.service.js';
import { teamNames } from '../teams/team.service.js';
import { userSummaries } from '../users/user.service.js';
import * as repo from './ticket.repository.js';
import type { TicketDto, TicketEventDto } from './ticket.schemas.js';
import { allowedTransitions, type TicketKind, type TicketStatus } from './workflow.js';

const present = <T>(ids: (T | null)[]) => ids.filter((x): x is T => x !== null);

type Lookup<F extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;

/**
 * What a caller may already hold when presenting (the ticket it just created, say): those maps are
 * used as they are instead of being queried again.
 */
export interface TicketLookups {
  customers?: Lookup<typeof customerNames>;
  assets?: Lookup<typeof assetFacts>;
  contracts?: Lookup<typeof contractSummaries>;
  teams?: Lookup<typeof teamNames>;
  owners?: Lookup<typeof userSummaries>;
  watchers?: Map<number, number[]>;
  deadlines?: Lookup<typeof nearestDeadlines>;
}

/** The one place that decides what of a ticket leaves the server, for a batch of rows. */
export async function presentTickets(db: Executor, rows: TicketRow[], actor: Actor | null, now: number, known: TicketLookups = {}): Promise<TicketDto[]> {
  if (rows.length === 0) return [];
  const [customers, assets, contracts, teams, owners, watchers, deadlines] = await Promise.all([
    known.customers ?? customerNames(db, rows.map((r) => r.customer_id)),
    known.assets ?? assetFacts(db, present(rows.map((r) => r.asset_id))),
    known.contracts ?? contractSummaries(db, present(rows.map((r) => r.contract_id))),
    known.teams ?? teamNames(db, present(rows.map((r) => r.team_id))),
    known.owners ?? userSummaries(db, present(rows.map((r) => r.owner_id))),
    known.watchers ?? repo.findWatcherIds(db, rows.map((r) => r.id)),
    known.deadlines ?? nearestDeadlines(db, rows.map((r) => r.id)),
  ]);
  const who = actor && !isStaff(actor) ? 'contact' : 'staff';
  return rows.map((r) => {
    const asset = r.asset_id === null ? undefined : assets.get(r.asset_id);
    return {
      id: r.id,
      number: r.number,
      kind: r.kind as TicketDto['kind'],
      channel: r.channel as TicketDto['channel'],
      grade: r.grade as TicketDto['grade'],
      nonStopping: r.non_stopping === 1,
      causeUnknown: r.cause_unknown === 1,
      status: r.status as TicketDto['status'],
      title: r.title,
      description: r.description,
      debugInfo: r.debug_info,
      customerId: r.customer_id,
      customerName: customers.get(r.customer_id)?.name ?? '',
      contactId: r.contact_id,
      callerName: r.caller_name,
      callerPhone: r.caller_phone,
      assetId: r.asset_id,
      assetSerial: asset?.serialNumber ?? null,
      assetModel: asset?.model ?? null,
      contractId: r.contract_id,
      contractNumber: r.contract_id === null ? null : (contracts.get(r.contract_id)?.number ?? null),
      teamId: r.team_id,
      teamName: r.team_id === null ? null : (teams.get(r.team_id) ?? null),
      ownerId: r.owner_id,
      ownerName: r.owner_id === null ? null : (owners.get(r.owner_id)?.displayName ?? null),
      watcherIds: watchers.get(r.id) ?? [],
      parentId: r.parent_id,
      // The investigation of a complaint is internal; the answer is what the complainant hears.
      investigation: who === 'staff' ? r.investigation : '',
      answer: r.answer,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      lastActivityAt: r.last_activity_at,
      closedAt: r.closed_at,
      allowedTransitions: actor ? allowedTransitions(r.kind as TicketKind, r.status as TicketStatus, who) : [],
      nextDeadline: nextDeadline(deadlines.get(r.id), now),
    };
  });
}

function nextDeadline(clock: { kind: string; deadline: number } | undefined, now: number): TicketDto['nextDeadline'] {
  return clock ? { kind: clock.kind, deadline: clock.deadline, state: now > clock.deadline ? 'breached' : 'running' } : null;
}

export function presentEvent(row: TicketEventRow): TicketEventDto {
  return {
    id: row.id,
    at: row.at,
    type: row.type as TicketEventDto['type'],
    internal: row.internal === 1,
    actorId: row.actor_user_id,
    actorName: row.actor_name,
    body: row.body,
    data: JSON.parse(row.data_json) as Record<string, unknown>,
  };
}
