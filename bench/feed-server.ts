/**
 * A loopback feed server for section 5, in its own process so its memory and CPU are not counted
 * as newsbot's: `/feeds/<n>.xml` serves generated feed n (gzip when asked), with an ETag and
 * Last-Modified, and answers 304 Not Modified to a matching If-None-Match / If-Modified-Since.
 * Started with fork(); reports `{ port }` over IPC, answers `'stats'` with request counts.
 */
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { generateFeedSet, renderRss } from './corpus/index.js';

export interface ServerStats {
  requests: number;
  notModified: number;
  bytesSent: number;
}

interface Served {
  gzip: Buffer;
  plain: Buffer;
  etag: string;
  lastModified: string;
}

const feeds = Number(process.argv[2] ?? 2000);
const perFeed = Number(process.argv[3] ?? 50);
const now = Number(process.argv[4] ?? Date.UTC(2026, 2, 2));
const served: Served[] = generateFeedSet(11, feeds, perFeed, now).map((spec) => {
  const url = `http://127.0.0.1/feeds/${spec.index}.xml`;
  const xml = renderRss({ title: spec.title, link: `https://${spec.outlet.domain}/`, selfUrl: url, description: `Latest news from ${spec.outlet.name}`, language: spec.outlet.language }, spec.items, false);
  const plain = Buffer.from(xml, 'utf8');
  return {
    plain,
    gzip: gzipSync(plain),
    etag: `"${createHash('sha1').update(plain).digest('hex').slice(0, 16)}"`,
    lastModified: new Date(spec.items[0]?.published ?? now).toUTCString(),
  };
});

const stats: ServerStats = { requests: 0, notModified: 0, bytesSent: 0 };
const server = createServer((req, res) => {
  stats.requests++;
  const index = /^\/feeds\/(\d+)\.xml$/.exec(req.url ?? '')?.[1];
  const feed = index === undefined ? undefined : served[Number(index)];
  if (!feed) {
    res.writeHead(404).end();
    return;
  }
  const validators = { etag: feed.etag, 'last-modified': feed.lastModified, 'cache-control': 'max-age=300' };
  const since = req.headers['if-modified-since'];
  if (req.headers['if-none-match'] === feed.etag || (!req.headers['if-none-match'] && since && Date.parse(since) >= Date.parse(feed.lastModified))) {
    stats.notModified++;
    res.writeHead(304, validators).end();
    return;
  }
  const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  const body = gzip ? feed.gzip : feed.plain;
  stats.bytesSent += body.length;
  res.writeHead(200, { ...validators, 'content-type': 'application/rss+xml; charset=utf-8', 'content-length': body.length, ...(gzip ? { 'content-encoding': 'gzip' } : {}) });
  res.end(body);
});
server.keepAliveTimeout = 30_000;

server.listen(0, '127.0.0.1', () => {
  const totalBytes = served.reduce((sum, feed) => sum + feed.plain.length, 0);
  process.send?.({ port: (server.address() as AddressInfo).port, totalBytes });
});
process.on('message', (message) => {
  if (message === 'stats') process.send?.({ stats: { ...stats } });
  if (message === 'reset') Object.assign(stats, { requests: 0, notModified: 0, bytesSent: 0 });
  if (message === 'stop') server.close(() => process.exit(0));
});
process.on('disconnect', () => process.exit(0));
