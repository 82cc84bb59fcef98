/**
 * Chinese and Japanese are written without spaces, and both search engines' tokenizers (FTS5's
 * unicode61, PostgreSQL's simple parser) keep a run of such characters as one token: "台湾" inside
 * "中国海警进入台湾海峡" could never be found. Indexed text and queries both get a space after every
 * CJK character, so each is a token and a word is a phrase of them. PostgreSQL's migration 6 does
 * the same in SQL for its generated search column, with this character class.
 */
const CJK_CHARACTER = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]/g;

export function spaceCjk(text: string): string {
  return text.replace(CJK_CHARACTER, '$& ');
}

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
    // A term of punctuation only ("&", "–", "/") is no word to either engine: SQLite would find
    // nothing for it, PostgreSQL would drop it. Left out for both.
    if (!/[\p{L}\p{N}]/u.test(text)) continue;
    (negated ? excluded : required).push(text);
  }
  return { required, excluded };
}

/** The FTS5 MATCH expression for parsed terms; every term is quoted, so none acts as an operator. */
export function toFts5Query(terms: SearchTerms): string | null {
  if (terms.required.length === 0) return null;
  const quote = (text: string): string => `"${spaceCjk(text).trim().replace(/"/g, '""')}"`;
  const positive = terms.required.map(quote).join(' AND ');
  if (terms.excluded.length === 0) return positive;
  return `(${positive}) NOT (${terms.excluded.map(quote).join(' OR ')})`;
}
