/**
 * Section 1, parse: newsbot's fetch-free ingest path (decode + parse + normalize) against plain
 * rss-parser `parseString` on the same bytes.
 */
import { median, progress, round, runSection, sideBySide, type Row } from './harness.js';
import { ingestInput, newsbotIngest, rssParserBaseline } from './feed-input.js';
import { aggregatorFeed } from './corpus/index.js';

runSection(async (options) => {
  const count = 10_000 / options.scale;
  const input = await ingestInput(count);
  progress(`parse: ${count} items, ${(input.bytes / 1e6).toFixed(1)} MB as ${input.shape}`);
  const newsbot = newsbotIngest(input.docs, input.now);
  const baseline = rssParserBaseline(input.docs);
  const seen = { newsbot: await newsbot(), baseline: await baseline() };
  if (seen.newsbot !== count || seen.baseline !== count) throw new Error(`expected ${count} items, got newsbot ${seen.newsbot}, rss-parser ${seen.baseline}`);

  const times = await sideBySide(options.reps, { rssParser: { run: baseline }, newsbot: { run: newsbot } });
  const newsbotS = median(times.newsbot) / 1000;
  const baselineS = median(times.rssParser) / 1000;
  const mb = input.bytes / 1e6;
  const ratio = baselineS / newsbotS;

  const rows: Row[] = [
    { section: '1 parse', label: `newsbot ingest (decode+parse+normalize), ${input.shape}`, value: round(count / newsbotS), unit: 'items/s' },
    { section: '1 parse', label: 'newsbot ingest', value: round(mb / newsbotS), unit: 'MB/s' },
    { section: '1 parse', label: 'rss-parser parseString (baseline)', value: round(count / baselineS), unit: 'items/s' },
    { section: '1 parse', label: 'rss-parser parseString', value: round(mb / baselineS), unit: 'MB/s' },
    { section: '1 parse', label: 'newsbot ÷ rss-parser (throughput)', value: round(ratio), unit: '×' },
  ];

  // The literal case: all items in one document. With a per-feed cap newsbot still parses
  // the whole document but keeps only the first items, so this is shown for information only.
  if (input.docs.length > 1) {
    const whole = aggregatorFeed(count, count).whole;
    const oneDoc = await sideBySide(options.reps, { rssParser: { run: rssParserBaseline([whole]) }, newsbot: { run: newsbotIngest([whole], input.now) } });
    rows.push({
      section: '1 parse',
      label: `one ${count}-item document: newsbot ÷ rss-parser`,
      value: round(median(oneDoc.rssParser) / median(oneDoc.newsbot)),
      unit: '×',
      note: `newsbot keeps ${input.keptFromOneDocument} of ${count} items (per-feed cap)`,
    });
  }
  return {
    rows,
    metrics: {
      parseItems: count,
      parseMB: round(mb),
      parseNewsbotItemsPerSec: round(count / newsbotS),
      parseNewsbotMBPerSec: round(mb / newsbotS),
      parseRssParserItemsPerSec: round(count / baselineS),
      parseRssParserMBPerSec: round(mb / baselineS),
      parseVsRssParser: round(ratio),
      parseDocuments: input.docs.length,
    },
  };
});
