import Parser from 'rss-parser';
import { FeedError } from '../errors.js';
import { readFeedFast } from './fast-parse.js';
import { againstXmlBase, xmlBaseOf } from './links.js';
import { MAX_ITEMS_PER_FEED } from './normalize.js';

/** The fields we read from a feed (the fast path's output, or rss-parser's), for RSS 0.9x/2.0, Atom 1.0 and RDF/RSS 1.0. */
export interface RawFeedItem {
  title?: string;
  link?: string;
  guid?: string;
  id?: string;
  pubDate?: string;
  isoDate?: string;
  content?: string;
  contentSnippet?: string;
  summary?: string;
  description?: string;
  'content:encoded'?: string;
  'dc:date'?: string;
  'dc:language'?: string;
  updated?: string;
  published?: string;
}

export interface RawFeed {
  title?: string;
  link?: string;
  language?: string;
  'dc:language'?: string;
  /** Atom's xml:lang on the root element (rss-parser does not expose it). */
  xmlLang?: string;
  items: RawFeedItem[];
}

/**
 * Raw xml2js values rss-parser copies onto its feed and items for us, read to resolve Atom links
 * against xml:base (rss-parser ignores it) and then left out: the element's attributes and its link
 * elements. Under names rss-parser gives none of its own fields.
 */
const ATTRIBUTES = 'xml2js:attributes';
const LINK_ELEMENTS = 'xml2js:links';

interface Xml2jsParts {
  [ATTRIBUTES]?: unknown;
  [LINK_ELEMENTS]?: unknown;
}
type RssParserItem = RawFeedItem & Xml2jsParts;
type RssParserFeed = Omit<RawFeed, 'items'> & Xml2jsParts & { items: RssParserItem[] };

type Attributes = Readonly<Record<string, string>>;

// keepArray copies what xml2js built as it is: for `$` that is the attribute object itself, for
// `link` every link element (rss-parser keeps only the chosen href).
const XML2JS_PARTS = [['$', ATTRIBUTES, { keepArray: true }], ['link', LINK_ELEMENTS, { keepArray: true }]];

// A new parser per document: xml2js's parser keeps an error state after a malformed document, and the
// next malformed one then reports "Unable to parse XML." instead of its line. The fallback is rare.
const newRssParser = (): Parser<Omit<RssParserFeed, 'items'>, RssParserItem> => new Parser({
  customFields: {
    // rss-parser's types allow [from, to, options] for item fields only; it copies feed fields the same way.
    feed: ['language', 'dc:language', ...XML2JS_PARTS] as unknown as Array<keyof Omit<RssParserFeed, 'items'>>,
    item: ['description', 'summary', 'content:encoded', 'dc:date', 'dc:language', 'updated', 'published', ...XML2JS_PARTS],
  },
});

/**
 * Parse a decoded feed document: the fast path (fast-parse.ts) first, rss-parser for what that
 * cannot read (not well-formed for a strict parser, or not a feed). Throws `FeedError` naming the
 * feed and the reason for an empty body, an HTML page, or malformed XML (with the line the XML
 * parser stopped at).
 */
export async function parseFeedXml(xml: string, feed: string): Promise<RawFeed> {
  const trimmed = checkDocument(xml, feed);
  return readFeedFast(trimmed, MAX_ITEMS_PER_FEED) ?? parseWithRssParser(xml, trimmed, feed);
}

/**
 * The synchronous half of parseFeedXml: its checks (throwing the same errors), then the fast path.
 * Null when the document needs rss-parser: then call parseFeedXmlWithRssParser.
 */
export function parseFeedXmlFast(xml: string, feed: string): RawFeed | null {
  return readFeedFast(checkDocument(xml, feed), MAX_ITEMS_PER_FEED);
}

/** As parseFeedXml, with rss-parser only (the fallback; tests compare the two paths with it). */
export async function parseFeedXmlWithRssParser(xml: string, feed: string): Promise<RawFeed> {
  return parseWithRssParser(xml, checkDocument(xml, feed), feed);
}

/** The checks before any XML parser sees the document; returns it without leading whitespace. */
function checkDocument(xml: string, feed: string): string {
  const trimmed = xml.trimStart();
  if (trimmed.length === 0) throw new FeedError('feed_empty', feed, 'empty response body, expected an RSS, Atom or RDF document');
  if (/^(?:<!doctype\s+html|<html[\s>])/i.test(trimmed)) {
    throw new FeedError('feed_not_a_feed', feed, 'got an HTML page, not a feed (is the URL a web page rather than its RSS/Atom feed?)');
  }
  if (!trimmed.startsWith('<')) {
    throw new FeedError('feed_not_a_feed', feed, `not XML: the body starts with "${trimmed.slice(0, 40)}"`);
  }
  // Feeds have no business declaring entities. Refusing any DTD with ENTITY declarations shuts out
  // entity expansion ("billion laughs") and external entities (XXE) before a parser sees them;
  // neither saxes nor the sax parser under rss-parser fetches external entities, but the refusal is explicit.
  const doctype = /<!DOCTYPE[^[>]*(\[[\s\S]*?\])?\s*>/i.exec(trimmed.slice(0, 65_536));
  if (doctype && /<!ENTITY/i.test(doctype[0])) {
    throw new FeedError('feed_malformed', feed, 'refused: the document declares XML entities in its DTD (entity expansion and external entities are not allowed)');
  }
  return trimmed;
}

/** `xml` as received, so sax's line numbers are the document's; `trimmed` as checkDocument returned it. */
async function parseWithRssParser(xml: string, trimmed: string, feed: string): Promise<RawFeed> {
  let parsed: RssParserFeed;
  try {
    parsed = (await newRssParser().parseString(xml)) as RssParserFeed;
  } catch (error) {
    throw new FeedError('feed_malformed', feed, describeXmlError(error), { cause: error });
  }
  if (!Array.isArray(parsed.items)) parsed.items = [];
  const result = asTextFields(withLinksAgainstXmlBase(parsed));
  const xmlLang = /<feed\b[^>]*\bxml:lang\s*=\s*["']([^"']+)["']/.exec(trimmed.slice(0, 2048))?.[1];
  if (xmlLang) result.xmlLang = xmlLang;
  return result;
}

/**
 * rss-parser hands on an Atom link's href as written, and a relative one would then resolve against
 * the feed's address. Resolved here as the fast path resolves it: against the link element's own
 * xml:base, else its entry's, else the feed element's.
 */
function withLinksAgainstXmlBase(parsed: RssParserFeed): RssParserFeed {
  const feedBase = xmlBaseOf(attributesOf(parsed[ATTRIBUTES]), undefined);
  const items = parsed.items.map((item) => withLinkAgainstXmlBase(item, xmlBaseOf(attributesOf(item[ATTRIBUTES]), feedBase)));
  return { ...withLinkAgainstXmlBase(parsed, feedBase), items };
}

/**
 * `owner` (the feed or an entry) with its link resolved against the xml:base in force at the link
 * element rss-parser took it from. Only an Atom link is an href attribute: an RSS link is its
 * element's text and is left as it is, as the fast path leaves it.
 */
function withLinkAgainstXmlBase<T extends Xml2jsParts & { link?: string }>(owner: T, ownerBase: string | undefined): T {
  const link = owner.link;
  if (typeof link !== 'string') return owner;
  const linkAttributes = linkElementWithHref(owner[LINK_ELEMENTS], link);
  return linkAttributes ? { ...owner, link: againstXmlBase(link, xmlBaseOf(linkAttributes, ownerBase)) } : owner;
}

/** The attributes of the first of xml2js's link elements whose href is `href`. */
function linkElementWithHref(elements: unknown, href: string): Attributes | undefined {
  if (!Array.isArray(elements)) return undefined;
  for (const element of elements) {
    const attributes = attributesOf((element as { $?: unknown } | null | undefined)?.$);
    if (attributes?.href === href) return attributes;
  }
  return undefined;
}

/** `value` when it is an attribute object as xml2js builds one (`$`); undefined otherwise. */
function attributesOf(value: unknown): Attributes | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Attributes) : undefined;
}

const FEED_FIELDS = ['title', 'link', 'language', 'dc:language'] as const;
const ITEM_FIELDS = ['title', 'link', 'guid', 'id', 'pubDate', 'isoDate', 'content', 'contentSnippet', 'summary', 'description', 'content:encoded', 'dc:date', 'dc:language', 'updated', 'published'] as const;

/**
 * rss-parser hands on what xml2js built: an element with child elements (markup in a description
 * that is not escaped, an xhtml Atom title, a guid with attributes) comes as an object or an array,
 * not text, and later steps expect text. Every field newsbot reads is made text here; what has none
 * is left out.
 */
function asTextFields(parsed: RssParserFeed): RawFeed {
  const feed = withTextFields(parsed, FEED_FIELDS) as Omit<RawFeed, 'items'>;
  const items = parsed.items.map((item) => withTextFields(item, ITEM_FIELDS) as RawFeedItem);
  return { ...feed, items };
}

/** A copy of `record` with `fields` made text and the raw xml2js parts (read for xml:base) left out. */
function withTextFields(record: object, fields: readonly string[]): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...record };
  for (const field of fields) copy[field] = textOf(copy[field]);
  delete copy[ATTRIBUTES];
  delete copy[LINK_ELEMENTS];
  return copy;
}

/** The text of an xml2js value: its own text (`_`), then its children's, attributes (`$`) left out. */
function textOf(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(textOf).filter((text) => text !== undefined).join(' ');
  if (typeof value === 'object') {
    const parts: string[] = [];
    for (const [key, child] of Object.entries(value)) {
      if (key === '$') continue;
      const text = textOf(child);
      if (text) parts.push(text);
    }
    return parts.join(' ');
  }
  return undefined;
}

function describeXmlError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // sax reports "Unclosed root tag\nLine: 12\nColumn: 3\nChar: "; fold it into one readable line.
  const line = /Line:\s*(\d+)/.exec(message)?.[1];
  const column = /Column:\s*(\d+)/.exec(message)?.[1];
  const first = message.split('\n')[0]?.trim() ?? message;
  if (/Feed not recognized/i.test(message)) return 'XML is well-formed but is not RSS, Atom or RDF';
  const where = line ? ` at line ${Number(line) + 1}${column ? `, column ${column}` : ''}` : '';
  return `malformed XML${where}: ${first}`;
}
