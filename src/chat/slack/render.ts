import type { types } from '@slack/bolt';

type ContextBlock = types.ContextBlock;
type KnownBlock = types.KnownBlock;
type MrkdwnElement = types.MrkdwnElement;
type SectionBlock = types.SectionBlock;
import type { ChatMessage, DigestMessage, SourceRef, StoryCard } from '../../digest/model.js';
import {
  alertTitle, cleanText, fallbackNote, firstPerOutlet, formatTime, formatWindow, matchedLine, newSourcesLine, plural, safeHttpUrl, truncate,
} from '../../digest/time.js';
import { labelledSourceName, perspectiveLine, sidesNote } from '../../digest/perspective.js';
import { packStories } from '../story-pages.js';

export interface SlackPayload {
  /** Notification and accessibility fallback; Slack shows it where blocks cannot be shown. */
  text: string;
  blocks: KnownBlock[];
}

/** @see https://api.slack.com/reference/block-kit/blocks */
const LIMITS = {
  blocksPerMessage: 50,
  /** Slack counts 3000 characters per section (and per text object), not per message. */
  sectionText: 3000,
  contextText: 3000,
  headerText: 150,
  contextElements: 10,
  /** Our own cap: a headline longer than this is noise, and it leaves room for the summary. */
  headline: 300,
  fallbackText: 300,
} as const;

const ZWSP = '\u200B';

/**
 * Escape text from the open internet for Slack mrkdwn. `&`, `<`, `>` become entities, so `<!channel>`,
 * `<@U123>` and `<http://evil|bank>` stay literal; each of `* _ ~ \`` is fenced by zero-width spaces
 * so it can neither open nor close formatting (mrkdwn has no backslash escape); a leading `&gt;`
 * would still quote the line, so it is fenced too. Control and zero-width input is removed first.
 */
/** The three characters Slack requires escaped in any text it parses (mrkdwn or a message's `text`). */
export function escapeSlackControl(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeSlackText(text: string): string {
  return cleanText(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[*_~`]/g, (c) => `${ZWSP}${c}${ZWSP}`)
    .replace(/^&gt;/, `${ZWSP}&gt;`);
}

/** `truncate` for escaped text: never leaves half an entity (`&am…`), which Slack would show raw. */
function cut(escaped: string, max: number): string {
  if (escaped.length <= max) return escaped;
  return truncate(escaped, max).replace(/&[a-z]{0,4}…$/, '…');
}

/** `<url|label>`, or the escaped label alone when the link is not a plain http(s) URL. */
function slackLink(link: string | null, label: string): string {
  const text = escapeSlackText(label.replace(/\|/g, ' '));
  const url = safeHttpUrl(link);
  // `|` would end the URL early and `<`/`>` the link; `&` is stored as an entity like in all text.
  const href = url?.replace(/\|/g, '%7C').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/&/g, '&amp;');
  return href === undefined || href.length > 1000 ? text : `<${href}|${text}>`;
}

function mrkdwn(text: string, max: number): MrkdwnElement {
  // verbatim: Slack must not auto-link channel names or parse bare mentions in feed text.
  return { type: 'mrkdwn', text: cut(text, max), verbatim: true };
}

function section(text: string): SectionBlock {
  return { type: 'section', text: mrkdwn(text, LIMITS.sectionText) };
}

function context(texts: string[]): ContextBlock {
  const elements = texts.filter((t) => t !== '').slice(0, LIMITS.contextElements);
  return { type: 'context', elements: elements.map((t) => mrkdwn(t, LIMITS.contextText)) };
}


/** "3 sources: <url|Kyodo News>, …" whole links only, within `max`, ending "and N more" if cut. */
function linkedSources(prefix: string, sources: SourceRef[], max: number): string {
  const outlets = firstPerOutlet(sources);
  const links = outlets.map((s) => slackLink(s.link, truncate(labelledSourceName(s), 120)));
  let text = `${prefix}: `;
  for (const [i, link] of links.entries()) {
    const rest = links.length - i - 1;
    const reserve = rest > 0 ? ` and ${rest} more`.length + 2 : 0;
    if ((text + link).length + reserve > max) return `${text}and ${links.length - i} more`;
    text += link + (rest > 0 ? ', ' : '');
  }
  return text;
}

/** "3 sources — JP public, CN state, wire · *covered from JP and CN*": who tells the story. */
function spread(card: StoryCard): string {
  const sides = sidesNote(card);
  return `${escapeSlackText(perspectiveLine(card))}${sides ? ` · *${escapeSlackText(sides)}*` : ''}`;
}

function storyContext(card: StoryCard, timeZone: string, withSpread: boolean): ContextBlock {
  const thread = safeHttpUrl(card.threadUrl ?? null);
  return context([
    withSpread ? spread(card) : '',
    linkedSources(plural(firstPerOutlet(card.sources).length, 'source'), card.sources, LIMITS.contextText),
    // The story number is what `/news story <id>` takes.
    `story #${escapeSlackText(truncate(cleanText(card.storyId), 64))} · first seen ${escapeSlackText(formatTime(card.firstSeen, timeZone))}`,
    escapeSlackText(matchedLine(card.matched)),
    thread ? slackLink(thread, 'follow the story in its thread') : '',
  ]);
}

/** Headline link, then the summary cut so the whole section stays within Slack's 3000. */
function storySection(card: StoryCard, lead: string, withSummary: boolean): SectionBlock {
  const head = `${lead}*${slackLink(card.link, truncate(cleanText(card.headline), LIMITS.headline))}*`;
  const summary = withSummary ? escapeSlackText(card.summary) : '';
  if (summary === '') return section(head);
  return section(`${head}\n${cut(summary, LIMITS.sectionText - head.length - 1)}`);
}

function storyCount(count: number): string {
  return `${count} ${count === 1 ? 'story' : 'stories'}`;
}

function fallback(text: string): string {
  return cut(escapeSlackText(text), LIMITS.fallbackText);
}

/** Each story of a digest as its own blocks (numbered headline section, then context), in order. */
export function digestStoryBlocks(message: DigestMessage): KnownBlock[][] {
  return message.stories.map((card, i) => [storySection(card, `${i + 1}. `, true), storyContext(card, message.timeZone, true)]);
}

/** The line under a digest's title: the window it covers and how many stories. */
export function digestWindowBlock(message: DigestMessage): ContextBlock {
  return context([`${escapeSlackText(formatWindow(message.since, message.until, message.timeZone))} · ${storyCount(message.stories.length)}`]);
}

/**
 * Whether one more story's blocks fit in a message holding `reserved` blocks of its own (title,
 * notes) and the stories of `page` (never empty), with a divider between stories.
 */
export function storyBlocksFit(page: readonly KnownBlock[][], next: readonly KnownBlock[], reserved: number): boolean {
  const used = reserved + page.reduce((sum, blocks) => sum + blocks.length, 0) + page.length - 1;
  return used + 1 + next.length <= LIMITS.blocksPerMessage;
}

/** Stories' blocks in one list, a divider between two stories. */
export function withDividers(stories: readonly KnownBlock[][]): KnownBlock[] {
  return stories.flatMap((blocks, i): KnownBlock[] => (i > 0 ? [{ type: 'divider' }, ...blocks] : blocks));
}

/** Pack stories into messages of at most 50 blocks; a story's blocks never straddle two. */
function renderDigest(message: DigestMessage): SlackPayload[] {
  const { stories, moreCount } = message;
  const title = truncate(cleanText(message.title), LIMITS.headerText);
  const firstOverhead = 2; // header + window
  const laterOverhead = 1; // "part i of n"
  const trailer = 1; // "and N more", reserved in every message so the last always has room
  const pages = packStories(digestStoryBlocks(message), (page, next, index) => storyBlocksFit(page, next, (index === 0 ? firstOverhead : laterOverhead) + trailer));
  // An empty digest is still one message, saying so.
  const chunks = pages.length > 0 ? pages.map((page) => page.units) : [[]];

  const total = chunks.length;
  return chunks.map((chunk, index) => {
    const blocks: KnownBlock[] = [];
    if (index === 0) {
      blocks.push({ type: 'header', text: { type: 'plain_text', text: title || 'Digest', emoji: true } });
      blocks.push(digestWindowBlock(message));
    } else {
      blocks.push(context([`${escapeSlackText(title)} · part ${index + 1} of ${total}`]));
    }
    if (stories.length === 0 && index === 0) blocks.push(section('No new stories in this window.'));
    blocks.push(...withDividers(chunk));
    if (index === total - 1 && moreCount > 0) blocks.push(context([`and ${moreCount} more`]));
    const part = total > 1 ? ` (part ${index + 1} of ${total})` : '';
    return { text: fallback(`${title}: ${storyCount(stories.length)}${part}`), blocks };
  });
}

/**
 * Render a message as Slack Block Kit payloads, split so each stays within Slack's limits.
 * @see https://api.slack.com/reference/block-kit/blocks
 */
export function renderSlack(message: ChatMessage): SlackPayload[] {
  switch (message.kind) {
    case 'alert': {
      const { story, timeZone } = message;
      const title = alertTitle(message.updatedAt, timeZone);
      return [{
        text: fallback(`${title}: ${cleanText(story.headline)} (${perspectiveLine(story)})`),
        blocks: [storySection(story, `*${escapeSlackText(title)}* · ${spread(story)}\n`, true), storyContext(story, timeZone, false)],
      }];
    }
    case 'update': {
      const { story, newSources, timeZone } = message;
      const added = firstPerOutlet(newSources);
      const lead = `*Update:* ${linkedSources(`+${plural(added.length, 'source')}`, added, 1000)}\n`;
      return [{
        text: fallback(`Update: ${newSourcesLine(added)} · ${cleanText(story.headline)}`),
        blocks: [
          storySection(story, lead, false),
          storyContext(story, timeZone, true),
          ...(message.fallbackReason ? [context([`_${escapeSlackText(fallbackNote(message.fallbackReason))}_`])] : []),
        ],
      }];
    }
    case 'digest':
      return renderDigest(message);
  }
}
