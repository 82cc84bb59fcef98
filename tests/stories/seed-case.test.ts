import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadTopicByName } from '../../src/match/load-topic.js';
import { compileTopic } from '../../src/match/compile.js';
import { classifyBatch, type BatchItem } from '../../src/stories/classify-batch.js';
import { outletKey } from '../../src/stories/outlet.js';

const topic = compileTopic(loadTopicByName('config/topics', 'japan-china-taiwan'));
const items = readFileSync(new URL('./testdata/seed-event.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as BatchItem);

describe('the seed case: three outlets, one event', () => {
  const verdicts = classifyBatch(items, topic);
  const byId = new Map(verdicts.map((v) => [v.id, v]));

  it('flags all three reports, and they form ONE story', () => {
    const seeds = ['wire-1', 'daily-1', 'afp-1'].map((id) => byId.get(id)!);
    expect(seeds.every((v) => v.relevant)).toBe(true);
    expect(new Set(seeds.map((v) => v.story)).size).toBe(1);
    expect(seeds[0]!.story).not.toBeNull();
  });

  it('one outlet\'s wrong date (2024-11-01) does not split the story when its first-seen time is known', () => {
    expect(byId.get('afp-1')!.story).toBe(byId.get('wire-1')!.story);
  });

  it('a new statement on the same topic two weeks later is a different story', () => {
    expect(byId.get('later-1')!.relevant).toBe(true);
    expect(byId.get('later-1')!.story).not.toBe(byId.get('wire-1')!.story);
  });

  it('a match result naming two countries is not relations news', () => {
    expect(byId.get('noise-1')).toMatchObject({ relevant: false, story: null });
  });

  it('GIVEN the same batch in another order THEN the stories are the same', () => {
    const reversed = classifyBatch([...items].reverse(), topic);
    const partition = (list: typeof verdicts) => {
      const groups = new Map<string, string[]>();
      for (const v of list) if (v.story) groups.set(v.story, [...(groups.get(v.story) ?? []), v.id].sort());
      return [...groups.values()].map((g) => g.join()).sort();
    };
    expect(partition(reversed)).toEqual(partition(verdicts));
  });
});

describe('outletKey: one outlet\'s feeds count as one source', () => {
  it.each([
    ['Kyodo News (Politics)', 'kyodo news'],
    ['Kyodo News', 'kyodo news'],
    ['Reuters - World News', 'reuters'],
    ['NHK (日本語)', 'nhk'],
    ['The Japan Times', 'the japan times'],
  ])('%s → %s', (name, key) => {
    expect(outletKey(name)).toBe(key);
  });

  it.each([
    ['Gull Wire: Politics', 'gull wire'],
    ['Gull Wire : World', 'gull wire'],
    ['Gull Wire » World', 'gull wire'],
    ['Gull Wire»World', 'gull wire'],
    ['Gull Wire › Asia', 'gull wire'],
    ['Gull Wire / Politics', 'gull wire'],
    ['Gull Wire | Politics', 'gull wire'],
    ['Gull Wire - Politics: Japan', 'gull wire'],
    ['鸥报：政治', '鸥报'],
  ])('a section after a separator is cut: %s → %s', (name, key) => {
    expect(outletKey(name)).toBe(key);
  });

  it.each([
    ['AT/T Daily', 'at/t daily'],
    ['Gull Wire/Politics', 'gull wire/politics'], // no spaces: a slash can be part of a name
    ['Asia-Pacific Tern', 'asia-pacific tern'],
    ['Tern 24:7', 'tern 24:7'],
    ['Heron Times 10:30 Edition', 'heron times 10:30 edition'],
    ['https://heron.example/feed', 'https://heron.example/feed'],
  ])('a separator inside a name is not a section: %s → %s', (name, key) => {
    expect(outletKey(name)).toBe(key);
  });
});

describe('classifyBatch: lines without a usable date', () => {
  // Invented word-for-word copies; some lines carry no date (empty, "n/a") and no firstSeen.
  const copy = (id: string, source: string, published: string): BatchItem => ({
    id, source, published,
    title: 'Chinese coast guard ships enter Senkaku waters',
    summary: 'Four China Coast Guard vessels entered Japanese territorial waters near the Senkaku Islands, the Japan Coast Guard said.',
  });

  it('copies, some undated, are one story: undated lines take the batch\'s latest date', () => {
    const verdicts = classifyBatch([copy('a', 'Gull Wire', ''), copy('b', 'Tern Times', 'n/a'), copy('c', 'Heron Herald', '2026-06-10T01:00:00Z')], topic);
    expect(verdicts.every((v) => v.relevant)).toBe(true);
    expect(new Set(verdicts.map((v) => v.story)).size).toBe(1);
  });

  it('copies with no date at all are one story', () => {
    const verdicts = classifyBatch([copy('a', 'Gull Wire', ''), copy('b', 'Tern Times', 'n/a')], topic);
    expect(new Set(verdicts.map((v) => v.story)).size).toBe(1);
  });

  it('in a batch spanning days, an undated line joins the latest reports, not the oldest', () => {
    const verdicts = classifyBatch([
      copy('old', 'Gull Wire', '2026-06-01T01:00:00Z'),
      copy('undated', 'Tern Times', ''),
      copy('new', 'Heron Herald', '2026-06-10T01:00:00Z'),
      copy('new-copy', 'Gull Wire', '2026-06-10T02:00:00Z'),
    ], topic);
    const story = Object.fromEntries(verdicts.map((v) => [v.id, v.story]));
    expect(story.new).not.toBe(story.old);
    expect(story['new-copy']).toBe(story.new);
    expect(story.undated).toBe(story.new); // dated like the batch's latest report
  });
});
