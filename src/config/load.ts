import { dirname, isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readYamlFile } from './yaml-file.js';
import type { z } from 'zod';
import { ConfigError } from '../errors.js';
import type { FeedDefinition } from '../feeds/types.js';
import type { SubscriptionSettings } from '../store/types.js';
import { configSchema } from './schema.js';
import { canonicalTimeZone } from './values.js';
import { parsePerspective } from '../digest/perspective.js';
import { BUNDLED_TOPICS_DIR } from './paths.js';
import type { Environment } from './env.js';

export const DEFAULT_CONFIG_PATH = 'config/newsbot.yaml';

/** The validated configuration with paths resolved and environment overrides applied. */
export interface NewsbotConfig {
  /** The file it was read from (absolute). */
  file: string;
  feeds: FeedDefinition[];
  topics: string[];
  /** Folders searched for topic files, in order: `topics/` beside the config file, then the bundled ones. */
  topicsDirs: string[];
  polling: {
    schedule: string;
    intervalMinutes: number;
    concurrency: number;
    timeoutMs: number;
    maxBytes: number;
    maxRedirects: number;
    maxBackoffMs: number;
    /** Hosts chat-added feeds may reach at private addresses (security.allowHosts). */
    allowHosts: string[];
  };
  storage: { path: string };
  /** Time zone for subscriptions that name none. */
  deliveryTimeZone: string;
  subscriptions: SubscriptionSettings[];
  commands: { slackAdmins: string[]; feedOperators: string[]; defaultSchedule: string; defaultTopic: string };
}

/** Which file to read: `--config`, else NEWSBOT_CONFIG, else config/newsbot.yaml. */
export function resolveConfigPath(cliPath: string | undefined, env: Environment, cwd = process.cwd()): string {
  return resolve(cwd, cliPath ?? env.configPath ?? DEFAULT_CONFIG_PATH);
}

/** Read and validate a config file. Throws ConfigError naming the file, the key path and the problem. */
export function loadConfig(path: string, env: Environment, cwd = process.cwd()): NewsbotConfig {
  const raw = readYamlFile(path, 'config_missing', 'config_syntax', 'file');
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError('config_invalid', path, formatIssues(parsed.error.issues));
  const data = parsed.data;
  const baseDir = dirname(path);
  return {
    file: path,
    feeds: data.feeds.map((feed) => {
      // Without a feed name, the outlet's is shown.
      const name = feed.name ?? feed.outlet?.name;
      return {
        url: resolveFeedUrl(feed.url, baseDir),
        ...(name !== undefined ? { name } : {}),
        ...(feed.interval !== undefined ? { intervalMinutes: feed.interval } : {}),
        ...(feed.outlet !== undefined
          ? { outlet: { ...(feed.outlet.name !== undefined ? { name: feed.outlet.name } : {}), country: feed.outlet.country ?? null, kind: feed.outlet.kind } }
          : {}),
      };
    }),
    topics: data.topics,
    topicsDirs: [resolve(baseDir, 'topics'), BUNDLED_TOPICS_DIR],
    polling: {
      schedule: data.polling.schedule,
      intervalMinutes: data.polling.interval,
      concurrency: data.polling.concurrency,
      timeoutMs: data.polling.timeoutSeconds * 1000,
      maxBytes: data.polling.maxBytes,
      maxRedirects: data.polling.maxRedirects,
      maxBackoffMs: data.polling.maxBackoffHours * 3_600_000,
      allowHosts: data.security.allowHosts,
    },
    deliveryTimeZone: canonicalTimeZone(data.delivery.timezone),
    commands: data.commands,
    subscriptions: data.subscriptions.map((sub) => ({
      platform: sub.platform,
      workspace: sub.workspace ?? null,
      channel: sub.channel ?? 'console',
      topic: sub.topic,
      mode: sub.mode,
      settleMs: sub.settle,
      updateEveryMs: sub.updateEvery,
      maxAgeMs: sub.maxAge,
      schedule: sub.schedule,
      // As chat stores it ("asia/tokyo" → "Asia/Tokyo"), so times show as JST, not GMT+9.
      timeZone: canonicalTimeZone(sub.timezone ?? data.delivery.timezone),
      maxStories: sub.maxStories,
      postEmpty: sub.postEmpty,
      minScore: sub.minScore ?? null,
      updates: sub.updates,
      perspective: sub.perspective === undefined ? null : parsePerspective(sub.perspective)!.token,
    })),
    // NEWSBOT_DB wins over the file; a relative path is relative to where newsbot runs.
    storage: { path: resolveStoragePath(env.databasePath ?? data.storage.path, cwd) },
  };
}

/** `feeds[3].url: expected an http(s) URL` — one line per problem. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const path = issue.path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '');
    return `${path || '(top level)'}: ${issue.message}`;
  });
}

function resolveFeedUrl(url: string, baseDir: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return url;
  return pathToFileURL(isAbsolute(url) ? url : resolve(baseDir, url)).toString();
}

function resolveStoragePath(path: string, cwd: string): string {
  if (path === ':memory:' || /^postgres(ql)?:\/\//.test(path)) return path;
  return resolve(cwd, path);
}
