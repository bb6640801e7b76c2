import type { TFunction } from 'i18next';
import { ATTACHMENT_MAX_BYTES } from '../../api/types';
import { serverErrorText } from '../../components/serverErrors';

/** Types the browser shows inline as a picture (the server refuses SVG, so none can carry script). */
const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/bmp'];

export function isImageType(contentType: string | null | undefined): boolean {
  return !!contentType && IMAGE_TYPES.includes(contentType);
}

/** Where an attachment is downloaded (or shown, for pictures and PDF). */
export function attachmentUrl(id: number): string {
  return `/api/attachments/${id}`;
}

/** `512 B`, `12.3 KB`, `4.5 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export const MAX_SIZE_TEXT = formatBytes(ATTACHMENT_MAX_BYTES);

/** Refuses a too-large file before sending it: the server would answer 413 after the upload. */
export function tooLarge(file: { size: number }): boolean {
  return file.size > ATTACHMENT_MAX_BYTES;
}

/** Why an upload failed, in the console's words for the limits the server enforces. */
export function uploadErrorText(error: unknown, t: TFunction, fileName: string): string {
  const reason = serverErrorText(error, t, {
    body_too_large: t('attachments.tooLarge', { max: MAX_SIZE_TEXT }),
    attachment_empty: t('attachments.empty'),
  });
  return t('attachments.failed', { name: fileName, reason });
}
