import { describe, expect, it } from 'vitest';
import { WriteBatcher } from '../../src/feeds/write-batcher.js';
import type { FeedPollRecord, Store, StoredItem } from '../../src/store/types.js';

const record = (url: string, ids: string[]): FeedPollRecord => ({
  url,
  success: { at: 1, etag: null, lastModified: null, nextDueAt: 2 },
  items: ids.map((id) => ({ id, feedId: url, link: null, title: id, summary: '', published: 1, publishedEstimated: false, source: 's', language: null })),
});

/** A store that records each batched call and returns every item as new. */
function fakeStore(calls: string[][], fail = false): Store {
  return {
    async recordFeedSuccesses(polls: readonly FeedPollRecord[]): Promise<StoredItem[][]> {
      calls.push(polls.map((p) => p.url));
      if (fail) throw new Error('disk full');
      return polls.map((p) => p.items.map((item) => ({ ...item, firstSeen: p.success.at })));
    },
  } as Partial<Store> as Store;
}

describe('WriteBatcher', () => {
  it('writes once every active worker waits, and gives each its own feed’s items', async () => {
    const calls: string[][] = [];
    const batcher = new WriteBatcher(fakeStore(calls), { maxItems: 100, maxWaitMs: 10_000, activeWorkers: () => 2 });
    const [a, b] = await Promise.all([batcher.submit(record('a', ['a1'])), batcher.submit(record('b', ['b1', 'b2']))]);
    expect(calls).toEqual([['a', 'b']]);
    expect(a.map((i) => i.id)).toEqual(['a1']);
    expect(b.map((i) => i.id)).toEqual(['b1', 'b2']);
  });

  it('writes when enough items wait, or after the wait limit', async () => {
    const calls: string[][] = [];
    const batcher = new WriteBatcher(fakeStore(calls), { maxItems: 2, maxWaitMs: 5, activeWorkers: () => 8 });
    await batcher.submit(record('big', ['1', '2']));
    await batcher.submit(record('small', ['3']));
    expect(calls).toEqual([['big'], ['small']]);
  });

  it('a failed write fails every feed in it', async () => {
    const batcher = new WriteBatcher(fakeStore([], true), { maxItems: 100, maxWaitMs: 10_000, activeWorkers: () => 2 });
    const results = await Promise.allSettled([batcher.submit(record('a', ['a1'])), batcher.submit(record('b', ['b1']))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});
