import { readFileSync, readdirSync } from 'node:fs';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { scanXml, type XmlEvents } from '../../src/feeds/xml-scanner.js';
import { readFeedFast } from '../../src/feeds/fast-parse.js';
import { decodeFeedBody } from '../../src/feeds/encoding.js';

type Event = ['open', string, Record<string, string>, boolean] | ['close', string] | ['text', string];

/** The events a reader sees, adjacent text pieces joined; text outside the root element left out. */
class Recorder implements XmlEvents {
  readonly events: Event[] = [];
  private depth = 0;
  constructor(readonly wantsText = true) {}
  open(tag: { name: string; attributes: Readonly<Record<string, string>>; isSelfClosing: boolean }): void {
    this.depth++;
    this.events.push(['open', tag.name, { ...tag.attributes }, tag.isSelfClosing]);
  }
  close(name: string): void {
    this.depth--;
    this.events.push(['close', name]);
  }
  text(text: string): void {
    if (this.depth === 0) return;
    const last = this.events.at(-1);
    if (last?.[0] === 'text') last[1] += text;
    else this.events.push(['text', text]);
  }
}

/** saxes's reading of the document, as fast-parse.ts set it up; null when it refuses it. */
function saxesEvents(xml: string): Event[] | null {
  const recorder = new Recorder();
  const parser = new SaxesParser<{ position: false; xmlns: false }>({ position: false, xmlns: false });
  parser.on('opentag', (tag) => recorder.open(tag));
  parser.on('closetag', (tag) => recorder.close(tag.name));
  parser.on('text', (text) => recorder.text(text));
  parser.on('cdata', (text) => recorder.text(text));
  try {
    parser.write(xml).close();
  } catch {
    return null;
  }
  return recorder.events;
}

function scannerEvents(xml: string): Event[] | null {
  const recorder = new Recorder();
  return scanXml(xml, recorder) ? recorder.events : null;
}

const testdata = new URL('./testdata/', import.meta.url);
const fixtures = readdirSync(testdata)
  .filter((name) => name.endsWith('.xml'))
  .map((name) => ({ name, xml: decodeFeedBody(readFileSync(new URL(name, testdata)), null, name).trimStart() }));

/** A small deterministic generator (mulberry32), so a failing case can be run again. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SIGNIFICANT = ['<', '>', '&', ';', '/', '"', "'", '=', ']', ']]>', '!', '-', '--', '?', '\r', '\r\n', '\u0001', '\uFFFE', '\uD800', 'x', ' ', '#', '&#', '&amp;', '&nbsp;', '<!--', '<![CDATA[', '<?', '</', '<a>', '\t', '\n', 'é'];

/** `xml` with a few characters inserted, deleted or replaced, mostly ones that matter to XML. */
function damaged(xml: string, next: () => number): string {
  let text = xml;
  const edits = 1 + Math.floor(next() * 3);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(next() * text.length);
    const kind = next();
    const piece = SIGNIFICANT[Math.floor(next() * SIGNIFICANT.length)]!;
    if (kind < 0.4) text = text.slice(0, at) + piece + text.slice(at);
    else if (kind < 0.7) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 3));
    else text = text.slice(0, at) + piece + text.slice(at + 1);
  }
  return text;
}

describe('XML scanner: the same reading as saxes, or none', () => {
  const wellFormed = fixtures.filter((f) => f.name !== 'truncated.xml');
  it.each(wellFormed.map((f) => [f.name, f.xml]))('%s: read whole, with exactly the events saxes gives', (_name, xml) => {
    const expected = saxesEvents(xml);
    expect(expected).not.toBeNull();
    expect(scannerEvents(xml)).toEqual(expected);
  });

  it('reads entities, character references, CDATA, comments, processing instructions and CR LF line breaks as saxes does', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<?xml-stylesheet href="s.xsl"?><!-- c -->\r\n<rss a='1' b = "x &amp; &#x41;&#66; &lt;&gt;&quot;&apos;"><channel>\r\n<title>A &amp; B\r\nC\rD &#13;&#x1F600; 台湾</title><x:y/><description><![CDATA[<p>one\r\ntwo & ]]]]><![CDATA[>]]></description><!-- between --><e></e ></channel></rss>\n<!-- after -->\n`;
    const expected = saxesEvents(xml);
    expect(expected).not.toBeNull();
    expect(scannerEvents(xml)).toEqual(expected);
    expect(expected).toContainEqual(['text', 'A & B\nC\nD \r😀 台湾']);
  });

  it.each([
    ['an undefined entity', '<a>&nbsp;</a>'],
    ['a bare ampersand', '<a>salt & pepper</a>'],
    ['an entity without its semicolon', '<a>&amp</a>'],
    ['a character reference to a forbidden character', '<a>&#0;</a>'],
    ['a character reference to a surrogate', '<a>&#xD800;</a>'],
    ['"]]>" in text', '<a>]]></a>'],
    ['a control character', '<a>\u0001</a>'],
    ['U+FFFE', '<a>\uFFFE</a>'],
    ['half a surrogate pair', '<a>\uD800</a>'],
    ['"--" inside a comment', '<a><!-- a--b --></a>'],
    ['text after the root', '<a/> x'],
    ['a second root', '<a/><b/>'],
    ['a misnested end tag', '<a><b></a></b>'],
    ['an end tag naming a longer element', '<ab></a></ab>'],
    ['an end tag with a non-XML space', '<a>x</a\u00a0>'],
    ['an unclosed element', '<a><b></b>'],
    ['no whitespace between attributes', '<a x="1"y="2"/>'],
    ['a duplicate attribute', '<a x="1" x="2"/>'],
    ['an unquoted attribute', '<a x=1/>'],
    ['"<" in an attribute value', '<a x="1<2"/>'],
    ['an XML declaration after the start', '<a><?xml version="1.0"?></a>'],
    ['nothing but a declaration', '<?xml version="1.0"?>'],
    ['a feed cut off in the middle (truncated.xml)', fixtures.find((f) => f.name === 'truncated.xml')!.xml],
  ])('refuses %s, as saxes does', (_what, xml) => {
    expect(saxesEvents(xml)).toBeNull();
    expect(scanXml(xml, new Recorder())).toBe(false);
  });

  it.each([
    ['a DOCTYPE', '<!DOCTYPE rss><rss><channel><title>T</title></channel></rss>'],
    ['XML 1.1', '<?xml version="1.1"?><rss><channel><title>T</title></channel></rss>'],
    ['a non-ASCII element name', '<rss><channel><título>T</título><title>T</title></channel></rss>'],
    ['a line break in an attribute value', '<rss version="2.0\n"><channel><title>T</title></channel></rss>'],
  ])('leaves %s to saxes, and the feed is still read the same', (_what, xml) => {
    expect(scanXml(xml, new Recorder())).toBe(false);
    expect(saxesEvents(xml)).not.toBeNull();
    expect(readFeedFast(xml, 10)?.title).toBe('T');
  });

  it('on thousands of damaged feeds, never reads one saxes refuses, and reads the others exactly as saxes', () => {
    const next = random(20261124);
    let readByBoth = 0;
    let refusedBySaxes = 0;
    for (let round = 0; round < 3_000; round++) {
      const source = fixtures[round % fixtures.length]!.xml;
      const xml = damaged(source, next);
      const expected = saxesEvents(xml);
      const scanned = scannerEvents(xml);
      if (expected === null) refusedBySaxes++;
      if (scanned === null) {
        // Declined: fine (saxes reads it next). Declining must not depend on whether text is wanted.
        expect(scanXml(xml, new Recorder(false)), `round ${round}`).toBe(false);
        continue;
      }
      expect(scanned, `round ${round}: ${JSON.stringify(xml.slice(0, 200))}`).toEqual(expected);
      expect(scanXml(xml, new Recorder(false)), `round ${round}`).toBe(true);
      readByBoth++;
    }
    // Both kinds of case were met, so the comparison above was not vacuous.
    expect(readByBoth).toBeGreaterThan(400);
    expect(refusedBySaxes).toBeGreaterThan(600);
  });
});
