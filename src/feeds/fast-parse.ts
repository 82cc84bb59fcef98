import { SaxesParser } from 'saxes';
import type { RawFeed, RawFeedItem } from './parse.js';
import { againstXmlBase, xmlBaseOf } from './links.js';
import { scanXml, type XmlEvents, type XmlTag } from './xml-scanner.js';

/**
 * The fast path from a decoded feed document to `RawFeed`, the shape rss-parser gives us, for
 * RSS 0.9x/2.0, RDF/RSS 1.0 and Atom 1.0.
 *
 * Why not rss-parser alone: it builds a full xml2js object tree of every element with the older
 * sax parser, then copies the fields out; that was ~40 % of the whole pipeline's time. Here the
 * document is streamed once, by xml-scanner.ts or, for what that leaves, by saxes (a strict, faster
 * sax fork), and only the fields newsbot reads are kept, with rss-parser's choices: the first
 * occurrence of a field wins, a field's text is its text and CDATA (XML entities decoded), an Atom
 * entry's link is the one marked rel="alternate" or else the first, RDF items are children of the
 * root.
 *
 * Returns null when this path cannot read the document: saxes found it not well-formed (which also
 * covers HTML entities such as &nbsp; that sax accepts and strict XML does not, and stray control
 * characters), or its root is not rss, feed or rdf:RDF. The caller then parses with rss-parser, so
 * such documents are read, or refused with the message, exactly as before.
 */
export function readFeedFast(xml: string, maxItems: number): RawFeed | null {
  // Most feeds are plain XML that the scanner reads several times faster than saxes; it leaves
  // anything else (and anything not well-formed) to saxes, so the outcome is saxes's either way.
  const scanned = new FeedReader(maxItems);
  if (scanXml(xml, scanned)) return scanned.result();
  const reader = new FeedReader(maxItems);
  // Positions are only for error messages, and errors are reported by the fallback parse.
  const parser = new SaxesParser<{ position: false; xmlns: false }>({ position: false, xmlns: false });
  parser.on('opentag', (tag) => reader.open(tag));
  parser.on('closetag', (tag) => reader.close(tag.name));
  parser.on('text', (text) => reader.text(text));
  parser.on('cdata', (text) => reader.text(text));
  try {
    parser.write(xml).close();
  } catch {
    return null; // not well-formed for saxes: the caller falls back (see above)
  }
  return reader.result();
}

type Kind = 'rss' | 'rdf' | 'atom';

/** Item fields read from RSS/RDF items and Atom entries (by element name, prefixes as written). */
const ITEM_FIELDS = new Set(['title', 'link', 'guid', 'id', 'pubDate', 'description', 'summary', 'content', 'content:encoded', 'dc:date', 'dc:language', 'updated', 'published']);
const FEED_FIELDS = new Set(['title', 'link', 'language', 'dc:language']);

interface AtomLink {
  rel: string | undefined;
  href: string;
}

/** A record being filled: the channel (or Atom feed) or one item. */
interface Target {
  fields: Record<string, string>;
  links: AtomLink[];
  /** Atom: the xml:base its relative links resolve against (the entry's, else the feed's). */
  base?: string | undefined;
}

class FeedReader implements XmlEvents {
  private kind: Kind | null = null;
  private unknownRoot = false;
  private depth = 0;
  /** Depth of the channel (RSS, RDF) or of the root (Atom), whose direct children are feed fields. */
  private feedDepth = -1;
  private readonly feed: Target = { fields: {}, links: [] };
  private xmlLang: string | undefined;
  private xmlBase: string | undefined;
  private readonly items: Target[] = [];
  private item: Target | null = null;
  private itemDepth = -1;
  /** Depth of an element whose content is ignored (items past the cap), -1 when none. */
  private skipDepth = -1;
  /** The field being read: its owner, name, depth and text so far (nested markup kept as tags). */
  private field: { owner: Target; name: string; depth: number; text: string } | null = null;

  constructor(private readonly maxItems: number) {}

  open(tag: XmlTag): void {
    const depth = ++this.depth;
    const name = tag.name;
    if (this.skipDepth >= 0) return;
    if (this.field) {
      // Markup inside a field (XHTML content, unescaped HTML): kept as tags for htmlToText, which
      // turns block elements into spaces and drops the rest.
      this.field.text += tag.isSelfClosing ? `<${name}/>` : `<${name}>`;
      return;
    }
    if (depth === 1) {
      this.openRoot(tag);
      return;
    }
    if (this.item) {
      if (depth === this.itemDepth + 1) this.openField(this.item, tag, ITEM_FIELDS);
      return;
    }
    const itemParent = this.kind === 'rss' ? this.feedDepth : 1; // RDF items and Atom entries sit under the root
    if (depth === itemParent + 1 && (name === 'item' ? this.kind !== 'atom' : name === 'entry' && this.kind === 'atom')) {
      // Past the cap the rest is still parsed, so a document broken further on is still refused.
      if (this.items.length < this.maxItems) {
        this.item = { fields: {}, links: [], base: this.kind === 'atom' ? xmlBaseOf(tag.attributes, this.xmlBase) : undefined };
        this.itemDepth = depth;
      } else {
        this.skipDepth = depth;
      }
      return;
    }
    if (depth === 2 && name === 'channel' && this.kind !== 'atom' && this.feedDepth < 0) {
      this.feedDepth = 2;
      return;
    }
    if (depth === this.feedDepth + 1) this.openField(this.feed, tag, FEED_FIELDS);
  }

  close(name: string): void {
    const depth = this.depth--;
    if (this.skipDepth >= 0) {
      if (depth === this.skipDepth) this.skipDepth = -1;
      return;
    }
    if (this.field) {
      if (depth === this.field.depth) {
        const { owner, name, text } = this.field;
        if (!(name in owner.fields)) owner.fields[name] = detached(text);
        this.field = null;
      } else {
        this.field.text += `</${name}>`;
      }
      return;
    }
    if (this.item && depth === this.itemDepth) {
      this.items.push(this.item);
      this.item = null;
    }
  }

  get wantsText(): boolean {
    return this.field !== null;
  }

  text(text: string): void {
    if (this.field) this.field.text += text;
  }

  result(): RawFeed | null {
    if (!this.kind || this.unknownRoot) return null;
    const feed: RawFeed = { items: this.items.map((item) => toRawItem(item, this.kind === 'atom')) };
    const fields = this.feed.fields;
    if (fields.title !== undefined) feed.title = fields.title;
    const link = this.kind === 'atom' ? alternateLink(this.feed.links) : fields.link;
    if (link !== undefined) feed.link = link;
    if (fields.language !== undefined) feed.language = fields.language;
    if (fields['dc:language'] !== undefined) feed['dc:language'] = fields['dc:language'];
    if (this.xmlLang) feed.xmlLang = this.xmlLang;
    return feed;
  }

  private openRoot(tag: XmlTag): void {
    if (tag.name === 'rss') this.kind = 'rss';
    else if (tag.name === 'rdf:RDF') this.kind = 'rdf';
    else if (tag.name === 'feed') {
      this.kind = 'atom';
      this.feedDepth = 1;
      this.xmlLang = tag.attributes['xml:lang'];
      this.xmlBase = xmlBaseOf(tag.attributes, undefined);
    } else this.unknownRoot = true;
  }

  private openField(owner: Target, tag: XmlTag, names: ReadonlySet<string>): void {
    if (this.kind === 'atom' && tag.name === 'link') {
      // Atom links carry their address in attributes; an RSS <link> holds it as text.
      const href = tag.attributes.href;
      const base = xmlBaseOf(tag.attributes, owner.base ?? this.xmlBase);
      if (href !== undefined) owner.links.push({ rel: tag.attributes.rel, href: againstXmlBase(href, base) });
      return;
    }
    if (names.has(tag.name) && !(tag.name in owner.fields)) this.field = { owner, name: tag.name, depth: this.depth, text: '' };
  }
}

/**
 * A copy of `text` that does not point into the document. saxes hands out slices of the document
 * string, and V8 keeps a slice's whole parent alive: items kept after a poll (the cycle's story
 * changes, the clusterer's batch) held every feed's full document, 146 MB for 2 000 feeds of 50
 * items. Concatenation then slicing makes V8 copy the characters into a string of their own.
 */
function detached(text: string): string {
  return text.length < 13 ? text : ` ${text}`.slice(1); // V8 copies slices shorter than 13 anyway
}

function toRawItem(item: Target, atom: boolean): RawFeedItem {
  const f = item.fields;
  const raw: RawFeedItem = {};
  if (f.title !== undefined) raw.title = f.title;
  const link = atom ? alternateLink(item.links) : f.link;
  if (link !== undefined) raw.link = link;
  if (atom) {
    if (f.id !== undefined) raw.id = f.id;
    if (f.content !== undefined) raw.content = f.content;
  } else {
    if (f.guid !== undefined) raw.guid = f.guid;
    if (f.pubDate !== undefined) raw.pubDate = f.pubDate;
    if (f.description !== undefined) raw.description = f.description;
  }
  if (f.summary !== undefined) raw.summary = f.summary;
  if (f['content:encoded'] !== undefined) raw['content:encoded'] = f['content:encoded'];
  if (f['dc:date'] !== undefined) raw['dc:date'] = f['dc:date'];
  if (f['dc:language'] !== undefined) raw['dc:language'] = f['dc:language'];
  if (f.published !== undefined) raw.published = f.published;
  if (f.updated !== undefined) raw.updated = f.updated;
  return raw;
}

/** rss-parser's choice for Atom: the link marked alternate, else the first one. */
function alternateLink(links: readonly AtomLink[]): string | undefined {
  // RFC 4287: a link without rel is an alternate one, so it wins over rel="replies" or "enclosure".
  return (links.find((link) => link.rel === undefined || link.rel.trim() === '' || link.rel.trim() === 'alternate') ?? links[0])?.href;
}
