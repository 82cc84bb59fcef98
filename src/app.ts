import type { NewsbotConfig } from './config/load.js';
import type { Logger } from './log.js';
import type { Store } from './store/types.js';
import type { FeedFetcher } from './feeds/types.js';
import { createFeedFetcher } from './feeds/fetcher.js';
import { openSqliteStore } from './store/sqlite/index.js';
import { runPollCycle, type FeedPollReport } from './feeds/poll-cycle.js';
import { scheduleCycles, type CycleScheduler } from './scheduler/poll-scheduler.js';
import { loadTopicByName } from './match/load-topic.js';
import { compileTopic, type CompiledTopic } from './match/compile.js';
import { createItemProcessor, type StoryChange } from './pipeline/item-processor.js';

/** What one polling cycle did: per-feed outcomes, and the stories that were created or grew. */
export interface CycleResult {
  reports: FeedPollReport[];
  changes: StoryChange[];
}

/** Everything newsbot is made of, built and wired in one place. */
export interface App {
  config: NewsbotConfig;
  store: Store;
  fetcher: FeedFetcher;
  logger: Logger;
  topics: CompiledTopic[];
  /** One polling cycle over all due feeds (or all feeds with `force`), then matching and clustering. */
  pollOnce(options?: { force?: boolean }): Promise<CycleResult>;
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

  const topics = config.topics.map((name) => compileTopic(loadTopicByName(config.topicsDirs, name)));
  await store.syncConfiguredFeeds(config.feeds, now());
  const processor = createItemProcessor(store, topics, logger);
  await processor.restore(now());
  const settings = {
    concurrency: config.polling.concurrency,
    defaultIntervalMinutes: config.polling.intervalMinutes,
    maxBackoffMs: config.polling.maxBackoffMs,
  };

  const pollOnce = async (options: { force?: boolean } = {}): Promise<CycleResult> => {
    const feeds = options.force ? (await store.listFeeds()).filter((feed) => feed.enabled) : undefined;
    const reports = await runPollCycle({ store, fetcher, logger, now, signal: abort.signal }, settings, feeds);
    const changes = await processor.processPoll(reports, now());
    return { reports, changes };
  };

  return {
    config,
    store,
    fetcher,
    logger,
    topics,
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
