import { OUTLET_KINDS, type OutletKind } from '../feeds/outlets.js';
import type { SourceRef, StoryCard } from './model.js';
import { cleanText, firstPerOutlet, plural } from './time.js';

/**
 * Perspective: whose voice each report of a story is. A source's label is its outlet's country and
 * kind ("JP public", "CN state", "TW state"), or the kind alone for international wires ("wire").
 */
export function perspectiveLabel(outlet: SourceRef['outlet']): string | null {
  if (!outlet) return null;
  return outlet.country ? `${outlet.country} ${outlet.kind}` : outlet.kind;
}

/** What `perspective cn-state` asks for: a country, a kind, or both. */
export interface PerspectiveFilter {
  country: string | null;
  kind: OutletKind | null;
  /** As the user wrote it, normalized ("cn-state"). */
  token: string;
}

const KIND_SET = new Set<string>(OUTLET_KINDS);

/**
 * Read a perspective token: "cn-state", "jp-public", "tw" (any kind from Taiwan), "wire" (any wire).
 * Null when it is none of these.
 */
export function parsePerspective(text: string): PerspectiveFilter | null {
  const token = text.trim().toLowerCase();
  if (KIND_SET.has(token)) return { country: null, kind: token as OutletKind, token };
  const match = /^([a-z]{2})(?:-([a-z]+))?$/.exec(token);
  if (!match) return null;
  const kind = match[2] ?? null;
  if (kind !== null && !KIND_SET.has(kind)) return null;
  return { country: match[1]!.toUpperCase(), kind: kind as OutletKind | null, token };
}

export const PERSPECTIVE_HINT = `a country code and/or an outlet kind (${OUTLET_KINDS.join(', ')}), e.g. "cn-state", "jp-public", "tw" or "wire"`;

function sourceMatches(source: SourceRef, filter: PerspectiveFilter): boolean {
  const outlet = source.outlet;
  if (!outlet) return false;
  return (filter.country === null || outlet.country === filter.country) && (filter.kind === null || outlet.kind === filter.kind);
}

/** Whether any report of the story comes from the perspective asked for. */
export function storyHasPerspective(card: StoryCard, filter: PerspectiveFilter): boolean {
  return card.sources.some((source) => sourceMatches(source, filter));
}

/** The countries the story's labelled outlets report from, in time order ("JP", "CN"). */
export function storySides(card: StoryCard): string[] {
  const sides: string[] = [];
  for (const source of firstPerOutlet(card.sources)) {
    const country = source.outlet?.country;
    if (country && !sides.includes(country)) sides.push(country);
  }
  return sides;
}

/**
 * The story's spread in one line: "3 sources — JP public, CN state, wire". Labels appear once each,
 * in the order their first report arrived; outlets nobody labelled are counted as "unlabelled".
 */
export function perspectiveLine(card: StoryCard): string {
  const outlets = firstPerOutlet(card.sources);
  const labels: string[] = [];
  let unlabelled = 0;
  for (const source of outlets) {
    const label = perspectiveLabel(source.outlet);
    if (label === null) unlabelled++;
    else if (!labels.includes(label)) labels.push(label);
  }
  const count = plural(outlets.length, 'source');
  if (labels.length === 0) return count;
  if (unlabelled > 0) labels.push(`${unlabelled} unlabelled`);
  return `${count} — ${labels.join(', ')}`;
}

/** "covered from JP, CN and TW" when more than one country's outlets report the story, else ''. */
export function sidesNote(card: StoryCard): string {
  const sides = storySides(card);
  if (sides.length < 2) return '';
  return `covered from ${sides.slice(0, -1).join(', ')} and ${sides.at(-1)!}`;
}

/** A report in the story's timeline: "Kyodo News (JP wire)". */
export function labelledSourceName(source: SourceRef): string {
  const label = perspectiveLabel(source.outlet);
  const name = cleanText(source.name);
  return label ? `${name} (${label})` : name;
}
