import { isUniversal, type ItemFeatures } from './features.js';

export interface ClusterOptions {
  /** Reports further apart than this (ms) are never one story. */
  windowMs: number;
  /** Similarity needed to join a story, between reports in the same script. */
  threshold: number;
  /** Similarity needed between an English and a Chinese/Japanese report (concepts and numbers only). */
  crossScriptThreshold: number;
  /** Gap (ms) within which time does not weaken the evidence; beyond it, similarity decays. */
  graceMs: number;
  /** Time constant of that decay (ms): reports of one event come within a day or so of each other. */
  decayMs: number;
  /** Factor applied when both sides name kinds of event and none is shared (a summons vs a travel advisory). */
  eventMismatch: number;
}

export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = {
  windowMs: 72 * 3_600_000,
  threshold: 0.09,
  crossScriptThreshold: 0.28,
  graceMs: 12 * 3_600_000,
  decayMs: 24 * 3_600_000,
  eventMismatch: 0.3,
};

/**
 * Features in more documents than this never find candidates (see candidates(): the cut-off is at
 * most this), so they are not indexed. They were the largest posting sets ("china" in most stories).
 */
const MOST_DOCUMENTS_FOR_LOOKUP = 400;

/** How many of an item's rarest features are used to find candidate stories. */
const INFORMATIVE_FEATURES = 12;
/** Most stories an item is compared with. */
const MAX_CANDIDATES = 64;

export interface ClusterInput {
  id: string;
  /** Outlet key: two feeds of one outlet count as one source. */
  source: string;
  /** When the report appeared (ms): first-seen time in live use, so one outlet's wrong date cannot split a story. */
  time: number;
  features: ItemFeatures;
}

export interface ClusterDecision {
  storyId: string;
  created: boolean;
  similarity: number;
}

/** An item's features with their IDF weights, in iteration order (see StoryClusterer.weighted). */
interface ItemVector {
  features: string[];
  idfs: number[];
  /** weight × idf */
  values: number[];
  universal: boolean[];
  /** Squared norms: all features, universal ones only. */
  norm: number;
  universalNorm: number;
}

/** What the clusterer knows of a feature across all items: document frequency and IDF (cached). */
interface FeatureStats {
  /** Items that have the feature. */
  documents: number;
  /** Its IDF, as of `idfAt` items observed (recomputed once the count has moved on). */
  idf: number;
  idfAt: number;
}

interface StoryState {
  id: string;
  size: number;
  first: number;
  last: number;
  /** Feature → number of members that have it. */
  counts: Map<string, number>;
  events: Set<string>;
  /**
   * Squared norms of the story's summed feature vector (count × idf), all features and universal
   * ones, kept up to date as members join, and recomputed when the corpus has grown notably (IDF
   * drifts). Cosine ignores scale, so the sum stands in for the centroid.
   */
  norm: { all: number; universal: number; documents: number } | null;
  cjkMembers: number;
  latinMembers: number;
}

/**
 * Online story clustering: each relevant item joins the most similar recent story or starts one.
 * Candidates come from an inverted index of informative features, limited to the time window, so
 * cost grows with the number of items, not with its square.
 */
export class StoryClusterer {
  private readonly options: ClusterOptions;
  /**
   * Feature → its statistics: one record per feature, so counting an item and weighing a feature
   * each cost one lookup, and the IDF's logarithm is taken once per feature per batch rather than
   * once per use (weighing an item, norms, story updates).
   */
  private readonly statistics = new Map<string, FeatureStats>();
  private documents = 0;
  private readonly stories = new Map<string, StoryState>();
  /** Feature → the stories having it (features of at most MOST_DOCUMENTS_FOR_LOOKUP documents). */
  private readonly postings = new Map<string, Set<StoryState>>();
  private nextNumber: number;
  private latestTime = -Infinity;

  constructor(options: Partial<ClusterOptions> = {}, private readonly newStoryId: (n: number) => string = (n) => `s${n}`, firstNumber = 1) {
    this.options = { ...DEFAULT_CLUSTER_OPTIONS, ...options };
    this.nextNumber = firstNumber;
  }

  /**
   * Count an item's features for IDF: its feature set (featureKeys) or weights (extractFeatures),
   * each feature once. Call for every item, relevant or not, before assigning.
   */
  observe(features: ReadonlySet<string> | ReadonlyMap<string, number>): void {
    this.documents++;
    for (const feature of features.keys()) {
      const stats = this.statistics.get(feature);
      if (!stats) {
        this.statistics.set(feature, { documents: 1, idf: 0, idfAt: -1 });
        continue;
      }
      // Too common to find candidates from now on (document counts only grow): drop its postings.
      if (++stats.documents === MOST_DOCUMENTS_FOR_LOOKUP + 1) this.postings.delete(feature);
    }
  }

  /** Put a relevant item into a story (an existing one, or a new one). */
  assign(item: ClusterInput): ClusterDecision {
    this.latestTime = Math.max(this.latestTime, item.time);
    let best: { story: StoryState; similarity: number } | null = null;
    const vector = this.weighted(item);
    for (const story of this.candidates(item)) {
      const similarity = this.similarity(item, vector, story);
      const needed = this.crossesScript(item, story) ? this.options.crossScriptThreshold : this.options.threshold;
      if (similarity >= needed && (!best || similarity > best.similarity)) best = { story, similarity };
    }
    if (best) {
      this.addMember(best.story, item);
      return { storyId: best.story.id, created: false, similarity: best.similarity };
    }
    const story: StoryState = { id: this.newStoryId(this.nextNumber++), size: 0, first: item.time, last: item.time, counts: new Map(), events: new Set(), norm: null, cjkMembers: 0, latinMembers: 0 };
    // A number restored ahead of the count (continueAfter not called) must not leave a second story
    // of that id in the index: the old one goes, as restore() does with a story it replaces.
    const previous = this.stories.get(story.id);
    if (previous) this.retire(previous);
    this.stories.set(story.id, story);
    this.addMember(story, item);
    return { storyId: story.id, created: true, similarity: 1 };
  }

  /** Restore a stored story (at start-up, or as another process left it) so later items can join it. */
  restore(storyId: string, members: ClusterInput[]): void {
    const previous = this.stories.get(storyId);
    if (previous) this.retire(previous);
    const story: StoryState = { id: storyId, size: 0, first: Infinity, last: -Infinity, counts: new Map(), events: new Set(), norm: null, cjkMembers: 0, latinMembers: 0 };
    this.stories.set(storyId, story);
    for (const member of members) this.addMember(story, member);
  }

  /** Story numbers continue after `last` (another process may have used numbers meanwhile). */
  continueAfter(last: number): void {
    this.nextNumber = Math.max(this.nextNumber, last + 1);
  }

  get storyCount(): number {
    return this.stories.size;
  }

  private addMember(story: StoryState, item: ClusterInput): void {
    story.size++;
    story.first = Math.min(story.first, item.time);
    story.last = Math.max(story.last, item.time);
    for (const event of item.features.events) story.events.add(event);
    if (item.features.cjk) story.cjkMembers++;
    else story.latinMembers++;
    for (const feature of item.features.weights.keys()) {
      const before = story.counts.get(feature) ?? 0;
      story.counts.set(feature, before + 1);
      if (story.norm) {
        // (c+1)² − c² = 2c + 1: the norm follows the new count without a full pass.
        const delta = (2 * before + 1) * this.idf(feature) ** 2;
        story.norm.all += delta;
        if (isUniversal(feature)) story.norm.universal += delta;
      }
      if (this.documentFrequency(feature) > MOST_DOCUMENTS_FOR_LOOKUP) continue;
      let posting = this.postings.get(feature);
      if (!posting) this.postings.set(feature, (posting = new Set()));
      posting.add(story);
    }
  }

  /**
   * Stories worth comparing with: found through the item's most informative features only (rarest
   * first), and at most MAX_CANDIDATES of them, those sharing the most such features. This keeps the
   * cost per item bounded as the number of stories grows.
   */
  private candidates(item: ClusterInput): StoryState[] {
    const commonCutoff = Math.max(20, Math.min(this.documents * 0.05, MOST_DOCUMENTS_FOR_LOOKUP));
    // Concepts and numbers always count: across languages they are the only shared evidence.
    const informative: string[] = [];
    const rare: Array<{ feature: string; documents: number }> = [];
    for (const feature of item.features.weights.keys()) {
      const documents = this.documentFrequency(feature);
      if (documents > commonCutoff || !this.postings.has(feature)) continue;
      if (isUniversal(feature)) informative.push(feature);
      else rare.push({ feature, documents });
    }
    rare.sort((a, b) => a.documents - b.documents); // rarest first; stable, so ties keep feature order
    for (let i = 0; i < rare.length && i < INFORMATIVE_FEATURES; i++) informative.push(rare[i]!.feature);
    const shared = new Map<StoryState, number>();
    let mostShared = 0;
    for (const feature of informative) {
      for (const story of this.postings.get(feature)!) {
        const count = (shared.get(story) ?? 0) + 1;
        shared.set(story, count);
        if (count > mostShared) mostShared = count;
      }
    }
    const result: StoryState[] = [];
    // The MAX_CANDIDATES stories sharing the most features, ties in the order they were met: counts
    // are small (at most the informative features), so stories are bucketed by count rather than
    // all sorted; a common feature can bring thousands of stories of which only a few are kept.
    const byCount: StoryState[][] = Array.from({ length: mostShared + 1 }, () => []);
    for (const [story, count] of shared) byCount[count]!.push(story);
    let ranked = 0;
    for (let count = mostShared; count > 0 && ranked < MAX_CANDIDATES; count--) {
      for (const story of byCount[count]!) {
        if (ranked++ >= MAX_CANDIDATES) break;
        if (this.stories.get(story.id) !== story) continue;
        // The window runs from a story's first report: one event spans at most `windowMs`. Measured
        // from the last report, a story of look-alike reports could chain on and never retire.
        if (story.first + this.options.windowMs < this.latestTime) {
          this.retire(story); // out of every future window: drop it from the index
          continue;
        }
        if (item.time < story.last - this.options.windowMs || item.time > story.first + this.options.windowMs) continue;
        result.push(story);
      }
    }
    return result;
  }

  private retire(story: StoryState): void {
    for (const feature of story.counts.keys()) this.postings.get(feature)?.delete(story);
    this.stories.delete(story.id);
  }

  private documentFrequency(feature: string): number {
    return this.statistics.get(feature)?.documents ?? 0;
  }

  private idf(feature: string): number {
    const stats = this.statistics.get(feature);
    if (!stats) return Math.log(this.documents + 1) + 1;
    if (stats.idfAt !== this.documents) {
      stats.idf = Math.log((this.documents + 1) / (stats.documents + 1)) + 1;
      stats.idfAt = this.documents;
    }
    return stats.idf;
  }

  private crossesScript(item: ClusterInput, story: StoryState): boolean {
    return item.features.cjk ? story.latinMembers > 0 && story.cjkMembers === 0 : story.cjkMembers > 0 && story.latinMembers === 0;
  }

  /** The squared norm of a story's summed vector (see StoryState.norm). */
  private storyNormSquared(story: StoryState, universalOnly: boolean): number {
    if (!story.norm || this.documents > story.norm.documents * 1.1 + 10) {
      let all = 0;
      let universal = 0;
      for (const [feature, count] of story.counts) {
        const v = count * this.idf(feature);
        all += v * v;
        if (isUniversal(feature)) universal += v * v;
      }
      story.norm = { all, universal, documents: this.documents };
    }
    return universalOnly ? story.norm.universal : story.norm.all;
  }

  /**
   * The item's IDF-weighted features, computed once per item rather than once per candidate story
   * (up to MAX_CANDIDATES): the logarithms were most of the comparison's cost.
   */
  private weighted(item: ClusterInput): ItemVector {
    const size = item.features.weights.size;
    const features = new Array<string>(size);
    const idfs = new Array<number>(size);
    const values = new Array<number>(size);
    const universal = new Array<boolean>(size);
    let norm = 0;
    let universalNorm = 0;
    let i = 0;
    for (const [feature, weight] of item.features.weights) {
      const idf = this.idf(feature);
      const u = weight * idf;
      const isUniversalFeature = isUniversal(feature);
      features[i] = feature;
      idfs[i] = idf;
      values[i] = u;
      universal[i] = isUniversalFeature;
      i++;
      norm += u * u;
      if (isUniversalFeature) universalNorm += u * u;
    }
    return { features, idfs, values, universal, norm, universalNorm };
  }

  /** Cosine between the item and the story's centroid, IDF-weighted; decays beyond the grace gap. */
  private similarity(item: ClusterInput, vector: ItemVector, story: StoryState): number {
    const universalOnly = this.crossesScript(item, story);
    let dot = 0;
    const { features, idfs, values, universal } = vector;
    for (let i = 0; i < features.length; i++) {
      if (universalOnly && !universal[i]) continue;
      const count = story.counts.get(features[i]!);
      if (count) dot += values[i]! * count * idfs[i]!;
    }
    if (dot === 0) return 0;
    const itemNorm = universalOnly ? vector.universalNorm : vector.norm;
    const storyNorm = this.storyNormSquared(story, universalOnly);
    let cosine = dot / Math.sqrt(itemNorm * storyNorm);
    if (item.features.events.size > 0 && story.events.size > 0 && !sharesAny(item.features.events, story.events)) cosine *= this.options.eventMismatch;
    const gap = Math.max(0, item.time - story.last, story.first - item.time);
    return gap <= this.options.graceMs ? cosine : cosine * Math.exp(-(gap - this.options.graceMs) / this.options.decayMs);
  }
}

function sharesAny(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const value of a) if (b.has(value)) return true;
  return false;
}
