/**
 * Section 3, matcher: matchItem with the full Japan–China–Taiwan topic (groups, exclusions, CJK,
 * explanations) against the simplest thing that could work: one case-insensitive alternation of
 * the same terms, run over title + summary. Measured on the parse section's items (~40 % relations
 * news, where the targets apply) and, for context, on a general world feed (5 % relations news),
 * which is what most of the feeds a desk follows look like.
 */
import { median, progress, round, runSection, sideBySide, type BenchOptions, type Row } from './harness.js';
import { CONTENT_TYPE, ingestInput } from './feed-input.js';
import { bundledTopic } from './app-setup.js';
import { aggregatorFeed } from './corpus/index.js';
import { ingestFeedBody } from '../src/feeds/ingest.js';
import { matchItem } from '../src/match/matcher.js';
import type { CompiledTopic } from '../src/match/compile.js';
import type { NormalizedItem } from '../src/feeds/types.js';

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The share of relations news in the general world feed. */
const WORLD_FEED_RELEVANT_SHARE = 0.05;

interface MatcherFigures {
  newsbotRate: number;
  regexRate: number;
  relevantShare: number;
  hitsPerItem: number;
}

/** matchItem and the alternation regex side by side over `items`, several passes per repetition. */
async function measure(options: BenchOptions, topic: CompiledTopic, baseline: RegExp, items: readonly NormalizedItem[]): Promise<MatcherFigures> {
  // Several passes over the items, so one repetition lasts about a second at the expected speed.
  const passes = Math.max(1, Math.round(50_000 / options.scale / items.length));
  const total = items.length * passes;
  let relevant = 0;
  let hits = 0;
  const times = await sideBySide(options.reps, {
    regex: {
      run: () => {
        hits = 0;
        for (let pass = 0; pass < passes; pass++) {
          for (const item of items) {
            const text = `${item.title}\n${item.summary}`;
            baseline.lastIndex = 0;
            while (baseline.exec(text) !== null) hits++;
          }
        }
      },
    },
    newsbot: {
      run: () => {
        relevant = 0;
        for (let pass = 0; pass < passes; pass++) for (const item of items) if (matchItem(topic, item).relevant) relevant++;
      },
    },
  });
  return {
    newsbotRate: total / (median(times.newsbot) / 1000),
    regexRate: total / (median(times.regex) / 1000),
    relevantShare: relevant / total,
    hitsPerItem: hits / total,
  };
}

async function worldFeedItems(count: number): Promise<NormalizedItem[]> {
  const feed = aggregatorFeed(count, 1_000, 2, WORLD_FEED_RELEVANT_SHARE);
  const items: NormalizedItem[] = [];
  for (const doc of feed.pages) items.push(...(await ingestFeedBody(doc.body, CONTENT_TYPE, { feedId: doc.url, now: feed.now })));
  return items;
}

runSection(async (options) => {
  const input = await ingestInput(10_000 / options.scale);
  const items: NormalizedItem[] = [];
  for (const doc of input.docs) items.push(...(await ingestFeedBody(doc.body, null, { feedId: doc.url, now: input.now })));
  const topic = bundledTopic();
  // Longest first, so the alternation prefers "Taiwan Strait" to "Taiwan", as newsbot's pattern does.
  const terms = [...topic.roles.keys()].sort((a, b) => b.length - a.length);
  const baseline = new RegExp(terms.map(escapeRegex).join('|'), 'gi');
  progress(`matcher: ${items.length} items, ${terms.length} terms`);
  const main = await measure(options, topic, baseline, items);
  const world = await measure(options, topic, baseline, await worldFeedItems(items.length));

  const ratio = main.newsbotRate / main.regexRate;
  const rows: Row[] = [
    { section: '3 matcher', label: 'matchItem, full topic', value: round(main.newsbotRate), unit: 'items/s', target: { op: '>=', value: 500_000, fullSizeOnly: true }, note: `${round(100 * main.relevantShare)} % relevant` },
    { section: '3 matcher', label: `one /${terms.length} terms/gi alternation (baseline)`, value: round(main.regexRate), unit: 'items/s', note: `${round(main.hitsPerItem)} hits/item` },
    { section: '3 matcher', label: 'matchItem ÷ regex (throughput)', value: round(ratio), unit: '×', target: { op: '>=', value: 0.8, fullSizeOnly: false } },
    { section: '3 matcher', label: 'general world feed: matchItem', value: round(world.newsbotRate), unit: 'items/s', note: `${round(100 * world.relevantShare)} % relevant; for context, no target` },
    { section: '3 matcher', label: 'general world feed: regex', value: round(world.regexRate), unit: 'items/s', note: `${round(world.hitsPerItem)} hits/item; matchItem ÷ regex ${round(world.newsbotRate / world.regexRate)} ×` },
  ];
  return {
    rows,
    metrics: {
      matcherItemsPerSec: round(main.newsbotRate),
      matcherRegexItemsPerSec: round(main.regexRate),
      matcherVsRegex: round(ratio),
      matcherTerms: terms.length,
      matcherWorldFeedItemsPerSec: round(world.newsbotRate),
      matcherWorldFeedVsRegex: round(world.newsbotRate / world.regexRate),
    },
  };
});
