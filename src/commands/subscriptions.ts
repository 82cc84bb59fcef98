import { canonicalTimeZone, isCronExpression, isTimeZone } from '../config/values.js';
import { nextScheduledTime } from '../pipeline/delivery-planner.js';
import { formatTime } from '../digest/time.js';
import type { Subscription, SubscriptionSettings } from '../store/types.js';
import type { Command, CommandContext, CommandReply } from './types.js';
import { zoneOf, type CommandDeps } from './deps.js';

type Subscribe = Extract<Command, { name: 'subscribe' }>;

/** `subscribe`: validate everything first (nothing is saved on a bad command), then upsert. */
export async function subscribeCommand(command: Subscribe, context: CommandContext, deps: CommandDeps): Promise<CommandReply> {
  const topic = command.topic ?? deps.defaults.topic;
  if (!deps.topics.has(topic)) {
    return { ephemeral: true, text: `Unknown topic "${topic}". Topics: ${[...deps.topics.keys()].join(', ')}.\nExample: /news subscribe ${deps.defaults.topic} mode alert` };
  }
  const schedule = command.schedule ?? deps.defaults.schedule;
  if (!isCronExpression(schedule)) {
    return { ephemeral: true, text: `"${schedule}" is not a cron schedule (minute hour day month weekday).\nExample: /news subscribe mode digest schedule "0 8,18 * * *" tz Asia/Tokyo` };
  }
  const timeZone = command.timeZone ?? zoneOf(context, deps);
  if (!isTimeZone(timeZone)) {
    return { ephemeral: true, text: `"${timeZone}" is not a time zone I know (IANA names such as Asia/Tokyo, Asia/Taipei, Europe/London, UTC).\nExample: /news subscribe tz Asia/Taipei` };
  }
  const existing = await channelSubscription(topic, context, deps);
  if (existing?.origin === 'config') return setInConfigFile(existing);
  const settings: SubscriptionSettings = {
    platform: context.platform,
    workspace: context.workspace,
    channel: context.channel,
    topic,
    mode: command.mode ?? existing?.mode ?? 'digest',
    settleMs: existing?.settleMs ?? 2 * 60_000,
    updateEveryMs: existing?.updateEveryMs ?? 30 * 60_000,
    maxAgeMs: existing?.maxAgeMs ?? 24 * 3_600_000,
    schedule: command.schedule ?? existing?.schedule ?? schedule,
    timeZone: command.timeZone !== undefined ? canonicalTimeZone(command.timeZone) : (existing?.timeZone ?? canonicalTimeZone(timeZone)),
    maxStories: existing?.maxStories ?? 10,
    postEmpty: existing?.postEmpty ?? false,
    minScore: command.minScore !== undefined ? command.minScore : (existing?.minScore ?? null),
    updates: command.updates ?? existing?.updates ?? 'thread',
    perspective: command.perspective !== undefined ? command.perspective : (existing?.perspective ?? null),
  };
  const { subscription, created } = await deps.store.upsertChatSubscription(settings, deps.now());
  return { ephemeral: false, text: `${created ? 'Subscribed' : 'Subscription updated'}: ${describe(subscription, deps.now())}` };
}

/** This channel's subscription to `topic`, if it has one. */
async function channelSubscription(topic: string, context: CommandContext, deps: CommandDeps): Promise<Subscription | undefined> {
  return (await deps.store.channelSubscriptions(context.platform, context.channel)).find((s) => s.topic === topic);
}

/**
 * A subscription the config file declares is the operator's: the file is written back at every
 * start, so a change from chat would be undone by the next restart without anyone being told.
 */
function setInConfigFile(subscription: Subscription): CommandReply {
  return { ephemeral: true, text: `This channel's ${subscription.topic} subscription is set in the bot's config file: it is changed or removed there (and the bot restarted), not from chat. /news pause and /news resume still work.` };
}

export async function unsubscribeCommand(topic: string, context: CommandContext, deps: CommandDeps): Promise<CommandReply> {
  const existing = await channelSubscription(topic, context, deps);
  if (existing?.origin === 'config') return setInConfigFile(existing);
  const removed = await deps.store.removeSubscription(context.platform, context.channel, topic);
  return removed
    ? { ephemeral: false, text: `Unsubscribed this channel from ${topic}.` }
    : { ephemeral: true, text: `This channel has no subscription to ${topic}. See /news list.` };
}

export async function pauseCommand(action: 'pause' | 'resume', context: CommandContext, deps: CommandDeps): Promise<CommandReply> {
  const subscriptions = await deps.store.channelSubscriptions(context.platform, context.channel);
  if (subscriptions.length === 0) return { ephemeral: true, text: 'This channel has no subscriptions. Try /news subscribe.' };
  for (const subscription of subscriptions) {
    if (action === 'pause') await deps.store.setSubscriptionStatus(subscription.id, 'paused', `paused by ${context.user}`);
    // Resumed from a pause, alerts start with stories first seen from now: what came in meanwhile is
    // not posted as a burst (digests still list it). A failing subscription resumed is another
    // matter: nobody asked for its silence, so what it missed is still delivered.
    else await deps.store.setSubscriptionStatus(subscription.id, 'active', null, subscription.status === 'paused' ? deps.now() : undefined);
  }
  return {
    ephemeral: false,
    text: action === 'pause' ? 'Paused: nothing is posted here until /news resume.' : 'Resumed: deliveries to this channel start again (alerts for stories from now on; /news latest shows what came in meanwhile).',
  };
}

export async function listCommand(share: boolean, context: CommandContext, deps: CommandDeps): Promise<CommandReply> {
  const subscriptions = await deps.store.channelSubscriptions(context.platform, context.channel);
  if (subscriptions.length === 0) return { ephemeral: true, text: 'This channel has no subscriptions. An admin can add one with /news subscribe.' };
  return { ephemeral: !share, text: ['Subscriptions in this channel:', ...subscriptions.map((s) => `• ${describe(s, deps.now())}`)].join('\n') };
}

const UPDATES: Record<Subscription['updates'], string> = { thread: 'in a thread under the alert', channel: 'in the channel', off: 'off' };

/** "japan-china-taiwan, digest at 0 8,18 * * * (Asia/Tokyo), next 27 Jan 2026, 18:00 JST, active". */
export function describe(subscription: Subscription, now: number): string {
  const how =
    subscription.mode === 'alert'
      ? `alerts as stories break (after ${Math.round(subscription.settleMs / 1000)} s to gather sources)`
      : `digest at "${subscription.schedule}" (${subscription.timeZone}), next ${formatTime(nextScheduledTime(subscription.schedule, subscription.timeZone, now) ?? now, subscription.timeZone)}`;
  const minScore = subscription.minScore !== null ? `, min score ${subscription.minScore}` : '';
  const updates = subscription.mode === 'alert' ? `, updates ${UPDATES[subscription.updates]}` : '';
  const perspective = subscription.perspective ? `, only stories with ${subscription.perspective} reports` : '';
  const status = subscription.status === 'active' ? 'active' : `${subscription.status}${subscription.statusReason ? `: ${subscription.statusReason}` : ''}`;
  return `${subscription.topic}, ${how}${updates}${perspective}${minScore} [${status}]`;
}
