import { describe, expect, it } from 'vitest';
import type { types } from '@slack/bolt';

type KnownBlock = types.KnownBlock;
import { escapeSlackText, renderSlack, type SlackPayload } from '../../src/chat/slack/render.js';
import { card, digest, source } from '../helpers/story-cards.js';

const ZW = '\u200B';




/** Every text a user can see: mrkdwn and plain_text, in block order. */
function texts(blocks: KnownBlock[]): string[] {
  return blocks.flatMap((block) => {
    if (block.type === 'section' || block.type === 'header') return block.text ? [block.text.text] : [];
    if (block.type === 'context') return block.elements.flatMap((e) => ('text' in e ? [e.text] : []));
    return [];
  });
}

function allText(payloads: SlackPayload[]): string {
  return payloads.flatMap((p) => [p.text, ...texts(p.blocks)]).join('\n');
}

describe('renderSlack', () => {
  it('GIVEN a story with 3 sources THEN shows the headline link, all 3 outlets, first seen and what matched', () => {
    const [payload, ...rest] = renderSlack({ kind: 'alert', story: card(), timeZone: 'Asia/Tokyo' });
    expect(rest).toEqual([]);
    const [section, context] = texts(payload?.blocks ?? []);
    expect(section).toContain('*<https://news.example/story-12|Japan and Taiwan discuss evacuation plans>*');
    expect(section).toContain('Officials met in Tokyo. They agreed to plan evacuations.');
    expect(context).toBe('3 sources: <https://kyodo.example/12|Kyodo News>, <https://reuters.example/12|Reuters>, <https://nhk.example/12|NHK World>');
    expect(texts(payload?.blocks ?? [])).toContain('story #12 · first seen 27 Jan 2026, 10:05 JST');
    expect(texts(payload?.blocks ?? [])).toContain('matched: Japan (Takaichi), Taiwan (Taiwan) · context: alliance, evacuation');
    expect(payload?.text).toBe('New story: Japan and Taiwan discuss evacuation plans (3 sources)');
  });

  it('GIVEN an update THEN says which sources are new, with the headline', () => {
    const story = card();
    const [payload] = renderSlack({ kind: 'update', story, newSources: story.sources.slice(1), timeZone: 'Asia/Tokyo' });
    const [section] = texts(payload?.blocks ?? []);
    expect(section).toContain('+2 sources: <https://reuters.example/12|Reuters>, <https://nhk.example/12|NHK World>');
    expect(section).toContain('|Japan and Taiwan discuss evacuation plans>*');
    expect(payload?.text).toBe('Update: +2 sources: Reuters, NHK World · Japan and Taiwan discuss evacuation plans');
  });

  it('GIVEN a digest of 40 stories THEN splits into messages of ≤ 50 blocks, every story once and whole', () => {
    const payloads = renderSlack(digest(40, 5));
    expect(payloads.length).toBeGreaterThan(1);
    for (const payload of payloads) {
      expect(payload.blocks.length).toBeLessThanOrEqual(50);
      const sections = payload.blocks.filter((b) => b.type === 'section');
      // Whole stories: each story section is followed by its context block in the same message.
      for (const section of sections) {
        expect(payload.blocks[payload.blocks.indexOf(section) + 1]?.type).toBe('context');
      }
    }
    const all = allText(payloads);
    for (let i = 0; i < 40; i += 1) {
      expect(all.split(`<https://news.example/story-${i}|`).length - 1).toBe(1);
    }
    expect(all.split('and 5 more').length - 1).toBe(1);
    expect(texts(payloads.at(-1)?.blocks ?? []).at(-1)).toBe('and 5 more');
    expect(payloads.filter((p) => p.blocks[0]?.type === 'header')).toHaveLength(1);
  });

  it.each([
    ['an 8000-char summary', { summary: 'word '.repeat(1600) }],
    ['a 5000-char headline', { headline: 'H'.repeat(5000) }],
    ['200 sources', { sources: Array.from({ length: 200 }, (_, i) => source(`Outlet ${i}`, i)) }],
  ])('GIVEN %s THEN every text stays within its Slack limit, cut with "…"', (_name, overrides) => {
    const payloads = [
      ...renderSlack({ kind: 'alert', story: card(overrides), timeZone: 'UTC' }),
      ...renderSlack({ ...digest(3, 0, () => overrides), title: 'T'.repeat(400) }),
    ];
    for (const payload of payloads) {
      for (const block of payload.blocks) {
        if (block.type === 'header') expect(block.text.text.length).toBeLessThanOrEqual(150);
        if (block.type === 'section') expect(block.text?.text.length).toBeLessThanOrEqual(3000);
        if (block.type === 'context') expect(block.elements.length).toBeLessThanOrEqual(10);
      }
      for (const text of texts(payload.blocks)) expect(text.length).toBeLessThanOrEqual(3000);
    }
    expect(allText(payloads)).toContain('…');
  });
});

describe('escapeSlackText', () => {
  it.each([
    ['<!channel>', '&lt;!channel&gt;'],
    ['<!here> <!everyone>', '&lt;!here&gt; &lt;!everyone&gt;'],
    ['<@U123> <#C1> <!subteam^S1>', '&lt;@U123&gt; &lt;#C1&gt; &lt;!subteam^S1&gt;'],
    ['<http://evil.example|bank.example>', '&lt;http://evil.example|bank.example&gt;'],
    ['AT&T', 'AT&amp;T'],
    ['*bold*', `${ZW}*${ZW}bold${ZW}*${ZW}`],
    ['`code`', `${ZW}\`${ZW}code${ZW}\`${ZW}`],
    ['_it_ ~gone~', `${ZW}_${ZW}it${ZW}_${ZW} ${ZW}~${ZW}gone${ZW}~${ZW}`],
    ['> quoted', `${ZW}&gt; quoted`],
    ['zero\u200Bwidth\u2060 bell\u0007 rtl\u202E end', 'zerowidth bell rtl end'],
    ['two\nlines', 'two lines'],
  ])('escapes %j', (input, expected) => {
    expect(escapeSlackText(input)).toBe(expected);
  });

  it('GIVEN hostile titles and summaries THEN no mention, link or markup survives in any text', () => {
    const hostile = '@everyone @here <!channel> <!here> <@U123> <@&987> <http://evil.example|bank.example> '
      + '[click](http://evil.example) **bold** `code` \u200B\u0007';
    const story = card({ headline: hostile, summary: hostile, sources: [source(`Evil|<!here>`, 0, 'https://evil.example/12')] });
    const payloads = [
      ...renderSlack({ kind: 'alert', story, timeZone: 'UTC' }),
      ...renderSlack({ kind: 'update', story, newSources: story.sources, timeZone: 'UTC' }),
      ...renderSlack({ ...digest(1, 0), stories: [story], title: hostile }),
    ];
    for (const payload of payloads) {
      // Strip our own links; nothing else may contain an angle bracket.
      const rest = [payload.text, ...texts(payload.blocks.filter((b) => b.type !== 'header'))].join('\n')
        .replace(/<https?:\/\/[^<>|\s]+\|[^<>|]*>/g, '');
      expect(rest).not.toMatch(/[<>]/);
      expect(rest).not.toContain('\u0007');
      expect(rest).not.toContain('**bold**');
      expect(rest).toContain(`${ZW}*${ZW}${ZW}*${ZW}bold${ZW}*${ZW}${ZW}*${ZW}`);
    }
    expect(texts(payloads[0]?.blocks ?? [])[1]).toContain('<https://evil.example/12|Evil &lt;!here&gt;>');
  });
});

describe('links', () => {
  it.each([
    ['javascript:alert(1)'],
    ['JavaScript:alert(document.cookie)'],
    ['data:text/html,<script>alert(1)</script>'],
    ['https://bank.example@evil.example/'],
    ['not a url'],
  ])('GIVEN link %j THEN it is never emitted and the text shows unlinked', (link) => {
    const story = card({ link, sources: [source('Kyodo News', 0, link)] });
    const json = JSON.stringify(renderSlack({ kind: 'alert', story, timeZone: 'UTC' }));
    expect(json.toLowerCase()).not.toContain('javascript:');
    expect(json).not.toContain('data:');
    expect(json).not.toContain('evil.example');
    expect(json).toContain('*Japan and Taiwan discuss evacuation plans*');
  });

  it('GIVEN a URL with | and > THEN they are percent-encoded inside the link', () => {
    const [payload] = renderSlack({ kind: 'alert', story: card({ link: 'https://news.example/a|b>c?x=1&y=2' }), timeZone: 'UTC' });
    expect(texts(payload?.blocks ?? [])[0]).toContain('<https://news.example/a%7Cb%3Ec?x=1&amp;y=2|');
  });
});

describe('times', () => {
  it.each([
    ['Asia/Tokyo', 'story #12 · first seen 27 Jan 2026, 10:05 JST'],
    ['Asia/Taipei', 'story #12 · first seen 27 Jan 2026, 09:05 GMT+8'],
    ['America/New_York', 'story #12 · first seen 26 Jan 2026, 20:05 EST'],
    ['Not/AZone', 'story #12 · first seen 27 Jan 2026, 01:05 UTC'],
  ])('GIVEN zone %s THEN first seen shows %s', (timeZone, expected) => {
    const [payload] = renderSlack({ kind: 'alert', story: card(), timeZone });
    expect(texts(payload?.blocks ?? [])).toContain(expected);
  });
});
