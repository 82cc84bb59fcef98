/** A user's search query, split into what must appear and what must not. */
export interface SearchTerms {
  /** Words and quoted phrases that must all appear. */
  required: string[];
  /** Words and phrases written with a leading minus: results containing them are dropped. */
  excluded: string[];
}

/**
 * Split a query as people type it: `"coast guard" senkaku -drill`. Quotes group a phrase, a leading
 * `-` excludes. Operators of the underlying search engine are never passed through raw.
 */
export function parseSearchQuery(query: string): SearchTerms {
  const required: string[] = [];
  const excluded: string[] = [];
  const token = /(-?)(?:"([^"]*)"|(\S+))/g;
  for (const match of query.matchAll(token)) {
    const negated = match[1] === '-';
    const text = (match[2] ?? match[3] ?? '').replace(/["*^:()]/g, ' ').trim();
    if (!text) continue;
    (negated ? excluded : required).push(text);
  }
  return { required, excluded };
}

/** The FTS5 MATCH expression for parsed terms; every term is quoted, so none acts as an operator. */
export function toFts5Query(terms: SearchTerms): string | null {
  if (terms.required.length === 0) return null;
  const quote = (text: string): string => `"${text.replace(/"/g, '""')}"`;
  const positive = terms.required.map(quote).join(' AND ');
  if (terms.excluded.length === 0) return positive;
  return `(${positive}) NOT (${terms.excluded.map(quote).join(' OR ')})`;
}
