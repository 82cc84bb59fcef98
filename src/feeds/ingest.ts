import type { NormalizedItem } from './types.js';
import { decodeFeedBody } from './encoding.js';
import { parseFeedXml, parseFeedXmlFast, parseFeedXmlWithRssParser } from './parse.js';
import { normalizeFeed, type NormalizeContext } from './normalize.js';
import { htmlToText } from './text.js';

/** What ingesting needs to know of the document: what normalizing needs. */
export type IngestContext = NormalizeContext;

/** The fetch-free ingest path: bytes → decoded text → parsed feed → normalized items. */
export async function ingestFeedBody(body: Buffer, contentType: string | null, context: IngestContext): Promise<NormalizedItem[]> {
  return ingestFeedBodyEagerly(body, contentType, context);
}

/**
 * As ingestFeedBody, but finished before it returns when the fast path reads the document (nearly
 * every feed); a promise only for a document that needs rss-parser. The poll cycle then hands a
 * feed's items to the store without yielding in between: awaiting here let every other feed whose
 * turn had come be parsed first, and the store's thread idled until they all were.
 */
export function ingestFeedBodyEagerly(body: Buffer, contentType: string | null, context: IngestContext): NormalizedItem[] | Promise<NormalizedItem[]> {
  const xml = decodeFeedBody(body, contentType, context.feedId);
  const feed = parseFeedXmlFast(xml, context.feedId);
  if (feed) return normalizeFeed(feed, context);
  return parseFeedXmlWithRssParser(xml, context.feedId).then((slow) => normalizeFeed(slow, context));
}

/** As ingestFeedBody, with the feed's own title (null when it has none). */
export async function readFeedDocument(body: Buffer, contentType: string | null, context: IngestContext): Promise<{ title: string | null; items: NormalizedItem[] }> {
  const xml = decodeFeedBody(body, contentType, context.feedId);
  const feed = await parseFeedXml(xml, context.feedId);
  return { title: htmlToText(feed.title) || null, items: normalizeFeed(feed, context) };
}
