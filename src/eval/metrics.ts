export interface PrecisionRecall {
  precision: number;
  recall: number;
  f1: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

export function precisionRecall(truePositives: number, falsePositives: number, falseNegatives: number): PrecisionRecall {
  const precision = truePositives + falsePositives === 0 ? 1 : truePositives / (truePositives + falsePositives);
  const recall = truePositives + falseNegatives === 0 ? 1 : truePositives / (truePositives + falseNegatives);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, truePositives, falsePositives, falseNegatives };
}

/** Relevance: predicted vs labelled, item by item. */
export function relevanceScores(labels: boolean[], predicted: boolean[]): PrecisionRecall {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  labels.forEach((label, i) => {
    if (predicted[i] && label) tp++;
    else if (predicted[i]) fp++;
    else if (label) fn++;
  });
  return precisionRecall(tp, fp, fn);
}

/**
 * Pairwise clustering scores over the labelled-relevant items: a pair is positive when both carry
 * the same story label; predicted positive when both got the same (non-null) predicted story.
 */
export function pairwiseScores(goldStories: string[], predictedStories: Array<string | null>): PrecisionRecall {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < goldStories.length; i++) {
    for (let j = i + 1; j < goldStories.length; j++) {
      const gold = goldStories[i] === goldStories[j];
      const a = predictedStories[i];
      const predicted = a !== null && a !== undefined && a === predictedStories[j];
      if (gold && predicted) tp++;
      else if (predicted) fp++;
      else if (gold) fn++;
    }
  }
  return precisionRecall(tp, fp, fn);
}

/** Pairs of different look-alike stories (same group) that ended up in one predicted story. */
export function lookalikeMerges(goldStories: string[], predictedStories: Array<string | null>, groups: string[][]): string[] {
  const groupOf = new Map<string, number>();
  groups.forEach((group, index) => group.forEach((label) => groupOf.set(label, index)));
  const merges = new Set<string>();
  for (let i = 0; i < goldStories.length; i++) {
    for (let j = i + 1; j < goldStories.length; j++) {
      const [a, b] = [goldStories[i]!, goldStories[j]!];
      if (a === b || groupOf.get(a) === undefined || groupOf.get(a) !== groupOf.get(b)) continue;
      const p = predictedStories[i];
      if (p !== null && p !== undefined && p === predictedStories[j]) merges.add([a, b].sort().join(' + '));
    }
  }
  return [...merges];
}
