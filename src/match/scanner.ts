/**
 * The one-pass term scanner. A single regular expression of ~1 900 alternatives is what V8 runs
 * slowest (it tries the alternatives at every position), so terms are indexed instead: Latin-script
 * terms by their first word, CJK terms by their text, and the text is walked once, word by word and
 * CJK run by CJK run, taking the longest term that starts at each place.
 */

const WORD = /[A-Za-z0-9]+/g;
const CJK_RUN = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+/g;
const CJK_CHAR = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]/;

interface LatinTerm {
  key: string;
  /** Lower-cased words after the first. */
  words: string[];
  /** What stands between consecutive words: ' ' (any white space), '-', "'" (or ’), '.'. */
  separators: string[];
  /** What must follow the last word: '' (nothing), '-' (a prefix such as "Sino-"), '.' ("U.S."). */
  trailing: string;
  length: number;
}

export interface TermIndex {
  latin: Map<string, LatinTerm[]>;
  cjk: Set<string>;
  cjkMaxLength: number;
  cjkMinLength: number;
}

export interface ScannedTerm {
  key: string;
  text: string;
  offset: number;
}

export function buildTermIndex(keys: Iterable<string>): TermIndex {
  const index: TermIndex = { latin: new Map(), cjk: new Set(), cjkMaxLength: 0, cjkMinLength: Number.MAX_SAFE_INTEGER };
  for (const key of keys) {
    if (CJK_CHAR.test(key)) {
      index.cjk.add(key);
      index.cjkMaxLength = Math.max(index.cjkMaxLength, key.length);
      index.cjkMinLength = Math.min(index.cjkMinLength, key.length);
      continue;
    }
    const words = key.match(WORD);
    if (!words || words.length === 0) continue;
    const separators: string[] = [];
    let position = key.indexOf(words[0]!) + words[0]!.length;
    for (const word of words.slice(1)) {
      const next = key.indexOf(word, position);
      separators.push(normalizeSeparator(key.slice(position, next)));
      position = next + word.length;
    }
    const term: LatinTerm = { key, words: words.slice(1), separators, trailing: key.slice(position), length: key.length };
    const list = index.latin.get(words[0]!) ?? [];
    list.push(term);
    list.sort((a, b) => b.words.length - a.words.length || b.length - a.length); // longest first
    index.latin.set(words[0]!, list);
  }
  return index;
}

function normalizeSeparator(separator: string): string {
  if (/^\s+$/.test(separator)) return ' ';
  return separator.replace(/’/g, "'");
}

/** Every term in `text`, left to right, the longest at each place, none overlapping. */
export function scanTerms(index: TermIndex, text: string): ScannedTerm[] {
  const found: ScannedTerm[] = [];
  const lower = text.toLowerCase();
  const words: Array<{ start: number; end: number }> = [];
  for (const match of text.matchAll(WORD)) words.push({ start: match.index, end: match.index + match[0].length });
  for (let i = 0; i < words.length; ) {
    const first = words[i]!;
    const candidates = index.latin.get(lower.slice(first.start, first.end));
    let matchedWords = 0;
    let matchEnd = 0;
    if (candidates) {
      for (const term of candidates) {
        const end = matchAt(term, words, i, lower);
        if (end >= 0) {
          matchedWords = term.words.length + 1;
          matchEnd = end;
          break;
        }
      }
    }
    if (matchedWords > 0) {
      found.push({ key: lower.slice(first.start, matchEnd), text: text.slice(first.start, matchEnd), offset: first.start });
      i += matchedWords;
    } else {
      i++;
    }
  }
  if (index.cjk.size > 0) {
    for (const match of text.matchAll(CJK_RUN)) {
      const run = match[0];
      for (let p = 0; p < run.length; ) {
        let length = Math.min(index.cjkMaxLength, run.length - p);
        while (length >= index.cjkMinLength && !index.cjk.has(run.slice(p, p + length))) length--;
        if (length >= index.cjkMinLength) {
          found.push({ key: run.slice(p, p + length), text: run.slice(p, p + length), offset: match.index + p });
          p += length;
        } else {
          p++;
        }
      }
    }
    found.sort((a, b) => a.offset - b.offset);
  }
  return found;
}

/** Where the term starting at word `i` ends in the text, or -1 when it does not match there. */
function matchAt(term: LatinTerm, words: Array<{ start: number; end: number }>, i: number, lower: string): number {
  let previous = words[i]!;
  for (let k = 0; k < term.words.length; k++) {
    const word = words[i + k + 1];
    if (!word) return -1;
    if (!separatorMatches(lower.slice(previous.end, word.start), term.separators[k]!)) return -1;
    if (lower.slice(word.start, word.end) !== term.words[k]) return -1;
    previous = word;
  }
  if (term.trailing && !lower.startsWith(term.trailing, previous.end)) return -1;
  return previous.end + term.trailing.length;
}

function separatorMatches(actual: string, expected: string): boolean {
  if (expected === ' ') return actual.length > 0 && /^\s+$/.test(actual);
  return normalizeSeparator(actual) === expected;
}
