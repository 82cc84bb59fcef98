import type { FeedDefinition, NormalizedItem } from '../../feeds/types.js';
import type { FeedFailure, FeedPollRecord, FeedState, FeedSuccess, SearchHit, StoredItem, UnprocessedItem } from '../types.js';
import { pendingMark, toFeedState, toStoredItem, toUnprocessedItem } from '../rows.js';
import { parseSearchQuery, spaceCjk } from '../fts-query.js';
import type { Db } from './db.js';

export function createPostgresFeedQueries(db: Db) {
  const queries = {
    async syncConfiguredFeeds(feeds: FeedDefinition[], now: number): Promise<void> {
      await db.tx(async (t) => {
        for (const feed of feeds) {
          await t.query(
            `INSERT INTO feeds (url, name, interval_minutes, next_due_at, origin, created_at) VALUES ($1, $2, $3, $4, 'config', $4)
             ON CONFLICT (url) DO UPDATE SET name = excluded.name, interval_minutes = excluded.interval_minutes, enabled = true, origin = 'config'`,
            [feed.url, feed.name ?? null, feed.intervalMinutes ?? null, now],
          );
        }
        // A feed the config file no longer lists stops being polled and is chat's from then on (as in SQLite).
        await t.query(`UPDATE feeds SET enabled = false, origin = 'chat' WHERE origin = 'config' AND NOT (url = ANY($1::text[]))`, [feeds.map((feed) => feed.url)]);
      });
    },
    async addFeed(feed: FeedDefinition, origin: 'config' | 'chat', now: number): Promise<void> {
      await db.query(
        `INSERT INTO feeds (url, name, interval_minutes, next_due_at, origin, created_at) VALUES ($1, $2, $3, $4, $5, $4)
         ON CONFLICT (url) DO UPDATE SET enabled = true, next_due_at = LEAST(feeds.next_due_at, $4)`,
        [feed.url, feed.name ?? null, feed.intervalMinutes ?? null, now, origin],
      );
    },
    async disableFeed(url: string): Promise<boolean> {
      return (await db.query('UPDATE feeds SET enabled = false WHERE url = $1 RETURNING url', [url])).length > 0;
    },
    listFeeds: async (): Promise<FeedState[]> => (await db.query('SELECT * FROM feeds ORDER BY url')).map(toFeedState),
    getFeed: async (url: string): Promise<FeedState | null> => {
      const [row] = await db.query('SELECT * FROM feeds WHERE url = $1', [url]);
      return row ? toFeedState(row) : null;
    },
    claimDueFeeds: async (now: number, leaseMs: number, limit: number): Promise<FeedState[]> =>
      (
        await db.query(
          `UPDATE feeds SET claimed_until = $2 WHERE url IN (
             SELECT url FROM feeds WHERE enabled AND next_due_at <= $1 AND (claimed_until IS NULL OR claimed_until < $1)
             ORDER BY next_due_at, url LIMIT $3 FOR UPDATE SKIP LOCKED
           ) RETURNING *`,
          [now, now + leaseMs, limit],
        )
      ).map(toFeedState),
    dueFeeds: async (now: number): Promise<FeedState[]> => (await db.query('SELECT * FROM feeds WHERE enabled AND next_due_at <= $1 ORDER BY next_due_at, url', [now])).map(toFeedState),
    /** Feed by feed, each in its own transaction as recordFeedSuccess: PostgreSQL commits are cheap enough. */
    async recordFeedSuccesses(polls: readonly FeedPollRecord[]): Promise<StoredItem[][]> {
      const results: StoredItem[][] = [];
      for (const poll of polls) results.push(await queries.recordFeedSuccess(poll.url, poll.success, poll.items));
      return results;
    },
    async recordFeedSuccess(url: string, success: FeedSuccess, items: NormalizedItem[]): Promise<StoredItem[]> {
      return db.tx(async (t) => {
        let inserted = new Set<string>();
        if (items.length > 0) {
          // Pending until matched and clustered; a feed's first poll is a backlog (see Store.unprocessedItems).
          const [feed] = await t.query('SELECT last_success_at FROM feeds WHERE url = $1', [url]);
          const pending = pendingMark(feed?.last_success_at);
          // One statement for the whole batch; ON CONFLICT DO NOTHING covers both the id and the link.
          const rows = await t.query(
            `INSERT INTO items (id, feed_url, link, title, summary, published, published_estimated, source, language, first_seen, pending)
             SELECT *, $11::smallint FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::boolean[], $8::text[], $9::text[], $10::bigint[])
             ON CONFLICT DO NOTHING RETURNING id`,
            [
              items.map((i) => i.id),
              items.map((i) => i.feedId),
              items.map((i) => i.link),
              items.map((i) => i.title),
              items.map((i) => i.summary),
              items.map((i) => i.published),
              items.map((i) => i.publishedEstimated),
              items.map((i) => i.source),
              items.map((i) => i.language),
              items.map(() => success.at),
              pending,
            ],
          );
          inserted = new Set(rows.map((r) => r.id as string));
        }
        await t.query(
          `UPDATE feeds SET etag = $2, last_modified = $3, last_success_at = $4, last_attempt_at = $4, consecutive_failures = 0,
             last_error = NULL, last_error_code = NULL, next_due_at = $5, claimed_until = NULL, moved_to = $6 WHERE url = $1`,
          [url, success.etag, success.lastModified, success.at, success.nextDueAt, success.movedTo ?? null],
        );
        const fresh: StoredItem[] = [];
        for (const item of items) {
          if (!inserted.delete(item.id)) continue; // each inserted id once, in feed order
          fresh.push({ ...item, firstSeen: success.at });
        }
        return fresh;
      });
    },
    async recordFeedFailure(url: string, failure: FeedFailure): Promise<void> {
      await db.query(
        `UPDATE feeds SET last_attempt_at = $2, consecutive_failures = consecutive_failures + 1, last_error = $3, last_error_code = $4, next_due_at = $5, claimed_until = NULL WHERE url = $1`,
        [url, failure.at, failure.message, failure.code, failure.nextDueAt],
      );
    },
    async feedItemCounts(since: number): Promise<Map<string, number>> {
      const rows = await db.query('SELECT feed_url, COUNT(*)::int AS n FROM items WHERE first_seen >= $1 GROUP BY feed_url', [since]);
      return new Map(rows.map((r) => [r.feed_url as string, r.n as number]));
    },
    getItem: async (id: string): Promise<StoredItem | null> => {
      const [row] = await db.query('SELECT * FROM items WHERE id = $1', [id]);
      return row ? toStoredItem(row) : null;
    },
    findItemByLink: async (link: string): Promise<StoredItem | null> => {
      const [row] = await db.query('SELECT * FROM items WHERE link = $1', [link]);
      return row ? toStoredItem(row) : null;
    },
    recentItems: async (since: number, limit: number): Promise<StoredItem[]> =>
      (await db.query('SELECT * FROM items WHERE first_seen >= $1 ORDER BY first_seen DESC, published DESC LIMIT $2', [since, limit])).map((r) => toStoredItem(r)),
    unprocessedItems: async (storedBefore: number, limit: number): Promise<UnprocessedItem[]> =>
      (
        await db.query(
          `SELECT items.*, EXISTS (SELECT 1 FROM story_items WHERE story_items.item_id = items.id) AS clustered FROM items
           WHERE pending IS NOT NULL AND first_seen < $1 ORDER BY seq LIMIT $2`,
          [storedBefore, limit],
        )
        // Booleans arrive as 1/0 (db.ts toSqliteShape), as from SQLite.
      ).map(toUnprocessedItem),
    async markProcessed(itemIds: string[]): Promise<void> {
      if (itemIds.length > 0) await db.query('UPDATE items SET pending = NULL WHERE id = ANY($1::text[]) AND pending IS NOT NULL', [itemIds]);
    },
    countItems: async (): Promise<number> => ((await db.query('SELECT COUNT(*)::int AS n FROM items'))[0]?.n as number) ?? 0,
    async searchItems(query: string, limit: number): Promise<SearchHit[]> {
      // The same parsing as SQLite's FTS5 path: phrases and -exclusions; nothing acts as an operator.
      const terms = parseSearchQuery(query);
      if (terms.required.length === 0) return [];
      const params: unknown[] = [];
      const phrase = (text: string): string => `phraseto_tsquery('simple', $${params.push(spaceCjk(text))})`;
      const required = terms.required.map(phrase).join(' && ');
      const excluded = terms.excluded.map((t) => ` && !!${phrase(t)}`).join('');
      const rows = await db.query(
        `SELECT items.*, ts_rank(search, q) AS rank FROM items, (SELECT (${required}${excluded}) AS q) query
         WHERE search @@ q ORDER BY rank DESC, seq DESC LIMIT $${params.push(limit)}`,
        params,
      );
      return rows.map((row) => ({ item: toStoredItem(row), rank: -(row.rank as number) }));
    },
  };
  return queries;
}
