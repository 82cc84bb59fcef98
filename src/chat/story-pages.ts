import { truncate } from '../digest/time.js';

/**
 * Stories split across messages, the same way on every platform. A platform renders one unit per
 * story (Slack: the story's blocks; Discord: its embed) and says whether one more unit still fits a
 * message; what a message holds, and how many messages one answer may take, are the platform's.
 */

/** The stories one message carries, with their 1-based positions in the whole list. */
export interface StoryPage<Unit> {
  units: Unit[];
  first: number;
  last: number;
}

/**
 * Whether `next` still fits in the message that holds `page` (never empty) as message number
 * `pageIndex` (from 0: the first message of a reply often carries more than the others).
 */
export type FitsInMessage<Unit> = (page: readonly Unit[], next: Unit, pageIndex: number) => boolean;

/**
 * Pack units into pages greedily and in order: a story is never split, and a unit too big for any
 * message gets one of its own (the renderers already shrink a single story to fit). At most
 * `maxPages` pages: the stories after the last one are left out, and `StoryPage.last` shows where.
 */
export function packStories<Unit>(units: readonly Unit[], fits: FitsInMessage<Unit>, maxPages = Infinity): Array<StoryPage<Unit>> {
  const pages: Array<StoryPage<Unit>> = [];
  let current: Unit[] = [];
  for (const [index, unit] of units.entries()) {
    if (current.length > 0 && !fits(current, unit, pages.length)) {
      pages.push({ units: current, first: index - current.length + 1, last: index });
      if (pages.length >= maxPages) return pages;
      current = [];
    }
    current.push(unit);
  }
  if (current.length > 0) pages.push({ units: current, first: units.length - current.length + 1, last: units.length });
  return pages;
}

/** "story 3" or "stories 1–9". */
function storyRange(first: number, last: number): string {
  return first === last ? `story ${first}` : `stories ${first}–${last}`;
}

/**
 * What the first message adds to the reply's text when its stories take more than one message (or
 * more than one reply holds): which ones it shows, which follow, which are left out. Null when the
 * first message shows them all. Plain text: each platform escapes it like the rest of the reply.
 */
export function firstMessageNote(pages: ReadonlyArray<StoryPage<unknown>>, total: number): string | null {
  const [first, second] = pages;
  const shown = pages.at(-1)?.last ?? 0;
  if (first === undefined || (second === undefined && shown >= total)) return null;
  const parts = [`Showing ${storyRange(first.first, first.last)} of ${total}`];
  if (second !== undefined) {
    const more = pages.length - 1;
    parts.push(`${storyRange(second.first, shown)} follow${shown === second.first ? 's' : ''} in ${more} more message${more === 1 ? '' : 's'}`);
  }
  if (shown < total) parts.push(`${storyRange(shown + 1, total)} left out (one reply holds no more than ${pages.length} message${pages.length === 1 ? '' : 's'})`);
  return `${parts.join('; ')}.`;
}

/**
 * The text of message `index` of a reply with stories: the reply's own, with the first-message note,
 * on the first; the follow-up note on the others.
 */
export function pageText(replyText: string, title: string, pages: ReadonlyArray<StoryPage<unknown>>, index: number, total: number): { text: string; note: string | null } {
  return index === 0 ? { text: replyText, note: firstMessageNote(pages, total) } : { text: followUpNote(title, pages[index]!, total), note: null };
}

/** The note a follow-up message opens with: the reply it continues, and which stories it holds. */
export function followUpNote(title: string, page: StoryPage<unknown>, total: number): string {
  // The title is the reply's (a search query can be long): the note stays a short first line.
  return `${truncate(title, 200)}, continued: ${storyRange(page.first, page.last)} of ${total}.`;
}
