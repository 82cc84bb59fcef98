import type { ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import pino from 'pino';
import { runPollCycle, type FeedPollReport } from '../../src/feeds/poll-cycle.js';
import { createFeedFetcher } from '../../src/feeds/fetcher.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import type { Store } from '../../src/store/types.js';
import { startTestServer, type TestServer } from '../helpers/http-server.js';
import { rss } from '../helpers/feeds.js';

const logger = pino({ level: 'silent' });
const settings = { concurrency: 8, leaseMs: 600_000, defaultIntervalMinutes: 5, maxBackoffMs: 6 * 3_600_000 };
// 200 MB of spaces once inflated, built from 1 MB gzip members (concatenated members are valid
// gzip), so the test server itself never holds the inflated size in memory.
const ONE_MB_MEMBER = gzipSync(Buffer.alloc(1024 * 1024, 0x20));
const GZIP_BOMB = Buffer.concat(Array.from({ length: 200 }, () => ONE_MB_MEMBER));
const HUGE_ITEM = rss('Huge', [{ title: 'Big', link: 'https://huge.example/1', description: 'x'.repeat(10 * 1024 * 1024) }]);
const GOOD = rss('Good Wire', [{ title: 'Coast guard ships near Senkaku islands', link: 'https://good.example/1', guid: 'good-1' }]);

/** Every hostile case, each served at its own path; `expect` is the per-feed outcome. */
const CASES: Record<string, { expect: RegExp | 'ok'; serve: (res: ServerResponse) => void }> = {
  'billion-laughs': {
    expect: /^feed_malformed: refused: the document declares XML entities/,
    serve: (res) => {
      const lols = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('');
      res.writeHead(200).end(`<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol0 "lol">${lols}]><rss version="2.0"><channel><title>&lol9;</title></channel></rss>`);
    },
  },
  xxe: {
    expect: /^feed_malformed: refused: the document declares XML entities/,
    serve: (res) => res.writeHead(200).end('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><title>&xxe;</title><item><title>&xxe;</title><link>https://x.example/1</link></item></channel></rss>'),
  },
  'gzip-bomb': {
    expect: /^feed_too_large: body exceeds the 5242880-byte limit/,
    serve: (res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end(GZIP_BOMB),
  },
  'endless-body': {
    expect: /^feed_too_large/,
    serve: (res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      const pump = (): void => {
        while (!res.destroyed && res.write(chunk)) { /* until the client stops reading */ }
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    },
  },
  'slow-loris': {
    expect: /^feed_timeout: no complete response within 1\.5 s/,
    serve: (res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write('<')), 1_000);
    },
  },
  'redirect-loop': {
    expect: /^feed_redirect_limit: more than 5 redirects/,
    serve: (res) => res.writeHead(302, { location: '/redirect-loop-b' }).end(),
  },
  'html-page': { expect: /^feed_not_a_feed: got an HTML page/, serve: (res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html><body>Welcome</body></html>') },
  'empty-body': { expect: /^feed_empty/, serve: (res) => res.writeHead(200).end('') },
  'huge-item': {
    expect: /^feed_too_large/,
    serve: (res) => res.writeHead(200).end(HUGE_ITEM),
  },
  'invalid-utf8': {
    expect: 'ok',
    // 0xFF 0xFE never occur in UTF-8: the bytes are replaced, the item survives.
    serve: (res) => res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(Buffer.from(rss('Broken Bytes', [{ title: 'Taiwan Strait patrol \u00ff\u00fe', link: 'https://bytes.example/1' }]), 'latin1')),
  },
  'mislabelled-encoding': {
    expect: 'ok',
    serve: (res) => res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(iconv.encode(rss('誤表示新聞', [{ title: '尖閣諸島周辺で中国海警局の船', link: 'https://mislabel.example/1' }]).replace('encoding="UTF-8"', 'encoding="Shift_JIS"'), 'shift_jis')),
  },
  'duplicate-guids': {
    expect: 'ok',
    serve: (res) => res.writeHead(200).end(rss('Dupes', [1, 2, 3].map((n) => ({ title: `Same story copy ${n}`, link: 'https://dupes.example/story', guid: 'same-guid' })))),
  },
  'dates-1970-2100': {
    expect: 'ok',
    serve: (res) => res.writeHead(200).end(rss('Odd Dates', [
      { title: 'Epoch item', link: 'https://dates.example/1', pubDate: 'Thu, 01 Jan 1970 00:00:00 GMT' },
      { title: 'Future item', link: 'https://dates.example/2', pubDate: 'Fri, 01 Jan 2100 00:00:00 GMT' },
    ])),
  },
};

describe('hostile and broken feeds: a clear per-feed error or a bounded, correct result; others unaffected', () => {
  let server: TestServer;
  let store: Store;
  let dir: string;
  let reports: Map<string, FeedPollReport>;
  const NOW = Date.UTC(2026, 1, 1);
  let rssBefore = 0;
  let rssAfter = 0;

  beforeAll(async () => {
    server = await startTestServer();
    for (const [name, { serve }] of Object.entries(CASES)) server.route(`/${name}`, (_req, res) => serve(res));
    server.route('/redirect-loop-b', (_req, res) => res.writeHead(302, { location: '/redirect-loop' }).end());
    server.route('/good', (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(GOOD));
    dir = mkdtempSync(join(tmpdir(), 'newsbot-hostile-'));
    store = openSqliteStore(join(dir, 'hostile.db'));
    await store.syncConfiguredFeeds([...Object.keys(CASES), 'good'].map((name) => ({ url: `${server.url}/${name}`, name })), NOW);
    rssBefore = process.memoryUsage().rss;
    const result = await runPollCycle({ store, fetcher: createFeedFetcher({ timeoutMs: 1_500 }), logger, now: () => NOW }, settings);
    rssAfter = process.memoryUsage().rss;
    reports = new Map(result.map((r) => [r.feed.name ?? r.feed.url, r]));
  }, 60_000);

  afterAll(async () => {
    await store.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const outcome = (name: string): string => {
    const report = reports.get(name)!.outcome;
    return report.status === 'failed' ? `${report.code}: ${report.message}` : 'ok';
  };

  it.each(Object.entries(CASES))('%s', (name, { expect: expected }) => {
    if (expected === 'ok') expect(outcome(name)).toBe('ok');
    else expect(outcome(name)).toMatch(expected);
  });

  it('the good feed in the same cycle is stored', async () => {
    expect(outcome('good')).toBe('ok');
    expect((await store.getItem('good.example#good-1')) ?? (await store.findItemByLink('https://good.example/1'))).not.toBeNull();
  });

  it('no entity was expanded and no local file was read', async () => {
    const items = await store.recentItems(0, 1000);
    expect(items.some((i) => i.title.includes('lol') || i.title.includes('root:'))).toBe(false);
  });

  it('bounded results: invalid bytes replaced, mislabelled Shift_JIS read right, duplicates once, odd dates estimated', async () => {
    const byLink = async (link: string) => store.findItemByLink(link);
    expect((await byLink('https://bytes.example/1'))?.title).toMatch(/^Taiwan Strait patrol /);
    expect((await byLink('https://mislabel.example/1'))?.title).toBe('尖閣諸島周辺で中国海警局の船');
    expect((await store.recentItems(0, 1000)).filter((i) => i.link === 'https://dupes.example/story')).toHaveLength(1);
    for (const link of ['https://dates.example/1', 'https://dates.example/2']) expect(await byLink(link)).toMatchObject({ published: NOW, publishedEstimated: true });
  });

  it('memory stays bounded through bombs and endless bodies', () => {
    // Caps hold the client to 5 MB a feed, 8 feeds at a time; the 200 MB bomb never inflates whole.
    expect((rssAfter - rssBefore) / 1024 / 1024).toBeLessThan(150);
  });
});

describe('feeds too big for the default cap, with a larger cap: bounded and correct', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    const many = rss('Many', Array.from({ length: 100_000 }, (_, i) => ({ title: `Item ${i}`, link: `https://many.example/${i}` })));
    server.route('/many', (_req, res) => res.writeHead(200).end(many));
    server.route('/huge', (_req, res) => res.writeHead(200).end(rss('Huge', [{ title: 'Big', link: 'https://huge.example/1', description: `${'Japan and China. '.repeat(10)}${'x'.repeat(10 * 1024 * 1024)}` }])));
  });
  afterAll(() => server.close());

  it('100 000 items: the first 1 000 are taken; a 10 MB description is cut to a summary', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsbot-big-'));
    const store = openSqliteStore(join(dir, 'big.db'));
    try {
      await store.syncConfiguredFeeds([{ url: `${server.url}/many` }, { url: `${server.url}/huge` }], 0);
      const reports = await runPollCycle({ store, fetcher: createFeedFetcher({ timeoutMs: 20_000, maxBytes: 40 * 1024 * 1024 }), logger, now: () => Date.UTC(2026, 1, 1) }, settings);
      const many = reports.find((r) => r.feed.url.endsWith('/many'))!.outcome;
      expect(many).toMatchObject({ status: 'new', parsedCount: 1_000 });
      const huge = await store.findItemByLink('https://huge.example/1');
      expect(huge!.summary.length).toBeLessThanOrEqual(600);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
