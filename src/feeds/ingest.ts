import type { NormalizedItem } from './types.js';
import { decodeFeedBody } from './encoding.js';
import { parseFeedXml } from './parse.js';
import { normalizeFeed } from './normalize.js';
import { htmlToText } from './text.js';

export interface IngestContext {
  feedId: string;
  sourceName?: string | undefined;
  now: number;
}

/** The fetch-free ingest path: bytes → decoded text → parsed feed → normalized items. */
export async function ingestFeedBody(body: Buffer, contentType: string | null, context: IngestContext): Promise<NormalizedItem[]> {
  return (await readFeedDocument(body, contentType, context)).items;
}

/** As ingestFeedBody, with the feed's own title (null when it has none). */
export async function readFeedDocument(body: Buffer, contentType: string | null, context: IngestContext): Promise<{ title: string | null; items: NormalizedItem[] }> {
  const xml = decodeFeedBody(body, contentType, context.feedId);
  const feed = await parseFeedXml(xml, context.feedId);
  return { title: htmlToText(feed.title) || null, items: normalizeFeed(feed, context) };
}
