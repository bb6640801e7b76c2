import type { Deps } from '../../deps.js';
import type { Executor } from '../../db/database.js';
import { writeStatement, writeTransaction } from '../../db/group-commit.js';
import { PLACEHOLDERS, type Statement } from '../../db/statements.js';
import type { TicketRow } from '../../db/schema.js';
import { isStaff, type RequestContext } from '../../http/actor.js';
import { AppError } from '../../http/errors.js';
import { decodeCursor, encodeCursor } from '../../http/pagination.js';
import { assertInScope, customerScope } from '../../http/scope.js';
import { documentTokens, queryTerms } from '../../shared/cjk-tokens.js';
import { dayIn } from '../../shared/dates.js';
import { auditStatement, recordAudit } from '../audit/audit.service.js';
import type { ClockKind } from '../clocks/policy.js';
import { newTicketClockStatements, refreshTicketClocks, type ClockTicket, type TimelineEvent } from '../clocks/ticket-clock.service.js';
import { assetFacts } from '../assets/asset.service.js';
import { contactCustomer } from '../contacts/contact.service.js';
import { contractSummaries } from '../contracts/contract.service.js';
import { customerNames } from '../customers/customer.service.js';
import { decideRouting } from '../routing/routing.service.js';
import { teamExists, teamIdsOf, teamNames } from '../teams/team.service.js';
import { activeStaffIds, userSummaries } from '../users/user.service.js';
import { assertFaultClosable } from '../field/closing.js';
import { spareOnSiteFor } from '../parts/stock-query.service.js';
import { presentEvent, presentTickets, type TicketLookups } from './ticket.presenter.js';
import * as repo from './ticket.repository.js';
import { writeNewTicket } from './ticket-batch.js';
import type { AssignBody, CreateTicketBody, EventType, TicketDto, TicketListQuery, UpdateTicketBody } from './ticket.schemas.js';
import { mayTake, nextStatus, type TicketKind, type TicketStatus, type TransitionTarget } from './workflow.js';

/** Number prefixes by kind: 故障 GZ, 咨询 ZX, 投诉 TS, 升级 SJ, 服务 FW. */
const PREFIX: Record<TicketKind, string> = { fault: 'GZ', consultation: 'ZX', complaint: 'TS', upgrade: 'SJ', service_request: 'FW' };

const PORTAL_KINDS: TicketKind[] = ['fault', 'consultation', 'complaint'];

function actorName(ctx: RequestContext): string {
  return ctx.actor?.username ?? 'system';
}

async function loadTicket(db: Executor, ctx: RequestContext, id: number): Promise<TicketRow> {
  return assertInScope(ctx, await repo.findTicketById(db, id), 'ticket_not_found');
}

async function presentOne(deps: Deps, ctx: RequestContext, row: TicketRow): Promise<TicketDto> {
  return (await presentTickets(deps.db, [row], ctx.actor, deps.clock.now()))[0]!;
}

type NewEvent = { type: EventType; internal?: boolean; body?: string; data?: Record<string, unknown> };

function eventRow(deps: Deps, ctx: RequestContext, ticket: Pick<TicketRow, 'id' | 'customer_id'>, event: NewEvent): repo.EventInsert {
  return {
    ticket_id: ticket.id,
    customer_id: ticket.customer_id,
    at: deps.clock.now(),
    type: event.type,
    internal: event.internal ? 1 : 0,
    actor_user_id: ctx.actor?.userId ?? null,
    actor_name: actorName(ctx),
    body: event.body ?? '',
    data_json: JSON.stringify(event.data ?? {}),
  };
}

/** Appends a timeline event (and, for text, a search document) in the caller's transaction. */
async function addEvent(
  trx: Executor,
  deps: Deps,
  ctx: RequestContext,
  ticket: Pick<TicketRow, 'id' | 'customer_id'>,
  event: NewEvent,
): Promise<{ id: number; entry: TimelineEvent }> {
  const row = eventRow(deps, ctx, ticket, event);
  const id = await repo.insertEvent(trx, row);
  if (event.body) {
    await repo.insertSearchDocument(trx, deps.engine, { ticketId: ticket.id, customerId: ticket.customer_id, internal: event.internal ?? false, tokens: documentTokens(event.body) });
  }
  return { id, entry: timelineEntry(ctx, row) };
}

/** A timeline row as the service clocks read it. */
function timelineEntry(ctx: RequestContext, row: repo.EventInsert): TimelineEvent {
  return { type: row.type, at: row.at, internal: row.internal === 1, actorIsStaff: ctx.actor !== null && isStaff(ctx.actor), data: JSON.parse(row.data_json) as Record<string, unknown> };
}

/** What the service clocks need to know of a ticket. */
function clockTicket(row: TicketRow): ClockTicket {
  return { id: row.id, customerId: row.customer_id, contractId: row.contract_id, kind: row.kind, grade: row.grade, ownerId: row.owner_id, teamId: row.team_id, createdAt: row.created_at };
}

/** Recomputes a ticket's clocks (R4) after the timeline entries just written, in their transaction. */
async function refreshClocks(trx: Executor, deps: Deps, ticketId: number, entries: TimelineEvent[]): Promise<TicketRow> {
  const row = (await repo.findTicketById(trx, ticketId))!;
  // A duplicate merged into another ticket gave its clocks up (ticket-links.service.ts); an entry
  // written on it later — an RMA case coming back weeks on, say — must not start them again. A
  // closed ticket of any other kind keeps its clocks, stopped.
  if (row.is_open === 0 && !(await repo.hasClocks(trx, ticketId))) return row;
  await refreshTicketClocks(trx, deps, clockTicket(row), entries);
  return row;
}

function signal(deps: Deps, row: Pick<TicketRow, 'id' | 'number' | 'customer_id'>, action: 'created' | 'updated') {
  deps.live?.publish({ id: row.id, number: row.number, customerId: row.customer_id, action });
}

/**
 * Checks what a new ticket points to and works out its customer, contract and routing. The
 * records it loads on the way are kept for presenting the new ticket.
 */
async function resolveLinks(deps: Deps, ctx: RequestContext, input: CreateTicketBody) {
  const db = deps.db;
  const scope = customerScope(ctx);
  let customerId = scope ?? input.customerId ?? null;
  let contractId: number | null = null;
  const assets = input.assetId ? await assetFacts(db, [input.assetId]) : new Map<number, never>();
  const asset = input.assetId ? assets.get(input.assetId) : undefined;
  if (input.assetId) {
    if (!asset || (customerId !== null && asset.customerId !== customerId)) throw new AppError('ticket_link_invalid', { link: 'asset' }, { field: 'assetId' });
    customerId = asset.customerId;
    contractId = asset.contractId;
  }
  if (customerId === null) throw new AppError('customer_or_asset_required');
  // A contact's customer is their own (scope), and an asset's is checked above.
  const customers = await customerNames(db, [customerId]);
  if (!customers.has(customerId)) throw new AppError('customer_not_found');
  if (input.contactId && (await contactCustomer(db, input.contactId)) !== customerId) {
    throw new AppError('ticket_link_invalid', { link: 'contact' }, { field: 'contactId' });
  }
  if (input.parentId) {
    const parent = await repo.findTicketById(db, input.parentId);
    if (!parent) throw new AppError('ticket_link_invalid', { link: 'parent ticket' }, { field: 'parentId' });
  }
  const contracts = await contractSummaries(db, contractId === null ? [] : [contractId]);
  let teamId = input.teamId ?? null;
  let ownerId = input.ownerId ?? null;
  let teams: Map<number, string>;
  let owners: Awaited<ReturnType<typeof userSummaries>>;
  if (teamId !== null || ownerId !== null) {
    [teams, owners] = await Promise.all([teamNames(db, teamId === null ? [] : [teamId]), userSummaries(db, ownerId === null ? [] : [ownerId])]);
    if (teamId !== null && !teams.has(teamId)) throw new AppError('team_not_found');
    if (ownerId !== null && !owners.get(ownerId)?.activeStaff) throw new AppError('owner_invalid');
  } else {
    // Routing (R1): unless the agent chose, the routing rules decide; with no rule matching, a
    // ticket on a contract goes to its owner engineer, else it waits in the unassigned queue.
    ({ teamId, ownerId, teams, owners } = await decideRouting(db, {
      customerId,
      kind: input.kind,
      category: asset?.category ?? null,
      grade: input.kind === 'fault' ? (input.grade ?? 'general') : null,
      channel: input.channel ?? 'phone',
      contractOwnerId: contractId === null ? null : (contracts.get(contractId)?.ownerEngineerId ?? null),
    }));
  }
  const lookups: TicketLookups = { customers, assets, contracts, teams, owners, watchers: new Map() };
  const contract = contractId === null ? undefined : contracts.get(contractId);
  const clockTerms = contract ? { clockPolicyId: contract.clockPolicyId, calendarId: contract.calendarId, coverage: contract.coverage, sparesOnSite: contract.sparesOnSite } : null;
  // R4 (发生硬件故障后四小时能恢复使用): a fault on a device whose model has an available spare in
  // one of the customer's site or project stores gets the 4-hour hardware clock, as a contract that
  // promises spares on site does. One indexed query, only for faults on a device.
  const spare = input.kind === 'fault' && asset && !clockTerms?.sparesOnSite ? await spareOnSiteFor(db, asset.modelName, customerId) : null;
  return { customerId, contractId, teamId, ownerId, lookups, clockTerms, spare };
}

/**
 * Opens a ticket (R1): the ticket, its first timeline entry, its search document and its audit
 * row are written together or not at all (SQLite: one transaction; PostgreSQL: one statement).
 * A customer contact's ticket comes through the portal, for their own organisation, and is
 * routed by the rules.
 */
export async function createTicket(deps: Deps, ctx: RequestContext, input: CreateTicketBody): Promise<TicketDto> {
  const contact = ctx.actor !== null && !isStaff(ctx.actor);
  if (contact) {
    if (!PORTAL_KINDS.includes(input.kind)) throw new AppError('ticket_kind_not_allowed');
    input = { ...input, channel: 'portal', teamId: null, ownerId: null, parentId: null };
  }
  const links = await resolveLinks(deps, ctx, input);
  const now = deps.clock.now();
  const key = `${PREFIX[input.kind]}-${dayIn(now, deps.config.timeZone).replace(/-/g, '')}`;
  const grade = input.kind === 'fault' ? (input.grade ?? 'general') : null;
  const channel = input.channel ?? 'phone';
  const valuesFor = (number: string): repo.TicketInsert => ({
    number,
    kind: input.kind,
    channel,
    grade,
    non_stopping: input.nonStopping ? 1 : 0,
    cause_unknown: input.causeUnknown ? 1 : 0,
    status: 'new',
    title: input.title.trim(),
    description: input.description ?? '',
    debug_info: input.debugInfo ?? '',
    customer_id: links.customerId,
    contact_id: input.contactId ?? null,
    caller_name: input.callerName?.trim() ?? (contact ? (ctx.actor?.displayName ?? '') : ''),
    caller_phone: input.callerPhone?.trim() ?? '',
    asset_id: input.assetId ?? null,
    contract_id: links.contractId,
    team_id: links.teamId,
    owner_id: links.ownerId,
    parent_id: input.parentId ?? null,
    investigation: '',
    answer: '',
    created_by_user_id: ctx.actor?.userId ?? null,
    created_at: now,
    updated_at: now,
    last_activity_at: now,
    closed_at: null,
    is_open: 1,
  });
  const numbered = (sequence: number) => `${key}-${String(sequence).padStart(repo.NUMBER_WIDTH, '0')}`;
  // What goes with the ticket: its `created` entry, its search document, its audit row and its
  // service clocks (R4).
  const text = `${input.title} ${input.description ?? ''} ${input.debugInfo ?? ''}`;
  const trail = async (row: TicketRow) => {
    const created = eventRow(deps, ctx, row, { type: 'created', data: { number: row.number, kind: input.kind, grade, channel, teamId: links.teamId, ownerId: links.ownerId } });
    // The spare found on site is a timeline entry of its own, so the hardware clock stays when the
    // clocks are recomputed later and the desk sees why it applies.
    const spare = links.spare && eventRow(deps, ctx, row, { type: 'spare_on_site', internal: true, body: `${links.spare.partNumber} · ${links.spare.storeName}`, data: { value: true, ...links.spare } });
    const entries = [created, ...(spare ? [spare] : [])];
    const clocks = await newTicketClockStatements(deps, clockTicket(row), entries.map((e) => timelineEntry(ctx, e)), links.clockTerms);
    const statements: Statement[] = [
      ...entries.map((e) => repo.insertEventQuery(e)),
      repo.insertSearchQuery(deps.engine, {
        ticketId: row.id,
        customerId: links.customerId,
        internal: false,
        // On SQLite the number is still a stand-in here and goes in whole: FTS5's tokenizer
        // splits it into the words documentTokens would make of it.
        tokens: deps.engine === 'sqlite' ? [row.number, ...documentTokens(text)] : documentTokens(`${row.number} ${text}`),
      }),
      auditStatement(deps.clock, ctx, { action: 'ticket.create', entityType: 'ticket', entityId: row.id, after: { number: row.number, kind: input.kind, customerId: links.customerId, title: input.title } }),
      ...clocks.statements,
    ];
    return { statements, nearest: clocks.nearest.get(row.id) };
  };
  let row: TicketRow;
  let nearest: Awaited<ReturnType<typeof trail>>['nearest'];
  if (deps.engine === 'postgres') {
    // With the other tickets opened at the same moment (ticket-batch.ts): the day's number and
    // the id, then the ticket and all that goes with it in one statement, which is atomic.
    ({ row, nearest } = await writeNewTicket(deps.db, {
      key,
      async build(sequence, id) {
        const numberedRow: TicketRow = { id, ...valuesFor(numbered(sequence)) };
        const written = await trail(numberedRow);
        return { statements: [repo.insertTicketQuery(numberedRow), ...written.statements], result: { row: numberedRow, nearest: written.nearest } };
      },
    }));
  } else {
    // Everything is worked out before the transaction, with stand-ins for the id and number, and
    // goes to the writer as one request (db/statements.ts, numberedInsert): the group commit then
    // never waits on this request's JavaScript.
    const values = valuesFor(PLACEHOLDERS.number);
    const written = await trail({ id: PLACEHOLDERS.id, ...values });
    nearest = written.nearest;
    const { rows } = await writeStatement(deps, repo.numberedTicketQuery(deps.db, key, values, written.statements));
    row = { ...values, ...rows[0]! };
  }
  signal(deps, row, 'created');
  return (await presentTickets(deps.db, [row], ctx.actor, deps.clock.now(), { ...links.lookups, deadlines: new Map(nearest ? [[row.id, nearest]] : []) }))[0]!;
}

export async function getTicket(deps: Deps, ctx: RequestContext, id: number): Promise<TicketDto> {
  return presentOne(deps, ctx, await loadTicket(deps.db, ctx, id));
}

async function queueFilter(deps: Deps, ctx: RequestContext, query: TicketListQuery): Promise<repo.TicketFilter | null> {
  const scope = customerScope(ctx);
  if (scope !== null && query.customerId !== undefined && query.customerId !== scope) return null;
  const f: repo.TicketFilter = {
    customerId: scope ?? query.customerId,
    status: query.status,
    kind: query.kind,
    grade: query.grade,
    assetId: query.assetId,
    ownerId: query.ownerId,
    channel: query.channel,
    from: query.from,
    to: query.to,
    teamIds: query.teamId !== undefined ? [query.teamId] : undefined,
    limit: query.limit ?? 50,
  };
  // R4: "breached" — a running clock past its deadline; "soon" — one due within the hour.
  const now = deps.clock.now();
  if (query.due === 'breached') f.dueTo = now;
  if (query.due === 'soon') Object.assign(f, { dueFrom: now, dueTo: now + 3_600_000 });
  const actor = ctx.actor!;
  if (scope === null) {
    if (query.queue === 'mine') f.ownerId = actor.userId;
    if (query.queue === 'unassigned') f.unassigned = true;
    if (query.queue === 'team') f.teamIds = await teamIdsOf(deps.db, actor.userId);
  }
  return f;
}

/**
 * A queue page (mine, my team's, unassigned, all) with filters: newest first, or (sort=deadline)
 * the tickets with a running clock, the soonest deadline first (R4).
 */
export async function listTickets(deps: Deps, ctx: RequestContext, query: TicketListQuery) {
  const f = await queueFilter(deps, ctx, query);
  if (!f) return { items: [], nextCursor: null };
  const now = deps.clock.now();
  if (query.sort === 'deadline') {
    const after = query.cursor ? (decodeCursor(query.cursor, ['n', 'n']) as [number, number]) : undefined;
    const due = await repo.findTicketsByDeadline(deps.db, { ...f, after: after && { deadline: after[0], ticketId: after[1] }, limit: f.limit + 1 });
    const page = due.slice(0, f.limit);
    const rows = new Map((await repo.findTicketsByIds(deps.db, page.map((d) => d.ticket_id))).map((r) => [r.id, r]));
    const deadlines = new Map(page.map((d) => [d.ticket_id, { kind: d.kind as ClockKind, deadline: d.deadline }]));
    const last = page[page.length - 1];
    const ordered = page.flatMap((d) => rows.get(d.ticket_id) ?? []);
    return {
      items: await presentTickets(deps.db, ordered, ctx.actor, now, { deadlines }),
      nextCursor: due.length > f.limit && last ? encodeCursor([last.deadline, last.ticket_id]) : null,
    };
  }
  const beforeId = query.cursor ? (decodeCursor(query.cursor, ['n'])[0] as number) : undefined;
  const rows = await repo.findTickets(deps.db, deps.engine, { ...f, beforeId, limit: f.limit + 1 });
  const page = rows.slice(0, f.limit);
  const nextCursor = rows.length > f.limit ? encodeCursor([page[page.length - 1]!.id]) : null;
  return { items: await presentTickets(deps.db, page, ctx.actor, now), nextCursor };
}

/** Open tickets in each queue, for the queue tabs. */
export async function countQueues(deps: Deps, ctx: RequestContext) {
  const scope = customerScope(ctx);
  const open = { status: 'open', customerId: scope ?? undefined };
  if (scope !== null) {
    const all = await repo.countTickets(deps.db, open);
    return { mine: 0, team: 0, unassigned: 0, all };
  }
  const teamIds = await teamIdsOf(deps.db, ctx.actor!.userId);
  const [mine, team, unassigned, all] = await Promise.all([
    repo.countTickets(deps.db, { ...open, ownerId: ctx.actor!.userId }),
    repo.countTickets(deps.db, { ...open, teamIds }),
    repo.countTickets(deps.db, { ...open, unassigned: true }),
    repo.countTickets(deps.db, open),
  ]);
  return { mine, team, unassigned, all };
}

/** Edits a ticket's fields; each change is a timeline entry, so edits are themselves recorded. */
export async function updateTicket(deps: Deps, ctx: RequestContext, id: number, patch: UpdateTicketBody): Promise<TicketDto> {
  const row = await writeTransaction(deps, async (trx) => {
    const before = await loadTicket(trx, ctx, id);
    const now = deps.clock.now();
    const changes: { field: string; from: unknown; to: unknown; column: keyof repo.TicketPatch; value: unknown }[] = [];
    const track = (field: string, column: keyof repo.TicketPatch, from: unknown, to: unknown) => {
      if (to !== undefined && to !== from) changes.push({ field, from, to, column, value: to });
    };
    track('title', 'title', before.title, patch.title?.trim());
    track('description', 'description', before.description, patch.description);
    track('debugInfo', 'debug_info', before.debug_info, patch.debugInfo);
    if (before.kind === 'fault') track('grade', 'grade', before.grade, patch.grade ?? undefined);
    track('nonStopping', 'non_stopping', before.non_stopping, patch.nonStopping === undefined ? undefined : Number(patch.nonStopping));
    track('causeUnknown', 'cause_unknown', before.cause_unknown, patch.causeUnknown === undefined ? undefined : Number(patch.causeUnknown));
    track('investigation', 'investigation', before.investigation, patch.investigation);
    track('answer', 'answer', before.answer, patch.answer);
    track('parentId', 'parent_id', before.parent_id, patch.parentId);
    const set: repo.TicketPatch = { updated_at: now, last_activity_at: now };
    for (const c of changes) (set as Record<string, unknown>)[c.column] = c.value;
    await repo.updateTicketRow(trx, id, set);
    const entries: TimelineEvent[] = [];
    for (const c of changes) {
      const long = ['description', 'debugInfo', 'investigation', 'answer'].includes(c.field);
      const { entry } = await addEvent(trx, deps, ctx, before, {
        type: 'field',
        internal: c.field === 'investigation',
        data: { field: c.field, from: long ? null : c.from, to: long ? null : c.to },
        body: long ? String(c.to) : undefined,
      });
      entries.push(entry);
    }
    if (patch.watcherIds) {
      const valid = await activeStaffIds(trx, patch.watcherIds);
      await repo.replaceWatchers(trx, id, patch.watcherIds.filter((w) => valid.has(w)));
    }
    if (changes.length) {
      await recordAudit(trx, deps.clock, ctx, { action: 'ticket.update', entityType: 'ticket', entityId: id, after: Object.fromEntries(changes.map((c) => [c.field, c.to])) });
    }
    return refreshClocks(trx, deps, id, entries);
  });
  signal(deps, row, 'updated');
  return presentOne(deps, ctx, row);
}

/**
 * Moves a ticket along its kind's workflow. A step the flow does not allow, or not to this
 * person, is refused with invalid_transition and changes nothing.
 */
export async function transitionTicket(deps: Deps, ctx: RequestContext, id: number, to: TransitionTarget, comment?: string): Promise<TicketDto> {
  const row = await writeTransaction(deps, async (trx) => {
    const ticket = await loadTicket(trx, ctx, id);
    const from = ticket.status as TicketStatus;
    const kind = ticket.kind as TicketKind;
    const next = nextStatus(kind, from, to);
    if (next === null || !mayTake(isStaff(ctx.actor!) ? 'staff' : 'contact', from, to)) {
      throw new AppError('invalid_transition', { kind, from, to }, { from, to });
    }
    if (kind === 'complaint' && next === 'resolved' && (!ticket.investigation.trim() || !ticket.answer.trim())) {
      throw new AppError('complaint_answer_required');
    }
    // R6: a proposed solution is recorded with the step, which stops the solution clock.
    if (next === 'solution_proposed' && !comment?.trim()) throw new AppError('proposal_required');
    // Issue 6: a fault closes only restored (the flow sees to that), with each visit's form signed
    // or excused, and its analysis report delivered or on its clock (R9, R10).
    if (kind === 'fault' && next === 'closed') await assertFaultClosable(trx, id);
    const now = deps.clock.now();
    await repo.updateTicketRow(trx, id, {
      status: next,
      is_open: next === 'closed' ? 0 : 1,
      closed_at: next === 'closed' ? now : null,
      updated_at: now,
      last_activity_at: now,
    });
    const { entry } = await addEvent(trx, deps, ctx, ticket, { type: 'status', body: comment?.trim() || undefined, data: { from, to: next, reopened: to === 'reopened' } });
    await recordAudit(trx, deps.clock, ctx, { action: 'ticket.transition', entityType: 'ticket', entityId: id, before: { status: from }, after: { status: next } });
    return refreshClocks(trx, deps, id, [entry]);
  });
  signal(deps, row, 'updated');
  return presentOne(deps, ctx, row);
}

/**
 * Routes or transfers a ticket to a team and/or an owner engineer (R1): one owner at a time; the
 * reason is kept on the timeline.
 */
export async function assignTicket(deps: Deps, ctx: RequestContext, id: number, input: AssignBody): Promise<TicketDto> {
  const row = await writeTransaction(deps, async (trx) => {
    const ticket = await loadTicket(trx, ctx, id);
    const teamId = input.teamId !== undefined ? input.teamId : ticket.team_id;
    const ownerId = input.ownerId !== undefined ? input.ownerId : ticket.owner_id;
    if (teamId !== null && !(await teamExists(trx, teamId))) throw new AppError('team_not_found');
    if (ownerId !== null && !(await activeStaffIds(trx, [ownerId])).has(ownerId)) throw new AppError('owner_invalid');
    const now = deps.clock.now();
    await repo.updateTicketRow(trx, id, { team_id: teamId, owner_id: ownerId, updated_at: now, last_activity_at: now });
    const [teams, owners] = await Promise.all([teamNames(trx, teamId ? [teamId] : []), userSummaries(trx, ownerId ? [ownerId] : [])]);
    const { entry } = await addEvent(trx, deps, ctx, ticket, {
      type: 'assignment',
      internal: true,
      body: input.reason?.trim() || undefined,
      data: {
        teamId,
        teamName: teamId ? (teams.get(teamId) ?? null) : null,
        ownerId,
        ownerName: ownerId ? (owners.get(ownerId)?.displayName ?? null) : null,
        fromTeamId: ticket.team_id,
        fromOwnerId: ticket.owner_id,
        reason: input.reason ?? null,
      },
    });
    await recordAudit(trx, deps.clock, ctx, { action: 'ticket.assign', entityType: 'ticket', entityId: id, before: { teamId: ticket.team_id, ownerId: ticket.owner_id }, after: { teamId, ownerId } });
    return refreshClocks(trx, deps, id, [entry]);
  });
  signal(deps, row, 'updated');
  return presentOne(deps, ctx, row);
}

/**
 * Adds a reply to the customer (public) or an internal note (staff only) to the timeline; both
 * become searchable in the fault archive, notes only for staff.
 */
export async function addMessage(deps: Deps, ctx: RequestContext, id: number, kind: 'reply' | 'note', body: string) {
  const { ticket, eventId } = await writeTransaction(deps, async (trx) => {
    const ticket = await loadTicket(trx, ctx, id);
    const now = deps.clock.now();
    const { id: eventId, entry } = await addEvent(trx, deps, ctx, ticket, { type: kind, internal: kind === 'note', body: body.trim() });
    await repo.updateTicketRow(trx, id, { updated_at: now, last_activity_at: now });
    await refreshTicketClocks(trx, deps, clockTicket(ticket), [entry]);
    return { ticket, eventId };
  });
  signal(deps, ticket, 'updated');
  return presentEvent((await repo.findEventById(deps.db, eventId))!);
}

/** Records a call on a ticket's timeline (called by the call log). */
export async function logCallOnTicket(
  trx: Executor,
  deps: Deps,
  ctx: RequestContext,
  id: number,
  call: { callerName: string; callerPhone: string; durationSec: number; summary: string; startedAt: number },
) {
  const ticket = await loadTicket(trx, ctx, id);
  const now = deps.clock.now();
  // startedAt tells the clocks whether the call came after the ticket opened (a response, R4).
  const { entry } = await addEvent(trx, deps, ctx, ticket, { type: 'call', body: call.summary || undefined, data: call });
  await repo.updateTicketRow(trx, id, { updated_at: now, last_activity_at: now });
  await refreshTicketClocks(trx, deps, clockTicket(ticket), [entry]);
  return ticket;
}

/** A ticket's timeline, oldest first; a customer contact sees no internal events. */
export async function listEvents(deps: Deps, ctx: RequestContext, id: number, query: { cursor?: string; limit?: number }) {
  await loadTicket(deps.db, ctx, id);
  const limit = query.limit ?? 100;
  const afterId = query.cursor ? (decodeCursor(query.cursor, ['n'])[0] as number) : undefined;
  const rows = await repo.findEvents(deps.db, id, { includeInternal: isStaff(ctx.actor!), afterId, limit: limit + 1 });
  const page = rows.slice(0, limit);
  return { items: page.map(presentEvent), nextCursor: rows.length > limit ? encodeCursor([page[page.length - 1]!.id]) : null };
}

/**
 * The fault archive's search (R1): tickets whose text, replies or (for staff) notes hold every
 * term of the query — Chinese by bigrams, so 漏水 and 宕机 are found — newest first.
 */
export async function searchTickets(deps: Deps, ctx: RequestContext, query: { q: string; cursor?: string; limit?: number }) {
  const terms = queryTerms(query.q);
  if (terms.exact.length + terms.prefix.length === 0) throw new AppError('search_terms_required');
  const limit = query.limit ?? 50;
  const beforeId = query.cursor ? (decodeCursor(query.cursor, ['n'])[0] as number) : undefined;
  const ids = await repo.searchTicketIds(deps.db, deps.engine, terms, {
    customerId: customerScope(ctx),
    includeInternal: isStaff(ctx.actor!),
    beforeId,
    limit: limit + 1,
  });
  const pageIds = ids.slice(0, limit);
  const rows = await repo.findTicketsByIds(deps.db, pageIds);
  rows.sort((a, b) => b.id - a.id);
  return { items: await presentTickets(deps.db, rows, ctx.actor, deps.clock.now()), nextCursor: ids.length > limit ? encodeCursor([pageIds[pageIds.length - 1]!]) : null };
}

/** Ticket numbers by id, for the call log and other domains' presenters. */
export async function ticketNumbers(db: Executor, ids: number[]): Promise<Map<number, string>> {
  const rows = await repo.findTicketsByIds(db, [...new Set(ids)]);
  return new Map(rows.map((r) => [r.id, r.number]));
}

/**
 * Checks that the requester may see a ticket (its customer's scope) and returns its customer, for
 * attachments and other records hung on tickets; "not found" otherwise.
 */
export async function ticketForAttachment(db: Executor, ctx: RequestContext, id: number): Promise<{ id: number; customerId: number }> {
  const row = await loadTicket(db, ctx, id);
  return { id: row.id, customerId: row.customer_id };
}

/** Records an uploaded attachment on a ticket's timeline, in the caller's transaction. */
export async function recordAttachmentEvent(
  trx: Executor,
  deps: Deps,
  ctx: RequestContext,
  ticketId: number,
  attachment: { id: number; name: string; size: number; contentType: string; internal: boolean },
): Promise<void> {
  const ticket = await loadTicket(trx, ctx, ticketId);
  const now = deps.clock.now();
  await addEvent(trx, deps, ctx, ticket, { type: 'attachment', internal: attachment.internal, data: { attachmentId: attachment.id, name: attachment.name, size: attachment.size, contentType: attachment.contentType } });
  await repo.updateTicketRow(trx, ticketId, { updated_at: now, last_activity_at: now });
  // An attachment means nothing to the clocks: no refresh.
}

export type TicketEventInput = NewEvent;

/**
 * Loads a ticket the requester may see ("not found" otherwise), for domains that hang records on
 * tickets (field service). In the caller's transaction when given one.
 */
export async function ticketInScope(db: Executor, ctx: RequestContext, id: number): Promise<TicketRow> {
  return loadTicket(db, ctx, id);
}

/**
 * Records another domain's step on a ticket in the caller's transaction (field service, issue 6):
 * appends the timeline entries, moves the ticket to `moveTo` when its flow allows that step from
 * where it stands (or refuses with invalid_transition when `mustMove`), audits the move, and
 * recomputes the clocks from all of it. Call `ticketChanged` after the commit.
 */
export async function recordOnTicket(
  trx: Executor,
  deps: Deps,
  ctx: RequestContext,
  id: number,
  input: { events: NewEvent[]; moveTo?: TicketStatus; mustMove?: boolean },
): Promise<TicketRow> {
  const ticket = await loadTicket(trx, ctx, id);
  const entries: TimelineEvent[] = [];
  for (const event of input.events) entries.push((await addEvent(trx, deps, ctx, ticket, event)).entry);
  const now = deps.clock.now();
  const from = ticket.status as TicketStatus;
  const to = input.moveTo;
  const next = to && to !== from ? nextStatus(ticket.kind as TicketKind, from, to) : null;
  if (to && to !== from && next === null && input.mustMove) throw new AppError('invalid_transition', { kind: ticket.kind, from, to }, { from, to });
  if (next !== null) {
    await repo.updateTicketRow(trx, id, { status: next, is_open: 1, closed_at: null, updated_at: now, last_activity_at: now });
    entries.push((await addEvent(trx, deps, ctx, ticket, { type: 'status', data: { from, to: next, reopened: false } })).entry);
    await recordAudit(trx, deps.clock, ctx, { action: 'ticket.transition', entityType: 'ticket', entityId: id, before: { status: from }, after: { status: next } });
  } else {
    await repo.updateTicketRow(trx, id, { updated_at: now, last_activity_at: now });
  }
  return refreshClocks(trx, deps, id, entries);
}

/** Tells the live queues that a ticket changed, after the transaction that changed it. */
export function ticketChanged(deps: Deps, row: Pick<TicketRow, 'id' | 'number' | 'customer_id'>): void {
  signal(deps, row, 'updated');
}

/** What other domains' presenters show of tickets (visits, forms, reports), by id. */
export async function ticketFacts(db: Executor, ids: number[]) {
  const rows = await repo.findTicketsByIds(db, [...new Set(ids)]);
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        number: r.number,
        title: r.title,
        kind: r.kind,
        status: r.status,
        grade: r.grade,
        customerId: r.customer_id,
        assetId: r.asset_id,
        callerName: r.caller_name,
        callerPhone: r.caller_phone,
        createdAt: r.created_at,
      },
    ]),
  );
}
