import { FeedError, asCodedError } from '../errors.js';
import type { Store, FeedState, StoredItem } from '../store/types.js';
import type { Logger } from '../log.js';
import type { FeedFetcher, NormalizedItem } from './types.js';
import { ingestFeedBodyEagerly } from './ingest.js';
import { nextRetryDelay } from './backoff.js';
import { WriteBatcher } from './write-batcher.js';

/** Feeds' writes are grouped up to this many items, waiting at most WRITE_WAIT_MS (see WriteBatcher). */
const WRITE_BATCH_ITEMS = 1_000;
const WRITE_WAIT_MS = 20;
/**
 * Feed bodies being parsed or waiting to be stored, at most this many bytes at once (one larger
 * feed alone may exceed it). Concurrency is for waiting on the network; without this, 32 large
 * documents would be parsed and held at once (bench pipeline: 10 documents of 1 000 items,
 * peak RSS 267 → 219 MB).
 */
const BYTES_IN_PROGRESS = 4_000_000;
/**
 * Feeds due within this long are claimed too. A feed is next due one interval after its claim, and
 * a scheduler whose period equals the interval claims at about that moment: a tick that reaches
 * the store a few ms earlier in its period than the last one did must still find the feed due, or
 * it waits a whole period more (polled at twice its interval).
 */
const DUE_LOOKAHEAD_MS = 1_000;

export interface PollSettings {
  concurrency: number;
  /** How long a claimed feed stays this process's before another may poll it (ms). */
  leaseMs: number;
  defaultIntervalMinutes: number;
  maxBackoffMs: number;
}

export type FeedPollOutcome =
  /** `items` may be emptied once processed (onReport): `storedCount` keeps the number. */
  | { status: 'new'; items: StoredItem[]; storedCount: number; parsedCount: number }
  | { status: 'unchanged' }
  | { status: 'failed'; code: string; message: string; retryAt: number };

export interface FeedPollReport {
  feed: FeedState;
  /** True when this poll was the feed's first success: its items are a backlog, not news. */
  firstSuccess: boolean;
  outcome: FeedPollOutcome;
}

export interface PollDependencies {
  store: Store;
  fetcher: FeedFetcher;
  logger: Logger;
  now: () => number;
  /** Aborting it abandons in-flight fetches, recording nothing for their feeds; finished feeds stay recorded. */
  signal?: AbortSignal;
  /**
   * Called as each feed finishes, before its worker takes the next feed: the app hands new items on
   * in batches here, so a cycle of thousands of feeds never holds all their items at once.
   */
  onReport?: (report: FeedPollReport) => Promise<void>;
}

/**
 * Poll every due feed once, at most `concurrency` at a time. Each feed is independent: its failure
 * is recorded with a backoff and never delays or breaks another. Items of one feed are stored in
 * one transaction (shared with other feeds that finished together), so a stop mid-cycle leaves no
 * half-written feed. A store error stops the cycle: no further feed is started, the feeds in hand
 * are finished and reported, and then the error is thrown.
 */
export async function runPollCycle(deps: PollDependencies, settings: PollSettings, feeds?: FeedState[]): Promise<FeedPollReport[]> {
  const reports: FeedPollReport[] = [];
  const cycleStartedAt = deps.now();
  const queue: ClaimedFeed[] = feeds ? feeds.map((feed) => ({ feed, claimedAt: cycleStartedAt })) : [];
  let exhausted = feeds !== undefined;
  let claiming: Promise<void> | null = null;
  // Without an explicit list, due feeds are claimed from the store a few at a time: each is leased
  // to this process, so several replicas sharing a store poll each feed once, and a replica that
  // dies leaves its feeds due again when the lease ends.
  const refill = async (): Promise<void> => {
    const claimedAt = deps.now();
    claiming ??= deps.store.claimDueFeeds(claimedAt + DUE_LOOKAHEAD_MS, settings.leaseMs, settings.concurrency * 2).then((claimed) => {
      queue.push(...claimed.map((feed) => ({ feed, claimedAt })));
      if (claimed.length === 0) exhausted = true;
      claiming = null;
    });
    await claiming;
  };
  let activeWorkers = 0;
  const budget = new ByteBudget(BYTES_IN_PROGRESS);
  const writes = new WriteBatcher(deps.store, { maxItems: WRITE_BATCH_ITEMS, maxWaitMs: WRITE_WAIT_MS, activeWorkers: () => activeWorkers });
  // What stopped the cycle (the store failed, or onReport did); the first is thrown once workers end.
  const stopErrors: unknown[] = [];
  // A fixed pool of workers pulling from a shared queue: the whole of what p-limit would give us
  // here, without another dependency.
  const worker = async (): Promise<void> => {
    activeWorkers++;
    try {
      while (!deps.signal?.aborted && stopErrors.length === 0) {
        if (queue.length === 0 && !exhausted) await refill();
        const next = queue.shift();
        if (!next) return;
        const report = await pollOneFeed(next, deps, settings, writes, budget);
        if (!report) continue; // abandoned at shutdown: the loop ends
        reports.push(report);
        await deps.onReport?.(report);
      }
    } catch (error) {
      // No new feed is started, but the feeds other workers hold are finished and reported first:
      // failing at once would leave them running unseen, their stored items never handed on.
      stopErrors.push(error);
    } finally {
      activeWorkers--;
      writes.flushIfReady();
    }
  };
  await Promise.allSettled(Array.from({ length: settings.concurrency }, worker));
  if (stopErrors.length > 0) throw stopErrors[0];
  return reports;
}

/** A feed this cycle is to poll, and when it took it on: the feed's next poll is counted from then. */
interface ClaimedFeed {
  feed: FeedState;
  claimedAt: number;
}

/** The feed's outcome, recorded in the store; null when shutdown abandoned it and nothing was recorded. */
async function pollOneFeed({ feed, claimedAt }: ClaimedFeed, deps: PollDependencies, settings: PollSettings, writes: WriteBatcher, budget: ByteBudget): Promise<FeedPollReport | null> {
  const intervalMs = (feed.intervalMinutes ?? settings.defaultIntervalMinutes) * 60_000;
  // From the claim, not from when the fetch ended: counted from the end, each poll would come an
  // interval plus a fetch's duration after the last, and miss a scheduler tick of the same period.
  const nextDueAt = claimedAt + intervalMs;
  const firstSuccess = feed.lastSuccessAt === null;
  try {
    const access = feed.origin === 'chat' ? 'untrusted' : 'operator';
    const result = await deps.fetcher.fetch(feed.url, { etag: feed.etag, lastModified: feed.lastModified }, deps.signal, access);
    const at = deps.now();
    const movedTo = result.movedTo ?? null;
    warnOfNewMove(feed, movedTo, deps.logger);
    if (result.kind === 'not-modified') {
      await writes.submit({ url: feed.url, success: { at, etag: feed.etag, lastModified: feed.lastModified, nextDueAt, movedTo }, items: [] });
      return { feed, firstSuccess: false, outcome: { status: 'unchanged' } };
    }
    const release = await budget.take(result.body.length);
    let items: NormalizedItem[];
    let fresh: StoredItem[];
    try {
      // No await between parsing and submitting when the document parses at once (see ingestFeedBodyEagerly).
      const ingested = ingestFeedBodyEagerly(result.body, result.contentType, { feedId: feed.url, sourceName: feed.name ?? undefined, now: at, finalUrl: result.finalUrl });
      items = Array.isArray(ingested) ? ingested : await ingested;
      fresh = await writes.submit({ url: feed.url, success: { at, etag: result.etag, lastModified: result.lastModified, nextDueAt, movedTo }, items });
    } finally {
      release();
    }
    deps.logger.debug({ feed: feed.url, parsed: items.length, fresh: fresh.length }, 'feed polled');
    return { feed, firstSuccess, outcome: fresh.length > 0 ? { status: 'new', items: fresh, storedCount: fresh.length, parsedCount: items.length } : { status: 'unchanged' } };
  } catch (error) {
    const coded = asCodedError(error);
    if (coded.code.startsWith('store_')) throw coded; // the store is broken: stop the cycle, do not mark feeds failed
    if (deps.signal?.aborted) {
      // Nothing was wrong with the feed: left as it was, it is due again once its lease ends.
      deps.logger.debug({ feed: feed.url }, 'poll abandoned: shutting down');
      return null;
    }
    const at = deps.now();
    const failures = feed.consecutiveFailures + 1;
    const backoffUntil = claimedAt + nextRetryDelay(failures, { baseMs: intervalMs, maxMs: settings.maxBackoffMs, jitter: 0.2 });
    const retryAt = Math.max(backoffUntil, at + serverRetryDelay(error, settings));
    const message = error instanceof FeedError ? error.reason : coded.message;
    await deps.store.recordFeedFailure(feed.url, { at, code: coded.code, message, nextDueAt: retryAt });
    deps.logger.warn({ feed: feed.url, code: coded.code, failures, retryAt: new Date(retryAt).toISOString() }, message);
    return { feed, firstSuccess: false, outcome: { status: 'failed', code: coded.code, message, retryAt } };
  }
}

/**
 * A feed that redirects permanently keeps being polled at its old URL (its items and stories are
 * filed under it), so the operator is told, once: when the move is first seen, as the store then
 * remembers it. `/news feeds` shows it as long as it lasts.
 */
function warnOfNewMove(feed: FeedState, movedTo: string | null, logger: Logger): void {
  if (movedTo === null || movedTo === feed.movedTo) return;
  logger.warn({ feed: feed.url, movedTo }, `feed moved permanently to ${movedTo}: update its URL in the ${feed.origin === 'chat' ? 'feed list (/news feed add)' : 'config file'}`);
}

/**
 * How long the server asked us to wait (Retry-After on a 429 or 503), counted from its response:
 * polling sooner would only be refused again. Never past maxBackoffMs, so a server asking for
 * weeks still gets polled as often as any failing feed.
 */
function serverRetryDelay(error: unknown, settings: PollSettings): number {
  const asked = error instanceof FeedError ? (error.retryAfterMs ?? 0) : 0;
  return Math.min(asked, settings.maxBackoffMs);
}

/**
 * A budget of bytes shared by a cycle's workers: take() waits until the bytes fit (or nothing else
 * is in progress), and the release it returns gives them back. Ten lines, so no semaphore package.
 */
class ByteBudget {
  private used = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async take(bytes: number): Promise<() => void> {
    while (this.used > 0 && this.used + bytes > this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.used += bytes;
    return () => {
      this.used -= bytes;
      this.waiting.splice(0).forEach((wake) => wake());
    };
  }
}
