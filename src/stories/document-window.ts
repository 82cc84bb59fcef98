/**
 * Which features the documents of a sliding window of time had, so that document frequencies can
 * forget old news: counted over a process's whole life, every word of a bot's beat ends up common
 * (Senkaku, coast guard, territorial waters …), and a process that has run for months weighs words
 * quite unlike one just restarted, which reads back a week of items.
 *
 * Documents go into buckets of `bucketMs` by the time they are counted at; a bucket leaves the
 * window once it lies `windowMs` behind the latest time. Until a first time is known (a batch
 * counted before it is clustered, or start-up history read before any story), documents wait in
 * a first bucket that takes the first time given. Its features are not listed one by one: all
 * documents counted so far are that bucket's, so the document counts say what it holds.
 */
export class DocumentWindow {
  private open: OpenBucket = { index: null, features: new Int32Array(1024), size: 0, documents: 0 };
  /** Oldest first. */
  private readonly closed: ClosedBucket[] = [];
  /** Documents per feature number while a bucket is compacted; all zero between compactions. */
  private tally = new Int32Array(1024);

  constructor(
    private readonly windowMs: number,
    private readonly bucketMs: number,
  ) {}

  /** One more document, counted in the open bucket. */
  addDocument(): void {
    this.open.documents++;
  }

  /** A feature of the document being counted (each once per document). */
  addFeature(feature: number): void {
    const open = this.open;
    if (open.index === null) return; // the first bucket: see above
    if (open.size === open.features.length) open.features = grownTo(open.features, open.size + 1);
    open.features[open.size++] = feature;
  }

  /**
   * Move the window to `time` (never back): the open bucket is closed when `time` lies in a later
   * bucket, and buckets now out of the window are handed to `forget`, feature by feature with its
   * count. Returns how many documents left the window. `documents` are the counts by feature
   * number, of which the first bucket is made when the first time comes.
   */
  advanceTo(time: number, documents: Int32Array, forget: (feature: number, count: number) => void): number {
    const index = Math.floor(time / this.bucketMs);
    if (this.open.index === null) {
      this.closed.push(firstBucket(documents, this.open.documents, index));
      this.open = { index, features: new Int32Array(1024), size: 0, documents: 0 };
      return 0;
    }
    if (index <= this.open.index) return 0;
    this.closed.push(this.compact(this.open));
    this.open = { index, features: new Int32Array(1024), size: 0, documents: 0 };
    const oldestKept = index - Math.ceil(this.windowMs / this.bucketMs) + 1;
    let forgotten = 0;
    while (this.closed.length > 0 && this.closed[0]!.index < oldestKept) {
      const bucket = this.closed.shift()!;
      for (let i = 0; i < bucket.features.length; i++) forget(bucket.features[i]!, bucket.counts[i]!);
      forgotten += bucket.documents;
    }
    return forgotten;
  }

  /** The bucket as each of its features once, with its count: tallied in place rather than sorted. */
  private compact(bucket: OpenBucket): ClosedBucket {
    const distinct: number[] = [];
    for (const feature of bucket.features.subarray(0, bucket.size)) {
      if (feature >= this.tally.length) this.tally = grownTo(this.tally, feature + 1);
      if (this.tally[feature]!++ === 0) distinct.push(feature);
    }
    const features = Int32Array.from(distinct);
    const counts = new Int32Array(distinct.length);
    distinct.forEach((feature, i) => {
      counts[i] = this.tally[feature]!;
      this.tally[feature] = 0;
    });
    return { index: bucket.index!, features, counts, documents: bucket.documents };
  }
}

/** The documents counted before any time was known, as the bucket of the first time. */
function firstBucket(documents: Int32Array, documentCount: number, index: number): ClosedBucket {
  const features: number[] = [];
  documents.forEach((count, feature) => {
    if (count > 0) features.push(feature);
  });
  return { index, features: Int32Array.from(features), counts: Int32Array.from(features, (feature) => documents[feature]!), documents: documentCount };
}

interface OpenBucket {
  /** The bucket's number (time ÷ bucketMs); null for the first bucket until a first time is known. */
  index: number | null;
  /** The features of its documents, one entry per document having it, in the first `size` places (none for the first bucket). */
  features: Int32Array;
  size: number;
  documents: number;
}

/** A bucket no longer counted into: each feature once, with the number of its documents having it. */
interface ClosedBucket {
  index: number;
  features: Int32Array;
  counts: Int32Array;
  documents: number;
}

function grownTo(array: Int32Array, least: number): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(Math.max(least, array.length * 2));
  grown.set(array);
  return grown;
}
