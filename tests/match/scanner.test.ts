import { describe, expect, it } from 'vitest';
import { loadTopicByName } from '../../src/match/load-topic.js';
import { compileTopic } from '../../src/match/compile.js';
import { buildTermIndex, PREPARED_TEXT, RAW_TEXT, scanTerms, TermSpans } from '../../src/match/scanner.js';
import { foldScripts } from '../../src/match/fold.js';
import { seededRandom } from '../helpers/random.js';

const topic = compileTopic(loadTopicByName('config/topics', 'japan-china-taiwan'));
const keys = topic.terms.map((term) => term.key);

const spansOf = (spans: TermSpans): Array<[string, number, number]> =>
  Array.from({ length: spans.count }, (_, k) => [keys[spans.ids[k]!]!, spans.starts[k]!, spans.ends[k]!]);

/**
 * The reference: at each word, try the topic's terms one by one, each as its own sticky regular
 * expression, most words first, then the longest; at each CJK character, the longest CJK term
 * lying within the run of CJK text. Slow and plain, and written without the scanner's tree of
 * words, hashes or character tables.
 */
function referenceScan(text: string): Array<[string, number, number]> {
  const found: Array<[string, number, number]> = [];
  let at = 0;
  while (at < text.length) {
    if (isWordChar(text[at]!)) {
      const wordEnd = at + /^[A-Za-z0-9]+/.exec(text.slice(at))![0].length;
      const first = text.slice(at, wordEnd).toLowerCase();
      const hit = (latinByFirstWord.get(first) ?? []).find((term) => {
        term.pattern.lastIndex = at;
        return term.pattern.test(text);
      });
      if (hit) {
        found.push([hit.key, at, hit.pattern.lastIndex]);
        at = hit.pattern.lastIndex;
      } else {
        at = wordEnd;
      }
    } else if (isCjk(text[at]!)) {
      let runEnd = at;
      while (runEnd < text.length && isCjk(text[runEnd]!)) runEnd++;
      const hit = cjkKeys.filter((key) => at + key.length <= runEnd && text.startsWith(key, at)).sort((a, b) => b.length - a.length)[0];
      if (hit) found.push([hit, at, at + hit.length]);
      at += hit ? hit.length : 1;
    } else {
      at++;
    }
  }
  return found;
}

const isWordChar = (character: string): boolean => /[A-Za-z0-9]/.test(character);
const isCjk = (character: string): boolean => /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]/.test(character);
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const cjkKeys = keys.filter((key) => [...key].some(isCjk));
const latinByFirstWord = new Map<string, Array<{ key: string; words: number; pattern: RegExp }>>();
for (const key of keys) {
  if (cjkKeys.includes(key)) continue;
  const words = key.match(/[a-z0-9]+/g);
  if (!words) continue;
  // Words, what stands between them (any white space for white space; ’ for '), whole words, then what must follow.
  let source = '';
  let position = 0;
  for (const [n, word] of words.entries()) {
    const next = key.indexOf(word, position);
    const between = key.slice(position, next);
    if (n > 0) source += /^\s+$/.test(between) ? '\\s+' : [...between].map((c) => (c === "'" ? "['’]" : escape(c))).join('');
    source += escape(word);
    position = next + word.length;
  }
  source += `(?![A-Za-z0-9])${escape(key.slice(position))}`;
  const list = latinByFirstWord.get(words[0]!) ?? [];
  list.push({ key, words: words.length, pattern: new RegExp(source, 'iy') });
  list.sort((a, b) => b.words - a.words || b.key.length - a.key.length);
  latinByFirstWord.set(words[0]!, list);
}

describe('scanTerms', () => {
  it('finds what trying every term at every word finds, on 4 000 random texts of topic terms, near misses and noise', () => {
    const random = seededRandom(11);
    const pick = <T>(list: readonly T[]): T => list[random(list.length)]!;
    const latinKeys = keys.filter((key) => !cjkKeys.includes(key));
    const noise = ['the', 'said', 'coast', 'guard', 'strait', 'patrol', 'sino', 'us', 's', 'japanning', 'ships', '2026', 'u', 'of', 'south', 'east'];
    const separators = [' ', ' ', ' ', '  ', '\n', ', ', '. ', '-', "'", '’', '.', '', ' - ', '\u3000'];
    const cjkNoise = ['の', 'は', '在', '日', '船', '、'];
    const recase = (text: string): string => [text, text.toUpperCase(), text.toLowerCase(), text.charAt(0).toUpperCase() + text.slice(1)][random(4)]!;
    const respace = (text: string): string => text.replace(/ /g, () => pick([' ', ' ', '\n', '  ', '-']));
    let hits = 0;
    let multiWordHits = 0;
    const spans = new TermSpans();
    for (let n = 0; n < 4_000; n++) {
      let text = '';
      const pieces = 2 + random(12);
      for (let p = 0; p < pieces; p++) {
        const kind = random(10);
        if (kind < 4) text += respace(recase(pick(latinKeys)));
        else if (kind < 5) text += pick(latinKeys).split(/\s+/)[0]!; // a first word alone: a longer term must not match
        else if (kind < 8) text += recase(pick(noise));
        else if (kind < 9) text += pick(cjkKeys);
        else text += pick(cjkNoise);
        text += pick(separators);
      }
      scanTerms(topic.index, text, PREPARED_TEXT, spans);
      const expected = referenceScan(text);
      expect(spansOf(spans), JSON.stringify(text)).toEqual(expected);
      hits += expected.length;
      multiWordHits += expected.filter(([key]) => /[a-z0-9][^a-z0-9]+[a-z0-9]/.test(key)).length;
    }
    // The texts exercised what they were made for.
    expect(hits).toBeGreaterThan(10_000);
    expect(multiWordHits).toBeGreaterThan(1_000);
  });

  it('finds on raw text what it finds once the text is prepared, or stops: 4 000 random texts with HTML, full-width, CJK and ideographic spaces', () => {
    const random = seededRandom(29);
    const pick = <T>(list: readonly T[]): T => list[random(list.length)]!;
    const latinKeys = keys.filter((key) => !cjkKeys.includes(key));
    const spice = ['\u3000', '&amp;', '<b>', 'ﬁ', '…', 'Ｊ', '臺灣', 'カ', 'é', '’', ' ', ' ', '\n'];
    const spans = new TermSpans();
    const prepared = new TermSpans();
    const outcomes = { done: 0, stopped: 0 };
    for (let n = 0; n < 4_000; n++) {
      let text = '';
      for (let p = 0; p < 2 + random(6); p++) text += random(3) === 0 ? pick(spice) : pick(latinKeys).replace(/ /g, () => (random(8) === 0 ? pick(spice) : ' ')) + ' ';
      if (scanTerms(topic.index, text, RAW_TEXT, spans)) {
        outcomes.done++;
        // Taken as it came: then folding and cleaning would have left it as it is, and the hits are those of the prepared scan.
        expect(foldScripts(text), JSON.stringify(text)).toBe(text);
        expect(text).not.toMatch(/[<&]/);
        scanTerms(topic.index, text, PREPARED_TEXT, prepared);
        expect(spansOf(spans), JSON.stringify(text)).toEqual(spansOf(prepared));
      } else {
        outcomes.stopped++;
      }
    }
    expect(outcomes.done).toBeGreaterThan(500);
    expect(outcomes.stopped).toBeGreaterThan(500);
  });

  it('takes the longest term a first word starts, and falls back to a shorter one when the text goes another way', () => {
    const index = buildTermIndex(['chinese', 'chinese coast guard', 'coast guard', 'chinese coast guard ship', 'sino', 'sino-']);
    const spans = new TermSpans();
    const scan = (text: string): string[] => {
      scanTerms(index, text, PREPARED_TEXT, spans);
      return Array.from({ length: spans.count }, (_, k) => text.slice(spans.starts[k]!, spans.ends[k]!));
    };
    expect(scan('Chinese coast guard ship sighted')).toEqual(['Chinese coast guard ship']);
    expect(scan('Chinese coast guard ships sighted')).toEqual(['Chinese coast guard']);
    expect(scan('Chinese coast patrol')).toEqual(['Chinese']);
    expect(scan('Chinese coast guard')).toEqual(['Chinese coast guard']);
    expect(scan('the coast guard of Chinese')).toEqual(['coast guard', 'Chinese']);
    expect(scan('Sino-Japanese and Sino relations')).toEqual(['Sino-', 'Sino']);
  });

  it('records any number of hits (the spans grow past their first size)', () => {
    const spans = new TermSpans();
    const text = Array.from({ length: 500 }, (_, n) => (n % 2 === 0 ? 'Taiwan' : 'Japan')).join(' and ');
    scanTerms(topic.index, text, PREPARED_TEXT, spans);
    expect(spans.count).toBe(500);
    expect(text.slice(spans.starts[499]!, spans.ends[499]!)).toBe('Japan');
    expect(spans.starts[499]).toBe(text.length - 'Japan'.length);
  });

  it('stops on raw text at every character that folding would change or that makes the matcher clean HTML, between words or inside a phrase (all 65 536 codes)', () => {
    const spans = new TermSpans();
    const index = buildTermIndex(['coast guard', 'at&t']);
    let changing = 0;
    for (let code = 0; code < 0x10000; code++) {
      const character = String.fromCharCode(code);
      if (foldScripts(`a${character}b`) === `a${character}b` && !/[<&]/.test(character)) continue;
      changing++;
      for (const text of [`a${character}b`, `coast${character}guard`, `AT${character}T`]) {
        expect(scanTerms(index, text, RAW_TEXT, spans), `${code.toString(16)} in ${text}`).toBe(false);
      }
    }
    expect(changing).toBeGreaterThan(3_000); // Traditional characters, full-width forms, "<" and "&"
  });

  it('stops on raw text at anything cleaning or folding could change or a CJK term could start at, and only there', () => {
    const spans = new TermSpans();
    for (const needsPreparing of ['&amp;', '&#39;', '<b>', '</p>', '<!-- -->', 'R&D', 'Ｊａｐａｎ', '台湾', 'カ', '\u3000', '한']) {
      expect(scanTerms(topic.index, `Japan and ${needsPreparing} China`, RAW_TEXT, spans), needsPreparing).toBe(false);
    }
    for (const plain of ['é', '’', '—', '…', '\u00a0', '«»', '&', '& energy', '<', '< 5 %', '&&']) {
      expect(scanTerms(topic.index, `Japan and ${plain} China`, RAW_TEXT, spans), plain).toBe(true);
      expect(spansOf(spans).map(([key]) => key)).toEqual(['japan', 'china']);
    }
  });
});
