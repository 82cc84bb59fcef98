/**
 * Section 3, matcher: matchItem with the full Japan–China–Taiwan topic (groups, exclusions, CJK,
 * explanations) against the simplest thing that could work: one case-insensitive alternation of
 * the same terms, run over title + summary.
 */
import { median, progress, round, runSection, sideBySide, type Row } from './harness.js';
import { ingestInput } from './feed-input.js';
import { bundledTopic } from './app-setup.js';
import { ingestFeedBody } from '../src/feeds/ingest.js';
import { matchItem } from '../src/match/matcher.js';
import type { NormalizedItem } from '../src/feeds/types.js';

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

runSection(async (options) => {
  const input = await ingestInput(10_000 / options.scale);
  const items: NormalizedItem[] = [];
  for (const doc of input.docs) items.push(...(await ingestFeedBody(doc.body, null, { feedId: doc.url, now: input.now })));
  const topic = bundledTopic();
  // Longest first, so the alternation prefers "Taiwan Strait" to "Taiwan", as newsbot's pattern does.
  const terms = [...topic.roles.keys()].sort((a, b) => b.length - a.length);
  const baseline = new RegExp(terms.map(escapeRegex).join('|'), 'gi');
  // Several passes over the items, so one repetition lasts about a second at the expected speed.
  const passes = Math.max(1, Math.round(50_000 / options.scale / items.length));
  const total = items.length * passes;
  progress(`matcher: ${items.length} items × ${passes} passes, ${terms.length} terms`);

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
  const newsbotRate = total / (median(times.newsbot) / 1000);
  const regexRate = total / (median(times.regex) / 1000);
  const ratio = newsbotRate / regexRate;
  const rows: Row[] = [
    { section: '3 matcher', label: 'matchItem, full topic', value: round(newsbotRate), unit: 'items/s', target: { op: '>=', value: 500_000, fullSizeOnly: true }, note: `${round((100 * relevant) / total)} % relevant` },
    { section: '3 matcher', label: `one /${terms.length} terms/gi alternation (baseline)`, value: round(regexRate), unit: 'items/s', note: `${round(hits / total)} hits/item` },
    { section: '3 matcher', label: 'matchItem ÷ regex (throughput)', value: round(ratio), unit: '×', target: { op: '>=', value: 0.8, fullSizeOnly: false } },
  ];
  return { rows, metrics: { matcherItemsPerSec: round(newsbotRate), matcherRegexItemsPerSec: round(regexRate), matcherVsRegex: round(ratio), matcherTerms: terms.length } };
});
