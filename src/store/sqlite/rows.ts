import type { FeedState, Story, StoredItem } from '../types.js';

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
    origin: row.origin as 'config' | 'chat',
    enabled: row.enabled === 1,
  };
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
