import { StoreError } from '../errors.js';
import type { Delivery, FeedState, OutboxEntry, Story, StoredItem, StoryThread, Subscription, SubscriptionSettings, UnprocessedItem } from './types.js';

/** A database row; PostgreSQL rows are brought to this (SQLite) shape by store/postgres/rows.ts. */
export type Row = Record<string, unknown>;

export function toFeedState(row: Row): FeedState {
  return {
    url: row.url as string,
    name: (row.name as string | null) ?? null,
    intervalMinutes: (row.interval_minutes as number | null) ?? null,
    etag: (row.etag as string | null) ?? null,
    lastModified: (row.last_modified as string | null) ?? null,
    lastSuccessAt: (row.last_success_at as number | null) ?? null,
    lastAttemptAt: (row.last_attempt_at as number | null) ?? null,
    consecutiveFailures: row.consecutive_failures as number,
    lastError: (row.last_error as string | null) ?? null,
    lastErrorCode: (row.last_error_code as string | null) ?? null,
    nextDueAt: row.next_due_at as number,
    movedTo: (row.moved_to as string | null) ?? null,
    origin: row.origin as 'config' | 'chat',
    enabled: row.enabled === 1,
  };
}

/**
 * items.pending for a feed's new items: 2 when it has never been polled successfully (a backlog),
 * else 1 (news); set to NULL once the items are matched and clustered.
 */
export function pendingMark(lastSuccessAt: unknown): 1 | 2 {
  return lastSuccessAt === null || lastSuccessAt === undefined ? 2 : 1;
}

/** A row of the unprocessed-items query: the item, its pending mark and whether it is in a story (1/0). */
export function toUnprocessedItem(row: Row): UnprocessedItem {
  return { item: toStoredItem(row), backlog: row.pending === 2, clustered: row.clustered === 1 };
}

/** An items row; `prefix` reads aliased columns of a join (e.g. "i_"). */
export function toStoredItem(row: Row, prefix = ''): StoredItem {
  const get = (name: string): unknown => row[`${prefix}${name}`];
  return {
    id: get('id') as string,
    feedId: get('feed_url') as string,
    link: (get('link') as string | null) ?? null,
    title: get('title') as string,
    summary: get('summary') as string,
    published: get('published') as number,
    publishedEstimated: get('published_estimated') === 1,
    source: get('source') as string,
    language: (get('language') as string | null) ?? null,
    firstSeen: get('first_seen') as number,
  };
}

export function toStory(row: Row): Story {
  return {
    id: row.id as string,
    topic: row.topic as string,
    headlineItemId: row.headline_item_id as string,
    firstSeen: row.first_seen as number,
    lastUpdated: row.last_updated as number,
    itemCount: row.item_count as number,
    sourceCount: row.source_count as number,
    maxScore: row.max_score as number,
  };
}

export type SettingsColumn = Omit<SubscriptionSettings, 'platform' | 'workspace' | 'channel' | 'topic' | 'mode'>;

/**
 * Why an assignment to story `storyId` of `topic` cannot be saved, given the topic the store holds
 * for that id (undefined: no such story), or null when it can. Story ids are unique across topics:
 * a second topic's "new" story under a taken id used to be dropped while its report still joined
 * the first topic's story.
 */
export function storyAssignmentRefusal(storyId: string, topic: string, storedTopic: string | undefined): StoreError | null {
  if (storedTopic === topic) return null;
  const problem = storedTopic === undefined ? 'no such story' : `that id is a story of topic "${storedTopic}"`;
  return new StoreError('store_write_failed', `cannot add a report to story ${storyId} of topic "${topic}": ${problem}`);
}

export function toSubscription(row: Row): Subscription {
  const settings = JSON.parse(row.settings as string) as Partial<SettingsColumn>;
  return {
    ...(settings as SettingsColumn),
    // Defaults for settings added after a subscription was stored.
    updates: settings.updates ?? 'thread',
    perspective: settings.perspective ?? null,
    id: row.id as number,
    platform: row.platform as Subscription['platform'],
    workspace: (row.workspace as string | null) ?? null,
    channel: row.channel as string,
    topic: row.topic as string,
    mode: row.mode as Subscription['mode'],
    origin: row.origin as Subscription['origin'],
    status: row.status as Subscription['status'],
    statusReason: (row.status_reason as string | null) ?? null,
    lastDigestAt: (row.last_digest_at as number | null) ?? null,
    createdAt: row.created_at as number,
    activeSince: (row.active_since as number | null) ?? (row.created_at as number),
  };
}

export function toOutboxEntry(row: Row): OutboxEntry {
  return {
    id: row.id as number,
    subscriptionId: row.subscription_id as number,
    storyId: (row.story_id as string | null) ?? null,
    kind: row.kind as OutboxEntry['kind'],
    payload: JSON.parse(row.payload as string) as unknown,
    dedupeKey: row.dedupe_key as string,
    notBefore: row.next_attempt_at as number,
    status: row.status as OutboxEntry['status'],
    attempts: row.attempts as number,
    partsSent: row.parts_sent as number,
    attemptedPart: (row.attempted_part as number | null) ?? null,
    messageIds: JSON.parse(row.message_ids as string) as string[],
    lastError: (row.last_error as string | null) ?? null,
    createdAt: row.created_at as number,
    sentAt: (row.sent_at as number | null) ?? null,
  };
}

export function toDelivery(row: Row): Delivery {
  return {
    subscriptionId: row.subscription_id as number,
    storyId: row.story_id as string,
    firstPostedAt: row.first_posted_at as number,
    lastPostedAt: row.last_posted_at as number,
    postedItemIds: JSON.parse(row.posted_item_ids as string) as string[],
    thread: typeof row.thread === 'string' ? (JSON.parse(row.thread) as StoryThread) : null,
  };
}

/** The settings column: everything of a subscription's settings but its identity. */
export function settingsColumn(settings: SubscriptionSettings): string {
  const { platform: _p, workspace: _w, channel: _c, topic: _t, mode: _m, ...rest } = settings;
  return JSON.stringify(rest satisfies SettingsColumn);
}

/**
 * The first thread of each story that readers of `scope` can open: one in the same channel, or of a
 * subscription in the same workspace or guild (config subscriptions without one count as the
 * operator's own). Never another workspace's: its link would not open, and would tell where
 * someone else follows the story. Rows come oldest first.
 */
export function pickThreadUrls(rows: Row[], scope: { workspace: string | null; channel: string }): Map<string, string> {
  const urls = new Map<string, string>();
  for (const row of rows) {
    const storyId = row.story_id as string;
    const reachable = row.channel === scope.channel || (row.workspace ?? null) === scope.workspace;
    if (reachable && !urls.has(storyId)) urls.set(storyId, row.url as string);
  }
  return urls;
}
