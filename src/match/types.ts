/** What a term contributes when it is found in an item. */
export type TermKind = 'side' | 'entity' | 'context' | 'topical' | 'exclude';

export interface TermRole {
  kind: TermKind;
  /** The concept: the first alias of the term's list, lower-cased ("takaichi" for 高市). */
  concept: string;
  /** Sides this term counts for (kind 'side': one or more group ids). */
  groups: readonly string[];
  weight: number;
}

/** One term found in an item. */
export interface TermHit {
  /** The text as it appeared. */
  text: string;
  field: 'title' | 'summary';
  /** Character offset within the field. */
  offset: number;
  roles: readonly TermRole[];
}

/** A concept found in an item: what it is and how strongly it marks the kind of event. */
export interface ConceptHit {
  id: string;
  kind: 'side' | 'entity' | 'context';
  /** The context weight (0 for sides and entities). */
  weight: number;
  /** The place the concept names, when the topic lists it among its places (see topic `places`). */
  place?: string;
}

/**
 * The matcher's verdict on one item, with everything needed to explain it to a user asking
 * "why was this flagged?" (or not).
 */
export interface MatchResult {
  topic: string;
  relevant: boolean;
  score: number;
  /** Group id → the terms that hit it, as written in the item. */
  groups: Record<string, string[]>;
  context: string[];
  topical: string[];
  /** Phrases that made words not count ("fine china"). */
  excluded: string[];
  /** Concepts found (sides, entities, context), used by story clustering as evidence. */
  concepts: ConceptHit[];
  /** One sentence saying why the item was or was not flagged. */
  reason: string;
}
