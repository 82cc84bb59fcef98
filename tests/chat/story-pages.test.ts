import { describe, expect, it } from 'vitest';
import { firstMessageNote, followUpNote, packStories } from '../../src/chat/story-pages.js';

/** Units are sizes; a message holds `capacity` in all. */
const fitsIn = (capacity: number) => (page: readonly number[], next: number): boolean => page.reduce((a, b) => a + b, 0) + next <= capacity;

describe('packStories', () => {
  it('fills messages greedily, in order, never splitting a story, numbering from 1', () => {
    expect(packStories([3, 3, 3, 2, 5, 1], fitsIn(6))).toEqual([
      { units: [3, 3], first: 1, last: 2 },
      { units: [3, 2], first: 3, last: 4 },
      { units: [5, 1], first: 5, last: 6 },
    ]);
  });

  it('gives a story too big for any message one of its own', () => {
    expect(packStories([2, 9, 2], fitsIn(6)).map((page) => page.units)).toEqual([[2], [9], [2]]);
  });

  it('tells the check which message it fills: the first may hold less (or more) than the others', () => {
    const firstHoldsOne = (page: readonly number[], _next: number, pageIndex: number): boolean => pageIndex > 0 && page.length < 3;
    expect(packStories([1, 1, 1, 1, 1, 1, 1], firstHoldsOne).map((page) => page.units.length)).toEqual([1, 3, 3]);
  });

  it('stops at the last message allowed: the stories after it are left out, and `last` says where', () => {
    const pages = packStories([4, 4, 4, 4, 4], fitsIn(6), 3);
    expect(pages.map((page) => [page.first, page.last])).toEqual([[1, 1], [2, 2], [3, 3]]);
    expect(packStories([1, 1], fitsIn(6), 1)).toEqual([{ units: [1, 1], first: 1, last: 2 }]);
  });

  it('no stories: no messages', () => {
    expect(packStories([], fitsIn(6))).toEqual([]);
  });
});

describe('the notes of a reply in several messages', () => {
  const pages = (...ranges: Array<[number, number]>) => ranges.map(([first, last]) => ({ units: [], first, last }));

  it('says nothing when the first message shows every story', () => {
    expect(firstMessageNote(pages([1, 9]), 9)).toBeNull();
    expect(firstMessageNote([], 0)).toBeNull();
  });

  it('says which stories the first message shows and which follow, in how many messages', () => {
    expect(firstMessageNote(pages([1, 9], [10, 20]), 20)).toBe('Showing stories 1–9 of 20; stories 10–20 follow in 1 more message.');
    expect(firstMessageNote(pages([1, 16], [17, 17]), 17)).toBe('Showing stories 1–16 of 17; story 17 follows in 1 more message.');
    expect(firstMessageNote(pages([1, 1], [2, 2], [3, 3]), 3)).toBe('Showing story 1 of 3; stories 2–3 follow in 2 more messages.');
  });

  it('says which are left out when one reply holds no more messages', () => {
    expect(firstMessageNote(pages([1, 8], [9, 16]), 20)).toBe('Showing stories 1–8 of 20; stories 9–16 follow in 1 more message; stories 17–20 left out (one reply holds no more than 2 messages).');
    expect(firstMessageNote(pages([1, 19]), 20)).toBe('Showing stories 1–19 of 20; story 20 left out (one reply holds no more than 1 message).');
  });

  it('a follow-up names the reply it continues, its title cut short', () => {
    expect(followUpNote('Latest 20 stories', { units: [], first: 10, last: 20 }, 20)).toBe('Latest 20 stories, continued: stories 10–20 of 20.');
    expect(followUpNote('Latest 20 stories', { units: [], first: 20, last: 20 }, 20)).toBe('Latest 20 stories, continued: story 20 of 20.');
    const long = followUpNote(`Search for ${'word '.repeat(100)}`, { units: [], first: 2, last: 3 }, 3);
    expect(long).toMatch(/^Search for (word ){30,}[word]*…, continued: stories 2–3 of 3\.$/);
    expect(long.length).toBeLessThan(250);
  });
});
