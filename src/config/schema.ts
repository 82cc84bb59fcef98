import { z } from 'zod';
import { isCronExpression, isTimeZone, parseDuration } from './values.js';
import { isCountryCode, OUTLET_KINDS } from '../feeds/outlets.js';
import { parsePerspective, PERSPECTIVE_HINT } from '../digest/perspective.js';

const httpOrFileUrl = z.string().refine((value) => {
  if (!/^[a-z][a-z0-9+.-]*:/i.test(value)) return value.length > 0; // a relative file path
  try {
    return ['http:', 'https:', 'file:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}, 'expected an http(s) URL or a file path');

const cronExpression = z.string().refine((value) => isCronExpression(value), 'expected a cron expression such as "*/5 * * * *"');
const duration = z.string().transform((value, ctx) => {
  const ms = parseDuration(value);
  if (ms === null) {
    ctx.addIssue({ code: 'custom', message: `expected a duration such as "2m", "30s" or "1h", got "${value}"` });
    return z.NEVER;
  }
  return ms;
});
const timeZone = z.string().refine((value) => isTimeZone(value), 'expected an IANA time zone such as "Asia/Tokyo" or "UTC"');

/** A channel subscription declared as code (slash commands add more, kept in the store). */
export const subscriptionSchema = z.strictObject({
  platform: z.enum(['slack', 'discord', 'console']),
  /** Required on Slack and Discord (a channel id); the console has one channel, "console". */
  channel: z.string().min(1).optional(),
  /** Slack team id or Discord guild id, when known. */
  workspace: z.string().min(1).optional(),
  topic: z.string().min(1).default('japan-china-taiwan'),
  mode: z.enum(['alert', 'digest']).default('digest'),
  /** alert: wait this long for more sources before posting a new story. */
  settle: duration.default(120_000),
  /** alert: later sources of a posted story are batched into one update at most this often. */
  updateEvery: duration.default(30 * 60_000),
  /** alert: items older than this are never alerted (a digest may still list them). */
  maxAge: duration.default(24 * 3_600_000),
  /** digest: when to post (cron, in `timezone`). */
  schedule: cronExpression.default('0 8,18 * * *'),
  timezone: timeZone.optional(),
  /** digest: at most this many stories, then "and N more". */
  maxStories: z.number().int().min(1).max(50).default(10),
  /** digest: post "nothing new" when the window is empty (default: post nothing). */
  postEmpty: z.boolean().default(false),
  /** Only stories scoring at least this much. */
  minScore: z.number().optional(),
  /**
   * alert: where later sources of a posted story go: a thread under the first alert (default), the
   * channel itself, or nowhere (the first alert's source count is still kept current).
   */
  updates: z.enum(['thread', 'channel', 'off']).default('thread'),
  /** Only stories with a report from this perspective ("cn-state", "jp", "wire"): an alert waits for one. */
  perspective: z.string().refine((value) => parsePerspective(value) !== null, `expected ${PERSPECTIVE_HINT}`).optional(),
}).check((ctx) => {
  if (ctx.value.platform !== 'console' && ctx.value.channel === undefined) {
    ctx.issues.push({ code: 'custom', input: ctx.value, path: ['channel'], message: `a ${ctx.value.platform} subscription needs the channel's id` });
  }
});

/** Who the outlet behind a feed is: shown as each story's spread ("JP public, CN state, wire"). */
export const outletSchema = z.strictObject({
  name: z.string().min(1).optional(),
  /** ISO 3166-1 alpha-2; leave out for international wires (Reuters, AP, AFP). */
  country: z
    .string()
    .transform((value) => value.toUpperCase())
    .refine((value) => isCountryCode(value), 'expected an ISO 3166-1 alpha-2 country code such as "JP", "CN" or "TW"')
    .optional(),
  kind: z.enum(OUTLET_KINDS, { error: `expected one of ${OUTLET_KINDS.join(', ')}` }),
});

export const feedSchema = z.strictObject({
  url: httpOrFileUrl,
  name: z.string().min(1).optional(),
  /** Minutes between polls of this feed (fractions allowed: 0.5 = 30 s). */
  interval: z.number().min(0.05).max(24 * 60).optional(),
  outlet: outletSchema.optional(),
});

export const configSchema = z.strictObject({
  polling: z
    .strictObject({
      schedule: cronExpression.default('*/5 * * * *'),
      /** Default minutes between polls of a feed that sets no interval of its own (fractions allowed). */
      interval: z.number().min(0.05).max(24 * 60).default(5),
      // Feeds in progress at once (fetching, parsing, waiting for the store). 32 keeps the main thread
      // busy while the SQLite thread writes (2 000-feed bench: 16 → 11.3 s, 32 → 9.2 s); the HTTP
      // agent still opens at most 16 connections to one host.
      concurrency: z.number().int().min(1).max(256).default(32),
      timeoutSeconds: z.number().positive().max(300).default(15),
      maxBytes: z.number().int().min(1024).default(5 * 1024 * 1024),
      maxRedirects: z.number().int().min(0).max(20).default(5),
      maxBackoffHours: z.number().positive().max(168).default(6),
    })
    .prefault({}),
  storage: z.strictObject({ path: z.string().min(1).default('data/newsbot.db') }).prefault({}),
  topics: z.array(z.string().min(1)).min(1).default(['japan-china-taiwan']),
  feeds: z.array(feedSchema).min(1, 'expected at least one feed'),
  delivery: z.strictObject({ timezone: timeZone.default('UTC') }).prefault({}),
  security: z
    .strictObject({
      /** Hosts that feeds added from chat may reach even at private or loopback addresses. */
      allowHosts: z.array(z.string().min(1)).default([]),
    })
    .prefault({}),
  commands: z
    .strictObject({
      /** Slack user ids allowed to change subscriptions and feeds, besides workspace admins and owners. */
      slackAdmins: z.array(z.string().regex(/^[UW][A-Z0-9]+$/, 'expected a Slack user id such as "U0123ABCD"')).default([]),
      /**
       * Who may add and remove feeds from chat ("slack:U0123ABCD", "discord:123456789012345678"). The
       * feed list is the whole bot's: on a bot shared by several workspaces or servers, list its
       * operators here. Empty: any channel admin, as for subscriptions.
       */
      feedOperators: z.array(z.string().regex(/^(?:slack:[UW][A-Z0-9]+|discord:\d{5,25})$/, 'expected "slack:<user id>" or "discord:<user id>"')).default([]),
      /** The digest schedule of `/news subscribe` without one. */
      defaultSchedule: cronExpression.default('0 8,18 * * *'),
      defaultTopic: z.string().min(1).default('japan-china-taiwan'),
    })
    .prefault({}),
  subscriptions: z.array(subscriptionSchema).default([]),
}).check((ctx) => {
  const { topics, subscriptions, commands } = ctx.value;
  const known = `the topics loaded (topics: ${topics.join(', ')})`;
  // A subscription to a topic that is not loaded would be skipped at every delivery without a word.
  if (!topics.includes(commands.defaultTopic)) ctx.issues.push({ code: 'custom', input: commands.defaultTopic, path: ['commands', 'defaultTopic'], message: `"${commands.defaultTopic}" is not one of ${known}` });
  const seen = new Map<string, number>();
  subscriptions.forEach((subscription, n) => {
    if (!topics.includes(subscription.topic)) ctx.issues.push({ code: 'custom', input: subscription.topic, path: ['subscriptions', n, 'topic'], message: `"${subscription.topic}" is not one of ${known}` });
    // The store keeps one subscription per platform, channel and topic: a second would silently replace the first.
    const key = `${subscription.platform}\n${subscription.channel ?? 'console'}\n${subscription.topic}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, n);
    else ctx.issues.push({ code: 'custom', input: subscription, path: ['subscriptions', n], message: `same platform, channel and topic as subscriptions[${first}]: a channel has one subscription per topic` });
  });
});

export type NewsbotConfigFile = z.infer<typeof configSchema>;
