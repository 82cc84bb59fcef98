import { describe, expect, it } from 'vitest';
import type { APIEmbed } from 'discord.js';
import { escapeDiscordText, renderDiscord, type DiscordPayload } from '../../src/chat/discord/render.js';
import { card, digest, source } from '../helpers/story-cards.js';
import { forumPostName } from '../../src/chat/discord/adapter.js';

const ZW = '\u200B';




/** Characters Discord counts towards the 6000 per message. */
function embedChars(embed: APIEmbed): number {
  return (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0)
    + (embed.author?.name.length ?? 0) + (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
}

function expectWithinLimits(payload: DiscordPayload): void {
  expect(payload.allowed_mentions).toEqual({ parse: [] });
  expect(payload.embeds.length).toBeLessThanOrEqual(10);
  expect(payload.embeds.reduce((n, e) => n + embedChars(e), 0)).toBeLessThanOrEqual(6000);
  expect(payload.content?.length ?? 0).toBeLessThanOrEqual(2000);
  for (const embed of payload.embeds) {
    expect(embed.title?.length ?? 0).toBeLessThanOrEqual(256);
    expect(embed.description?.length ?? 0).toBeLessThanOrEqual(4096);
    expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(2048);
    expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(25);
    for (const field of embed.fields ?? []) {
      expect(field.name.length).toBeLessThanOrEqual(256);
      expect(field.value.length).toBeLessThanOrEqual(1024);
    }
  }
}

describe('renderDiscord', () => {
  it('GIVEN a story with 3 sources THEN one embed with the headline link, all 3 outlets, footer and timestamp', () => {
    const payloads = renderDiscord({ kind: 'alert', story: card(), timeZone: 'Asia/Tokyo' });
    expect(payloads).toHaveLength(1);
    const [payload] = payloads;
    const [embed, ...others] = payload?.embeds ?? [];
    expect(others).toEqual([]);
    expect(payload?.content).toBe('**New story** · 3 sources');
    expect(embed?.title).toBe('Japan and Taiwan discuss evacuation plans');
    expect(embed?.url).toBe('https://news.example/story-12');
    expect(embed?.description).toBe('Officials met in Tokyo. They agreed to plan evacuations.\n\n3 sources: Kyodo News, Reuters, NHK World');
    expect(embed?.fields?.[0]).toEqual({
      name: 'Sources',
      value: '[Kyodo News](https://kyodo.example/12) · 27 Jan 2026, 10:05 JST\n'
        + '[Reuters](https://reuters.example/12) · 27 Jan 2026, 10:10 JST\n'
        + '[NHK World](https://nhk.example/12) · 27 Jan 2026, 10:14 JST',
    });
    expect(embed?.fields?.[1]?.value).toBe('matched: Japan (Takaichi), Taiwan (Taiwan) · context: alliance, evacuation');
    expect(embed?.footer?.text).toBe('newsbot · story #12 · first seen 27 Jan 2026, 10:05 JST');
    expect(embed?.timestamp).toBe('2026-01-27T01:05:00.000Z');
  });

  it('GIVEN an update THEN the content says which sources are new', () => {
    const story = card();
    const [payload] = renderDiscord({ kind: 'update', story, newSources: [story.sources[0]!, story.sources[2]!], timeZone: 'Asia/Tokyo' });
    expect(payload?.content).toBe('**Update** · +2 sources: Kyodo News, NHK World');
    expect(payload?.embeds).toHaveLength(1);
    expect(payload?.allowed_mentions).toEqual({ parse: [] });
  });

  it.each([
    ['40 short stories', digest(40, 5)],
    ['40 stories with 2000-char summaries', digest(40, 5, (i) => ({ summary: `${i} ${'long text '.repeat(200)}` }))],
  ])('GIVEN a digest of %s THEN splits into messages within limits, every story once, "and N more" once', (_name, message) => {
    const payloads = renderDiscord(message);
    expect(payloads.length).toBeGreaterThan(1);
    payloads.forEach(expectWithinLimits);
    const urls = payloads.flatMap((p) => p.embeds.map((e) => e.url));
    expect(urls).toEqual(Array.from({ length: 40 }, (_, i) => `https://news.example/story-${i}`));
    const contents = payloads.map((p) => p.content ?? '');
    expect(contents.join('\n').split('and 5 more').length - 1).toBe(1);
    expect(contents.at(-1)).toContain('and 5 more');
    expect(contents[0]).toContain('**Morning digest** · 26 Jan 2026, 22:05 JST – 27 Jan 2026, 10:05 JST · 40 stories');
  });

  it.each([
    ['an 8000-char summary', { summary: 'word '.repeat(1600) }],
    ['a 5000-char headline', { headline: 'H'.repeat(5000) }],
    ['200 sources with long names', { sources: Array.from({ length: 200 }, (_, i) => source(`Outlet ${i} ${'x'.repeat(300)}`, i)) }],
  ])('GIVEN %s THEN every field stays within Discord limits, cut with "…"', (_name, overrides) => {
    const payloads = [
      ...renderDiscord({ kind: 'alert', story: card(overrides), timeZone: 'UTC' }),
      ...renderDiscord(digest(12, 0, () => overrides)),
    ];
    payloads.forEach(expectWithinLimits);
    expect(JSON.stringify(payloads)).toMatch(/…|and \d+ more/);
  });

  it('GIVEN an empty digest THEN still posts its content line', () => {
    const [payload, ...rest] = renderDiscord(digest(0, 0));
    expect(rest).toEqual([]);
    expect(payload?.embeds).toEqual([]);
    expect(payload?.content).toContain('No new stories in this window.');
  });
});

describe('escapeDiscordText', () => {
  it.each([
    ['@everyone', `@${ZW}everyone`],
    ['@here', `@${ZW}here`],
    ['<@123>', `<${ZW}@123>`],
    ['<@&987>', `<${ZW}@&987>`],
    ['<#123>', `<${ZW}#123>`],
    ['[click](http://evil.example)', '\\[click\\](http://evil.example)'],
    ['[a](http://x) and [b](http://y)', '\\[a\\](http://x) and \\[b\\](http://y)'],
    ['**bold**', '\\*\\*bold\\*\\*'],
    ['`code`', '\\`code\\`'],
    ['back\\slash', 'back\\\\slash'],
    ['||spoiler|| ~~gone~~', '\\|\\|spoiler\\|\\| \\~\\~gone\\~\\~'],
    ['# Heading', '\\# Heading'],
    ['> quote', '\\> quote'],
    ['-# small', '\\-# small'],
    ['zero\u200Bwidth bell\u0007 rtl\u202E end', 'zerowidth bell rtl end'],
  ])('escapes %j', (input, expected) => {
    expect(escapeDiscordText(input)).toBe(expected);
  });

  it('GIVEN hostile titles, summaries and outlet names THEN nothing pings, links or formats', () => {
    const hostile = '@everyone @here <!channel> <!here> <@U123> <@&987> <http://evil.example|bank.example> '
      + '[click](http://evil.example) **bold** `code` \u200B\u0007';
    const story = card({ headline: hostile, summary: hostile, sources: [source('[Bank](http://evil.example) @everyone', 0, 'https://kyodo.example/1')] });
    const payloads = [
      ...renderDiscord({ kind: 'alert', story, timeZone: 'UTC' }),
      ...renderDiscord({ kind: 'update', story, newSources: story.sources, timeZone: 'UTC' }),
      ...renderDiscord({ ...digest(1, 0), stories: [story], title: hostile }),
    ];
    for (const payload of payloads) {
      expect(payload.allowed_mentions).toEqual({ parse: [] });
      const text = JSON.parse(JSON.stringify(payload)) as DiscordPayload;
      const all = [text.content ?? '', ...text.embeds.flatMap((e) => [e.title ?? '', e.description ?? '', ...(e.fields ?? []).map((f) => f.value)])].join('\n');
      expect(all).not.toMatch(/@(everyone|here)/);
      expect(all).not.toMatch(/<[@#!]/);
      expect(all).not.toMatch(/(?<!\\)\[(click|Bank)(?!\\)\]\(/);
      expect(all).not.toContain('**bold**');
      expect(all).not.toContain('\u0007');
    }
    expect(payloads[0]?.embeds[0]?.fields?.[0]?.value).toContain(`[\\[Bank\\](http://evil.example) @${ZW}everyone](https://kyodo.example/1)`);
  });
});

describe('links and times', () => {
  it.each([
    ['javascript:alert(1)'],
    ['JavaScript:alert(document.cookie)'],
    ['data:text/html,<script>alert(1)</script>'],
    ['https://bank.example@evil.example/'],
  ])('GIVEN link %j THEN it is never emitted', (link) => {
    const story = card({ link, sources: [source('Kyodo News', 0, link)] });
    const [payload] = renderDiscord({ kind: 'alert', story, timeZone: 'UTC' });
    const json = JSON.stringify(payload).toLowerCase();
    expect(json).not.toContain('javascript:');
    expect(json).not.toContain('data:');
    expect(json).not.toContain('evil.example');
    expect(payload?.embeds[0]).not.toHaveProperty('url');
  });

  it('GIVEN a URL with parentheses THEN they are encoded so the masked link cannot end early', () => {
    const story = card({ sources: [source('Kyodo News', 0, 'https://kyodo.example/a_(b)')] });
    const [payload] = renderDiscord({ kind: 'alert', story, timeZone: 'UTC' });
    expect(payload?.embeds[0]?.fields?.[0]?.value).toContain('[Kyodo News](https://kyodo.example/a_%28b%29)');
  });

  it('GIVEN a headline that looks like markdown THEN its forum post is named in plain text, without the escapes', () => {
    const headline = '1. China, Japan trade *accusations* over [drills] (again) + more';
    const [payload] = renderDiscord({ kind: 'alert', story: card({ headline }), timeZone: 'UTC' });
    expect(payload!.embeds[0]!.title).not.toBe(headline); // escaped for the embed
    expect(forumPostName(payload!)).toBe(headline);
  });

  it('GIVEN links made of parentheses (a hostile feed) THEN every field stays within 1024 characters once they are encoded', () => {
    const sources = Array.from({ length: 6 }, (_, i) => source(`Outlet ${i}`, i, `https://o${i}.example/${'()'.repeat(240)}`));
    const [payload] = renderDiscord({ kind: 'alert', story: card({ sources }), timeZone: 'UTC' });
    expectWithinLimits(payload!);
    expect(JSON.stringify(payload!.embeds[0]!.fields)).toContain('Outlet 5'); // the names stay, without the links
  });

  it.each([
    ['Asia/Tokyo', 'first seen 27 Jan 2026, 10:05 JST'],
    ['Europe/London', 'first seen 27 Jan 2026, 01:05 GMT'],
    ['Not/AZone', 'first seen 27 Jan 2026, 01:05 UTC'],
  ])('GIVEN zone %s THEN the footer shows %s', (timeZone, expected) => {
    const [payload] = renderDiscord({ kind: 'alert', story: card(), timeZone });
    expect(payload?.embeds[0]?.footer?.text).toContain(expected);
    expect(payload?.embeds[0]?.timestamp).toBe('2026-01-27T01:05:00.000Z');
  });
});
