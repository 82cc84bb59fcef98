/**
 * Section 6, delivery: stories rendered per second to Slack Block Kit and Discord embeds, as alerts
 * (one story a message) and as digests (ten stories a message, split to platform limits).
 * Story cards are built from generated events with toStoryCard, untimed.
 */
import { median, progress, round, runSection, sideBySide, type Row } from './harness.js';
import { plainText, relationsStream, type NewsItem } from './corpus/index.js';
import { bundledTopic } from './app-setup.js';
import { matchItem } from '../src/match/matcher.js';
import { outletKey } from '../src/stories/outlet.js';
import { toStoryCard } from '../src/digest/story-card.js';
import type { ChatMessage, StoryCard } from '../src/digest/model.js';
import type { StoredItem, StoryWithMembers } from '../src/store/types.js';
import { renderSlack } from '../src/chat/slack/render.js';
import { renderDiscord } from '../src/chat/discord/render.js';

function storedItem(item: NewsItem, index: number): StoredItem {
  const { title, summary } = plainText(item);
  return {
    id: `${item.guid}#${index}`, feedId: `https://${item.outlet.domain}/rss`, link: item.link, title, summary, published: item.published,
    publishedEstimated: false, source: item.outlet.name, language: item.outlet.language, firstSeen: item.published,
  };
}

/** One card per generated event: its reports are the story's members, in time order. */
function storyCards(count: number): StoryCard[] {
  const topic = bundledTopic();
  const byEvent = new Map<string, StoredItem[]>();
  relationsStream(count * 4).forEach((item, index) => {
    const list = byEvent.get(item.eventId ?? '') ?? [];
    list.push(storedItem(item, index));
    byEvent.set(item.eventId ?? '', list);
  });
  const cards: StoryCard[] = [];
  for (const [eventId, items] of byEvent) {
    const headline = items[0];
    if (!headline || cards.length === count) break;
    const match = matchItem(topic, headline);
    const story: StoryWithMembers = {
      id: eventId, topic: topic.name, headlineItemId: headline.id, firstSeen: headline.firstSeen, lastUpdated: items[items.length - 1]?.firstSeen ?? headline.firstSeen,
      itemCount: items.length, sourceCount: new Set(items.map((i) => outletKey(i.source))).size, maxScore: match.score, headline,
      members: items.map((item) => ({ item, sourceKey: outletKey(item.source), eventTime: item.published, addedAt: item.firstSeen })),
    };
    cards.push(toStoryCard(story, match, topic.groupLabels));
  }
  return cards;
}

runSection(async (options) => {
  const cards = storyCards(2_000 / options.scale);
  const alerts: ChatMessage[] = cards.map((story) => ({ kind: 'alert', story, timeZone: 'Asia/Tokyo' }));
  const digests: ChatMessage[] = [];
  for (let i = 0; i < cards.length; i += 10) {
    const stories = cards.slice(i, i + 10);
    digests.push({ kind: 'digest', title: 'Morning digest', since: (stories[0]?.firstSeen ?? 0) - 3_600_000, until: stories[stories.length - 1]?.lastUpdated ?? 0, stories, moreCount: 3, timeZone: 'Asia/Tokyo' });
  }
  const sources = cards.reduce((sum, card) => sum + card.sources.length, 0);
  progress(`delivery: ${cards.length} stories, ${round(sources / cards.length)} sources each on average`);
  let parts = 0;
  const renderAll = (render: (m: ChatMessage) => unknown[], messages: ChatMessage[]) => () => {
    for (const message of messages) parts += render(message).length;
  };
  const times = await sideBySide(options.reps, {
    slackAlert: { run: renderAll(renderSlack, alerts) },
    slackDigest: { run: renderAll(renderSlack, digests) },
    discordAlert: { run: renderAll(renderDiscord, alerts) },
    discordDigest: { run: renderAll(renderDiscord, digests) },
  });
  progress(`delivery: ${parts} payloads rendered`);
  const rate = (ms: number[]): number => round(cards.length / (median(ms) / 1000));
  const rows: Row[] = [
    { section: '6 delivery', label: 'Slack blocks, alerts (1 story/message)', value: rate(times.slackAlert), unit: 'stories/s', note: `${round(sources / cards.length)} sources/story` },
    { section: '6 delivery', label: 'Slack blocks, digests (10 stories/message)', value: rate(times.slackDigest), unit: 'stories/s' },
    { section: '6 delivery', label: 'Discord embeds, alerts', value: rate(times.discordAlert), unit: 'stories/s' },
    { section: '6 delivery', label: 'Discord embeds, digests', value: rate(times.discordDigest), unit: 'stories/s' },
  ];
  return {
    rows,
    metrics: {
      deliverySlackAlertStoriesPerSec: rate(times.slackAlert),
      deliverySlackDigestStoriesPerSec: rate(times.slackDigest),
      deliveryDiscordAlertStoriesPerSec: rate(times.discordAlert),
      deliveryDiscordDigestStoriesPerSec: rate(times.discordDigest),
    },
  };
});
