import { createHash } from 'node:crypto';
import type { NormalizedItem } from './types.js';
import type { RawFeed, RawFeedItem } from './parse.js';
import { htmlToText, truncateText } from './text.js';
import { canonicalLink, hostOf } from './links.js';
import { parseFeedDate } from './dates.js';

/** Summaries longer than this are cut at a sentence or word boundary: chat needs a lead, not the article. */
export const SUMMARY_MAX_LENGTH = 600;
const TITLE_MAX_LENGTH = 300;

export interface NormalizeContext {
  feedId: string;
  /** Outlet name from the config; the feed's own title or host otherwise. */
  sourceName?: string | undefined;
  /** When the items were first seen (ms). Used for missing or implausible dates. */
  now: number;
}

/**
 * At most this many items are taken from one feed document (feeds list newest first): a feed of
 * 100 000 items is a mistake or an attack, and every later stage works on a bounded batch.
 */
export const MAX_ITEMS_PER_FEED = 1_000;

/** Turn a parsed feed into normalized items. Items with neither title nor link are dropped. */
export function normalizeFeed(feed: RawFeed, context: NormalizeContext): NormalizedItem[] {
  const source = context.sourceName ?? (htmlToText(feed.title) || hostOf(context.feedId));
  const language = cleanLanguage(feed.language ?? feed['dc:language'] ?? feed.xmlLang);
  const items: NormalizedItem[] = [];
  const itemContext: ItemContext = { ...context, source, language, base: safeBase(feed.link ?? context.feedId) };
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
  const link = canonicalLink(raw.link, context.base);
  if (!title && !link) return null;
  const summarySource = raw.summary ?? raw.description ?? raw.content ?? raw['content:encoded'] ?? '';
  const summary = truncateText(htmlToText(summarySource), SUMMARY_MAX_LENGTH);
  // The raw string first: rss-parser's isoDate reads zone abbreviations the US way ("CST" as
  // Central, not China Standard Time), which parseFeedDate handles for this region.
  const date = parseFeedDate(raw.pubDate ?? raw['dc:date'] ?? raw.published ?? raw.updated ?? raw.isoDate, context.now);
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
    return `${hostOf(feedId)}#${trimmed}`;
  }
  if (link) return link;
  return `sha1:${createHash('sha1').update(`${source}\n${title}\n${date}`).digest('hex').slice(0, 20)}`;
}

function cleanLanguage(raw: string | undefined): string | null {
  const value = typeof raw === 'string' ? raw.trim() : '';
  return /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$/.test(value) ? value.replace('_', '-').toLowerCase() : null;
}

function safeBase(base: string): string | undefined {
  try {
    const url = new URL(base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : undefined;
  } catch {
    return undefined; // a file path or a feed without a site link: relative item links stay unresolved
  }
}
