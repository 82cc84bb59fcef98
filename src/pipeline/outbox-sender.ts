import { DeliveryError } from '../errors.js';
import type { ChatAdapter } from '../chat/adapter.js';
import type { ChatMessage } from '../digest/model.js';
import type { OutboxEntry, Platform, Store } from '../store/types.js';
import type { Logger } from '../log.js';

export interface SendReport {
  sent: number;
  retrying: number;
  /** Subscriptions stopped by a permanent error in this pass, with the reason. */
  failed: Array<{ subscriptionId: number; reason: string }>;
  /** For each alert or update sent: seconds from the story first seen to posted. */
  latenciesSeconds: number[];
}

const MAX_RETRY_DELAY_MS = 30 * 60_000;
/** Longer than sending one message can take (parts × request timeout); a dead replica's claim lapses. */
const CLAIM_LEASE_MS = 5 * 60_000;
const NOT_CONFIGURED: Record<Platform, string> = {
  slack: 'Slack is not configured: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET',
  discord: 'Discord is not configured: set DISCORD_TOKEN and DISCORD_APPLICATION_ID',
  console: 'the console adapter is not enabled',
};

/**
 * Send every due outbox message. Each message was written before this runs, and is marked sent
 * (part by part) only after the platform accepted it: a crash in between re-sends that part on the
 * next run, the one duplicate window (see README, "Delivery"). A rate limit or outage delays only
 * its subscription; a permanent error marks the subscription failing and the others go on.
 */
export async function sendDueMessages(store: Store, adapters: Map<Platform, ChatAdapter>, logger: Logger, now: () => number): Promise<SendReport> {
  const report: SendReport = { sent: 0, retrying: 0, failed: [], latenciesSeconds: [] };
  const blocked = new Set<number>(); // subscriptions that hit an error this pass: keep their order
  const seen = new Set<number>();
  for (;;) {
    // Claimed, not just read: with several replicas each message is sent by one of them.
    const due = (await store.claimDueOutbox(now(), CLAIM_LEASE_MS, 100)).filter((entry) => !seen.has(entry.id));
    if (due.length === 0) return report;
    for (const entry of due) {
      seen.add(entry.id);
      if (blocked.has(entry.subscriptionId)) continue;
      const outcome = await sendOne(store, adapters, entry, logger, now);
      if (outcome === 'sent') {
        report.sent++;
        const detectedAt = (entry.payload as { story?: { detectedAt?: number } }).story?.detectedAt;
        if (entry.kind !== 'digest' && typeof detectedAt === 'number') report.latenciesSeconds.push(Math.max(0, (now() - detectedAt) / 1000));
      }
      else {
        blocked.add(entry.subscriptionId);
        if (outcome === 'retry') report.retrying++;
        else report.failed.push({ subscriptionId: entry.subscriptionId, reason: outcome.reason });
      }
    }
  }
}

async function sendOne(store: Store, adapters: Map<Platform, ChatAdapter>, entry: OutboxEntry, logger: Logger, now: () => number): Promise<'sent' | 'retry' | { reason: string }> {
  const subscription = await store.getSubscription(entry.subscriptionId);
  if (!subscription) return 'retry';
  const adapter = adapters.get(subscription.platform);
  if (!adapter) {
    await store.setSubscriptionStatus(subscription.id, 'failing', NOT_CONFIGURED[subscription.platform]);
    logger.error({ subscription: subscription.id, platform: subscription.platform }, NOT_CONFIGURED[subscription.platform]);
    return { reason: NOT_CONFIGURED[subscription.platform] };
  }
  try {
    const parts = adapter.render(entry.payload as ChatMessage);
    for (let part = entry.partsSent; part < parts.length; part++) {
      const key = `nb${entry.id}p${part}`;
      // A part started by a process that stopped before recording the answer may have been posted.
      const earlier = entry.attemptedPart === part && adapter.findPosted ? await findEarlierPost(adapter, subscription.channel, key, entry.createdAt, logger) : null;
      if (earlier === null) await store.markPartAttempt(entry.id, part);
      const messageId = earlier ?? (await adapter.post(subscription.channel, parts[part], key));
      await store.markPartSent(entry.id, part + 1, messageId);
    }
    await store.markSent(entry.id, now());
    logger.info({ subscription: subscription.id, kind: entry.kind, story: entry.storyId, parts: parts.length }, 'message sent');
    return 'sent';
  } catch (error) {
    const failure = error instanceof DeliveryError ? error : new DeliveryError('chat_unavailable', true, (error as Error).message, null, { cause: error });
    if (!failure.retryable) {
      const reason = `${failure.message} [${failure.code}]`;
      await store.setSubscriptionStatus(subscription.id, 'failing', reason);
      await store.markRetry(entry.id, now(), reason); // stays queued: resuming the subscription sends it
      logger.error({ subscription: subscription.id, channel: subscription.channel, code: failure.code }, `subscription stopped: ${failure.message}`);
      return { reason };
    }
    const backoff = Math.min(5_000 * 2 ** entry.attempts, MAX_RETRY_DELAY_MS);
    const delay = Math.max(failure.retryAfterMs ?? 0, backoff);
    await store.markRetry(entry.id, now() + delay, `${failure.message} [${failure.code}]`);
    logger.warn({ subscription: subscription.id, code: failure.code, retryInMs: delay, attempts: entry.attempts + 1 }, failure.message);
    return 'retry';
  }
}

async function findEarlierPost(adapter: ChatAdapter, channel: string, key: string, since: number, logger: Logger): Promise<string | null> {
  try {
    const found = (await adapter.findPosted?.(channel, key, since)) ?? null;
    if (found) logger.info({ channel, key }, 'message was already posted before a restart; not sending it again');
    return found;
  } catch (error) {
    // Cannot tell: sending again risks one duplicate, not sending risks a loss. Losing nothing wins.
    logger.warn({ err: error, channel, key }, 'could not check for an earlier post; sending');
    return null;
  }
}
