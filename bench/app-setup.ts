import type { Environment } from '../src/config/env.js';
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

/** The environment a bench app runs in: no chat tokens, no database override, quiet logs. */
export const BENCH_ENV: Environment = { configPath: undefined, databasePath: undefined, logLevel: 'warn', port: 3000, slack: null, discord: null };
