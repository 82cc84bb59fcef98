import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { CompiledTopic } from '../match/compile.js';
import { classifyBatch, type BatchItem } from '../stories/classify-batch.js';
import { lookalikeMerges, pairwiseScores, relevanceScores, type PrecisionRecall } from './metrics.js';
import { singleLinkTfidf, twoCountriesRule } from './baselines.js';

const labelledItem = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  source: z.string(),
  published: z.string(),
  link: z.string().optional(),
  lang: z.string().optional(),
  relevant: z.boolean(),
  story: z.string().nullable(),
});
export type LabelledItem = z.infer<typeof labelledItem>;

export interface EvalReport {
  items: number;
  relevantItems: number;
  stories: number;
  relevance: PrecisionRecall;
  clustering: PrecisionRecall;
  lookalikeMerges: string[];
  baselines: {
    twoCountriesRelevance: PrecisionRecall;
    singleLinkTfidfClustering: PrecisionRecall & { threshold: number };
  };
}

/** Every *.jsonl file of the folder (one labelled item per line), and lookalikes.json. */
export function loadEvalSet(dir: string): { items: LabelledItem[]; lookalikes: string[][] } {
  const items: LabelledItem[] = [];
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.jsonl')).sort()) {
    readFileSync(join(dir, file), 'utf8')
      .split('\n')
      .forEach((line, index) => {
        if (!line.trim()) return;
        const parsed = labelledItem.safeParse(JSON.parse(line));
        if (!parsed.success) throw new Error(`${join(dir, file)}:${index + 1}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
        items.push(parsed.data);
      });
  }
  const lookalikes = (JSON.parse(readFileSync(join(dir, 'lookalikes.json'), 'utf8')) as { groups: string[][] }).groups;
  return { items, lookalikes };
}

export function evaluate(items: LabelledItem[], lookalikes: string[][], topic: CompiledTopic): EvalReport {
  const batch: BatchItem[] = items.map(({ id, title, summary, source, published }) => ({ id, title, summary, source, published }));
  const verdicts = classifyBatch(batch, topic);
  const gold = items.filter((item) => item.relevant);
  const goldStories = gold.map((item) => item.story ?? item.id);
  const verdictById = new Map(verdicts.map((v) => [v.id, v]));
  const predictedStories = gold.map((item) => verdictById.get(item.id)?.story ?? null);

  // Baseline clustering runs on the same gold-relevant items, in time order, at its best threshold.
  const ordered = [...gold].sort((a, b) => Date.parse(a.published) - Date.parse(b.published));
  let bestBaseline: PrecisionRecall & { threshold: number } = { ...pairwiseScores([], []), f1: -1, threshold: 0 };
  for (let threshold = 0.1; threshold <= 0.71; threshold += 0.05) {
    const clusters = singleLinkTfidf(ordered.map((item) => `${item.title} ${item.summary}`), threshold);
    const scores = pairwiseScores(ordered.map((item) => item.story ?? item.id), clusters.map(String));
    if (scores.f1 > bestBaseline.f1) bestBaseline = { ...scores, threshold: Math.round(threshold * 100) / 100 };
  }

  return {
    items: items.length,
    relevantItems: gold.length,
    stories: new Set(goldStories).size,
    relevance: relevanceScores(items.map((i) => i.relevant), items.map((i) => verdictById.get(i.id)?.relevant ?? false)),
    clustering: pairwiseScores(goldStories, predictedStories),
    lookalikeMerges: lookalikeMerges(goldStories, predictedStories, lookalikes),
    baselines: {
      twoCountriesRelevance: relevanceScores(items.map((i) => i.relevant), items.map((i) => twoCountriesRule(i.title, i.summary))),
      singleLinkTfidfClustering: bestBaseline,
    },
  };
}

export function formatEvalReport(report: EvalReport): string {
  const row = (name: string, scores: PrecisionRecall): string =>
    `  ${name.padEnd(52)} ${scores.precision.toFixed(3)}     ${scores.recall.toFixed(3)}   ${scores.f1.toFixed(3)}`;
  return [
    `evaluation set: ${report.items} items, ${report.relevantItems} relevant, ${report.stories} stories`,
    '',
    `  ${''.padEnd(52)} precision recall  F1`,
    row('relevance: newsbot matcher', report.relevance),
    row('relevance: baseline "two of three country names"', report.baselines.twoCountriesRelevance),
    row('clustering (pairwise): newsbot', report.clustering),
    row(`clustering (pairwise): single-link TF-IDF @${report.baselines.singleLinkTfidfClustering.threshold}`, report.baselines.singleLinkTfidfClustering),
    '',
    `look-alike events merged: ${report.lookalikeMerges.length === 0 ? 'none' : report.lookalikeMerges.join(', ')}`,
  ].join('\n');
}
