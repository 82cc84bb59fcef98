import type { NewsItem } from './items.js';

export interface ChannelMeta {
  title: string;
  link: string;
  selfUrl: string;
  description: string;
  language: string;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const xmlEscape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Straight quotes to typographic ones, as most CMSs publish them. */
const smartQuotes = (text: string): string =>
  text.replace(/(^|[\s(])"/g, '$1\u201c').replace(/"/g, '\u201d').replace(/'/g, '\u2019').replace(/ - /g, ' \u2014 ');

/** Typographic characters as numeric character references (`&#8217;`), a common feed habit. */
const numericRefs = (text: string): string => text.replace(/[\u2014\u2019\u201c\u201d]/g, (c) => `&#${c.charCodeAt(0)};`);

const HTML_NAMED: Record<string, string> = { '\u2019': '&rsquo;', '\u201c': '&ldquo;', '\u201d': '&rdquo;', '\u2014': '&mdash;' };
const htmlEntities = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/[\u2014\u2019\u201c\u201d]/g, (c) => HTML_NAMED[c] ?? c);

/** RFC 822 in the outlet's own zone ("Tue, 03 Mar 2026 17:05:00 +0900"). */
export function rfc822(time: number, zone: string): string {
  const offsetHours = zone === '+0900' ? 9 : zone === '+0800' ? 8 : zone === '-0500' ? -5 : 0;
  const d = new Date(time + offsetHours * 3_600_000);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${zone}`;
}

/** The item's description as its outlet writes it: entity-laden text, escaped HTML, or CDATA. */
function description(item: NewsItem): string {
  if (item.outlet.language !== 'en') return xmlEscape(item.sentences.join(''));
  const text = item.sentences.map(smartQuotes);
  const split = Math.min(2, text.length);
  switch (item.outlet.style) {
    case 'entities':
      return numericRefs(xmlEscape(text.join(' ')));
    case 'escaped-html': {
      const html = `<p>${htmlEntities(text.slice(0, split).join(' '))}</p>${split < text.length ? `<p>${htmlEntities(text.slice(split).join(' '))}</p>` : ''}`;
      return xmlEscape(html);
    }
    case 'cdata':
      return `<![CDATA[<p>${numericRefs(htmlEntities(text.join(' ')))}</p>]]>`;
  }
}

function renderItem(item: NewsItem, withSource: boolean): string {
  const title = item.outlet.style === 'entities' ? numericRefs(xmlEscape(smartQuotes(item.title))) : xmlEscape(item.title);
  const guidAttr = item.guid.startsWith('http') ? '' : ' isPermaLink="false"';
  const categories = item.categories.map((c) => `<category>${xmlEscape(c)}</category>`).join('');
  const source = withSource ? `\n      <source url="https://${item.outlet.domain}/rss">${xmlEscape(item.outlet.name)}</source>` : '';
  return `    <item>
      <title>${title}</title>
      <link>${xmlEscape(item.link)}</link>
      <guid${guidAttr}>${xmlEscape(item.guid)}</guid>
      <pubDate>${rfc822(item.published, item.outlet.zone)}</pubDate>
      <dc:creator>${xmlEscape(item.author)}</dc:creator>
      ${categories}${source}
      <description>${description(item)}</description>
    </item>
`;
}

/**
 * An RSS 2.0 document. `withSource` adds `<source>` per item, as aggregators (one feed, many
 * outlets) do.
 */
export function renderRss(channel: ChannelMeta, items: readonly NewsItem[], withSource: boolean): string {
  const newest = items.reduce((max, item) => Math.max(max, item.published), 0);
  const head = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>${xmlEscape(channel.title)}</title>
    <link>${xmlEscape(channel.link)}</link>
    <atom:link href="${xmlEscape(channel.selfUrl)}" rel="self" type="application/rss+xml"/>
    <description>${xmlEscape(channel.description)}</description>
    <language>${channel.language}</language>
    <lastBuildDate>${rfc822(newest, 'GMT')}</lastBuildDate>
    <ttl>5</ttl>
`;
  return `${head}${items.map((item) => renderItem(item, withSource)).join('')}  </channel>
</rss>
`;
}
