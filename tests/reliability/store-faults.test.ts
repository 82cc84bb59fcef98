import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { createSqliteStore, openSqliteStore } from '../../src/store/sqlite/index.js';
import { runPollCycle, type FeedPollReport } from '../../src/feeds/poll-cycle.js';
import { createFeedFetcher } from '../../src/feeds/fetcher.js';
import { StoreError } from '../../src/errors.js';
import { createLogger } from '../../src/log.js';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/load.js';
import { readEnvironment } from '../../src/config/env.js';
import { createConsoleAdapter } from '../../src/chat/console/adapter.js';
import type { Store } from '../../src/store/types.js';
import { startTestServer, type TestServer } from '../helpers/http-server.js';
import { rss } from '../helpers/feeds.js';
import { runCli } from '../helpers/cli.js';

const logger = pino({ level: 'silent' });
const settings = { concurrency: 4, leaseMs: 600_000, defaultIntervalMinutes: 5, maxBackoffMs: 3_600_000 };

describe('store faults: a clear error and a non-zero exit, never silent loss', () => {
  let server: TestServer;
  let dir: string;
  let path: string;
  beforeEach(async () => {
    server = await startTestServer();
    server.route('/feed', (_req, res) => res.writeHead(200).end(rss('Wire', [{ title: 'Coast guard ships near Senkaku', link: 'https://w.example/1', guid: 'w1' }])));
    server.route('/more', (_req, res) => res.writeHead(200).end(rss('More', Array.from({ length: 400 }, (_, i) => ({ title: `Report ${i} on Taiwan Strait patrols ${'x'.repeat(300)}`, link: `https://m.example/${i}` })))));
    dir = mkdtempSync(join(tmpdir(), 'newsbot-storefault-'));
    path = join(dir, 'store.db');
    const store = openSqliteStore(path);
    await store.syncConfiguredFeeds([{ url: `${server.url}/feed` }], 0);
    await runPollCycle({ store, fetcher: createFeedFetcher(), logger, now: () => 1_000 }, settings);
    await store.close();
  });
  afterEach(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('GIVEN a read-only database THEN the cycle stops with store_write_failed and stored items stay', async () => {
    const store = createSqliteStore(new Database(path, { readonly: true, fileMustExist: true }));
    const error = await runPollCycle({ store, fetcher: createFeedFetcher(), logger, now: () => 10 * 60_000 }, settings).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('store_write_failed');
    expect((error as StoreError).message).toMatch(/readonly database/);
    expect(await store.countItems()).toBe(1);
    await store.close();
  });

  it('GIVEN a full disk THEN the batch is not half-written: the feed is fetched again later, nothing lost', async () => {
    const db = new Database(path);
    const store = createSqliteStore(db);
    await store.syncConfiguredFeeds([{ url: `${server.url}/more` }], 0);
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages + 2}`); // SQLite's own "database or disk is full" (SQLITE_FULL)
    const error = await runPollCycle({ store, fetcher: createFeedFetcher(), logger, now: () => 10 * 60_000 }, settings).catch((e: unknown) => e);
    expect((error as StoreError).code).toBe('store_write_failed');
    expect((error as StoreError).message).toMatch(/database or disk is full/);
    expect(await store.countItems()).toBe(1); // the transaction rolled back whole
    expect((await store.getFeed(`${server.url}/more`))?.lastSuccessAt).toBeNull(); // so it is polled again
    db.pragma('max_page_count = 1073741823');
    await runPollCycle({ store, fetcher: createFeedFetcher(), logger, now: () => 20 * 60_000 }, settings, await store.listFeeds());
    expect(await store.countItems()).toBe(401);
    await store.close();
  });

  it('the CLI exits non-zero with the reason when the database cannot be opened', async () => {
    const notAFolder = join(dir, 'file');
    writeFileSync(notAFolder, 'x');
    writeFileSync(join(dir, 'c.yaml'), `feeds:\n  - url: ${server.url}/feed\n`);
    const result = await runCli(['poll', '--once'], { NEWSBOT_CONFIG: join(dir, 'c.yaml'), NEWSBOT_DB: join(notAFolder, 'x.db') });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: cannot open SQLite database .*x\.db: /m);
  });
});

describe('a transient store error mid-cycle: the cycle fails, but only after the feeds in hand are finished and handed on', () => {
  let server: TestServer;
  let dir: string;
  let store: Store;
  /** The store, except that recording the failure of the next failing feed throws once. */
  let flaky: Store;
  let failNextFailure: boolean;
  beforeEach(async () => {
    server = await startTestServer();
    server.route('/broken', (_req, res) => res.writeHead(500).end());
    dir = mkdtempSync(join(tmpdir(), 'newsbot-storeblip-'));
    store = openSqliteStore(join(dir, 'store.db'));
    failNextFailure = true;
    flaky = Object.create(store) as Store;
    flaky.recordFeedFailure = async (url, failure) => {
      if (!failNextFailure) return store.recordFeedFailure(url, failure);
      failNextFailure = false;
      throw new StoreError('store_write_failed', 'cannot record the failure: database is locked');
    };
  });
  afterEach(async () => {
    await store.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('GIVEN a slower feed in flight WHEN another feed hits a store error THEN the cycle rejects only after the slow feed is reported', async () => {
    server.route('/slow', (_req, res) => setTimeout(() => res.writeHead(200).end(rss('Slow', [{ title: 'Coast guard patrol', link: 'https://slow.example/1' }])), 400));
    server.route('/next', (_req, res) => res.writeHead(200).end(rss('Next', [{ title: 'Not started', link: 'https://next.example/1' }])));
    await store.syncConfiguredFeeds(['broken', 'slow', 'next'].map((path) => ({ url: `${server.url}/${path}` })), 0);
    const reported: string[] = [];
    const onReport = async (report: FeedPollReport): Promise<void> => void reported.push(`${report.feed.url.replace(server.url, '')} ${report.outcome.status}`);
    // In this order, two workers: /broken and /slow at once, /next only when a worker is free.
    const feeds = await Promise.all(['broken', 'slow', 'next'].map(async (path) => (await store.getFeed(`${server.url}/${path}`))!));
    const error = await runPollCycle({ store: flaky, fetcher: createFeedFetcher(), logger, now: () => 1_000, onReport }, { ...settings, concurrency: 2 }, feeds).catch((e: unknown) => e);
    const reportedWhenRejected = [...reported];
    await new Promise((resolve) => setTimeout(resolve, 300)); // nothing runs on after the cycle ended
    expect((error as StoreError).code).toBe('store_write_failed');
    expect(reportedWhenRejected).toEqual(['/slow new']);
    expect(reported).toEqual(reportedWhenRejected);
    expect(server.requests.map((r) => r.path)).not.toContain('/next'); // no new feed after the error
  });

  it('GIVEN the app polls WHEN one feed hits a store error THEN items another feed stored in that cycle still make a story', async () => {
    let published = [{ title: 'Port reopens after storm', link: 'https://wire.example/0', guid: 'w0' }];
    server.route('/wire', (_req, res) => res.writeHead(200).end(rss('Wire', published)));
    writeFileSync(join(dir, 'newsbot.yaml'), `feeds:\n  - url: ${server.url}/wire\n    name: Wire\n  - url: ${server.url}/broken\n    name: Broken\n`);
    let clock = Date.UTC(2026, 0, 27);
    const app = await createApp(loadConfig(join(dir, 'newsbot.yaml'), readEnvironment({ NEWSBOT_DB: join(dir, 'store.db') })), logger, {
      store: flaky,
      now: () => clock,
      adapters: new Map([['console', createConsoleAdapter(new PassThrough())]]),
    });
    failNextFailure = false;
    await app.pollOnce({ force: true }); // the backlog
    published = [...published, { title: 'Chinese coast guard ships enter waters near Senkaku Islands, Japan protests', link: 'https://wire.example/1', guid: 'w1' }];
    clock += 10 * 60_000;
    failNextFailure = true;
    const error = await app.pollOnce({ force: true }).catch((e: unknown) => e);
    expect((error as StoreError).code).toBe('store_write_failed');
    const item = await store.findItemByLink('https://wire.example/1');
    expect(item).not.toBeNull();
    expect(await store.storyOfItem(item!.id, 'japan-china-taiwan')).not.toBeNull();
    await app.shutdown();
  });
});

describe('secrets never reach the logs', () => {
  it('redacts tokens, secrets and passwords wherever they sit in a record', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _enc, done) => void (lines.push(chunk.toString()), done()) });
    const log = createLogger('info', sink as unknown as pino.DestinationStream);
    log.info({ token: 'xoxb-SECRET-1', slack: { botToken: 'xoxb-SECRET-2', signingSecret: 'SECRET-3' }, db: { password: 'SECRET-4' }, headers: { authorization: 'Bot SECRET-5' } }, 'starting');
    expect(lines.join('')).not.toMatch(/SECRET/);
    expect(lines.join('')).toContain('[redacted]');
  });

  it('a real run with chat tokens set logs none of them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsbot-redact-'));
    try {
      writeFileSync(join(dir, 'c.yaml'), `feeds:\n  - url: ${join(process.cwd(), 'config/samples/pacific-wire.xml')}\nsubscriptions:\n  - { platform: slack, channel: C1, mode: alert }\n`);
      const result = await runCli(['run', '--once'], {
        NEWSBOT_CONFIG: join(dir, 'c.yaml'),
        NEWSBOT_DB: join(dir, 'x.db'),
        LOG_LEVEL: 'trace',
        SLACK_BOT_TOKEN: 'xoxb-TOPSECRET-TOKEN',
        SLACK_SIGNING_SECRET: 'TOPSECRET-SIGNING',
        SLACK_API_URL: 'http://127.0.0.1:9/api/',
        DISCORD_TOKEN: 'TOPSECRET-DISCORD',
        DISCORD_APPLICATION_ID: '1',
      });
      expect(result.stderr.length).toBeGreaterThan(100); // it did log, at trace level
      expect(result.stderr + result.stdout).not.toMatch(/TOPSECRET/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
