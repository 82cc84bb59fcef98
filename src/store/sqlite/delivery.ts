import type Database from 'better-sqlite3';
import type { Delivery, DeliveryPlan, OutboxEntry, StoryThread, StoryWithMembers, Subscription, SubscriptionSettings } from '../types.js';
import { pickThreadUrls, settingsColumn, toDelivery, toOutboxEntry, toSubscription, type Row } from '../rows.js';
import { startAfterSaving } from '../subscription-restart.js';


/** Subscriptions, outbox and deliveries on SQLite. */
export function createSqliteDeliveryQueries(db: Database.Database, loadStory: (id: string) => StoryWithMembers | null) {
  const statements = {
    upsertConfigSubscription: db.prepare(`
      INSERT INTO subscriptions (platform, workspace, channel, topic, mode, settings, origin, status, created_at, active_since)
      VALUES (@platform, @workspace, @channel, @topic, @mode, @settings, 'config', 'active', @now, @activeSince)
      ON CONFLICT(platform, channel, topic) DO UPDATE SET
        workspace = excluded.workspace, mode = excluded.mode, settings = excluded.settings, origin = 'config',
        active_since = excluded.active_since, last_digest_at = @lastDigestAt,
        -- a restart is the operator's retry: a failing config subscription is tried again
        status = CASE WHEN subscriptions.status = 'failing' THEN 'active' ELSE subscriptions.status END,
        status_reason = CASE WHEN subscriptions.status = 'failing' THEN NULL ELSE subscriptions.status_reason END`),
    configSubscriptions: db.prepare("SELECT id, platform, channel, topic FROM subscriptions WHERE origin = 'config'"),
    deleteSubscription: db.prepare('DELETE FROM subscriptions WHERE id = ?'),
    upsertChatSubscription: db.prepare(`
      INSERT INTO subscriptions (platform, workspace, channel, topic, mode, settings, origin, status, created_at, active_since)
      VALUES (@platform, @workspace, @channel, @topic, @mode, @settings, 'chat', 'active', @now, @activeSince)
      ON CONFLICT(platform, channel, topic) DO UPDATE SET
        workspace = COALESCE(excluded.workspace, subscriptions.workspace), mode = excluded.mode, settings = excluded.settings,
        status = 'active', status_reason = NULL, active_since = excluded.active_since, last_digest_at = @lastDigestAt`),
    findSubscription: db.prepare('SELECT * FROM subscriptions WHERE platform = ? AND channel = ? AND topic = ?'),
    removeSubscription: db.prepare('DELETE FROM subscriptions WHERE platform = ? AND channel = ? AND topic = ?'),
    channelSubscriptions: db.prepare('SELECT * FROM subscriptions WHERE platform = ? AND channel = ? ORDER BY id'),
    pauseWhere: db.prepare(`
      UPDATE subscriptions SET status = 'paused', status_reason = @reason
      WHERE platform = @platform AND (@channel IS NULL OR channel = @channel) AND (@workspace IS NULL OR workspace = @workspace) AND status != 'paused'`),
    listSubscriptions: db.prepare('SELECT * FROM subscriptions ORDER BY id'),
    getSubscription: db.prepare('SELECT * FROM subscriptions WHERE id = ?'),
    setStatus: db.prepare('UPDATE subscriptions SET status = ?, status_reason = ?, active_since = COALESCE(?, active_since) WHERE id = ?'),
    awaitingAlert: db.prepare(`
      SELECT s.id FROM stories s
      WHERE s.topic = @topic AND s.first_seen <= @settledBefore AND s.first_seen >= @notBefore AND s.max_score >= @minScore
        AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.subscription_id = @subscriptionId AND d.story_id = s.id)
        AND EXISTS (SELECT 1 FROM story_items si WHERE si.story_id = s.id AND si.backlog = 0 AND si.event_time >= @freshAfter)
      ORDER BY s.first_seen, s.seq`),
    deliveriesWithNewReports: db.prepare(`
      SELECT d.* FROM deliveries d JOIN stories s ON s.id = d.story_id
      WHERE d.subscription_id = ? AND s.item_count > json_array_length(d.posted_item_ids)`),
    updatedBetween: db.prepare('SELECT id FROM stories WHERE topic = ? AND last_updated > ? AND last_updated <= ? ORDER BY last_updated DESC, seq DESC'),
    insertOutbox: db.prepare(`
      INSERT OR IGNORE INTO outbox (subscription_id, story_id, kind, payload, dedupe_key, next_attempt_at, created_at)
      VALUES (@subscriptionId, @storyId, @kind, @payload, @dedupeKey, @notBefore, @now)`),
    upsertDelivery: db.prepare(`
      INSERT INTO deliveries (subscription_id, story_id, first_posted_at, last_posted_at, posted_item_ids)
      VALUES (@subscriptionId, @storyId, @firstPostedAt, @lastPostedAt, @postedItemIds)
      ON CONFLICT(subscription_id, story_id) DO UPDATE SET last_posted_at = excluded.last_posted_at, posted_item_ids = excluded.posted_item_ids`),
    digestDone: db.prepare('UPDATE subscriptions SET last_digest_at = ? WHERE id = ?'),
    dueOutbox: db.prepare(`
      SELECT o.* FROM outbox o JOIN subscriptions s ON s.id = o.subscription_id
      WHERE o.status = 'pending' AND o.next_attempt_at <= @now AND s.status = 'active'
        -- a subscription's messages go out in order: none while an older one waits for its retry
        AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.subscription_id = o.subscription_id AND e.status = 'pending' AND e.id < o.id AND e.next_attempt_at > @now)
      ORDER BY o.id LIMIT @limit`),
    listOutbox: db.prepare('SELECT * FROM outbox ORDER BY id'),
    leaseOutbox: db.prepare('UPDATE outbox SET claimed_until = ? WHERE id = ?'),
    claimable: db.prepare(`
      SELECT o.* FROM outbox o JOIN subscriptions s ON s.id = o.subscription_id
      WHERE o.status = 'pending' AND o.next_attempt_at <= @now AND (o.claimed_until IS NULL OR o.claimed_until < @now) AND s.status = 'active'
        -- a subscription's messages go out in order: none while an older one waits for its retry or
        -- is being sent elsewhere (a retried alert would come after its own update)
        AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.subscription_id = o.subscription_id AND e.status = 'pending' AND e.id < o.id
                        AND (e.next_attempt_at > @now OR e.claimed_until >= @now))
      ORDER BY o.id LIMIT @limit`),
    partSent: db.prepare("UPDATE outbox SET parts_sent = ?, attempted_part = NULL, message_ids = json_insert(message_ids, '$[#]', ?) WHERE id = ?"),
    partAttempt: db.prepare('UPDATE outbox SET attempted_part = ? WHERE id = ?'),
    sent: db.prepare("UPDATE outbox SET status = 'sent', sent_at = ?, last_error = NULL, claimed_until = NULL WHERE id = ?"),
    retry: db.prepare('UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?, claimed_until = NULL WHERE id = ?'),
    getDelivery: db.prepare('SELECT * FROM deliveries WHERE subscription_id = ? AND story_id = ?'),
    setThread: db.prepare('UPDATE deliveries SET thread = ? WHERE subscription_id = ? AND story_id = ?'),
    threadUrls: db.prepare(`
      SELECT d.story_id, json_extract(d.thread, '$.url') AS url, s.workspace, s.channel FROM deliveries d JOIN subscriptions s ON s.id = d.subscription_id
      WHERE s.platform = ? AND json_extract(d.thread, '$.url') IS NOT NULL AND d.story_id IN (SELECT value FROM json_each(?))
      ORDER BY d.first_posted_at`),
  };

  const stories = (rows: Row[]): StoryWithMembers[] => rows.map((row) => loadStory(row.id as string)).filter((s): s is StoryWithMembers => s !== null);

  return {
    syncConfiguredSubscriptions: db.transaction((subscriptions: SubscriptionSettings[], now: number) => {
      const keep = new Set(subscriptions.map((s) => `${s.platform}\n${s.channel}\n${s.topic}`));
      for (const subscription of subscriptions) {
        const existing = statements.findSubscription.get(subscription.platform, subscription.channel, subscription.topic) as Row | undefined;
        const start = startAfterSaving(existing ? toSubscription(existing) : null, subscription, now, false);
        statements.upsertConfigSubscription.run({ ...subscription, settings: settingsColumn(subscription), now, ...start });
      }
      for (const row of statements.configSubscriptions.all() as Row[]) {
        if (!keep.has(`${row.platform as string}\n${row.channel as string}\n${row.topic as string}`)) statements.deleteSubscription.run(row.id);
      }
    }),
    listSubscriptions: (): Subscription[] => (statements.listSubscriptions.all() as Row[]).map(toSubscription),
    getSubscription: (id: number): Subscription | null => {
      const row = statements.getSubscription.get(id) as Row | undefined;
      return row ? toSubscription(row) : null;
    },
    setSubscriptionStatus: (id: number, status: Subscription['status'], reason: string | null, activeSince?: number): void => {
      statements.setStatus.run(status, reason, activeSince ?? null, id);
    },
    upsertChatSubscription: db.transaction((settings: SubscriptionSettings, now: number): { subscription: Subscription; created: boolean } => {
      const existing = statements.findSubscription.get(settings.platform, settings.channel, settings.topic) as Row | undefined;
      const start = startAfterSaving(existing ? toSubscription(existing) : null, settings, now, true);
      statements.upsertChatSubscription.run({ ...settings, settings: settingsColumn(settings), now, ...start });
      return { subscription: toSubscription(statements.findSubscription.get(settings.platform, settings.channel, settings.topic) as Row), created: !existing };
    }),
    removeSubscription: (platform: string, channel: string, topic: string): boolean => statements.removeSubscription.run(platform, channel, topic).changes > 0,
    channelSubscriptions: (platform: string, channel: string): Subscription[] => (statements.channelSubscriptions.all(platform, channel) as Row[]).map(toSubscription),
    pauseSubscriptionsWhere: (where: { platform: string; channel?: string; workspace?: string }, reason: string): number =>
      statements.pauseWhere.run({ platform: where.platform, channel: where.channel ?? null, workspace: where.workspace ?? null, reason }).changes,
    storiesAwaitingAlert: (subscription: Subscription, now: number): StoryWithMembers[] =>
      stories(
        statements.awaitingAlert.all({
          topic: subscription.topic,
          subscriptionId: subscription.id,
          settledBefore: now - subscription.settleMs,
          // Stories from before the subscription (or its switch to alerts, or its resume) are not news
          // to it (a digest may list them).
          notBefore: subscription.activeSince - subscription.settleMs,
          minScore: subscription.minScore ?? -Infinity,
          freshAfter: now - subscription.maxAgeMs,
        }) as Row[],
      ),
    storiesWithNewReports: (subscription: Subscription): Array<{ delivery: Delivery; story: StoryWithMembers }> =>
      (statements.deliveriesWithNewReports.all(subscription.id) as Row[]).flatMap((row) => {
        const story = loadStory(row.story_id as string);
        return story ? [{ delivery: toDelivery(row), story }] : [];
      }),
    storiesUpdatedBetween: (topic: string, since: number, until: number): StoryWithMembers[] => stories(statements.updatedBetween.all(topic, since, until) as Row[]),
    savePlan: db.transaction((plan: DeliveryPlan, now: number): number => {
      let added = 0;
      for (const entry of plan.outbox) {
        added += statements.insertOutbox.run({ ...entry, payload: JSON.stringify(entry.payload), now }).changes;
      }
      for (const delivery of plan.deliveries) statements.upsertDelivery.run({ ...delivery, postedItemIds: JSON.stringify(delivery.postedItemIds) });
      for (const done of plan.digestsDone) statements.digestDone.run(done.at, done.subscriptionId);
      return added;
    }),
    dueOutbox: (now: number, limit: number): OutboxEntry[] => (statements.dueOutbox.all({ now, limit }) as Row[]).map(toOutboxEntry),
    claimDueOutbox: db.transaction((now: number, leaseMs: number, limit: number): OutboxEntry[] => {
      const entries = (statements.claimable.all({ now, limit }) as Row[]).map(toOutboxEntry);
      for (const entry of entries) statements.leaseOutbox.run(now + leaseMs, entry.id);
      return entries;
    }),
    listOutbox: (): OutboxEntry[] => (statements.listOutbox.all() as Row[]).map(toOutboxEntry),
    markPartAttempt: (id: number, part: number): void => {
      statements.partAttempt.run(part, id);
    },
    markPartSent: (id: number, partsSent: number, messageId: string): void => {
      statements.partSent.run(partsSent, messageId, id);
    },
    markSent: (id: number, at: number): void => {
      statements.sent.run(at, id);
    },
    markRetry: (id: number, nextAttemptAt: number, error: string): void => {
      statements.retry.run(nextAttemptAt, error, id);
    },
    getDelivery: (subscriptionId: number, storyId: string): Delivery | null => {
      const row = statements.getDelivery.get(subscriptionId, storyId) as Row | undefined;
      return row ? toDelivery(row) : null;
    },
    setStoryThread: (subscriptionId: number, storyId: string, thread: StoryThread | null): void => {
      statements.setThread.run(thread === null ? null : JSON.stringify(thread), subscriptionId, storyId);
    },
    storyThreadUrls: (platform: string, scope: { workspace: string | null; channel: string }, storyIds: string[]): Map<string, string> =>
      pickThreadUrls(statements.threadUrls.all(platform, JSON.stringify(storyIds)) as Row[], scope),
  };
}
