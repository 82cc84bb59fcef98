import { stemmer } from 'stemmer';
import type { ConceptHit } from '../match/types.js';
import { foldScripts } from '../match/fold.js';
import { incidentMarks } from './incident-marks.js';

/**
 * The evidence two reports of one event share: content words, numbers, CJK character pairs and the
 * topic's concepts (which join aliases across languages: 高市 and Takaichi are one concept). Event
 * concepts (coast guard, drills, summons, travel advisory …) weigh most: they tell one development
 * of a long-running row from the next.
 */
export interface ItemFeatures {
  /** Feature (its number: featureNumber) → weight within the item. */
  weights: Map<number, number>;
  /** True when the item is mostly Chinese/Japanese script: compared to Latin items by concepts and numbers only. */
  cjk: boolean;
  /** The kinds of event the item reports (strong context concepts: summons, drills, travel advisory …). */
  events: Set<string>;
  /** The places it names (the topic's `places`, by place id): Senkaku and Kinmen are two incidents. */
  places: ReadonlySet<string>;
  /** What tells one of a run of look-alike incidents from the next: see incident-marks.ts. */
  weekdays: ReadonlySet<string>;
  dates: ReadonlySet<string>;
  figures: ReadonlySet<string>;
}

export interface FeatureWeights {
  title: number;
  word: number;
  number: number;
  cjk: number;
  side: number;
  entity: number;
  /** Multiplied by the concept's context weight. */
  context: number;
  /** Factor for the topic's generic terms (see `generic` in the topic file). */
  generic: number;
}

export const DEFAULT_FEATURE_WEIGHTS: FeatureWeights = { title: 2, word: 1, number: 1.5, cjk: 1, side: 1, entity: 1.5, context: 1, generic: 0.2 };

// Words that say nothing about which event a report is about.
const STOPWORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below between both but by can could did do does doing down during each few for from further had has have having he her here hers him his how i if in into is it its itself just me more most my no nor not now of off on once only or other our out over own same she should so some such than that the their them then there these they this those through to too under until up very was we were what when where which while who whom why will with would you your ' +
    'said says say saying told tells according reported reports report reporting news week weeks day days year years month months time times ' +
    'monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow new first last one two three may might must also amid over ' +
    'mr ms mrs per cent percent people country countries government official officials minister ministry statement added including however since still ' +
    'january february march april june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec'
  ).split(/\s+/),
);

/** Context concepts this strong name a kind of event (see the topic file's top context tier). */
export const EVENT_CONCEPT_WEIGHT = 3;

const CJK_RUN = /^[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

/**
 * Features are named "w:stem", "n:110", "z:台湾" or "c:concept", and numbered, for the life of the
 * process, the first time they are met: items carry the numbers, so the clusterer keeps what it
 * knows of a feature in arrays at its number, and the memo of Latin tokens (latinFeature) gives a
 * word's number at once rather than a name to look up again. The table grows with the vocabulary,
 * as the clusterer's statistics always have.
 */
const featureNumbers = new Map<string, number>();
const featureNames: string[] = [];
let universalFlags = new Uint8Array(1024);

/** The feature's number, given one the first time the name is met. */
export function featureNumber(name: string): number {
  let number = featureNumbers.get(name);
  if (number === undefined) {
    number = featureNames.length;
    featureNames.push(name);
    featureNumbers.set(name, number);
    if (number === universalFlags.length) {
      const grown = new Uint8Array(number * 2);
      grown.set(universalFlags);
      universalFlags = grown;
    }
    universalFlags[number] = isUniversal(name) ? 1 : 0;
  }
  return number;
}

/** Concept id → its feature's number: concepts come from the topic, so no name is built per item. */
const conceptFeatures = new Map<string, number>();

function conceptFeature(id: string): number {
  let number = conceptFeatures.get(id);
  if (number === undefined) conceptFeatures.set(id, (number = featureNumber(`c:${id}`)));
  return number;
}

/** The name of a feature number (for tests and explanations). */
export function featureName(number: number): string {
  const name = featureNames[number];
  if (name === undefined) throw new Error(`no feature has number ${number}`);
  return name;
}

/** isUniversal by number. */
export function isUniversalFeature(number: number): boolean {
  return universalFlags[number] === 1;
}

const genericCache = new WeakMap<object, Set<number>>();

/** A compiled topic's generic terms as features, computed once per topic. */
export function genericFeaturesOf(topic: { topic: { generic: readonly string[] } }): Set<number> {
  let set = genericCache.get(topic);
  if (!set) genericCache.set(topic, (set = genericFeatureSet(topic.topic.generic)));
  return set;
}

/** The topic's generic terms, as features: stemmed words, CJK pairs and concept ids. */
export function genericFeatureSet(terms: readonly string[]): Set<number> {
  const set = new Set<number>();
  for (const term of terms) {
    const lower = term.toLowerCase();
    set.add(featureNumber(`c:${lower}`)); // concept ids are the term as written (compile.ts)
    const folded = foldScripts(lower);
    if (CJK_RUN.test(folded)) for (let i = 0; i + 1 < folded.length; i++) set.add(featureNumber(`z:${folded.slice(i, i + 2)}`));
    else for (const word of lower.split(/[^a-z0-9]+/)) if (word) set.add(featureNumber(`w:${stemmer(word)}`));
  }
  return set;
}

export function extractFeatures(
  title: string,
  summary: string,
  concepts: readonly ConceptHit[],
  generic: ReadonlySet<number> = new Set(),
  weights: FeatureWeights = DEFAULT_FEATURE_WEIGHTS,
): ItemFeatures {
  const features = new Map<number, number>();
  const { cjkChars, latinChars, foldedFields } = forEachFeature(title, summary, concepts, weights, (feature, weight) => bump(features, feature, weight));
  const events = new Set<string>();
  for (const concept of concepts) if (concept.kind === 'context' && concept.weight >= EVENT_CONCEPT_WEIGHT) events.add(concept.id);
  for (const feature of features.keys()) if (generic.has(feature)) features.set(feature, features.get(feature)! * weights.generic);
  const places = new Set<string>();
  for (const concept of concepts) if (concept.place !== undefined) places.add(concept.place);
  return { weights: features, cjk: cjkChars > latinChars, events, places, ...incidentMarks(foldedFields) };
}

/**
 * Each feature extractFeatures finds, without weights, as met in the text (one may come more than
 * once): what term statistics (document frequency) need of an item that is not clustered, most
 * items. See StoryClusterer.observeEach.
 */
export function visitFeatureKeys(title: string, summary: string, concepts: readonly ConceptHit[], visit: (feature: number) => void): void {
  forEachFeature(title, summary, concepts, DEFAULT_FEATURE_WEIGHTS, visit);
}

/**
 * Each feature of an item with its weight in that place (a feature can come more than once); the
 * script tally, and the fields as read (folded, lower-cased).
 */
function forEachFeature(
  title: string,
  summary: string,
  concepts: readonly ConceptHit[],
  weights: FeatureWeights,
  add: (feature: number, weight: number) => void,
): { cjkChars: number; latinChars: number; foldedFields: string[] } {
  let cjkChars = 0;
  let latinChars = 0;
  const foldedFields: string[] = [];
  const addField = (text: string, fieldWeight: number): void => {
    // Folded as for matching: a Traditional and a Simplified report share their character pairs.
    const folded = foldScripts(text).toLowerCase();
    foldedFields.push(folded);
    forEachToken(folded, (token, cjk, length) => {
      if (cjk) {
        cjkChars += length;
        // Character pairs: CJK has no spaces, and pairs carry most of a word's identity.
        for (let i = 0; i + 1 < length; i++) add(featureNumber(`z:${token!.slice(i, i + 2)}`), fieldWeight * weights.cjk);
        return;
      }
      latinChars += length;
      if (token === null) return;
      const feature = latinFeature(token);
      // A Latin feature is a word or a number, and numbers are the universal ones.
      if (feature >= 0) add(feature, fieldWeight * (isUniversalFeature(feature) ? weights.number : weights.word));
    });
  };
  addField(title, weights.title);
  addField(summary, 1);
  for (const concept of concepts) {
    const weight = concept.kind === 'context' ? concept.weight * weights.context : concept.kind === 'entity' ? weights.entity : weights.side;
    if (weight > 0) add(conceptFeature(concept.id), weight);
  }
  return { cjkChars, latinChars, foldedFields };
}

/** Features every language shares: topic concepts and numbers. */
function isUniversal(feature: string): boolean {
  return feature.startsWith('c:') || feature.startsWith('n:');
}

/**
 * Tokens of lower-cased text, as /[a-z0-9]+(?:['’][a-z]+)?|[CJK]+/g would give them, with their
 * length. Scanned by character code rather than with matchAll: feature extraction runs on every new
 * item, and the regex's match objects were most of its cost (with stemming, now memoised in
 * latinFeature). A Latin token of one or two characters starting with a letter ("a", "of", "in",
 * a fifth of English words) is never a feature (see latinFeature): it comes as null, not cut out
 * of the text and looked up.
 */
function forEachToken(text: string, visit: (token: string | null, cjk: boolean, length: number) => void): void {
  const length = text.length;
  let i = 0;
  while (i < length) {
    const code = text.charCodeAt(i);
    if (isAlphanumeric(code)) {
      const start = i;
      while (++i < length && isAlphanumeric(text.charCodeAt(i)));
      const next = text.charCodeAt(i);
      if ((next === 0x27 || next === 0x2019) && isLetter(text.charCodeAt(i + 1))) {
        i += 2;
        while (i < length && isLetter(text.charCodeAt(i))) i++;
      }
      visit(i - start <= 2 && isLetter(code) ? null : text.slice(start, i), false, i - start);
    } else if (isCjk(code)) {
      const start = i;
      while (++i < length && isCjk(text.charCodeAt(i)));
      visit(text.slice(start, i), true, i - start);
    } else {
      i++;
    }
  }
}

const isLetter = (code: number): boolean => code >= 0x61 && code <= 0x7a;
const isAlphanumeric = (code: number): boolean => isLetter(code) || (code >= 0x30 && code <= 0x39);
const isCjk = (code: number): boolean =>
  (code >= 0x3040 && code <= 0x30ff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0x4e00 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff);

/** Latin token → the number of its feature ("w:stem", "n:110"), or -1 for none; memoised, as news reuses its words. */
const latinFeatures = new Map<string, number>();
const LATIN_FEATURES_KEPT = 100_000;

function latinFeature(token: string): number {
  let feature = latinFeatures.get(token);
  if (feature !== undefined) return feature;
  const word = token.replace(/['’]s?$/, '');
  if (/^\d+$/.test(word)) {
    // Numbers are strong evidence (110 km, 17 measures), except years, which every report of a period shares.
    feature = /^(19|20)\d\d$/.test(word) ? -1 : featureNumber(`n:${word}`);
  } else {
    feature = word.length > 2 && !STOPWORDS.has(word) ? featureNumber(`w:${stemmer(word)}`) : -1;
  }
  if (latinFeatures.size >= LATIN_FEATURES_KEPT) latinFeatures.clear();
  latinFeatures.set(token, feature);
  return feature;
}

function bump(features: Map<number, number>, feature: number, weight: number): void {
  features.set(feature, Math.max(features.get(feature) ?? 0, weight));
}
