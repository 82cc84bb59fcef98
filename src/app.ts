import type { NewsbotConfig } from './config/load.js';
import type { Logger } from './log.js';
import type { Store } from './store/types.js';
import type { FeedFetcher } from './feeds/types.js';
import { createFeedFetcher } from './feeds/fetcher.js';
import { openStore } from './store/open.js';
import { runPollCycle, type FeedPollReport } from './feeds/poll-cycle.js';
import { scheduleCycles, type CycleScheduler } from './scheduler/poll-scheduler.js';
import { loadTopicByName } from './match/load-topic.js';
import { compileTopic, type CompiledTopic } from './match/compile.js';
import { createItemProcessor, type StoryChange } from './pipeline/item-processor.js';
import { planDeliveries } from './pipeline/delivery-planner.js';
import { sendDueMessages, type SendReport } from './pipeline/outbox-sender.js';
import type { ChatAdapter, CommandRuntime } from './chat/adapter.js';
import { createConsoleAdapter } from './chat/console/adapter.js';
import type { Platform } from './store/types.js';
import type { Server } from 'node:http';
import { setMaxListeners } from 'node:events';
import { createMetrics, type Metrics } from './ops/metrics.js';
import { healthRoutes, startHttpServer } from './ops/health.js';
import { outletDirectory, type OutletDirectory } from './feeds/outlets.js';

/** What one polling cycle did: per-feed outcomes, and the stories that were created or grew. */
export interface CycleResult {
  reports: FeedPollReport[];
  changes: StoryChange[];
}

/** New items handed to matching and clustering together (a batch per lock, per transaction). */
const PROCESS_BATCH_ITEMS = 1_000;
/** Batches whose writes may still be under way while the next is processed (see pollOnce). */
const SAVES_IN_FLIGHT = 2;

/** Everything newsbot is made of, built and wired in one place. */
export interface App {
  config: NewsbotConfig;
  store: Store;
  fetcher: FeedFetcher;
  logger: Logger;
  topics: CompiledTopic[];
  /** Outlet facts of the configured feeds (perspective labels). */
  outlets: OutletDirectory;
  /** One polling cycle over all due feeds (or all feeds with `force`), then matching and clustering. */
  pollOnce(options?: { force?: boolean }): Promise<CycleResult>;
  adapters: Map<Platform, ChatAdapter>;
  /** What chat adapters need to answer `/news`. */
  commands: CommandRuntime;
  metrics: Metrics;
  /** Queue what is due (settled alerts, updates, digests) and send every due message. */
  deliver(): Promise<{ queued: number; report: SendReport }>;
  /** Start polling on the cron schedule and delivering every minute; chat adapters start listening. */
  start(): Promise<void>;
  /** Finish or abandon in-flight work, then close the store. Safe to call twice. */
  shutdown(): Promise<void>;
}

export interface AppOverrides {
  store?: Store;
  fetcher?: FeedFetcher;
  now?: () => number;
  /** Chat adapters by platform; the console adapter on stdout when absent. */
  adapters?: Map<Platform, ChatAdapter>;
  /** Serve /healthz, /readyz and /metrics on this port when started (none when absent). */
  httpPort?: number;
}

export async function createApp(config: NewsbotConfig, logger: Logger, overrides: AppOverrides = {}): Promise<App> {
  const store = overrides.store ?? (await openStore(config.storage.path));
  const fetcher =
    overrides.fetcher ??
    createFeedFetcher({ timeoutMs: config.polling.timeoutMs, maxBytes: config.polling.maxBytes, maxRedirects: config.polling.maxRedirects, allowHosts: config.polling.allowHosts });
  const now = overrides.now ?? Date.now;
  const abort = new AbortController();
  // Each fetch in flight listens on it until the fetch ends (see fetcher.ts): `concurrency` of them
  // per cycle is expected, not the leak Node warns of past 10. Twice, for a forced cycle on top.
  setMaxListeners(Math.max(10, 2 * config.polling.concurrency), abort.signal);
  const schedulers: CycleScheduler[] = [];
  const metrics = createMetrics();
  let discordLeading = false;
  let leadTimer: NodeJS.Timeout | null = null;
  let httpServer: Server | null = null;
  const adapters = overrides.adapters ?? new Map<Platform, ChatAdapter>([['console', createConsoleAdapter(process.stdout)]]);
  let closed = false;

  const topics = config.topics.map((name) => compileTopic(loadTopicByName(config.topicsDirs, name)));
  await store.syncConfiguredFeeds(config.feeds, now());
  await store.syncConfiguredSubscriptions(config.subscriptions, now());
  const topicsByName = new Map(topics.map((topic) => [topic.name, topic]));
  const outlets = outletDirectory(config.feeds);
  const processor = createItemProcessor(store, topics, logger, {}, now);
  await processor.restore(now());
  const settings = {
    concurrency: config.polling.concurrency,
    // Longer than any poll of one feed can take (a feed is claimed just before it is fetched: the
    // timeout, then parsing and storing), so a live replica keeps its feeds; a dead one's come back
    // within a minute. Too short would only cost a second fetch: items are stored once either way.
    leaseMs: Math.max(60_000, config.polling.timeoutMs * 4),
    defaultIntervalMinutes: config.polling.intervalMinutes,
    maxBackoffMs: config.polling.maxBackoffMs,
  };

  const pollOnce = async (options: { force?: boolean } = {}): Promise<CycleResult> => {
    const feeds = options.force ? (await store.listFeeds()).filter((feed) => feed.enabled) : undefined;
    // New items go on to matching and clustering in batches as feeds finish (one batch at a time,
    // in order), and are let go once stored in stories: memory stays bounded however many feeds.
    const changes: StoryChange[] = [];
    let pending: FeedPollReport[] = [];
    let pendingItems = 0;
    let processing: Promise<void> = Promise.resolve();
    // A batch's writes go on (on the SQLite store's thread) while the next batch is read and clustered.
    const saves: Array<Promise<void>> = [];
    let settledSaves = 0;
    const flush = (): Promise<void> => {
      const batch = pending;
      pending = [];
      pendingItems = 0;
      processing = processing.then(async () => {
        if (batch.length === 0) return;
        const processed = await processor.processPollQueued(batch, now());
        processed.saved.catch(() => undefined); // awaited below, after the cycle
        saves.push(processed.saved);
        // Reading runs ahead of writing by a batch or two at most: queued writes hold their items.
        if (saves.length - settledSaves > SAVES_IN_FLIGHT) await saves[settledSaves++];
        changes.push(...processed.changes);
        for (const report of batch) if (report.outcome.status === 'new') report.outcome.items = [];
      });
      return processing;
    };
    const onReport = async (report: FeedPollReport): Promise<void> => {
      if (report.outcome.status !== 'new') return;
      pending.push(report);
      pendingItems += report.outcome.items.length;
      if (pendingItems >= PROCESS_BATCH_ITEMS) await flush();
    };
    let reports: FeedPollReport[];
    try {
      reports = await runPollCycle({ store, fetcher, logger, now, signal: abort.signal, onReport }, settings, feeds);
    } finally {
      // Even when the cycle failed (a store error): the items its feeds did store are no longer new
      // to the next cycle, so they are matched and clustered now or not until a restart.
      await flush();
      await Promise.all(saves);
    }
    const relevantItems = changes.reduce((sum, change) => sum + change.itemIds.length, 0);
    metrics.recordPoll(reports, relevantItems);
    metrics.recordStories(changes);
    return { reports, changes };
  };

  // Delivery runs one pass at a time: a tick that finds a pass running waits for it, then runs,
  // so nothing queued meanwhile is missed and no message is sent twice by overlapping passes.
  let delivering: Promise<unknown> = Promise.resolve();
  const deliver = (): Promise<{ queued: number; report: SendReport }> => {
    const pass = delivering.then(async () => {
      const queued = await planDeliveries(store, topicsByName, outlets, now());
      const report = await sendDueMessages(store, adapters, logger, now);
      metrics.recordDelivery(report);
      return { queued, report };
    });
    delivering = pass.catch(() => undefined);
    return pass;
  };

  const commands: CommandRuntime = {
    deps: {
      store,
      topics: topicsByName,
      fetcher,
      defaults: { topic: config.commands.defaultTopic, timeZone: config.deliveryTimeZone, schedule: config.commands.defaultSchedule },
      now,
      outlets,
      feedOperators: config.commands.feedOperators,
    },
    slackAdmins: config.commands.slackAdmins,
  };

  return {
    config,
    store,
    fetcher,
    logger,
    topics,
    outlets,
    pollOnce,
    adapters,
    deliver,
    commands,
    metrics,
    async start() {
      const routes = healthRoutes(
        {
          storeReachable: async () => (await store.countItems()) >= 0,
          schedulerRunning: () => schedulers.length > 0 && !closed,
        },
        metrics.registry,
      );
      const served = [...adapters.values()].some((adapter) => adapter.serveHttpRoutes?.(routes) ?? false);
      for (const adapter of adapters.values()) {
        if (adapter.platform !== 'discord') await adapter.start?.(commands);
      }
      // One gateway connection per bot: with several replicas, the one holding the role connects and
      // answers commands; the others try again every 30 s and take over when its session ends.
      const discord = adapters.get('discord');
      if (discord?.start) {
        const tryLead = async (): Promise<void> => {
          if (closed || discordLeading) return;
          if (!(await store.tryHoldRole('discord-gateway'))) return;
          discordLeading = true;
          if (leadTimer) clearInterval(leadTimer);
          await discord.start?.(commands);
          logger.info('this replica holds the Discord gateway');
        };
        await tryLead();
        if (!discordLeading) leadTimer = setInterval(() => void tryLead().catch((error: unknown) => logger.error({ err: error }, 'Discord leadership check failed')), 30_000);
      }
      if (!served && overrides.httpPort !== undefined) httpServer = await startHttpServer(routes, overrides.httpPort);
      schedulers.push(scheduleCycles(config.polling.schedule, () => pollOnce().then(deliver), logger, { runNow: true }));
      // Settle delays, batched updates, digests and retries come due between polls.
      schedulers.push(scheduleCycles('* * * * *', deliver, logger));
    },
    async shutdown() {
      if (closed) return;
      closed = true;
      abort.abort();
      if (leadTimer) clearInterval(leadTimer);
      await Promise.all(schedulers.map((scheduler) => scheduler.stop()));
      await new Promise<void>((resolve) => (httpServer ? httpServer.close(() => resolve()) : resolve()));
      for (const adapter of adapters.values()) await adapter.stop();
      await store.close();
    },
  };
}
