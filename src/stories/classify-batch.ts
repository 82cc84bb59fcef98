import type { CompiledTopic } from '../match/compile.js';
import { matchItem } from '../match/matcher.js';
import type { MatchResult } from '../match/types.js';
import { extractFeatures, genericFeaturesOf } from './features.js';
import { StoryClusterer, type ClusterOptions } from './clusterer.js';
import { outletKey } from './outlet.js';
import { eventTime } from './event-time.js';

/** One item of a batch, as `newsbot classify` reads it (JSON Lines). */
export interface BatchItem {
  id: string;
  title: string;
  summary?: string;
  source: string;
  /** ISO 8601 or ms since epoch. */
  published: string | number;
  link?: string;
  /** When the item was first seen, if known: preferred over an implausible `published`. */
  firstSeen?: string | number;
}

export interface BatchVerdict {
  id: string;
  relevant: boolean;
  score: number;
  matched: Record<string, string[]>;
  story: string | null;
  match: MatchResult;
}

/**
 * Classify a batch: match every item, then cluster the relevant ones in time order (IDF counted over
 * the whole batch first, so early items are weighed like late ones). Results keep the input order.
 */
export function classifyBatch(items: BatchItem[], compiled: CompiledTopic, options: Partial<ClusterOptions> = {}): BatchVerdict[] {
  const clusterer = new StoryClusterer(options);
  const prepared = items.map((item, index) => {
    const summary = item.summary ?? '';
    const match = matchItem(compiled, { title: item.title, summary });
    const features = extractFeatures(item.title, summary, match.concepts, genericFeaturesOf(compiled));
    clusterer.observe(features.weights);
    return { item, index, match, features, time: batchTime(item) };
  });
  const undated = undatedTime(prepared.map((p) => p.time));
  for (const entry of prepared) if (Number.isNaN(entry.time)) entry.time = undated;
  const stories = new Map<number, string>();
  const ordered = prepared.filter((p) => p.match.relevant).sort((a, b) => a.time - b.time || a.index - b.index);
  for (const entry of ordered) {
    const decision = clusterer.assign({ id: entry.item.id, source: outletKey(entry.item.source), time: entry.time, features: entry.features });
    stories.set(entry.index, decision.storyId);
  }
  return prepared.map(({ item, index, match }) => ({
    id: item.id,
    relevant: match.relevant,
    score: match.score,
    matched: match.groups,
    story: stories.get(index) ?? null,
    match,
  }));
}

/**
 * The time given to items with no usable date and no first-seen time: the latest dated item's, as a
 * batch is read at once and its undated lines were seen then too; with none dated, now. A NaN time
 * kept such an item out of every story (no comparison holds with NaN) and, once it had made the
 * clusterer's latest time NaN, stopped older stories from retiring.
 */
function undatedTime(times: number[]): number {
  // A loop, not Math.max(...times): a large batch would overflow the call's arguments.
  let latest = -Infinity;
  for (const time of times) if (time > latest) latest = time; // NaN is never greater
  return latest === -Infinity ? Date.now() : latest;
}

/** An item's event time (see eventTime), or NaN when neither its date nor its first-seen time parses. */
function batchTime(item: BatchItem): number {
  const toTime = (value: string | number | undefined): number => (typeof value === 'number' ? value : value ? Date.parse(value) : Number.NaN);
  const published = toTime(item.published);
  const firstSeen = toTime(item.firstSeen);
  const known = !Number.isNaN(firstSeen);
  return eventTime(
    { published: Number.isNaN(published) ? 0 : published, publishedEstimated: Number.isNaN(published), firstSeen: known ? firstSeen : published },
    !known,
  );
}
