import type { ChatMessage, SourceRef, StoryCard } from '../../digest/model.js';
import {
  alertTitle, fallbackNote, cleanText, firstPerOutlet, formatTime, formatWindow, matchedLine, newSourcesLine, safeHttpUrl, sourcesLine,
} from '../../digest/time.js';
import { labelledSourceName } from '../../digest/perspective.js';

const INDENT = '    ';

/**
 * One line per outlet, its first report: name, time in the zone, and the link if it is a plain
 * http(s) URL. As Slack and Discord list them: an outlet's second feed would read as a second source.
 */
function sourceLines(sources: SourceRef[], timeZone: string): string[] {
  return firstPerOutlet(sources).map((s) => {
    const url = safeHttpUrl(s.link);
    return `${INDENT}- ${labelledSourceName(s)} · ${formatTime(s.time, timeZone)}${url === null ? '' : `  ${url}`}`;
  });
}

/**
 * The story block below its first line. Every text from feeds goes through cleanText, which
 * removes control characters: an ESC would otherwise let a headline drive the terminal.
 */
function storyBody(card: StoryCard, timeZone: string, withSummary: boolean): string[] {
  const lines: string[] = [];
  const summary = cleanText(card.summary);
  if (withSummary && summary !== '') lines.push(`${INDENT}${summary}`);
  const link = safeHttpUrl(card.link);
  if (link !== null) lines.push(`${INDENT}${link}`);
  lines.push(`${INDENT}${sourcesLine(card)}`, ...sourceLines(card.sources, timeZone));
  lines.push(`${INDENT}first seen ${formatTime(card.firstSeen, timeZone)}`);
  const matched = matchedLine(card.matched);
  if (matched !== '') lines.push(`${INDENT}${matched}`);
  const thread = safeHttpUrl(card.threadUrl ?? null);
  if (thread !== null) lines.push(`${INDENT}thread: ${thread}`);
  return lines;
}

/**
 * Render a message as plain text for the terminal (the demo and `digest --preview`): no markup,
 * no escaping, control characters stripped.
 */
export function renderConsole(message: ChatMessage): string {
  switch (message.kind) {
    case 'alert':
      return [`${alertTitle(message.updatedAt, message.timeZone).toUpperCase()}  ${cleanText(message.story.headline)}`, ...storyBody(message.story, message.timeZone, true)].join('\n');
    case 'update':
      return [
        `UPDATE  ${newSourcesLine(message.newSources)}`,
        `${INDENT}${cleanText(message.story.headline)}`,
        ...storyBody(message.story, message.timeZone, false),
        ...(message.fallbackReason ? [`${INDENT}${fallbackNote(message.fallbackReason)}`] : []),
      ].join('\n');
    case 'digest': {
      const { stories, timeZone } = message;
      const width = String(stories.length).length;
      const count = `${stories.length} ${stories.length === 1 ? 'story' : 'stories'}`;
      const lines = [cleanText(message.title) || 'Digest', `${formatWindow(message.since, message.until, timeZone)} · ${count}`];
      if (stories.length === 0) lines.push('', 'No new stories in this window.');
      for (const [i, card] of stories.entries()) {
        lines.push('', `${String(i + 1).padStart(width)}. ${cleanText(card.headline)}`, ...storyBody(card, timeZone, true));
      }
      if (message.moreCount > 0) lines.push('', `and ${message.moreCount} more`);
      return lines.join('\n');
    }
  }
}
