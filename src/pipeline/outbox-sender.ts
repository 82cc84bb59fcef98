import { DeliveryError, EditRefusedError, ThreadUnavailableError } from '../errors.js';
import type { ChatAdapter } from '../chat/adapter.js';
import type { ChatMessage, UpdateMessage } from '../digest/model.js';
import type { OutboxEntry, Platform, Store, StoryThread, Subscription } from '../store/types.js';
import { cleanText, truncate } from '../digest/time.js';
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
    const message = entry.payload as ChatMessage;
    const job: SendJob = { store, adapter, subscription, entry, logger, now };
    if (message.kind === 'update' && entry.storyId !== null) await sendUpdate(job, message, entry.storyId);
    else {
      const messageIds = await sendParts(job, adapter.render(message), (payload, key) => adapter.post(subscription.channel, payload, key));
      if (message.kind === 'alert' && entry.storyId !== null) await rememberThread(job, entry.storyId, messageIds[0]);
    }
    await store.markSent(entry.id, now());
    logger.info({ subscription: subscription.id, kind: entry.kind, story: entry.storyId }, 'message sent');
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

interface SendJob {
  store: Store;
  adapter: ChatAdapter;
  subscription: Subscription;
  entry: OutboxEntry;
  logger: Logger;
  now: () => number;
}

/**
 * Post the parts not yet sent, each recorded as attempted before and sent after, so a crash in
 * between is looked up (findPosted) rather than blindly repeated. Returns every part's message id.
 */
async function sendParts(job: SendJob, parts: unknown[], postPart: (payload: unknown, key: string) => Promise<string>, thread?: StoryThread): Promise<string[]> {
  const { store, adapter, subscription, entry, logger } = job;
  const messageIds = [...entry.messageIds];
  for (let part = entry.partsSent; part < parts.length; part++) {
    const key = `nb${entry.id}p${part}`;
    // A part started by a process that stopped before recording the answer may have been posted.
    const earlier = entry.attemptedPart === part && adapter.findPosted ? await findEarlierPost(adapter, subscription.channel, key, entry.createdAt, logger, thread) : null;
    if (earlier === null) await store.markPartAttempt(entry.id, part);
    const messageId = earlier ?? (await postPart(parts[part], key));
    await store.markPartSent(entry.id, part + 1, messageId);
    messageIds.push(messageId);
  }
  return messageIds;
}

/** A sent alert becomes the story's place in the channel: later sources go into its thread. */
async function rememberThread(job: SendJob, storyId: string, anchorId: string | undefined): Promise<void> {
  const { store, adapter, subscription, logger } = job;
  if (anchorId === undefined || !adapter.threadOf) return;
  let thread: StoryThread = { anchorId, started: false, url: null };
  try {
    thread = await adapter.threadOf(subscription.channel, anchorId, subscription.workspace);
  } catch (error) {
    // Only the link is missing: updates can still find the thread by its anchor.
    logger.warn({ err: error, subscription: subscription.id, story: storyId }, 'could not look up the alert\'s thread link');
  }
  await store.setStoryThread(subscription.id, storyId, thread);
}

/**
 * A story grew. The first alert is edited to show the story as it is now; then, by the
 * subscription's `updates` setting, the update goes into the story's thread, into the channel, or
 * nowhere. A thread that cannot be used (alert deleted, thread archived or locked, no permission)
 * sends the update to the channel with the reason, and that message becomes the story's new anchor.
 */
async function sendUpdate(job: SendJob, message: UpdateMessage, storyId: string): Promise<void> {
  const { store, adapter, subscription, entry, logger, now } = job;
  let thread = (await store.getDelivery(subscription.id, storyId))?.thread ?? null;
  let fallbackReason: string | null = null;
  // Forgotten in the store only once a new anchor is posted: a retry after a failed channel post
  // meets the same unusable thread and falls back again, with the note.
  const dropThread = (reason: string): void => {
    logger.warn({ subscription: subscription.id, story: storyId, reason }, 'story thread unavailable');
    fallbackReason = reason;
    thread = null;
  };

  if (thread !== null && entry.partsSent === 0 && adapter.editMessage) {
    const current = adapter.render({ kind: 'alert', story: message.story, timeZone: message.timeZone, updatedAt: now() })[0];
    try {
      await adapter.editMessage(subscription.channel, thread, current);
    } catch (error) {
      if (error instanceof ThreadUnavailableError) dropThread(error.reason);
      // The edit is a courtesy: only a retryable failure (rate limit, outage) holds the update
      // back; anything else the post below meets again and reports properly.
      else if (error instanceof EditRefusedError || (error instanceof DeliveryError && !error.retryable)) {
        logger.info({ subscription: subscription.id, story: storyId, reason: (error as Error).message }, 'first alert not edited');
      } else throw error;
    }
  }
  if (subscription.updates === 'off') {
    if (fallbackReason !== null) await store.setStoryThread(subscription.id, storyId, null); // nothing left to edit
    return;
  }

  const postInThread = adapter.postInThread;
  if (subscription.updates === 'thread' && thread !== null && postInThread) {
    let current: StoryThread = thread;
    const title = truncate(cleanText(message.story.headline), 100) || `Story ${storyId}`;
    try {
      await sendParts(job, adapter.render(message), async (payload, key) => {
        const posted = await postInThread(subscription.channel, current, payload, key, title);
        if (posted.thread.started !== current.started || posted.thread.url !== current.url) {
          current = posted.thread;
          await store.setStoryThread(subscription.id, storyId, current);
        }
        return posted.messageId;
      }, current);
      return;
    } catch (error) {
      if (!(error instanceof ThreadUnavailableError)) throw error;
      dropThread(error.reason);
    }
  }

  const inChannel: UpdateMessage = fallbackReason !== null && subscription.updates === 'thread' ? { ...message, fallbackReason } : message;
  const messageIds = await sendParts(job, adapter.render(inChannel), (payload, key) => adapter.post(subscription.channel, payload, key));
  // The story needs a place again: the message just posted is where it continues (and is edited).
  if (fallbackReason !== null) await rememberThread(job, storyId, messageIds.at(-1));
}

async function findEarlierPost(adapter: ChatAdapter, channel: string, key: string, since: number, logger: Logger, thread?: StoryThread): Promise<string | null> {
  try {
    const found = (await adapter.findPosted?.(channel, key, since, thread)) ?? null;
    if (found) logger.info({ channel, key }, 'message was already posted before a restart; not sending it again');
    return found;
  } catch (error) {
    // Cannot tell: sending again risks one duplicate, not sending risks a loss. Losing nothing wins.
    logger.warn({ err: error, channel, key }, 'could not check for an earlier post; sending');
    return null;
  }
}
