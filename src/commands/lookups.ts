import { canonicalLink } from '../feeds/links.js';
import { toStoryCard } from '../digest/story-card.js';
import { formatTime } from '../digest/time.js';
import { labelledSourceName, parsePerspective, perspectiveLine, sidesNote, storyHasPerspective } from '../digest/perspective.js';
import type { StoryCard } from '../digest/model.js';
import type { MatchResult } from '../match/types.js';
import { matchItem } from '../match/matcher.js';
import { outletLabelOf } from '../feeds/outlets.js';
import type { StoredItem, StoryWithMembers } from '../store/types.js';
import { parseSearchQuery } from '../store/fts-query.js';
import type { CommandContext, CommandReply } from './types.js';
import { zoneOf, type CommandDeps } from './deps.js';

/** The channel's topics, or the default one where it has none. */
async function topicsOf(context: CommandContext, deps: CommandDeps): Promise<string[]> {
  const subscribed = (await deps.store.channelSubscriptions(context.platform, context.channel)).map((s) => s.topic).filter((t) => deps.topics.has(t));
  return subscribed.length > 0 ? [...new Set(subscribed)] : [deps.defaults.topic];
}

async function cardOf(story: StoryWithMembers, deps: CommandDeps): Promise<StoryCard> {
  const topic = deps.topics.get(story.topic);
  return toStoryCard(story, await deps.store.getMatch(story.headlineItemId, story.topic), topic?.groupLabels ?? {}, deps.outlets);
}

function storiesReply(title: string, cards: StoryCard[], share: boolean, context: CommandContext, deps: CommandDeps, text = title): CommandReply {
  const now = deps.now();
  return { ephemeral: !share, text, stories: { kind: 'digest', title, since: Math.min(now, ...cards.map((c) => c.firstSeen)), until: now, stories: cards, moreCount: 0, timeZone: zoneOf(context, deps) } };
}

/** How far back `latest perspective …` looks for stories with such a report. */
const PERSPECTIVE_SCAN = 200;

export async function latestCommand(count: number, share: boolean, context: CommandContext, deps: CommandDeps, perspective?: string): Promise<CommandReply> {
  const filter = perspective === undefined ? null : parsePerspective(perspective);
  const stories: StoryWithMembers[] = [];
  const scan = filter ? PERSPECTIVE_SCAN : count;
  for (const topic of await topicsOf(context, deps)) stories.push(...(await deps.store.recentStories(topic, 0, scan)));
  const newest = stories.sort((a, b) => b.lastUpdated - a.lastUpdated || Number(b.id) - Number(a.id)).slice(0, scan);
  if (newest.length === 0) return { ephemeral: true, text: 'No stories yet: feeds are polled every few minutes.' };
  let cards = await Promise.all(newest.map((story) => cardOf(story, deps)));
  if (filter) cards = cards.filter((card) => storyHasPerspective(card, filter));
  cards = cards.slice(0, count);
  const shown = `${cards.length} ${cards.length === 1 ? 'story' : 'stories'}`;
  if (filter && cards.length === 0) return { ephemeral: true, text: `None of the latest ${newest.length} stories has a ${filter.token} report.` };
  const title = filter ? `Latest ${shown} with ${filter.token} reports` : `Latest ${shown}`;
  // Stories told from more than one side are the ones analysts look for first.
  const multiSide = cards.filter((card) => sidesNote(card) !== '').length;
  return storiesReply(title, cards, share, context, deps, multiSide > 0 ? `${title} (${multiSide} covered from more than one side)` : title);
}

/** The most relevant items a search reads before grouping them into stories. */
const SEARCH_LIMIT = 50;

export async function searchCommand(query: string, share: boolean, context: CommandContext, deps: CommandDeps): Promise<CommandReply> {
  if (parseSearchQuery(query).required.length === 0) {
    return { ephemeral: true, text: `Search for what? "${query}" has no word to look for, only words to leave out.\nExample: /news search "coast guard" senkaku -drill` };
  }
  // One more than is read, to know whether there were more.
  const found = await deps.store.searchItems(query, SEARCH_LIMIT + 1);
  const hits = found.slice(0, SEARCH_LIMIT);
  const more = found.length > SEARCH_LIMIT ? '+' : '';
  if (hits.length === 0) return { ephemeral: true, text: `No stored item matches ${query}. Phrases go in quotes, -word excludes a word.` };
  const topics = await topicsOf(context, deps);
  // Group hits by story; items in no story (not flagged) stand alone. Newest first.
  const groups = new Map<string, { storyId: string | null; item: StoredItem }>();
  for (const { item } of hits) {
    let storyId: string | null = null;
    for (const topic of topics) storyId ??= await deps.store.storyOfItem(item.id, topic);
    const key = storyId ?? `item:${item.id}`;
    if (!groups.has(key)) groups.set(key, { storyId, item });
  }
  const ordered = [...groups.values()].sort((a, b) => b.item.published - a.item.published).slice(0, 10);
  const cards: StoryCard[] = [];
  const loose: string[] = [];
  for (const group of ordered) {
    const story = group.storyId ? await deps.store.getStory(group.storyId) : null;
    if (story) cards.push(await cardOf(story, deps));
    else loose.push(`• ${group.item.title} (${group.item.source}, ${formatTime(group.item.published, zoneOf(context, deps))}): not flagged as relevant`);
  }
  const title = `Search for ${query}: ${groups.size}${more} result${groups.size === 1 && !more ? '' : 's'}${groups.size > ordered.length || more ? `, newest ${ordered.length} shown` : ''}`;
  const text = loose.length > 0 ? `${title}\n${loose.join('\n')}` : title;
  return cards.length > 0 ? storiesReply(title, cards, share, context, deps, text) : { ephemeral: !share, text };
}

export async function storyCommand(id: string, share: boolean, context: CommandContext, deps: CommandDeps): Promise<CommandReply> {
  const story = await deps.store.getStory(id);
  if (!story) return { ephemeral: true, text: `There is no story #${id}. /news latest lists recent ones.` };
  const zone = zoneOf(context, deps);
  const card = await cardOf(story, deps);
  // Every report in time order, with its outlet's perspective label: who said it, and when.
  const timeline = [...story.members]
    .sort((a, b) => a.eventTime - b.eventTime)
    .map((m) => {
      const source = labelledSourceName({ name: m.item.source, link: m.item.link, time: m.eventTime, outlet: outletLabelOf(deps.outlets, m.item.feedId) });
      return `• ${formatTime(m.eventTime, zone)}: ${source}: ${m.item.title}`;
    });
  const match = await deps.store.getMatch(story.headlineItemId, story.topic);
  const sides = sidesNote(card);
  // Why it matched before the timeline: a busy story's timeline is what a message too long is cut from.
  const text = [`Story #${story.id}: ${perspectiveLine(card)}${sides ? ` (${sides})` : ''}.`, ...explain(match, deps, story.topic), 'Timeline:', ...timeline].join('\n');
  return storiesReply(`Story #${story.id}`, [card], share, context, deps, text);
}

export async function whyCommand(target: string, share: boolean, context: CommandContext, deps: CommandDeps): Promise<CommandReply> {
  const item = (await deps.store.getItem(target)) ?? (await deps.store.findItemByLink(canonicalLink(target) ?? target));
  if (!item) return { ephemeral: true, text: `I have not seen ${target}: it is in none of the polled feeds (or not yet). /news feeds lists them.` };
  const lines = [`${item.title} (${item.source})`];
  for (const topic of await topicsOf(context, deps)) {
    // Verdicts are kept for flagged items; any other item's is worked out again, the same way.
    const compiled = deps.topics.get(topic);
    const match = (await deps.store.getMatch(item.id, topic)) ?? (compiled ? matchItem(compiled, item) : null);
    const storyId = await deps.store.storyOfItem(item.id, topic);
    lines.push(...explain(match, deps, topic));
    if (storyId) lines.push(`Part of story #${storyId} (/news story ${storyId}).`);
  }
  return { ephemeral: !share, text: lines.join('\n') };
}

/** The matcher's explanation in words: verdict, score, sides and terms, context, exclusions. */
function explain(match: MatchResult | null, deps: CommandDeps, topic: string): string[] {
  if (!match) return [`Not matched against ${topic} (it arrived before the topic was enabled).`];
  const labels = deps.topics.get(topic)?.groupLabels ?? {};
  const sides = Object.entries(match.groups).map(([id, terms]) => `${labels[id] ?? id} (${terms.join(', ')})`);
  return [
    `${match.relevant ? 'Flagged' : 'Not flagged'} for ${topic}: ${match.reason}.`,
    sides.length > 0 ? `Sides: ${sides.join('; ')}.` : 'Sides: none.',
    ...(match.context.length > 0 ? [`Context: ${match.context.join(', ')}.`] : []),
    ...(match.topical.length > 0 ? [`Counted against: ${match.topical.join(', ')}.`] : []),
    ...(match.excluded.length > 0 ? [`Ignored phrases: ${match.excluded.join(', ')}.`] : []),
  ];
}
