import type { NewsbotConfig } from './config/load.js';
import type { Logger } from './log.js';
import type { Store } from './store/types.js';
import type { FeedFetcher } from './feeds/types.js';
import { createFeedFetcher } from './feeds/fetcher.js';
import { openSqliteStore } from './store/sqlite/index.js';
import { runPollCycle, type FeedPollReport } from './feeds/poll-cycle.js';
import { scheduleCycles, type CycleScheduler } from './scheduler/poll-scheduler.js';

/** Everything newsbot is made of, built and wired in one place. */
export interface App {
  config: NewsbotConfig;
  store: Store;
  fetcher: FeedFetcher;
  logger: Logger;
  /** One polling cycle over all due feeds (or all feeds with `force`). */
  pollOnce(options?: { force?: boolean }): Promise<FeedPollReport[]>;
  /** Start the cron-driven polling loop; resolves the scheduler so callers can stop it. */
  startScheduler(): CycleScheduler;
  /** Finish or abandon in-flight work, then close the store. Safe to call twice. */
  shutdown(): Promise<void>;
}

export interface AppOverrides {
  store?: Store;
  fetcher?: FeedFetcher;
  now?: () => number;
}

export async function createApp(config: NewsbotConfig, logger: Logger, overrides: AppOverrides = {}): Promise<App> {
  const store = overrides.store ?? openSqliteStore(config.storage.path);
  const fetcher =
    overrides.fetcher ??
    createFeedFetcher({ timeoutMs: config.polling.timeoutMs, maxBytes: config.polling.maxBytes, maxRedirects: config.polling.maxRedirects });
  const now = overrides.now ?? Date.now;
  const abort = new AbortController();
  let scheduler: CycleScheduler | null = null;
  let closed = false;

  await store.syncConfiguredFeeds(config.feeds, now());
  const settings = {
    concurrency: config.polling.concurrency,
    defaultIntervalMinutes: config.polling.intervalMinutes,
    maxBackoffMs: config.polling.maxBackoffMs,
  };

  const pollOnce = async (options: { force?: boolean } = {}): Promise<FeedPollReport[]> => {
    const feeds = options.force ? (await store.listFeeds()).filter((feed) => feed.enabled) : undefined;
    return runPollCycle({ store, fetcher, logger, now, signal: abort.signal }, settings, feeds);
  };

  return {
    config,
    store,
    fetcher,
    logger,
    pollOnce,
    startScheduler() {
      scheduler = scheduleCycles(config.polling.schedule, () => pollOnce(), logger, { runNow: true });
      return scheduler;
    },
    async shutdown() {
      if (closed) return;
      closed = true;
      abort.abort();
      await scheduler?.stop();
      await store.close();
    },
  };
}
