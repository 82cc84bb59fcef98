import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { runPollCycle } from '../../src/feeds/poll-cycle.js';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/load.js';
import { readEnvironment } from '../../src/config/env.js';
import { createConsoleAdapter } from '../../src/chat/console/adapter.js';
import { createFeedFetcher } from '../../src/feeds/fetcher.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import type { Store } from '../../src/store/types.js';
import { startTestServer, type TestServer } from '../helpers/http-server.js';
import { rss } from '../helpers/feeds.js';

const logger = pino({ level: 'silent' });
const settings = { concurrency: 4, leaseMs: 600_000, defaultIntervalMinutes: 5, maxBackoffMs: 6 * 3_600_000 };

describe('poll cycle', () => {
  let server: TestServer;
  let store: Store;
  let dir: string;
  let clock: number;
  beforeEach(async () => {
    server = await startTestServer();
    dir = mkdtempSync(join(tmpdir(), 'newsbot-poll-'));
    store = openSqliteStore(join(dir, 'poll.db'));
    clock = Date.UTC(2026, 0, 27, 0, 0);
  });
  afterEach(async () => {
    await store.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const deps = () => ({ store, fetcher: createFeedFetcher({ timeoutMs: 2_000 }), logger, now: () => clock });

  it('GIVEN a truncated feed and a good one in the same cycle THEN only the bad one fails, with a clear reason', async () => {
    const good = rss('Good Wire', [
      { title: 'Ambassador summoned over remarks', link: 'https://good.example/1', guid: 'g1' },
      { title: 'Drills near the strait', link: 'https://good.example/2', guid: 'g2' },
    ]);
    server.route('/good', (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(good));
    server.route('/truncated', (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(good.slice(0, 180)));
    await store.syncConfiguredFeeds([{ url: `${server.url}/good` }, { url: `${server.url}/truncated`, name: 'Broken Daily' }], clock);

    const reports = await runPollCycle(deps(), settings);
    const byUrl = new Map(reports.map((r) => [r.feed.url, r]));
    const ok = byUrl.get(`${server.url}/good`)!;
    expect(ok.outcome.status).toBe('new');
    expect(ok.firstSuccess).toBe(true);
    const bad = byUrl.get(`${server.url}/truncated`)!;
    expect(bad.outcome).toMatchObject({ status: 'failed', code: 'feed_malformed' });
    expect(bad.outcome.status === 'failed' && bad.outcome.message).toMatch(/^malformed XML at line \d+/);
    const state = await store.getFeed(`${server.url}/truncated`);
    expect(state).toMatchObject({ consecutiveFailures: 1, lastErrorCode: 'feed_malformed' });
    expect(state!.nextDueAt - clock).toBeGreaterThanOrEqual(4 * 60_000);
    expect(await store.countItems()).toBe(2);
  });

  it('GIVEN a feed that breaks after a good poll THEN its stored items stay, failures back off, and one success resets', async () => {
    let broken = false;
    const body = rss('Flaky', [{ title: 'Coast guard patrol', link: 'https://flaky.example/1', guid: 'f1' }]);
    server.route('/flaky', (_req, res) => (broken ? res.writeHead(503).end() : res.writeHead(200).end(body)));
    await store.syncConfiguredFeeds([{ url: `${server.url}/flaky` }], clock);
    await runPollCycle(deps(), settings);
    broken = true;
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      clock = (await store.getFeed(`${server.url}/flaky`))!.nextDueAt;
      await runPollCycle(deps(), settings);
      delays.push((await store.getFeed(`${server.url}/flaky`))!.nextDueAt - clock);
    }
    expect(await store.countItems()).toBe(1);
    // 5, 10, 20, 40 minutes, each ± 20 % jitter
    delays.forEach((delay, i) => {
      const base = 5 * 60_000 * 2 ** i;
      expect(delay).toBeGreaterThanOrEqual(base * 0.8 - 1);
      expect(delay).toBeLessThanOrEqual(base * 1.2 + 1);
    });
    broken = false;
    clock = (await store.getFeed(`${server.url}/flaky`))!.nextDueAt;
    await runPollCycle(deps(), settings);
    expect(await store.getFeed(`${server.url}/flaky`)).toMatchObject({ consecutiveFailures: 0, lastError: null });
  });

  it('GIVEN a 429 with Retry-After THEN the next poll waits that long, though never longer than the longest backoff', async () => {
    server.route('/busy', (_req, res) => res.writeHead(429, { 'retry-after': String(2 * 3600) }).end());
    server.route('/closed', (_req, res) => res.writeHead(503, { 'retry-after': String(7 * 24 * 3600) }).end()); // a week
    await store.syncConfiguredFeeds([{ url: `${server.url}/busy` }, { url: `${server.url}/closed` }], clock);
    await runPollCycle(deps(), settings);
    expect((await store.getFeed(`${server.url}/busy`))!.nextDueAt - clock).toBe(2 * 3_600_000); // not the 5-minute backoff
    expect((await store.getFeed(`${server.url}/closed`))!.nextDueAt - clock).toBe(settings.maxBackoffMs);
  });

  it('GIVEN a slow feed THEN the other feeds finish without waiting for it', async () => {
    server.route('/slow', () => {
      /* never answers: times out */
    });
    const finished: string[] = [];
    for (const name of ['a', 'b', 'c']) {
      server.route(`/${name}`, (_req, res) => {
        finished.push(name);
        res.writeHead(200).end(rss(name, [{ title: `item ${name}`, link: `https://${name}.example/1` }]));
      });
    }
    await store.syncConfiguredFeeds(['slow', 'a', 'b', 'c'].map((n) => ({ url: `${server.url}/${n}` })), clock);
    const started = Date.now();
    const reports = await runPollCycle({ ...deps(), fetcher: createFeedFetcher({ timeoutMs: 1_500 }) }, { ...settings, concurrency: 2 });
    expect(finished.sort()).toEqual(['a', 'b', 'c']);
    expect(reports.filter((r) => r.outcome.status === 'new')).toHaveLength(3);
    expect(reports.find((r) => r.feed.url.endsWith('/slow'))?.outcome).toMatchObject({ status: 'failed', code: 'feed_timeout' });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('GIVEN a scheduler whose period equals the interval THEN the feed is due at every tick, however long its fetch took', async () => {
    const period = 5 * 60_000; // the default schedule, "*/5 * * * *", and the default interval
    server.route('/wire', (_req, res) => {
      clock += 300; // the response takes 300 ms
      res.writeHead(200).end(rss('Wire', [{ title: 'Patrol ships sighted', link: 'https://wire.example/1' }]));
    });
    await store.syncConfiguredFeeds([{ url: `${server.url}/wire` }], clock);
    const tick = clock;
    await runPollCycle(deps(), settings);
    expect((await store.getFeed(`${server.url}/wire`))!.nextDueAt).toBe(tick + period);
    // The next tick reaches the store a few ms earlier in its period than this one did.
    clock = tick + period - 5;
    expect(await runPollCycle(deps(), settings)).toHaveLength(1);
    expect(server.requests).toHaveLength(2);
  });

  it('GIVEN a shutdown mid-fetch THEN the abandoned feed is not counted as failing and stays due', async () => {
    server.route('/slow', (_req, res) => setTimeout(() => res.writeHead(200).end(rss('Slow', [{ title: 'x', link: 'https://slow.example/1' }])), 1_000));
    await store.syncConfiguredFeeds([{ url: `${server.url}/slow` }], clock);
    const before = (await store.getFeed(`${server.url}/slow`))!;
    const shutdown = new AbortController();
    setTimeout(() => shutdown.abort(), 100);
    const reports = await runPollCycle({ ...deps(), signal: shutdown.signal }, settings);
    expect(await store.getFeed(`${server.url}/slow`)).toMatchObject({ consecutiveFailures: 0, lastError: null, lastAttemptAt: before.lastAttemptAt, nextDueAt: before.nextDueAt });
    expect(reports).toEqual([]);
  });

  it('GIVEN a feed that moved permanently THEN the operator is warned once, and the feed keeps its URL', async () => {
    server.route('/old', (_req, res) => res.writeHead(301, { location: '/new' }).end());
    server.route('/new', (_req, res) => res.writeHead(200).end(rss('Moved', [{ title: 'x', link: 'https://moved.example/1' }])));
    const warnings: string[] = [];
    const warnLogger = pino({ level: 'warn' }, new Writable({ write: (chunk: Buffer, _enc, done) => void (warnings.push((JSON.parse(chunk.toString()) as { msg: string }).msg), done()) }));
    await store.syncConfiguredFeeds([{ url: `${server.url}/old` }], clock);
    for (let poll = 0; poll < 3; poll++) {
      await runPollCycle({ ...deps(), logger: warnLogger }, settings);
      clock += 10 * 60_000;
    }
    expect(warnings).toEqual([`feed moved permanently to ${server.url}/new: update its URL in the config file`]);
    expect((await store.listFeeds()).map((f) => [f.url, f.movedTo])).toEqual([[`${server.url}/old`, `${server.url}/new`]]);
  });

  it('GIVEN a 304 THEN the feed is unchanged and nothing is parsed', async () => {
    server.route('/cond', (req, res) => {
      if (req.headers['if-none-match'] === '"1"') return void res.writeHead(304).end();
      res.writeHead(200, { etag: '"1"' }).end(rss('Cond', [{ title: 'x', link: 'https://c.example/1' }]));
    });
    await store.syncConfiguredFeeds([{ url: `${server.url}/cond` }], clock);
    await runPollCycle(deps(), settings);
    clock += 10 * 60_000;
    const [report] = await runPollCycle(deps(), settings);
    expect(report?.outcome.status).toBe('unchanged');
    expect(server.requests[1]?.headers['if-none-match']).toBe('"1"');
  });
});

describe('the app\'s poll cycle', () => {
  it('GIVEN the default 32 fetches at once on the app\'s abort signal THEN Node warns of no listener leak', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error): void => void warnings.push(`${warning.name}: ${warning.message}`);
    process.on('warning', onWarning);
    const server = await startTestServer();
    server.matchers.push((path, _req, res) => {
      setTimeout(() => res.writeHead(200).end(rss(path, [{ title: 'x', link: `https://x.example${path}` }])), 200); // all 32 in flight together
      return true;
    });
    const dir = mkdtempSync(join(tmpdir(), 'newsbot-poll-app-'));
    writeFileSync(join(dir, 'newsbot.yaml'), `feeds:\n${Array.from({ length: 40 }, (_, i) => `  - url: ${server.url}/f${i}`).join('\n')}\n`);
    const app = await createApp(loadConfig(join(dir, 'newsbot.yaml'), readEnvironment({ NEWSBOT_DB: join(dir, 'poll.db') })), logger, { adapters: new Map([['console', createConsoleAdapter(new PassThrough())]]) });
    try {
      expect((await app.pollOnce()).reports).toHaveLength(40);
      await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on the next tick
      expect(warnings).toEqual([]);
    } finally {
      process.off('warning', onWarning);
      await app.shutdown();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
