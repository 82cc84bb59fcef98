import { describe, expect, it } from 'vitest';
import { loadTopicByName } from '../../src/match/load-topic.js';
import { compileTopic } from '../../src/match/compile.js';
import { evaluate, loadEvalSet } from '../../src/eval/run-eval.js';

describe('labelled evaluation set (tests/fixtures/eval)', () => {
  const { items, lookalikes } = loadEvalSet('tests/fixtures/eval');
  const report = evaluate(items, lookalikes, compileTopic(loadTopicByName('config/topics', 'japan-china-taiwan')));

  it('is the set the brief asks for: ≥ 300 items, about 40 % relevant, with cross-language items', () => {
    expect(report.items).toBeGreaterThanOrEqual(300);
    expect(report.relevantItems / report.items).toBeGreaterThan(0.35);
    expect(report.relevantItems / report.items).toBeLessThan(0.45);
    expect(items.filter((i) => i.relevant && i.lang !== 'en').length).toBeGreaterThanOrEqual(10);
  });

  it('relevance F1 ≥ 0.95', () => {
    expect(report.relevance.f1).toBeGreaterThanOrEqual(0.95);
  });

  it('clustering pairwise F1 ≥ 0.90', () => {
    expect(report.clustering.f1).toBeGreaterThanOrEqual(0.9);
  });

  it('never merges two different events that look alike', () => {
    expect(report.lookalikeMerges).toEqual([]);
  });

  it('beats the simple baselines it is compared with', () => {
    expect(report.relevance.f1).toBeGreaterThan(report.baselines.twoCountriesRelevance.f1);
    expect(report.clustering.f1).toBeGreaterThan(report.baselines.singleLinkTfidfClustering.f1);
  });
});
