import { describe, expect, it } from 'vitest';
import { renderConsole } from '../../src/chat/console/render.js';
import { card, digest, source } from '../helpers/story-cards.js';





describe('renderConsole', () => {
  it('GIVEN a story with 3 sources THEN prints headline, summary, each outlet with its link, first seen and what matched', () => {
    expect(renderConsole({ kind: 'alert', story: card(), timeZone: 'Asia/Tokyo' })).toBe([
      'NEW STORY  Japan and Taiwan discuss evacuation plans',
      '    Officials met in Tokyo. They agreed to plan evacuations.',
      '    https://news.example/story-12',
      '    3 sources: Kyodo News, Reuters, NHK World',
      '    - Kyodo News · 27 Jan 2026, 10:05 JST  https://kyodo.example/12',
      '    - Reuters · 27 Jan 2026, 10:10 JST  https://reuters.example/12',
      '    - NHK World · 27 Jan 2026, 10:14 JST  https://nhk.example/12',
      '    first seen 27 Jan 2026, 10:05 JST',
      '    matched: Japan (Takaichi), Taiwan (Taiwan) · context: alliance, evacuation',
    ].join('\n'));
  });

  it('GIVEN an update THEN the first line says which sources are new', () => {
    const story = card();
    const text = renderConsole({ kind: 'update', story, newSources: story.sources.slice(1), timeZone: 'Asia/Tokyo' });
    expect(text.split('\n').slice(0, 2)).toEqual(['UPDATE  +2 sources: Reuters, NHK World', '    Japan and Taiwan discuss evacuation plans']);
  });

  it('GIVEN a digest THEN numbers every story once and ends with "and N more"', () => {
    const text = renderConsole(digest(12, 5));
    const lines = text.split('\n');
    expect(lines.slice(0, 2)).toEqual(['Morning digest', '26 Jan 2026, 22:05 JST – 27 Jan 2026, 10:05 JST · 12 stories']);
    expect(lines).toContain(' 1. Story number 0');
    expect(lines).toContain('12. Story number 11');
    expect(lines.filter((l) => /^\s?\d+\. /.test(l))).toHaveLength(12);
    expect(lines.at(-1)).toBe('and 5 more');
  });

  it.each([
    ['a bell and an escape sequence', 'Alert\u0007 \u001b[31mred\u001b[0m', 'Alert [31mred[0m'],
    ['zero-width and bidi characters', 'Tai\u200Bwan \u202Eevil\u202C', 'Taiwan evil'],
    ['newlines and tabs', 'one\ntwo\tthree', 'one two three'],
  ])('GIVEN a headline with %s THEN they are stripped', (_name, headline, expected) => {
    expect(renderConsole({ kind: 'alert', story: card({ headline }), timeZone: 'UTC' }).split('\n')[0]).toBe(`NEW STORY  ${expected}`);
  });

  it.each([['javascript:alert(1)'], ['data:text/html,hi'], ['not a url']])('GIVEN link %j THEN it is not printed', (link) => {
    const text = renderConsole({ kind: 'alert', story: card({ link, sources: [source('Kyodo News', 0, link)] }), timeZone: 'UTC' });
    expect(text).not.toContain(link);
    expect(text).toContain('    - Kyodo News · 27 Jan 2026, 01:05 UTC\n');
  });

  it.each([
    ['Asia/Tokyo', '27 Jan 2026, 10:05 JST'],
    ['Asia/Taipei', '27 Jan 2026, 09:05 GMT+8'],
    ['Europe/London', '27 Jan 2026, 01:05 GMT'],
    ['', '27 Jan 2026, 01:05 UTC'],
    ['Not/AZone', '27 Jan 2026, 01:05 UTC'],
  ])('GIVEN zone %j THEN first seen shows %s', (timeZone, expected) => {
    expect(renderConsole({ kind: 'alert', story: card(), timeZone })).toContain(`first seen ${expected}`);
  });
});
