import type { Deps } from '../../deps.js';
import { writeTransaction } from '../../db/group-commit.js';
import type { TicketResolutionRow } from '../../db/schema.js';
import type { RequestContext } from '../../http/actor.js';
import { AppError } from '../../http/errors.js';
import { decodeCursor, encodeCursor } from '../../http/pagination.js';
import { recordAudit } from '../audit/audit.service.js';
import { getAsset, updateAssetIn } from '../assets/asset.service.js';
import { recordOnTicket, ticketChanged, ticketInScope } from '../tickets/ticket.service.js';
import { userSummaries } from '../users/user.service.js';
import * as repo from './field.repository.js';
import type { AssetRepairsDto, ResolutionBody, ResolutionDto, ResolutionMethod } from './field.schemas.js';
import { findFormsOfTickets } from './service-form.repository.js';

const SOFTWARE: readonly ResolutionMethod[] = ['config_change', 'software_update'];

/** Statuses in which service is already back: recording the resolution again moves nothing. */
const RESTORED = new Set(['restored', 'awaiting_confirmation']);

async function present(deps: Deps, row: TicketResolutionRow): Promise<ResolutionDto> {
  const people = row.recorded_by_user_id === null ? new Map() : await userSummaries(deps.db, [row.recorded_by_user_id]);
  return {
    ticketId: row.ticket_id,
    method: row.method as ResolutionMethod,
    kind: SOFTWARE.includes(row.method as ResolutionMethod) ? 'software' : 'hardware',
    details: row.details,
    rootCause: row.root_cause,
    versionBefore: row.version_before,
    versionAfter: row.version_after,
    restoredAt: row.restored_at,
    recordedBy: row.recorded_by_user_id === null ? null : (people.get(row.recorded_by_user_id)?.displayName ?? null),
    recordedAt: row.recorded_at,
  };
}

/** How a ticket's fault was fixed, or null before it is recorded. */
export async function getResolution(deps: Deps, ctx: RequestContext, ticketId: number): Promise<ResolutionDto | null> {
  await ticketInScope(deps.db, ctx, ticketId);
  const row = await repo.findResolution(deps.db, ticketId);
  return row ? present(deps, row) : null;
}

/**
 * Records how a fault was fixed and when service came back (R6): by configuration or a software
 * update — which writes the new version into the asset record and its history — or by hardware
 * repair or replacement. The restoration time stops the restore clocks (R4) and the ticket moves
 * to restored; a step its flow does not allow from where it stands is refused.
 */
export async function recordResolution(deps: Deps, ctx: RequestContext, ticketId: number, input: ResolutionBody): Promise<ResolutionDto> {
  const ticket = await writeTransaction(deps, async (trx) => {
    const ticket = await ticketInScope(trx, ctx, ticketId);
    if (ticket.kind !== 'fault') throw new AppError('field_service_not_applicable');
    if (ticket.status === 'closed') throw new AppError('ticket_closed');
    const now = deps.clock.now();
    const problems: string[] = [];
    if (input.restoredAt > now) problems.push('restoredAt is in the future');
    if (input.restoredAt < ticket.created_at) problems.push('restoredAt is before the fault was reported');
    if (!input.details.trim()) problems.push('details are required');
    if (input.method === 'software_update' && !input.versionAfter?.trim()) problems.push('versionAfter is required for a software update');
    if (problems.length > 0) throw new AppError('resolution_invalid', { summary: problems.join('; ') }, { problems });
    const before = await repo.findResolution(trx, ticketId);
    const row = {
      ticket_id: ticketId,
      customer_id: ticket.customer_id,
      method: input.method,
      details: input.details.trim(),
      root_cause: input.rootCause?.trim() ?? '',
      version_before: input.versionBefore?.trim() ?? '',
      version_after: input.versionAfter?.trim() ?? '',
      restored_at: input.restoredAt,
      recorded_by_user_id: ctx.actor?.userId ?? null,
      recorded_at: now,
    };
    await repo.upsertResolution(trx, row);
    if (input.method === 'software_update' && ticket.asset_id !== null) {
      // The seed: 定期核实系统变化,如序列号、版本…及固件版本 — the asset record follows the update.
      const field = input.versionField === 'firmware' ? 'firmwareVersion' : 'softwareVersion';
      await updateAssetIn(trx, deps, ctx, ticket.asset_id, { [field]: row.version_after, changeNote: `${ticket.number}` }, 'repair');
    }
    const moved = await recordOnTicket(trx, deps, ctx, ticketId, {
      events: [
        {
          type: 'resolution',
          body: row.details,
          data: { method: row.method, restoredAt: row.restored_at, rootCause: row.root_cause, versionBefore: row.version_before, versionAfter: row.version_after },
        },
      ],
      moveTo: RESTORED.has(ticket.status) ? undefined : 'restored',
      mustMove: true,
    });
    await recordAudit(trx, deps.clock, ctx, { action: 'ticket.resolution', entityType: 'ticket', entityId: ticketId, before: before ?? null, after: row });
    return moved;
  });
  ticketChanged(deps, ticket);
  return present(deps, (await repo.findResolution(deps.db, ticketId))!);
}

/**
 * The maintenance archive of an asset (R13, 维保专项档案): its tickets, newest first, each with how it
 * was fixed and its visits with their service forms, and counts over all of them.
 */
export async function listAssetRepairs(deps: Deps, ctx: RequestContext, assetId: number, query: { cursor?: string; limit?: number }): Promise<AssetRepairsDto> {
  await getAsset(deps, ctx, assetId);
  const limit = query.limit ?? 20;
  const beforeId = query.cursor ? (decodeCursor(query.cursor, ['n'])[0] as number) : undefined;
  const tickets = await repo.findTicketsOfAsset(deps.db, assetId, { beforeId, limit: limit + 1 });
  const page = tickets.slice(0, limit);
  const ids = page.map((t) => t.id);
  const [resolutions, visits, forms, counts] = await Promise.all([
    repo.findResolutions(deps.db, ids),
    repo.findDispatchesOfTickets(deps.db, ids),
    findFormsOfTickets(deps.db, ids),
    repo.countRepairsOfAsset(deps.db, assetId),
  ]);
  const engineers = await repo.findDispatchEngineers(deps.db, visits.map((v) => v.id));
  const people = await userSummaries(deps.db, [...engineers.values()].flat());
  const latestForm = new Map(forms.map((f) => [f.dispatch_id, f]));
  const resolutionOf = new Map(resolutions.map((r) => [r.ticket_id, r]));
  const satisfaction = (s: string) => counts.forms.find((f) => f.satisfaction === s)?.n ?? 0;
  return {
    counts: {
      tickets: counts.tickets,
      visits: counts.visits,
      signedForms: counts.forms.reduce((n, f) => n + f.n, 0),
      satisfied: satisfaction('satisfied'),
      average: satisfaction('average'),
      dissatisfied: satisfaction('dissatisfied'),
    },
    items: page.map((t) => {
      const resolution = resolutionOf.get(t.id);
      return {
        ticketId: t.id,
        ticketNumber: t.number,
        title: t.title,
        kind: t.kind,
        status: t.status,
        createdAt: t.created_at,
        closedAt: t.closed_at,
        resolution: resolution ? { method: resolution.method, restoredAt: resolution.restored_at, rootCause: resolution.root_cause } : null,
        visits: visits
          .filter((v) => v.ticket_id === t.id)
          .map((v) => {
            const form = latestForm.get(v.id);
            return {
              id: v.id,
              number: v.number,
              state: v.state,
              arrivedAt: v.arrived_at,
              leftAt: v.left_at,
              engineers: (engineers.get(v.id) ?? []).map((id) => people.get(id)?.displayName ?? String(id)),
              form: form ? { id: form.id, version: form.version, state: form.state, satisfaction: form.satisfaction, signedAt: form.signed_at } : null,
            };
          }),
      };
    }),
    nextCursor: tickets.length > limit ? encodeCursor([page[page.length - 1]!.id]) : null,
  };
}
