import type { Deps } from '../../deps.js';
import type { Executor } from '../../db/database.js';
import type { NotificationRow } from '../../db/schema.js';
import type { RequestContext } from '../../http/actor.js';
import { AppError } from '../../http/errors.js';
import { decodeCursor, encodeCursor } from '../../http/pagination.js';
import type { ClockAlert } from '../clocks/clock-sweep.service.js';
import type { EscalationTarget } from '../clocks/escalation.js';
import { stockSubjects } from '../parts/catalogue.service.js';
import { teamLeadIds } from '../teams/team.service.js';
import { ticketNumbers } from '../tickets/ticket.service.js';
import { activeStaffIds, activeStaffWithRole } from '../users/user.service.js';
import * as repo from './notification.repository.js';
import type { NotificationDto, NotificationListQuery } from './notification.schemas.js';

/**
 * Turns clock alerts from the outbox into in-app notifications (R4), in the outbox worker's
 * transaction. Each target is resolved now: the ticket's owner if still active staff, else up the
 * chain — its team's lead, else the managers — so an alert never falls on nobody. A person named by
 * two targets of one alert hears it once.
 */
export async function deliverClockAlerts(trx: Executor, deps: Deps, payloads: unknown[]): Promise<void> {
  const alerts = payloads as ClockAlert[];
  const owners = await activeStaffIds(trx, alerts.flatMap((a) => (a.ownerId !== null ? [a.ownerId] : [])));
  const leads = await teamLeadIds(trx, alerts.flatMap((a) => (a.teamId !== null ? [a.teamId] : [])));
  const activeLeads = await activeStaffIds(trx, [...leads.values()].filter((id): id is number => id !== null));
  let managers: number[] | null = null;
  const resolve = async (target: EscalationTarget, alert: ClockAlert): Promise<number[]> => {
    if (target === 'owner') return alert.ownerId !== null && owners.has(alert.ownerId) ? [alert.ownerId] : resolve('team_lead', alert);
    if (target === 'team_lead') {
      const lead = alert.teamId !== null ? leads.get(alert.teamId) : null;
      return lead != null && activeLeads.has(lead) ? [lead] : resolve('manager', alert);
    }
    managers ??= await activeStaffWithRole(trx, 'manager');
    return managers;
  };
  const now = deps.clock.now();
  const rows: repo.NotificationInsert[] = [];
  for (const alert of alerts) {
    const users = new Set<number>();
    for (const target of alert.to) for (const id of await resolve(target, alert)) users.add(id);
    for (const userId of users) {
      rows.push({ user_id: userId, ticket_id: alert.ticketId, kind: alert.kind, clock_kind: alert.clockKind, step: alert.step, deadline: alert.deadline, created_at: now });
    }
  }
  await repo.insertNotifications(trx, rows);
}

async function present(db: Executor, rows: NotificationRow[]): Promise<NotificationDto[]> {
  const numbers = await ticketNumbers(db, rows.flatMap((r) => (r.ticket_id !== null ? [r.ticket_id] : [])));
  const stocked = rows.filter((r) => r.part_id !== null && r.store_id !== null);
  const subjects = await stockSubjects(db, stocked.map((r) => r.part_id!), stocked.map((r) => r.store_id!));
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as NotificationDto['kind'],
    clockKind: r.clock_kind,
    step: r.step,
    ticketId: r.ticket_id,
    ticketNumber: r.ticket_id !== null ? (numbers.get(r.ticket_id) ?? null) : null,
    deadline: r.deadline,
    stock:
      r.part_id !== null && r.store_id !== null
        ? { partId: r.part_id, partNumber: subjects.parts.get(r.part_id) ?? '', storeId: r.store_id, storeName: subjects.stores.get(r.store_id) ?? '' }
        : null,
    createdAt: r.created_at,
    readAt: r.read_at,
  }));
}

/** The requester's notifications, newest first (keyset by id); only unread ones with `unread`. */
export async function listNotifications(deps: Deps, ctx: RequestContext, query: NotificationListQuery) {
  const limit = query.limit ?? 50;
  const beforeId = query.cursor ? (decodeCursor(query.cursor, ['n'])[0] as number) : undefined;
  const rows = await repo.findNotifications(deps.db, ctx.actor!.userId, { unread: query.unread, beforeId, limit: limit + 1 });
  const page = rows.slice(0, limit);
  return { items: await present(deps.db, page), nextCursor: rows.length > limit ? encodeCursor([page[page.length - 1]!.id]) : null };
}

/** How many of the requester's notifications are unread, for the bell's badge. */
export async function unreadCount(deps: Deps, ctx: RequestContext): Promise<{ unread: number }> {
  return { unread: await repo.countUnread(deps.db, ctx.actor!.userId) };
}

/** Marks one of the requester's notifications read; another person's is "not found". */
export async function markNotificationRead(deps: Deps, ctx: RequestContext, id: number): Promise<NotificationDto> {
  const userId = ctx.actor!.userId;
  if (!(await repo.findNotification(deps.db, userId, id))) throw new AppError('notification_not_found');
  await repo.markRead(deps.db, userId, id, deps.clock.now());
  return (await present(deps.db, [(await repo.findNotification(deps.db, userId, id))!]))[0]!;
}

/** Marks all of the requester's notifications read. */
export async function markAllNotificationsRead(deps: Deps, ctx: RequestContext): Promise<{ marked: number }> {
  return { marked: await repo.markAllRead(deps.db, ctx.actor!.userId, deps.clock.now()) };
}

/** Tells engineers they were sent on a visit (R7), in the dispatch's transaction; its planned time is the deadline shown. */
export async function notifyDispatched(trx: Executor, deps: Deps, visit: { userIds: number[]; ticketId: number; plannedAt: number }): Promise<void> {
  const now = deps.clock.now();
  await repo.insertNotifications(
    trx,
    visit.userIds.map((userId) => ({ user_id: userId, ticket_id: visit.ticketId, kind: 'dispatched', clock_kind: null, step: 0, deadline: visit.plannedAt, created_at: now })),
  );
}

/**
 * Tells the storekeepers (else the managers, so it never falls on nobody) that a store's available
 * stock of a part fell below its minimum (R8, issue 7 item 6), in the movement's transaction.
 */
export async function notifyBelowMinimum(trx: Executor, deps: Deps, level: { partId: number; storeId: number }): Promise<void> {
  let userIds = await activeStaffWithRole(trx, 'storekeeper');
  if (userIds.length === 0) userIds = await activeStaffWithRole(trx, 'manager');
  const now = deps.clock.now();
  await repo.insertNotifications(
    trx,
    userIds.map((userId) => ({ user_id: userId, ticket_id: null, kind: 'below_minimum', clock_kind: null, step: 0, deadline: null, part_id: level.partId, store_id: level.storeId, created_at: now })),
  );
}
