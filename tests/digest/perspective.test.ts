import { describe, expect, it } from 'vitest';
import type { SourceRef, StoryCard } from '../../src/digest/model.js';
import { labelledSourceName, parsePerspective, perspectiveLine, sidesNote, storyHasPerspective } from '../../src/digest/perspective.js';

const source = (name: string, outlet: NonNullable<SourceRef['outlet']> | null, minute: number): SourceRef => ({ name, link: null, time: Date.UTC(2026, 0, 1, 0, minute), outlet });
const card = (sources: SourceRef[]): StoryCard => ({
  storyId: '7', headline: 'h', link: null, summary: '', sources, firstSeen: 0, lastUpdated: 0, score: 10, matched: { sides: {}, context: [], excerpt: null },
});

const nhk = source('NHK World', { country: 'JP', kind: 'public' }, 1);
const xinhua = source('Xinhua', { country: 'CN', kind: 'state' }, 2);
const reuters = source('Reuters', { country: null, kind: 'wire' }, 3);
const globalTimes = source('Global Times', { country: 'CN', kind: 'state' }, 4);
const blog = source('Some Blog', null, 5);

describe('perspective: who is telling a story', () => {
  it('one line, labels once each in the order they first reported: "3 sources — JP public, CN state, wire"', () => {
    expect(perspectiveLine(card([nhk, xinhua, reuters]))).toBe('3 sources — JP public, CN state, wire');
    expect(perspectiveLine(card([nhk, xinhua, reuters, globalTimes]))).toBe('4 sources — JP public, CN state, wire');
    expect(perspectiveLine(card([xinhua, blog]))).toBe('2 sources — CN state, 1 unlabelled');
    expect(perspectiveLine(card([blog]))).toBe('1 source');
    // One outlet's second report adds no source.
    expect(perspectiveLine(card([nhk, { ...nhk, time: nhk.time + 1 }]))).toBe('1 source — JP public');
  });

  it('stories covered from more than one country are called out', () => {
    expect(sidesNote(card([nhk, xinhua, reuters]))).toBe('covered from JP and CN');
    expect(sidesNote(card([xinhua, globalTimes, reuters]))).toBe('');
    expect(sidesNote(card([nhk, xinhua, source('CNA', { country: 'TW', kind: 'state' }, 9)]))).toBe('covered from JP, CN and TW');
  });

  it('reads perspective filters: country-kind, country alone, kind alone', () => {
    expect(parsePerspective('CN-state')).toEqual({ country: 'CN', kind: 'state', token: 'cn-state' });
    expect(parsePerspective('tw')).toEqual({ country: 'TW', kind: null, token: 'tw' });
    expect(parsePerspective('wire')).toEqual({ country: null, kind: 'wire', token: 'wire' });
    for (const bad of ['cn-official', 'china', 'c', '']) expect(parsePerspective(bad), bad).toBeNull();
  });

  it('filters stories by any report from the perspective asked for', () => {
    const story = card([nhk, reuters]);
    expect(storyHasPerspective(story, parsePerspective('jp-public')!)).toBe(true);
    expect(storyHasPerspective(story, parsePerspective('wire')!)).toBe(true);
    expect(storyHasPerspective(story, parsePerspective('jp')!)).toBe(true);
    expect(storyHasPerspective(story, parsePerspective('cn-state')!)).toBe(false);
    expect(storyHasPerspective(card([blog]), parsePerspective('wire')!)).toBe(false);
  });

  it('names a source with its label for timelines', () => {
    expect(labelledSourceName(reuters)).toBe('Reuters (wire)');
    expect(labelledSourceName(blog)).toBe('Some Blog');
  });
});
