import { createHash } from 'node:crypto';
import type { Deps } from '../../deps.js';
import { isStaff, type RequestContext } from '../../http/actor.js';
import { AppError, isAppError } from '../../http/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { recordAttachmentEvent, ticketForAttachment } from '../tickets/ticket.service.js';
import { presentAttachments } from './attachment.presenter.js';
import * as repo from './attachment.repository.js';
import type { AttachmentDto } from './attachment.schemas.js';
import { newStorageKey, type BlobStorage } from './attachment.storage.js';
import { displayName } from './file-name.js';
import { detectType, isPreviewable } from './file-type.js';

/** What the attachment services need: the usual deps and where the bytes go. */
export interface AttachmentDeps extends Deps {
  storage: BlobStorage;
}

// A ticket with more files than this is unusual; the list stays one bounded query.
const LIST_LIMIT = 500;

function maySeeInternal(ctx: RequestContext): boolean {
  return ctx.actor !== null && isStaff(ctx.actor);
}

/**
 * Stores a file on a ticket. The type comes from the bytes; markup (HTML, SVG, XML) is refused
 * whatever the name says. The blob is written first, then the row, the timeline event and the
 * audit row commit together; if that fails the blob is removed again.
 */
export async function uploadAttachment(
  deps: AttachmentDeps,
  ctx: RequestContext,
  ticketId: number,
  input: { name: string; internal: boolean; data: Buffer | undefined },
): Promise<AttachmentDto> {
  const ticket = await ticketForAttachment(deps.db, ctx, ticketId);
  if (input.internal && !maySeeInternal(ctx)) throw new AppError('forbidden');
  const data = input.data;
  if (!data || data.length === 0) throw new AppError('attachment_empty');
  const detected = detectType(data);
  if (!detected.ok) throw new AppError('attachment_type_refused', {}, { reason: detected.reason });

  const name = displayName(input.name);
  const now = deps.clock.now();
  const key = newStorageKey(now);
  const sha256 = createHash('sha256').update(data).digest('hex');
  await deps.storage.put(key, data);
  let id: number;
  try {
    id = await deps.db.transaction().execute(async (trx) => {
      const id = await repo.insertAttachment(trx, {
        ticket_id: ticket.id,
        customer_id: ticket.customerId,
        file_name: name,
        content_type: detected.contentType,
        size: data.length,
        sha256,
        storage_key: key,
        internal: input.internal ? 1 : 0,
        uploaded_by_user_id: ctx.actor?.userId ?? null,
        created_at: now,
      });
      await recordAttachmentEvent(trx, deps, ctx, ticket.id, { id, name, size: data.length, contentType: detected.contentType, internal: input.internal });
      await recordAudit(trx, deps.clock, ctx, {
        action: 'attachment.create',
        entityType: 'attachment',
        entityId: id,
        after: { ticketId: ticket.id, name, contentType: detected.contentType, size: data.length, sha256, internal: input.internal },
      });
      return id;
    });
  } catch (error) {
    await deps.storage.delete(key).catch(() => undefined);
    throw error;
  }
  return (await presentAttachments(deps.db, [(await repo.findAttachmentById(deps.db, id))!]))[0]!;
}

/** A ticket's attachments, oldest first; a customer contact sees no internal ones. */
export async function listAttachments(deps: AttachmentDeps, ctx: RequestContext, ticketId: number): Promise<{ items: AttachmentDto[] }> {
  const ticket = await ticketForAttachment(deps.db, ctx, ticketId);
  const rows = await repo.findAttachmentsByTicket(deps.db, ticket.id, { includeInternal: maySeeInternal(ctx), limit: LIST_LIMIT });
  return { items: await presentAttachments(deps.db, rows) };
}

/**
 * One attachment's bytes for download, if the requester may see its ticket (and, for internal
 * files, is staff). Anything else — another customer's ticket, an internal file asked for by a
 * contact — answers attachment_not_found, exactly like an id that does not exist.
 */
export async function readAttachment(deps: AttachmentDeps, ctx: RequestContext, id: number) {
  const row = await repo.findAttachmentById(deps.db, id);
  if (!row || (row.internal === 1 && !maySeeInternal(ctx))) throw new AppError('attachment_not_found');
  try {
    await ticketForAttachment(deps.db, ctx, row.ticket_id);
  } catch (error) {
    if (isAppError(error) && error.code === 'ticket_not_found') throw new AppError('attachment_not_found');
    throw error;
  }
  const data = await deps.storage.get(row.storage_key);
  // A row without its bytes is lost data, not a client error: let it surface as a logged 500.
  if (!data) throw new Error(`attachment ${row.id}: no blob under ${row.storage_key}`);
  return { name: row.file_name, contentType: row.content_type, preview: isPreviewable(row.content_type), data };
}
