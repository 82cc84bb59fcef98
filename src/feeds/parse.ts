import Parser from 'rss-parser';
import { FeedError } from '../errors.js';

/** The fields we read from rss-parser's output, for RSS 0.9x/2.0, Atom 1.0 and RDF/RSS 1.0. */
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

const parser: Parser<Omit<RawFeed, 'items'>, RawFeedItem> = new Parser({
  customFields: {
    feed: ['language', 'dc:language'],
    item: ['description', 'summary', 'content:encoded', 'dc:date', 'dc:language', 'updated', 'published'],
  },
});

/**
 * Parse a decoded feed document. Throws `FeedError` naming the feed and the reason for an empty
 * body, an HTML page, or malformed XML (with the line the XML parser stopped at).
 */
export async function parseFeedXml(xml: string, feed: string): Promise<RawFeed> {
  const trimmed = xml.trimStart();
  if (trimmed.length === 0) throw new FeedError('feed_empty', feed, 'empty response body, expected an RSS, Atom or RDF document');
  if (/^(?:<!doctype\s+html|<html[\s>])/i.test(trimmed)) {
    throw new FeedError('feed_not_a_feed', feed, 'got an HTML page, not a feed (is the URL a web page rather than its RSS/Atom feed?)');
  }
  if (!trimmed.startsWith('<')) {
    throw new FeedError('feed_not_a_feed', feed, `not XML: the body starts with "${trimmed.slice(0, 40)}"`);
  }
  // Feeds have no business declaring entities. Refusing any DTD with ENTITY declarations shuts out
  // entity expansion ("billion laughs") and external entities (XXE) before the parser sees them;
  // the sax parser under rss-parser would not fetch external entities, but the refusal is explicit.
  const doctype = /<!DOCTYPE[^[>]*(\[[\s\S]*?\])?\s*>/i.exec(trimmed.slice(0, 65_536));
  if (doctype && /<!ENTITY/i.test(doctype[0])) {
    throw new FeedError('feed_malformed', feed, 'refused: the document declares XML entities in its DTD (entity expansion and external entities are not allowed)');
  }
  let parsed: RawFeed;
  try {
    parsed = (await parser.parseString(xml)) as RawFeed;
  } catch (error) {
    throw new FeedError('feed_malformed', feed, describeXmlError(error), { cause: error });
  }
  if (!Array.isArray(parsed.items)) parsed.items = [];
  const xmlLang = /<feed\b[^>]*\bxml:lang\s*=\s*["']([^"']+)["']/.exec(trimmed.slice(0, 2048))?.[1];
  if (xmlLang) parsed.xmlLang = xmlLang;
  return parsed;
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
