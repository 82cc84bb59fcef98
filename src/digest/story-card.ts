import type { MatchResult } from '../match/types.js';
import type { StoryWithMembers } from '../store/types.js';
import type { MatchedTerms, SourceRef, StoryCard } from './model.js';
import { NO_OUTLETS, outletLabelOf, type OutletDirectory } from '../feeds/outlets.js';

const SUMMARY_MAX = 320;

/**
 * The card a story is shown as: headline linked to its first report, a one- or two-sentence summary
 * from the most complete report (extractive: no outside service), sources in time order.
 */
export function toStoryCard(story: StoryWithMembers, match: MatchResult | null, sideLabels: Record<string, string>, outlets: OutletDirectory = NO_OUTLETS): StoryCard {
  const members = [...story.members].sort((a, b) => a.eventTime - b.eventTime);
  const fullest = members.reduce((best, m) => (m.item.summary.length > best.item.summary.length ? m : best), members[0]!);
  return {
    storyId: story.id,
    headline: story.headline.title,
    link: story.headline.link,
    summary: leadSentences(fullest.item.summary || story.headline.summary, 2, SUMMARY_MAX),
    sources: members.map((m): SourceRef => ({ name: m.item.source, sourceKey: m.sourceKey, link: m.item.link, time: m.eventTime, outlet: outletLabelOf(outlets, m.item.feedId) })),
    firstSeen: members[0]?.eventTime ?? story.firstSeen,
    detectedAt: story.firstSeen,
    lastUpdated: story.lastUpdated,
    score: story.maxScore,
    matched: matchedTerms(match, sideLabels, `${story.headline.title}. ${story.headline.summary}`),
  };
}

/** The first one or two sentences of a text, within `maxChars` (cut at a word with "…" otherwise). */
export function leadSentences(text: string, count: number, maxChars: number): string {
  const sentences = text.match(/[^.!?。！？]+[.!?。！？]+["'”’」]?\s*|[^.!?。！？]+$/g) ?? [text];
  let lead = '';
  for (const sentence of sentences.slice(0, count)) {
    if (lead && (lead + sentence).trim().length > maxChars) break;
    lead += sentence;
  }
  lead = lead.trim();
  if (lead.length <= maxChars) return lead;
  const cut = lead.slice(0, maxChars - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), maxChars * 0.6)).trimEnd()}…`;
}

function matchedTerms(match: MatchResult | null, sideLabels: Record<string, string>, text: string): MatchedTerms {
  if (!match) return { sides: {}, context: [], excerpt: null };
  const sides = Object.fromEntries(Object.entries(match.groups).map(([id, terms]) => [sideLabels[id] ?? id, terms]));
  return { sides, context: match.context, excerpt: excerptAround(text, match.context[0] ?? Object.values(match.groups)[0]?.[0]) };
}

/** About 120 characters of text around a matched term: the term "in context". */
function excerptAround(text: string, term: string | undefined): string | null {
  if (!term) return null;
  const index = text.indexOf(term);
  if (index < 0) return null;
  const start = Math.max(0, index - 50);
  const end = Math.min(text.length, index + term.length + 70);
  return `${start > 0 ? '…' : ''}${text.slice(start, end).trim()}${end < text.length ? '…' : ''}`;
}
