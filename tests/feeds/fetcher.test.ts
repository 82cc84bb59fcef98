import { getEventListeners } from 'node:events';
import { gzipSync, brotliCompressSync, deflateRawSync, deflateSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFeedFetcher } from '../../src/feeds/fetcher.js';
import { FeedError } from '../../src/errors.js';
import { startTestServer, type TestServer } from '../helpers/http-server.js';
import { rss } from '../helpers/feeds.js';

const FEED = rss('Loopback Wire', [{ title: 'Envoy summoned in Tokyo', link: 'https://wire.example/1', guid: 'w-1' }]);

/**
 * What a signal holds on behalf of others: its abort listeners, and the signals AbortSignal.any()
 * made from it (Node keeps those in an internal set, found here by its symbol's name).
 */
function heldBy(signal: AbortSignal): { listeners: number; dependants: number } {
  const symbol = Object.getOwnPropertySymbols(signal).find((s) => s.description === 'kDependantSignals');
  const dependants = symbol ? (signal as unknown as Record<symbol, Set<unknown>>)[symbol]!.size : 0;
  return { listeners: getEventListeners(signal, 'abort').length, dependants };
}

describe('HTTP feed fetcher (real server on 127.0.0.1)', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('GIVEN a 200 with validators THEN the next fetch sends them and a 304 means no change', async () => {
    server.route('/feed', (req, res) => {
      if (req.headers['if-none-match'] === '"v1"' && req.headers['if-modified-since'] === 'Tue, 03 Feb 2026 06:00:00 GMT') {
        res.writeHead(304).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"', 'last-modified': 'Tue, 03 Feb 2026 06:00:00 GMT' }).end(FEED);
    });
    const fetcher = createFeedFetcher();
    const first = await fetcher.fetch(`${server.url}/feed`, {});
    expect(first.kind).toBe('body');
    if (first.kind !== 'body') return;
    expect(first.etag).toBe('"v1"');
    expect(first.body.toString()).toContain('Envoy summoned');
    const second = await fetcher.fetch(`${server.url}/feed`, { etag: first.etag, lastModified: first.lastModified });
    expect(second).toEqual({ kind: 'not-modified' });
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0]?.headers['if-none-match']).toBeUndefined();
    expect(server.requests[1]?.headers['if-none-match']).toBe('"v1"');
    expect(server.requests[0]?.headers['user-agent']).toMatch(/^newsbot\//);
  });

  it.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['deflate', deflateRawSync], // raw deflate, as some old servers send it
    ['br', brotliCompressSync],
  ] as const)('GIVEN a %s-encoded body THEN it is decompressed', async (encoding, compress) => {
    server.route('/z', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': encoding }).end(compress(Buffer.from(FEED)));
    });
    const result = await createFeedFetcher().fetch(`${server.url}/z`, {});
    expect(result.kind === 'body' && result.body.toString()).toBe(FEED);
    expect(server.requests[0]?.headers['accept-encoding']).toContain(encoding);
  });

  const GZIPPED = gzipSync(rss('Many', Array.from({ length: 300 }, (_, i) => ({ title: `Item ${i}`, link: `https://many.example/${i}` }))));
  const CORRUPTED = GZIPPED.map((byte, i) => (i >= 40 && i < 200 ? byte ^ 0x55 : byte));
  it.each([
    ['gzip', 'corrupted', CORRUPTED, /^body is not valid gzip data: .+ \(Z_DATA_ERROR\)$/],
    ['gzip', 'cut short', GZIPPED.subarray(0, GZIPPED.length / 2), /^body is not valid gzip data: unexpected end of file \(Z_BUF_ERROR\)$/],
    ['br', 'not brotli at all', Buffer.from('this is not brotli data at all!!'), /^body is not valid br data: Decompression failed \(ERR_/],
    ['deflate', 'not deflate at all', Buffer.from('plainly not deflate'), /^body is not valid deflate data: /],
  ] as const)('GIVEN a %s body %s THEN it is an encoding error that says what zlib found', async (encoding, _what, body, reason) => {
    server.route('/bad-z', (_req, res) => res.writeHead(200, { 'content-encoding': encoding }).end(body));
    const error = (await createFeedFetcher().fetch(`${server.url}/bad-z`, {}).catch((e: unknown) => e)) as FeedError;
    expect(error.code).toBe('feed_encoding');
    expect(error.reason).toMatch(reason);
  });

  it('GIVEN an empty deflate-encoded body THEN it is an empty body, not a hang', async () => {
    server.route('/empty', (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'deflate' }).end());
    const result = await createFeedFetcher().fetch(`${server.url}/empty`, {});
    expect(result.kind === 'body' && result.body.length).toBe(0);
  });

  it('GIVEN up to 5 redirects THEN it follows them; GIVEN 6 THEN it fails with feed_redirect_limit', async () => {
    for (let hop = 0; hop < 6; hop++) {
      server.route(`/r${hop}`, (_req, res) => res.writeHead(302, { location: `/r${hop + 1}` }).end());
    }
    server.route('/r6', (_req, res) => res.writeHead(200, { 'content-type': 'text/xml' }).end(FEED));
    const fetcher = createFeedFetcher();
    const ok = await fetcher.fetch(`${server.url}/r1`, {});
    expect(ok.kind).toBe('body');
    expect(ok.kind === 'body' && ok.finalUrl).toBe(`${server.url}/r6`); // where relative links resolve
    const error = await fetcher.fetch(`${server.url}/r0`, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FeedError);
    expect((error as FeedError).code).toBe('feed_redirect_limit');
    expect((error as FeedError).message).toContain(`${server.url}/r0`);
  });

  it.each([302, 300])('GIVEN a %i without a Location header THEN it says so, not "more than N redirects"', async (status) => {
    server.route('/nowhere', (_req, res) => res.writeHead(status).end());
    const error = (await createFeedFetcher().fetch(`${server.url}/nowhere`, {}).catch((e: unknown) => e)) as FeedError;
    expect(error).toMatchObject({ code: 'feed_http_status', reason: `redirect (HTTP ${status}) without a Location header` });
  });

  it('GIVEN 301 and 308 redirects first THEN the result says where the feed moved for good; GIVEN a temporary one first THEN it has not moved', async () => {
    server.route('/old', (_req, res) => res.writeHead(301, { location: '/older-still' }).end());
    server.route('/older-still', (_req, res) => res.writeHead(308, { location: `${server.url}/new` }).end());
    server.route('/new', (_req, res) => res.writeHead(302, { location: '/new-today' }).end()); // the new site's own business
    server.route('/new-today', (_req, res) => res.writeHead(200).end(FEED));
    server.route('/elsewhere-for-now', (_req, res) => res.writeHead(307, { location: '/old' }).end());
    const fetcher = createFeedFetcher();
    const moved = await fetcher.fetch(`${server.url}/old`, {});
    expect(moved).toMatchObject({ kind: 'body', movedTo: `${server.url}/new`, finalUrl: `${server.url}/new-today` });
    expect(await fetcher.fetch(`${server.url}/elsewhere-for-now`, {})).not.toHaveProperty('movedTo');
    expect(await fetcher.fetch(`${server.url}/new-today`, {})).not.toHaveProperty('movedTo');
  });

  it('GIVEN a body over the byte cap THEN the download is cut and the feed fails with feed_too_large', async () => {
    let bytesSent = 0;
    server.route('/big', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      const send = (): void => {
        // Keep sending until the client hangs up, up to 50 MB: the client must stop reading.
        while (bytesSent < 50 * 1024 * 1024 && !res.destroyed) {
          bytesSent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', send);
        }
        res.end();
      };
      send();
    });
    const error = await createFeedFetcher({ maxBytes: 1024 * 1024 }).fetch(`${server.url}/big`, {}).catch((e: unknown) => e);
    expect((error as FeedError).code).toBe('feed_too_large');
    expect((error as FeedError).reason).toContain('1048576-byte limit');
    expect(bytesSent).toBeLessThan(20 * 1024 * 1024);
  });

  it('GIVEN a gzip body that inflates past the cap THEN the cap counts decompressed bytes', async () => {
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x20));
    server.route('/bomb', (_req, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end(bomb));
    const error = await createFeedFetcher({ maxBytes: 1024 * 1024 }).fetch(`${server.url}/bomb`, {}).catch((e: unknown) => e);
    expect((error as FeedError).code).toBe('feed_too_large');
  });

  it('GIVEN a server that never answers THEN the fetch fails with feed_timeout after the timeout', async () => {
    server.route('/slow', () => {
      /* never respond */
    });
    const started = Date.now();
    const error = await createFeedFetcher({ timeoutMs: 300 }).fetch(`${server.url}/slow`, {}).catch((e: unknown) => e);
    expect((error as FeedError).code).toBe('feed_timeout');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('GIVEN a 500 THEN the error names the status', async () => {
    server.route('/err', (_req, res) => res.writeHead(500).end('boom'));
    const error = await createFeedFetcher().fetch(`${server.url}/err`, {}).catch((e: unknown) => e);
    expect((error as FeedError).code).toBe('feed_http_status');
    expect((error as FeedError).reason).toBe('HTTP 500 from server');
  });

  it('GIVEN a 429 or 503 with Retry-After THEN the error carries the wait, in seconds or until an HTTP-date by the server clock', async () => {
    const serverClock = Date.UTC(2026, 0, 27, 9, 0); // an hour off from ours: the wait is what the server meant
    server.route('/429', (_req, res) => res.writeHead(429, { 'retry-after': '7200' }).end('slow down'));
    server.route('/503', (_req, res) => res.writeHead(503, { date: new Date(serverClock).toUTCString(), 'retry-after': new Date(serverClock + 3 * 3_600_000).toUTCString() }).end());
    server.route('/500', (_req, res) => res.writeHead(500, { 'retry-after': '7200' }).end());
    const fetcher = createFeedFetcher();
    const fail = async (path: string) => (await fetcher.fetch(`${server.url}${path}`, {}).catch((e: unknown) => e)) as FeedError;
    expect(await fail('/429')).toMatchObject({ code: 'feed_http_status', retryAfterMs: 7_200_000, reason: 'HTTP 429 from server; it asks for no retry within 7200 s' });
    expect((await fail('/503')).retryAfterMs).toBe(3 * 3_600_000);
    expect((await fail('/500')).retryAfterMs).toBeNull(); // Retry-After means something else on other statuses
  });

  it('GIVEN responses refused on their headers (unknown Content-Encoding) THEN their connections are freed for the next feed on the host', async () => {
    const unreadBody = Buffer.alloc(2 * 1024 * 1024, 0x61); // more than socket buffers hold
    server.matchers.push((path, _req, res) => {
      if (!path.startsWith('/compress/')) return false;
      res.writeHead(200, { 'content-encoding': 'compress' }).end(unreadBody);
      return true;
    });
    server.route('/feed', (_req, res) => res.writeHead(200).end(FEED));
    const fetcher = createFeedFetcher({ timeoutMs: 3_000 });
    // As many as the agent's connections to one host.
    const refused = await Promise.all(Array.from({ length: 16 }, (_, i) => fetcher.fetch(`${server.url}/compress/${i}`, {}).catch((e: FeedError) => e.code)));
    expect(new Set(refused)).toEqual(new Set(['feed_encoding']));
    const started = Date.now();
    expect((await fetcher.fetch(`${server.url}/feed`, {})).kind).toBe('body');
    expect(Date.now() - started).toBeLessThan(1_000); // not after the refused requests' timeout
  });

  it('GIVEN the app\'s long-lived abort signal THEN fetches leave nothing on it, and aborting it still stops a fetch', async () => {
    server.route('/feed', (_req, res) => res.writeHead(200).end(FEED));
    server.route('/slow', () => {
      /* never answers */
    });
    const app = new AbortController();
    const before = heldBy(app.signal);
    const fetcher = createFeedFetcher({ timeoutMs: 5_000 });
    for (let i = 0; i < 50; i++) await fetcher.fetch(`${server.url}/${i % 5 === 0 ? 'missing' : 'feed'}`, {}, app.signal).catch(() => undefined);
    expect(heldBy(app.signal)).toEqual(before);
    const started = Date.now();
    setTimeout(() => app.abort(), 100);
    const error = (await fetcher.fetch(`${server.url}/slow`, {}, app.signal).catch((e: unknown) => e)) as FeedError;
    expect(error.reason).toBe('fetch abandoned: shutting down');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('GIVEN a closed port THEN it fails with connection refused', async () => {
    const url = server.url;
    await server.close();
    const error = await createFeedFetcher().fetch(`${url}/gone`, {}).catch((e: unknown) => e);
    expect((error as FeedError).code).toBe('feed_network');
    expect((error as FeedError).reason).toMatch(/connection refused/);
    server = await startTestServer();
  });
});

describe('file fetcher', () => {
  it('reads file: URLs and plain paths, and names a missing file', async () => {
    const fetcher = createFeedFetcher();
    const byPath = await fetcher.fetch('tests/feeds/testdata/rss2.xml', {});
    expect(byPath.kind).toBe('body');
    const missing = await fetcher.fetch('file:///nonexistent/feed.xml', {}).catch((e: unknown) => e);
    expect((missing as FeedError).code).toBe('feed_not_found');
    expect((missing as FeedError).message).toBe('file:///nonexistent/feed.xml: no such file');
  });
});
