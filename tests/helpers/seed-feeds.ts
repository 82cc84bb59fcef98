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

/** Twenty-five different Japan–China–Taiwan events (title, summary), for tests that need many stories. */
export const DISTINCT_EVENTS: Array<[string, string]> = [
  ['Chinese coast guard ships enter Senkaku territorial waters', 'Four China Coast Guard vessels stayed two hours; Tokyo lodged a protest.'],
  ['PLA launches live-fire drills east of Taiwan', 'The Eastern Theater Command closed six zones; Taipei scrambled jets.'],
  ['Beijing summons Japanese ambassador Kanasugi over Diet remarks', 'Vice minister Sun Weidong demanded a retraction.'],
  ['Japan deploys surface-to-air missiles on Yonaguni', 'Defence minister Koizumi said the unit would be ready by March.'],
  ['China restricts gallium and germanium exports to Japanese buyers', 'The commerce ministry listed twelve companies.'],
  ['Chinese court sentences Astellas employee for espionage', 'Tokyo called the three-and-a-half-year term unacceptable.'],
  ['Taiwan president Lai meets Japanese lawmakers in Taipei', 'The delegation of eight discussed semiconductor supply chains.'],
  ['Two Chinese aircraft carriers sail beyond the second island chain', 'The Liaoning and Shandong operated near Minamitorishima.'],
  ['China halts imports of Japanese scallops again', 'Customs cited missing documents for Hokkaido shipments.'],
  ['Chinese drone flies between Yonaguni and Taiwan', 'The ASDF scrambled fighters over the East China Sea.'],
  ['Japanese schoolboy stabbed in Shenzhen dies', 'Beijing called it an isolated case; Tokyo asked for safety measures.'],
  ['Kinmen coast guard boards Chinese fishing boat', 'Taiwan Coast Guard Administration said the crew of five was detained.'],
  ['China tells students to reconsider studying in Japan', 'The education ministry cited recent attacks on Chinese nationals.'],
  ['Japan and Taiwan hold maritime rescue exercise off Okinawa', 'Coast guard cutters from both sides joined for the first time.'],
  ['Chinese consul general in Osaka deletes post on Takaichi', 'Tokyo demanded an explanation over the remark.'],
  ['PLA aircraft cross the Taiwan Strait median line, 45 sorties', 'Taiwan defence ministry tracked J-16 fighters and H-6 bombers.'],
  ['China suspends visa-free entry for Japanese travellers', 'The foreign ministry said the pause starts on Monday.'],
  ['Japanese destroyer transits the Taiwan Strait', 'The Akizuki sailed north with an Australian frigate.'],
  ['Beijing sanctions former Japanese defence chief over Taipei visit', 'The measures freeze assets held in China.'],
  ['Chinese research ship surveys inside Japan EEZ near Okinotori', 'The Japan Coast Guard warned it by radio.'],
  ['Taiwan bans Chinese ride-hailing app over data concerns', 'The Mainland Affairs Council cited national security.'],
  ['Japan protests Chinese buoy placed near Senkaku Islands', 'The buoy sits inside Japan exclusive economic zone.'],
  ['China cancels flights to Japan as travel advisory bites', 'Air China and China Eastern cut forty routes.'],
  ['Japan prime minister calls Xi for talks on rare earths', 'The call lasted thirty minutes, Kyodo reported.'],
  ['Chinese fighter locks radar on Japanese patrol plane', 'The incident over the Pacific lasted three minutes.'],
];

/**
 * One report of each of DISTINCT_EVENTS from `feed`, each published at the time `tick` moves the
 * app's clock to and polled then: days apart, so that none joins another's story.
 */
export async function publishEventsApart(
  publish: (feed: OutletFeed, items: TestItem[]) => void,
  feed: OutletFeed,
  tick: () => number,
  poll: () => Promise<unknown>,
): Promise<void> {
  for (const [index, [title, description]] of DISTINCT_EVENTS.entries()) {
    publish(feed, [{ title, description, link: `https://${feed}.example/event-${index}`, guid: `${feed}-event-${index}`, pubDate: rfc822(tick()) }]);
    await poll();
  }
}
