import { isUniversalFeature, type ItemFeatures } from './features.js';
import { DocumentWindow } from './document-window.js';

export interface ClusterOptions {
  /** Reports further apart than this (ms) are never one story. */
  windowMs: number;
  /** Similarity needed to join a story, between reports in the same script. */
  threshold: number;
  /** Similarity needed between an English and a Chinese/Japanese report (concepts and numbers only). */
  crossScriptThreshold: number;
  /** Gap (ms) from the story's nearest report within which time does not weaken the evidence; beyond it, similarity decays. */
  graceMs: number;
  /**
   * Span (ms) from the story's first report to its last, this report counted, within which time
   * does not weaken the evidence either: reports a few hours apart each must not carry one story of
   * look-alike incidents on from day to day.
   */
  spanGraceMs: number;
  /** Time constant of those decays (ms): reports of one event come within a day or so of each other. */
  decayMs: number;
  /** Factor applied when both sides name kinds of event and none is shared (a summons vs a travel advisory). */
  eventMismatch: number;
  /** Factor applied when both sides name places and none is shared (Kinmen vs the Senkakus). */
  placeMismatch: number;
  /**
   * Factor applied to a report like the story that comes beyond the grace gap and names another
   * day (cosine at least `otherDayLikeness`), or, much like it (`otherFiguresLikeness`), other
   * figures: the next of a run of look-alike incidents (a patrol a day, each with its ship count),
   * not the same one told again. Figures need the closer likeness: follow-ups bring figures of
   * their own (prefectures, tonnes, hours) more often than they name another day.
   */
  repeatMismatch: number;
  otherDayLikeness: number;
  otherFiguresLikeness: number;
  /**
   * Factor applied to a report from an outlet the story already has, beyond the grace gap: outlets
   * rarely tell one event twice a day apart without news, and a report that adds no source is
   * never alerted, so a different event wrongly joined there would go unheard.
   */
  sameOutletLater: number;
  /** Document frequencies (IDF) count the documents of this long, as start-up reads them back. */
  statisticsWindowMs: number;
}

export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = {
  windowMs: 72 * 3_600_000,
  threshold: 0.09,
  crossScriptThreshold: 0.28,
  graceMs: 12 * 3_600_000,
  spanGraceMs: 24 * 3_600_000,
  decayMs: 24 * 3_600_000,
  eventMismatch: 0.3,
  placeMismatch: 0.1,
  repeatMismatch: 0.1,
  otherDayLikeness: 0.25,
  otherFiguresLikeness: 0.5,
  sameOutletLater: 0.3,
  statisticsWindowMs: 7 * 24 * 3_600_000,
};

/**
 * Features in more documents than this share of those counted never find candidates (see
 * candidates()): they say little of which event a report is about ("china" in most stories), and
 * they made the largest posting sets. Relative, as the documents in the window vary with the feeds.
 */
const LOOKUP_SHARE = 0.05;
/**
 * Features stay in the index up to LOOKUP_SHARE of the documents, and up to this many while that
 * share is fewer: a feature common only while few documents are counted (soon after start-up, one
 * wire story copied by many outlets at once) must still find the story its first copy began.
 */
const INDEX_CUTOFF_FLOOR = 400;
/** Term statistics move to a new bucket of documents (document-window.ts), and old stories are swept out, this often (ms). */
const STATISTICS_BUCKET_MS = 6 * 3_600_000;

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

/**
 * The item being assigned, as feature numbers with IDF weights, in the order of its feature map:
 * the first `size` entries of arrays the clusterer reuses from item to item (four arrays per item
 * were a tenth of a pipeline pass's garbage).
 */
interface ItemVector {
  size: number;
  numbers: Int32Array;
  idfs: Float64Array;
  /** weight × idf */
  values: Float64Array;
  /** Squared norms: all features, universal ones only. */
  norm: number;
  universalNorm: number;
}

interface StoryState {
  id: string;
  size: number;
  first: number;
  last: number;
  /** Feature number → number of members that have it. */
  counts: Map<number, number>;
  events: Set<string>;
  /** Its members' outlets (ClusterInput.source). */
  sources: Set<string>;
  /** What its members name: see ItemFeatures. */
  places: Set<string>;
  weekdays: Set<string>;
  dates: Set<string>;
  figures: Set<string>;
  /**
   * Squared norms of the story's summed feature vector (count × idf), all features and universal
   * ones, kept up to date as members join, and recomputed when the corpus has grown notably (IDF
   * drifts). Cosine ignores scale, so the sum stands in for the centroid.
   */
  norm: { all: number; universal: number; statisticsMoves: number } | null;
  cjkMembers: number;
  latinMembers: number;
  /** Out of the index (retire()): postings met before it was retired may still hold it. */
  retired: boolean;
}

/**
 * Online story clustering: each relevant item joins the most similar recent story or starts one.
 * Candidates come from an inverted index of informative features, limited to the time window, so
 * cost grows with the number of items, not with its square.
 */
export class StoryClusterer {
  private readonly options: ClusterOptions;
  /**
   * What the clusterer knows of each feature, in arrays at the feature's number (features.ts):
   * weights, document counts, story counts and comparisons with up to MAX_CANDIDATES stories are
   * array indexes or small-integer keys. Looked up by name, they were a third of clustering.
   */
  private features = new FeatureTable(1024);
  /** Documents in the statistics window (document-window.ts). */
  private documents = 0;
  /** Documents ever counted: numbers each one, so that a feature is counted once per document. */
  private documentSerial = 0;
  /** Documents counted in or forgotten since start: IDFs cached before the last move are stale. */
  private statisticsMoves = 0;
  private readonly window: DocumentWindow;
  private readonly stories = new Map<string, StoryState>();
  private nextNumber = 1;
  /** The latest time met (reports placed): the clusterer's clock. */
  private latestTime = -Infinity;
  private nextSweep = -Infinity;
  /** candidates(): story → informative features it shares with the item; one map, cleared per item. */
  private readonly sharedFeatures = new Map<StoryState, number>();
  private readonly vector: ItemVector = { size: 0, numbers: new Int32Array(64), idfs: new Float64Array(64), values: new Float64Array(64), norm: 0, universalNorm: 0 };

  constructor(options: Partial<ClusterOptions> = {}, private readonly newStoryId: (n: number) => string = (n) => `s${n}`) {
    this.options = { ...DEFAULT_CLUSTER_OPTIONS, ...options };
    this.window = new DocumentWindow(this.options.statisticsWindowMs, STATISTICS_BUCKET_MS);
  }

  /**
   * Count an item's features for IDF: its feature set or weights (extractFeatures), each feature
   * once. Call for every item, relevant or not, before assigning. A document counts at the latest
   * time met. Counts leave the statistics window as later documents come in, never while a batch
   * counted beforehand is being assigned, so a batch is weighed whole.
   */
  observe(features: ReadonlySet<number> | ReadonlyMap<number, number>): void {
    this.startDocument();
    for (const number of features.keys()) this.countOnce(number);
  }

  /**
   * As observe, for an item's features as a walk over its text meets them (visitFeatureKeys), each
   * counted once however often it comes: no set of the item's features is built first. Most items
   * are not flagged and are only counted, so that set was most of their garbage.
   */
  observeEach(walk: (visit: (feature: number) => void) => void): void {
    this.startDocument();
    walk(this.countOnce);
  }

  private startDocument(): void {
    if (this.latestTime > -Infinity) {
      const forgotten = this.window.advanceTo(this.latestTime, this.features.documents, this.forget);
      this.documents -= forgotten;
      this.statisticsMoves += forgotten;
    }
    this.documents++;
    this.documentSerial++;
    this.statisticsMoves++;
    this.window.addDocument();
  }

  private readonly countOnce = (number: number): void => {
    const table = this.cover(number);
    if (table.countedIn[number] === this.documentSerial) return;
    table.countedIn[number] = this.documentSerial;
    table.documents[number]!++;
    this.window.addFeature(number);
  };

  /** A feature's documents that left the statistics window. */
  private readonly forget = (number: number, count: number): void => {
    this.features.documents[number]! -= count;
  };

  /** Put a relevant item into a story (an existing one, or a new one). */
  assign(item: ClusterInput): ClusterDecision {
    this.latestTime = Math.max(this.latestTime, item.time);
    this.sweepIfDue();
    let best: { story: StoryState; similarity: number } | null = null;
    const vector = this.weighted(item);
    for (const story of this.candidates(item, vector)) {
      const needed = this.crossesScript(item, story) ? this.options.crossScriptThreshold : this.options.threshold;
      // The cosine is at most 1: a story that could not reach what is needed, or beat the best one
      // so far, is not compared (in the benchmark, two candidates in three).
      const ceiling = this.similarityCeiling(item, story);
      if (ceiling < needed || (best && ceiling <= best.similarity)) continue;
      const similarity = this.similarity(item, vector, story, ceiling);
      if (similarity >= needed && (!best || similarity > best.similarity)) best = { story, similarity };
    }
    if (best) {
      this.addMember(best.story, item, vector);
      return { storyId: best.story.id, created: false, similarity: best.similarity };
    }
    const story = emptyStory(this.newStoryId(this.nextNumber++));
    // A story restored under a number ahead of the count must not leave a second story
    // of that id in the index: the old one goes, as restore() does with a story it replaces.
    const previous = this.stories.get(story.id);
    if (previous) this.retire(previous);
    this.stories.set(story.id, story);
    this.addMember(story, item, vector);
    return { storyId: story.id, created: true, similarity: 1 };
  }

  /** Restore a stored story (at start-up, or as another process left it) so later items can join it. */
  restore(storyId: string, members: ClusterInput[]): void {
    const previous = this.stories.get(storyId);
    if (previous) this.retire(previous);
    const story = emptyStory(storyId);
    this.stories.set(storyId, story);
    for (const member of members) this.addMember(story, member, this.weighted(member));
  }

  get storyCount(): number {
    return this.stories.size;
  }

  /**
   * Stories out of every future window leave the index, once per statistics bucket: those never
   * met again as candidates would otherwise stay in it, and in memory, for the life of the process.
   */
  private sweepIfDue(): void {
    if (this.latestTime < this.nextSweep) return;
    this.nextSweep = this.latestTime + STATISTICS_BUCKET_MS;
    for (const story of this.stories.values()) if (this.expired(story)) this.retire(story);
  }

  /** Out of every future window: the window runs from a story's first report. */
  private expired(story: StoryState): boolean {
    return story.first + this.options.windowMs < this.latestTime;
  }

  /** The feature table, grown first if it does not reach the feature number yet. */
  private cover(number: number): FeatureTable {
    if (number >= this.features.capacity) this.features = this.features.grown(number + 1);
    return this.features;
  }

  /** `vector` is `item` weighted (see weighted()). */
  private addMember(story: StoryState, item: ClusterInput, vector: ItemVector): void {
    story.size++;
    story.first = Math.min(story.first, item.time);
    story.last = Math.max(story.last, item.time);
    story.sources.add(item.source);
    const { events, places, weekdays, dates, figures } = item.features;
    for (const event of events) story.events.add(event);
    for (const place of places) story.places.add(place);
    for (const weekday of weekdays) story.weekdays.add(weekday);
    for (const date of dates) story.dates.add(date);
    for (const figure of figures) story.figures.add(figure);
    if (item.features.cjk) story.cjkMembers++;
    else story.latinMembers++;
    const { documents, postings } = this.features;
    const mostDocumentsIndexed = Math.max(INDEX_CUTOFF_FLOOR, this.documents * LOOKUP_SHARE);
    for (let i = 0; i < vector.size; i++) {
      const number = vector.numbers[i]!;
      const before = story.counts.get(number) ?? 0;
      story.counts.set(number, before + 1);
      if (story.norm) {
        // (c+1)² − c² = 2c + 1: the norm follows the new count without a full pass.
        const delta = (2 * before + 1) * vector.idfs[i]! ** 2;
        story.norm.all += delta;
        if (isUniversalFeature(number)) story.norm.universal += delta;
      }
      if (documents[number]! > mostDocumentsIndexed) {
        postings[number] = undefined; // too common to find candidates while it stays so
        continue;
      }
      let posting = postings[number];
      if (!posting) postings[number] = posting = new Set();
      posting.add(story);
    }
  }

  /**
   * Stories worth comparing with: found through the item's most informative features only (rarest
   * first), and at most MAX_CANDIDATES of them, those sharing the most such features. This keeps the
   * cost per item bounded as the number of stories grows.
   */
  private candidates(item: ClusterInput, vector: ItemVector): StoryState[] {
    const commonCutoff = Math.max(20, this.documents * LOOKUP_SHARE);
    const { documents, postings } = this.features;
    // Concepts and numbers always count: across languages they are the only shared evidence.
    const informative: number[] = [];
    const rare: number[] = [];
    let common: number[] | null = null;
    for (let i = 0; i < vector.size; i++) {
      const number = vector.numbers[i]!;
      if (!postings[number]) continue;
      if (documents[number]! > commonCutoff) (common ??= []).push(number);
      else if (isUniversalFeature(number)) informative.push(number);
      else rare.push(number);
    }
    // Every feature too common: a wire story copied by many outlets at once, soon after start-up
    // (the cutoff is low while few reports have been seen), makes all of its own words common. Its
    // rarest ones still find the story its first copy began, rather than each copy starting one.
    if (informative.length === 0 && rare.length === 0 && common !== null) rare.push(...common);
    rare.sort((a, b) => documents[a]! - documents[b]!); // rarest first; stable, so ties keep feature order
    for (let i = 0; i < rare.length && i < INFORMATIVE_FEATURES; i++) informative.push(rare[i]!);
    const shared = this.sharedFeatures;
    shared.clear();
    let mostShared = 0;
    for (const number of informative) {
      for (const story of postings[number]!) {
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
    shared.forEach((count, story) => byCount[count]!.push(story));
    let ranked = 0;
    for (let count = mostShared; count > 0 && ranked < MAX_CANDIDATES; count--) {
      for (const story of byCount[count]!) {
        if (ranked++ >= MAX_CANDIDATES) break;
        if (story.retired) continue;
        // The window runs from a story's first report: one event spans at most `windowMs`. Measured
        // from the last report, a story of look-alike reports could chain on and never retire.
        if (this.expired(story)) {
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
    const { postings } = this.features;
    for (const number of story.counts.keys()) postings[number]?.delete(story);
    this.stories.delete(story.id);
    story.retired = true;
  }

  private idf(number: number): number {
    const { documents, idfs, idfAt } = this.features;
    if (idfAt[number] !== this.statisticsMoves) {
      idfs[number] = Math.log((this.documents + 1) / (documents[number]! + 1)) + 1;
      idfAt[number] = this.statisticsMoves;
    }
    return idfs[number]!;
  }

  private crossesScript(item: ClusterInput, story: StoryState): boolean {
    return item.features.cjk ? story.latinMembers > 0 && story.cjkMembers === 0 : story.cjkMembers > 0 && story.latinMembers === 0;
  }

  /** The squared norm of a story's summed vector (see StoryState.norm). */
  private storyNormSquared(story: StoryState, universalOnly: boolean): number {
    if (!story.norm || this.statisticsMoves - story.norm.statisticsMoves > this.documents * 0.1 + 10) {
      let all = 0;
      let universal = 0;
      story.counts.forEach((count, number) => {
        const v = count * this.idf(number);
        all += v * v;
        if (isUniversalFeature(number)) universal += v * v;
      });
      story.norm = { all, universal, statisticsMoves: this.statisticsMoves };
    }
    return universalOnly ? story.norm.universal : story.norm.all;
  }

  /**
   * The item's features as numbers with their IDF weights, computed once per item rather than once
   * per candidate story (up to MAX_CANDIDATES): the logarithms were most of the comparison's cost.
   * The result is the clusterer's one vector, valid until the next call.
   */
  private weighted(item: ClusterInput): ItemVector {
    const vector = this.vector;
    const size = item.features.weights.size;
    if (vector.idfs.length < size) {
      const capacity = Math.max(size, vector.idfs.length * 2);
      vector.numbers = new Int32Array(capacity);
      vector.idfs = new Float64Array(capacity);
      vector.values = new Float64Array(capacity);
    }
    const { numbers, idfs, values } = vector;
    let norm = 0;
    let universalNorm = 0;
    let i = 0;
    // forEach rather than for…of over entries: no [key, value] array per feature.
    item.features.weights.forEach((weight, number) => {
      this.cover(number);
      const idf = this.idf(number);
      const u = weight * idf;
      numbers[i] = number;
      idfs[i] = idf;
      values[i] = u;
      i++;
      norm += u * u;
      if (isUniversalFeature(number)) universalNorm += u * u;
    });
    vector.size = size;
    vector.norm = norm;
    vector.universalNorm = universalNorm;
    return vector;
  }

  /**
   * Cosine between the item and the story's centroid, IDF-weighted, weakened when the two tell of
   * different incidents (other kinds of event, other places, a repeat) and with time (timeFactor).
   * `ceiling` is similarityCeiling(item, story).
   */
  private similarity(item: ClusterInput, vector: ItemVector, story: StoryState, ceiling: number): number {
    const cosine = this.cosine(item, vector, story);
    return cosine === 0 ? 0 : cosine * ceiling * this.repeatFactor(item, story, cosine);
  }

  /** What the similarity would be at a cosine of 1: every factor that does not depend on the cosine. */
  private similarityCeiling(item: ClusterInput, story: StoryState): number {
    const { events, places } = item.features;
    let factor = this.timeFactor(item, story);
    if (namesOthersOnly(events, story.events)) factor *= this.options.eventMismatch;
    if (namesOthersOnly(places, story.places)) factor *= this.options.placeMismatch;
    // Within the grace gap, a second report from one outlet is more likely its own update.
    if (gapTo(story, item.time) > this.options.graceMs && story.sources.has(item.source)) factor *= this.options.sameOutletLater;
    return factor;
  }

  /** repeatMismatch for the next of a run of look-alike incidents (see the option), else 1. */
  private repeatFactor(item: ClusterInput, story: StoryState, cosine: number): number {
    // Within the grace gap, other figures are more likely an update (the count of ships rising).
    if (cosine < this.options.otherDayLikeness || gapTo(story, item.time) <= this.options.graceMs) return 1;
    const { weekdays, dates, figures } = item.features;
    const otherDay = namesOthersOnly(weekdays, story.weekdays) || namesOthersOnly(dates, story.dates);
    const otherFigures = cosine >= this.options.otherFiguresLikeness && namesOthersOnly(figures, story.figures);
    return otherDay || otherFigures ? this.options.repeatMismatch : 1;
  }

  /**
   * The evidence needed grows with time: with the gap to the story's nearest report (reports of
   * one event come close together) and with the span the story would reach, from its first report
   * (or reports a few hours apart would chain one story of look-alike incidents on for days).
   */
  private timeFactor(item: ClusterInput, story: StoryState): number {
    const { graceMs, spanGraceMs, decayMs } = this.options;
    const span = Math.max(story.last, item.time) - Math.min(story.first, item.time);
    return Math.exp(-(Math.max(0, gapTo(story, item.time) - graceMs) + Math.max(0, span - spanGraceMs)) / decayMs);
  }

  /** Cosine between the item and the story's summed vector, IDF-weighted (concepts and numbers only across scripts). */
  private cosine(item: ClusterInput, vector: ItemVector, story: StoryState): number {
    const universalOnly = this.crossesScript(item, story);
    let dot = 0;
    const { size, numbers, idfs, values } = vector;
    for (let i = 0; i < size; i++) {
      const number = numbers[i]!;
      if (universalOnly && !isUniversalFeature(number)) continue;
      const count = story.counts.get(number);
      if (count) dot += values[i]! * count * idfs[i]!;
    }
    if (dot === 0) return 0;
    const itemNorm = universalOnly ? vector.universalNorm : vector.norm;
    return dot / Math.sqrt(itemNorm * this.storyNormSquared(story, universalOnly));
  }
}

/**
 * Per feature number: items having it in the statistics window, its IDF as of `idfAt` (the
 * clusterer's statisticsMoves; recomputed once the counts have moved on; -1 before the first), and
 * the stories having it (features not too common to index: see INDEX_CUTOFF_FLOOR).
 */
class FeatureTable {
  /** Filled to capacity, so the array stays packed however sparse its stories are. */
  readonly postings: Array<Set<StoryState> | undefined>;
  readonly documents: Int32Array;
  /** The last document (its documentSerial) that counted the feature: see observeEach. */
  readonly countedIn: Float64Array;
  readonly idfs: Float64Array;
  readonly idfAt: Float64Array;

  constructor(readonly capacity: number) {
    this.documents = new Int32Array(capacity);
    this.countedIn = new Float64Array(capacity);
    this.idfs = new Float64Array(capacity);
    this.idfAt = new Float64Array(capacity).fill(-1);
    this.postings = new Array<Set<StoryState> | undefined>(capacity).fill(undefined);
  }

  /** A table holding this one's entries, twice the size or more to reach `least` entries. */
  grown(least: number): FeatureTable {
    const next = new FeatureTable(Math.max(least, this.capacity * 2));
    next.documents.set(this.documents);
    next.countedIn.set(this.countedIn);
    next.idfs.set(this.idfs);
    next.idfAt.set(this.idfAt);
    for (let i = 0; i < this.capacity; i++) next.postings[i] = this.postings[i];
    return next;
  }
}

/** From a time to the story's nearest report (0 within its span). */
function gapTo(story: StoryState, time: number): number {
  return Math.max(0, time - story.last, story.first - time);
}

/** Both name some (kinds of event, places …), and none in common. */
function namesOthersOnly(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size === 0 || b.size === 0) return false;
  for (const value of a) if (b.has(value)) return false;
  return true;
}

function emptyStory(id: string): StoryState {
  return { id, size: 0, first: Infinity, last: -Infinity, counts: new Map(), events: new Set(), sources: new Set(), places: new Set(), weekdays: new Set(), dates: new Set(), figures: new Set(), norm: null, cjkMembers: 0, latinMembers: 0, retired: false };
}
