import { htmlToText } from '../feeds/text.js';
import type { CompiledTopic } from './compile.js';
import { scanTerms } from './scanner.js';
import { foldScripts } from './fold.js';
import type { ConceptHit, MatchResult, TermHit } from './types.js';

export interface MatchInput {
  title: string;
  summary: string;
}

const NEEDS_CLEANING = /[<&]/;

/** A field as shown: HTML remnants removed. */
function clean(text: string): string {
  return NEEDS_CLEANING.test(text) ? htmlToText(text) : text;
}

/**
 * Find every term of the topic in the item: one pass over title and summary together, on text
 * folded to one script form (fold.ts). Hits quote the item's own spelling (臺灣, not 台湾) whenever
 * folding kept the text's length, which it almost always does.
 */
export function findTerms(compiled: CompiledTopic, input: MatchInput): TermHit[] {
  // Each field folded on its own, so the title/summary boundary and offsets stay where they are.
  const shownTitle = clean(input.title);
  const shownSummary = clean(input.summary);
  const title = foldScripts(shownTitle);
  const summary = foldScripts(shownSummary);
  const text = `${title}\n${summary}`;
  const sameShape = title.length === shownTitle.length && summary.length === shownSummary.length;
  const hits: TermHit[] = [];
  for (const scanned of scanTerms(compiled.index, text)) {
    const exact = compiled.exactSpellings.get(scanned.key);
    if (exact && !exact.has(scanned.text)) continue; // "china" the porcelain, not "China"
    const roles = compiled.roles.get(scanned.key);
    if (!roles) continue;
    const inTitle = scanned.offset < title.length;
    const offset = inTitle ? scanned.offset : scanned.offset - title.length - 1;
    const found = sameShape ? shownText(shownTitle, shownSummary, inTitle, offset, scanned.text.length) : scanned.text;
    hits.push({ text: found, field: inTitle ? 'title' : 'summary', offset, roles });
  }
  return hits;
}

/**
 * A hit as shown (臺灣, not the folded 台湾), when folding kept each field's length: cut from its
 * field, or, for a phrase running from the title on into the summary (white space includes the line
 * break between them), from both joined as the scanner saw them.
 */
function shownText(title: string, summary: string, inTitle: boolean, offset: number, length: number): string {
  if (!inTitle) return summary.slice(offset, offset + length);
  return offset + length <= title.length ? title.slice(offset, offset + length) : `${title}\n${summary}`.slice(offset, offset + length);
}

/** Decide whether an item is relevant to the topic, and say why. */
export function matchItem(compiled: CompiledTopic, input: MatchInput): MatchResult {
  const { topic } = compiled;
  const hits = findTerms(compiled, input);
  const groups: Record<string, string[]> = {};
  const conceptWeight = new Map<string, { kind: 'context' | 'topical'; weight: number; text: string }>();
  const concepts = new Map<string, ConceptHit>();
  const excluded: string[] = [];

  for (const hit of hits) {
    const fieldWeight = hit.field === 'title' ? topic.weights.title : topic.weights.summary;
    for (const role of hit.roles) {
      if (role.kind === 'exclude') {
        if (!excluded.includes(hit.text)) excluded.push(hit.text);
        continue;
      }
      if (role.kind !== 'topical' && !concepts.has(role.concept)) concepts.set(role.concept, { id: role.concept, kind: role.kind, weight: role.weight });
      if (role.kind === 'side') {
        for (const group of role.groups) {
          const terms = (groups[group] ??= []);
          if (!terms.includes(hit.text)) terms.push(hit.text);
        }
      } else if (role.kind === 'context' || role.kind === 'topical') {
        // A concept counts once, at the weight of its strongest field.
        const weighted = role.weight * fieldWeight;
        const previous = conceptWeight.get(role.concept);
        if (!previous || Math.abs(weighted) > Math.abs(previous.weight)) conceptWeight.set(role.concept, { kind: role.kind, weight: weighted, text: hit.text });
      }
    }
  }

  let contextScore = 0;
  let topicalScore = 0;
  const context: string[] = [];
  const topical: string[] = [];
  for (const { kind, weight, text } of conceptWeight.values()) {
    if (kind === 'context') {
      contextScore += weight;
      context.push(text);
    } else {
      topicalScore += weight;
      topical.push(text);
    }
  }
  const sides = Object.keys(groups).length;
  const score = round(sides * topic.rule.groupWeight + contextScore + topicalScore);
  const verdict = decide(compiled, { sides, score, contextScore });
  return {
    topic: compiled.name,
    relevant: verdict.relevant,
    score,
    groups,
    context,
    topical,
    excluded,
    concepts: [...concepts.values()],
    reason: verdict.reason,
  };
}

function decide(compiled: CompiledTopic, facts: { sides: number; score: number; contextScore: number }): { relevant: boolean; reason: string } {
  const { rule } = compiled.topic;
  if (facts.sides === 0) return { relevant: false, reason: noSideReason(compiled) };
  if (facts.sides === 1 && facts.contextScore < rule.singleGroupContext) {
    return { relevant: false, reason: `touches one side only, without enough relations context (context ${round(facts.contextScore)} < ${rule.singleGroupContext})` };
  }
  if (facts.score < rule.threshold) {
    return { relevant: false, reason: `score ${facts.score} is below the threshold ${rule.threshold}` };
  }
  return { relevant: true, reason: `score ${facts.score} ≥ ${rule.threshold} with ${facts.sides} side${facts.sides === 1 ? '' : 's'} touched` };
}

const round = (value: number): number => Math.round(value * 100) / 100;

const noSideReasons = new WeakMap<CompiledTopic, string>();

/** The reason of most verdicts (no side touched), written once per topic rather than per item. */
function noSideReason(compiled: CompiledTopic): string {
  let reason = noSideReasons.get(compiled);
  if (reason === undefined) noSideReasons.set(compiled, (reason = `mentions none of ${Object.values(compiled.groupLabels).join(', ')}`));
  return reason;
}
