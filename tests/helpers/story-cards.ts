import type { DigestMessage, SourceRef, StoryCard } from '../../src/digest/model.js';

/** 10:05 in Tokyo on Jan 27, 2026. */
export const T0 = Date.UTC(2026, 0, 27, 1, 5);

export function source(name: string, minutes: number, link: string | null = `https://${name.split(' ')[0]?.toLowerCase()}.example/12`): SourceRef {
  return { name, link, time: T0 + minutes * 60_000 };
}

/** A three-source story card; override any field. */
export function card(overrides: Partial<StoryCard> = {}): StoryCard {
  return {
    storyId: '12',
    headline: 'Japan and Taiwan discuss evacuation plans',
    link: 'https://news.example/story-12',
    summary: 'Officials met in Tokyo. They agreed to plan evacuations.',
    sources: [source('Kyodo News', 0), source('Reuters', 5), source('NHK World', 9)],
    firstSeen: T0,
    lastUpdated: T0 + 9 * 60_000,
    score: 3,
    matched: { sides: { Japan: ['Takaichi'], Taiwan: ['Taiwan'] }, context: ['alliance', 'evacuation'], excerpt: null },
    ...overrides,
  };
}

/** A digest of `count` numbered stories, `moreCount` left out. */
export function digest(count: number, moreCount: number, make: (i: number) => Partial<StoryCard> = () => ({})): DigestMessage {
  const stories = Array.from({ length: count }, (_, i) => card({ storyId: String(i), headline: `Story number ${i}`, link: `https://news.example/story-${i}`, ...make(i) }));
  return { kind: 'digest', title: 'Morning digest', since: T0 - 12 * 3_600_000, until: T0, stories, moreCount, timeZone: 'Asia/Tokyo' };
}
