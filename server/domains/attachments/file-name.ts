/**
 * Uploaded file names are shown to people and offered back on download, nothing else: they never
 * choose a path or a type. Pure: no I/O.
 */

const MAX_NAME_LENGTH = 200;

/**
 * A file name fit for display: no directory part, no control or bidirectional-override characters
 * (which can disguise `gpj.exe` as `exe.jpg`), whitespace collapsed, at most 200 characters with
 * the extension kept; `attachment` when nothing is left.
 */
export function displayName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  let name = base
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .trim()
    .replace(/^\.+/, '');
  const chars = [...name];
  if (chars.length > MAX_NAME_LENGTH) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 16 ? [...name.slice(dot)] : [];
    name = chars.slice(0, MAX_NAME_LENGTH - ext.length).join('') + ext.join('');
  }
  return name || 'attachment';
}

// RFC 8187 attr-char: everything else in a filename* value is percent-encoded.
function encodeRfc8187(value: string): string {
  return encodeURIComponent(value).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * A Content-Disposition value: `inline` or `attachment`, an ASCII fallback name for old clients
 * and the exact UTF-8 name in `filename*` (RFC 6266), so no name can break out of the header.
 */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encodeRfc8187(name)}`;
}
