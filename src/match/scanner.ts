/**
 * The one-pass term scanner. A single regular expression of ~1 900 alternatives is what V8 runs
 * slowest (it tries the alternatives at every position), so terms are indexed instead: Latin-script
 * terms by a hash of their first word, CJK terms by their first character. The text is walked once
 * by character code, word by word and CJK run by CJK run, taking the longest term that starts at
 * each place. Nothing is allocated for a word that starts no term (most words): the scan used to
 * build a match object and a lower-cased slice per word, and that allocation was most of its cost.
 */

const WORD = /[A-Za-z0-9]+/g;
const CJK_CHAR = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]/;
const ALL_WHITE_SPACE = /^\s+$/;

interface LatinTerm {
  key: string;
  /** The lower-cased first word. */
  first: string;
  /** Lower-cased words after the first. */
  words: string[];
  /** What stands between consecutive words: ' ' (any white space), '-', "'" (or ’), '.'. */
  separators: string[];
  /** What must follow the last word: '' (nothing), '-' (a prefix such as "Sino-"), '.' ("U.S."). */
  trailing: string;
}

export interface TermIndex {
  /** Hash of a lower-cased first word → the terms starting with a word of that hash, longest first. */
  latin: Map<number, LatinTerm[]>;
  /** One flag per low 16 bits of a first-word hash: most words are ruled out without a Map lookup. */
  latinFilter: Uint8Array;
  /** First character code → the CJK terms starting with it, longest first. */
  cjk: Map<number, string[]>;
}

export interface ScannedTerm {
  /** The term's key as indexed (lower-cased, folded), whatever white space or case the text used. */
  key: string;
  /** The text as written. */
  text: string;
  offset: number;
}

export function buildTermIndex(keys: Iterable<string>): TermIndex {
  const index: TermIndex = { latin: new Map(), latinFilter: new Uint8Array(1 << 16), cjk: new Map() };
  for (const key of keys) {
    if (CJK_CHAR.test(key)) {
      addSorted(index.cjk, key.charCodeAt(0), key, (a, b) => b.length - a.length);
      continue;
    }
    const lower = key.toLowerCase();
    const words = lower.match(WORD);
    if (!words || words.length === 0) continue;
    const separators: string[] = [];
    let position = lower.indexOf(words[0]!) + words[0]!.length;
    for (const word of words.slice(1)) {
      const next = lower.indexOf(word, position);
      separators.push(normalizeSeparator(lower.slice(position, next)));
      position = next + word.length;
    }
    const term: LatinTerm = { key, first: words[0]!, words: words.slice(1), separators, trailing: lower.slice(position) };
    const hash = wordHash(term.first);
    index.latinFilter[hash & 0xffff] = 1;
    addSorted(index.latin, hash, term, (a, b) => b.words.length - a.words.length || b.key.length - a.key.length);
  }
  return index;
}

function addSorted<K, V>(map: Map<K, V[]>, key: K, value: V, order: (a: V, b: V) => number): void {
  const list = map.get(key) ?? [];
  list.push(value);
  list.sort(order);
  map.set(key, list);
}

function normalizeSeparator(separator: string): string {
  if (ALL_WHITE_SPACE.test(separator)) return ' ';
  return separator.replace(/’/g, "'");
}

/** Every term in `text`, left to right, the longest at each place, none overlapping. */
export function scanTerms(index: TermIndex, text: string): ScannedTerm[] {
  const found: ScannedTerm[] = [];
  const length = text.length;
  const scanCjk = index.cjk.size > 0;
  let i = 0;
  while (i < length) {
    const code = text.charCodeAt(i);
    let lower = code < 0x80 ? LOWER_WORD_CODE[code]! : 0;
    if (lower !== 0) {
      const start = i;
      // FNV-1a over the lower-cased word, computed while finding its end: each character read once.
      let hash = 0x811c9dc5;
      do {
        hash = Math.imul(hash ^ lower, 0x01000193);
        const next = ++i < length ? text.charCodeAt(i) : 0;
        lower = next < 0x80 ? LOWER_WORD_CODE[next]! : 0;
      } while (lower !== 0);
      if (index.latinFilter[hash & 0xffff] === 0) continue;
      const candidates = index.latin.get(hash & 0x3fffffff);
      if (!candidates) continue;
      for (const term of candidates) {
        if (!wordEquals(text, start, i, term.first)) continue;
        const end = termEnd(term, text, i);
        if (end < 0) continue;
        found.push({ key: term.key, text: text.slice(start, end), offset: start });
        i = end;
        break;
      }
    } else if (scanCjk && isCjkCode(code)) {
      let runEnd = i + 1;
      while (runEnd < length && isCjkCode(text.charCodeAt(runEnd))) runEnd++;
      while (i < runEnd) {
        const term = longestCjkTermAt(index, text, i, runEnd);
        if (term) {
          found.push({ key: term, text: term, offset: i });
          i += term.length;
        } else {
          i++;
        }
      }
    } else {
      i++;
    }
  }
  return found;
}

function longestCjkTermAt(index: TermIndex, text: string, at: number, runEnd: number): string | undefined {
  const candidates = index.cjk.get(text.charCodeAt(at));
  if (!candidates) return undefined;
  for (const term of candidates) if (term.length <= runEnd - at && text.startsWith(term, at)) return term;
  return undefined;
}

/** Where the term whose first word ends at `position` ends in the text, or -1 when it does not match there. */
function termEnd(term: LatinTerm, text: string, position: number): number {
  let at = position;
  for (let k = 0; k < term.words.length; k++) {
    const separatorStart = at;
    while (at < text.length && !isWordCode(text.charCodeAt(at))) at++;
    if (at === separatorStart || at === text.length) return -1;
    if (!separatorMatchesAt(text, separatorStart, at, term.separators[k]!)) return -1;
    const word = term.words[k]!;
    const wordEnd = at + word.length;
    if (!wordEquals(text, at, wordEnd, word) || (wordEnd < text.length && isWordCode(text.charCodeAt(wordEnd)))) return -1;
    at = wordEnd;
  }
  if (term.trailing) {
    if (text.slice(at, at + term.trailing.length).toLowerCase() !== term.trailing) return -1;
    at += term.trailing.length;
  }
  return at;
}

/** Whether text[start, end) is `word` (lower-case ASCII letters and digits), ignoring case. */
function wordEquals(text: string, start: number, end: number, word: string): boolean {
  if (end - start !== word.length || end > text.length) return false;
  for (let k = 0; k < word.length; k++) if (lowerCode(text.charCodeAt(start + k)) !== word.charCodeAt(k)) return false;
  return true;
}

/**
 * Whether text[start, end) (non-word characters, at least one) is the separator `expected` as
 * normalizeSeparator gives it: any white space for ' ', else the same characters with ’ read as '.
 * Compared in place: most words that start a term are followed by other words, and cutting out
 * each separator to test it was half the scan's cost on news text.
 */
export function separatorMatchesAt(text: string, start: number, end: number, expected: string): boolean {
  if (expected === ' ') {
    for (let k = start; k < end; k++) if (!isWhiteSpaceCode(text.charCodeAt(k))) return false;
    return end > start;
  }
  if (end - start !== expected.length) return false;
  for (let k = 0; k < expected.length; k++) {
    const code = text.charCodeAt(start + k);
    if ((code === 0x2019 ? 0x27 : code) !== expected.charCodeAt(k)) return false;
  }
  return true;
}

/** The characters of JavaScript's \s. */
const isWhiteSpaceCode = (code: number): boolean =>
  (code >= 0x09 && code <= 0x0d) || code === 0x20 || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;

/** FNV-1a of a lower-case word, as scanTerms computes it while finding a word's end. */
function wordHash(word: string): number {
  let hash = 0x811c9dc5;
  for (let k = 0; k < word.length; k++) hash = Math.imul(hash ^ word.charCodeAt(k), 0x01000193);
  return hash & 0x3fffffff; // a small integer key: V8 hashes those fastest
}

/** Words are runs of ASCII letters and digits, as /[A-Za-z0-9]+/ would find them. */
const isWordCode = (code: number): boolean => (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39);
const lowerCode = (code: number): number => (code >= 0x41 && code <= 0x5a ? code + 0x20 : code);
/** ASCII character code → its lower-case code when it is a word character, else 0: one read per character in scanTerms. */
const LOWER_WORD_CODE = Uint8Array.from({ length: 0x80 }, (_, code) => (isWordCode(code) ? lowerCode(code) : 0));
const isCjkCode = (code: number): boolean =>
  (code >= 0x3040 && code <= 0x30ff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0x4e00 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xac00 && code <= 0xd7af);
