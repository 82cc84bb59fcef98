import { describe, expect, it } from 'vitest';
import type { APIEmbed } from 'discord.js';
import type { types } from '@slack/bolt';
import { renderDiscordReply } from '../../src/chat/discord/commands.js';
import { renderSlackReply } from '../../src/chat/slack/commands.js';
import { digest, source } from '../helpers/story-cards.js';

type KnownBlock = types.KnownBlock;

// A busy story's reply: a long timeline, then the lines saying why it matched.
const longReply = ['Story #12: 20 sources. Timeline:', ...Array.from({ length: 60 }, (_, i) => `- ${i}:00 Outlet ${i} reports the coast guard incident off the Senkaku Islands`), 'Flagged: score 9.5'].join('\n');

/** "1. Story number 0" … as the digest renderers number them. */
const numbered = (count: number): string[] => Array.from({ length: count }, (_, i) => `${i + 1}. Story number ${i}`);

/** Characters Discord counts towards the 6000 of one message. */
const embedChars = (e: APIEmbed): number =>
  (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.author?.name.length ?? 0) + (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);

/** Slack story sections' headline links, "1. Story number 0" …, in block order. */
const slackHeadlines = (blocks: KnownBlock[]): string[] =>
  blocks.flatMap((block) => (block.type === 'section' && block.text?.type === 'mrkdwn' ? [/^(\d+\. )\*<[^|]*\|([^>]*)>\*/.exec(block.text.text)] : []))
    .filter((match) => match !== null)
    .map((match) => `${match[1]}${match[2]}`);

describe('/news replies whose stories do not fit in one message', () => {
  it('Discord: the rest follow in more messages, each within the limits, every story once and in order', () => {
    const messages = renderDiscordReply({ ephemeral: true, text: 'Latest 20 stories', stories: digest(20, 0, (i) => ({ summary: `${'Long summary sentence. '.repeat(12)}${i}` })) });
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) {
      expect(message.embeds.length).toBeLessThanOrEqual(10);
      expect(message.embeds.reduce((n, e) => n + embedChars(e), 0)).toBeLessThanOrEqual(6000);
      expect(message.content.length).toBeLessThanOrEqual(2000);
      expect(message.allowedMentions).toEqual({ parse: [] });
    }
    expect(messages.flatMap((m) => m.embeds.map((e) => e.title))).toEqual(numbered(20));
    const [first, second] = messages;
    const firstCount = first!.embeds.length;
    expect(first!.content).toBe(`Latest 20 stories\nShowing stories 1–${firstCount} of 20; stories ${firstCount + 1}–20 follow in ${messages.length - 1} more message${messages.length > 2 ? 's' : ''}.`);
    expect(second!.content).toBe(`Morning digest, continued: stories ${firstCount + 1}–${firstCount + second!.embeds.length} of 20.`);
  });

  it('Slack: the rest follow in more messages of at most 50 blocks, every story once, whole and in order', () => {
    const messages = renderSlackReply({ ephemeral: true, text: 'Latest 20 stories', stories: digest(20, 0) });
    expect(messages).toHaveLength(2);
    for (const message of messages) {
      expect(message.blocks.length).toBeLessThanOrEqual(50);
      // Whole stories: each story section is followed by its context block in the same message.
      message.blocks.forEach((block, i) => {
        if (block.type === 'section' && block.text?.type === 'mrkdwn') expect(message.blocks[i + 1]?.type).toBe('context');
      });
    }
    expect(messages.flatMap((m) => slackHeadlines(m.blocks))).toEqual(numbered(20));
    const [first, second] = messages;
    expect(slackHeadlines(first!.blocks)).toHaveLength(16);
    expect(first!.text).toBe('Latest 20 stories\nShowing stories 1–16 of 20; stories 17–20 follow in 1 more message.');
    expect(first!.blocks[0]).toEqual({ type: 'section', text: { type: 'plain_text', text: first!.text, emoji: false } });
    expect(second!.text).toBe('Morning digest, continued: stories 17–20 of 20.');
    expect(second!.blocks[0]).toEqual({ type: 'section', text: { type: 'plain_text', text: second!.text, emoji: false } });
  });

  it('all stories in one message: no note, no follow-up', () => {
    const discord = renderDiscordReply({ ephemeral: true, text: 'Latest 3 stories', stories: digest(3, 0) });
    expect(discord).toHaveLength(1);
    expect(discord[0].content).toBe('Latest 3 stories');
    const slack = renderSlackReply({ ephemeral: true, text: 'Latest 3 stories', stories: digest(3, 0) });
    expect(slack).toHaveLength(1);
    expect(slack[0].text).toBe('Latest 3 stories');
  });

  it('Discord: stories so long that each takes a message stop at 10 messages, and the first says which are left out', () => {
    // Dozens of outlets fill three "Sources" fields: two such stories pass 6000 characters.
    const outlets = Array.from({ length: 80 }, (_, i) => source(`Outlet number ${i} with a rather long name`, i));
    const messages = renderDiscordReply({ ephemeral: false, text: 'Latest 20 stories', stories: digest(20, 0, () => ({ sources: outlets })) });
    expect(messages).toHaveLength(10);
    for (const message of messages) expect(message.embeds).toHaveLength(1);
    expect(messages.flatMap((m) => m.embeds.map((e) => e.title))).toEqual(numbered(10));
    expect(messages[0].content).toBe('Latest 20 stories\nShowing story 1 of 20; stories 2–10 follow in 9 more messages; stories 11–20 left out (one reply holds no more than 10 messages).');
    expect(messages[9]!.content).toBe('Morning digest, continued: story 10 of 20.');
  });

  it('a follow-up names its reply with the title escaped like the rest: no mention, link or markup forms', () => {
    const title = 'Search for *<@U123>* @everyone <!channel>: 20 results';
    const stories = { ...digest(20, 0, (i) => ({ summary: `${'Long summary sentence. '.repeat(12)}${i}` })), title };
    const [, discord] = renderDiscordReply({ ephemeral: true, text: title, stories });
    expect(discord!.content).toMatch(/^Search for \\\*<\u200B@U123>\\\* @\u200Beveryone <\u200B!channel>: 20 results, continued: stories \d+–\d+ of 20\.$/);
    const [, slack] = renderSlackReply({ ephemeral: true, text: title, stories: { ...digest(20, 0), title } });
    expect(slack!.text).toBe('Search for *&lt;@U123&gt;* @everyone &lt;!channel&gt;: 20 results, continued: stories 17–20 of 20.');
    expect(slack!.blocks[0]).toMatchObject({ text: { type: 'plain_text' } });
  });

  it.each([
    ['Discord', (text: string) => renderDiscordReply({ ephemeral: true, text })[0].content, 2000],
    ['Slack', (text: string) => renderSlackReply({ ephemeral: true, text })[0].text, 3000],
  ] as const)('%s: a long text is cut at a line, and says it was shortened', (_platform, render, limit) => {
    const out = render(longReply);
    expect(out.length).toBeLessThanOrEqual(limit);
    expect(out).toMatch(/\n… \(shortened: too long for one message\)$/);
    const [first, ...timeline] = out.split('\n').slice(0, -1);
    expect(first).toMatch(/^Story #12/);
    expect(timeline.length).toBeGreaterThan(10);
    for (const line of timeline) expect(line).toMatch(/Senkaku Islands$/); // whole lines only
  });

  it.each([
    ['Discord', () => renderDiscordReply({ ephemeral: true, text: longReply, stories: digest(20, 0) })[0].content, 2000],
    ['Slack', () => renderSlackReply({ ephemeral: true, text: longReply, stories: digest(20, 0) })[0].text, 3000],
  ] as const)('%s: a long text is cut before the note on the stories, which stays whole', (_platform, render, limit) => {
    const out = render();
    expect(out.length).toBeLessThanOrEqual(limit);
    expect(out).toMatch(/\n… \(shortened: too long for one message\)\nShowing stories 1–\d+ of 20; stories \d+–20 follow in \d more messages?\.$/);
  });
});
