import { Fragment } from 'react';

/** Search terms: words and CJK runs of the query, longest first so they win over their parts. */
function termsOf(q: string): string[] {
  return [...new Set(q.split(/[\s,，。;；、]+/).map((x) => x.trim()).filter((x) => x.length > 0))].sort((a, b) => b.length - a.length);
}

/** Up to ~120 characters of the text around the first term found (the server sends no snippet). */
export function excerpt(text: string, q: string, size = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= size) return flat;
  const lower = flat.toLowerCase();
  const at = termsOf(q).map((x) => lower.indexOf(x.toLowerCase())).filter((i) => i >= 0).sort((a, b) => a - b)[0] ?? 0;
  const start = Math.max(0, Math.min(at - 30, flat.length - size));
  return `${start > 0 ? '…' : ''}${flat.slice(start, start + size)}${start + size < flat.length ? '…' : ''}`;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Text with the query's terms marked. Tags the server may have put in a snippet are dropped, so
 * nothing from the data is ever rendered as markup.
 */
export function Highlight({ text, q }: { text: string; q: string }) {
  const plain = text.replace(/<\/?[a-z][^>]*>/gi, '');
  const terms = termsOf(q);
  if (terms.length === 0) return <>{plain}</>;
  const re = new RegExp(`(${terms.map(escape).join('|')})`, 'gi');
  const parts = plain.split(re);
  return (
    <>
      {parts.map((p, i) =>
        i % 2 === 1 ? (
          <mark key={i} style={{ padding: 0, background: '#ffe58f' }}>
            {p}
          </mark>
        ) : (
          <Fragment key={i}>{p}</Fragment>
        ),
      )}
    </>
  );
}
