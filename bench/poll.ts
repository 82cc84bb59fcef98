/**
 * Section 5, polling at scale: the app (createApp, real HTTP fetcher, SQLite file, default
 * concurrency) against a loopback server of 2 000 distinct feeds of 50 items. First cycle: all
 * new; second cycle: all 304 Not Modified. Baseline in the same process: a naive sequential loop,
 * fetch without validators + rss-parser. Peak RSS comes from a probe process that only polls.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Parser from 'rss-parser';
import { argValue, median, peakRssMB, progress, round, runSection, spawnSection, timed, type Row } from './harness.js';
import { BENCH_ENV, TOPICS_DIR } from './app-setup.js';
import type { ServerStats } from './feed-server.js';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config/load.js';
import { createLogger } from '../src/log.js';
import type { FeedPollReport } from '../src/feeds/poll-cycle.js';

const feedUrl = (port: number, index: number): string => `http://127.0.0.1:${port}/feeds/${index}.xml`;

interface CycleTimes { firstMs: number; secondMs: number; newFeeds: number; unchangedFeeds: number; failed: number; items: number; stories: number }

/** One fresh app (new database) polling every feed twice: all new, then all unchanged. */
async function newsbotTwoCycles(port: number, feeds: number): Promise<CycleTimes> {
  const dir = mkdtempSync(join(tmpdir(), 'newsbot-bench-poll-'));
  const file = join(dir, 'newsbot.yaml');
  const feedLines = Array.from({ length: feeds }, (_, i) => `  - url: ${feedUrl(port, i)}`).join('\n');
  writeFileSync(file, `storage:\n  path: ${join(dir, 'newsbot.db')}\ntopics: [japan-china-taiwan]\nfeeds:\n${feedLines}\n`);
  const config = { ...loadConfig(file, BENCH_ENV), topicsDirs: [TOPICS_DIR] };
  let offset = 0;
  const app = await createApp(config, createLogger('warn'), { now: () => Date.now() + offset, adapters: new Map() });
  try {
    const count = (reports: FeedPollReport[], status: string): number => reports.filter((r) => r.outcome.status === status).length;
    let first: Awaited<ReturnType<typeof app.pollOnce>> = { reports: [], changes: [] };
    const firstMs = await timed(async () => (first = await app.pollOnce()));
    offset += (config.polling.intervalMinutes + 1) * 60_000; // every feed is due again
    let second: Awaited<ReturnType<typeof app.pollOnce>> = { reports: [], changes: [] };
    const secondMs = await timed(async () => (second = await app.pollOnce()));
    const items = first.reports.reduce((sum, r) => sum + (r.outcome.status === 'new' ? r.outcome.storedCount : 0), 0);
    const failed = count(first.reports, 'failed') + count(second.reports, 'failed');
    return { firstMs, secondMs, newFeeds: count(first.reports, 'new'), unchangedFeeds: count(second.reports, 'unchanged'), failed, items, stories: first.changes.length };
  } finally {
    await app.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What simple bots do: every feed in turn, no validators, parse everything every time. */
async function naive(port: number, feeds: number): Promise<number> {
  const parser = new Parser();
  let items = 0;
  for (let i = 0; i < feeds; i++) {
    const response = await fetch(feedUrl(port, i));
    items += (await parser.parseString(await response.text())).items.length;
  }
  return items;
}

function startServer(feeds: number, now: number): Promise<{ server: ChildProcess; port: number; totalBytes: number }> {
  const server = fork(new URL('./feed-server.js', import.meta.url), [String(feeds), '50', String(now)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.once('message', (message) => {
      const { port, totalBytes } = message as { port: number; totalBytes: number };
      resolve({ server, port, totalBytes });
    });
  });
}

const serverStats = (server: ChildProcess): Promise<ServerStats> =>
  new Promise((resolve) => {
    server.once('message', (message) => resolve((message as { stats: ServerStats }).stats));
    server.send('stats');
  });

runSection(async (options) => {
  const feeds = 2_000 / options.scale;
  const probePort = argValue(options, 'probe');
  if (probePort) {
    const result = await newsbotTwoCycles(Number(probePort), feeds);
    return { rows: [], metrics: { peakRssMB: round(peakRssMB()), firstMs: result.firstMs } };
  }

  const { server, port, totalBytes } = await startServer(feeds, Date.now());
  try {
    progress(`poll: ${feeds} feeds × 50 items (${round(totalBytes / 1e6)} MB uncompressed) on 127.0.0.1:${port}`);
    const probe = await spawnSection(new URL(import.meta.url), ['--probe', String(port), ...(options.quick ? ['--quick'] : [])]);
    const peak = probe.metrics.peakRssMB ?? Number.NaN;
    progress(`poll: probe peak RSS ${round(peak)} MB`);

    const naiveMs: number[] = [];
    const cycles: CycleTimes[] = [];
    let notModified = 0;
    for (let rep = -1; rep < options.reps; rep++) {
      const ms = await timed(() => naive(port, feeds));
      const before = await serverStats(server);
      const cycle = await newsbotTwoCycles(port, feeds);
      const after = await serverStats(server);
      progress(`poll: ${rep < 0 ? 'warm-up' : `repetition ${rep + 1}`}: naive ${round(ms)} ms, newsbot ${round(cycle.firstMs)} + ${round(cycle.secondMs)} ms`);
      if (rep < 0) continue;
      naiveMs.push(ms);
      cycles.push(cycle);
      notModified = after.notModified - before.notModified;
    }
    const firstS = median(cycles.map((c) => c.firstMs)) / 1000;
    const secondS = median(cycles.map((c) => c.secondMs)) / 1000;
    const naiveS = median(naiveMs) / 1000;
    const last = cycles[cycles.length - 1];
    const rows: Row[] = [
      { section: '5 poll', label: `first cycle, ${feeds} feeds all new (fetch+parse+store+match+cluster)`, value: round(firstS), unit: 's', target: { op: '<=', value: 10, fullSizeOnly: true }, note: `${round(feeds / firstS)} req/s; ${last?.items ?? 0} items → ${last?.stories ?? 0} stories` },
      { section: '5 poll', label: 'second cycle, all 304 Not Modified', value: round(secondS), unit: 's', target: { op: '<=', value: 2, fullSizeOnly: true }, note: `${round(feeds / secondS)} req/s; ${notModified} × 304; ${last?.unchangedFeeds ?? 0} unchanged, ${last?.failed ?? 0} failed (both cycles)` },
      { section: '5 poll', label: 'peak RSS, both cycles in a fresh process', value: round(peak), unit: 'MB', target: { op: '<=', value: 300, fullSizeOnly: true } },
      { section: '5 poll', label: 'naive sequential fetch + rss-parser (baseline)', value: round(naiveS), unit: 's', note: `${round(feeds / naiveS)} req/s` },
      { section: '5 poll', label: 'naive ÷ newsbot first cycle (wall time)', value: round(naiveS / firstS), unit: '×' },
      { section: '5 poll', label: 'naive ÷ newsbot 304 cycle (wall time)', value: round(naiveS / secondS), unit: '×' },
    ];
    return {
      rows,
      metrics: {
        pollFeeds: feeds,
        pollFirstCycleS: round(firstS),
        pollNotModifiedCycleS: round(secondS),
        pollFirstCycleReqPerSec: round(feeds / firstS),
        pollNotModifiedReqPerSec: round(feeds / secondS),
        pollPeakRssMB: round(peak),
        pollNaiveS: round(naiveS),
        pollVsNaive: round(naiveS / firstS),
        pollVsNaiveNotModified: round(naiveS / secondS),
      },
    };
  } finally {
    server.send('stop');
  }
});
