import type { NormalizedItem } from './types.js';
import { decodeFeedBody } from './encoding.js';
import { parseFeedXml } from './parse.js';
import { normalizeFeed } from './normalize.js';

export interface IngestContext {
  feedId: string;
  sourceName?: string | undefined;
  now: number;
}

/** The fetch-free ingest path: bytes → decoded text → parsed feed → normalized items. */
export async function ingestFeedBody(body: Buffer, contentType: string | null, context: IngestContext): Promise<NormalizedItem[]> {
  const xml = decodeFeedBody(body, contentType, context.feedId);
  const feed = await parseFeedXml(xml, context.feedId);
  return normalizeFeed(feed, context);
}
