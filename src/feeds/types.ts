import type { OutletFacts } from './outlets.js';

/** A feed as configured by an operator or added by a chat user. */
export interface FeedDefinition {
  /** The feed's URL (http, https or file). Also its stable key in the store. */
  url: string;
  /** Outlet name shown to users; falls back to the feed's own title, then its host. */
  name?: string;
  /** Minutes between polls of this feed; the global default applies when absent. */
  intervalMinutes?: number;
  /** Who the outlet is (country, public/state/private/wire), for a story's perspective line. */
  outlet?: OutletFacts;
}

/** One news item after parsing and normalization: the unit every later stage works on. */
export interface NormalizedItem {
  /** Stable id: the guid, else the canonical link, else a hash of source, title and date. */
  id: string;
  /** The feed it came from (the feed URL). */
  feedId: string;
  /** Canonical link: tracking parameters and fragment removed. Null when the item has none. */
  link: string | null;
  title: string;
  summary: string;
  /** Publication time (ms since epoch). */
  published: number;
  /** True when the feed gave no usable date and `published` is the time first seen, or was clamped. */
  publishedEstimated: boolean;
  /** Outlet name. */
  source: string;
  /** BCP 47 language tag when the feed declares one. */
  language: string | null;
}

/**
 * What a poll of one feed produced. `movedTo`, when present: the feed's URL redirects permanently
 * (301/308) there, so its configured URL is out of date.
 */
export type FetchResult = (
  | { kind: 'not-modified' }
  | { kind: 'body'; body: Buffer; contentType: string | null; etag: string | null; lastModified: string | null; finalUrl: string }
) & { movedTo?: string };

/** Validators remembered from the last successful fetch, sent back for a conditional GET. */
export interface FetchValidators {
  etag?: string | null;
  lastModified?: string | null;
}

/**
 * The seam between polling and the network: fetch one feed's bytes.
 * Implementations throw `FeedError` with a code on failure.
 */
export interface FeedFetcher {
  /**
   * `untrusted` is for feeds a chat user added: they may not reach loopback, private, link-local
   * or metadata addresses (checked on the resolved address, after redirects too).
   */
  fetch(url: string, validators: FetchValidators, signal?: AbortSignal, access?: 'operator' | 'untrusted'): Promise<FetchResult>;
}
