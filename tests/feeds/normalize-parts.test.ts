import { describe, expect, it } from 'vitest';
import { canonicalLink } from '../../src/feeds/links.js';
import { htmlToText, truncateText } from '../../src/feeds/text.js';
import { parseFeedDate } from '../../src/feeds/dates.js';
import { nextRetryDelay } from '../../src/feeds/backoff.js';
import { seededRandom } from '../helpers/random.js';

const NOW = Date.UTC(2026, 1, 3, 12, 0, 0);

describe('canonicalLink', () => {
  it.each([
    ['https://News.Example/a?utm_source=rss&utm_campaign=x&id=7#frag', 'https://news.example/a?id=7'],
    ['https://news.example/a?fbclid=abc&gclid=1', 'https://news.example/a'],
    ['http://news.example:80/a?b=2&a=1', 'http://news.example/a?b=2&a=1'],
    ['https://news.example.tw/read.php?20260120001', 'https://news.example.tw/read.php?20260120001'],
    ['https://news.example/s?q=Taiwan%20Strait&utm_source=rss', 'https://news.example/s?q=Taiwan%20Strait'],
    ['/relative/path', 'https://base.example/relative/path'],
    ['javascript:alert(1)', null],
    ['not a url', 'https://base.example/not%20a%20url'],
    ['', null],
  ])('%s → %s', (input, expected) => {
    expect(canonicalLink(input, 'https://base.example/feed')).toBe(expected);
  });
});

describe('canonicalLink with a query', () => {
  it('removes tracking parameters and keeps the rest as written, in their order', () => {
    const isTracking = (part: string): boolean => /^(?:utm_[a-z_]+|fbclid|gclid|ref|rss)$/i.test(decodeURIComponent((part.split('=')[0] ?? '').replace(/\+/g, ' ')));
    const params = ['utm_source=rss', 'UTM_Medium=x', 'fbclid=a%20b', 'gclid=', 'ref', 'rss=1', 'id=7', 'b=2', 'a=1', 'a=0', 'q=a+b', 'q=%E5%8F%B0', 'y=1=2', '=v', '20260120001'];
    const random = seededRandom(5);
    const outcomes = new Set<string>();
    for (let i = 0; i < 3_000; i++) {
      const parts = Array.from({ length: random(5) }, () => params[random(params.length)]!);
      const link = `https://news.example/a/b?${parts.join('&')}${random(3) === 0 ? '#top' : ''}`;
      const kept = parts.filter((part) => !isTracking(part));
      const expected = `https://news.example/a/b${kept.length > 0 ? `?${kept.join('&')}` : ''}`;
      expect(canonicalLink(link), link).toBe(expected);
      outcomes.add(kept.length > 0 ? 'query kept' : 'query gone');
    }
    expect(outcomes).toEqual(new Set(['query kept', 'query gone']));
  });
});

describe('canonicalLink without a query or fragment: what URL parsing gives, with or without parsing', () => {
  // The oracle: WHATWG URL parsing alone (without a query or fragment, canonicalLink removes nothing).
  const parsed = (link: string): string | null => {
    try {
      const url = new URL(link.trim());
      return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
    } catch {
      return null;
    }
  };
  const schemes = ['http://', 'https://', 'HTTPS://', 'ftp://', 'https:/'];
  const hosts = ['news.example', 'News.Example', 'xn--fiq228c.example', 'xn--a.example', '127.0.0.1', '0x7f.1', 'a.123', 'a..b', '-a.example', 'a-.example', 'example.', '例子.example', 'a.b:443', 'a.b:8080', 'user@a.b', 'wire', 'a_b.example'];
  const paths = ['/', '', '/a/b', '/a/./b', '/a/../b', '/.', '/a/..', '/%2e/b', '/a%2E%2e/c', '/a b', '/a\\b', '/a|b', '/~x/y;z=1,2', '/ü', '/a//b', '/.well-known/x', "/it's(1)", '/a@b:c', '/a%20b', '/a%zz', '/x\t', ' /x'];
  it('agrees with URL on every combination of awkward schemes, hosts and paths', () => {
    let kept = 0;
    for (const scheme of schemes) {
      for (const host of hosts) {
        for (const path of paths) {
          const link = `${scheme}${host}${path}`;
          const expected = parsed(link);
          expect(canonicalLink(link), link).toBe(expected);
          if (expected === link) kept++;
        }
      }
    }
    expect(kept).toBeGreaterThan(50); // plenty of links that need no change were among them
  });
});

describe('htmlToText', () => {
  it.each([
    ['<p>Japan &amp; China</p><p>talks</p>', 'Japan & China talks'],
    ['&lt;b&gt;double&lt;/b&gt; escaped', 'double escaped'],
    ['<script>alert(1)</script>Safe', 'Safe'],
    ['zero\u200Bwidth\u0007 bell', 'zerowidth bell'],
    ['  lots\n\n of \t space ', 'lots of space'],
    ['&#x53F0;&#28286;', '台湾'],
  ])('%j → %j', (input, expected) => {
    expect(htmlToText(input)).toBe(expected);
  });
});

describe('truncateText', () => {
  it('cuts at a sentence end when one is near the limit, else at a word', () => {
    expect(truncateText('One two three. Four five six seven eight.', 20)).toBe('One two three.');
    expect(truncateText('alpha beta gamma delta epsilon zeta', 20)).toBe('alpha beta gamma…');
    expect(truncateText('short', 20)).toBe('short');
  });

  it('never cuts a surrogate pair in half (an emoji, a rare Han character)', () => {
    const cut = truncateText(`${'台'.repeat(18)}𠮷${'湾'.repeat(10)}`, 20);
    expect(cut).toBe(`${'台'.repeat(18)}…`);
    expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});

describe('parseFeedDate', () => {
  it.each([
    ['Tue, 27 Jan 2026 10:00:00 JST', Date.UTC(2026, 0, 27, 1, 0), false],
    ['Tue, 27 Jan 2026 10:00:00 +0900', Date.UTC(2026, 0, 27, 1, 0), false],
    ['Tue, 27 Jan 2026 10:00:00 CST', Date.UTC(2026, 0, 27, 2, 0), false],
    ['Tue, 27 Jan 2026 10:00:00 EST', Date.UTC(2026, 0, 27, 15, 0), false],
    ['2026-01-27T10:00:00+08:00', Date.UTC(2026, 0, 27, 2, 0), false],
    // Without a zone: UTC, whatever the server's zone (vitest.config.ts runs the tests in Asia/Tokyo).
    ['2026-01-27 10:00:00', Date.UTC(2026, 0, 27, 10, 0), false],
    ['2026-01-27T10:00:00', Date.UTC(2026, 0, 27, 10, 0), false],
    ['2026-01-27T10:00:00.250', Date.UTC(2026, 0, 27, 10, 0, 0, 250), false],
    ['2026-01-27', Date.UTC(2026, 0, 27), false],
    ['Tue, 27 Jan 2026 10:00:00', Date.UTC(2026, 0, 27, 10, 0), false],
    ['27 Jan 2026 10:00', Date.UTC(2026, 0, 27, 10, 0), false],
    ['2026.01.27 10:00', Date.UTC(2026, 0, 27, 10, 0), false],
    ['Tuesday, January 27, 2026 10:00 AM', Date.UTC(2026, 0, 27, 10, 0), false],
    ['January 27, 2026 3:00 PM EST', Date.UTC(2026, 0, 27, 20, 0), false],
    ['Tue, 27 Jan 2026 10:00:00 GMT', Date.UTC(2026, 0, 27, 10, 0), false],
    ['2026-01-27T10:00:00Z', Date.UTC(2026, 0, 27, 10, 0), false],
    ['2026年1月27日 10:00', Date.UTC(2026, 0, 27, 1, 0), false],
    ['2026年1月27日(火) 10:00', Date.UTC(2026, 0, 27, 1, 0), false],
    ['2026年1月27日（火）10時30分', Date.UTC(2026, 0, 27, 1, 30), false],
    ['2026年1月27日 10時', Date.UTC(2026, 0, 27, 1, 0), false],
    ['2026年1月27日 下午3:05', Date.UTC(2026, 0, 27, 6, 5), false],
    ['2026年1月27日', Date.UTC(2026, 0, 26, 15, 0), false],
    ['Thu, 01 Jan 1970 00:00:00 GMT', NOW, true],
    ['Fri, 01 Jan 2100 00:00:00 GMT', NOW, true],
    ['yesterday-ish', NOW, true],
    [undefined, NOW, true],
  ])('%s', (input, time, estimated) => {
    expect(parseFeedDate(input, NOW)).toEqual({ time, estimated });
  });
});

describe('nextRetryDelay', () => {
  const policy = { baseMs: 5 * 60_000, maxMs: 6 * 3_600_000, jitter: 0.2 };
  it('doubles per failure, is capped, and jitters within ±20 %', () => {
    expect(nextRetryDelay(1, policy, () => 0.5)).toBe(5 * 60_000);
    expect(nextRetryDelay(3, policy, () => 0.5)).toBe(20 * 60_000);
    expect(nextRetryDelay(20, policy, () => 0.5)).toBe(6 * 3_600_000);
    expect(nextRetryDelay(3, policy, () => 0)).toBe(16 * 60_000);
    expect(nextRetryDelay(3, policy, () => 0.999999)).toBeCloseTo(24 * 60_000, -2);
  });
});
