/**
 * Section 2, pipeline: parse + normalize + dedup + match + cluster + store (SQLite, a real file)
 * for the same items as section 1, as the app runs it: runPollCycle with an in-memory fetcher,
 * then the item processor. Peak RSS comes from a separate probe process that does nothing else.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { argValue, median, peakRssMB, progress, round, runSection, sideBySide, spawnSection, timed, type Row } from './harness.js';
import { CONTENT_TYPE, ingestInput, rssParserBaseline } from './feed-input.js';
import type { FeedDocument } from './corpus/index.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { runPollCycle } from '../src/feeds/poll-cycle.js';
import { createItemProcessor } from '../src/pipeline/item-processor.js';
import { bundledTopic, defaultPollSettings } from './app-setup.js';
import { createLogger } from '../src/log.js';
import type { FeedFetcher } from '../src/feeds/types.js';
import type { Store } from '../src/store/types.js';

interface PipelineRun {
  setup(): Promise<void>;
  run(): Promise<void>;
  teardown(): Promise<void>;
  last: { stored: number; relevant: number; stories: number };
}

/** One pipeline pass per call over a fresh database file, so every item is new every time. */
function pipeline(docs: readonly FeedDocument[], now: number): PipelineRun {
  const topic = bundledTopic();
  const logger = createLogger('warn');
  const settings = defaultPollSettings();
  const byUrl = new Map(docs.map((doc) => [doc.url, doc]));
  const fetcher: FeedFetcher = {
    async fetch(url) {
      const doc = byUrl.get(url);
      if (!doc) throw new Error(`no document for ${url}`);
      return { kind: 'body', body: doc.body, contentType: CONTENT_TYPE, etag: '"v1"', lastModified: null, finalUrl: url };
    },
  };
  let dir = '';
  let store: Store | null = null;
  let processor: ReturnType<typeof createItemProcessor> | null = null;
  const state: PipelineRun = {
    last: { stored: 0, relevant: 0, stories: 0 },
    async setup() {
      dir = mkdtempSync(join(tmpdir(), 'newsbot-bench-pipeline-'));
      store = openSqliteStore(join(dir, 'newsbot.db'));
      await store.syncConfiguredFeeds(docs.map((doc) => ({ url: doc.url })), now);
      processor = createItemProcessor(store, [topic], logger);
      await processor.restore(now);
    },
    async run() {
      if (!store || !processor) throw new Error('setup() first');
      const reports = await runPollCycle({ store, fetcher, logger, now: () => now }, settings);
      const changes = await processor.processPoll(reports, now);
      const stored = reports.reduce((sum, r) => sum + (r.outcome.status === 'new' ? r.outcome.storedCount : 0), 0);
      state.last = { stored, relevant: changes.reduce((sum, c) => sum + c.itemIds.length, 0), stories: changes.length };
    },
    async teardown() {
      await store?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return state;
}

/** The memory probe: one pipeline pass in a fresh process, documents read from files. */
async function probe(dir: string, now: number): Promise<number> {
  const docs = readdirSync(dir).sort().map((name) => ({ url: `https://wire-aggregator.example/rss/asia-pacific.xml?page=${name}`, body: readFileSync(join(dir, name)), items: [] }));
  const run = pipeline(docs, now);
  await run.setup();
  await run.run();
  await run.teardown();
  return peakRssMB();
}

runSection(async (options) => {
  const probeDir = argValue(options, 'probe');
  if (probeDir) return { rows: [], metrics: { peakRssMB: round(await probe(probeDir, Number(argValue(options, 'now')))) } };

  const count = 10_000 / options.scale;
  const input = await ingestInput(count);
  progress(`pipeline: ${count} items as ${input.shape}, SQLite in ${tmpdir()}`);
  const newsbot = pipeline(input.docs, input.now);
  const times = await sideBySide(options.reps, { rssParser: { run: rssParserBaseline(input.docs) }, newsbot });
  if (newsbot.last.stored !== count) throw new Error(`pipeline stored ${newsbot.last.stored} items, expected ${count}`);

  const fileDir = mkdtempSync(join(tmpdir(), 'newsbot-bench-docs-'));
  input.docs.forEach((doc, i) => writeFileSync(join(fileDir, String(i).padStart(4, '0')), doc.body));
  const probeResult = await spawnSection(new URL(import.meta.url), ['--probe', fileDir, '--now', String(input.now)]);
  rmSync(fileDir, { recursive: true, force: true });
  const peak = probeResult.metrics.peakRssMB ?? Number.NaN;

  const newsbotS = median(times.newsbot) / 1000;
  const baselineS = median(times.rssParser) / 1000;
  const ratio = baselineS / newsbotS;
  const rows: Row[] = [
    { section: '2 pipeline', label: 'parse+normalize+dedup+match+cluster+store', value: round(count / newsbotS), unit: 'items/s', note: `${newsbot.last.relevant} relevant → ${newsbot.last.stories} stories` },
    { section: '2 pipeline', label: 'rss-parser parseString (baseline)', value: round(count / baselineS), unit: 'items/s' },
    { section: '2 pipeline', label: 'pipeline ÷ rss-parser (throughput)', value: round(ratio), unit: '×', target: { op: '>=', value: 0.6, absolute: false } },
    { section: '2 pipeline', label: 'peak RSS, one pass in a fresh process', value: round(peak), unit: 'MB', target: { op: '<=', value: 250, absolute: true } },
  ];
  // Untimed setup per repetition (open + migrate the database, restore) shown for context.
  const setupMs = await timed(() => newsbot.setup());
  await newsbot.teardown();
  rows.push({ section: '2 pipeline', label: 'setup per pass (open+migrate+restore, untimed above)', value: round(setupMs), unit: 'ms' });
  return {
    rows,
    metrics: {
      pipelineItemsPerSec: round(count / newsbotS),
      pipelineVsRssParser: round(ratio),
      pipelinePeakRssMB: round(peak),
      pipelineRelevant: newsbot.last.relevant,
      pipelineStories: newsbot.last.stories,
    },
  };
});
