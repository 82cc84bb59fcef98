import type { DigestMessage, StoryCard } from './model.js';
import { firstPerOutlet } from './time.js';

/** Stories first by score, then by how many outlets report them, then by recency. */
export function rankStories(cards: StoryCard[]): StoryCard[] {
  const outlets = new Map(cards.map((card) => [card, firstPerOutlet(card.sources).length]));
  return [...cards].sort((a, b) => b.score - a.score || outlets.get(b)! - outlets.get(a)! || b.lastUpdated - a.lastUpdated);
}

export interface DigestOptions {
  title: string;
  since: number;
  until: number;
  maxStories: number;
  timeZone: string;
}

/** The digest of a window: ranked, capped, with the count of stories left out. */
export function buildDigest(cards: StoryCard[], options: DigestOptions): DigestMessage {
  const ranked = rankStories(cards);
  return {
    kind: 'digest',
    title: options.title,
    since: options.since,
    until: options.until,
    stories: ranked.slice(0, options.maxStories),
    moreCount: Math.max(0, ranked.length - options.maxStories),
    timeZone: options.timeZone,
  };
}
