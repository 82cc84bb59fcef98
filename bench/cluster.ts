/**
 * Section 4, clustering: StoryClusterer (observe every item, then assign each in time order) for
 * 1 000, 10 000 and 50 000 relevant items. Features are extracted beforehand (untimed); the times
 * cover the clusterer alone, whose cost must grow near-linearly.
 */
import { median, progress, round, runSection, timed, type Row } from './harness.js';
import { plainText, relationsStream, type NewsItem } from './corpus/index.js';
import { bundledTopic } from './app-setup.js';
import { matchItem } from '../src/match/matcher.js';
import { extractFeatures } from '../src/stories/features.js';
import { StoryClusterer, type ClusterInput } from '../src/stories/clusterer.js';
import { outletKey } from '../src/stories/outlet.js';

interface Labelled {
  input: ClusterInput;
  eventId: string;
}

/** The first `count` relevant items of a long relations stream (oldest first), with their features. */
function relevantItems(count: number): Labelled[] {
  const topic = bundledTopic();
  const out: Labelled[] = [];
  const stream: NewsItem[] = relationsStream(Math.ceil(count * 1.03));
  for (const [index, item] of stream.entries()) {
    const text = plainText(item);
    const match = matchItem(topic, text);
    if (!match.relevant) continue;
    const features = extractFeatures(text.title, text.summary, match.concepts);
    out.push({ input: { id: `i${index}`, source: outletKey(item.outlet.name), time: item.published, features }, eventId: item.eventId ?? '' });
    if (out.length === count) break;
  }
  if (out.length < count) throw new Error(`only ${out.length} relevant items generated, wanted ${count}`);
  return out;
}

function cluster(items: readonly Labelled[]): Map<string, string> {
  const clusterer = new StoryClusterer();
  for (const item of items) clusterer.observe(item.input.features.weights);
  const storyOf = new Map<string, string>();
  for (const item of items) storyOf.set(item.input.id, clusterer.assign(item.input).storyId);
  return storyOf;
}

/** Story sizes, and pairwise precision against the generator's events (1 = no two events merged). */
function storyStats(items: readonly Labelled[], storyOf: Map<string, string>): { stories: number; events: number; largest: number; precision: number } {
  const pairs = (counts: Iterable<number>): number => [...counts].reduce((sum, n) => sum + (n * (n - 1)) / 2, 0);
  const bySize = new Map<string, number>();
  const byStoryEvent = new Map<string, number>();
  const events = new Set<string>();
  for (const item of items) {
    const story = storyOf.get(item.input.id) ?? '';
    bySize.set(story, (bySize.get(story) ?? 0) + 1);
    byStoryEvent.set(`${story}\n${item.eventId}`, (byStoryEvent.get(`${story}\n${item.eventId}`) ?? 0) + 1);
    events.add(item.eventId);
  }
  const together = pairs(bySize.values());
  return { stories: bySize.size, events: events.size, largest: Math.max(...bySize.values()), precision: together === 0 ? 1 : pairs(byStoryEvent.values()) / together };
}

runSection(async (options) => {
  const sizes = [1_000, 10_000, 50_000].map((n) => n / options.scale);
  const largest = sizes[sizes.length - 1] ?? 0;
  const all = relevantItems(largest);
  progress(`cluster: ${largest} relevant items over ${round((all[largest - 1]!.input.time - all[0]!.input.time) / 86_400_000)} days`);
  await timed(() => cluster(all.slice(0, sizes[0]))); // warm-up (JIT), untimed

  const rows: Row[] = [];
  const medians = new Map<number, number>();
  for (const size of sizes) {
    const items = all.slice(0, size);
    const times: number[] = [];
    let storyOf = new Map<string, string>();
    for (let rep = 0; rep < options.reps; rep++) {
      times.push(await timed(() => (storyOf = cluster(items))));
      progress(`cluster: ${size} items, repetition ${rep + 1}: ${round(times[rep] ?? 0)} ms`);
    }
    const ms = median(times);
    medians.set(size, ms);
    const stats = storyStats(items, storyOf);
    rows.push({
      section: '4 cluster',
      label: `${size} relevant items (observe + assign)`,
      value: round(ms),
      unit: 'ms',
      note: `${round(size / (ms / 1000))} items/s; ${stats.events} events → ${stats.stories} stories, largest ${stats.largest}, pair precision ${round(stats.precision)}`,
    });
  }
  const growth = (medians.get(sizes[2] ?? 0) ?? Number.NaN) / (medians.get(sizes[1] ?? 0) ?? Number.NaN);
  rows.push({ section: '4 cluster', label: `growth ${sizes[1]} → ${sizes[2]} items (5× items)`, value: round(growth), unit: '×', target: { op: '<=', value: 6, fullSizeOnly: false } });
  return {
    rows,
    metrics: {
      ...Object.fromEntries(sizes.map((size) => [`clusterMs${size}`, round(medians.get(size) ?? Number.NaN)])),
      clusterGrowth10kTo50k: round(growth),
    },
  };
});
