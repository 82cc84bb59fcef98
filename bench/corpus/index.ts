import { generateStream } from './stream.js';
import { renderRss } from './rss.js';
import type { NewsItem } from './items.js';

export type { NewsItem } from './items.js';
export { generateFeedSet, type FeedSpec } from './stream.js';
export { renderRss } from './rss.js';

/** The corpus starts here; dates then run forward over weeks or months, depending on its size. */
export const CORPUS_START = Date.UTC(2026, 0, 5, 0, 0);
/** Relations events a day: about what a busy week in this beat looks like across many outlets. */
export const EVENTS_PER_DAY = 50;
export const AGGREGATOR_URL = 'https://wire-aggregator.example/rss/asia-pacific.xml';

export interface FeedDocument {
  url: string;
  body: Buffer;
  /** Items in the document, newest first. */
  items: NewsItem[];
}

export interface GeneratedFeed {
  /** Every item, newest first. */
  items: NewsItem[];
  /** All items in one RSS document. */
  whole: FeedDocument;
  /** The same items as consecutive pages of `pageSize` (newest page first), same text. */
  pages: FeedDocument[];
  /** A moment just after the newest item: "now" for the poll that reads it. */
  now: number;
}

const CHANNEL = { title: 'Wire Aggregator: Asia-Pacific', link: 'https://wire-aggregator.example/asia-pacific', description: 'Top stories from news outlets across Asia and the world', language: 'en' };

function document(url: string, items: NewsItem[]): FeedDocument {
  return { url, items, body: Buffer.from(renderRss({ ...CHANNEL, selfUrl: url }, items, true), 'utf8') };
}

/**
 * One big aggregator feed (many outlets, `<source>` per item), newest first, ~40 % relations news
 * with a few Japanese and Chinese reports, as one document and as pages. Same seed, same bytes.
 */
export function aggregatorFeed(count: number, pageSize: number, seed = 1, relevantShare = 0.4): GeneratedFeed {
  const items = generateStream({ seed, count, relevantShare, eventsPerDay: EVENTS_PER_DAY, start: CORPUS_START, cjkShare: 0.06 }).reverse();
  const pages: FeedDocument[] = [];
  for (let start = 0; start < items.length; start += pageSize) {
    pages.push(document(`${AGGREGATOR_URL}?page=${pages.length + 1}`, items.slice(start, start + pageSize)));
  }
  const newest = items[0]?.published ?? CORPUS_START;
  return { items, whole: document(AGGREGATOR_URL, items), pages, now: newest + 3_600_000 };
}

/** Only relations reports, oldest first: the clustering workload. */
export function relationsStream(count: number, seed = 7): NewsItem[] {
  return generateStream({ seed, count, relevantShare: 1, eventsPerDay: EVENTS_PER_DAY, start: CORPUS_START, cjkShare: 0.06 });
}

/** Title and plain-text summary, as the matcher and clusterer see a normalized item. */
export function plainText(item: NewsItem): { title: string; summary: string } {
  return { title: item.title, summary: item.sentences.join(item.outlet.language === 'en' ? ' ' : '') };
}
