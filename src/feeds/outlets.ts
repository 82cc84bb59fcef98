import type { FeedDefinition } from './types.js';

/** Who an outlet is: the kinds the issue tracker and analysts use to read a story's spread. */
export const OUTLET_KINDS = ['wire', 'public', 'state', 'private'] as const;
export type OutletKind = (typeof OUTLET_KINDS)[number];

/**
 * Facts about the outlet behind a feed, from the config (`outlet: { name, country, kind }`).
 * `country` is an ISO 3166-1 alpha-2 code (upper case); null for international wires, which are
 * shown as plain "wire".
 */
export interface OutletFacts {
  name?: string;
  country: string | null;
  kind: OutletKind;
}

/** The outlet facts of a feed by its URL; undefined for feeds nobody labelled (e.g. added from chat). */
export type OutletDirectory = (feedUrl: string) => OutletFacts | undefined;

export const NO_OUTLETS: OutletDirectory = () => undefined;

/** What a story's source shows of its outlet (country and kind), or null when the feed is unlabelled. */
export function outletLabelOf(outlets: OutletDirectory, feedUrl: string): { country: string | null; kind: OutletKind } | null {
  const outlet = outlets(feedUrl);
  return outlet ? { country: outlet.country, kind: outlet.kind } : null;
}

export function outletDirectory(feeds: readonly FeedDefinition[]): OutletDirectory {
  const byUrl = new Map<string, OutletFacts>();
  for (const feed of feeds) if (feed.outlet) byUrl.set(feed.url, feed.outlet);
  return (feedUrl) => byUrl.get(feedUrl);
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** Whether `code` is an assigned ISO 3166-1 alpha-2 code (Intl knows the region's name). */
export function isCountryCode(code: string): boolean {
  if (!/^[A-Z]{2}$/.test(code)) return false;
  const name = regionNames.of(code);
  return name !== undefined && name !== code && name !== 'Unknown Region';
}
