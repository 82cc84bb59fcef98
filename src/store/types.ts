import type { FeedDefinition, NormalizedItem } from '../feeds/types.js';
import type { MatchResult } from '../match/types.js';

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
  /** Where the feed's URL redirected permanently (301/308) at its last successful poll, else null. */
  movedTo: string | null;
  /** Where the feed came from: the config file, or a chat user's `/news feed add`. */
  origin: 'config' | 'chat';
  enabled: boolean;
}

export interface FeedSuccess {
  at: number;
  etag: string | null;
  lastModified: string | null;
  nextDueAt: number;
  /** Where the feed's URL redirected permanently (301/308) in this poll; absent or null when it did not. */
  movedTo?: string | null;
}

/** One successful poll to record: the feed, its new validators and due time, its parsed items. */
export interface FeedPollRecord {
  url: string;
  success: FeedSuccess;
  items: NormalizedItem[];
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

/** The matcher's verdict on one item for one topic, kept so users can ask why. */
export interface ItemMatch {
  itemId: string;
  result: MatchResult;
}

/** A story: one event, reported by one or more outlets. */
export interface Story {
  id: string;
  topic: string;
  /** The item whose title is the story's headline: its earliest report (by event time), also when it joined last. */
  headlineItemId: string;
  firstSeen: number;
  lastUpdated: number;
  itemCount: number;
  /** Distinct outlets: one outlet's two feeds count once. */
  sourceCount: number;
  maxScore: number;
}

export interface StoryMember {
  item: StoredItem;
  /** Outlet key (see stories/outlet.ts). */
  sourceKey: string;
  /** The time clustering used for this report. */
  eventTime: number;
  addedAt: number;
}

export interface StoryWithMembers extends Story {
  headline: StoredItem;
  /** Members in the order they joined. */
  members: StoryMember[];
}

/** One item joining a story (created when `created`). */
export interface StoryAssignment {
  storyId: string;
  created: boolean;
  topic: string;
  /** The item joining the story (its id only: the item itself is stored already). */
  itemId: string;
  sourceKey: string;
  eventTime: number;
  score: number;
  /** From a feed's first poll: a backlog, never alerted. */
  backlog: boolean;
  /** When the item was added (ms). */
  at: number;
}

/** A stored item not yet matched and clustered (see Store.unprocessedItems). */
export interface UnprocessedItem {
  item: StoredItem;
  /** From a feed's first poll: a backlog, never alerted. */
  backlog: boolean;
  clustered: boolean;
}

export type Platform = 'slack' | 'discord' | 'console';

/** What a subscription asks for: where, which topic, and how to deliver. */
export interface SubscriptionSettings {
  platform: Platform;
  /** Slack team id or Discord guild id, when known. */
  workspace: string | null;
  channel: string;
  topic: string;
  mode: 'alert' | 'digest';
  settleMs: number;
  updateEveryMs: number;
  maxAgeMs: number;
  schedule: string;
  timeZone: string;
  maxStories: number;
  postEmpty: boolean;
  minScore: number | null;
  /** alert: later sources go to a thread under the first alert, to the channel, or nowhere. */
  updates: 'thread' | 'channel' | 'off';
  /** Only stories with a report from this perspective token ("cn-state"); null: all. Alerts wait for one. */
  perspective: string | null;
}

export interface Subscription extends SubscriptionSettings {
  id: number;
  origin: 'config' | 'chat';
  /** failing: a permanent delivery error (channel gone, bot removed); see statusReason. */
  status: 'active' | 'paused' | 'failing';
  statusReason: string | null;
  lastDigestAt: number | null;
  createdAt: number;
  /**
   * When the subscription's current mode and schedule took effect, or it was last resumed from a
   * pause (subscription-restart.ts): alerts cover stories first seen since then, and a digest's
   * schedule counts from then.
   */
  activeSince: number;
}

/** A story already posted to a subscription's channel, and which reports that post covered. */
export interface Delivery {
  subscriptionId: number;
  storyId: string;
  firstPostedAt: number;
  lastPostedAt: number;
  postedItemIds: string[];
  /** Where the story is followed in the channel, once its alert was sent (null before, or without threads). */
  thread?: StoryThread | null;
}

/**
 * A story's place in a channel: the message its updates hang under. Slack: the alert's `ts` (replies
 * carry it as `thread_ts`). Discord: the alert's message id, which is also the id of the thread
 * started from it (or of the forum post the alert opened).
 */
export interface StoryThread {
  anchorId: string;
  /** Discord: the thread exists (started from the alert, or the alert is a forum post). Slack: always. */
  started: boolean;
  /** A link to the thread, for digests; null when the platform could not give one. */
  url: string | null;
}

export type OutboxKind = 'alert' | 'update' | 'digest';

/** A message to send, written before it is sent, so a crash cannot lose it. */
export interface OutboxInsert {
  subscriptionId: number;
  storyId: string | null;
  kind: OutboxKind;
  /** The platform-neutral message (digest/model.ts), rendered when sent. */
  payload: unknown;
  /** One row per key: a story is never queued twice as new for one subscription. */
  dedupeKey: string;
  notBefore: number;
}

export interface OutboxEntry extends OutboxInsert {
  id: number;
  status: 'pending' | 'sent';
  attempts: number;
  /** Parts of a split message already sent (a retry continues after them). */
  partsSent: number;
  /** A part whose send started but was never recorded (the process stopped): look before re-sending. */
  attemptedPart: number | null;
  messageIds: string[];
  lastError: string | null;
  createdAt: number;
  sentAt: number | null;
}

/** Everything one planning pass decides, written in one transaction. */
export interface DeliveryPlan {
  outbox: OutboxInsert[];
  deliveries: Delivery[];
  digestsDone: Array<{ subscriptionId: number; at: number }>;
}

/** Subscriptions, the outbox and delivery bookkeeping. */
export interface DeliveryStore {
  /** Upsert config-declared subscriptions by (platform, channel, topic); drop config ones no longer listed. */
  syncConfiguredSubscriptions(subscriptions: SubscriptionSettings[], now: number): Promise<void>;
  listSubscriptions(): Promise<Subscription[]>;
  getSubscription(id: number): Promise<Subscription | null>;
  /** With `activeSince`, the subscription's deliveries also start over then (a resume after a pause). */
  setSubscriptionStatus(id: number, status: Subscription['status'], reason: string | null, activeSince?: number): Promise<void>;
  /** Create or change a subscription made in chat (one per platform, channel and topic). */
  upsertChatSubscription(settings: SubscriptionSettings, now: number): Promise<{ subscription: Subscription; created: boolean }>;
  /** Remove a channel's subscription to a topic; false when there was none. */
  removeSubscription(platform: Platform, channel: string, topic: string): Promise<boolean>;
  channelSubscriptions(platform: Platform, channel: string): Promise<Subscription[]>;
  /** Pause every subscription of a channel (or of a whole workspace/guild), with the reason. */
  pauseSubscriptionsWhere(where: { platform: Platform; channel?: string; workspace?: string }, reason: string): Promise<number>;
  /** Settled, fresh, non-backlog stories of the subscription's topic not yet posted to it. */
  storiesAwaitingAlert(subscription: Subscription, now: number): Promise<StoryWithMembers[]>;
  /** Stories posted to the subscription that have gained reports since, with that delivery. */
  storiesWithNewReports(subscription: Subscription): Promise<Array<{ delivery: Delivery; story: StoryWithMembers }>>;
  /** Stories of a topic created or updated in (since, until]. */
  storiesUpdatedBetween(topic: string, since: number, until: number): Promise<StoryWithMembers[]>;
  /** Write a planning pass atomically; outbox rows whose key exists are skipped. Returns rows added. */
  savePlan(plan: DeliveryPlan, now: number): Promise<number>;
  /** Pending messages due at `now` for active subscriptions, oldest first. */
  dueOutbox(now: number, limit: number): Promise<OutboxEntry[]>;
  /** As dueOutbox, but each message goes to one caller only, leased for `leaseMs`. */
  claimDueOutbox(now: number, leaseMs: number, limit: number): Promise<OutboxEntry[]>;
  /**
   * Run `work` while no other process clusters (one story per event across replicas). `work` is told
   * whether other processes write to this store (PostgreSQL replicas): only then can stories have
   * changed since it last looked. A SQLite file has one process.
   */
  withClusterLock<T>(work: (sharedWithOtherProcesses: boolean) => Promise<T>): Promise<T>;
  /**
   * Try to become the one process holding `role` (e.g. the Discord gateway). Held until the process
   * or its connection ends. SQLite: always true (one process per file).
   */
  tryHoldRole(role: string): Promise<boolean>;
  listOutbox(): Promise<OutboxEntry[]>;
  /** The delivery of a story to a subscription, with its thread. */
  getDelivery(subscriptionId: number, storyId: string): Promise<Delivery | null>;
  /** Record (or, with null, forget) where a posted story is followed in its channel. */
  setStoryThread(subscriptionId: number, storyId: string, thread: StoryThread | null): Promise<void>;
  /** Links to the threads of these stories that readers of a channel can open (see rows.ts pickThreadUrls). */
  storyThreadUrls(platform: Platform, scope: { workspace: string | null; channel: string }, storyIds: string[]): Promise<Map<string, string>>;
  /** Record that sending part `part` starts now (before the request). */
  markPartAttempt(id: number, part: number): Promise<void>;
  markPartSent(id: number, partsSent: number, messageId: string): Promise<void>;
  markSent(id: number, at: number): Promise<void>;
  markRetry(id: number, nextAttemptAt: number, error: string): Promise<void>;
}

/**
 * The persistence seam. Every implementation (SQLite, PostgreSQL) passes the same contract suite
 * in tests/store/contract.ts. Writes of one feed's results are atomic.
 */
export interface Store extends DeliveryStore {
  /** Make sure each configured feed has a row; existing state is kept, name/interval updated. */
  syncConfiguredFeeds(feeds: FeedDefinition[], now: number): Promise<void>;
  listFeeds(): Promise<FeedState[]>;
  getFeed(url: string): Promise<FeedState | null>;
  /** Enabled feeds whose next poll is due at or before `now`. */
  dueFeeds(now: number): Promise<FeedState[]>;
  /**
   * Take due feeds for this process to poll: each is returned to one caller only, and its next due
   * time moves `leaseMs` ahead, so a process that dies mid-poll leaves the feed due again later.
   */
  claimDueFeeds(now: number, leaseMs: number, limit: number): Promise<FeedState[]>;
  /**
   * Record a successful poll and store its items in one transaction. Returns only the items not
   * seen before: the same id or canonical link from any earlier poll is not new again.
   */
  recordFeedSuccess(url: string, success: FeedSuccess, items: NormalizedItem[]): Promise<StoredItem[]>;
  /**
   * recordFeedSuccess for several feeds at once, results in the same order; each feed is stored
   * whole. A poll cycle groups feeds that finish together: on SQLite they share one transaction,
   * which costs a fraction of one per feed (commit and search-index flush are per transaction).
   */
  recordFeedSuccesses(polls: readonly FeedPollRecord[]): Promise<StoredItem[][]>;
  recordFeedFailure(url: string, failure: FeedFailure): Promise<void>;
  /** Add (or re-enable) a feed from chat, due at once. */
  addFeed(feed: FeedDefinition, origin: 'config' | 'chat', now: number): Promise<void>;
  /** Stop polling a feed; its items and stories stay. False when unknown. */
  disableFeed(url: string): Promise<boolean>;
  /** Items first seen since `since`, per feed URL. */
  feedItemCounts(since: number): Promise<Map<string, number>>;
  getItem(id: string): Promise<StoredItem | null>;
  findItemByLink(link: string): Promise<StoredItem | null>;
  /** Items first seen at or after `since`, newest first. */
  recentItems(since: number, limit: number): Promise<StoredItem[]>;
  countItems(): Promise<number>;
  /** Keep match verdicts (the pipeline keeps flagged items' only: see item-processor). */
  saveMatches(topic: string, matches: ItemMatch[]): Promise<void>;
  /** A kept verdict, or null when none was kept for this item and topic. */
  getMatch(itemId: string, topic: string): Promise<MatchResult | null>;
  /** Record items joining stories, creating stories as needed; all in one transaction. */
  saveStoryAssignments(assignments: StoryAssignment[]): Promise<void>;
  /**
   * New items stored before `storedBefore` whose matching and clustering was never recorded
   * (markProcessed): the process stopped in between. Oldest first. `clustered` is true when the item
   * already joined a story (the stop came after that, before the mark).
   */
  unprocessedItems(storedBefore: number, limit: number): Promise<UnprocessedItem[]>;
  /** Record that these items were matched and clustered, their verdicts and stories saved. */
  markProcessed(itemIds: string[]): Promise<void>;
  getStory(id: string): Promise<StoryWithMembers | null>;
  /** The story an item belongs to, for a topic. */
  storyOfItem(itemId: string, topic: string): Promise<string | null>;
  /** Stories of a topic updated at or after `since`, most recently updated first. */
  recentStories(topic: string, since: number, limit: number): Promise<StoryWithMembers[]>;
  /** The largest story sequence number used so far (0 when none). */
  lastStorySequence(): Promise<number>;
  /** Full-text search over title and summary; best matches first. */
  searchItems(query: string, limit: number): Promise<SearchHit[]>;
  close(): Promise<void>;
}
