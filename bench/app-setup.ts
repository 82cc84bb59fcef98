import { configSchema } from '../src/config/schema.js';
import type { Environment } from '../src/config/env.js';
import type { PollSettings } from '../src/feeds/poll-cycle.js';
import { compileTopic, type CompiledTopic } from '../src/match/compile.js';
import { loadTopicByName } from '../src/match/load-topic.js';

/**
 * The bundled topic folder, found from this file. (BUNDLED_TOPICS_DIR in src/config/paths.ts
 * assumes dist/ one level below the package root; dist-bench/ keeps src/ below it, so it points
 * one level too deep here.)
 */
export const TOPICS_DIR = new URL('../../config/topics', import.meta.url).pathname;

export function bundledTopic(): CompiledTopic {
  return compileTopic(loadTopicByName(TOPICS_DIR, 'japan-china-taiwan'));
}

/** The polling settings a config file without a `polling:` block gets (concurrency 8 …), as src/app.ts derives them. */
export function defaultPollSettings(): PollSettings {
  const polling = configSchema.parse({ feeds: [{ url: 'https://example.com/feed.xml' }] }).polling;
  return {
    concurrency: polling.concurrency,
    leaseMs: Math.max(60_000, polling.timeoutSeconds * 4000),
    defaultIntervalMinutes: polling.interval,
    maxBackoffMs: polling.maxBackoffHours * 3_600_000,
  };
}

/** The environment a bench app runs in: no chat tokens, no database override, quiet logs. */
export const BENCH_ENV: Environment = { configPath: undefined, databasePath: undefined, logLevel: 'warn', port: 3000, slack: null, discord: null };
