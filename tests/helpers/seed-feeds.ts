import { rss, type TestItem } from './feeds.js';
import type { TestServer } from './http-server.js';

/**
 * Four outlets' feeds on a loopback server. Their content is set per test step, as outlets
 * publish: `publish(feed, items)` replaces what the feed serves from then on.
 */
export function serveOutletFeeds(server: TestServer): { urls: Record<OutletFeed, string>; publish(feed: OutletFeed, items: TestItem[]): void } {
  const content = new Map<OutletFeed, TestItem[]>();
  for (const feed of OUTLET_FEEDS) {
    content.set(feed, []);
    server.route(`/${feed}`, (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(OUTLET_NAMES[feed], content.get(feed) ?? [])));
  }
  return {
    urls: Object.fromEntries(OUTLET_FEEDS.map((feed) => [feed, `${server.url}/${feed}`])) as Record<OutletFeed, string>,
    publish: (feed, items) => void content.set(feed, items),
  };
}

export const OUTLET_FEEDS = ['wire', 'daily', 'agence', 'fourth'] as const;
export type OutletFeed = (typeof OUTLET_FEEDS)[number];
export const OUTLET_NAMES: Record<OutletFeed, string> = { wire: 'World Desk Wire', daily: 'Harbour City Daily', agence: 'Agence Wire Asia', fourth: 'Island Broadcaster' };

const rfc822 = (time: number): string => new Date(time).toUTCString();

/** The seed event in each outlet's words (written for these tests), published around `at`. */
export function seedReports(at: number): Record<OutletFeed, TestItem> {
  return {
    wire: {
      title: 'Takaichi: Japan-US alliance would fall apart if Tokyo walked away in a Taiwan crisis',
      link: 'https://world-desk.example/takaichi-alliance',
      guid: 'wdw-1',
      pubDate: rfc822(at - 50 * 60_000),
      description: 'Prime Minister Sanae Takaichi said on a TV programme that Japan would not start military action but could join the US in evacuating Japanese and American citizens from Taiwan, acting only within the law.',
    },
    daily: {
      title: "Japan's Takaichi ties alliance credibility to Taiwan evacuation scenario",
      link: 'https://harbour-city.example/takaichi-taiwan',
      guid: 'hcd-1',
      pubDate: rfc822(at - 40 * 60_000),
      description: 'Speaking on TV Asahi days before the snap election, Takaichi said the Japan-US alliance would collapse if Japan did nothing while US forces acting with it were attacked.',
    },
    agence: {
      title: 'Japan PM says US alliance would not survive if Tokyo ignored a Taiwan conflict',
      link: 'https://agence-wire.example/japan-pm-alliance',
      guid: 'awa-1',
      pubDate: rfc822(at - 30 * 60_000),
      description: 'Takaichi said Japan and the United States might jointly evacuate their nationals from Taiwan. China has discouraged travel to Japan and curbed rare-earth exports.',
    },
    fourth: {
      title: 'Takaichi says Japan would join US evacuation from Taiwan, stresses legal limits',
      link: 'https://island-broadcaster.example/takaichi-evacuation',
      guid: 'ib-1',
      pubDate: rfc822(at - 20 * 60_000),
      description: 'The prime minister told a TV Asahi programme the Japan-US alliance would collapse if Japan stood by while US forces were attacked during a Taiwan emergency.',
    },
  };
}

/** An older, unrelated item: what each feed serves at its first poll (a backlog, never alerted). */
export function backlogItem(feed: OutletFeed, at: number): TestItem {
  return { title: `${OUTLET_NAMES[feed]} weather outlook for the week`, link: `https://${feed}.example/weather`, guid: `${feed}-weather`, pubDate: rfc822(at - 3 * 3_600_000), description: 'Mild and dry.' };
}
