import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeedFetcher } from '../../src/feeds/fetcher.js';
import { isPublicAddress } from '../../src/feeds/address-guard.js';
import { FeedError } from '../../src/errors.js';
import { startTestServer, type TestServer } from '../helpers/http-server.js';
import { rss } from '../helpers/feeds.js';

describe('SSRF: feeds added from chat may not reach internal addresses', () => {
  let server: TestServer;
  let port: string;
  beforeAll(async () => {
    server = await startTestServer();
    port = new URL(server.url).port;
    server.route('/feed', (_req, res) => res.writeHead(200).end(rss('Internal', [{ title: 'secret', link: 'https://internal.example/1' }])));
    server.route('/to-loopback', (_req, res) => res.writeHead(302, { location: `http://127.0.0.1:${port}/feed` }).end());
  });
  afterAll(() => server.close());

  const refusal = async (url: string, allowHosts: string[] = []): Promise<FeedError> => {
    const error = await createFeedFetcher({ timeoutMs: 3_000, allowHosts }).fetch(url, {}, undefined, 'untrusted').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FeedError);
    return error as FeedError;
  };

  it.each([
    ['loopback IPv4', () => `http://127.0.0.1:${port}/feed`],
    ['localhost by name', () => `http://localhost:${port}/feed`],
    ['loopback IPv6', () => `http://[::1]:${port}/feed`],
    ['cloud metadata', () => 'http://169.254.169.254/latest/meta-data/'],
    ['private 10/8', () => 'http://10.0.0.8/rss'],
    ['private 192.168/16', () => 'http://192.168.1.1/rss'],
    ['IPv4-mapped IPv6 loopback', () => `http://[::ffff:127.0.0.1]:${port}/feed`],
  ])('refuses %s, naming the address', async (_name, url) => {
    const error = await refusal(url());
    expect(error.code).toBe('feed_blocked_address');
    expect(error.reason).toMatch(/^refused: .* resolves to .*loopback, private, link-local or metadata address$/);
  });

  it('checks the address again after a redirect', async () => {
    const error = await refusal(`http://localhost:${port}/to-loopback`, ['localhost']);
    expect(error.code).toBe('feed_blocked_address');
    expect(error.reason).toContain('127.0.0.1');
    expect(server.requests.filter((r) => r.path === '/feed')).toHaveLength(0); // never reached
  });

  it('refuses file paths from chat', async () => {
    expect((await refusal('file:///etc/passwd')).code).toBe('feed_blocked_address');
  });

  it('an operator can allow-list a host; operator feeds are not restricted', async () => {
    const allowed = await createFeedFetcher({ allowHosts: ['127.0.0.1'] }).fetch(`http://127.0.0.1:${port}/feed`, {}, undefined, 'untrusted');
    expect(allowed.kind).toBe('body');
    const operator = await createFeedFetcher().fetch(`http://127.0.0.1:${port}/feed`, {});
    expect(operator.kind).toBe('body');
  });

  it.each([
    ['8.8.8.8', true], ['1.1.1.1', true], ['2001:4860:4860::8888', true],
    ['127.0.0.1', false], ['10.1.2.3', false], ['172.16.5.4', false], ['172.32.0.1', true], ['192.168.0.1', false], ['169.254.169.254', false],
    ['100.64.0.1', false], ['0.0.0.0', false], ['::1', false], ['fe80::1', false], ['fd00:ec2::254', false], ['::ffff:10.0.0.1', false], ['not-an-ip', false],
  ])('isPublicAddress(%s) = %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});
