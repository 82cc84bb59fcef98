/**
 * A scanner for the plain XML that nearly every news feed is: elements, attributes, text, CDATA,
 * comments, processing instructions, the five XML entities and character references. It reports
 * the same events saxes does (opentag, closetag, text) and returns false for anything else or for
 * anything it is not sure is well-formed, so that the caller hands the document to saxes, which
 * then reads it or reports what is wrong (see fast-parse.ts). It never accepts a document saxes
 * refuses, and what it accepts it reads as saxes does (tests/feeds/xml-scanner.test.ts compares
 * the two on every fixture and on thousands of damaged documents).
 *
 * Why by hand, next to a library that parses XML: saxes reads a document character by character
 * in JavaScript to be a complete, strict parser, and that was ~45 % of newsbot's ingest time
 * (10 000 bench items: 72 ms of 156). Feeds need none of DTDs, non-ASCII names or attribute-value
 * normalization: finding the next `<` with indexOf and slicing the text in between, the scanner
 * reads the same documents several times faster, and leaves the rare other document to saxes.
 */

export interface XmlTag {
  /** As written, prefix included ("content:encoded"). */
  name: string;
  attributes: Readonly<Record<string, string>>;
  isSelfClosing: boolean;
}

/** What a reader of the document is told, in document order (a self-closing tag is opened, then closed). */
export interface XmlEvents {
  open(tag: XmlTag): void;
  close(name: string): void;
  /** Text and CDATA alike, entities decoded and line breaks normalized; may come in several pieces. */
  text(text: string): void;
  /** False while the reader would drop text (between fields): text is then only checked, not built. */
  readonly wantsText: boolean;
}

/**
 * Characters XML 1.0 does not allow anywhere in a document, and halves of broken surrogate pairs.
 * The first, simpler test runs over every document; only one with surrogates (emoji …) or a bad
 * character takes the second, which is three times slower.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const SUSPECT_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/;
// eslint-disable-next-line no-control-regex -- as above
const DISALLOWED_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** The one XML declaration accepted here; saxes knows the rest (other versions, odd spacing). */
const XML_DECLARATION = /^<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(["'])1\.0\1(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(["'])[A-Za-z][A-Za-z0-9._-]*\2)?(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(["'])(?:yes|no)\3)?[ \t\r\n]*\?>/;
const NO_ATTRIBUTES: Readonly<Record<string, string>> = Object.freeze({});

const GT = 0x3e;
const SLASH = 0x2f;
const QUESTION = 0x3f;
const BANG = 0x21;
const EQUALS = 0x3d;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;

/**
 * Scan `xml`, telling `events` what it holds. True when the whole document was read; false when
 * it is outside this scanner's subset or not well-formed (events may have been sent before that:
 * the caller starts over with another parser and a fresh reader).
 */
export function scanXml(xml: string, events: XmlEvents): boolean {
  if (SUSPECT_CHARACTER.test(xml) && DISALLOWED_CHARACTER.test(xml)) return false;
  const length = xml.length;
  const open: string[] = [];
  let rootSeen = false;
  let position = 0;
  if (xml.startsWith('<?xml')) {
    const declaration = XML_DECLARATION.exec(xml);
    if (!declaration) return false;
    position = declaration[0].length;
  }
  while (position < length) {
    let lt = xml.indexOf('<', position);
    if (lt < 0) lt = length;
    if (lt > position) {
      if (open.length === 0) {
        if (!isBlank(xml, position, lt)) return false; // text outside the root element
      } else if (events.wantsText) {
        const text = decodeText(xml.slice(position, lt));
        if (text === null) return false;
        events.text(text);
      } else if (!isBlank(xml, position, lt) && decodeText(xml.slice(position, lt)) === null) {
        return false; // dropped, but it must still be well-formed
      }
    }
    if (lt === length) break;
    const next = xml.charCodeAt(lt + 1);
    if (next === SLASH) {
      const end = endTag(xml, lt, open);
      if (end < 0) return false;
      events.close(open.pop()!);
      position = end;
    } else if (next === QUESTION) {
      const end = processingInstruction(xml, lt);
      if (end < 0) return false;
      position = end;
    } else if (next === BANG) {
      if (xml.startsWith('<!--', lt)) {
        const end = xml.indexOf('-->', lt + 4);
        // "--" inside a comment, or "--->", is not well-formed.
        if (end < 0 || xml.slice(lt + 4, end).includes('--') || xml.charCodeAt(end - 1) === 0x2d) return false;
        position = end + 3;
      } else if (xml.startsWith('<![CDATA[', lt) && open.length > 0) {
        const end = xml.indexOf(']]>', lt + 9);
        if (end < 0) return false;
        events.text(normalizeLineBreaks(xml.slice(lt + 9, end)));
        position = end + 3;
      } else {
        return false; // a DOCTYPE, or CDATA outside the root: saxes's business
      }
    } else {
      if (rootSeen && open.length === 0) return false; // a second root element
      const end = startTag(xml, lt, events, open);
      if (end < 0) return false;
      rootSeen = true;
      position = end;
    }
  }
  return rootSeen && open.length === 0;
}

/** Reads the start tag at `lt`, tells `events`, and returns the position after it (-1: not read). */
function startTag(xml: string, lt: number, events: XmlEvents, open: string[]): number {
  let i = nameEnd(xml, lt + 1);
  if (i < 0) return -1;
  const name = xml.slice(lt + 1, i);
  let attributes: Record<string, string> | null = null;
  for (;;) {
    const spaced = i;
    i = skipBlank(xml, i);
    const code = xml.charCodeAt(i);
    if (code === GT) {
      events.open({ name, attributes: attributes ?? NO_ATTRIBUTES, isSelfClosing: false });
      open.push(name);
      return i + 1;
    }
    if (code === SLASH) {
      if (xml.charCodeAt(i + 1) !== GT) return -1;
      events.open({ name, attributes: attributes ?? NO_ATTRIBUTES, isSelfClosing: true });
      events.close(name);
      return i + 2;
    }
    if (i === spaced) return -1; // attributes are separated by whitespace
    const nameStart = i;
    i = nameEnd(xml, i);
    if (i < 0) return -1;
    const attribute = xml.slice(nameStart, i);
    i = skipBlank(xml, i);
    if (xml.charCodeAt(i) !== EQUALS) return -1;
    i = skipBlank(xml, i + 1);
    const quote = xml.charCodeAt(i);
    if (quote !== QUOTE && quote !== APOSTROPHE) return -1;
    const close = xml.indexOf(quote === QUOTE ? '"' : "'", i + 1);
    if (close < 0) return -1;
    const value = decodeAttribute(xml.slice(i + 1, close));
    attributes ??= {};
    if (value === null || Object.hasOwn(attributes, attribute)) return -1;
    attributes[attribute] = value;
    i = close + 1;
  }
}

/** Checks the end tag at `lt` against the element open last; returns the position after it (-1: not read). */
function endTag(xml: string, lt: number, open: readonly string[]): number {
  const expected = open[open.length - 1];
  if (expected === undefined || !xml.startsWith(expected, lt + 2)) return -1;
  const afterName = lt + 2 + expected.length;
  const i = skipBlank(xml, afterName);
  // The name must end where the element's does ("</ab>" does not close "a"), then only blanks until ">".
  if (xml.charCodeAt(i) !== GT || (i === afterName && isNameChar(xml.charCodeAt(afterName)))) return -1;
  return i + 1;
}

/** Skips a processing instruction (`<?target …?>`; not a second XML declaration); returns the position after it (-1: not read). */
function processingInstruction(xml: string, lt: number): number {
  const targetEnd = nameEnd(xml, lt + 2);
  if (targetEnd < 0 || xml.slice(lt + 2, targetEnd).toLowerCase() === 'xml') return -1;
  const end = xml.indexOf('?>', targetEnd);
  if (end < 0) return -1;
  if (end > targetEnd && !isBlankCode(xml.charCodeAt(targetEnd))) return -1;
  return end + 2;
}

/**
 * End of the ASCII XML name starting at `start`, or -1 when none starts there. Names with other
 * characters are valid XML but rare in feeds: saxes reads them.
 */
function nameEnd(xml: string, start: number): number {
  const first = xml.charCodeAt(start);
  if (!((first >= 0x61 && first <= 0x7a) || (first >= 0x41 && first <= 0x5a) || first === 0x5f || first === 0x3a)) return -1;
  let i = start + 1;
  while (isNameChar(xml.charCodeAt(i))) i++;
  return i;
}

function isNameChar(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x5f || code === 0x3a || code === 0x2d || code === 0x2e;
}

const isBlankCode = (code: number): boolean => code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d;

function skipBlank(xml: string, i: number): number {
  while (isBlankCode(xml.charCodeAt(i))) i++;
  return i;
}

function isBlank(xml: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isBlankCode(xml.charCodeAt(i))) return false;
  return true;
}

/** Text as XML means it: CR LF and lone CR read as LF, entities decoded. Null when not well-formed. */
function decodeText(raw: string): string | null {
  if (raw.includes(']]>')) return null;
  return decodeEntities(normalizeLineBreaks(raw));
}

/**
 * An attribute value with its entities decoded. XML turns line breaks and tabs in attribute values
 * into spaces; values with them are left to saxes rather than normalized here (feeds hardly have them).
 */
function decodeAttribute(raw: string): string | null {
  if (raw.includes('<')) return null;
  const value = decodeEntities(raw);
  return value === null || /[\t\n\r]/.test(raw) ? null : value;
}

function normalizeLineBreaks(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

const NAMED_ENTITIES: ReadonlyMap<string, string> = new Map([['amp', '&'], ['lt', '<'], ['gt', '>'], ['quot', '"'], ['apos', "'"]]);

/** `&amp;`, `&#65;`, `&#x41;` … decoded; null for any other `&` (an HTML entity, a bare ampersand). */
function decodeEntities(text: string): string | null {
  let amp = text.indexOf('&');
  if (amp < 0) return text;
  let out = '';
  let from = 0;
  while (amp >= 0) {
    const semicolon = text.indexOf(';', amp + 1);
    if (semicolon < 0) return null;
    const name = text.slice(amp + 1, semicolon);
    const decoded = name.charCodeAt(0) === 0x23 ? characterReference(name) : NAMED_ENTITIES.get(name);
    if (decoded === undefined) return null;
    out += text.slice(from, amp) + decoded;
    from = semicolon + 1;
    amp = text.indexOf('&', from);
  }
  return out + text.slice(from);
}

/** "#65" or "#x41" → the character, if XML allows it. */
function characterReference(name: string): string | undefined {
  const hex = name.charCodeAt(1) === 0x78; // x
  const digits = name.slice(hex ? 2 : 1);
  if (!(hex ? /^[0-9A-Fa-f]{1,6}$/ : /^[0-9]{1,7}$/).test(digits)) return undefined;
  const code = Number.parseInt(digits, hex ? 16 : 10);
  const allowed = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
  return allowed ? String.fromCodePoint(code) : undefined;
}
