import { describe, expect, it } from 'vitest';
import type { types } from '@slack/bolt';
import type { SourceRef, StoryCard } from '../../src/digest/model.js';
import type { StoredItem, StoryWithMembers } from '../../src/store/types.js';
import { toStoryCard } from '../../src/digest/story-card.js';
import { firstPerOutlet, newSourcesLine, outletNames, sourcesLine } from '../../src/digest/time.js';
import { perspectiveLine } from '../../src/digest/perspective.js';
import { rankStories } from '../../src/digest/digest.js';
import { renderSlack } from '../../src/chat/slack/render.js';
import { renderDiscord } from '../../src/chat/discord/render.js';
import { renderConsole } from '../../src/chat/console/render.js';
import { outletKey } from '../../src/stories/outlet.js';

// Cards count sources as the story does: by outlet key, not by display name. One outlet carried in
// two of its feeds under two names ("Gull Wire" and "Gull Wire (Politics)") is one source.

const T0 = Date.UTC(2026, 6, 1, 1, 0);

function stored(id: string, source: string, minutes: number): StoredItem {
  return { id, feedId: `https://feeds.example/${id}`, link: `https://${id}.example/story`, title: `Report ${id} on coast guard ships near the islands`, summary: `Summary of ${id}.`, published: T0 + minutes * 60_000, publishedEstimated: false, source, language: 'en', firstSeen: T0 + minutes * 60_000 };
}

/** A story of three reports from two outlets, as the store holds it (sourceCount by outlet key). */
function story(): StoryWithMembers {
  const members = [stored('gull', 'Gull Wire', 0), stored('gullpol', 'Gull Wire (Politics)', 5), stored('tern', 'Tern Times', 9)].map((item) => ({
    item, sourceKey: outletKey(item.source), eventTime: item.published, addedAt: item.firstSeen,
  }));
  return { id: '5', topic: 't', headlineItemId: 'gull', headline: members[0]!.item, firstSeen: T0, lastUpdated: T0 + 9 * 60_000, itemCount: 3, sourceCount: 2, maxScore: 6, members };
}

const slackText = (card: StoryCard): string => renderSlack({ kind: 'alert', story: card, timeZone: 'UTC' })
  .flatMap((p) => [p.text, ...p.blocks.flatMap((b: types.KnownBlock) => (b.type === 'section' && b.text ? [b.text.text] : b.type === 'context' ? b.elements.flatMap((e) => ('text' in e ? [e.text] : [])) : []))])
  .join('\n');
const discordText = (card: StoryCard): string => JSON.stringify(renderDiscord({ kind: 'alert', story: card, timeZone: 'UTC' }));

describe('sources on a card are outlets, as the story counts them', () => {
  it('one outlet\'s two feeds are one source on the card, as in the store', () => {
    const card = toStoryCard(story(), null, {});
    expect(card.sources.map((s) => s.sourceKey)).toEqual(['gull wire', 'gull wire', 'tern times']);
    expect(outletNames(card)).toEqual(['Gull Wire', 'Tern Times']);
    expect(sourcesLine(card)).toBe('2 sources: Gull Wire, Tern Times');
    expect(perspectiveLine(card)).toBe('2 sources');
    expect(firstPerOutlet(card.sources).map((s) => s.name)).toEqual(['Gull Wire', 'Tern Times']);
  });

  it('Slack, Discord and the console show "2 sources" and list the outlet once', () => {
    const card = toStoryCard(story(), null, {});
    for (const [platform, text] of [['slack', slackText(card)], ['discord', discordText(card)], ['console', renderConsole({ kind: 'alert', story: card, timeZone: 'UTC' })]] as const) {
      expect(text, platform).toContain('2 sources');
      expect(text, platform).not.toContain('3 sources');
      expect(text, platform).not.toContain('Gull Wire (Politics)');
    }
  });

  it('an update names an outlet once however many of its feeds joined', () => {
    const [gull, gullPolitics, tern] = toStoryCard(story(), null, {}).sources as [SourceRef, SourceRef, SourceRef];
    expect(newSourcesLine([gull, gullPolitics, tern])).toBe('+2 sources: Gull Wire, Tern Times');
    const update = { kind: 'update' as const, story: toStoryCard(story(), null, {}), newSources: [gull, gullPolitics], timeZone: 'UTC' };
    expect(renderConsole(update)).toMatch(/^UPDATE {2}\+1 source: Gull Wire\n/);
    expect(slackText(update.story)).toContain('2 sources');
    expect(JSON.stringify(renderSlack(update))).toContain('+1 source');
    expect(JSON.stringify(renderDiscord(update))).toContain('+1 source: Gull Wire');
  });

  it('keys are what count: two outlets that happen to share a display name stay two', () => {
    const sources: SourceRef[] = [{ name: 'Daily Post', sourceKey: 'daily post (gull city)', link: null, time: T0 }, { name: 'Daily Post', sourceKey: 'daily post (tern town)', link: null, time: T0 + 1 }];
    expect(firstPerOutlet(sources)).toHaveLength(2);
  });

  it('a message queued before keys were carried counts its sources by the outlet key of their names', () => {
    const old: SourceRef[] = [{ name: 'Gull Wire', link: null, time: T0 }, { name: 'Gull Wire (Politics)', link: null, time: T0 + 1 }];
    expect(newSourcesLine(old)).toBe('+1 source: Gull Wire');
  });

  it('digests rank by outlets, not reports: one outlet\'s three feeds do not outrank two outlets', () => {
    const base = toStoryCard(story(), null, {});
    const oneOutlet: StoryCard = { ...base, storyId: 'one', sources: ['', ' (Politics)', ' (World)'].map((section, i) => ({ name: `Gull Wire${section}`, sourceKey: 'gull wire', link: null, time: T0 + i })) };
    const twoOutlets: StoryCard = { ...base, storyId: 'two', lastUpdated: base.lastUpdated - 1, sources: [{ name: 'Gull Wire', sourceKey: 'gull wire', link: null, time: T0 }, { name: 'Tern Times', sourceKey: 'tern times', link: null, time: T0 + 1 }] };
    expect(rankStories([oneOutlet, twoOutlets]).map((c) => c.storyId)).toEqual(['two', 'one']);
  });
});
