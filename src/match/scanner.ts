/**
 * The one-pass term scanner. A single regular expression of ~1 900 alternatives is what V8 runs
 * slowest (it tries the alternatives at every position), so terms are indexed instead: Latin-script
 * terms by a hash of their first word, CJK terms by their first character. The text is walked once
 * by character code, taking the longest term that starts at each word or CJK character. Hits go to
 * reusable typed arrays (TermSpans) as term ids and offsets, and a word that starts no term (most
 * words) costs its characters' table reads and hash steps only: nothing is allocated for it.
 */

const WORD = /[A-Za-z0-9]+/g;
const CJK_CHAR = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]/;
const ALL_WHITE_SPACE = /^\s+$/;

/** A Latin-script term, as the index is built: the term and what must follow its last word. */
interface LatinTerm {
  /** The term's position in the keys given to buildTermIndex. */
  id: number;
  key: string;
  /** What must follow the last word: '' (nothing), '-' (a prefix such as "Sino-"), '.' ("U.S."). */
  trailing: string;
}

/**
 * Latin-script terms as a tree of their words, as the index is built: a node per distinct run of
 * leading words, so the words after a first word are read once, however many terms start with it
 * ("China", "China's", "China Coast Guard", "China-Japan" …), not once per term.
 */
interface WordNode {
  /** The node's word, lower-cased. */
  word: string;
  /** What stands before it: ' ' (any white space), '-', "'" (or ’), '.'; '' for a first word. */
  separator: string;
  /** Terms whose last word this is, longest first. */
  ending: LatinTerm[];
  /** The nodes of the words that may follow. */
  next: WordNode[];
}

/**
 * The tree flattened for the scan: nodes are numbers, their fields typed arrays, and the words
 * that start or continue terms are found through open-addressing hash tables of numbers. The scan
 * looks up every word of the text there; a Map lookup per word (and a Map per node) cost more than
 * reading the text itself.
 */
export interface TermIndex {
  /** First words: FNV-1a hash → node. */
  firstWords: WordTable;
  /** Next words: (node, hash of the next word) → child node. */
  nextWords: WordTable;
  /** By node: its word, lower-cased. */
  words: string[];
  /** By node: the separator before its word (see WordNode). */
  separators: string[];
  /** By node: one bit per first character of the next words (letterBit): most words after a first word start none, and are ruled out before they are read. */
  nextInitials: Int32Array;
  /** By node: the next node with the same parent and word hash (another word, or another separator), or -1. */
  siblings: Int32Array;
  /** By node: its terms are endingIds[endingStarts[node], endingStarts[node + 1]), longest first. */
  endingStarts: Int32Array;
  endingIds: Int32Array;
  /** By ending: what must follow the last word ('' mostly). */
  endingTrailing: string[];
  /** First character code → the CJK terms starting with it, longest first. */
  cjk: Map<number, CjkTerm[]>;
}

/**
 * An open-addressing hash table from (parent node, 30-bit word hash) to the first node with that
 * parent and hash (the rest follow through `siblings`). Linear probing in typed arrays: a word that
 * starts no term, most words, costs one or two array reads.
 */
class WordTable {
  /** Word hash + 1 per slot; 0 marks an empty slot. */
  private readonly keys: Int32Array;
  private readonly parents: Int32Array;
  private readonly nodes: Int32Array;
  private readonly mask: number;

  constructor(entries: number) {
    // At most one slot in eight taken: an unsuccessful lookup nearly always ends at its first slot.
    let size = 16;
    while (size < entries * 8) size *= 2;
    this.keys = new Int32Array(size);
    this.parents = new Int32Array(size);
    this.nodes = new Int32Array(size);
    this.mask = size - 1;
  }

  /** The first node under `parent` (-1 for first words) whose word has the 30-bit hash `hash`; -1 if none. */
  find(parent: number, hash: number): number {
    const key = hash + 1;
    for (let slot = slotOf(parent, hash) & this.mask; ; slot = (slot + 1) & this.mask) {
      const found = this.keys[slot]!;
      if (found === 0) return -1;
      if (found === key && this.parents[slot] === parent) return this.nodes[slot]!;
    }
  }

  /** Record `node` as the first under (parent, hash); there must be none yet. */
  add(parent: number, hash: number, node: number): void {
    let slot = slotOf(parent, hash) & this.mask;
    while (this.keys[slot] !== 0) slot = (slot + 1) & this.mask;
    this.keys[slot] = hash + 1;
    this.parents[slot] = parent;
    this.nodes[slot] = node;
  }
}

/** The table slot (before masking) of a word under a parent: first words go by their hash alone. */
function slotOf(parent: number, hash: number): number {
  return parent < 0 ? hash : Math.imul(hash ^ Math.imul(parent + 1, 0x9e3779b1), 0x85ebca6b) ^ (hash >>> 15);
}

interface CjkTerm {
  id: number;
  key: string;
}

/**
 * Index terms (lower-cased, folded) for scanTerms, which reports each hit by the term's position
 * in `keys`. A term with CJK characters matches only within a run of CJK text, so one that also
 * holds other characters could never match and is left out.
 */
export function buildTermIndex(keys: readonly string[]): TermIndex {
  const roots: WordNode[] = [];
  const cjk = new Map<number, CjkTerm[]>();
  for (const [id, key] of keys.entries()) {
    if (CJK_CHAR.test(key)) {
      if ([...key].every((character) => isCjkCode(character.charCodeAt(0)))) addSorted(cjk, key.charCodeAt(0), { id, key }, (a, b) => b.key.length - a.key.length);
      continue;
    }
    const lower = key.toLowerCase();
    const words = lower.match(WORD);
    if (!words || words.length === 0) continue;
    let node = nodeFor(roots, words[0]!, '');
    let position = lower.indexOf(words[0]!) + words[0]!.length;
    for (const word of words.slice(1)) {
      const next = lower.indexOf(word, position);
      node = nodeFor(node.next, word, normalizeSeparator(lower.slice(position, next)));
      position = next + word.length;
    }
    node.ending.push({ id, key, trailing: lower.slice(position) });
    node.ending.sort((a, b) => b.key.length - a.key.length);
  }
  return flatten(roots, cjk);
}

function nodeFor(nodes: WordNode[], word: string, separator: string): WordNode {
  let node = nodes.find((candidate) => candidate.word === word && candidate.separator === separator);
  if (!node) nodes.push((node = { word, separator, ending: [], next: [] }));
  return node;
}

/** Number the tree's nodes, parents before children, and lay them out as TermIndex's arrays and tables. */
function flatten(roots: readonly WordNode[], cjk: Map<number, CjkTerm[]>): TermIndex {
  const order: Array<{ node: WordNode; parent: number }> = roots.map((node) => ({ node, parent: -1 }));
  for (let n = 0; n < order.length; n++) for (const child of order[n]!.node.next) order.push({ node: child, parent: n });
  const count = order.length;
  const index: TermIndex = {
    firstWords: new WordTable(roots.length),
    nextWords: new WordTable(count - roots.length),
    words: order.map(({ node }) => node.word),
    separators: order.map(({ node }) => node.separator),
    nextInitials: new Int32Array(count),
    siblings: new Int32Array(count).fill(-1),
    endingStarts: new Int32Array(count + 1),
    endingIds: new Int32Array(order.reduce((sum, { node }) => sum + node.ending.length, 0)),
    endingTrailing: [],
    cjk,
  };
  for (let n = 0; n < count; n++) {
    const { node, parent } = order[n]!;
    const table = parent < 0 ? index.firstWords : index.nextWords;
    const hash = wordHash(node.word);
    let last = table.find(parent, hash);
    if (last < 0) table.add(parent, hash, n);
    else {
      // Same parent and hash (a collision, or one word after different separators): chained in node order.
      while (index.siblings[last]! >= 0) last = index.siblings[last]!;
      index.siblings[last] = n;
    }
    if (parent >= 0) index.nextInitials[parent]! |= letterBit(node.word.charCodeAt(0));
  }
  let ending = 0;
  for (let n = 0; n < count; n++) {
    index.endingStarts[n] = ending;
    for (const term of order[n]!.node.ending) {
      index.endingIds[ending++] = term.id;
      index.endingTrailing.push(term.trailing);
    }
  }
  index.endingStarts[count] = ending;
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

/**
 * Where the scanner writes what it finds: term id, start and end of each hit, in reusable typed
 * arrays, so a scan allocates nothing but the rare growth. Read `count` entries; the next scan
 * into the same spans starts again at zero.
 */
export class TermSpans {
  ids = new Int32Array(32);
  starts = new Int32Array(32);
  ends = new Int32Array(32);
  count = 0;

  push(id: number, start: number, end: number): void {
    if (this.count === this.ids.length) {
      this.ids = grow(this.ids);
      this.starts = grow(this.starts);
      this.ends = grow(this.ends);
    }
    this.ids[this.count] = id;
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.count++;
  }
}

function grow(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

/** What the walk does with a character (CharacterTable entries below 0x30; word characters are their own lower-case code). */
const SEPARATOR = 0;
const CJK = 1;
const NEEDS_PREPARING = 2;
/** '<' or '&': needs preparing only where markup or an entity could start (startsMarkupAt). */
const MARKUP_START = 3;
const FIRST_WORD_CODE = 0x30;

/**
 * One byte per UTF-16 code: the lower-case code of an ASCII letter or digit (always ≥ 0x30), or
 * what else the walk must do there. A 64 KB table read once per character, with no test for
 * ASCII first, keeps the walk a single flat loop: twice as fast on news text as a loop per word.
 */
type CharacterTable = Uint8Array;

function characterTable(classOf: (code: number) => number): CharacterTable {
  const table = new Uint8Array(0x10000);
  for (let code = 0; code < 0x10000; code++) table[code] = isWordCode(code) ? lowerCode(code) : classOf(code);
  return table;
}

/**
 * For text as it comes, before any preparation: HTML remnants ('<b>', '&amp;') and anything script
 * folding could change or that a CJK term could start at make the scan stop, so the caller can
 * clean and fold the text and scan it again with PREPARED_TEXT. Most items (plain English) never
 * meet one, and skip cleaning and folding altogether. The set must hold every character on which
 * fold.ts would fold and matcher.ts would clean (a test checks all 65 536 codes).
 */
export const RAW_TEXT: CharacterTable = characterTable((code) => {
  if (code === 0x3c || code === 0x26) return MARKUP_START;
  return isCjkCode(code) || code === 0x3000 || (code >= 0xff01 && code <= 0xff9f) ? NEEDS_PREPARING : SEPARATOR;
});

/** For cleaned and folded text: CJK characters are where CJK terms may start; everything else not a word separates. */
export const PREPARED_TEXT: CharacterTable = characterTable((code) => (isCjkCode(code) ? CJK : SEPARATOR));

/**
 * Every term in `text`, left to right, the longest at each place, none overlapping, written to
 * `spans` (cleared first). Returns false, with the spans incomplete, when the table says a
 * character needs preparing first (RAW_TEXT only).
 */
export function scanTerms(index: TermIndex, text: string, table: CharacterTable, spans: TermSpans): boolean {
  spans.count = 0;
  const length = text.length;
  const firstWords = index.firstWords;
  // FNV-1a over the lower-cased word, computed while finding its end: each character read once.
  let hash = FNV_BASIS;
  let wordLength = 0;
  for (let i = 0; i < length; i++) {
    const kind = table[text.charCodeAt(i)]!;
    if (kind >= FIRST_WORD_CODE) {
      hash = Math.imul(hash ^ kind, FNV_PRIME);
      wordLength++;
      continue;
    }
    if (wordLength > 0) {
      // Most words start no term: one table read rules them out.
      const node = firstWords.find(-1, hash & HASH_MASK);
      const end = node < 0 ? -1 : latinTermAt(index, node, text, i - wordLength, i, spans);
      hash = FNV_BASIS;
      wordLength = 0;
      if (end >= 0) {
        // The term's separators were read by the term's own check, not by this walk: raw text
        // must still stop at one that needs preparing (an ideographic space between its words).
        if (needsPreparingIn(text, table, i, end)) return false;
        i = end - 1;
        continue;
      }
    }
    if (kind === SEPARATOR) continue;
    if (kind === NEEDS_PREPARING) return false;
    if (kind === MARKUP_START) {
      if (startsMarkupAt(text, i)) return false;
      continue;
    }
    const end = cjkTermAt(index, text, i, spans);
    if (end >= 0) i = end - 1;
  }
  if (wordLength > 0) {
    const node = firstWords.find(-1, hash & HASH_MASK);
    if (node >= 0) latinTermAt(index, node, text, length - wordLength, length, spans);
  }
  return true;
}

/** Whether text[start, end) holds a character the table says needs preparing. */
function needsPreparingIn(text: string, table: CharacterTable, start: number, end: number): boolean {
  for (let k = start; k < end; k++) {
    const kind = table[text.charCodeAt(k)];
    if (kind === NEEDS_PREPARING || (kind === MARKUP_START && startsMarkupAt(text, k))) return true;
  }
  return false;
}

/**
 * Whether the '<' or '&' at `at` could start a tag, comment or entity, which htmlToText would
 * remove or decode: '<' before a letter, '/' or '!'; '&' before a letter or '#'. A bare "&" or "<"
 * in plain text ("growth & energy", "a < b") leaves the text as it is: cleaning it was 2 % of
 * news items paying ten times a scan for nothing.
 */
function startsMarkupAt(text: string, at: number): boolean {
  const next = at + 1 < text.length ? text.charCodeAt(at + 1) : 0;
  const isLetter = (next >= 0x61 && next <= 0x7a) || (next >= 0x41 && next <= 0x5a);
  return text.charCodeAt(at) === 0x3c ? isLetter || next === 0x2f || next === 0x21 : isLetter || next === 0x23;
}

/** The end of the longest Latin term whose first word is text[start, wordEnd), of the hash of first-word `node` and its siblings, recorded in spans; -1 if none. */
function latinTermAt(index: TermIndex, node: number, text: string, start: number, wordEnd: number, spans: TermSpans): number {
  for (; node >= 0; node = index.siblings[node]!) if (wordEquals(text, start, wordEnd, index.words[node]!)) return longestTermFrom(index, node, text, wordEnd, start, spans);
  return -1;
}

/**
 * With `node`'s words matched up to `at` (the end of a whole word, so a separator stands before
 * any next word), the end of the longest term (most words, then longest key) that goes on from
 * there, recorded in spans as starting at `start`; -1 if none. At most one next node can match:
 * its word is the whole next word of the text, and the separators a node's children expect are
 * all different and never both match one stretch of text.
 */
function longestTermFrom(index: TermIndex, node: number, text: string, at: number, start: number, spans: TermSpans): number {
  const initials = index.nextInitials[node]!;
  if (initials !== 0) {
    let wordStart = at;
    while (wordStart < text.length && PREPARED_TEXT[text.charCodeAt(wordStart)]! < FIRST_WORD_CODE) wordStart++;
    if (wordStart < text.length && (initials & letterBit(PREPARED_TEXT[text.charCodeAt(wordStart)]!)) !== 0) {
      let hash = FNV_BASIS;
      let wordEnd = wordStart;
      // Word characters read as scanTerms reads them (PREPARED_TEXT and RAW_TEXT agree on those).
      for (let kind = PREPARED_TEXT[text.charCodeAt(wordEnd)]!; kind >= FIRST_WORD_CODE; kind = wordEnd < text.length ? PREPARED_TEXT[text.charCodeAt(wordEnd)]! : SEPARATOR) {
        hash = Math.imul(hash ^ kind, FNV_PRIME);
        wordEnd++;
      }
      for (let child = index.nextWords.find(node, hash & HASH_MASK); child >= 0; child = index.siblings[child]!) {
        if (!wordEquals(text, wordStart, wordEnd, index.words[child]!) || !separatorMatchesAt(text, at, wordStart, index.separators[child]!)) continue;
        const end = longestTermFrom(index, child, text, wordEnd, start, spans);
        if (end >= 0) return end;
      }
    }
  }
  const last = index.endingStarts[node + 1]!;
  for (let ending = index.endingStarts[node]!; ending < last; ending++) {
    const trailing = index.endingTrailing[ending]!;
    if (trailing !== '' && !trailingMatchesAt(text, at, trailing)) continue;
    spans.push(index.endingIds[ending]!, start, at + trailing.length);
    return at + trailing.length;
  }
  return -1;
}

/** Whether `trailing` (lower-case) follows at `at`, ignoring case. */
function trailingMatchesAt(text: string, at: number, trailing: string): boolean {
  return text.slice(at, at + trailing.length).toLowerCase() === trailing;
}

/**
 * The end of the longest CJK term starting at `at`, recorded in spans; -1 if none. Indexed CJK
 * terms are made of CJK characters only (buildTermIndex), so a term that starts here lies within
 * this run of CJK text.
 */
function cjkTermAt(index: TermIndex, text: string, at: number, spans: TermSpans): number {
  const candidates = index.cjk.get(text.charCodeAt(at));
  if (!candidates) return -1;
  for (const term of candidates) {
    if (text.startsWith(term.key, at)) {
      spans.push(term.id, at, at + term.key.length);
      return at + term.key.length;
    }
  }
  return -1;
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

/** A bit per lower-case letter (digits share one): a set of word initials fits in a number. */
function letterBit(lowerCode: number): number {
  return lowerCode >= 0x61 ? 1 << (lowerCode - 0x61) : 1 << 26;
}

const FNV_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a of a lower-case word, as scanTerms computes it while finding a word's end. */
function wordHash(word: string): number {
  let hash = FNV_BASIS;
  for (let k = 0; k < word.length; k++) hash = Math.imul(hash ^ word.charCodeAt(k), FNV_PRIME);
  return hash & HASH_MASK;
}

/** Word hashes are kept to 30 bits: small integers (Smis) in V8, and `hash + 1` never overflows. */
const HASH_MASK = 0x3fffffff;

/** Words are runs of ASCII letters and digits, as /[A-Za-z0-9]+/ would find them. (Functions, not constants: the character tables above are built from them as the module loads.) */
function isWordCode(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39);
}

function lowerCode(code: number): number {
  return code >= 0x41 && code <= 0x5a ? code + 0x20 : code;
}

function isCjkCode(code: number): boolean {
  return (code >= 0x3040 && code <= 0x30ff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0x4e00 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xac00 && code <= 0xd7af);
}
