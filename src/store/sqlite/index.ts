import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { StoreError } from '../../errors.js';
import type { FeedDefinition, NormalizedItem } from '../../feeds/types.js';
import type { FeedPollRecord, FeedSuccess, SearchHit, Store, StoredItem } from '../types.js';
import { parseSearchQuery, spaceCjk, toFts5Query } from '../fts-query.js';
import { SQLITE_MIGRATIONS } from './migrations.js';
import { pendingMark, toFeedState, toStoredItem, toUnprocessedItem, type Row } from '../rows.js';
import { createSqliteStoryQueries } from './stories.js';
import { createSqliteDeliveryQueries } from './delivery.js';


/** Pages of write-ahead log (4 KiB each) after which a commit checkpoints (see openSqliteStore). */
const AUTOCHECKPOINT_PAGES = 25_000;
const BUSY_TIMEOUT_MS = 5_000;

/** The SQLite store, with what only the thread that owns it calls. */
export interface SqliteStore extends Store {
  /**
   * Copy the write-ahead log into the database file and empty the log, without waiting for another
   * process's readers (what they still need stays in the log for next time). For idle moments: it
   * takes as long as the log is large (~50 ms for 40 MB).
   */
  checkpoint(): void;
  /**
   * Index up to `limit` of the items waiting for search (migration 10), oldest first, in one
   * transaction; returns how many still wait. For idle moments; searchItems indexes them all first.
   */
  indexForSearch(limit: number): number;
}

/** Open (creating if needed) a SQLite database file in WAL mode and run pending migrations. */
export function openSqliteStore(path: string): SqliteStore {
  let db: Database.Database;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // The write-ahead log is folded into the database when the store's thread rests (checkpoint(),
    // thread-worker.ts), off the poll cycle's path. This limit is the backstop for a store that
    // never rests: ~100 MB of log rather than SQLite's 4 MB, so a page that several batches of a
    // cycle change is copied once, not once per batch (100 000 new items: 3.1 → 2.3 s at 40 MB).
    db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
  } catch (error) {
    throw new StoreError('store_open_failed', `cannot open SQLite database ${path}: ${(error as Error).message}`, { cause: error });
  }
  migrate(db, path);
  // One process per SQLite file: claims left by a process that died are void.
  db.exec('UPDATE feeds SET claimed_until = NULL WHERE claimed_until IS NOT NULL; UPDATE outbox SET claimed_until = NULL WHERE claimed_until IS NOT NULL;');
  return createSqliteStore(db);
}

function migrate(db: Database.Database, path: string): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let version = current; version < SQLITE_MIGRATIONS.length; version++) {
    try {
      db.transaction(() => {
        db.exec(SQLITE_MIGRATIONS[version] ?? '');
        db.pragma(`user_version = ${version + 1}`);
      })();
    } catch (error) {
      throw new StoreError('store_migration_failed', `migration ${version + 1} failed on ${path}: ${(error as Error).message}`, { cause: error });
    }
  }
}

/** The Store over an open better-sqlite3 connection (already migrated). */
export function createSqliteStore(db: Database.Database): SqliteStore {
  // What the search index holds of a title or summary (migration 12): registered on this connection
  // only, and used only by the indexing statement, so the schema itself needs no function.
  db.function('newsbot_search_text', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? spaceCjk(text) : text));
  const statements = {
    upsertFeed: db.prepare(`
      INSERT INTO feeds (url, name, interval_minutes, next_due_at, origin, created_at)
      VALUES (@url, @name, @interval, @now, 'config', @now)
      ON CONFLICT(url) DO UPDATE SET name = excluded.name, interval_minutes = excluded.interval_minutes, enabled = 1, origin = 'config'`),
    // A feed the config file no longer lists stops being polled, and is chat's from then on: a
    // channel may add it back, and remove it again. Its items and stories stay.
    retireConfigFeeds: db.prepare(`UPDATE feeds SET enabled = 0, origin = 'chat' WHERE origin = 'config' AND url NOT IN (SELECT value FROM json_each(?))`),
    listFeeds: db.prepare('SELECT * FROM feeds ORDER BY url'),
    addFeed: db.prepare(`
      INSERT INTO feeds (url, name, interval_minutes, next_due_at, origin, created_at) VALUES (@url, @name, @interval, @now, @origin, @now)
      ON CONFLICT(url) DO UPDATE SET enabled = 1, next_due_at = MIN(next_due_at, @now)`),
    disableFeed: db.prepare('UPDATE feeds SET enabled = 0 WHERE url = ?'),
    feedItemCounts: db.prepare('SELECT feed_url, COUNT(*) AS n FROM items WHERE first_seen >= ? GROUP BY feed_url'),
    getFeed: db.prepare('SELECT * FROM feeds WHERE url = ?'),
    dueFeeds: db.prepare('SELECT * FROM feeds WHERE enabled = 1 AND next_due_at <= ? ORDER BY next_due_at, url'),
    dueFeedsLimited: db.prepare('SELECT * FROM feeds WHERE enabled = 1 AND next_due_at <= @now AND (claimed_until IS NULL OR claimed_until < @now) ORDER BY next_due_at, url LIMIT @limit'),
    leaseFeed: db.prepare('UPDATE feeds SET claimed_until = ? WHERE url = ?'),
    feedSuccess: db.prepare(`
      UPDATE feeds SET etag = @etag, last_modified = @lastModified, last_success_at = @at, last_attempt_at = @at,
        consecutive_failures = 0, last_error = NULL, last_error_code = NULL, next_due_at = @nextDueAt, claimed_until = NULL,
        moved_to = @movedTo
      WHERE url = @url`),
    feedFailure: db.prepare(`
      UPDATE feeds SET last_attempt_at = @at, consecutive_failures = consecutive_failures + 1,
        last_error = @message, last_error_code = @code, next_due_at = @nextDueAt, claimed_until = NULL
      WHERE url = @url`),
    insertItem: db.prepare(`
      INSERT OR IGNORE INTO items (id, feed_url, link, title, summary, published, published_estimated, source, language, first_seen, pending)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    feedLastSuccess: db.prepare('SELECT last_success_at FROM feeds WHERE url = ?').pluck(),
    unprocessed: db.prepare(`
      SELECT items.*, EXISTS (SELECT 1 FROM story_items WHERE story_items.item_id = items.id) AS clustered FROM items
      WHERE pending IS NOT NULL AND first_seen < ? ORDER BY seq LIMIT ?`),
    markProcessed: db.prepare('UPDATE items SET pending = NULL WHERE id IN (SELECT value FROM json_each(?)) AND pending IS NOT NULL'),
    // A new item waits for search indexing (migration 10); indexed at rest or before a search.
    queueForSearch: db.prepare('INSERT INTO search_queue (seq) VALUES (?)'),
    searchQueueBound: db.prepare('SELECT seq FROM search_queue ORDER BY seq LIMIT 1 OFFSET ?').pluck(),
    indexQueued: db.prepare(`
      INSERT INTO items_fts (rowid, title, summary) SELECT items.seq, newsbot_search_text(items.title), newsbot_search_text(items.summary)
      FROM search_queue JOIN items ON items.seq = search_queue.seq WHERE search_queue.seq <= ?`),
    dequeue: db.prepare('DELETE FROM search_queue WHERE seq <= ?'),
    searchQueueLength: db.prepare('SELECT COUNT(*) FROM search_queue').pluck(),
    getItem: db.prepare('SELECT * FROM items WHERE id = ?'),
    itemByLink: db.prepare('SELECT * FROM items WHERE link = ?'),
    recentItems: db.prepare('SELECT * FROM items WHERE first_seen >= ? ORDER BY first_seen DESC, published DESC LIMIT ?'),
    countItems: db.prepare('SELECT COUNT(*) AS n FROM items'),
    search: db.prepare(`
      SELECT items.*, bm25(items_fts, 2.0, 1.0) AS rank FROM items_fts JOIN items ON items.seq = items_fts.rowid
      WHERE items_fts MATCH ? ORDER BY rank, items.seq DESC LIMIT ?`), // equal ranks: newest first, as in PostgreSQL
  };

  const storeFeedItems = (url: string, success: FeedSuccess, items: NormalizedItem[]): StoredItem[] => {
    const fresh: StoredItem[] = [];
    // Pending until matched and clustered; a feed's first poll is a backlog (see Store.unprocessedItems).
    const pending = pendingMark(statements.feedLastSuccess.get(url));
    for (const item of items) {
      const stored: StoredItem = { ...item, firstSeen: success.at };
      const result = statements.insertItem.run(
        item.id, item.feedId, item.link, item.title, item.summary, item.published, item.publishedEstimated ? 1 : 0, item.source, item.language, success.at, pending,
      );
      if (result.changes > 0) {
        statements.queueForSearch.run(result.lastInsertRowid);
        fresh.push(stored);
      }
    }
    statements.feedSuccess.run({ url, ...success, movedTo: success.movedTo ?? null });
    return fresh;
  };
  const storeItems = db.transaction(storeFeedItems);
  /** Index the oldest `limit` queued items (all when limit is Infinity); returns how many still wait. */
  const indexQueuedItems = db.transaction((limit: number): number => {
    // The seq of the limit-th queued item; none when fewer wait (or no limit): then all of them.
    const bound = Number.isFinite(limit) ? (statements.searchQueueBound.get(limit - 1) as number | undefined) : undefined;
    statements.indexQueued.run(bound ?? Number.MAX_SAFE_INTEGER);
    statements.dequeue.run(bound ?? Number.MAX_SAFE_INTEGER);
    return bound === undefined ? 0 : (statements.searchQueueLength.get() as number);
  });
  const storeManyFeeds = db.transaction((polls: readonly FeedPollRecord[]): StoredItem[][] => polls.map((poll) => storeFeedItems(poll.url, poll.success, poll.items)));

  const stories = createSqliteStoryQueries(db);
  const delivery = createSqliteDeliveryQueries(db, stories.loadStory);

  const writing = <T>(what: string, run: () => T): T => {
    try {
      return run();
    } catch (error) {
      throw new StoreError('store_write_failed', `could not ${what}: ${(error as Error).message}`, { cause: error });
    }
  };

  return {
    async syncConfiguredFeeds(feeds: FeedDefinition[], now: number) {
      writing('save the configured feeds', () =>
        db.transaction(() => {
          for (const feed of feeds) {
            statements.upsertFeed.run({ url: feed.url, name: feed.name ?? null, interval: feed.intervalMinutes ?? null, now });
          }
          statements.retireConfigFeeds.run(JSON.stringify(feeds.map((feed) => feed.url)));
        })(),
      );
    },
    async listFeeds() {
      return (statements.listFeeds.all() as Row[]).map(toFeedState);
    },
    async getFeed(url) {
      const row = statements.getFeed.get(url) as Row | undefined;
      return row ? toFeedState(row) : null;
    },
    async dueFeeds(now) {
      return (statements.dueFeeds.all(now) as Row[]).map(toFeedState);
    },
    async claimDueFeeds(now, leaseMs, limit) {
      return writing('claim due feeds', () =>
        db.transaction(() => {
          const rows = (statements.dueFeedsLimited.all({ now, limit }) as Row[]).map(toFeedState);
          for (const feed of rows) statements.leaseFeed.run(now + leaseMs, feed.url);
          return rows;
        })(),
      );
    },
    async withClusterLock(work) {
      return work(false); // one process per SQLite file: nothing else clusters
    },
    async tryHoldRole() {
      return true;
    },
    async recordFeedSuccess(url, success, items) {
      return writing(`store items of ${url}`, () => storeItems(url, success, items));
    },
    async recordFeedSuccesses(polls) {
      return writing(`store items of ${polls.length} feeds`, () => storeManyFeeds(polls));
    },
    async recordFeedFailure(url, failure) {
      writing(`record the failure of ${url}`, () => statements.feedFailure.run({ url, ...failure }));
    },
    async addFeed(feed, origin, now) {
      writing(`add the feed ${feed.url}`, () => statements.addFeed.run({ url: feed.url, name: feed.name ?? null, interval: feed.intervalMinutes ?? null, origin, now }));
    },
    async disableFeed(url) {
      return writing(`disable the feed ${url}`, () => statements.disableFeed.run(url).changes > 0);
    },
    async feedItemCounts(since) {
      return new Map((statements.feedItemCounts.all(since) as Array<{ feed_url: string; n: number }>).map((row) => [row.feed_url, row.n]));
    },
    async getItem(id) {
      const row = statements.getItem.get(id) as Row | undefined;
      return row ? toStoredItem(row) : null;
    },
    async findItemByLink(link) {
      const row = statements.itemByLink.get(link) as Row | undefined;
      return row ? toStoredItem(row) : null;
    },
    async recentItems(since, limit) {
      return (statements.recentItems.all(since, limit) as Row[]).map((row) => toStoredItem(row));
    },
    async countItems() {
      return (statements.countItems.get() as { n: number }).n;
    },
    async saveMatches(topic, matches) {
      writing('save match results', () => stories.saveMatches(topic, matches));
    },
    async getMatch(itemId, topic) {
      return stories.getMatch(itemId, topic);
    },
    async saveStoryAssignments(assignments) {
      writing('save stories', () => stories.saveStoryAssignments(assignments));
    },
    async unprocessedItems(storedBefore, limit) {
      return (statements.unprocessed.all(storedBefore, limit) as Row[]).map(toUnprocessedItem);
    },
    async markProcessed(itemIds) {
      if (itemIds.length > 0) writing('mark items processed', () => statements.markProcessed.run(JSON.stringify(itemIds)));
    },
    async getStory(id) {
      return stories.getStory(id);
    },
    async storyOfItem(itemId, topic) {
      return stories.storyOfItem(itemId, topic);
    },
    async recentStories(topic, since, limit) {
      return stories.recentStories(topic, since, limit);
    },
    async lastStorySequence() {
      return stories.lastStorySequence();
    },
    async syncConfiguredSubscriptions(subscriptions, now) {
      writing('save the configured subscriptions', () => delivery.syncConfiguredSubscriptions(subscriptions, now));
    },
    async listSubscriptions() {
      return delivery.listSubscriptions();
    },
    async getSubscription(id) {
      return delivery.getSubscription(id);
    },
    async setSubscriptionStatus(id, status, reason, activeSince) {
      writing('update a subscription', () => delivery.setSubscriptionStatus(id, status, reason, activeSince));
    },
    async upsertChatSubscription(settings, now) {
      return writing('save the subscription', () => delivery.upsertChatSubscription(settings, now));
    },
    async removeSubscription(platform, channel, topic) {
      return writing('remove the subscription', () => delivery.removeSubscription(platform, channel, topic));
    },
    async channelSubscriptions(platform, channel) {
      return delivery.channelSubscriptions(platform, channel);
    },
    async pauseSubscriptionsWhere(where, reason) {
      return writing('pause subscriptions', () => delivery.pauseSubscriptionsWhere(where, reason));
    },
    async storiesAwaitingAlert(subscription, now) {
      return delivery.storiesAwaitingAlert(subscription, now);
    },
    async storiesWithNewReports(subscription) {
      return delivery.storiesWithNewReports(subscription);
    },
    async storiesUpdatedBetween(topic, since, until) {
      return delivery.storiesUpdatedBetween(topic, since, until);
    },
    async savePlan(plan, now) {
      return writing('queue messages', () => delivery.savePlan(plan, now));
    },
    async dueOutbox(now, limit) {
      return delivery.dueOutbox(now, limit);
    },
    async claimDueOutbox(now, leaseMs, limit) {
      return writing('claim due messages', () => delivery.claimDueOutbox(now, leaseMs, limit));
    },
    async listOutbox() {
      return delivery.listOutbox();
    },
    async markPartAttempt(id, part) {
      writing('record a send attempt', () => delivery.markPartAttempt(id, part));
    },
    async markPartSent(id, partsSent, messageId) {
      writing('record a sent message', () => delivery.markPartSent(id, partsSent, messageId));
    },
    async markSent(id, at) {
      writing('record a sent message', () => delivery.markSent(id, at));
    },
    async markRetry(id, nextAttemptAt, error) {
      writing('schedule a retry', () => delivery.markRetry(id, nextAttemptAt, error));
    },
    async getDelivery(subscriptionId, storyId) {
      return delivery.getDelivery(subscriptionId, storyId);
    },
    async setStoryThread(subscriptionId, storyId, thread) {
      writing("record a story's thread", () => delivery.setStoryThread(subscriptionId, storyId, thread));
    },
    async storyThreadUrls(platform, scope, storyIds) {
      return delivery.storyThreadUrls(platform, scope, storyIds);
    },
    async searchItems(query, limit): Promise<SearchHit[]> {
      const match = toFts5Query(parseSearchQuery(query));
      if (!match) return [];
      writing('index new items for search', () => indexQueuedItems(Infinity));
      return (statements.search.all(match, limit) as Row[]).map((row) => ({ item: toStoredItem(row), rank: row.rank as number }));
    },
    indexForSearch(limit) {
      if (!db.open) return 0;
      return writing('index new items for search', () => indexQueuedItems(limit));
    },
    checkpoint() {
      if (!db.open) return;
      // TRUNCATE also gives the log's disk space back. It would wait (busy timeout) for readers in
      // other processes (`newsbot search`, an export): with no timeout it checkpoints what it can.
      db.pragma('busy_timeout = 0');
      try {
        db.pragma('wal_checkpoint(TRUNCATE)');
      } finally {
        db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      }
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
