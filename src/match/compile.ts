import type { TopicFile } from './topic-schema.js';
import type { ConceptHit, TermKind, TermRole } from './types.js';
import { buildTermIndex, type TermIndex } from './scanner.js';
import { foldScripts, termKey } from './fold.js';

/** A topic compiled once into a term index for the scanner and a table of what each term means. */
export interface CompiledTopic {
  name: string;
  topic: TopicFile;
  groupLabels: Record<string, string>;
  /** Every term indexed for the one-pass scanner (scanner.ts), which names a term by its id: its position in `terms`. */
  index: TermIndex;
  /** Lower-cased term → its roles. */
  roles: Map<string, TermRole[]>;
  /** By term id: the term (lower-cased, folded), its roles and the spellings that must match exactly (caseSensitive terms). */
  terms: readonly CompiledTerm[];
  /** How many distinct concepts the roles name: roles carry their concept's number below this. */
  conceptCount: number;
}

export interface CompiledTerm {
  key: string;
  roles: readonly TermRole[];
  /** By role: the number of the role's concept, one per distinct concept id of the topic. */
  conceptNumbers: readonly number[];
  /** By role: the concept as a match reports it (sides, entities, context), made once here rather than per item; frozen, as every result shares it. */
  conceptHits: ReadonlyArray<ConceptHit | undefined>;
  /** Absent unless the topic lists the term as case-sensitive: then only these spellings (folded) count. */
  exactSpellings: readonly string[] | undefined;
}

const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]/;

/**
 * Compile a topic: every alias of every term goes into one index, scanned in one pass over the text
 * (not one regex per term). Latin-script terms match whole words; CJK terms match anywhere, since
 * those scripts have no spaces.
 */
export function compileTopic(topic: TopicFile): CompiledTopic {
  const roles = new Map<string, TermRole[]>();
  const add = (alias: string, role: TermRole): void => {
    const key = termKey(alias);
    const list = roles.get(key) ?? [];
    if (!list.some((r) => r.kind === role.kind && r.concept === role.concept && r.groups.join() === role.groups.join())) list.push(role);
    roles.set(key, list);
  };
  const addTerms = (terms: Array<string | string[]>, kind: TermKind, groups: string[], weight: number): void => {
    for (const term of terms) {
      const aliases = Array.isArray(term) ? term : [term];
      const concept = (aliases[0] ?? '').toLowerCase();
      for (const alias of aliases) for (const form of inflections(alias)) add(form, { kind, concept, groups, weight });
    }
  };

  for (const [id, group] of Object.entries(topic.groups)) addTerms(group.terms, 'side', [id], 0);
  for (const entry of topic.shared) addTerms(entry.terms, 'side', entry.groups, 0);
  addTerms(topic.entities, 'entity', [], 0);
  for (const tier of topic.context) addTerms(tier.terms, 'context', [], tier.weight);
  for (const tier of topic.topical) addTerms(tier.terms, 'topical', [], tier.weight);
  for (const phrase of topic.exclude) add(phrase, { kind: 'exclude', concept: phrase.toLowerCase(), groups: [], weight: 0 });

  // Before contained terms lend their roles: a place names the concepts its own aliases stand for.
  const placeOf = placesByConcept(topic.places, roles);
  inheritContainedTerms(roles);

  const exactSpellings = new Map<string, Set<string>>();
  for (const spelling of topic.caseSensitive) {
    const key = termKey(spelling);
    const set = exactSpellings.get(key) ?? new Set<string>();
    // Compared with folded text (matcher.ts), so stored folded too.
    set.add(foldScripts(spelling)).add(foldScripts(spelling.toUpperCase()));
    exactSpellings.set(key, set);
  }

  const keys = [...roles.keys()];
  const conceptNumbers = new Map<string, number>();
  const numberOf = (concept: string): number => {
    let number = conceptNumbers.get(concept);
    if (number === undefined) conceptNumbers.set(concept, (number = conceptNumbers.size));
    return number;
  };
  const compileTerm = (key: string): CompiledTerm => {
    const termRoles = roles.get(key)!;
    const exact = exactSpellings.get(key);
    return {
      key,
      roles: termRoles,
      conceptNumbers: termRoles.map((role) => numberOf(role.concept)),
      conceptHits: termRoles.map((role) => (role.kind === 'side' || role.kind === 'entity' || role.kind === 'context' ? conceptHit(role.concept, role.kind, role.weight, placeOf.get(role.concept)) : undefined)),
      exactSpellings: exact ? [...exact] : undefined,
    };
  };
  const terms = keys.map(compileTerm);
  return {
    name: topic.name,
    topic,
    groupLabels: Object.fromEntries(Object.entries(topic.groups).map(([id, group]) => [id, group.label])),
    index: buildTermIndex(keys),
    roles,
    terms,
    conceptCount: conceptNumbers.size,
  };
}

/** A concept as matches report it; `place` only when it names one, so other hits look as they always did. */
function conceptHit(id: string, kind: ConceptHit['kind'], weight: number, place: string | undefined): ConceptHit {
  return Object.freeze(place === undefined ? { id, kind, weight } : { id, kind, weight, place });
}

/**
 * Concept → the place it names (topic `places`): each entry's aliases, looked up among the side and
 * entity terms, stand for one place, named after the first one's concept ([Senkaku, Uotsuri]: an
 * island of the group is the same place as the group).
 */
function placesByConcept(places: TopicFile['places'], roles: ReadonlyMap<string, TermRole[]>): Map<string, string> {
  const placeOf = new Map<string, string>();
  for (const entry of places) {
    const concepts = (Array.isArray(entry) ? entry : [entry]).flatMap((alias) =>
      (roles.get(termKey(alias)) ?? []).filter((role) => role.kind === 'side' || role.kind === 'entity').map((role) => role.concept),
    );
    for (const concept of concepts) if (!placeOf.has(concept)) placeOf.set(concept, concepts[0]!);
  }
  return placeOf;
}

/**
 * Regular English forms of a lower-case term (its last word): evacuate → evacuates, evacuated,
 * evacuating; ban → bans, banned, banning; policy → policies. Names (any capital) and CJK terms are
 * taken as written. Irregular forms go in the topic file as aliases.
 */
export function inflections(term: string): string[] {
  if (CJK.test(term) || /[A-Z]/.test(term) || term.endsWith('-')) return [term];
  const match = /^(.*?)([a-z]+)$/.exec(term);
  if (!match) return [term];
  const [, head = '', word = ''] = match;
  if (word.length < 3) return [term];
  const forms = new Set<string>([word]);
  if (/(s|x|z|ch|sh)$/.test(word)) forms.add(`${word}es`);
  else if (/[^aeiou]y$/.test(word)) forms.add(`${word.slice(0, -1)}ies`).add(`${word.slice(0, -1)}ied`);
  else forms.add(`${word}s`);
  // Short consonant-vowel-consonant verbs double the last letter: ban → banned, spot → spotted.
  // Three-letter ones always do; four-letter ones may not (open → opened), so both forms are kept.
  const doubles = word.length <= 4 && /[^aeiou][aeiou][bdgklmnprt]$/.test(word);
  if (doubles) forms.add(`${word}${word.at(-1)}ed`).add(`${word}${word.at(-1)}ing`);
  if (word.endsWith('e')) forms.add(`${word}d`).add(`${word.slice(0, -1)}ing`);
  else if (!/[^aeiou]y$/.test(word) && !(doubles && word.length === 3)) forms.add(`${word}ed`).add(`${word}ing`);
  return [...forms].map((form) => `${head}${form}`);
}

/**
 * The scanner takes the longest term at each position, so "Japan Coast Guard" hides "coast guard".
 * A longer term therefore also carries the roles of the shorter terms inside it, of the kinds it
 * has none of itself; exclusions are the exception: "Japan Airlines" must not count as Japan.
 */
function inheritContainedTerms(roles: Map<string, TermRole[]>): void {
  const keys = [...roles.keys()];
  for (const longer of keys) {
    const longerRoles = roles.get(longer)!;
    if (longerRoles.some((role) => role.kind === 'exclude')) continue;
    const ownKinds = new Set(longerRoles.map((role) => role.kind));
    for (const shorter of keys) {
      if (shorter === longer || shorter.length >= longer.length || !containsTerm(longer, shorter)) continue;
      for (const role of roles.get(shorter)!) {
        // Only roles of a kind the longer term lacks: 大使館 (embassy) is context already, so it must
        // not also count as 大使 (ambassador); 中国海警 is a side and gains the coast-guard context.
        if (role.kind !== 'exclude' && !ownKinds.has(role.kind) && !longerRoles.some((r) => r.kind === role.kind && r.concept === role.concept)) longerRoles.push(role);
      }
    }
  }
}

function containsTerm(text: string, term: string): boolean {
  const index = text.indexOf(term);
  if (index < 0) return false;
  if (CJK.test(term)) return true;
  const before = text[index - 1];
  const after = text[index + term.length];
  const isWordChar = (ch: string | undefined): boolean => ch !== undefined && /[a-z0-9]/i.test(ch);
  return !isWordChar(before) && (term.endsWith('-') || !isWordChar(after));
}
