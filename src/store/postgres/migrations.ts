/**
 * PostgreSQL schema migrations, applied in order; `newsbot_migrations` records each one. Never edit
 * a released migration: add a new one. Times are milliseconds since the epoch (bigint), as in SQLite.
 */
export const POSTGRES_MIGRATIONS: readonly string[] = [
  // 1: the whole schema of SQLite's migrations 1–4, with PostgreSQL's own full-text search.
  `
  CREATE TABLE feeds (
    url text PRIMARY KEY,
    name text,
    interval_minutes double precision,
    etag text,
    last_modified text,
    last_success_at bigint,
    last_attempt_at bigint,
    consecutive_failures integer NOT NULL DEFAULT 0,
    last_error text,
    last_error_code text,
    next_due_at bigint NOT NULL DEFAULT 0,
    origin text NOT NULL DEFAULT 'config' CHECK (origin IN ('config', 'chat')),
    enabled boolean NOT NULL DEFAULT true,
    created_at bigint NOT NULL
  );

  CREATE TABLE items (
    seq bigserial PRIMARY KEY,
    id text NOT NULL UNIQUE,
    feed_url text NOT NULL REFERENCES feeds(url) ON DELETE CASCADE,
    link text UNIQUE,
    title text NOT NULL,
    summary text NOT NULL,
    published bigint NOT NULL,
    published_estimated boolean NOT NULL DEFAULT false,
    source text NOT NULL,
    language text,
    first_seen bigint NOT NULL,
    -- 'simple': no language stemming, so Japanese, Chinese and English titles are treated alike.
    search tsvector GENERATED ALWAYS AS (setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', summary), 'B')) STORED
  );
  CREATE INDEX items_first_seen ON items(first_seen);
  CREATE INDEX items_search ON items USING gin(search);

  CREATE TABLE item_matches (
    item_id text NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    topic text NOT NULL,
    relevant boolean NOT NULL,
    score double precision NOT NULL,
    explanation jsonb NOT NULL,
    PRIMARY KEY (item_id, topic)
  );

  CREATE SEQUENCE story_numbers;
  CREATE TABLE stories (
    id text PRIMARY KEY,
    seq bigint NOT NULL UNIQUE,
    topic text NOT NULL,
    headline_item_id text NOT NULL REFERENCES items(id),
    first_seen bigint NOT NULL,
    last_updated bigint NOT NULL,
    item_count integer NOT NULL DEFAULT 0,
    source_count integer NOT NULL DEFAULT 0,
    max_score double precision NOT NULL DEFAULT 0
  );
  CREATE INDEX stories_topic_updated ON stories(topic, last_updated);

  CREATE TABLE story_items (
    story_id text NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    item_id text NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    source_key text NOT NULL,
    event_time bigint NOT NULL,
    added_at bigint NOT NULL,
    backlog boolean NOT NULL DEFAULT false,
    PRIMARY KEY (story_id, item_id)
  );
  CREATE INDEX story_items_item ON story_items(item_id);

  CREATE TABLE subscriptions (
    id bigserial PRIMARY KEY,
    platform text NOT NULL CHECK (platform IN ('slack', 'discord', 'console')),
    workspace text,
    channel text NOT NULL,
    topic text NOT NULL,
    mode text NOT NULL CHECK (mode IN ('alert', 'digest')),
    settings jsonb NOT NULL,
    origin text NOT NULL CHECK (origin IN ('config', 'chat')),
    status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'failing')),
    status_reason text,
    last_digest_at bigint,
    created_at bigint NOT NULL,
    UNIQUE (platform, channel, topic)
  );

  CREATE TABLE outbox (
    id bigserial PRIMARY KEY,
    subscription_id bigint NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
    story_id text,
    kind text NOT NULL CHECK (kind IN ('alert', 'update', 'digest')),
    payload jsonb NOT NULL,
    dedupe_key text NOT NULL UNIQUE,
    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent')),
    attempts integer NOT NULL DEFAULT 0,
    parts_sent integer NOT NULL DEFAULT 0,
    attempted_part integer,
    message_ids jsonb NOT NULL DEFAULT '[]',
    next_attempt_at bigint NOT NULL,
    last_error text,
    created_at bigint NOT NULL,
    sent_at bigint
  );
  CREATE INDEX outbox_due ON outbox(status, next_attempt_at);

  CREATE TABLE deliveries (
    subscription_id bigint NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
    story_id text NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    first_posted_at bigint NOT NULL,
    last_posted_at bigint NOT NULL,
    posted_item_ids jsonb NOT NULL,
    PRIMARY KEY (subscription_id, story_id)
  );
  `,
  // 2: claims (leases) kept apart from due times.
  `
  ALTER TABLE feeds ADD COLUMN claimed_until bigint;
  ALTER TABLE outbox ADD COLUMN claimed_until bigint;
  `,
  // 3: where a posted story is followed in its channel (the alert's thread).
  `
  ALTER TABLE deliveries ADD COLUMN thread jsonb;
  `,
  // 4: items stored but not yet matched and clustered (1 news, 2 backlog; NULL once done): a replica
  // that stops in between leaves them to the next one that starts (item-processor restore()).
  `
  ALTER TABLE items ADD COLUMN pending smallint;
  CREATE INDEX items_pending ON items(seq) WHERE pending IS NOT NULL;
  `,
  // 5: as SQLite's 11: when a subscription's current mode and schedule took effect, or it was resumed.
  `
  ALTER TABLE subscriptions ADD COLUMN active_since bigint;
  UPDATE subscriptions SET active_since = created_at;
  `,
  // 6: CJK words findable, as SQLite's 12: a space after each CJK character (store/fts-query.ts
  // spaceCjk, the same character class) before the simple parser splits the text.
  `
  ALTER TABLE items DROP COLUMN search;
  ALTER TABLE items ADD COLUMN search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', regexp_replace(title, '([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af])', '\\1 ', 'g')), 'A') ||
    setweight(to_tsvector('simple', regexp_replace(summary, '([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af])', '\\1 ', 'g')), 'B')
  ) STORED;
  CREATE INDEX items_search ON items USING gin(search);
  `,
  // 7: as SQLite's 13: where a feed's URL redirects permanently (301/308).
  `
  ALTER TABLE feeds ADD COLUMN moved_to text;
  `,
];
