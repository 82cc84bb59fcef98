/**
 * Section 2, pipeline: parse + normalize + dedup + match + cluster + store (SQLite, a real file)
 * for the same items as section 1, as the app runs it (App.pollOnce) with an in-memory fetcher.
 * Peak RSS comes from a separate probe process that does nothing else.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import { argValue, median, peakRssMB, progress, round, runSection, sideBySide, spawnSection, timed, type Row, type SectionResult } from './harness.js';
import { CONTENT_TYPE, ingestInput, rssParserBaseline } from './feed-input.js';
import type { FeedDocument } from './corpus/index.js';
import { BENCH_ENV, TOPICS_DIR } from './app-setup.js';
import { createApp, type App } from '../src/app.js';
import { loadConfig } from '../src/config/load.js';
import { createLogger } from '../src/log.js';
import type { FeedFetcher } from '../src/feeds/types.js';

interface PipelineRun {
  setup(): Promise<void>;
  run(): Promise<void>;
  teardown(): Promise<void>;
  last: { stored: number; relevant: number; stories: number };
}

/**
 * One pipeline pass per call over a fresh database file, so every item is new every time: the app
 * itself (createApp, its store, its poll cycle handing items on to matching and clustering in
 * batches) with an in-memory fetcher in place of HTTP.
 */
function pipeline(docs: readonly FeedDocument[], now: number): PipelineRun {
  // The pages are newest first; a bot reads news as it comes, oldest first, and polls feeds in URL
  // order: so the pages are served as parts numbered from the oldest. (Newest first, every later
  // batch would be older than the clusterer's 72 h window and each report its own story.)
  const byUrl = new Map([...docs].reverse().map((doc, i) => [`${doc.url.replace(/\?.*$/, '')}?part=${String(i).padStart(4, '0')}`, doc]));
  const fetcher: FeedFetcher = {
    async fetch(url) {
      const doc = byUrl.get(url);
      if (!doc) throw new Error(`no document for ${url}`);
      return { kind: 'body', body: doc.body, contentType: CONTENT_TYPE, etag: '"v1"', lastModified: null, finalUrl: url };
    },
  };
  let dir = '';
  let app: App | null = null;
  const state: PipelineRun = {
    last: { stored: 0, relevant: 0, stories: 0 },
    async setup() {
      dir = mkdtempSync(join(tmpdir(), 'newsbot-bench-pipeline-'));
      const file = join(dir, 'newsbot.yaml');
      const feedLines = [...byUrl.keys()].map((url) => `  - url: ${JSON.stringify(url)}`).join('\n');
      writeFileSync(file, `storage:\n  path: ${join(dir, 'newsbot.db')}\ntopics: [japan-china-taiwan]\nfeeds:\n${feedLines}\n`);
      const config = { ...loadConfig(file, BENCH_ENV), topicsDirs: [TOPICS_DIR] };
      app = await createApp(config, createLogger('warn'), { fetcher, now: () => now, adapters: new Map() });
    },
    async run() {
      if (!app) throw new Error('setup() first');
      const { reports, changes } = await app.pollOnce();
      const stored = reports.reduce((sum, r) => sum + (r.outcome.status === 'new' ? r.outcome.storedCount : 0), 0);
      state.last = { stored, relevant: changes.reduce((sum, c) => sum + c.itemIds.length, 0), stories: new Set(changes.map((c) => c.storyId)).size };
    },
    async teardown() {
      await app?.shutdown();
      app = null;
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

/**
 * `--passes N`: only newsbot's pipeline, N passes, each time printed: for `node --cpu-prof`, so the
 * profile holds the pipeline and not the baseline. With `--profile DIR`, the main thread's CPU
 * profile of each timed pass alone (no set-up or teardown) goes to DIR/pass-N.cpuprofile, through
 * the inspector; profile-summary.js adds several up. Stopping the profiler is counted in the pass
 * (it shows as "dispatch"), so read the wall times from a run without it.
 */
async function profilePasses(newsbot: PipelineRun, passes: number, profileDir?: string): Promise<SectionResult> {
  const times: number[] = [];
  const profiler = profileDir ? await startProfilerSession() : null;
  for (let pass = 0; pass < passes; pass++) {
    await newsbot.setup();
    await profiler?.post('Profiler.start');
    const cpu = process.cpuUsage();
    times.push(await timed(() => newsbot.run()));
    const used = process.cpuUsage(cpu);
    if (profiler && profileDir) {
      const { profile } = (await profiler.post('Profiler.stop')) as { profile: unknown };
      writeFileSync(join(profileDir, `pass-${pass + 1}.cpuprofile`), JSON.stringify(profile));
    }
    await newsbot.teardown();
    progress(`pipeline pass ${pass + 1}: ${round(times.at(-1) ?? 0)} ms, CPU ${round((used.user + used.system) / 1000)} ms (all threads)`);
  }
  profiler?.session.disconnect();
  return { rows: [], metrics: { pipelinePassMs: round(median(times)) } };
}

async function startProfilerSession(): Promise<{ session: Session; post: (method: string) => Promise<unknown> }> {
  const session = new Session();
  session.connect();
  const post = (method: string): Promise<unknown> => new Promise((resolve, reject) => session.post(method, (error, result) => (error ? reject(error) : resolve(result))));
  await post('Profiler.enable');
  return { session, post };
}

runSection(async (options) => {
  const probeDir = argValue(options, 'probe');
  if (probeDir) return { rows: [], metrics: { peakRssMB: round(await probe(probeDir, Number(argValue(options, 'now')))) } };

  const count = 10_000 / options.scale;
  const input = await ingestInput(count);
  progress(`pipeline: ${count} items as ${input.shape}, SQLite in ${tmpdir()}`);
  const newsbot = pipeline(input.docs, input.now);
  const passes = argValue(options, 'passes');
  if (passes) return profilePasses(newsbot, Number(passes), argValue(options, 'profile'));
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
    { section: '2 pipeline', label: 'pipeline ÷ rss-parser (throughput)', value: round(ratio), unit: '×', target: { op: '>=', value: 0.6, fullSizeOnly: true } },
    { section: '2 pipeline', label: 'peak RSS, one pass in a fresh process', value: round(peak), unit: 'MB', target: { op: '<=', value: 250, fullSizeOnly: true } },
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
