/**
 * Versioned schema migrations, applied in order at start-up. `PRAGMA user_version` records the
 * last one applied. Never edit a released migration: add a new one.
 */
export const SQLITE_MIGRATIONS: readonly string[] = [
  // 1: feeds with polling state; items deduplicated by id and canonical link; FTS5 over title+summary.
  `
  CREATE TABLE feeds (
    url TEXT PRIMARY KEY,
    name TEXT,
    interval_minutes INTEGER,
    etag TEXT,
    last_modified TEXT,
    last_success_at INTEGER,
    last_attempt_at INTEGER,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    last_error_code TEXT,
    next_due_at INTEGER NOT NULL DEFAULT 0,
    origin TEXT NOT NULL DEFAULT 'config' CHECK (origin IN ('config', 'chat')),
    enabled INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL
  );

  CREATE TABLE items (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    feed_url TEXT NOT NULL REFERENCES feeds(url) ON DELETE CASCADE,
    link TEXT UNIQUE,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    published INTEGER NOT NULL,
    published_estimated INTEGER NOT NULL DEFAULT 0,
    source TEXT NOT NULL,
    language TEXT,
    first_seen INTEGER NOT NULL
  );
  CREATE INDEX items_first_seen ON items(first_seen);
  CREATE INDEX items_feed ON items(feed_url);

  CREATE VIRTUAL TABLE items_fts USING fts5(
    title, summary, content='items', content_rowid='seq', tokenize='unicode61 remove_diacritics 2'
  );
  CREATE TRIGGER items_fts_insert AFTER INSERT ON items BEGIN
    INSERT INTO items_fts(rowid, title, summary) VALUES (new.seq, new.title, new.summary);
  END;
  CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
    INSERT INTO items_fts(items_fts, rowid, title, summary) VALUES ('delete', old.seq, old.title, old.summary);
  END;
  CREATE TRIGGER items_fts_update AFTER UPDATE OF title, summary ON items BEGIN
    INSERT INTO items_fts(items_fts, rowid, title, summary) VALUES ('delete', old.seq, old.title, old.summary);
    INSERT INTO items_fts(rowid, title, summary) VALUES (new.seq, new.title, new.summary);
  END;
  `,
  // 2: match verdicts per item and topic; stories and their member items.
  `
  CREATE TABLE item_matches (
    item_id TEXT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    topic TEXT NOT NULL,
    relevant INTEGER NOT NULL,
    score REAL NOT NULL,
    explanation TEXT NOT NULL,
    PRIMARY KEY (item_id, topic)
  );
  CREATE INDEX item_matches_relevant ON item_matches(topic, relevant);

  CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL UNIQUE,
    topic TEXT NOT NULL,
    headline_item_id TEXT NOT NULL REFERENCES items(id),
    first_seen INTEGER NOT NULL,
    last_updated INTEGER NOT NULL,
    item_count INTEGER NOT NULL DEFAULT 0,
    source_count INTEGER NOT NULL DEFAULT 0,
    max_score REAL NOT NULL DEFAULT 0
  );
  CREATE INDEX stories_topic_updated ON stories(topic, last_updated);

  CREATE TABLE story_items (
    story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    item_id TEXT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    source_key TEXT NOT NULL,
    event_time INTEGER NOT NULL,
    added_at INTEGER NOT NULL,
    PRIMARY KEY (story_id, item_id)
  );
  CREATE INDEX story_items_item ON story_items(item_id);
  `,
  // 3: subscriptions, the outbox (written before sending), and what was posted where.
  `
  ALTER TABLE story_items ADD COLUMN backlog INTEGER NOT NULL DEFAULT 0;

  CREATE TABLE subscriptions (
    id INTEGER PRIMARY KEY,
    platform TEXT NOT NULL CHECK (platform IN ('slack', 'discord', 'console')),
    workspace TEXT,
    channel TEXT NOT NULL,
    topic TEXT NOT NULL,
    mode TEXT NOT NULL CHECK (mode IN ('alert', 'digest')),
    settings TEXT NOT NULL,
    origin TEXT NOT NULL CHECK (origin IN ('config', 'chat')),
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'failing')),
    status_reason TEXT,
    last_digest_at INTEGER,
    created_at INTEGER NOT NULL,
    UNIQUE (platform, channel, topic)
  );

  CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    subscription_id INTEGER NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
    story_id TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('alert', 'update', 'digest')),
    payload TEXT NOT NULL,
    dedupe_key TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent')),
    attempts INTEGER NOT NULL DEFAULT 0,
    parts_sent INTEGER NOT NULL DEFAULT 0,
    message_ids TEXT NOT NULL DEFAULT '[]',
    next_attempt_at INTEGER NOT NULL,
    last_error TEXT,
    created_at INTEGER NOT NULL,
    sent_at INTEGER
  );
  CREATE INDEX outbox_due ON outbox(status, next_attempt_at);

  CREATE TABLE deliveries (
    subscription_id INTEGER NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
    story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    first_posted_at INTEGER NOT NULL,
    last_posted_at INTEGER NOT NULL,
    posted_item_ids TEXT NOT NULL,
    PRIMARY KEY (subscription_id, story_id)
  );
  `,
  // 4: the part being sent when a process stopped, so a restart can look for it before re-sending.
  `
  ALTER TABLE outbox ADD COLUMN attempted_part INTEGER;
  `,
  // 5: claims (leases) kept apart from due times, so a claim that outlives its process is just dropped.
  `
  ALTER TABLE feeds ADD COLUMN claimed_until INTEGER;
  ALTER TABLE outbox ADD COLUMN claimed_until INTEGER;
  `,
  // 6: the store indexes new items for search itself (statements after each insert) instead of the
  // insert trigger. FTS5 flushes its pending terms to disk at every statement savepoint, and a
  // trigger runs inside one per inserted row: each item became its own tiny segment to merge later,
  // three times the cost of indexing the same rows in the transaction (measured: 620 → 200 ms for
  // 10 000 items). Delete and update triggers stay: they are rare and need the old values.
  `
  DROP TRIGGER items_fts_insert;
  `,
  // 7: where a posted story is followed in its channel (the alert's thread), as JSON.
  `
  ALTER TABLE deliveries ADD COLUMN thread TEXT;
  `,
  // 8: no index on items.feed_url. Nothing looks items up by feed (per-feed counts read recent
  // items by first_seen), and with thousands of feeds each insert landed on a random page of it:
  // 0.7 of 3.9 s when storing 100 000 items of 2 000 feeds.
  `
  DROP INDEX items_feed;
  `,
  // 9: items stored but not yet matched and clustered (1 news, 2 backlog; NULL once done), so a
  // process stopped in between picks them up when it starts again (item-processor restore()).
  `
  ALTER TABLE items ADD COLUMN pending INTEGER;
  CREATE INDEX items_pending ON items(seq) WHERE pending IS NOT NULL;
  `,
  // 10: new items wait in search_queue and are indexed for search when the store rests (and before
  // any search), not in the poll cycle's write: indexing was the largest part of the store thread's
  // work, and in a poll cycle that thread shares the cores with the main one (2 000 feeds: the
  // first cycle ~7 % faster). The delete and update triggers leave a queued item's index alone: it
  // has none yet, and indexing it later reads the row as it is then.
  `
  CREATE TABLE search_queue (seq INTEGER PRIMARY KEY);
  DROP TRIGGER items_fts_delete;
  CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
    INSERT INTO items_fts(items_fts, rowid, title, summary) SELECT 'delete', old.seq, old.title, old.summary WHERE NOT EXISTS (SELECT 1 FROM search_queue WHERE seq = old.seq);
    DELETE FROM search_queue WHERE seq = old.seq;
  END;
  DROP TRIGGER items_fts_update;
  CREATE TRIGGER items_fts_update AFTER UPDATE OF title, summary ON items WHEN NOT EXISTS (SELECT 1 FROM search_queue WHERE seq = old.seq) BEGIN
    INSERT INTO items_fts(items_fts, rowid, title, summary) VALUES ('delete', old.seq, old.title, old.summary);
    INSERT INTO items_fts(rowid, title, summary) VALUES (new.seq, new.title, new.summary);
  END;
  `,
  // 11: when a subscription's current mode and schedule took effect, or it was resumed from a pause
  // (subscription-restart.ts): alerts cover stories first seen since then, a digest's schedule counts from then.
  `
  ALTER TABLE subscriptions ADD COLUMN active_since INTEGER;
  UPDATE subscriptions SET active_since = created_at;
  `,
  // 12: CJK words findable (store/fts-query.ts spaceCjk): the index holds text with a space after
  // each CJK character, which is no longer the items table's text, so the index keeps no content of
  // its own to compare against (contentless, rows deleted by rowid). An edited item is queued again;
  // every item is queued to be indexed anew when the store rests.
  `
  DROP TRIGGER items_fts_delete;
  DROP TRIGGER items_fts_update;
  DROP TABLE items_fts;
  CREATE VIRTUAL TABLE items_fts USING fts5(title, summary, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');
  CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
    DELETE FROM items_fts WHERE rowid = old.seq;
    DELETE FROM search_queue WHERE seq = old.seq;
  END;
  CREATE TRIGGER items_fts_update AFTER UPDATE OF title, summary ON items BEGIN
    DELETE FROM items_fts WHERE rowid = old.seq;
    INSERT OR IGNORE INTO search_queue (seq) VALUES (new.seq);
  END;
  INSERT OR IGNORE INTO search_queue (seq) SELECT seq FROM items;
  `,
  // 13: where a feed's URL redirects permanently (301/308), so `/news feeds` can ask for the
  // config to be updated; the feed itself keeps its URL.
  `
  ALTER TABLE feeds ADD COLUMN moved_to TEXT;
  `,
];
