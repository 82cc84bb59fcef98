import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readFeedFast } from '../../src/feeds/fast-parse.js';
import { parseFeedXml, parseFeedXmlWithRssParser } from '../../src/feeds/parse.js';
import { normalizeFeed } from '../../src/feeds/normalize.js';
import { decodeFeedBody } from '../../src/feeds/encoding.js';
import { FeedError } from '../../src/errors.js';

const NOW = Date.UTC(2026, 1, 3, 12, 0, 0);
const fixture = (name: string): string => decodeFeedBody(readFileSync(new URL(`./testdata/${name}`, import.meta.url)), null, name);
const rss = (items: string, channel = '<title>Wire</title><link>https://wire.example/</link>'): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>${channel}${items}</channel></rss>`;
const fast = (xml: string, maxItems = 1000) => {
  const feed = readFeedFast(xml, maxItems);
  if (!feed) throw new Error('the fast path did not read the document');
  return feed;
};

describe('fast feed reader: same items as rss-parser', () => {
  it.each(['rss2.xml', 'atom.xml', 'rdf.xml', 'shift_jis.xml', 'gbk.xml', 'big5.xml', 'utf16.xml'])('%s is read by the fast path, with the items rss-parser gives', async (name) => {
    const xml = fixture(name);
    expect(readFeedFast(xml.trimStart(), 1000)).not.toBeNull();
    const context = { feedId: `https://feeds.example/${name}`, now: NOW };
    const viaFast = normalizeFeed(await parseFeedXml(xml, context.feedId), context);
    const viaRssParser = normalizeFeed(await parseFeedXmlWithRssParser(xml, context.feedId), context);
    expect(viaFast.length).toBeGreaterThan(0);
    expect(viaFast).toEqual(viaRssParser);
  });

  it('xml:base: rss-parser\'s Atom links, the feed\'s and the entries\', resolve as the fast path resolves them', async () => {
    const xml =
      '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://kite-ledger.example/news/"><title>Kite Ledger</title><link href="../"/>' +
      '<entry xml:base="region/"><title>One</title><id>tag:kite-ledger.example,2026:1</id><link rel="alternate" href="one.html"/></entry>' +
      '<entry><title>Two</title><id>tag:kite-ledger.example,2026:2</id><link rel="alternate" xml:base="https://kite-ledger.example/archive/" href="two.html"/></entry></feed>';
    const viaFast = fast(xml);
    const viaRssParser = await parseFeedXmlWithRssParser(xml, 'https://feeds.kite-ledger.example/atom');
    expect(viaFast.link).toBe('https://kite-ledger.example/');
    expect(viaRssParser.link).toBe(viaFast.link);
    expect(viaRssParser.items.map((item) => item.link)).toEqual(viaFast.items.map((item) => item.link));
    expect(viaRssParser.items.map((item) => item.link)).toEqual(['https://kite-ledger.example/news/region/one.html', 'https://kite-ledger.example/archive/two.html']);
  });
});

describe('fast feed reader: RSS 2.0', () => {
  it('reads CDATA, XML entities, escaped and unescaped HTML, guid with attributes, dc:date, content:encoded', () => {
    const feed = fast(rss(`
      <item>
        <title>Japan &amp; China &#x53F0;&#28286;</title>
        <link>https://wire.example/a?x=1&amp;utm_source=rss</link>
        <guid isPermaLink="false">wire-1</guid>
        <description><![CDATA[<p>Ships <b>near</b> islands & more</p>]]></description>
        <content:encoded>&lt;p&gt;Full text&lt;/p&gt;</content:encoded>
        <dc:date>2026-02-03T06:15:00Z</dc:date>
      </item>
      <item><title>XHTML inside</title><link>https://wire.example/b</link><description>Lead <p>para</p> tail</description></item>`));
    expect(feed).toMatchObject({ title: 'Wire', link: 'https://wire.example/' });
    expect(feed.items[0]).toEqual({
      title: 'Japan & China 台湾',
      link: 'https://wire.example/a?x=1&utm_source=rss',
      guid: 'wire-1',
      description: '<p>Ships <b>near</b> islands & more</p>',
      'content:encoded': '<p>Full text</p>',
      'dc:date': '2026-02-03T06:15:00Z',
    });
    expect(feed.items[1]?.description).toBe('Lead <p>para</p> tail');
  });

  it('takes the first of a repeated field, and ignores titles of nested elements such as <image>', () => {
    const feed = fast(rss('<item><title>First</title><title>Second</title><link>https://wire.example/1</link></item>', '<image><title>Logo</title><url>https://wire.example/logo.png</url></image><title>Wire</title>'));
    expect(feed.title).toBe('Wire');
    expect(feed.items[0]?.title).toBe('First');
  });

  it('keeps at most maxItems items, yet still refuses a document broken after them', () => {
    const items = Array.from({ length: 5 }, (_, i) => `<item><title>Item ${i}</title><link>https://wire.example/${i}</link></item>`).join('');
    expect(fast(rss(items), 3).items.map((item) => item.title)).toEqual(['Item 0', 'Item 1', 'Item 2']);
    expect(readFeedFast(rss(items).replace('<title>Item 4</title>', '<title>Item 4'), 3)).toBeNull();
  });
});

describe('fast feed reader: Atom and RDF', () => {
  it('Atom: the rel="alternate" link over the first, else the first; xml:lang; id, summary, content, dates', () => {
    const feed = fast(`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ja"><title type="text">Gazette</title>
      <link rel="self" href="https://gazette.example/feed.atom"/><link rel="alternate" href="https://gazette.example/"/>
      <entry><title type="html">A &lt;em&gt;b&lt;/em&gt;</title><link rel="enclosure" href="https://gazette.example/a.jpg"/><link rel="alternate" href="https://gazette.example/a"/>
        <id>tag:gazette.example,2026:a</id><published>2026-02-03T08:00:00+09:00</published><updated>2026-02-03T09:00:00+09:00</updated>
        <summary>Short</summary><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Long</p></div></content></entry>
      <entry><title>B</title><link rel="related" href="https://gazette.example/b"/><id>tag:gazette.example,2026:b</id></entry></feed>`);
    expect(feed).toMatchObject({ title: 'Gazette', link: 'https://gazette.example/', xmlLang: 'ja' });
    expect(feed.items[0]).toEqual({
      title: 'A <em>b</em>',
      link: 'https://gazette.example/a',
      id: 'tag:gazette.example,2026:a',
      published: '2026-02-03T08:00:00+09:00',
      updated: '2026-02-03T09:00:00+09:00',
      summary: 'Short',
      content: '<div><p>Long</p></div>',
    });
    expect(feed.items[1]?.link).toBe('https://gazette.example/b');
  });

  it('RDF: items are children of the root; channel fields come from the channel', () => {
    const feed = fast(fixture('rdf.xml').trimStart());
    expect(feed).toMatchObject({ title: 'Strait Post', 'dc:language': 'zh-TW' });
    expect(feed.items.map((item) => item['dc:date'])).toEqual(['2026-01-28T03:00:00+08:00', '2026-01-27T21:00:00+08:00']);
  });
});

describe('fast feed reader: what it leaves to rss-parser', () => {
  it('an HTML entity that XML does not define: the fast path declines, rss-parser reads it as before', async () => {
    const xml = rss('<item><title>Japan&nbsp;talks</title><link>https://wire.example/1</link></item>');
    expect(readFeedFast(xml, 1000)).toBeNull();
    expect((await parseFeedXml(xml, 'https://wire.example/feed')).items[0]?.title).toBe('Japan\u00a0talks');
  });

  it('a control character in text: declined by the fast path, read by rss-parser', async () => {
    const xml = rss('<item><title>Bell\u0007 here</title><link>https://wire.example/1</link></item>');
    expect(readFeedFast(xml, 1000)).toBeNull();
    expect((await parseFeedXml(xml, 'https://wire.example/feed')).items[0]?.title).toBe('Bell\u0007 here');
  });

  it('a root that is no feed: declined, then refused with the usual reason', async () => {
    expect(readFeedFast('<note><to>x</to></note>', 1000)).toBeNull();
    await expect(parseFeedXml('<note><to>x</to></note>', 'https://e.example/f')).rejects.toThrow('XML is well-formed but is not RSS, Atom or RDF');
  });

  it('malformed documents one after another each fail naming the feed and the line', async () => {
    for (const feed of ['https://a.example/feed', 'https://b.example/feed']) {
      const error = await parseFeedXml(rss('<item><title>Open\n</item>'), feed).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FeedError);
      expect((error as FeedError).message).toContain(feed);
      expect((error as FeedError).reason).toMatch(/^malformed XML at line 3, column \d+: /);
    }
  });
});
