/**
 * Platform-neutral text for the chat renderers: times in the channel's zone, the sources and
 * "what matched" lines, and cleaning/truncating text that comes from the open internet. Nothing
 * here escapes for a platform; each renderer escapes the result for its own markup.
 */
import type { MatchedTerms, StoryCard, SourceRef } from './model.js';
import { isTimeZone } from '../config/values.js';
import { labelledSourceName, perspectiveLine, sidesNote } from './perspective.js';
import { outletKey } from '../stories/outlet.js';

/**
 * CLDR's English data names these zones "GMT+9" etc.; users expect the common abbreviation.
 * Only zones without daylight saving are listed, so one fixed name is always right.
 */
const ZONE_ABBREVIATIONS: Readonly<Record<string, string>> = {
  'Asia/Tokyo': 'JST',
  'Asia/Seoul': 'KST',
  'Asia/Hong_Kong': 'HKT',
};

const formatters = new Map<string, { date: Intl.DateTimeFormat; zoneNames: Intl.DateTimeFormat[] }>();

function formattersFor(timeZone: string): { date: Intl.DateTimeFormat; zoneNames: Intl.DateTimeFormat[] } {
  const cached = formatters.get(timeZone);
  if (cached) return cached;
  const created = {
    date: new Intl.DateTimeFormat('en-GB', {
      timeZone, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    }),
    // en-US knows "EST"/"PST", en-GB knows "BST"/"CET"; both fall back to "GMT+N".
    zoneNames: ['en-US', 'en-GB'].map((locale) => new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' })),
  };
  formatters.set(timeZone, created);
  return created;
}


/**
 * "27 Jan 2026, 10:05 JST" in the given IANA zone. An invalid zone falls back to UTC rather than
 * throwing: a typo in a channel's configured zone must not stop its posts.
 */
export function formatTime(ms: number, timeZone: string): string {
  if (!Number.isFinite(ms)) return 'unknown time';
  const zone = isTimeZone(timeZone) ? timeZone : 'UTC';
  const { date, zoneNames } = formattersFor(zone);
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    date.formatToParts(ms).find((p) => p.type === type)?.value ?? '';
  const names = zoneNames.map((f) => f.formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? '');
  const named = names.find((n) => n !== '' && !/^GMT[+-]/.test(n));
  const zoneName = named ?? ZONE_ABBREVIATIONS[zone] ?? names[0] ?? zone;
  return `${part('day')} ${part('month')} ${part('year')}, ${part('hour')}:${part('minute')} ${zoneName}`;
}

/** "26 Jan 2026, 22:00 JST – 27 Jan 2026, 10:00 JST" for a digest's window. */
export function formatWindow(since: number, until: number, timeZone: string): string {
  return `${formatTime(since, timeZone)} – ${formatTime(until, timeZone)}`;
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * Text from feeds as one clean line: whitespace runs (newlines included) become one space, and
 * control and format characters (zero-width spaces, bidi overrides, BOM, soft hyphens) are removed,
 * since they can hide or reorder what a reader sees.
 */
export function cleanText(text: string): string {
  return text
    .replace(/[\s\u2028\u2029]+/gu, ' ')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .trim();
}

/** Cut to at most `max` UTF-16 units, ending with "…"; never splits a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end).trimEnd()}…`;
}

/**
 * The link as a normalised http(s) URL, or null: `javascript:`, `data:` and other schemes are never
 * linked, nor URLs with credentials (`https://bank.example@evil.example/` spoofs a host).
 */
export function safeHttpUrl(link: string | null, maxLength = 2000): string | null {
  if (link === null) return null;
  if (!URL.canParse(link.trim())) return null;
  const url = new URL(link.trim());
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username !== '' || url.password !== '') return null;
  return url.href.length <= maxLength ? url.href : null;
}

/**
 * The first report of each outlet, in time order: an outlet's second feed adds no source. Outlets
 * are told apart by outlet key, as the store counts a story's sources, not by display name: "Kyodo
 * News" and "Kyodo News (Politics)" are one source, shown by the name of its first report.
 */
export function firstPerOutlet(sources: SourceRef[]): SourceRef[] {
  const seen = new Set<string>();
  return sources.filter((s) => {
    const name = cleanText(s.name);
    if (name === '') return false;
    const key = sourceKeyOf(s, name);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The outlet key a source was counted by; for a message queued before keys were carried, its name's. */
function sourceKeyOf(source: SourceRef, cleanName: string): string {
  return source.sourceKey ?? outletKey(cleanName);
}

/** Outlet names in time order, each once ("Kyodo News", "Reuters"). */
export function outletNames(card: StoryCard): string[] {
  return firstPerOutlet(card.sources).map((s) => cleanText(s.name));
}

/**
 * The story's spread: "3 sources — JP public, CN state, wire · covered from JP and CN" (the note
 * only when more than one country's outlets report it), or "3 sources: Kyodo News, …" when no
 * outlet is labelled.
 */
export function sourcesLine(card: StoryCard): string {
  const line = perspectiveLine(card);
  if (!card.sources.some((s) => s.outlet)) return `${line}: ${outletNames(card).join(', ')}`;
  const sides = sidesNote(card);
  return sides ? `${line} · ${sides}` : line;
}

/** "+2 sources: Kyodo News (JP wire), NHK World (JP public)" for an update. */
export function newSourcesLine(sources: StoryCard['sources']): string {
  const names = firstPerOutlet(sources).map(labelledSourceName);
  return `+${plural(names.length, 'source')}: ${names.join(', ')}`;
}

/** The note on an update posted in the channel because the story's thread could not be used. */
export function fallbackNote(reason: string): string {
  return `Posted here because this story's thread could not be used: ${reason}.`;
}

/** The lead of an alert: "New story", or, once edited to show the story now, "Story (updated 10:42 JST)". */
export function alertTitle(updatedAt: number | undefined, timeZone: string): string {
  return updatedAt === undefined ? 'New story' : `Story (updated ${formatTime(updatedAt, timeZone)})`;
}

/** "matched: Japan (Takaichi), Taiwan (Taiwan) · context: alliance, evacuation", or '' if nothing. */
export function matchedLine(matched: MatchedTerms): string {
  const sides = Object.entries(matched.sides)
    .filter(([, terms]) => terms.length > 0)
    .map(([side, terms]) => `${cleanText(side)} (${terms.map(cleanText).join(', ')})`);
  const parts: string[] = [];
  if (sides.length > 0) parts.push(`matched: ${sides.join(', ')}`);
  if (matched.context.length > 0) parts.push(`context: ${matched.context.map(cleanText).join(', ')}`);
  return parts.join(' · ');
}
