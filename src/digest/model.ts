import type { OutletKind } from '../feeds/outlets.js';

/**
 * The platform-neutral model of what newsbot posts. Chat adapters render it (Slack Block Kit,
 * Discord embeds, console text); nothing here knows a platform.
 */

/** One outlet's report within a story. */
export interface SourceRef {
  /** Outlet name as shown to users ("Kyodo News"). */
  name: string;
  /**
   * The outlet's key (stories/outlet.ts), as the story counts its sources: "Kyodo News" and "Kyodo
   * News (Politics)" share "kyodo news". Absent in messages queued before it was carried.
   */
  sourceKey?: string;
  link: string | null;
  /** When this report appeared (ms since epoch). */
  time: number;
  /** Who the outlet is, when the feed is labelled in the config (absent in messages queued before). */
  outlet?: { country: string | null; kind: OutletKind } | null;
}

/** Terms that made the story relevant, for "what matched". */
export interface MatchedTerms {
  /** Side label ("Japan") → terms as written in the item ("Takaichi", "Tokyo"). */
  sides: Record<string, string[]>;
  context: string[];
  /** A short excerpt of the headline or summary around the first context or side term, if any. */
  excerpt: string | null;
}

export interface StoryCard {
  storyId: string;
  headline: string;
  /** Link of the best source (the headline's). */
  link: string | null;
  /** One or two sentences from the most complete source (extractive). */
  summary: string;
  /** All sources, in time order. */
  sources: SourceRef[];
  firstSeen: number;
  /** When newsbot first saw the story (its first report arrived): delivery latency counts from here. */
  detectedAt?: number;
  lastUpdated: number;
  score: number;
  matched: MatchedTerms;
  /** Where the story is followed in chat (its alert's thread), for digests to link to. */
  threadUrl?: string;
}

/** A new story, posted alone as soon as it has settled. */
export interface AlertMessage {
  kind: 'alert';
  story: StoryCard;
  /** IANA zone for times shown ("Asia/Tokyo"). */
  timeZone: string;
  /** Set when the posted alert is edited in place to show the story as it is now. */
  updatedAt?: number;
}

/** More sources for a story already posted to this channel: never a new alert. */
export interface UpdateMessage {
  kind: 'update';
  story: StoryCard;
  /** The sources added since the last post about this story. */
  newSources: SourceRef[];
  timeZone: string;
  /** Why this update is in the channel rather than in the story's thread ("the first alert was deleted"). */
  fallbackReason?: string;
}

/** A scheduled digest: the stories new or updated since the last one, ranked and capped. */
export interface DigestMessage {
  kind: 'digest';
  title: string;
  /** The window covered (ms). */
  since: number;
  until: number;
  stories: StoryCard[];
  /** Stories left out by the cap ("and N more"). */
  moreCount: number;
  timeZone: string;
}

export type ChatMessage = AlertMessage | UpdateMessage | DigestMessage;
