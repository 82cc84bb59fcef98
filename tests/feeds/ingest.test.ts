import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestFeedBody } from '../../src/feeds/ingest.js';
import { parseFeedXmlFast } from '../../src/feeds/parse.js';
import { FeedError } from '../../src/errors.js';

const NOW = Date.UTC(2026, 1, 3, 12, 0, 0);
const fixture = (name: string): Buffer => readFileSync(new URL(`./testdata/${name}`, import.meta.url));
const ingest = (name: string, contentType: string | null = null) => ingestFeedBody(fixture(name), contentType, { feedId: `https://feeds.example/${name}`, now: NOW });

describe('parse and normalize', () => {
  it('RSS 2.0: canonical links, plain text, dates, guid ids, language', async () => {
    const items = await ingest('rss2.xml');
    expect(items).toHaveLength(3);
    const [first, second, undated] = items;
    expect(first).toMatchObject({
      id: 'https://feeds.example/rss2.xml#hw-20260203-001',
      link: 'https://harbour-wire.example/asia/coast-guard',
      title: 'Coast guard ships enter waters near disputed islands',
      summary: 'Four vessels stayed in the area for three hours, officials said & protested.',
      published: Date.UTC(2026, 1, 3, 6, 15),
      publishedEstimated: false,
      source: 'Harbour Wire',
      language: 'en',
    });
    expect(second?.id).toBe('https://harbour-wire.example/asia/export-curbs');
    expect(undated).toMatchObject({ published: NOW, publishedEstimated: true });
  });

  it('Atom 1.0: entries with tag: ids, HTML titles and content', async () => {
    const items = await ingest('atom.xml');
    expect(items.map((i) => i.id)).toEqual(['tag:island-gazette.example,2026:drills-0203', 'tag:island-gazette.example,2026:second']);
    expect(items[0]).toMatchObject({ title: 'Drills reported east of the strait', source: 'Island Gazette', language: 'en', published: Date.UTC(2026, 1, 3, 0, 0) });
    expect(items[1]?.summary).toBe('Body of the second entry.');
  });

  it('RDF / RSS 1.0: dc:date and dc:language', async () => {
    const items = await ingest('rdf.xml');
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({ title: 'Envoy summoned over remarks', published: Date.UTC(2026, 0, 27, 19, 0), language: 'zh-tw', source: 'Strait Post' });
  });

  it.each([
    ['shift_jis.xml', '尖閣周辺に中国海警局の船 ４隻が航行', '東京テスト新聞'],
    ['gbk.xml', '台湾海峡局势引发关注', '华夏测试报'],
    ['big5.xml', '臺灣與日本舉行海巡交流', '臺灣測試報'],
  ])('%s is decoded by its XML prolog to the right characters', async (file, title, source) => {
    const items = await ingest(file);
    expect(items[0]?.title).toBe(title);
    expect(items[0]?.source).toBe(source);
  });

  it('UTF-16 with a byte-order mark is decoded', async () => {
    const items = await ingest('utf16.xml');
    expect(items[0]?.title).toBe('Coast guard ships enter waters near disputed islands');
  });

  it('the HTTP charset wins over the prolog, as in browsers', async () => {
    const body = Buffer.from('<?xml version="1.0" encoding="Shift_JIS"?><rss version="2.0"><channel><title>t</title><item><title>日本</title><link>https://x.example/1</link></item></channel></rss>', 'utf8');
    const items = await ingestFeedBody(body, 'application/rss+xml; charset=utf-8', { feedId: 'https://x.example/f', now: NOW });
    expect(items[0]?.title).toBe('日本');
  });

  it('a UTF-8 feed with one character cut in half keeps its text, though its old prolog names Shift_JIS', async () => {
    const text = '<?xml version="1.0" encoding="Shift_JIS"?><rss version="2.0"><channel><title>t</title><item><title>國台辦：日本應停止挑釁</title><link>https://x.example/1</link><description>中國海警</description></item></channel></rss>';
    const utf8 = Buffer.from(text, 'utf8');
    const cut = utf8.indexOf(Buffer.from('</description>'));
    const body = Buffer.concat([utf8.subarray(0, cut), Buffer.from([0xe8, 0xad]), utf8.subarray(cut)]); // half of a character
    const items = await ingestFeedBody(body, 'application/rss+xml; charset=UTF-8', { feedId: 'https://x.example/f', now: NOW });
    expect(items[0]?.title).toBe('國台辦：日本應停止挑釁');
  });

  it('a Shift_JIS feed served as UTF-8 is still read by its prolog', async () => {
    const body = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="Shift_JIS"?><rss version="2.0"><channel><title>t</title><item><title>'), Buffer.from([0x93, 0xfa, 0x96, 0x7b]), Buffer.from('</title><link>https://x.example/1</link></item></channel></rss>')]);
    const items = await ingestFeedBody(body, 'application/rss+xml; charset=UTF-8', { feedId: 'https://x.example/f', now: NOW });
    expect(items[0]?.title).toBe('日本');
  });

  it.each([
    ['truncated.xml', 'feed_malformed', /malformed XML at line \d+, column \d+: Unclosed root tag/],
    ['html-page.html', 'feed_not_a_feed', /HTML page, not a feed/],
  ])('GIVEN %s THEN it fails with %s naming the feed', async (file, code, reason) => {
    const error = await ingest(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FeedError);
    expect((error as FeedError).code).toBe(code);
    expect((error as FeedError).reason).toMatch(reason);
    expect((error as FeedError).message).toContain(`https://feeds.example/${file}`);
  });

  it('GIVEN an empty body THEN it fails with feed_empty', async () => {
    const error = await ingestFeedBody(Buffer.from('  \n'), null, { feedId: 'https://e.example/f', now: NOW }).catch((e: unknown) => e);
    expect((error as FeedError).code).toBe('feed_empty');
  });

  it('GIVEN well-formed XML that is no feed THEN it says so', async () => {
    const error = await ingestFeedBody(Buffer.from('<?xml version="1.0"?><note><to>x</to></note>'), null, { feedId: 'https://e.example/f', now: NOW }).catch((e: unknown) => e);
    expect((error as FeedError).code).toBe('feed_malformed');
    expect((error as FeedError).reason).toBe('XML is well-formed but is not RSS, Atom or RDF');
  });
});

describe('items as feeds really write them', () => {
  const rss = (items: string, channel = '<title>Strait Desk</title><link>https://strait-desk.example/</link>'): Buffer =>
    Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>${channel}${items}</channel></rss>`);
  const ingestBody = (body: Buffer, feedId = 'https://strait-desk.example/rss') => ingestFeedBody(body, null, { feedId, now: NOW });

  it('a document only the lenient parser reads (an HTML entity), with markup inside a description, gives its text instead of failing the feed', async () => {
    const items = await ingestBody(rss('<item><title>Transit&nbsp;report</title><link>https://strait-desk.example/a</link><description><p>Destroyer <b>transits</b> the Taiwan Strait</p></description></item>'));
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ title: 'Transit report', link: 'https://strait-desk.example/a' });
    expect(items[0]!.summary).toMatch(/Destroyer\s+transits\s+the Taiwan Strait|Destroyer\s+the Taiwan Strait\s+transits/);
  });

  it('an item with only a description is kept, titled from it; a web-address guid links an item without <link>', async () => {
    const items = await ingestBody(
      rss(
        '<item><description>中国海警船进入钓鱼岛领海</description><pubDate>Tue, 03 Feb 2026 09:00:00 +0800</pubDate></item>' +
          '<item><title>Guid only</title><guid>https://strait-desk.example/g/1</guid></item>',
      ),
    );
    expect(items.map((i) => [i.title, i.link])).toEqual([
      ['中国海警船进入钓鱼岛领海', null],
      ['Guid only', 'https://strait-desk.example/g/1'],
    ]);
  });

  it('an empty description or pubDate does not hide the content or dc:date after it', async () => {
    const [item] = await ingestBody(
      rss('<item><title>Coast guard</title><link>https://strait-desk.example/c</link><description></description><content:encoded><![CDATA[<p>Ships near the Senkakus.</p>]]></content:encoded><pubDate></pubDate><dc:date>2026-02-03T10:00:00+09:00</dc:date></item>'),
    );
    expect(item).toMatchObject({ summary: 'Ships near the Senkakus.', published: Date.UTC(2026, 1, 3, 1, 0), publishedEstimated: false });
  });

  it('reads ISO-2022-JP (which iconv-lite lacks) through the WHATWG decoder, and still names an encoding nobody knows', async () => {
    // 日本 and 台湾 in JIS X 0208, between the escapes into and out of it.
    const jis = (bytes: number[]): Buffer => Buffer.from([0x1b, 0x24, 0x42, ...bytes, 0x1b, 0x28, 0x42]);
    const body = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="ISO-2022-JP"?><rss version="2.0"><channel><title>t</title><item><title>'),
      jis([0x46, 0x7c, 0x4b, 0x5c]),
      Buffer.from(' / '),
      jis([0x42, 0x66, 0x4f, 0x51]),
      Buffer.from('</title><link>https://x.example/1</link></item></channel></rss>'),
    ]);
    const [item] = await ingestFeedBody(body, 'application/rss+xml', { feedId: 'https://x.example/feed', now: Date.UTC(2026, 10, 25) });
    expect(item?.title).toBe('日本 / 台湾');
    const unknown = Buffer.from('<?xml version="1.0" encoding="x-klingon"?><rss version="2.0"><channel><title>t</title></channel></rss>');
    await expect(ingestFeedBody(unknown, null, { feedId: 'https://x.example/feed', now: 0 })).rejects.toThrow(/unsupported character encoding "x-klingon"/);
  });

  it('an Atom link without rel is the article, not an earlier comments link; x-euc-jp is EUC-JP', async () => {
    const atom = Buffer.from(
      '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Tokyo Desk</title><entry><title>Yonaguni</title><id>tag:tokyo-desk.example,2026:1</id>' +
        '<link rel="replies" href="https://tokyo-desk.example/comments/1"/><link href="https://tokyo-desk.example/article/1"/><updated>2026-02-03T01:00:00Z</updated></entry></feed>',
    );
    expect((await ingestBody(atom))[0]!.link).toBe('https://tokyo-desk.example/article/1');
    const eucJp = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="x-euc-jp"?><rss version="2.0"><channel><title>t</title><item><title>'), Buffer.from([0xc6, 0xfc, 0xcb, 0xdc]), Buffer.from('</title><link>https://x.example/1</link></item></channel></rss>')]);
    expect((await ingestBody(eucJp))[0]!.title).toBe('日本');
  });

  it('relative item links resolve against a relative channel link, itself against the feed address', async () => {
    const items = await ingestBody(rss('<item><title>Drills</title><link>/article/1</link></item>', '<title>Desk</title><link>/</link>'), 'https://strait-desk.example/feeds/rss.xml');
    expect(items[0]!.link).toBe('https://strait-desk.example/article/1');
  });

  it('Atom links resolve against xml:base, the entry\'s before the feed\'s', async () => {
    const atom = Buffer.from(
      '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://news.example.jp/world/"><title>Desk</title>' +
        '<entry xml:base="https://news.example.jp/asia/"><title>Two</title><id>tag:news.example.jp,2026:2</id><link rel="alternate" href="2026/01/20/2.html"/><updated>2026-01-20T01:00:00Z</updated></entry>' +
        '<entry><title>One</title><id>tag:news.example.jp,2026:1</id><link href="2026/01/20/1.html"/><updated>2026-01-20T00:00:00Z</updated></entry></feed>',
    );
    expect((await ingestBody(atom, 'https://feeds.example.jp/atom')).map((i) => i.link)).toEqual([
      'https://news.example.jp/asia/2026/01/20/2.html',
      'https://news.example.jp/world/2026/01/20/1.html',
    ]);
  });

  it('a document only the lenient parser reads (an HTML entity) resolves Atom links against xml:base too: the link\'s, the entry\'s, then the feed\'s', async () => {
    const entry = (attributes: string, title: string, link: string) =>
      `<entry${attributes}><title>${title}</title><id>tag:lantern-post.example,2026:${title}</id>${link}<updated>2026-02-03T01:00:00Z</updated></entry>`;
    const atom = Buffer.from(
      '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://lantern-post.example/world/"><title>Lantern&nbsp;Post</title>' +
        entry(' xml:base="https://lantern-post.example/asia/"', 'ferry', '<link rel="alternate" href="ferry-talks.html"/>') +
        entry(' xml:base="harbour/"', 'lights', '<link rel="alternate" href="lights.html"/>') +
        entry('', 'summit', '<link href="summit.html"/>') +
        entry(' xml:base="harbour/"', 'tide', '<link rel="alternate" xml:base="/tides/" href="spring.html"/>') +
        '</feed>',
    );
    const feedId = 'https://feeds.lantern-post.example/atom.xml';
    expect(parseFeedXmlFast(atom.toString('utf8'), feedId)).toBeNull(); // so rss-parser reads it
    expect((await ingestBody(atom, feedId)).map((i) => i.link)).toEqual([
      'https://lantern-post.example/asia/ferry-talks.html',
      'https://lantern-post.example/world/harbour/lights.html',
      'https://lantern-post.example/world/summit.html',
      'https://lantern-post.example/tides/spring.html',
    ]);
  });

  it('after a redirect, relative item links resolve against where the feed was read from', async () => {
    const body = rss('<item><title>Drills</title><link>article-1.html</link></item>', '<title>Desk</title>');
    const items = await ingestFeedBody(body, null, { feedId: 'https://desk.example/old/feed.xml', finalUrl: 'https://desk.example/new/sub/feed.xml', now: NOW });
    expect(items[0]!.link).toBe('https://desk.example/new/sub/article-1.html');
  });

  it('two feeds of one host numbering their items alike keep both articles apart', async () => {
    const item = (title: string) => `<item><title>${title}</title><guid isPermaLink="false">1001</guid></item>`;
    const [a] = await ingestBody(rss(item('Kinmen boarding')), 'https://rsshub.example/outlet-a/rss');
    const [b] = await ingestBody(rss(item('Yonaguni missiles')), 'https://rsshub.example/outlet-b/rss');
    expect(a!.id).not.toBe(b!.id);
  });
});
