import { CronExpressionParser } from 'cron-parser';
import type { CompiledTopic } from '../match/compile.js';
import type { Delivery, DeliveryPlan, Store, StoryWithMembers, Subscription } from '../store/types.js';
import { toStoryCard } from '../digest/story-card.js';
import { buildDigest } from '../digest/digest.js';
import type { AlertMessage, DigestMessage, SourceRef, UpdateMessage } from '../digest/model.js';
import { outletLabelOf, type OutletDirectory } from '../feeds/outlets.js';
import { parsePerspective, storyHasPerspective } from '../digest/perspective.js';

/**
 * Decide what is due for every active subscription and queue it in the outbox (one transaction):
 * settled new stories as alerts, grown stories as updates (at most every `updateEvery`), and
 * digests whose scheduled time has passed since the last one. Returns the number of messages queued.
 */
export async function planDeliveries(store: Store, topics: Map<string, CompiledTopic>, outlets: OutletDirectory, now: number): Promise<number> {
  const plan: DeliveryPlan = { outbox: [], deliveries: [], digestsDone: [] };
  for (const subscription of await store.listSubscriptions()) {
    if (subscription.status !== 'active') continue;
    const topic = topics.get(subscription.topic);
    if (!topic) continue; // a subscription to a topic this process does not load: nothing to match
    if (subscription.mode === 'alert') await planAlerts(store, subscription, topic, outlets, now, plan);
    else await planDigest(store, subscription, topic, outlets, now, plan);
  }
  return plan.outbox.length + plan.digestsDone.length === 0 ? 0 : store.savePlan(plan, now);
}

async function card(store: Store, story: StoryWithMembers, topic: CompiledTopic, outlets: OutletDirectory) {
  return toStoryCard(story, await store.getMatch(story.headlineItemId, topic.name), topic.groupLabels, outlets);
}

async function planAlerts(store: Store, subscription: Subscription, topic: CompiledTopic, outlets: OutletDirectory, now: number, plan: DeliveryPlan): Promise<void> {
  const perspective = subscription.perspective === null ? null : parsePerspective(subscription.perspective);
  for (const story of await store.storiesAwaitingAlert(subscription, now)) {
    const message: AlertMessage = { kind: 'alert', story: await card(store, story, topic, outlets), timeZone: subscription.timeZone };
    // A story with no report from the perspective asked for waits: one may still join it.
    if (perspective && !storyHasPerspective(message.story, perspective)) continue;
    plan.outbox.push({ subscriptionId: subscription.id, storyId: story.id, kind: 'alert', payload: message, dedupeKey: `alert:${subscription.id}:${story.id}`, notBefore: now });
    plan.deliveries.push({ subscriptionId: subscription.id, storyId: story.id, firstPostedAt: now, lastPostedAt: now, postedItemIds: story.members.map((m) => m.item.id) });
  }
  for (const { delivery, story } of await store.storiesWithNewReports(subscription)) {
    if (delivery.lastPostedAt > now - subscription.updateEveryMs) continue; // batch later sources into one update
    const message: UpdateMessage = { kind: 'update', story: await card(store, story, topic, outlets), newSources: newSources(story, delivery, subscription.activeSince, outlets), timeZone: subscription.timeZone };
    if (message.newSources.length === 0) continue; // more reports, but from outlets already shown
    plan.outbox.push({
      subscriptionId: subscription.id,
      storyId: story.id,
      kind: 'update',
      payload: message,
      dedupeKey: `update:${subscription.id}:${story.id}:${story.members.length}`,
      notBefore: now,
    });
    plan.deliveries.push({ ...delivery, lastPostedAt: now, postedItemIds: story.members.map((m) => m.item.id) });
  }
}

/**
 * Sources of reports not yet posted, from outlets not already shown, that joined the story since
 * the subscription's deliveries last started over (reports added while a channel was paused or took
 * digests are not posted as updates afterwards).
 */
function newSources(story: StoryWithMembers, delivery: Delivery, activeSince: number, outlets: OutletDirectory): SourceRef[] {
  const posted = new Set(delivery.postedItemIds);
  const shownOutlets = new Set(story.members.filter((m) => posted.has(m.item.id)).map((m) => m.sourceKey));
  const fresh: SourceRef[] = [];
  for (const member of story.members) {
    if (posted.has(member.item.id) || shownOutlets.has(member.sourceKey) || member.addedAt < activeSince) continue;
    shownOutlets.add(member.sourceKey);
    fresh.push({ name: member.item.source, sourceKey: member.sourceKey, link: member.item.link, time: member.eventTime, outlet: outletLabelOf(outlets, member.item.feedId) });
  }
  return fresh;
}

async function planDigest(store: Store, subscription: Subscription, topic: CompiledTopic, outlets: OutletDirectory, now: number, plan: DeliveryPlan): Promise<void> {
  // A scheduled time counts once it is later than the last digest and than the schedule itself.
  const countsFrom = Math.max(subscription.lastDigestAt ?? 0, subscription.activeSince);
  const due = dueDigestSlot(subscription.schedule, subscription.timeZone, countsFrom, now);
  if (due === null) return;
  const message = await buildDigestFor(store, subscription, topic, outlets, now);
  plan.digestsDone.push({ subscriptionId: subscription.id, at: now });
  if (message.stories.length === 0 && !subscription.postEmpty) return; // an empty window posts nothing
  plan.outbox.push({ subscriptionId: subscription.id, storyId: null, kind: 'digest', payload: message, dedupeKey: `digest:${subscription.id}:${due}`, notBefore: now });
}

/**
 * The digest a subscription would get now: stories new or updated since its last digest, ranked
 * and capped. The first one covers everything since the channel subscribed (or switched to
 * digests), and at least the last 24 h: a weekly digest's first issue covers its week, and one
 * built a minute late still holds the stories of the minute after subscribing. Also what
 * `newsbot digest --preview` prints.
 */
export async function buildDigestFor(store: Store, subscription: Subscription, topic: CompiledTopic, outlets: OutletDirectory, now: number): Promise<DigestMessage> {
  // The window excludes `since` (store.storiesUpdatedBetween): a first window opens the millisecond
  // before subscribing, so a story stored in the same millisecond still counts.
  const since = subscription.lastDigestAt ?? Math.min(subscription.activeSince - 1, now - 24 * 3_600_000);
  const stories = (await store.storiesUpdatedBetween(topic.name, since, now)).filter((s) => s.maxScore >= (subscription.minScore ?? -Infinity));
  let cards = await Promise.all(stories.map((story) => card(store, story, topic, outlets)));
  const filter = subscription.perspective === null ? null : parsePerspective(subscription.perspective);
  if (filter) cards = cards.filter((c) => storyHasPerspective(c, filter));
  // Each story links to where it is followed on this platform (an alert's thread), when it is.
  const threads = await store.storyThreadUrls(subscription.platform, { workspace: subscription.workspace, channel: subscription.channel }, cards.map((c) => c.storyId));
  cards = cards.map((c) => (threads.has(c.storyId) ? { ...c, threadUrl: threads.get(c.storyId)! } : c));
  const label = `${topic.topic.description ?? topic.name}${filter ? ` (${filter.token} reports)` : ''}`;
  return buildDigest(cards, {
    title: `${label}: ${cards.length === 0 ? 'nothing new' : `${cards.length} ${cards.length === 1 ? 'story' : 'stories'}`}`,
    since,
    until: now,
    maxStories: subscription.maxStories,
    timeZone: subscription.timeZone,
  });
}

/**
 * The scheduled time a digest is due for, if one came after `countsFrom` and by `now`; null if
 * none. Schedules are read on the zone's wall clock, as cron does: on the night clocks go back, the
 * hour that repeats does not make a second digest, and on the night they go forward a time that
 * never happens (02:30) fires when the clock jumps past it, rather than that day having none. The
 * slot is returned as that wall-clock time read as UTC, which names it uniquely.
 */
export function dueDigestSlot(schedule: string, timeZone: string, countsFrom: number, now: number): number | null {
  const due = lastScheduledTime(schedule, 'UTC', wallClock(now, timeZone));
  return due !== null && due > wallClock(countsFrom, timeZone) ? due : null;
}

const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

/** The date and time a clock in `timeZone` shows at `instant`, as the UTC instant of that reading. */
function wallClock(instant: number, timeZone: string): number {
  let format = wallClockFormats.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    } catch {
      return instant; // validated at configuration time; an unknown zone reads as UTC, as cards show it
    }
    wallClockFormats.set(timeZone, format);
  }
  const part: Record<string, number> = {};
  for (const { type, value } of format.formatToParts(instant)) part[type] = Number(value);
  return Date.UTC(part.year!, part.month! - 1, part.day!, part.hour!, part.minute!, part.second!, instant % 1000);
}

/** The latest time at or before `now` that the cron schedule names, in the zone; null if none. */
export function lastScheduledTime(schedule: string, timeZone: string, now: number): number | null {
  try {
    return CronExpressionParser.parse(schedule, { currentDate: new Date(now + 1), tz: timeZone }).prev().getTime();
  } catch {
    return null; // validated at configuration time; an unparseable schedule simply never fires
  }
}


/** The next time after `now` that the cron schedule names, in the zone; null if none. */
export function nextScheduledTime(schedule: string, timeZone: string, now: number): number | null {
  try {
    return CronExpressionParser.parse(schedule, { currentDate: new Date(now), tz: timeZone }).next().getTime();
  } catch {
    return null; // see lastScheduledTime
  }
}
