import type { StoryWithMembers } from '../store/types.js';
import type { MatchResult } from '../match/types.js';
import type { CompiledTopic } from '../match/compile.js';

const minute = (time: number): string => `${new Date(time).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** A story as plain text for the terminal: headline, sources in time order, what matched. */
export function storyText(story: StoryWithMembers, match: MatchResult | null, topic: CompiledTopic): string {
  const members = [...story.members].sort((a, b) => a.eventTime - b.eventTime);
  const lines = [
    `#${story.id}  ${story.headline.title}`,
    `    ${story.sourceCount} source${story.sourceCount === 1 ? '' : 's'}${story.itemCount > story.sourceCount ? ` (${story.itemCount} reports)` : ''} · first report ${minute(members[0]?.eventTime ?? story.firstSeen)}`,
    ...members.map((m) => `    - ${m.item.source}: ${m.item.title}${m.item.link ? `\n      ${m.item.link}` : ''}`),
  ];
  if (match) {
    const groups = Object.entries(match.groups).map(([id, terms]) => `${topic.groupLabels[id] ?? id} (${terms.join(', ')})`);
    lines.push(`    matched: ${groups.join('; ')}${match.context.length ? ` · context: ${match.context.join(', ')}` : ''} · score ${match.score}`);
  }
  return lines.join('\n');
}
