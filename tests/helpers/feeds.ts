/** Build small, valid RSS 2.0 documents for tests. */
export interface TestItem {
  title: string;
  link: string;
  guid?: string;
  pubDate?: string;
  description?: string;
}

const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function rss(title: string, items: TestItem[]): string {
  const body = items
    .map((item) =>
      [
        '<item>',
        `<title>${escapeXml(item.title)}</title>`,
        `<link>${escapeXml(item.link)}</link>`,
        item.guid ? `<guid isPermaLink="false">${escapeXml(item.guid)}</guid>` : '',
        item.pubDate ? `<pubDate>${item.pubDate}</pubDate>` : '',
        item.description ? `<description>${escapeXml(item.description)}</description>` : '',
        '</item>',
      ].join(''),
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>${escapeXml(title)}</title><link>https://example.test/</link>\n${body}\n</channel></rss>\n`;
}
