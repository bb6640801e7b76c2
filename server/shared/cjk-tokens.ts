/**
 * Tokens for the fault archive's full-text search (R1), the approach of Lucene's CJK analyzer:
 * Chinese, Japanese and Korean text becomes overlapping bigrams plus single characters, other
 * text lower-cased words. Most Chinese words are two characters; a trigram index cannot find them
 * at all (SQLite FTS5 `trigram` returns nothing for 漏水, silently). The same function tokenises
 * documents and queries, so both engines agree on what matches.
 */

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const RUN = /([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+)|([\p{L}\p{N}]+)/gu;

/** Documents longer than this are indexed by their beginning. */
const MAX_DOCUMENT = 20_000;

function runs(text: string): { cjk: boolean; value: string }[] {
  const out: { cjk: boolean; value: string }[] = [];
  for (const m of text.normalize('NFKC').toLowerCase().matchAll(RUN)) {
    out.push(m[1] ? { cjk: true, value: m[1] } : { cjk: false, value: m[2]! });
  }
  return out;
}

/** The distinct tokens of a document: CJK unigrams and bigrams, and words. */
export function documentTokens(text: string): string[] {
  const tokens = new Set<string>();
  for (const run of runs(text.slice(0, MAX_DOCUMENT))) {
    if (!run.cjk) {
      if (run.value.length <= 60) tokens.add(run.value);
      continue;
    }
    const chars = [...run.value];
    for (let i = 0; i < chars.length; i++) {
      tokens.add(chars[i]!);
      if (i + 1 < chars.length) tokens.add(chars[i]! + chars[i + 1]!);
    }
  }
  return [...tokens];
}

export interface SearchTerms {
  /** Tokens that must be present exactly: CJK bigrams (or a lone character). */
  exact: string[];
  /** Words that must be present as a prefix of some token (RAID finds raid5). */
  prefix: string[];
}

/**
 * What a query must match: every bigram of a CJK run (a single character alone when the run is
 * one character), and every word as a prefix. Empty when the query has no searchable character.
 */
export function queryTerms(query: string): SearchTerms {
  const exact = new Set<string>();
  const prefix = new Set<string>();
  for (const run of runs(query.slice(0, 200))) {
    if (!run.cjk) {
      prefix.add(run.value.slice(0, 60));
      continue;
    }
    const chars = [...run.value];
    if (chars.length === 1) exact.add(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) exact.add(chars[i]! + chars[i + 1]!);
  }
  return { exact: [...exact], prefix: [...prefix] };
}

export function isCjk(char: string): boolean {
  return CJK.test(char);
}

/** An FTS5 MATCH expression: every term required; tokens hold only letters and digits. */
export function fts5Query(terms: SearchTerms): string {
  return [...terms.exact.map((t) => `"${t}"`), ...terms.prefix.map((t) => `"${t}"*`)].join(' AND ');
}

/** A PostgreSQL tsquery text: every term required, words as prefixes. */
export function tsQuery(terms: SearchTerms): string {
  return [...terms.exact.map((t) => `'${t}'`), ...terms.prefix.map((t) => `'${t}':*`)].join(' & ');
}
