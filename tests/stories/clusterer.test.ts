import { describe, expect, it } from 'vitest';
import { StoryClusterer, type ClusterInput } from '../../src/stories/clusterer.js';
import { extractFeatures, featureName, featureNumber, genericFeaturesOf, visitFeatureKeys } from '../../src/stories/features.js';
import { loadTopicByName } from '../../src/match/load-topic.js';
import { compileTopic } from '../../src/match/compile.js';
import { matchItem } from '../../src/match/matcher.js';

const HOUR = 3_600_000;
const START = Date.UTC(2026, 2, 3, 0, 0);

/** An item whose features are the given words, each once (weight 1). */
function report(id: string, words: string[], minutes: number): ClusterInput {
  return { id, source: `outlet-${id}`, time: START + minutes * 60_000, features: { weights: new Map(words.map((w) => [featureNumber(`w:${w}`), 1])), cjk: false, events: new Set(), places: new Set(), weekdays: new Set(), dates: new Set(), figures: new Set() } };
}

/** Features by name, as the clusterer counts them (by number). */
function named(names: Iterable<string>): Set<number> {
  return new Set([...names].map(featureNumber));
}

const uniqueWords = (prefix: string, count: number): string[] => Array.from({ length: count }, (_, i) => `${prefix}${i}`);

describe('StoryClusterer candidates', () => {
  it('finds the story sharing the most features even when more stories than it compares share one', () => {
    const clusterer = new StoryClusterer();
    // Background news: enough documents for "patrol" (in 82 of them below) to count as informative
    // (at most 5 % of documents), and "senkaku" and "vessels" a little more common than "patrol", so
    // that "patrol" is looked up first and the stories it brings are met before the target.
    for (let i = 0; i < 2_000; i++) clusterer.observe(named([`w:filler${i}`, ...(i < 90 ? ['w:senkaku', 'w:vessels'] : [])]));

    // 80 unrelated stories that each mention "patrol" among many words of their own, then the one
    // story that also has "senkaku" and "vessels": it is met last when stories are gathered.
    const stories: ClusterInput[] = uniqueWords('s', 80).map((s, i) => report(s, ['patrol', ...uniqueWords(`${s}-`, 20)], i));
    const target = report('target', ['patrol', 'senkaku', 'vessels', ...uniqueWords('t-', 10)], 90);
    const query = report('query', ['patrol', 'senkaku', 'vessels', 'q-0', 'q-1'], 100);
    for (const item of [...stories, target, query]) clusterer.observe(item.features.weights);

    const storyIds = stories.map((item) => clusterer.assign(item).storyId);
    expect(new Set(storyIds).size).toBe(80); // one word in common is not one event
    const targetStory = clusterer.assign(target);
    expect(targetStory.created).toBe(true);

    // More than MAX_CANDIDATES (64) stories share "patrol" with the query; the target shares three
    // words and must be among those compared, whatever the order the stories were found in.
    const decision = clusterer.assign(query);
    expect(decision.created).toBe(false);
    expect(decision.storyId).toBe(targetStory.storyId);
  });

  it('weighs words by how rare they are: two rare words in common beat three of which two are common', () => {
    const clusterer = new StoryClusterer();
    for (let i = 0; i < 500; i++) clusterer.observe(named([`w:filler${i}`, ...(i < 300 ? ['w:ministry', 'w:summoned'] : [])]));
    const rare = report('rare', ['drills', 'yonaguni', 'a2'], 0);
    const common = report('common', ['ministry', 'summoned', 'envoy', 'b2'], 10);
    // Counted plainly, the query is closer to `common` (three words shared against two).
    const query = report('query', ['drills', 'yonaguni', 'ministry', 'summoned', 'envoy'], 20);
    for (const item of [rare, common, query]) clusterer.observe(item.features.weights);
    const rareStory = clusterer.assign(rare).storyId;
    const commonStory = clusterer.assign(common).storyId;
    expect(commonStory).not.toBe(rareStory);
    expect(clusterer.assign(query).storyId).toBe(rareStory);
  });

  it('weighs words as they are counted now: words that became common since a story began count less', () => {
    const clusterer = new StoryClusterer();
    for (let i = 0; i < 500; i++) clusterer.observe(named([`w:filler${i}`]));
    const first = report('first', ['blockade', 'strait', 'warning', 'a1'], 0);
    const second = report('second', ['quarantine', 'inspection', 'b1'], 10);
    const query = report('query', ['blockade', 'strait', 'warning', 'quarantine', 'inspection'], 20);
    for (const item of [first, second, query]) clusterer.observe(item.features.weights);
    const firstStory = clusterer.assign(first).storyId;
    const secondStory = clusterer.assign(second).storyId;
    // While all five words are rare, the query is closest to the first story (three shared words);
    // then "blockade" and "strait" turn up in 300 more reports and say little any more.
    for (let i = 0; i < 300; i++) clusterer.observe(named(['w:blockade', 'w:strait', `w:later${i}`]));
    expect(firstStory).not.toBe(secondStory);
    expect(clusterer.assign(query).storyId).toBe(secondStory);
  });

  it('keeps counting words while its feature table grows, even in the middle of one item', () => {
    // One item with more new words than the table holds at first (1 024): it grows while the item
    // is counted. "early" comes first in that item and "late" last; each is in three documents of
    // it and in two reports below, so the two must weigh exactly the same.
    const clusterer = new StoryClusterer();
    const big = named(['w:early', ...uniqueWords('w:bulk', 1_500), 'w:late']);
    for (let i = 0; i < 3; i++) clusterer.observe(big);
    const stories = [report('r1', ['early', 'p1', 'p2'], 0), report('r2', ['late', 'q1', 'q2'], 0)];
    const queries = [report('x1', ['early', 'p1', 'z1'], 10), report('x2', ['late', 'q1', 'z2'], 10)];
    for (const item of [...stories, ...queries]) clusterer.observe(item.features.weights);
    const storyIds = stories.map((item) => clusterer.assign(item).storyId);
    const decisions = queries.map((item) => clusterer.assign(item));
    expect(decisions.map((d) => d.storyId)).toEqual(storyIds);
    expect(decisions[1]!.similarity).toBe(decisions[0]!.similarity);
  });

  it('counts a feature once per item when a walk over the item meets it several times (observeEach)', () => {
    // The same items counted from their feature sets and from walks that meet "patrol" and
    // "senkaku" three times each: every decision and similarity must be the same.
    const items = [
      ['patrol', 'senkaku', 'patrol', 'vessels', 'patrol', 'senkaku', 'senkaku'],
      ['patrol', 'senkaku', 'senkaku', 'drills', 'patrol', 'a1'],
      ['vessels', 'drills', 'drills', 'b1'],
      ...uniqueWords('other', 30).map((word) => [word, word]),
    ];
    const reports = items.slice(0, 3).map((words, i) => report(`r${i}`, [...new Set(words)], i * 10));
    const decisions = (count: (clusterer: StoryClusterer, words: number[]) => void) => {
      const clusterer = new StoryClusterer();
      for (const words of items) count(clusterer, words.map((w) => featureNumber(`w:${w}`)));
      return reports.map((item) => clusterer.assign(item));
    };
    const fromSets = decisions((clusterer, words) => clusterer.observe(new Set(words)));
    const fromWalks = decisions((clusterer, words) => clusterer.observeEach((visit) => words.forEach(visit)));
    expect(fromWalks).toEqual(fromSets);
    expect(fromSets[1]!.created).toBe(false); // the second report joins the first: a similarity the counts decide
  });

  it('weakens the evidence as the story would run longer, not only with the gap to its latest report', () => {
    // Look-alike reports a few hours apart must not carry one story on for days.
    const words = ['patrol', 'senkaku', 'vessels'];
    const similarityAt40h = (storyMinutes: number[]): number => {
      const clusterer = new StoryClusterer();
      for (let i = 0; i < 100; i++) clusterer.observe(named([`w:filler${i}`]));
      const reports = storyMinutes.map((minutes, i) => report(`r${i}`, words, minutes));
      const query = report('query', words, 40 * 60);
      for (const item of [...reports, query]) clusterer.observe(item.features.weights);
      const stories = new Set(reports.map((item) => clusterer.assign(item).storyId));
      expect(stories.size).toBe(1);
      return clusterer.assign(query).similarity;
    };
    expect(similarityAt40h([30 * 60])).toBeCloseTo(1, 6); // 10 h after the story's only report
    expect(similarityAt40h([0, 30 * 60])).toBeLessThan(0.6); // 10 h after its latest report too, but 40 h after its first
  });

  it('never joins reports further apart than the window, however alike', () => {
    // No decay within 100 h: only the window can keep these two apart.
    const options = { windowMs: 72 * HOUR, graceMs: 100 * HOUR };
    const words = ['patrol', 'senkaku', 'vessels'];
    const outcome = (clusterer: StoryClusterer): boolean => {
      const first = report('first', words, 0);
      const again = report('again', words, 80 * 60);
      for (const item of [first, again]) clusterer.observe(item.features.weights);
      return clusterer.assign(first).storyId === clusterer.assign(again).storyId;
    };
    expect(outcome(new StoryClusterer(options))).toBe(false);
    expect(outcome(new StoryClusterer({ ...options, windowMs: 100 * HOUR }))).toBe(true); // the same reports, a wider window
  });
});

describe('visitFeatureKeys', () => {
  const topic = compileTopic(loadTopicByName('config/topics', 'japan-china-taiwan'));
  const texts = [
    { title: 'Four Chinese coast guard ships enter Senkaku waters', summary: "Japan's coast guard said the 4 vessels stayed 2 hours; Beijing's ministry called it a routine patrol in 2026." },
    { title: '中國海警4艘艦艇進入釣魚臺領海', summary: '中國海警局3日稱，艦艇編隊在釣魚臺領海內巡航，臺灣海巡署表示密切關注。' },
    { title: 'Ｔａｉｗａｎ ministry summons envoy over drills', summary: 'The foreign ministry in Taipei summoned Japan’s representative after PLA drills near Yonaguni.' },
    { title: 'Markets rally as tech shares rise', summary: 'Stocks rose on Monday; nothing about the region.' },
  ];

  it('gives exactly the features extractFeatures weighs, for flagged items and others, in any script', () => {
    for (const text of texts) {
      const match = matchItem(topic, text);
      const weighed = [...extractFeatures(text.title, text.summary, match.concepts, genericFeaturesOf(topic)).weights.keys()].sort();
      const visited = new Set<number>();
      visitFeatureKeys(text.title, text.summary, match.concepts, (feature) => visited.add(feature));
      expect([...visited].sort(), text.title).toEqual(weighed);
      expect(weighed.length).toBeGreaterThan(3);
    }
  });

  it('keeps numbers of one or two digits and skips one- and two-letter words, which still count for the script', () => {
    const names = [...extractFeatures('5 of 10 ships at sea', 'Japan’s 2 PM statement: 12 km off Yonaguni', []).weights.keys()].map(featureName);
    expect(names.filter((f) => f.startsWith('n:')).sort()).toEqual(['n:10', 'n:12', 'n:2', 'n:5']);
    expect(names.filter((f) => /^w:(of|at|pm|km)$/.test(f))).toEqual([]);
    expect(names).toContain('w:japan');
    // Six CJK characters against seven Latin ones, all in words of one or two letters: Latin.
    expect(extractFeatures('台湾海峡演习', 'a b c de fg', []).cjk).toBe(false);
    expect(extractFeatures('台湾海峡演习', 'a b c de', []).cjk).toBe(true);
  });
});

describe('StoryClusterer: one wire story copied by many outlets at once', () => {
  it('soon after start-up (few reports seen), 30 copies arriving together make one story, not 30', () => {
    const topic = compileTopic(loadTopicByName('config/topics', 'japan-china-taiwan'));
    const title = 'Chinese coast guard ships enter Senkaku territorial waters for a fourth day';
    const summary = 'Four China Coast Guard vessels entered Japanese territorial waters near the Senkaku Islands on Thursday, the Japan Coast Guard said; Tokyo lodged a protest with Beijing.';
    const concepts = matchItem(topic, { title, summary }).concepts;
    const copies: ClusterInput[] = Array.from({ length: 30 }, (_, i) => ({
      id: `copy-${i}`,
      source: `outlet-${i}`,
      time: START + i * 60_000,
      features: extractFeatures(title, summary, concepts, genericFeaturesOf(topic)),
    }));
    const clusterer = new StoryClusterer();
    for (const copy of copies) clusterer.observe(copy.features.weights); // a batch: observed, then assigned
    const stories = new Set(copies.map((copy) => clusterer.assign(copy).storyId));
    expect(stories.size).toBe(1);
  });
});
