/**
 * What a file is, judged from its first bytes (magic numbers) — never from its name or the type
 * the client claims. Pure: no I/O, tested on its own.
 */

export type Detected = { ok: true; contentType: string } | { ok: false; reason: 'markup' };

export const OOXML_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
} as const;

// Images and PDFs are shown in the browser (previews); everything else is a download.
const PREVIEWABLE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf']);

function startsWith(data: Buffer, bytes: number[] | string, at = 0): boolean {
  const magic = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : Buffer.from(bytes);
  return data.length >= at + magic.length && data.subarray(at, at + magic.length).equals(magic);
}

const WHITESPACE = new Set([0x09, 0x0a, 0x0c, 0x0d, 0x20]);

/**
 * True when the content opens, after an optional byte-order mark and whitespace, with `<`: HTML,
 * SVG, XML and the like. A browser may run script in such a file whatever its declared type, so
 * these are refused outright rather than trusted to headers.
 */
export function looksLikeMarkup(data: Buffer): boolean {
  // UTF-16 with a byte-order mark: look at every other byte.
  if (startsWith(data, [0xff, 0xfe]) || startsWith(data, [0xfe, 0xff])) {
    const le = data[0] === 0xff;
    for (let i = 2; i + 1 < data.length; i += 2) {
      const unit = le ? data[i]! | (data[i + 1]! << 8) : (data[i]! << 8) | data[i + 1]!;
      if (unit === 0x3c) return true;
      if (!WHITESPACE.has(unit)) return false;
    }
    return false;
  }
  let i = startsWith(data, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  while (i < data.length && WHITESPACE.has(data[i]!)) i++;
  return data[i] === 0x3c;
}

/**
 * Office Open XML documents are ZIP archives whose entry names say what they are; the names sit
 * uncompressed in the local headers, so a byte search tells them apart without unzipping.
 */
function zipType(data: Buffer): string {
  if (data.includes('[Content_Types].xml', 0, 'latin1')) {
    if (data.includes('word/document.xml', 0, 'latin1')) return OOXML_TYPES.docx;
    if (data.includes('xl/workbook.xml', 0, 'latin1')) return OOXML_TYPES.xlsx;
    if (data.includes('ppt/presentation.xml', 0, 'latin1')) return OOXML_TYPES.pptx;
  }
  return 'application/zip';
}

function isUtf8Text(data: Buffer): boolean {
  if (data.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(data);
    return true;
  } catch {
    return false;
  }
}

/**
 * The content type of a file from its bytes: PNG, JPEG, GIF, WebP, PDF, ZIP (and .docx/.xlsx/.pptx
 * inside it), gzip, 7z, UTF-8 text, else application/octet-stream. Markup (HTML, SVG, XML) is
 * refused.
 */
export function detectType(data: Buffer): Detected {
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { ok: true, contentType: 'image/png' };
  if (startsWith(data, [0xff, 0xd8, 0xff])) return { ok: true, contentType: 'image/jpeg' };
  if (startsWith(data, 'GIF87a') || startsWith(data, 'GIF89a')) return { ok: true, contentType: 'image/gif' };
  if (startsWith(data, 'RIFF') && startsWith(data, 'WEBP', 8)) return { ok: true, contentType: 'image/webp' };
  if (startsWith(data, '%PDF-')) return { ok: true, contentType: 'application/pdf' };
  if (startsWith(data, [0x50, 0x4b, 0x03, 0x04]) || startsWith(data, [0x50, 0x4b, 0x05, 0x06])) return { ok: true, contentType: zipType(data) };
  if (startsWith(data, [0x1f, 0x8b, 0x08])) return { ok: true, contentType: 'application/gzip' };
  if (startsWith(data, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return { ok: true, contentType: 'application/x-7z-compressed' };
  if (looksLikeMarkup(data)) return { ok: false, reason: 'markup' };
  if (isUtf8Text(data)) return { ok: true, contentType: 'text/plain' };
  return { ok: true, contentType: 'application/octet-stream' };
}

/** Whether the browser may show the file in place (images, PDF) rather than download it. */
export function isPreviewable(contentType: string): boolean {
  return PREVIEWABLE.has(contentType);
}
