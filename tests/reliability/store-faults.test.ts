import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { createSqliteStore, openSqliteStore } from '../../src/store/sqlite/index.js';
import { runPollCycle } from '../../src/feeds/poll-cycle.js';
import { createFeedFetcher } from '../../src/feeds/fetcher.js';
import { StoreError } from '../../src/errors.js';
import { createLogger } from '../../src/log.js';
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
