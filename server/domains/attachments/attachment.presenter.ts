import type { Executor } from '../../db/database.js';
import { userSummaries } from '../users/user.service.js';
import type { AttachmentRow } from './attachment.repository.js';
import type { AttachmentDto } from './attachment.schemas.js';

/** The one place that decides what of an attachment leaves the server (the storage key never does). */
export async function presentAttachments(db: Executor, rows: AttachmentRow[]): Promise<AttachmentDto[]> {
  const uploaders = await userSummaries(db, rows.flatMap((r) => (r.uploaded_by_user_id === null ? [] : [r.uploaded_by_user_id])));
  return rows.map((r) => {
    const user = r.uploaded_by_user_id === null ? undefined : uploaders.get(r.uploaded_by_user_id);
    return {
      id: r.id,
      ticketId: r.ticket_id,
      name: r.file_name,
      contentType: r.content_type,
      size: r.size,
      sha256: r.sha256,
      internal: r.internal === 1,
      uploadedBy: user ? { id: user.id, name: user.displayName } : null,
      createdAt: r.created_at,
      url: `/api/attachments/${r.id}`,
    };
  });
}
