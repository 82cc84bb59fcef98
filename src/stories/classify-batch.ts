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
