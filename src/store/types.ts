import type { FeedDefinition, NormalizedItem } from '../feeds/types.js';

/** A feed's polling state, kept across restarts. */
export interface FeedState {
  url: string;
  name: string | null;
  intervalMinutes: number | null;
  etag: string | null;
  lastModified: string | null;
  lastSuccessAt: number | null;
  lastAttemptAt: number | null;
  consecutiveFailures: number;
  lastError: string | null;
  lastErrorCode: string | null;
  nextDueAt: number;
  /** Where the feed came from: the config file, or a chat user's `/news feed add`. */
  origin: 'config' | 'chat';
  enabled: boolean;
}

export interface FeedSuccess {
  at: number;
  etag: string | null;
  lastModified: string | null;
  nextDueAt: number;
}

export interface FeedFailure {
  at: number;
  code: string;
  message: string;
  nextDueAt: number;
}

export interface StoredItem extends NormalizedItem {
  firstSeen: number;
}

export interface SearchHit {
  item: StoredItem;
  rank: number;
}

/**
 * The persistence seam. Every implementation (SQLite, PostgreSQL) passes the same contract suite
 * in tests/store/contract.ts. Writes of one feed's results are atomic.
 */
export interface Store {
  /** Make sure each configured feed has a row; existing state is kept, name/interval updated. */
  syncConfiguredFeeds(feeds: FeedDefinition[], now: number): Promise<void>;
  listFeeds(): Promise<FeedState[]>;
  getFeed(url: string): Promise<FeedState | null>;
  /** Enabled feeds whose next poll is due at or before `now`. */
  dueFeeds(now: number): Promise<FeedState[]>;
  /**
   * Record a successful poll and store its items in one transaction. Returns only the items not
   * seen before: the same id or canonical link from any earlier poll is not new again.
   */
  recordFeedSuccess(url: string, success: FeedSuccess, items: NormalizedItem[]): Promise<StoredItem[]>;
  recordFeedFailure(url: string, failure: FeedFailure): Promise<void>;
  getItem(id: string): Promise<StoredItem | null>;
  findItemByLink(link: string): Promise<StoredItem | null>;
  /** Items first seen at or after `since`, newest first. */
  recentItems(since: number, limit: number): Promise<StoredItem[]>;
  countItems(): Promise<number>;
  /** Full-text search over title and summary; best matches first. */
  searchItems(query: string, limit: number): Promise<SearchHit[]>;
  close(): Promise<void>;
}
