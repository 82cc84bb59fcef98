import type { APIEmbed, APIEmbedField } from 'discord.js';
import { escapeMarkdown } from 'discord.js';
import type { ChatMessage, DigestMessage, StoryCard } from '../../digest/model.js';
import {
  alertTitle, cleanText, fallbackNote, firstPerOutlet, formatTime, formatWindow, matchedLine, newSourcesLine, safeHttpUrl, sourcesLine, truncate,
} from '../../digest/time.js';
import { labelledSourceName, perspectiveLine, sidesNote } from '../../digest/perspective.js';
import { packStories } from '../story-pages.js';

export interface DiscordPayload {
  content?: string;
  embeds: APIEmbed[];
  /** Always empty: nothing newsbot posts may ping anyone, whatever the text says. */
  allowed_mentions: { parse: [] };
}

/** @see https://discord.com/developers/docs/resources/message#embed-object-embed-limits */
const LIMITS = {
  content: 2000,
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  fields: 25,
  footer: 2048,
  embedsPerMessage: 10,
  /** Summed over every embed of one message: titles, descriptions, field names/values, footers, authors. */
  embedChars: 6000,
  /** Our own caps: a few "Sources" fields are plenty, and leave room for the summary. */
  sourceFields: 3,
  headline: 300,
} as const;

const COLOURS = { alert: 0xd64541, update: 0xf0a020, digest: 0x3b82f6 } as const;
const ZWSP = '\u200B';

/**
 * Escape text from the open internet for Discord markdown. Control and zero-width input is removed,
 * then markdown (backslashes included, headings, lists) is escaped; every `[`/`]` is escaped
 * because escapeMarkdown's masked-link option only escapes the first link of a line; `<` and
 * `@everyone`/`@here` get a zero-width space so mentions cannot form even without allowed_mentions.
 * Input beyond 4096 characters (the longest Discord text) is cut with "…".
 */
export function escapeDiscordText(text: string): string {
  // Escaping only lengthens text and no Discord field holds more than 4096, so cut first:
  // escapeMarkdown's look-behinds rescan the string at each position (quadratic on long input).
  return escapeMarkdown(truncate(cleanText(text), LIMITS.description), { escape: true, heading: true, bulletedList: true, numberedList: true })
    .replace(/[[\]]/g, '\\$&')
    .replace(/^(>|-#)/, '\\$1') // a leading quote or subtext marker
    .replace(/</g, `<${ZWSP}`)
    .replace(/@(everyone|here)/gi, `@${ZWSP}$1`);
}

/** `[label](url)`, or the escaped label alone when the link is not a plain http(s) URL. */
function discordLink(link: string | null, label: string): string {
  const text = escapeDiscordText(label);
  // A `)` would end the link early; URL parsing has already encoded spaces and angle brackets.
  // The length is checked once encoded (each parenthesis triples), so a link made of them cannot
  // push a field past Discord's limit and have the whole message refused.
  const url = safeHttpUrl(link, 512)?.replace(/\(/g, '%28').replace(/\)/g, '%29');
  return url === undefined || url.length > 512 ? text : `[${text}](${url})`;
}


/** Linked outlets packed into "Sources" fields of at most 1024 characters, whole links only. */
function sourceFields(card: StoryCard, timeZone: string): APIEmbedField[] {
  const lines = firstPerOutlet(card.sources)
    .map((s) => `${discordLink(s.link, truncate(labelledSourceName(s), 120))} · ${formatTime(s.time, timeZone)}`);
  const values: string[][] = [];
  let length = Infinity; // so the first line opens a field
  for (const [i, line] of lines.entries()) {
    if (length + 1 + line.length > LIMITS.fieldValue) {
      if (values.length === LIMITS.sourceFields) {
        const last = values[values.length - 1] ?? [];
        let more = lines.length - i;
        // Make room for the note by dropping whole lines: a cut link would show as raw markdown.
        while (last.length > 0 && last.join('\n').length + 20 > LIMITS.fieldValue) {
          last.pop();
          more += 1;
        }
        last.push(`and ${more} more`);
        break;
      }
      values.push([]);
      length = -1;
    }
    values[values.length - 1]?.push(line);
    length += 1 + line.length;
  }
  return values.map((value, i) => ({ name: i === 0 ? 'Sources' : 'Sources (cont.)', value: value.join('\n') }));
}

function embedLength(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0);
  return (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + fields
    + (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
}

function storyEmbed(card: StoryCard, timeZone: string, colour: number, lead = ''): APIEmbed {
  const title = truncate(lead + escapeDiscordText(truncate(cleanText(card.headline), LIMITS.headline)), LIMITS.title);
  const sources = truncate(escapeDiscordText(truncate(sourcesLine(card), 500)), 1000);
  const summary = escapeDiscordText(card.summary);
  const describe = (max: number): string =>
    summary === '' ? truncate(sources, max) : `${truncate(summary, max - sources.length - 2)}\n\n${sources}`;
  const matched = escapeDiscordText(matchedLine(card.matched));
  const fields = [...sourceFields(card, timeZone)];
  if (matched !== '') fields.push({ name: 'Matched', value: truncate(matched, LIMITS.fieldValue) });
  const thread = safeHttpUrl(card.threadUrl ?? null, 512);
  if (thread !== null) fields.push({ name: 'Thread', value: `[follow the story in its thread](${thread})` });
  // The footer is shown as plain text (no markdown), so it is cleaned, not escaped.
  const footer = `newsbot · story #${truncate(cleanText(card.storyId), 64)} · first seen ${formatTime(card.firstSeen, timeZone)}`;
  const embed: APIEmbed = {
    title,
    description: describe(LIMITS.description),
    fields: fields.slice(0, LIMITS.fields),
    footer: { text: truncate(footer, LIMITS.footer) },
    color: colour,
  };
  const url = safeHttpUrl(card.link, 2048);
  if (url !== null) embed.url = url;
  if (Number.isFinite(card.firstSeen)) embed.timestamp = new Date(card.firstSeen).toISOString();
  // One embed alone must fit the per-message total; the summary is what gives way.
  const overflow = embedLength(embed) - LIMITS.embedChars;
  if (overflow > 0) embed.description = describe((embed.description?.length ?? 0) - overflow);
  return embed;
}

function payload(content: string, embeds: APIEmbed[]): DiscordPayload {
  return { content: truncate(content, LIMITS.content), embeds, allowed_mentions: { parse: [] } };
}

/** Each story of a digest as its own numbered embed, in order. */
export function digestStoryEmbeds(message: DigestMessage): APIEmbed[] {
  return message.stories.map((card, i) => storyEmbed(card, message.timeZone, COLOURS.digest, `${i + 1}. `));
}

/** Whether one more embed fits in a message with `page`: at most 10 embeds, 6000 characters in all. */
export function embedFits(page: readonly APIEmbed[], next: APIEmbed): boolean {
  const chars = page.reduce((sum, embed) => sum + embedLength(embed), 0);
  return page.length < LIMITS.embedsPerMessage && chars + embedLength(next) <= LIMITS.embedChars;
}

/** Pack embeds into messages within Discord's limits; one story is one embed. */
function renderDigest(message: DigestMessage): DiscordPayload[] {
  const { stories, timeZone, moreCount } = message;
  const pages = packStories(digestStoryEmbeds(message), embedFits);
  // An empty digest is still one message, saying so.
  const chunks = pages.length > 0 ? pages.map((page) => page.units) : [[]];

  const title = `**${escapeDiscordText(truncate(message.title, 200)) || 'Digest'}**`;
  const count = `${stories.length} ${stories.length === 1 ? 'story' : 'stories'}`;
  return chunks.map((chunk, index) => {
    const lines = index === 0
      ? [`${title} · ${formatWindow(message.since, message.until, timeZone)} · ${count}`]
      : [`${title} · part ${index + 1} of ${chunks.length}`];
    if (stories.length === 0) lines.push('No new stories in this window.');
    if (index === chunks.length - 1 && moreCount > 0) lines.push(`and ${moreCount} more`);
    return payload(lines.join('\n'), chunk);
  });
}

/**
 * Render a message as Discord message payloads (embeds), split to stay within Discord's limits.
 * @see https://discord.com/developers/docs/resources/message#embed-object-embed-limits
 */
export function renderDiscord(message: ChatMessage): DiscordPayload[] {
  switch (message.kind) {
    case 'alert': {
      const sides = sidesNote(message.story);
      const spread = `${escapeDiscordText(perspectiveLine(message.story))}${sides ? ` · **${escapeDiscordText(sides)}**` : ''}`;
      return [payload(`**${escapeDiscordText(alertTitle(message.updatedAt, message.timeZone))}** · ${spread}`, [storyEmbed(message.story, message.timeZone, COLOURS.alert)])];
    }
    case 'update': {
      const added = escapeDiscordText(truncate(newSourcesLine(firstPerOutlet(message.newSources)), 1000));
      const note = message.fallbackReason ? `\n*${escapeDiscordText(fallbackNote(message.fallbackReason))}*` : '';
      return [payload(`**Update** · ${added}${note}`, [storyEmbed(message.story, message.timeZone, COLOURS.update)])];
    }
    case 'digest':
      return renderDigest(message);
  }
}
