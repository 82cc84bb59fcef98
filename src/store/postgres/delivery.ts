import type { Delivery, DeliveryPlan, OutboxEntry, Platform, StoryThread, StoryWithMembers, Subscription, SubscriptionSettings } from '../types.js';
import { pickThreadUrls, settingsColumn, toDelivery, toOutboxEntry, toSubscription } from '../rows.js';
import type { Db } from './db.js';
import { startAfterSaving } from '../subscription-restart.js';

/** Subscriptions, outbox and deliveries on PostgreSQL. */
export function createPostgresDeliveryQueries(db: Db, loadStories: (ids: string[]) => Promise<StoryWithMembers[]>) {
  const subscriptions = async (sql: string, params: unknown[]): Promise<Subscription[]> => (await db.query(sql, params)).map(toSubscription);
  const findSubscription = async (platform: string, channel: string, topic: string): Promise<Subscription | null> =>
    (await subscriptions('SELECT * FROM subscriptions WHERE platform = $1 AND channel = $2 AND topic = $3', [platform, channel, topic]))[0] ?? null;

  return {
    async syncConfiguredSubscriptions(list: SubscriptionSettings[], now: number): Promise<void> {
      await db.tx(async (t) => {
        const keep = new Set(list.map((s) => `${s.platform}\n${s.channel}\n${s.topic}`));
        for (const s of list) {
          const [existing] = (await t.query('SELECT * FROM subscriptions WHERE platform = $1 AND channel = $2 AND topic = $3', [s.platform, s.channel, s.topic])).map(toSubscription);
          const start = startAfterSaving(existing ?? null, s, now, false);
          await t.query(
            `INSERT INTO subscriptions (platform, workspace, channel, topic, mode, settings, origin, status, created_at, active_since)
             VALUES ($1, $2, $3, $4, $5, $6, 'config', 'active', $7, $8)
             ON CONFLICT (platform, channel, topic) DO UPDATE SET workspace = excluded.workspace, mode = excluded.mode, settings = excluded.settings, origin = 'config',
               active_since = excluded.active_since, last_digest_at = $9,
               status = CASE WHEN subscriptions.status = 'failing' THEN 'active' ELSE subscriptions.status END,
               status_reason = CASE WHEN subscriptions.status = 'failing' THEN NULL ELSE subscriptions.status_reason END`,
            [s.platform, s.workspace, s.channel, s.topic, s.mode, settingsColumn(s), now, start.activeSince, start.lastDigestAt],
          );
        }
        for (const row of await t.query("SELECT id, platform, channel, topic FROM subscriptions WHERE origin = 'config'")) {
          if (!keep.has(`${row.platform as string}\n${row.channel as string}\n${row.topic as string}`)) await t.query('DELETE FROM subscriptions WHERE id = $1', [row.id]);
        }
      });
    },
    listSubscriptions: () => subscriptions('SELECT * FROM subscriptions ORDER BY id', []),
    getSubscription: async (id: number): Promise<Subscription | null> => (await subscriptions('SELECT * FROM subscriptions WHERE id = $1', [id]))[0] ?? null,
    async setSubscriptionStatus(id: number, status: Subscription['status'], reason: string | null, activeSince?: number): Promise<void> {
      await db.query('UPDATE subscriptions SET status = $2, status_reason = $3, active_since = COALESCE($4, active_since) WHERE id = $1', [id, status, reason, activeSince ?? null]);
    },
    async upsertChatSubscription(s: SubscriptionSettings, now: number): Promise<{ subscription: Subscription; created: boolean }> {
      const existing = await findSubscription(s.platform, s.channel, s.topic);
      const start = startAfterSaving(existing, s, now, true);
      await db.query(
        `INSERT INTO subscriptions (platform, workspace, channel, topic, mode, settings, origin, status, created_at, active_since) VALUES ($1, $2, $3, $4, $5, $6, 'chat', 'active', $7, $8)
         ON CONFLICT (platform, channel, topic) DO UPDATE SET workspace = COALESCE(excluded.workspace, subscriptions.workspace), mode = excluded.mode,
           settings = excluded.settings, status = 'active', status_reason = NULL, active_since = excluded.active_since, last_digest_at = $9`,
        [s.platform, s.workspace, s.channel, s.topic, s.mode, settingsColumn(s), now, start.activeSince, start.lastDigestAt],
      );
      return { subscription: (await findSubscription(s.platform, s.channel, s.topic))!, created: existing === null };
    },
    removeSubscription: async (platform: Platform, channel: string, topic: string): Promise<boolean> =>
      (await db.query('DELETE FROM subscriptions WHERE platform = $1 AND channel = $2 AND topic = $3 RETURNING id', [platform, channel, topic])).length > 0,
    channelSubscriptions: (platform: Platform, channel: string) => subscriptions('SELECT * FROM subscriptions WHERE platform = $1 AND channel = $2 ORDER BY id', [platform, channel]),
    pauseSubscriptionsWhere: async (where: { platform: Platform; channel?: string; workspace?: string }, reason: string): Promise<number> =>
      (
        await db.query(
          `UPDATE subscriptions SET status = 'paused', status_reason = $4 WHERE platform = $1 AND ($2::text IS NULL OR channel = $2) AND ($3::text IS NULL OR workspace = $3) AND status != 'paused' RETURNING id`,
          [where.platform, where.channel ?? null, where.workspace ?? null, reason],
        )
      ).length,
    async storiesAwaitingAlert(subscription: Subscription, now: number): Promise<StoryWithMembers[]> {
      const rows = await db.query(
        `SELECT s.id FROM stories s
         WHERE s.topic = $1 AND s.first_seen <= $2 AND s.first_seen >= $3 AND s.max_score >= $4
           AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.subscription_id = $5 AND d.story_id = s.id)
           AND EXISTS (SELECT 1 FROM story_items si WHERE si.story_id = s.id AND NOT si.backlog AND si.event_time >= $6)
         ORDER BY s.first_seen, s.seq`,
        [subscription.topic, now - subscription.settleMs, subscription.activeSince - subscription.settleMs, subscription.minScore ?? -1e308, subscription.id, now - subscription.maxAgeMs],
      );
      return loadStories(rows.map((r) => r.id as string));
    },
    async storiesWithNewReports(subscription: Subscription): Promise<Array<{ delivery: Delivery; story: StoryWithMembers }>> {
      const rows = await db.query(
        'SELECT d.* FROM deliveries d JOIN stories s ON s.id = d.story_id WHERE d.subscription_id = $1 AND s.item_count > jsonb_array_length(d.posted_item_ids)',
        [subscription.id],
      );
      const stories = new Map((await loadStories(rows.map((r) => r.story_id as string))).map((s) => [s.id, s]));
      return rows.flatMap((row) => {
        const story = stories.get(row.story_id as string);
        return story ? [{ delivery: toDelivery(row), story }] : [];
      });
    },
    async storiesUpdatedBetween(topic: string, since: number, until: number): Promise<StoryWithMembers[]> {
      const rows = await db.query('SELECT id FROM stories WHERE topic = $1 AND last_updated > $2 AND last_updated <= $3 ORDER BY last_updated DESC, seq DESC', [topic, since, until]);
      return loadStories(rows.map((r) => r.id as string));
    },
    async savePlan(plan: DeliveryPlan, now: number): Promise<number> {
      return db.tx(async (t) => {
        let added = 0;
        for (const e of plan.outbox) {
          added += (
            await t.query(
              `INSERT INTO outbox (subscription_id, story_id, kind, payload, dedupe_key, next_attempt_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
               ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
              [e.subscriptionId, e.storyId, e.kind, JSON.stringify(e.payload), e.dedupeKey, e.notBefore, now],
            )
          ).length;
        }
        for (const d of plan.deliveries) {
          await t.query(
            `INSERT INTO deliveries (subscription_id, story_id, first_posted_at, last_posted_at, posted_item_ids) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (subscription_id, story_id) DO UPDATE SET last_posted_at = excluded.last_posted_at, posted_item_ids = excluded.posted_item_ids`,
            [d.subscriptionId, d.storyId, d.firstPostedAt, d.lastPostedAt, JSON.stringify(d.postedItemIds)],
          );
        }
        for (const done of plan.digestsDone) await t.query('UPDATE subscriptions SET last_digest_at = $1 WHERE id = $2', [done.at, done.subscriptionId]);
        return added;
      });
    },
    dueOutbox: async (now: number, limit: number): Promise<OutboxEntry[]> =>
      (
        await db.query(
          `SELECT o.* FROM outbox o JOIN subscriptions s ON s.id = o.subscription_id WHERE o.status = 'pending' AND o.next_attempt_at <= $1 AND s.status = 'active'
             AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.subscription_id = o.subscription_id AND e.status = 'pending' AND e.id < o.id AND e.next_attempt_at > $1)
           ORDER BY o.id LIMIT $2`,
          [now, limit],
        )
      ).map(toOutboxEntry),
    claimDueOutbox: async (now: number, leaseMs: number, limit: number): Promise<OutboxEntry[]> =>
      (
        await db.query(
          `UPDATE outbox SET claimed_until = $2 WHERE id IN (
             SELECT o.id FROM outbox o JOIN subscriptions s ON s.id = o.subscription_id
             WHERE o.status = 'pending' AND o.next_attempt_at <= $1 AND (o.claimed_until IS NULL OR o.claimed_until < $1) AND s.status = 'active'
               -- a subscription's messages go out in order: none while an older one waits for its retry
               -- or is being sent by another replica
               AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.subscription_id = o.subscription_id AND e.status = 'pending' AND e.id < o.id
                               AND (e.next_attempt_at > $1 OR e.claimed_until >= $1))
             ORDER BY o.id LIMIT $3 FOR UPDATE OF o SKIP LOCKED
           ) RETURNING *`,
          [now, now + leaseMs, limit],
        )
      )
        .map(toOutboxEntry)
        .sort((a, b) => a.id - b.id),
    listOutbox: async (): Promise<OutboxEntry[]> => (await db.query('SELECT * FROM outbox ORDER BY id')).map(toOutboxEntry),
    async markPartAttempt(id: number, part: number): Promise<void> {
      await db.query('UPDATE outbox SET attempted_part = $2 WHERE id = $1', [id, part]);
    },
    async markPartSent(id: number, partsSent: number, messageId: string): Promise<void> {
      await db.query(`UPDATE outbox SET parts_sent = $2, attempted_part = NULL, message_ids = message_ids || jsonb_build_array($3::text) WHERE id = $1`, [id, partsSent, messageId]);
    },
    async markSent(id: number, at: number): Promise<void> {
      await db.query("UPDATE outbox SET status = 'sent', sent_at = $2, last_error = NULL, claimed_until = NULL WHERE id = $1", [id, at]);
    },
    async markRetry(id: number, nextAttemptAt: number, error: string): Promise<void> {
      await db.query('UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $2, last_error = $3, claimed_until = NULL WHERE id = $1', [id, nextAttemptAt, error]);
    },
    async getDelivery(subscriptionId: number, storyId: string): Promise<Delivery | null> {
      const [row] = await db.query('SELECT * FROM deliveries WHERE subscription_id = $1 AND story_id = $2', [subscriptionId, storyId]);
      return row ? toDelivery(row) : null;
    },
    async setStoryThread(subscriptionId: number, storyId: string, thread: StoryThread | null): Promise<void> {
      await db.query('UPDATE deliveries SET thread = $3 WHERE subscription_id = $1 AND story_id = $2', [subscriptionId, storyId, thread === null ? null : JSON.stringify(thread)]);
    },
    async storyThreadUrls(platform: Platform, scope: { workspace: string | null; channel: string }, storyIds: string[]): Promise<Map<string, string>> {
      if (storyIds.length === 0) return new Map();
      const rows = await db.query(
        `SELECT d.story_id, d.thread->>'url' AS url, s.workspace, s.channel FROM deliveries d JOIN subscriptions s ON s.id = d.subscription_id
         WHERE s.platform = $1 AND d.thread->>'url' IS NOT NULL AND d.story_id = ANY($2::text[]) ORDER BY d.first_posted_at`,
        [platform, storyIds],
      );
      return pickThreadUrls(rows, scope);
    },
  };
}
