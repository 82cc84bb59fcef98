import { htmlToText } from '../feeds/text.js';
import type { CompiledTerm, CompiledTopic } from './compile.js';
import { PREPARED_TEXT, RAW_TEXT, scanTerms, TermSpans } from './scanner.js';
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

// Every scan writes here and its hits are read before the next scan starts (matching is synchronous).
const spans = new TermSpans();

/** Title and summary as one text, as scanned and as the item shows them (to quote hits from); the title is the first `titleLength` characters of each. */
interface ScannedItem {
  scanned: string;
  shown: string;
  titleLength: number;
}

/**
 * Title and summary as one flat string. Array join, not a template literal: a template makes a
 * rope, which V8 flattens on the scan's first read and then reads through an indirection at every
 * character (a scan of 350 characters took ~35 % longer); join copies once into a plain string.
 */
function joinFields(title: string, summary: string): string {
  return [title, summary].join('\n');
}

/**
 * Scan an item's title and summary as one text (a phrase may run from the title into the
 * summary) into `spans`. Hits quote the item's own spelling (臺灣, not 台湾) whenever folding
 * kept the text's length, which it almost always does.
 */
function scanItem(compiled: CompiledTopic, input: MatchInput): ScannedItem {
  const text = joinFields(input.title, input.summary);
  // Most items (plain English text) need neither cleaning nor folding: the scan proves it as it goes.
  if (scanTerms(compiled.index, text, RAW_TEXT, spans)) return { scanned: text, shown: text, titleLength: input.title.length };
  // Each field cleaned and folded on its own, so the title/summary boundary and offsets stay where they are.
  const shownTitle = clean(input.title);
  const shownSummary = clean(input.summary);
  const title = foldScripts(shownTitle);
  const summary = foldScripts(shownSummary);
  const folded = joinFields(title, summary);
  scanTerms(compiled.index, folded, PREPARED_TEXT, spans);
  const sameShape = title.length === shownTitle.length && summary.length === shownSummary.length;
  return { scanned: folded, shown: sameShape ? `${shownTitle}\n${shownSummary}` : folded, titleLength: title.length };
}

/**
 * Each term of the topic found in the item, in order: the compiled term, its text as the item
 * shows it, and where it is. One pass over title and summary together, on text folded to one
 * script form (fold.ts); case-sensitive terms spelled otherwise are skipped.
 */
function forEachHit(compiled: CompiledTopic, input: MatchInput, visit: (term: CompiledTerm, text: string, field: 'title' | 'summary', offset: number) => void): void {
  const { scanned, shown, titleLength } = scanItem(compiled, input);
  for (let k = 0; k < spans.count; k++) {
    const term = compiled.terms[spans.ids[k]!]!;
    const start = spans.starts[k]!;
    const end = spans.ends[k]!;
    if (!spelledAsRequired(term, scanned, start, end)) continue;
    const inTitle = start < titleLength;
    visit(term, shown.slice(start, end), inTitle ? 'title' : 'summary', inTitle ? start : start - titleLength - 1);
  }
}

/** Find every term of the topic in the item. */
export function findTerms(compiled: CompiledTopic, input: MatchInput): TermHit[] {
  const hits: TermHit[] = [];
  forEachHit(compiled, input, (term, text, field, offset) => hits.push({ text, field, offset, roles: term.roles }));
  return hits;
}

/** Whether scanned[start, end) is spelled as a case-sensitive term must be: "China" the country, not "china" the porcelain. */
function spelledAsRequired(term: CompiledTerm, scanned: string, start: number, end: number): boolean {
  if (term.exactSpellings === undefined) return true;
  for (const spelling of term.exactSpellings) if (spelling.length === end - start && scanned.startsWith(spelling, start)) return true;
  return false;
}

/**
 * What one item's hits add up to per concept, kept in arrays indexed by concept number and
 * reused by every call: a stamp says whether an entry belongs to the current item, so nothing is
 * cleared or allocated per item (this bookkeeping in Maps cost as much as the scan on news text).
 */
class ConceptTally {
  private item = 0;
  /** The item that last listed the concept among the result's concepts. */
  private listedFor = new Int32Array(0);
  /** The item that last weighed the concept (context and topical roles), and what it found. */
  private weighedFor = new Int32Array(0);
  readonly weights: number[] = [];
  readonly kinds: Array<'context' | 'topical'> = [];
  readonly texts: string[] = [];

  /** Start on a new item of a topic with `conceptCount` concepts. */
  begin(conceptCount: number): void {
    if (this.listedFor.length < conceptCount) {
      this.listedFor = new Int32Array(conceptCount);
      this.weighedFor = new Int32Array(conceptCount);
    }
    if (this.item === 0x7fffffff) {
      // After 2³¹ items the stamps start again: none may look current.
      this.listedFor.fill(0);
      this.weighedFor.fill(0);
      this.item = 0;
    }
    this.item++;
  }

  /** True the first time in this item. */
  firstListing(concept: number): boolean {
    if (this.listedFor[concept] === this.item) return false;
    this.listedFor[concept] = this.item;
    return true;
  }

  /** Keep the concept's strongest weighing in this item; true when the concept was not weighed in it before. */
  weigh(concept: number, kind: 'context' | 'topical', weight: number, text: string): boolean {
    const first = this.weighedFor[concept] !== this.item;
    if (first || Math.abs(weight) > Math.abs(this.weights[concept]!)) {
      this.weighedFor[concept] = this.item;
      this.weights[concept] = weight;
      this.kinds[concept] = kind;
      this.texts[concept] = text;
    }
    return first;
  }
}

const tally = new ConceptTally();

/** Decide whether an item is relevant to the topic, and say why. */
export function matchItem(compiled: CompiledTopic, input: MatchInput): MatchResult {
  const { topic } = compiled;
  tally.begin(compiled.conceptCount);
  const groups: Record<string, string[]> = {};
  const concepts: ConceptHit[] = [];
  const excluded: string[] = [];
  // Context and topical concepts in the order first found: a concept counts once, at the weight of its strongest field.
  const weighed: number[] = [];

  forEachHit(compiled, input, (term, text, field) => {
    const fieldWeight = field === 'title' ? topic.weights.title : topic.weights.summary;
    for (let r = 0; r < term.roles.length; r++) {
      const role = term.roles[r]!;
      if (role.kind === 'exclude') {
        if (!excluded.includes(text)) excluded.push(text);
        continue;
      }
      const concept = term.conceptNumbers[r]!;
      const hit = term.conceptHits[r];
      if (hit !== undefined && tally.firstListing(concept)) concepts.push(hit);
      if (role.kind === 'side') {
        for (const group of role.groups) {
          const terms = (groups[group] ??= []);
          if (!terms.includes(text)) terms.push(text);
        }
      } else if (role.kind === 'context' || role.kind === 'topical') {
        if (tally.weigh(concept, role.kind, role.weight * fieldWeight, text)) weighed.push(concept);
      }
    }
  });

  let contextScore = 0;
  let topicalScore = 0;
  const context: string[] = [];
  const topical: string[] = [];
  for (const concept of weighed) {
    if (tally.kinds[concept] === 'context') {
      contextScore += tally.weights[concept]!;
      context.push(tally.texts[concept]!);
    } else {
      topicalScore += tally.weights[concept]!;
      topical.push(tally.texts[concept]!);
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
    concepts,
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
