/**
 * Turning what a person typed into search terms: words of letters and digits, lower-cased, at most
 * a handful. Both full-text engines then match each term as a prefix, all terms required, so no
 * character of the input ever reaches a query language unescaped.
 */
const MAX_TERMS = 8;
const MAX_TERM_LENGTH = 64;

export function searchTerms(query: string): string[] {
  const words =
    query
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words.map((w) => w.slice(0, MAX_TERM_LENGTH)))].slice(0, MAX_TERMS);
}

/** FTS5: each term a quoted string with a prefix star; juxtaposition means AND. */
export function ftsMatchExpression(terms: string[]): string {
  return terms.map((t) => `"${t.replace(/"/g, '""')}"*`).join(' ');
}

/** PostgreSQL tsquery: each term a quoted lexeme with prefix matching, joined by AND. */
export function tsQueryExpression(terms: string[]): string {
  return terms.map((t) => `'${t.replace(/'/g, "''").replace(/\\/g, '\\\\')}':*`).join(' & ');
}

/** Escapes LIKE wildcards so a person's input matches literally (used with `escape '\'`). */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
