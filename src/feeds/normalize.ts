import { createHash } from 'node:crypto';
import type { NormalizedItem } from './types.js';
import type { RawFeed, RawFeedItem } from './parse.js';
import { htmlToText, truncateText } from './text.js';
import { canonicalLink, hostOf } from './links.js';
import { parseFeedDate, type ParsedDate } from './dates.js';

/** Summaries longer than this are cut at a sentence or word boundary: chat needs a lead, not the article. */
export const SUMMARY_MAX_LENGTH = 600;
const TITLE_MAX_LENGTH = 300;

export interface NormalizeContext {
  feedId: string;
  /** Outlet name from the config; the feed's own title or host otherwise. */
  sourceName?: string | undefined;
  /** When the items were first seen (ms). Used for missing or implausible dates. */
  now: number;
  /** Where the document was read from after redirects, when not `feedId`: relative links resolve against it. */
  finalUrl?: string | undefined;
}

/**
 * At most this many items are taken from one feed document (feeds list newest first): a feed of
 * 100 000 items is a mistake or an attack, and every later stage works on a bounded batch.
 */
export const MAX_ITEMS_PER_FEED = 1_000;

/** Turn a parsed feed into normalized items. Items with no title, link or summary are dropped. */
export function normalizeFeed(feed: RawFeed, context: NormalizeContext): NormalizedItem[] {
  const source = context.sourceName ?? (htmlToText(feed.title) || hostOf(context.feedId));
  const language = cleanLanguage(feed.language ?? feed['dc:language'] ?? feed.xmlLang);
  const items: NormalizedItem[] = [];
  const itemContext: ItemContext = { ...context, source, language, base: siteBase(feed.link, context.finalUrl ?? context.feedId) };
  const count = Math.min(feed.items.length, MAX_ITEMS_PER_FEED);
  for (let i = 0; i < count; i++) {
    const item = normalizeItem(feed.items[i]!, itemContext);
    if (item) items.push(item);
  }
  return items;
}

interface ItemContext extends NormalizeContext {
  source: string;
  language: string | null;
  /** The base for relative item links (the site, else the feed URL); undefined when neither is http(s). */
  base: string | undefined;
}

function normalizeItem(raw: RawFeedItem, context: ItemContext): NormalizedItem | null {
  const title = truncateText(htmlToText(raw.title), TITLE_MAX_LENGTH);
  // RSS 2.0: a guid is the item's permalink unless it says otherwise, so one that is a web address
  // links the item when it has no <link>.
  const link = canonicalLink(raw.link, context.base) ?? (isWebAddress(raw.guid) ? canonicalLink(raw.guid) : null);
  // The first field with text: an empty description, or one that is only an image, does not hide the content.
  const summary = firstText([raw.summary, raw.description, raw.content, raw['content:encoded']]);
  // RSS 2.0 asks for a title or a description: an item with only a description is news too.
  if (!title && !link && !summary) return null;
  // The raw strings first: rss-parser's isoDate reads zone abbreviations the US way ("CST" as
  // Central, not China Standard Time), which parseFeedDate handles for this region. The first date
  // that parses wins: an empty pubDate does not hide a dc:date.
  const date = firstDate([raw.pubDate, raw['dc:date'], raw.published, raw.updated, raw.isoDate], context.now);
  return {
    id: itemId(raw, link, context.source, title, date.estimated ? '' : String(date.time), context.feedId),
    feedId: context.feedId,
    link,
    title: title || truncateText(summary, 120),
    summary,
    published: date.time,
    publishedEstimated: date.estimated,
    source: context.source,
    language: cleanLanguage(raw['dc:language']) ?? context.language,
  };
}

/**
 * The item's stable id. A guid that is a URL, URN or tag URI is globally unique and used as is;
 * a short opaque guid ("12345") is unique only within its feed, so it is scoped by the feed.
 */
function itemId(raw: RawFeedItem, link: string | null, source: string, title: string, date: string, feedId: string): string {
  const guid = (typeof raw.guid === 'string' ? raw.guid : undefined) ?? raw.id;
  const trimmed = typeof guid === 'string' ? guid.trim() : '';
  if (trimmed) {
    const global = /^(?:https?:|urn:|tag:)/i.test(trimmed);
    // A guid that is the item's link (common) is already canonical: skip parsing it a second time.
    if (global) return (link !== null && trimmed === raw.link?.trim() ? link : canonicalLink(trimmed)) ?? trimmed;
    // Scoped by the whole feed address, not its host: feeds of one host (rsshub.app, feedburner)
    // number their items independently, and "1001" in two of them are two articles.
    return `${feedId}#${trimmed}`;
  }
  if (link) return link;
  return `sha1:${createHash('sha1').update(`${source}\n${title}\n${date}`).digest('hex').slice(0, 20)}`;
}

const isWebAddress = (value: string | undefined): value is string => typeof value === 'string' && /^https?:\/\//i.test(value.trim());

/** The first of `candidates` with any text once HTML is removed, truncated for a summary; '' if none. */
function firstText(candidates: ReadonlyArray<string | undefined>): string {
  for (const candidate of candidates) {
    if (!candidate) continue;
    const text = truncateText(htmlToText(candidate), SUMMARY_MAX_LENGTH);
    if (text) return text;
  }
  return '';
}

/** The first of `candidates` that parses as a date; else the first-seen time, estimated. */
function firstDate(candidates: ReadonlyArray<string | undefined>, now: number): ParsedDate {
  for (const candidate of candidates) {
    if (!candidate || !candidate.trim()) continue;
    const date = parseFeedDate(candidate, now);
    if (!date.estimated) return date;
  }
  return parseFeedDate(undefined, now);
}

function cleanLanguage(raw: string | undefined): string | null {
  const value = typeof raw === 'string' ? raw.trim() : '';
  return /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$/.test(value) ? value.replace('_', '-').toLowerCase() : null;
}

/** The base for relative item links: the channel's link, itself resolved against the feed's address ("/" is the feed's site). */
function siteBase(channelLink: string | undefined, feedId: string): string | undefined {
  return (channelLink?.trim() ? safeBase(channelLink.trim(), feedId) : undefined) ?? safeBase(feedId);
}

/** `reference` (resolved against `base`) when it is an http(s) URL; undefined otherwise. */
function safeBase(reference: string, base?: string): string | undefined {
  try {
    const url = new URL(reference, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : undefined;
  } catch {
    return undefined; // a file path or a feed without a site link: relative item links stay unresolved
  }
}
